package io.spotdraftsync.ops.health;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The health checks of {@code serve} ({@code /actuator/health/readiness}).
 *
 * @param spotdraft the SpotDraft reachability check
 */
@ConfigurationProperties("sync.health")
@Validated
public record HealthProperties(@DefaultValue @Valid @NotNull SpotDraft spotdraft) {

    /** The shortest interval between two SpotDraft checks: one API call a minute per pod at most. */
    public static final Duration MIN_SPOTDRAFT_INTERVAL = Duration.ofMinutes(1);

    /**
     * @param interval          one API call ({@code GET contract_types}, from the request budget) at most this often;
     *                          health requests in between answer the last result
     * @param affectsReadiness  false (default): an unreachable SpotDraft shows as {@code UNREACHABLE} and the pod stays
     *                          ready, since it can still receive webhooks into the inbox; true: it is {@code DOWN} and
     *                          the pod is taken out of the Service
     */
    public record SpotDraft(
            @DefaultValue("1m") @NotNull(message = "sync.health.spotdraft.interval must be set") Duration interval,
            @DefaultValue("false") boolean affectsReadiness) {

        @AssertTrue(message = "sync.health.spotdraft.interval must be at least 1m (one API call a minute per pod at most)")
        public boolean isIntervalLongEnough() {
            return interval == null || interval.compareTo(MIN_SPOTDRAFT_INTERVAL) >= 0;
        }
    }
}
