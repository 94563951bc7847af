package io.spotdraftsync.spotdraft;

import java.time.Duration;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * An in-process budget on a Bucket4j bucket of capacity one that refills one token every
 * {@code (1 s + margin) / rate}.
 *
 * <p>Why capacity one: a token bucket lets {@code capacity + rate × window} requests into any window, so a
 * bucket of capacity 10 at 10/s lets almost 20 through in one second. Evenly spaced requests are the only
 * way to hold "at most N in any one-second window" while still sending close to N per second. The margin
 * absorbs scheduling and network jitter between our clock and SpotDraft's. Waiters reserve their slot, so
 * concurrent callers are served in order and never burst.
 */
public final class LocalRequestBudget implements RequestBudget {

    private final Bucket bucket;
    private final int requestsPerSecond;

    public LocalRequestBudget(int requestsPerSecond, Duration windowMargin) {
        if (requestsPerSecond < 1) {
            throw new IllegalArgumentException("requests per second must be at least 1, not " + requestsPerSecond);
        }
        if (windowMargin.isNegative()) {
            throw new IllegalArgumentException("the rate limit margin must not be negative");
        }
        this.requestsPerSecond = requestsPerSecond;
        Duration spacing = Duration.ofSeconds(1).plus(windowMargin).dividedBy(requestsPerSecond);
        this.bucket = Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(1).refillGreedy(1, spacing).initialTokens(1).build())
                .build();
    }

    @Override
    public Duration acquire() throws InterruptedException {
        long started = System.nanoTime();
        bucket.asBlocking().consume(1);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @Override
    public int requestsPerSecond() {
        return requestsPerSecond;
    }
}
