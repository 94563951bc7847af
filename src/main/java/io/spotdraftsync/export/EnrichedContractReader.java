package io.spotdraftsync.export;

import java.util.Iterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import io.spotdraftsync.spotdraft.ContractFilter;
import io.spotdraftsync.spotdraft.PagedResults;
import io.spotdraftsync.spotdraft.SpotDraftClient;
import io.spotdraftsync.spotdraft.model.ContractListItem;
import io.spotdraftsync.spotdraft.model.Page;

import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads the contract list and enriches each contract, running ahead of the chunk being written: a
 * background thread walks the pages and hands every contract to the enrichment pool as soon as it is
 * listed, keeping up to {@code lookahead} contracts in flight or done. So the request budget keeps being
 * spent while a chunk is loaded into the warehouse, instead of idling at every chunk boundary.
 *
 * <p>Items come out in list order, whatever order their enrichment finishes in, because restart depends on
 * it: Spring Batch saves the count of items read at each commit, and a resumed run starts again at the
 * page that count falls in, skipping what that page held before it. Work done ahead of the last commit is
 * simply done again (documents are written once, rows merged).
 */
public class EnrichedContractReader extends AbstractItemCountingItemStreamItemReader<EnrichedContract> {

    private static final Future<EnrichedContract> END = CompletableFuture.completedFuture(null);

    private final SpotDraftClient client;
    private final ContractFilter filter;
    private final int pageSize;
    private final int lookahead;
    private final ContractEnricher enricher;
    private final Executor enrichment;
    private final LongConsumer totalListener;
    private final AtomicLong reported = new AtomicLong(-1);
    private int skipInFirstPage;
    private int firstPage = 1;
    private BlockingQueue<Future<EnrichedContract>> pipeline;
    private Thread lister;

    /**
     * @param lookahead     contracts listed ahead of the one being read (bounded memory and rework)
     * @param totalListener told the {@code total_results} of the pages as they arrive (for progress)
     */
    public EnrichedContractReader(SpotDraftClient client, ContractFilter filter, int pageSize, int lookahead,
            ContractEnricher enricher, Executor enrichment, LongConsumer totalListener) {
        this.client = client;
        this.filter = filter;
        this.pageSize = pageSize;
        this.lookahead = lookahead;
        this.enricher = enricher;
        this.enrichment = enrichment;
        this.totalListener = totalListener;
        setName("contractPages");
    }

    @Override
    protected void jumpToItem(int itemIndex) {
        firstPage = itemIndex / pageSize + 1;
        skipInFirstPage = itemIndex % pageSize;
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
        } catch (java.util.concurrent.ExecutionException failed) {
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
        PagedResults<ContractListItem> pages = PagedResults.of(this::readPage, ContractListItem::id, firstPage);
        int skip = skipInFirstPage;
        lister = new Thread(() -> {
            try {
                Iterator<ContractListItem> items = pages.iterator();
                for (int skipped = 0; skipped < skip && items.hasNext(); skipped++) {
                    items.next();
                }
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

    private EnrichedContract enrich(ContractListItem item) {
        try {
            return enricher.process(item);
        } catch (java.io.IOException failed) {
            throw new java.io.UncheckedIOException(failed);
        }
    }

    private Page<ContractListItem> readPage(int page) {
        Page<ContractListItem> result = client.listContracts(filter, page);
        if (result.totalResults() != null && reported.getAndSet(result.totalResults()) != result.totalResults()) {
            totalListener.accept(result.totalResults());
        }
        return result;
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
