package io.spotdraftsync.spotdraft;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Waits between attempts: "full jitter" exponential backoff, a uniformly random wait between zero and
 * {@code min(max, initial × 2^(retry-1))}, so that many clients that failed together do not retry together;
 * or exactly the server's {@code Retry-After} when it sent one (capped).
 */
final class RetryBackoff {

    private final Duration initial;
    private final Duration max;
    private final Duration maxRetryAfter;

    RetryBackoff(SpotDraftProperties.Retry settings) {
        this.initial = settings.initialBackoff();
        this.max = settings.maxBackoff();
        this.maxRetryAfter = settings.maxRetryAfter();
    }

    /** @param retry 1 for the wait before the second attempt */
    Duration delay(int retry, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
        }
        return Duration.ofNanos(ThreadLocalRandom.current().nextLong(ceiling(retry).toNanos() + 1));
    }

    Duration ceiling(int retry) {
        int doublings = Math.min(Math.max(retry - 1, 0), 30);
        Duration grown = initial.multipliedBy(1L << doublings);
        return grown.compareTo(max) > 0 ? max : grown;
    }
}
