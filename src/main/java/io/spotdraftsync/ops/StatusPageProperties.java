package io.spotdraftsync.ops;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.validation.annotation.Validated;

/**
 * The status page of {@code serve} ({@code /}) and its data ({@code GET /api/status}).
 *
 * @param publicAccess    {@code sync.status-page.public}: when true, {@code GET /api/status} (and so the page) answers
 *                        without the admin token; every other {@code /api} endpoint still needs it
 * @param staleAfter      a workspace whose last successful export or reconciliation ended longer ago than this is shown
 *                        stale
 * @param recentRuns      how many of the last runs the page lists
 * @param refreshInterval how often the page fetches the status again
 */
@ConfigurationProperties("sync.status-page")
@Validated
public record StatusPageProperties(
        @Name("public") @DefaultValue("false") boolean publicAccess,
        @DefaultValue("1h") @NotNull(message = "sync.status-page.stale-after must be set") Duration staleAfter,
        @DefaultValue("10")
        @Min(value = 1, message = "sync.status-page.recent-runs must be between 1 and " + RunViews.MAX_LIMIT)
        @Max(value = RunViews.MAX_LIMIT, message = "sync.status-page.recent-runs must be between 1 and " + RunViews.MAX_LIMIT)
        int recentRuns,
        @DefaultValue("5s") @NotNull(message = "sync.status-page.refresh-interval must be set") Duration refreshInterval) {

    @AssertTrue(message = "sync.status-page.stale-after must be more than 0")
    public boolean isStaleAfterPositive() {
        return staleAfter == null || !(staleAfter.isNegative() || staleAfter.isZero());
    }

    @AssertTrue(message = "sync.status-page.refresh-interval must be between 1s and 1h")
    public boolean isRefreshIntervalInRange() {
        return refreshInterval == null
                || refreshInterval.compareTo(Duration.ofSeconds(1)) >= 0 && refreshInterval.compareTo(Duration.ofHours(1)) <= 0;
    }
}
