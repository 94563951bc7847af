package io.spotdraftsync.export;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The export job.
 *
 * @param overlap          an incremental run reads changes since the previous successful run's start minus
 *                         this, so that clock skew and second-resolution timestamps never lose a change
 * @param concurrency      contracts enriched at once (API calls in flight); the request budget, not this,
 *                         bounds the rate, but at least 2 to 3 are needed to spend it over a slow network
 * @param referenceData    also refresh counterparties and contract types at each run
 * @param progressInterval how often a log line reports progress when the output is not a terminal
 * @param skipLimit        contracts a run may skip because fetching them failed (they are recorded in
 *                         {@code sync_run_skips} and tried again by the next run); one more fails the run. 0: the
 *                         first such contract fails the run
 */
@ConfigurationProperties("sync.export")
@Validated
public record ExportProperties(
        @DefaultValue("5m") @NotNull Duration overlap,
        @DefaultValue("8") @Min(value = 1, message = "sync.export.concurrency must be between 1 and 64")
        @Max(value = 64, message = "sync.export.concurrency must be between 1 and 64") int concurrency,
        @DefaultValue("true") boolean referenceData,
        @DefaultValue("5s") @NotNull Duration progressInterval,
        @DefaultValue("100") @Min(value = 0, message = "sync.export.skip-limit must be between 0 and 100000")
        @Max(value = 100_000, message = "sync.export.skip-limit must be between 0 and 100000") int skipLimit) {

    public ExportProperties {
        if (overlap != null && overlap.isNegative()) {
            throw new IllegalArgumentException("sync.export.overlap must not be negative");
        }
    }
}
