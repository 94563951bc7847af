package io.spotdraftsync.spotdraft;

import java.time.Duration;

/**
 * What a client has spent so far; a job takes one snapshot at its start and one at its end.
 *
 * @param calls           API requests sent (every attempt counts: each one spends budget)
 * @param tooManyRequests 429 answers received
 * @param retries         attempts after the first
 * @param budgetWait      time spent waiting for the request budget
 */
public record ClientCounters(long calls, long tooManyRequests, long retries, Duration budgetWait) {

    public ClientCounters minus(ClientCounters earlier) {
        return new ClientCounters(calls - earlier.calls, tooManyRequests - earlier.tooManyRequests,
                retries - earlier.retries, budgetWait.minus(earlier.budgetWait));
    }
}
