package io.spotdraftsync.webhook;

import java.time.Instant;

/**
 * One stored webhook delivery.
 *
 * @param contractId the numeric contract id the event names; null when the body had none
 * @param activityAt {@code activity_data.timestamp}; null when the body had none
 */
public record InboxEvent(long id, String workspace, Long contractId, String activity, Instant activityAt,
        Instant receivedAt) {

    public static final String CONTRACT_DELETED = "CONTRACT_DELETED";

    public boolean deletion() {
        return CONTRACT_DELETED.equals(activity);
    }
}
