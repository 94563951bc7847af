package io.spotdraftsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.spotdraftsync.streams.ActivityStreams;
import io.spotdraftsync.streams.ContractStream;

import org.junit.jupiter.api.Test;

/** The worker asks each targeted run for only what the gathered activities of each contract can change. */
class WebhookEffectsTest {

    private static InboxEvent event(long id, Long contract, String activity) {
        Instant at = Instant.parse("2026-12-04T10:00:00Z");
        return new InboxEvent(id, "acme", contract, activity, at, at, "pending", 0, null, null, null, null, null);
    }

    @Test
    void theActivitiesOfEachContractAddUp() {
        List<InboxEvent> batch = List.of(event(1, 11L, "CONTRACT_APPROVAL_COMPLETED"), event(2, 12L, "CONTRACT_KEY_POINTER_UPDATION"),
                event(3, 11L, "CONTRACT_APPROVAL_REQUESTED"), event(4, 13L, "CONTRACT_VOIDED"));
        Map<Long, ActivityStreams.Effect> effects = WebhookWorker.effects(batch, new LinkedHashSet<>(List.of(11L, 12L, 13L)));

        assertThat(effects.get(11L).header()).isFalse();
        assertThat(effects.get(11L).streams()).containsExactlyInAnyOrder(ContractStream.APPROVALS, ContractStream.PROCESS_METRICS);
        assertThat(effects.get(12L).streams()).containsExactly(ContractStream.KEY_POINTERS);
        assertThat(effects.get(13L)).isEqualTo(ActivityStreams.Effect.EVERYTHING);
    }
}
