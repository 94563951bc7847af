package io.spotdraftsync.spotdraft;

import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import io.spotdraftsync.spotdraft.model.Page;

/**
 * Lazily walks SpotDraft's {@code page}/{@code limit} pages (no cursor, no sort guarantee).
 *
 * <p>It stops at an empty page, at a page shorter than the limit the server says it used, or once the
 * pages read cover the {@code total_results} of the latest page (so N items cost ceil(N / limit) calls),
 * which tolerates the total changing while it reads. Items whose id was already returned are skipped:
 * pages shift when contracts change during a read, and a shifted item shows up twice. What a shift made
 * us miss is the reconciliation job's to find.
 */
public final class PagedResults<T> implements Iterable<T> {

    private final IntFunction<Page<T>> fetchPage;
    private final Function<T, Object> identity;
    private final int firstPage;

    PagedResults(IntFunction<Page<T>> fetchPage, Function<T, Object> identity) {
        this(fetchPage, identity, 1);
    }

    private PagedResults(IntFunction<Page<T>> fetchPage, Function<T, Object> identity, int firstPage) {
        if (firstPage < 1) {
            throw new IllegalArgumentException("pages start at 1, not " + firstPage);
        }
        this.fetchPage = fetchPage;
        this.identity = identity;
        this.firstPage = firstPage;
    }

    /**
     * @param fetchPage reads one page (1-based)
     * @param identity  what makes two items the same (the contract id)
     * @param firstPage where to start, for a run resumed after its last committed page
     */
    public static <T> PagedResults<T> of(IntFunction<Page<T>> fetchPage, Function<T, Object> identity, int firstPage) {
        return new PagedResults<>(fetchPage, identity, firstPage);
    }

    @Override
    public Iterator<T> iterator() {
        return new PageIterator();
    }

    public Stream<T> stream() {
        return StreamSupport.stream(spliterator(), false);
    }

    private final class PageIterator implements Iterator<T> {
        private final Set<Object> seen = new HashSet<>();
        private Iterator<T> current = List.<T>of().iterator();
        private int nextPage = firstPage;
        private boolean exhausted;
        private T next;

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (current.hasNext()) {
                    T candidate = current.next();
                    if (candidate != null && seen.add(identity.apply(candidate))) {
                        next = candidate;
                    }
                } else if (exhausted) {
                    return false;
                } else {
                    readPage();
                }
            }
            return true;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            T result = next;
            next = null;
            return result;
        }

        private void readPage() {
            int pageNumber = nextPage++;
            Page<T> page = fetchPage.apply(pageNumber);
            List<T> results = page.resultsOrEmpty();
            current = results.iterator();
            int limit = page.limit() == null || page.limit() < 1 ? results.size() : page.limit();
            boolean shortPage = results.size() < limit;
            boolean totalCovered = page.totalResults() != null && (long) pageNumber * limit >= page.totalResults();
            exhausted = results.isEmpty() || shortPage || totalCovered;
        }
    }
}
