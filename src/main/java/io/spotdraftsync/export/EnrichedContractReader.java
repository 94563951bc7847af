package io.spotdraftsync.export;

import java.util.Iterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;

import io.spotdraftsync.spotdraft.SpotDraftAuthenticationException;
import io.spotdraftsync.spotdraft.model.ContractListItem;
import io.spotdraftsync.documents.DocumentStoreIntegrityException;
import io.spotdraftsync.warehouse.WarehouseException;

import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads contracts from a {@link ContractSource} and enriches each, running ahead of the chunk being
 * written: a background thread walks the source and hands every contract to the enrichment pool as soon as
 * it is listed, keeping up to {@code lookahead} contracts in flight or done. So the request budget keeps
 * being spent while a chunk is loaded into the warehouse, instead of idling at every chunk boundary.
 *
 * <p>Items come out in source order, whatever order their enrichment finishes in, because restart depends
 * on it: Spring Batch saves the count of items read at each commit, and a resumed run asks the source for
 * the items from that count on. Work done ahead of the last commit is simply done again (documents are
 * written once, rows merged).
 */
public class EnrichedContractReader extends AbstractItemCountingItemStreamItemReader<EnrichedContract> {

    private static final Future<EnrichedContract> END = CompletableFuture.completedFuture(null);

    private final ContractSource source;
    private final int lookahead;
    private final ContractEnricher enricher;
    private final Executor enrichment;
    private int startIndex;
    private BlockingQueue<Future<EnrichedContract>> pipeline;
    private Thread lister;

    /**
     * @param lookahead contracts listed ahead of the one being read (bounds memory and rework)
     */
    public EnrichedContractReader(ContractSource source, int lookahead, ContractEnricher enricher, Executor enrichment) {
        this.source = source;
        this.lookahead = lookahead;
        this.enricher = enricher;
        this.enrichment = enrichment;
        setName("contractPages");
    }

    @Override
    protected void jumpToItem(int itemIndex) {
        startIndex = itemIndex;
    }

    @Override
    protected void doOpen() {
        // the lister starts at the first read, once jumpToItem has told where to begin
    }

    @Override
    protected EnrichedContract doRead() throws Exception {
        if (pipeline == null) {
            startLister();
        }
        Future<EnrichedContract> next = pipeline.take();
        if (next == END) {
            pipeline.put(END);
            return null;
        }
        try {
            return next.get();
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause() instanceof CompletionException completion && completion.getCause() != null
                    ? completion.getCause() : failed.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw failed;
        }
    }

    private void startLister() {
        pipeline = new ArrayBlockingQueue<>(lookahead + 1);
        int first = startIndex;
        lister = new Thread(() -> {
            try {
                Iterator<ContractListItem> items = source.from(first);
                while (items.hasNext()) {
                    ContractListItem item = items.next();
                    pipeline.put(CompletableFuture.supplyAsync(() -> enrich(item), enrichment));
                }
                pipeline.put(END);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException listingFailed) {
                try {
                    pipeline.put(CompletableFuture.failedFuture(listingFailed));
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "contract-pages");
        lister.setDaemon(true);
        lister.start();
    }

    /**
     * A failure of one contract names it ({@link ContractEnrichmentException}), so that a fault-tolerant step can skip
     * it; wrong credentials and an unusable warehouse concern every contract and stay as they are.
     */
    private EnrichedContract enrich(ContractListItem item) {
        try {
            return enricher.process(item);
        } catch (SpotDraftAuthenticationException | WarehouseException everyContract) {
            throw everyContract;
        } catch (DocumentStoreIntegrityException storeAltersDocuments) {
            // a store that does not keep the bytes written concerns every contract: the run stops, nothing is skipped
            throw new java.io.UncheckedIOException(storeAltersDocuments);
        } catch (java.io.IOException | RuntimeException failed) {
            throw new ContractEnrichmentException(item.id(), failed);
        }
    }

    @Override
    protected void doClose() throws InterruptedException {
        if (lister != null) {
            lister.interrupt();
            lister.join(10_000);
        }
        if (pipeline != null) {
            pipeline.forEach(pending -> pending.cancel(true));
        }
        lister = null;
        pipeline = null;
    }
}
