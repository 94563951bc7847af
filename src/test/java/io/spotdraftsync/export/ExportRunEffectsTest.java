package io.spotdraftsync.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import io.spotdraftsync.streams.ActivityStreams;

import org.junit.jupiter.api.Test;

/** A targeted run's effects travel as one job parameter, which holds at most 2,500 characters. */
class ExportRunEffectsTest {

    @Test
    void effectsRoundTripCompactlyAndEverythingIsLeftOut() {
        Map<Long, ActivityStreams.Effect> effects = new HashMap<>();
        for (long id = 1_000_000; id < 1_000_200; id++) {
            effects.put(id, ActivityStreams.of(id % 3 == 0 ? "CONTRACT_APPROVAL_COMPLETED" : id % 3 == 1 ? "CONTRACT_SIGNED" : "CONTRACT_CREATED"));
        }
        String joined = ExportRun.joinEffects(effects);
        assertThat(joined.length()).isLessThan(2_500);
        Map<Long, ActivityStreams.Effect> parsed = ExportRun.parseEffects(joined);
        effects.forEach((id, effect) -> assertThat(parsed.getOrDefault(id, ActivityStreams.Effect.EVERYTHING)).as("contract %d", id)
                .isEqualTo(effect));
        assertThat(ExportRun.parseEffects("")).isEmpty();
    }
}
