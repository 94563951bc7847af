package io.spotdraftsync.export;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.spotdraftsync.spotdraft.model.ContractId;
import io.spotdraftsync.spotdraft.model.ContractListItem;
import io.spotdraftsync.streams.ActivityStreams;
import io.spotdraftsync.warehouse.StoredContract;

/**
 * The contracts of a webhook-targeted run, split by whether they are listed again: a contract whose activities can
 * change its header or its document (the document's columns live in its header row), or that the warehouse does not
 * know by its numeric id alone (webhooks carry no T/H family), is listed; the others are rebuilt from the stored
 * header and only their due streams are fetched (an approval costs its 2 calls, not 3).
 *
 * @param listed    numeric ids to list (filtered listing of T-n and H-n)
 * @param notListed items rebuilt from the warehouse
 */
record TargetedContracts(List<Long> listed, List<ContractListItem> notListed) {

    static TargetedContracts of(Map<Long, ActivityStreams.Effect> effects, Map<String, StoredContract> stored) {
        Map<Long, List<StoredContract>> byNumber = new HashMap<>();
        stored.values().forEach(contract -> {
            if (ContractId.isComposite(contract.contractId())) {
                byNumber.computeIfAbsent(ContractId.parse(contract.contractId()).number(), n -> new ArrayList<>()).add(contract);
            }
        });
        List<Long> listed = new ArrayList<>();
        List<ContractListItem> notListed = new ArrayList<>();
        for (Map.Entry<Long, ActivityStreams.Effect> entry : effects.entrySet()) {
            ActivityStreams.Effect effect = entry.getValue();
            List<StoredContract> known = byNumber.getOrDefault(entry.getKey(), List.of());
            boolean needsListing = effect.header() || effect.streams().contains(io.spotdraftsync.streams.ContractStream.DOCUMENT)
                    || known.size() != 1 || known.get(0).deleted();
            if (needsListing) {
                listed.add(entry.getKey());
            } else {
                notListed.add(item(known.get(0)));
            }
        }
        return new TargetedContracts(listed.stream().sorted().toList(), notListed);
    }

    /** Targeted ids without an effect (older callers) are listed and fetched whole. */
    static TargetedContracts of(List<Long> contracts, Map<Long, ActivityStreams.Effect> effects, Map<String, StoredContract> stored) {
        Map<Long, ActivityStreams.Effect> all = new HashMap<>();
        contracts.forEach(id -> all.put(id, effects.getOrDefault(id, ActivityStreams.Effect.EVERYTHING)));
        return of(all, stored);
    }

    boolean headerRead(ContractListItem item) {
        return !notListedIds().contains(item.id());
    }

    private Set<String> notListedIds() {
        Set<String> ids = new HashSet<>();
        notListed.forEach(item -> ids.add(item.id()));
        return ids;
    }

    private static ContractListItem item(StoredContract stored) {
        return new ContractListItem(stored.contractId(), null, stored.contractName(), null, stored.contractStatus(), null,
                stored.counterPartyName(), stored.contractTypeName(), stored.contractTypeId(), null, null, null, null, null);
    }
}
