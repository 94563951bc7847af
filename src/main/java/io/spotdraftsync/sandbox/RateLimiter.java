package io.spotdraftsync.sandbox;

import java.util.ArrayDeque;
import java.util.OptionalLong;

/**
 * SpotDraft's 10 requests per second, as a sliding window: a request is refused when the limit was already
 * accepted within the 1000 ms before it. Refused requests do not take a place in the window.
 */
final class RateLimiter {

    private static final long WINDOW_NANOS = 1_000_000_000L;

    private final ArrayDeque<Long> accepted = new ArrayDeque<>();
    private int requestsPerSecond;

    RateLimiter(int requestsPerSecond) {
        this.requestsPerSecond = requestsPerSecond;
    }

    /** 0 means unlimited. */
    synchronized void setRequestsPerSecond(int requestsPerSecond) {
        if (requestsPerSecond < 0) {
            throw new IllegalArgumentException("requestsPerSecond must not be negative, was " + requestsPerSecond);
        }
        this.requestsPerSecond = requestsPerSecond;
    }

    /**
     * @return empty when the request is accepted, otherwise the nanoseconds until a place frees up
     */
    synchronized OptionalLong tryAcquire(long nanoTime) {
        while (!accepted.isEmpty() && accepted.peekFirst() <= nanoTime - WINDOW_NANOS) {
            accepted.pollFirst();
        }
        if (requestsPerSecond == 0) {
            return OptionalLong.empty();
        }
        if (accepted.size() >= requestsPerSecond) {
            // the oldest accepted requests leave the window first
            long oldestThatMustLeave = accepted.stream().skip(accepted.size() - requestsPerSecond).findFirst().orElseThrow();
            return OptionalLong.of(oldestThatMustLeave + WINDOW_NANOS - nanoTime);
        }
        accepted.addLast(nanoTime);
        return OptionalLong.empty();
    }
}
