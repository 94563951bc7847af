package io.spotdraftsync.reconcile;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.spotdraftsync.spotdraft.model.ContractListItem;
import io.spotdraftsync.streams.ContractStream;
import io.spotdraftsync.warehouse.StoredContract;

/**
 * Reconcile's check of every stream through {@code contract_stream_state}: a contract is behind when a stream switched
 * on that applies to it has no state, or a state older than the contract's stored header (the header changed after
 * the stream was last synced, as when a webhook refreshed only some streams).
 */
final class StreamFreshness {

    private StreamFreshness() {
    }

    static Set<String> behind(List<ContractListItem> listed, Map<String, StoredContract> stored,
            Map<String, Map<String, Instant>> states, Set<ContractStream> enabled) {
        Set<String> behind = new HashSet<>();
        for (ContractListItem item : listed) {
            StoredContract row = stored.get(item.id());
            if (row == null || row.deleted()) {
                continue;
            }
            Map<String, Instant> ofContract = states.getOrDefault(item.id(), Map.of());
            for (ContractStream stream : enabled) {
                if (!stream.appliesTo(item.id(), row.contractStatus())) {
                    continue;
                }
                Instant synced = ofContract.get(stream.streamName());
                if (synced == null || (row.extractedAt() != null && synced.isBefore(row.extractedAt()))) {
                    behind.add(item.id());
                    break;
                }
            }
        }
        return behind;
    }
}
