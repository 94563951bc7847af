package io.spotdraftsync.ops.health;

import java.io.IOException;

import io.spotdraftsync.documents.DocumentStore;
import io.spotdraftsync.jobs.Failures;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness component {@code documentStore}: a file can be created in the temporary directory and the document
 * directory, or the S3 bucket answers {@code HeadBucket} ({@link DocumentStore#check()}).
 */
public final class DocumentStoreHealthIndicator implements HealthIndicator {

    private final DocumentStore store;
    private final StatusChanges changes = new StatusChanges("documentStore");

    public DocumentStoreHealthIndicator(DocumentStore store) {
        this.store = store;
    }

    @Override
    public Health health() {
        try {
            store.check();
            return changes.report(Health.up().withDetail("location", store.describe()).build(), "");
        } catch (IOException | RuntimeException failure) {
            return changes.report(Health.down(failure).withDetail("location", store.describe()).build(),
                    store.describe() + ": " + Failures.root(failure).getClass().getSimpleName() + ": " + Failures.rootMessage(failure));
        }
    }
}
