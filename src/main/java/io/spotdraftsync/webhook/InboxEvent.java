package io.spotdraftsync.webhook;

import java.time.Instant;

/**
 * One stored webhook delivery and where it stands.
 *
 * @param contractId    the numeric contract id the event names; null when the body had none
 * @param activityAt    {@code activity_data.timestamp}; null when the body had none
 * @param status        {@code pending} (waiting for its run, perhaps after a failed attempt), {@code done},
 *                      {@code failed} (set aside after {@code sync.webhook.max-attempts}) or {@code discarded}
 * @param attempts      failed attempts so far
 * @param lastAttemptAt when the last failed attempt ended; null before the first
 * @param nextAttemptAt a pending event that failed waits until then; null when it waits for nothing
 * @param lastError     why the last attempt failed; null before the first
 * @param processedAt   when it was done or discarded; null before
 * @param runId         the targeted run that processed it; null before
 */
public record InboxEvent(long id, String workspace, Long contractId, String activity, Instant activityAt,
        Instant receivedAt, String status, int attempts, Instant lastAttemptAt, Instant nextAttemptAt, String lastError,
        Instant processedAt, String runId) {

    public static final String CONTRACT_DELETED = "CONTRACT_DELETED";

    public boolean deletion() {
        return CONTRACT_DELETED.equals(activity);
    }

    /** Never tried, or tried only by runs that did not finish (a stopped process). */
    public boolean fresh() {
        return attempts == 0;
    }
}
