package io.spotdraftsync.documents;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Meters of one store, per workspace (the first segment of every key): bytes written
 * ({@code sync.document.bytes}) and documents stored ({@code sync.documents.stored}, outcome {@code written} or
 * {@code already_present}), tagged with the store type.
 */
final class DocumentMetrics {

    static final String BYTES = "sync.document.bytes";
    static final String STORED = "sync.documents.stored";

    private final MeterRegistry registry;
    private final String store;
    private final Map<String, Meters> byWorkspace = new ConcurrentHashMap<>();

    /** @param store {@code s3} or {@code directory} */
    DocumentMetrics(MeterRegistry registry, String store) {
        this.registry = registry;
        this.store = store;
    }

    void record(DocumentKey key, StoredDocument document) {
        Meters meters = byWorkspace.computeIfAbsent(key.workspace(), Meters::new);
        if (document.newlyWritten()) {
            meters.written.increment();
            meters.bytesWritten.increment(Math.max(0, document.bytes()));
        } else {
            meters.alreadyPresent.increment();
        }
    }

    private final class Meters {
        final Counter bytesWritten;
        final Counter written;
        final Counter alreadyPresent;

        Meters(String workspace) {
            bytesWritten = Counter.builder(BYTES).baseUnit("bytes")
                    .description("Document bytes written to the document store (documents already stored are not counted)")
                    .tag("workspace", workspace).tag("store", store).register(registry);
            written = stored(workspace, "written");
            alreadyPresent = stored(workspace, "already_present");
        }

        private Counter stored(String workspace, String outcome) {
            return Counter.builder(STORED)
                    .description("Documents stored, by outcome: written now, or already present under their key")
                    .tag("workspace", workspace).tag("store", store).tag("outcome", outcome).register(registry);
        }
    }
}
