package io.spotdraftsync.jobs;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Live progress of one run, shared between the job (which advances it) and whoever shows it (the
 * command line, the status page). Thread-safe.
 */
public final class RunProgress {

    private final String job;
    private final long startedNanos = System.nanoTime();
    private final AtomicLong total = new AtomicLong(-1);
    private final AtomicLong done = new AtomicLong();
    private final LongSupplier apiCalls;
    private final long apiCallsAtStart;

    /** @param apiCalls the client's running count of API calls */
    public RunProgress(String job, LongSupplier apiCalls) {
        this.job = job;
        this.apiCalls = apiCalls;
        this.apiCallsAtStart = apiCalls.getAsLong();
    }

    public String job() {
        return job;
    }

    /** The total is what the first page announced; it may change while the run reads. */
    public void total(long value) {
        total.set(value);
    }

    public void advance(long items) {
        done.addAndGet(items);
    }

    public Snapshot snapshot() {
        return new Snapshot(total.get(), done.get(), apiCalls.getAsLong() - apiCallsAtStart,
                Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    /**
     * @param total -1 while unknown
     */
    public record Snapshot(long total, long done, long apiCalls, Duration elapsed) {

        public double itemsPerSecond() {
            return perSecond(done);
        }

        public double apiCallsPerSecond() {
            return perSecond(apiCalls);
        }

        /** Remaining time at the rate so far; null while unknown. */
        public Duration eta() {
            double rate = itemsPerSecond();
            if (total < 0 || rate <= 0) {
                return null;
            }
            return Duration.ofMillis((long) (Math.max(0, total - done) / rate * 1000));
        }

        private double perSecond(long count) {
            double seconds = elapsed.toNanos() / 1e9;
            return seconds <= 0 ? 0 : count / seconds;
        }
    }
}
