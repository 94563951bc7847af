package io.spotdraftsync.documents;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Meters of one store: bytes written ({@code documents.bytes.written}) and documents stored
 * ({@code documents.stored}, outcome {@code written} or {@code already_present}), tagged with the store type.
 */
final class DocumentMetrics {

    private final Counter bytesWritten;
    private final Counter written;
    private final Counter alreadyPresent;

    /** @param store {@code s3} or {@code directory} */
    DocumentMetrics(MeterRegistry registry, String store) {
        this.bytesWritten = Counter.builder("documents.bytes.written").baseUnit("bytes")
                .description("Document bytes written to the document store (already stored ones not counted)")
                .tag("store", store).register(registry);
        this.written = stored(registry, store, "written");
        this.alreadyPresent = stored(registry, store, "already_present");
    }

    void record(StoredDocument document) {
        if (document.newlyWritten()) {
            written.increment();
            bytesWritten.increment(document.bytes());
        } else {
            alreadyPresent.increment();
        }
    }

    private static Counter stored(MeterRegistry registry, String store, String outcome) {
        return Counter.builder("documents.stored")
                .description("Documents stored, by outcome: written now, or already present under their key")
                .tag("store", store).tag("outcome", outcome).register(registry);
    }
}
