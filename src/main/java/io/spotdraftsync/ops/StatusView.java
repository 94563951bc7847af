package io.spotdraftsync.ops;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What {@code GET /api/status} answers and the status page shows.
 *
 * @param generatedAt       when this was read (ages and lags are as of then)
 * @param publicAccess      whether the status is readable without the admin token ({@code sync.status-page.public})
 * @param staleAfterSeconds a workspace is stale when its freshness age passes this ({@code sync.status-page.stale-after})
 * @param refreshSeconds    how often the page fetches the status again
 * @param workspaces        one per configured workspace
 * @param running           runs in progress (in this process or, without live progress, in another), newest first
 * @param recentRuns        the last runs, newest first, whatever their status
 */
public record StatusView(Instant generatedAt, @JsonProperty("public") boolean publicAccess, long staleAfterSeconds,
        long refreshSeconds, List<Workspace> workspaces, List<RunView> running, List<RunView> recentRuns) {

    /** The freshness of a workspace: {@code fresh}, {@code stale}, or {@code never} (no successful run yet). */
    public static final String FRESH = "fresh";
    public static final String STALE = "stale";
    public static final String NEVER = "never";

    /**
     * @param freshness     {@link #FRESH}, {@link #STALE} or {@link #NEVER}, from the newest successful run of a job that
     *                      brings the whole workspace up to date (export, reconcile)
     * @param lastSuccessAt when that run ended; null when there is none
     * @param ageSeconds    seconds since then; null when there is none
     * @param jobs          the newest successful run of each job of the workspace
     * @param webhookInbox  the webhook events waiting for their run
     * @param requests      API requests per second over the last hour and the budget's limit
     */
    public record Workspace(String name, String freshness, Instant lastSuccessAt, Double ageSeconds, List<JobFreshness> jobs,
            Inbox webhookInbox, RequestRate requests) {
    }

    /**
     * @param job           the Spring Batch job ({@code export}, {@code export.webhook}, {@code reconcile}, {@code import})
     * @param lastSuccessAt the end of its newest COMPLETED run; null when it never completed
     * @param ageSeconds    seconds since then; null when it never completed
     * @param runId         the execution id of that run (as in {@code /api/runs/{id}}); null when it never completed
     * @param coversWorkspace whether a success of this job makes the whole workspace fresh
     */
    public record JobFreshness(String job, Instant lastSuccessAt, Double ageSeconds, Long runId, boolean coversWorkspace) {
    }

    /**
     * @param pending         events not yet processed
     * @param oldestPendingAt when the oldest of them arrived; null when none is pending
     * @param lagSeconds      seconds since then; 0 when none is pending
     * @param retrying        pending events whose run failed at least once (waiting for their next attempt)
     * @param failed          events set aside after {@code sync.webhook.max-attempts} failed attempts
     * @param failedEvents    the newest of them, newest first (at most 20; {@code GET /api/webhook-events} lists all)
     */
    public record Inbox(long pending, Instant oldestPendingAt, double lagSeconds, long retrying, long failed,
            List<FailedEvent> failedEvents) {
    }

    /**
     * A webhook event set aside as failed: retry it with {@code POST /api/webhook-events/{id}/retry}, or discard it.
     *
     * @param lastError why its last attempt failed
     */
    public record FailedEvent(long id, Long contractId, String activity, Instant receivedAt, int attempts,
            Instant lastAttemptAt, String lastError) {
    }

    /**
     * Requests sent by this process's client of the workspace, in buckets over the last hour.
     *
     * @param limitPerSecond       the request budget ({@code spotdraft.requests-per-second})
     * @param start                the start of the first bucket
     * @param bucketSeconds        the width of each bucket
     * @param averagePerSecond     requests per second averaged over each bucket, oldest first
     * @param peakPerSecond        the most requests in any one second of each bucket
     * @param total                requests over the hour
     * @param peakOfHour           the most requests in any one second of the hour
     * @param lastMinutePerSecond  requests per second over the last minute
     */
    public record RequestRate(int limitPerSecond, Instant start, int bucketSeconds, double[] averagePerSecond,
            long[] peakPerSecond, long total, long peakOfHour, double lastMinutePerSecond) {
    }
}
