package io.spotdraftsync.ops.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.spotdraftsync.jobs.Failures;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Readiness component {@code spotDraft}: whether SpotDraft answered the last probe (one {@code GET contract_types},
 * one attempt, through the workspace's request budget like every call).
 *
 * <p>A health request never waits for SpotDraft: it answers the last result, and starts a probe in the background
 * when the last one started {@code interval} ago or more (so at most one API call per interval, however often the
 * kubelet asks). Before the first result the status is {@code UNKNOWN}. A failed probe is {@link #UNREACHABLE}, which
 * the status order ranks below {@code UP}, so it does not fail readiness: a SpotDraft outage hits every pod at once,
 * and taking them all out of the Service would refuse the webhooks that the inbox can still take. With
 * {@code affectsReadiness} it is {@code DOWN} instead.
 */
public final class SpotDraftHealthIndicator implements HealthIndicator, AutoCloseable {

    /** SpotDraft did not answer the last probe; ordered after UP, so a group with it and UP components is UP. */
    public static final Status UNREACHABLE = new Status("UNREACHABLE");

    private final Runnable probe;
    private final Duration interval;
    private final boolean affectsReadiness;
    private final Clock clock;
    private final ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "spotdraft-health");
        thread.setDaemon(true);
        return thread;
    });
    private final StatusChanges changes = new StatusChanges("spotDraft");

    private Instant lastStarted;
    private boolean probing;
    private volatile Health last;

    /** @param probe one API call that throws when SpotDraft did not answer it */
    public SpotDraftHealthIndicator(Runnable probe, Duration interval, boolean affectsReadiness, Clock clock) {
        this.probe = probe;
        this.interval = interval;
        this.affectsReadiness = affectsReadiness;
        this.clock = clock;
    }

    @Override
    public Health health() {
        probeIfDue();
        Health result = last;
        return result != null ? result : Health.unknown().withDetail("checked", "not yet: the first check is under way").build();
    }

    private synchronized void probeIfDue() {
        Instant now = clock.instant();
        if (probing || (lastStarted != null && now.isBefore(lastStarted.plus(interval)))) {
            return;
        }
        probing = true;
        lastStarted = now;
        background.execute(this::runProbe);
    }

    private void runProbe() {
        Instant started = clock.instant();
        long nanos = System.nanoTime();
        try {
            probe.run();
            last = changes.report(Health.up().withDetail("checkedAt", started.toString())
                    .withDetail("milliseconds", (System.nanoTime() - nanos) / 1_000_000).build(), "");
        } catch (RuntimeException failure) {
            if (Thread.currentThread().isInterrupted()) {
                return;     // closing: not a finding about SpotDraft
            }
            String reason = failure.getMessage() != null ? failure.getMessage() : Failures.rootMessage(failure);
            last = changes.report(Health.status(affectsReadiness ? Status.DOWN : UNREACHABLE)
                    .withDetail("checkedAt", started.toString()).withDetail("error", reason).build(), reason);
        } finally {
            synchronized (this) {
                probing = false;
            }
        }
    }

    @Override
    public void close() {
        background.shutdownNow();
    }
}
