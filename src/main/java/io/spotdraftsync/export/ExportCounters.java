package io.spotdraftsync.export;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
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
    /** Contracts skipped because fetching them failed, with the reason, in the order they failed. */
    private final Map<String, String> failedContracts = Collections.synchronizedMap(new LinkedHashMap<>());

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

    void contractFailed(String contractId, String reason) {
        failedContracts.put(contractId, reason);
    }

    /** Contracts skipped because fetching them failed, by composite id, with the reason (committed chunks). */
    public Map<String, String> failedContracts() {
        synchronized (failedContracts) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(failedContracts));
        }
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
        failedContracts.clear();
        failedContracts.putAll(decode(context.getString(PREFIX + "failedContracts", "")));
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(PREFIX + "contractsRead", contractsRead.get());
        context.putLong(PREFIX + "contractsWritten", contractsWritten.get());
        context.putLong(PREFIX + "contractsUnchanged", contractsUnchanged.get());
        context.putLong(PREFIX + "documentsWritten", documentsWritten.get());
        context.putLong(PREFIX + "documentBytes", documentBytes.get());
        context.putString(PREFIX + "failedContracts", encode(failedContracts()));
    }

    /** One line per contract, {@code id<TAB>reason}: a plain string, whatever the context's serializer. */
    private static String encode(Map<String, String> contracts) {
        StringBuilder text = new StringBuilder();
        contracts.forEach((id, reason) -> text.append(id).append('\t')
                .append(reason == null ? "" : reason.replaceAll("[\\t\\r\\n]+", " ")).append('\n'));
        return text.toString();
    }

    private static Map<String, String> decode(String text) {
        Map<String, String> contracts = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                contracts.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        return contracts;
    }
}
