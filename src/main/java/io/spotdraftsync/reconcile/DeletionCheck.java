package io.spotdraftsync.reconcile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.spotdraftsync.spotdraft.ContractFilter;
import io.spotdraftsync.spotdraft.PagedResults;
import io.spotdraftsync.spotdraft.SpotDraftClient;
import io.spotdraftsync.spotdraft.model.ContractListItem;

/**
 * What SpotDraft answers, by id, about the contracts its full listing left out. A listing can omit live contracts
 * (a search index that lags, a page cut short), so a contract counts as deleted only when the listing filtered by
 * its id ({@code filter__contract_id[$in]}, {@value #IDS_PER_CALL} ids per call) does not return it either: the
 * documented meaning of a deletion is that the contract disappears from the list.
 *
 * @param present the contracts SpotDraft still has: listing misses, never to be flagged deleted
 * @param gone    the ids it does not return: confirmed deleted
 * @param calls   list pages requested for the check (ceil(unlisted / 100) with a page size of 100)
 */
record DeletionCheck(List<ContractListItem> present, List<String> gone, int calls) {

    static final int IDS_PER_CALL = 100;

    static DeletionCheck of(SpotDraftClient client, List<String> unlisted) {
        AtomicInteger calls = new AtomicInteger();
        List<ContractListItem> present = new ArrayList<>();
        Set<String> returned = new HashSet<>();
        for (int from = 0; from < unlisted.size(); from += IDS_PER_CALL) {
            ContractFilter byId = ContractFilter.none().contractIdIn(unlisted.subList(from, Math.min(unlisted.size(), from + IDS_PER_CALL)));
            PagedResults<ContractListItem> pages = PagedResults.of(page -> {
                calls.incrementAndGet();
                return client.listContracts(byId, page);
            }, ContractListItem::id, 1);
            for (ContractListItem item : pages) {
                if (returned.add(item.id())) {
                    present.add(item);
                }
            }
        }
        List<String> gone = unlisted.stream().filter(id -> !returned.contains(id)).toList();
        return new DeletionCheck(List.copyOf(present), gone, calls.get());
    }
}
