package io.spotdraftsync.export;

import java.util.concurrent.atomic.AtomicLong;

import io.spotdraftsync.documents.StoredDocument;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;

/**
 * Counts of one export step that Spring Batch does not keep itself, counted by the writer for committed
 * chunks only. Saved in the step's execution context at every commit, so a resumed run goes on counting
 * where the failed one stopped. A document stored by a chunk that then failed is found already stored on
 * resume, and counted by neither.
 */
public class ExportCounters implements ItemStream {

    private static final String PREFIX = "export.counters.";

    private final AtomicLong contractsRead = new AtomicLong();
    private final AtomicLong contractsWritten = new AtomicLong();
    private final AtomicLong contractsUnchanged = new AtomicLong();
    private final AtomicLong documentsWritten = new AtomicLong();
    private final AtomicLong documentBytes = new AtomicLong();

    void documentStored(StoredDocument document) {
        if (document.newlyWritten()) {
            documentsWritten.incrementAndGet();
            documentBytes.addAndGet(Math.max(0, document.bytes()));
        }
    }

    void contractsLoaded(int read, int written, int unchanged) {
        contractsRead.addAndGet(read);
        contractsWritten.addAndGet(written);
        contractsUnchanged.addAndGet(unchanged);
    }

    /** Contracts read and loaded (written or found unchanged) by committed chunks. */
    public long contractsRead() {
        return contractsRead.get();
    }

    public long contractsWritten() {
        return contractsWritten.get();
    }

    public long contractsUnchanged() {
        return contractsUnchanged.get();
    }

    public long documentsWritten() {
        return documentsWritten.get();
    }

    public long documentBytes() {
        return documentBytes.get();
    }

    @Override
    public void open(ExecutionContext context) {
        contractsRead.set(context.getLong(PREFIX + "contractsRead", 0));
        contractsWritten.set(context.getLong(PREFIX + "contractsWritten", 0));
        contractsUnchanged.set(context.getLong(PREFIX + "contractsUnchanged", 0));
        documentsWritten.set(context.getLong(PREFIX + "documentsWritten", 0));
        documentBytes.set(context.getLong(PREFIX + "documentBytes", 0));
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(PREFIX + "contractsRead", contractsRead.get());
        context.putLong(PREFIX + "contractsWritten", contractsWritten.get());
        context.putLong(PREFIX + "contractsUnchanged", contractsUnchanged.get());
        context.putLong(PREFIX + "documentsWritten", documentsWritten.get());
        context.putLong(PREFIX + "documentBytes", documentBytes.get());
    }
}
