package io.spotdraftsync.reconcile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import io.spotdraftsync.documents.DocumentStore;
import io.spotdraftsync.warehouse.StoredContract;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code reconcile --verify-documents}: asks the document store for the size of every document the warehouse records
 * for a live contract (one HeadObject on S3, one file size in a directory; no SpotDraft call) and reports those that
 * are missing or of another size than recorded.
 */
final class StoredDocumentCheck {

    private static final Logger log = LoggerFactory.getLogger(StoredDocumentCheck.class);

    private StoredDocumentCheck() {
    }

    /** @return the contracts whose stored document differs from the warehouse's record */
    static Set<String> mismatches(DocumentStore store, Map<String, StoredContract> stored, Executor lookups) {
        List<CompletableFuture<String>> checks = new ArrayList<>();
        for (StoredContract row : stored.values()) {
            if (row.deleted() || row.documentKey() == null) {
                continue;
            }
            checks.add(CompletableFuture.supplyAsync(() -> differs(store, row) ? row.contractId() : null, lookups));
        }
        Set<String> mismatched = new HashSet<>();
        try {
            for (CompletableFuture<String> check : checks) {
                String id = check.join();
                if (id != null) {
                    mismatched.add(id);
                }
            }
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
        log.info("Checked {} stored documents in {}: {} missing or of another size than the warehouse records",
                checks.size(), store.describe(), mismatched.size());
        return mismatched;
    }

    private static boolean differs(DocumentStore store, StoredContract row) {
        try {
            OptionalLong held = store.storedBytes(row.documentKey());
            if (held.isEmpty()) {
                log.warn("Contract {}: no document at {} in {}", row.contractId(), row.documentKey(), store.describe());
                return true;
            }
            if (row.documentBytes() != null && held.getAsLong() != row.documentBytes()) {
                log.warn("Contract {}: {} in {} holds {} bytes where the warehouse records {}", row.contractId(), row.documentKey(),
                        store.describe(), held.getAsLong(), row.documentBytes());
                return true;
            }
            return false;
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
