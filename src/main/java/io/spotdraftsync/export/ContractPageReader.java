package io.spotdraftsync.export;

import java.util.Iterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import io.spotdraftsync.spotdraft.ContractFilter;
import io.spotdraftsync.spotdraft.PagedResults;
import io.spotdraftsync.spotdraft.SpotDraftClient;
import io.spotdraftsync.spotdraft.model.ContractListItem;
import io.spotdraftsync.spotdraft.model.Page;

import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads the contract list page after page, one page ahead of the chunk being processed, so that the
 * budget keeps being spent while a chunk is written. Restartable: Spring Batch saves the count of items
 * read at each commit, and a resumed run starts again at the page that count falls in (chunks are one
 * page long, so that is the first page not yet committed).
 */
public class ContractPageReader extends AbstractItemCountingItemStreamItemReader<ContractListItem> {

    private static final Object END = new Object();

    private final SpotDraftClient client;
    private final ContractFilter filter;
    private final int pageSize;
    private final LongConsumer totalListener;
    private final AtomicLong reported = new AtomicLong(-1);
    private int skipInFirstPage;
    private int firstPage = 1;
    private BlockingQueue<Object> buffer;
    private Thread prefetcher;

    /**
     * @param totalListener told the {@code total_results} of each page as it arrives (for progress)
     */
    public ContractPageReader(SpotDraftClient client, ContractFilter filter, int pageSize, LongConsumer totalListener) {
        this.client = client;
        this.filter = filter;
        this.pageSize = pageSize;
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
        // the prefetcher starts at the first read, once jumpToItem has told where to begin
    }

    @Override
    protected ContractListItem doRead() throws Exception {
        if (buffer == null) {
            startPrefetcher();
        }
        Object next = buffer.take();
        if (next == END) {
            buffer.put(END);
            return null;
        }
        if (next instanceof RuntimeException failure) {
            buffer.put(failure);
            throw failure;
        }
        return (ContractListItem) next;
    }

    private void startPrefetcher() {
        buffer = new ArrayBlockingQueue<>(2 * pageSize + 1);
        PagedResults<ContractListItem> pages = PagedResults.of(this::readPage, ContractListItem::id, firstPage);
        int skip = skipInFirstPage;
        prefetcher = new Thread(() -> {
            try {
                Iterator<ContractListItem> items = pages.iterator();
                for (int skipped = 0; skipped < skip && items.hasNext(); skipped++) {
                    items.next();
                }
                while (items.hasNext()) {
                    buffer.put(items.next());
                }
                buffer.put(END);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException failure) {
                buffer.clear();
                buffer.offer(failure);
            }
        }, "contract-pages");
        prefetcher.setDaemon(true);
        prefetcher.start();
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
        if (prefetcher != null) {
            prefetcher.interrupt();
            prefetcher.join(10_000);
        }
        prefetcher = null;
        buffer = null;
    }
}
