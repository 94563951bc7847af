package io.spotdraftsync.export;

import java.util.Iterator;
import java.util.List;
import java.util.function.LongConsumer;

import io.spotdraftsync.spotdraft.ContractFilter;
import io.spotdraftsync.spotdraft.PagedResults;
import io.spotdraftsync.spotdraft.SpotDraftClient;
import io.spotdraftsync.spotdraft.model.ContractListItem;
import io.spotdraftsync.spotdraft.model.Page;

/** Where a run's contracts come from, from a given item on (where a resumed run starts again). */
@FunctionalInterface
public interface ContractSource {

    Iterator<ContractListItem> from(int itemIndex);

    /**
     * The contract list, filtered, page after page. A resumed run starts at the page its item count falls in,
     * skipping what that page held before it (chunks are one page long, so usually nothing).
     *
     * @param totalListener told the {@code total_results} of the pages as they arrive (for progress)
     */
    static ContractSource pages(SpotDraftClient client, ContractFilter filter, int pageSize, LongConsumer totalListener) {
        return itemIndex -> {
            long[] reported = {-1};
            PagedResults<ContractListItem> pages = PagedResults.of(page -> {
                Page<ContractListItem> result = client.listContracts(filter, page);
                if (result.totalResults() != null && reported[0] != result.totalResults()) {
                    reported[0] = result.totalResults();
                    totalListener.accept(result.totalResults());
                }
                return result;
            }, ContractListItem::id, itemIndex / pageSize + 1);
            Iterator<ContractListItem> items = pages.iterator();
            for (int skipped = 0; skipped < itemIndex % pageSize && items.hasNext(); skipped++) {
                items.next();
            }
            return items;
        };
    }

    /**
     * The contracts with these composite ids, listed {@value #IDS_PER_LISTING} ids per call
     * ({@code filter__contract_id[$in]}) at the first read, in id order (so a resumed run finds them in the same
     * order); those no longer listed are left out.
     */
    static ContractSource byIds(SpotDraftClient client, List<String> compositeIds) {
        java.util.concurrent.atomic.AtomicReference<List<ContractListItem>> listed = new java.util.concurrent.atomic.AtomicReference<>();
        return itemIndex -> {
            if (listed.get() == null) {
                List<ContractListItem> items = new java.util.ArrayList<>();
                List<String> ids = compositeIds.stream().distinct().sorted().toList();
                for (int from = 0; from < ids.size(); from += IDS_PER_LISTING) {
                    client.contracts(ContractFilter.none().contractIdIn(ids.subList(from, Math.min(ids.size(), from + IDS_PER_LISTING))))
                            .forEach(items::add);
                }
                items.sort(java.util.Comparator.comparing(ContractListItem::id));
                listed.set(items);
            }
            return of(listed.get()).from(itemIndex);
        };
    }

    /** Ids per filtered listing: one page of 100 holds every match. */
    int IDS_PER_LISTING = 100;

    /** Contracts already listed (a reconciliation's repairs). */
    static ContractSource of(List<ContractListItem> items) {
        return itemIndex -> items.subList(Math.min(itemIndex, items.size()), items.size()).iterator();
    }
}
