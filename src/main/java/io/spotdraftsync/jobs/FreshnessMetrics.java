package io.spotdraftsync.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauge {@value #NAME}{workspace, sync_job}: seconds since the start of the last successful run of each job (its
 * watermark: everything SpotDraft changed before that instant is in the warehouse). Read from
 * {@code sync_watermarks} in the job repository, so it is right after a restart and on every pod; the rows are
 * read again at most every {@link #REFRESH} (scrapes in between only subtract). NaN until a job's first success.
 */
public final class FreshnessMetrics {

    public static final String NAME = "sync.freshness";
    static final Duration REFRESH = Duration.ofSeconds(15);
    private static final Logger log = LoggerFactory.getLogger(FreshnessMetrics.class);

    private final WatermarkStore watermarks;
    private final String workspace;
    private final Clock clock;
    private Map<String, Instant> cached = Map.of();
    private Instant readAt;

    /** @param jobs the jobs that keep a watermark: {@code export}, {@code reconcile} */
    public FreshnessMetrics(WatermarkStore watermarks, String workspace, List<String> jobs, MeterRegistry registry, Clock clock) {
        this.watermarks = watermarks;
        this.workspace = workspace;
        this.clock = clock;
        for (String job : jobs) {
            Gauge.builder(NAME, this, metrics -> metrics.ageSeconds(job)).baseUnit("seconds")
                    .description("Seconds since the start of the last successful run of the job (its watermark); NaN before the first")
                    .tag("workspace", workspace).tag("sync_job", job).strongReference(true).register(registry);
        }
    }

    /** Seconds since the job's watermark; NaN when it has none. */
    public double ageSeconds(String job) {
        Instant watermark = current().get(job);
        return watermark == null ? Double.NaN : Math.max(0, Duration.between(watermark, clock.instant()).toMillis() / 1000.0);
    }

    private synchronized Map<String, Instant> current() {
        Instant now = clock.instant();
        if (readAt == null || !now.isBefore(readAt.plus(REFRESH))) {
            readAt = now;
            try {
                cached = Map.copyOf(watermarks.watermarks(workspace));
            } catch (RuntimeException unavailable) {
                // watermarks only move forward: the ones read before are still true lower bounds of freshness
                log.debug("Freshness: could not read sync_watermarks ({}); keeping the values read before", unavailable.getMessage());
            }
        }
        return cached;
    }
}
