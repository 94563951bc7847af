package io.spotdraftsync.spotdraft;

import java.time.Duration;

/**
 * The request budget of one SpotDraft workspace, taken before every API request (retries included).
 * Implementations must keep every caller that shares the workspace under the workspace's rate in any
 * one-second window: one process ({@link LocalRequestBudget}) or several sharing a database.
 */
public interface RequestBudget {

    /**
     * Blocks until one request may be sent.
     *
     * @return how long the caller waited
     */
    Duration acquire() throws InterruptedException;

    /** Requests per second this budget allows. */
    int requestsPerSecond();
}
