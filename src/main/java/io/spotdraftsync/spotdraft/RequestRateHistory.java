package io.spotdraftsync.spotdraft;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * The API requests one workspace's client sent in each second of the last hour, in memory: what the status page
 * charts against the budget. One slot per second (a ring of {@value #SECONDS}), so the peak of any one second is
 * exact, which is the window the budget is defined over. Thread-safe; recording is a short synchronized increment.
 */
public final class RequestRateHistory {

    /** How far back the history goes, in seconds. */
    public static final int SECONDS = 3600;

    private final Clock clock;
    private final long[] counts = new long[SECONDS];
    /** The epoch second each slot counts; a slot holding an older second is stale and reads as zero. */
    private final long[] secondOfSlot = new long[SECONDS];

    public RequestRateHistory() {
        this(Clock.systemUTC());
    }

    public RequestRateHistory(Clock clock) {
        this.clock = clock;
        Arrays.fill(secondOfSlot, Long.MIN_VALUE);
    }

    /** One request sent now. */
    public void record() {
        long second = clock.millis() / 1000;
        int slot = slot(second);
        synchronized (this) {
            if (secondOfSlot[slot] != second) {
                secondOfSlot[slot] = second;
                counts[slot] = 0;
            }
            counts[slot]++;
        }
    }

    /**
     * The last hour up to the last whole second, in buckets of {@code bucketSeconds} (a divisor of 3600), oldest first.
     */
    public Series series(int bucketSeconds) {
        if (bucketSeconds < 1 || SECONDS % bucketSeconds != 0) {
            throw new IllegalArgumentException("bucketSeconds must divide " + SECONDS + ", was " + bucketSeconds);
        }
        long end = clock.millis() / 1000;
        long start = end - SECONDS;
        int buckets = SECONDS / bucketSeconds;
        double[] average = new double[buckets];
        long[] peak = new long[buckets];
        long total = 0;
        long peakOfAll = 0;
        synchronized (this) {
            for (int bucket = 0; bucket < buckets; bucket++) {
                long sum = 0;
                long highest = 0;
                for (int offset = 0; offset < bucketSeconds; offset++) {
                    long count = count(start + (long) bucket * bucketSeconds + offset);
                    sum += count;
                    highest = Math.max(highest, count);
                }
                average[bucket] = (double) sum / bucketSeconds;
                peak[bucket] = highest;
                total += sum;
                peakOfAll = Math.max(peakOfAll, highest);
            }
        }
        return new Series(Instant.ofEpochSecond(start), bucketSeconds, average, peak, total, peakOfAll);
    }

    /** Requests per second over the whole seconds of {@code window} up to the last whole second (at most an hour). */
    public double averagePerSecond(Duration window) {
        long seconds = Math.max(1, Math.min(SECONDS, window.toSeconds()));
        long end = clock.millis() / 1000;
        long sum = 0;
        synchronized (this) {
            for (long second = end - seconds; second < end; second++) {
                sum += count(second);
            }
        }
        return (double) sum / seconds;
    }

    private long count(long second) {
        int slot = slot(second);
        return secondOfSlot[slot] == second ? counts[slot] : 0;
    }

    private static int slot(long second) {
        return (int) Math.floorMod(second, (long) SECONDS);
    }

    /**
     * @param start         the start of the first bucket (one hour before the last whole second)
     * @param bucketSeconds the width of each bucket
     * @param average       requests per second, averaged over each bucket
     * @param peak          the most requests sent in any one second of each bucket
     * @param total         requests over the hour
     * @param peakOfAll     the most requests sent in any one second of the hour
     */
    public record Series(Instant start, int bucketSeconds, double[] average, long[] peak, long total, long peakOfAll) {
    }
}
