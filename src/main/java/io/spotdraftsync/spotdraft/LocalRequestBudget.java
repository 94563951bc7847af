package io.spotdraftsync.spotdraft;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.LockSupport;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * An in-process budget: a Bucket4j bucket paces requests, and a sliding log of the actual grant times
 * guarantees the hard limit.
 *
 * <p>Why capacity one: a token bucket lets {@code capacity + rate × window} requests into any window, so a
 * bucket of capacity 10 at 10/s lets almost 20 through in one second. Evenly spaced requests, one every
 * {@code (1 s + margin) / rate}, are the only way to hold "at most N in any one-second window" while
 * still sending close to N per second. Waiters reserve their slot, so concurrent callers are served in
 * order and never burst.
 *
 * <p>Why the log too: a thread reserved for time T wakes a little after T, and a late request followed by
 * an on-time one lands closer than the spacing. The log refuses a grant while the N-th previous grant is
 * less than one second plus the margin ago, measured on the clock after wake-up, so that jitter never
 * adds up to an (N+1)-th request in a window. The margin covers what remains: the time from the grant to
 * SpotDraft's receipt, which varies by a few milliseconds.
 */
public final class LocalRequestBudget implements RequestBudget {

    private final Bucket bucket;
    private final int requestsPerSecond;
    private final long windowNanos;
    private final ArrayDeque<Long> recentGrants = new ArrayDeque<>();

    public LocalRequestBudget(int requestsPerSecond, Duration windowMargin) {
        if (requestsPerSecond < 1) {
            throw new IllegalArgumentException("requests per second must be at least 1, not " + requestsPerSecond);
        }
        if (windowMargin.isNegative()) {
            throw new IllegalArgumentException("the rate limit margin must not be negative");
        }
        this.requestsPerSecond = requestsPerSecond;
        Duration window = Duration.ofSeconds(1).plus(windowMargin);
        this.windowNanos = window.toNanos();
        this.bucket = Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(1).refillGreedy(1, window.dividedBy(requestsPerSecond))
                        .initialTokens(1).build())
                .build();
    }

    @Override
    public Duration acquire() throws InterruptedException {
        long started = System.nanoTime();
        bucket.asBlocking().consume(1);
        holdTheWindow();
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private void holdTheWindow() throws InterruptedException {
        synchronized (recentGrants) {
            while (true) {
                long now = System.nanoTime();
                if (recentGrants.size() < requestsPerSecond) {
                    recentGrants.addLast(now);
                    return;
                }
                long freeAt = recentGrants.peekFirst() + windowNanos;
                if (freeAt <= now) {
                    recentGrants.pollFirst();
                    recentGrants.addLast(now);
                    return;
                }
                // holding the lock keeps grants in order; others wait behind us, which is what they would do anyway
                LockSupport.parkNanos(freeAt - now);
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting for the request budget");
                }
            }
        }
    }

    @Override
    public int requestsPerSecond() {
        return requestsPerSecond;
    }
}
