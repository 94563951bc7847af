package io.spotdraftsync.sandbox;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Collects the numbers behind {@link SandboxStats}; thread-safe. */
final class TrafficStats {

    private static final long WINDOW_NANOS = 1_000_000_000L;

    private final ArrayDeque<Long> recentArrivals = new ArrayDeque<>();
    private long requestsServed;
    private long maxInWindow;
    private final LongAdder tooManyRequests = new LongAdder();
    private final LongAdder faults = new LongAdder();
    private final LongAdder webhooksSent = new LongAdder();
    private final LongAdder webhooksFailed = new LongAdder();
    private final LongAdder webhooksDropped = new LongAdder();
    private final Map<String, LongAdder> byEndpoint = new ConcurrentHashMap<>();

    /** Records an {@code /api/} arrival at {@code nanoTime} (as read when it was received). */
    synchronized void apiArrival(long nanoTime, String endpointKey) {
        requestsServed++;
        while (!recentArrivals.isEmpty() && recentArrivals.peekFirst() <= nanoTime - WINDOW_NANOS) {
            recentArrivals.pollFirst();
        }
        recentArrivals.addLast(nanoTime);
        maxInWindow = Math.max(maxInWindow, recentArrivals.size());
        endpoint(endpointKey);
    }

    /** Counts a request outside {@code /api/} (signed file downloads) for its endpoint only. */
    void endpoint(String endpointKey) {
        byEndpoint.computeIfAbsent(endpointKey, key -> new LongAdder()).increment();
    }

    void tooManyRequests() {
        tooManyRequests.increment();
    }

    void fault() {
        faults.increment();
    }

    void webhookSent() {
        webhooksSent.increment();
    }

    void webhookFailed() {
        webhooksFailed.increment();
    }

    void webhookDropped() {
        webhooksDropped.increment();
    }

    synchronized SandboxStats snapshot() {
        Map<String, Long> endpoints = new TreeMap<>();
        byEndpoint.forEach((key, count) -> endpoints.put(key, count.sum()));
        return new SandboxStats(requestsServed, maxInWindow, tooManyRequests.sum(), faults.sum(), webhooksSent.sum(),
                webhooksFailed.sum(), webhooksDropped.sum(), endpoints);
    }

    synchronized void reset() {
        recentArrivals.clear();
        requestsServed = 0;
        maxInWindow = 0;
        tooManyRequests.reset();
        faults.reset();
        webhooksSent.reset();
        webhooksFailed.reset();
        webhooksDropped.reset();
        byEndpoint.clear();
    }
}
