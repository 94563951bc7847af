package io.spotdraftsync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import io.spotdraftsync.spotdraft.model.ContractListItem;
import io.spotdraftsync.streams.ContractStream;
import io.spotdraftsync.warehouse.StoredContract;

import org.junit.jupiter.api.Test;

class StreamFreshnessTest {

    private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-01-02T00:00:00Z");

    private static ContractListItem item(String id, String status) {
        return new ContractListItem(id, null, "c", null, status, null, null, null, null, null, null, null, null, null);
    }

    private static StoredContract stored(String id, String status, Instant extractedAt) {
        return new StoredContract(id, status, "c", null, null, null, null, null, null, null, null, null, false, extractedAt);
    }

    private static Map<String, Instant> all(Instant at, ContractStream... streams) {
        Map<String, Instant> states = new java.util.HashMap<>();
        for (ContractStream stream : streams) {
            states.put(stream.streamName(), at);
        }
        return states;
    }

    @Test
    void aStreamMissingOrOlderThanTheContractIsBehindAndOnlyEnabledApplicableStreamsCount() {
        EnumSet<ContractStream> every = EnumSet.allOf(ContractStream.class);
        List<ContractListItem> listed = List.of(item("T-1", "SIGN"), item("T-2", "SIGN"), item("T-3", "SIGN"), item("H-4", "EXECUTED"),
                item("T-5", "DRAFT"));
        Map<String, StoredContract> stored = Map.of("T-1", stored("T-1", "SIGN", T1), "T-2", stored("T-2", "SIGN", T2),
                "T-3", stored("T-3", "SIGN", T1), "H-4", stored("H-4", "EXECUTED", T1), "T-5", stored("T-5", "DRAFT", T1));
        Map<String, Map<String, Instant>> states = Map.of(
                "T-1", all(T1, ContractStream.values()),
                // header changed after the streams were synced
                "T-2", all(T1, ContractStream.values()),
                // approvals never synced
                "T-3", all(T1, ContractStream.KEY_POINTERS, ContractStream.DOCUMENT, ContractStream.PROCESS_METRICS,
                        ContractStream.RECIPIENTS),
                // historical: key pointers and document only
                "H-4", all(T1, ContractStream.KEY_POINTERS, ContractStream.DOCUMENT),
                // draft: no process metrics
                "T-5", all(T1, ContractStream.KEY_POINTERS, ContractStream.DOCUMENT, ContractStream.APPROVALS, ContractStream.RECIPIENTS));

        assertThat(StreamFreshness.behind(listed, stored, states, every)).containsExactlyInAnyOrder("T-2", "T-3");
        assertThat(StreamFreshness.behind(listed, stored, states, EnumSet.complementOf(EnumSet.of(ContractStream.APPROVALS))))
                .as("a disabled stream is never behind").containsExactly("T-2");
    }
}
