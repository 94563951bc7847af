package io.spotdraftsync.export;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Meters of the contracts that runs load, per workspace and job ({@value #JOB_TAG}: {@code export}, targeted
 * webhook runs included, or {@code reconcile}, as in {@code sync_runs.job}):
 * {@code sync.contracts.read}, {@code .written}, {@code .skipped} (loaded, found unchanged by the MERGE), and the
 * timer {@code sync.warehouse.load} of one chunk's load (stage, MERGE, commit: one transaction).
 *
 * <p>The tag is {@value #JOB_TAG}, not {@code job}: Prometheus sets {@code job} itself (the scrape job's name).
 */
public final class ChunkMetrics {

    public static final String JOB_TAG = "sync_job";
    static final String READ = "sync.contracts.read";
    static final String WRITTEN = "sync.contracts.written";
    static final String SKIPPED = "sync.contracts.skipped";
    static final String LOAD = "sync.warehouse.load";

    private final MeterRegistry registry;
    private final Map<String, Meters> meters = new ConcurrentHashMap<>();

    public ChunkMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Registers the meters of a workspace's jobs at zero, so that a dashboard shows 0 before the first run, not nothing. */
    public ChunkMetrics register(String workspace, String... jobs) {
        for (String job : jobs) {
            of(workspace, job);
        }
        return this;
    }

    /** The meters of one workspace and job. */
    public Meters of(String workspace, String job) {
        return meters.computeIfAbsent(workspace + '\u0000' + job, key -> new Meters(registry, workspace, job));
    }

    /** The meters of one workspace and job, for its chunk writer. */
    public static final class Meters {

        private final Counter read;
        private final Counter written;
        private final Counter skipped;
        private final Timer load;

        private Meters(MeterRegistry registry, String workspace, String job) {
            read = counter(registry, READ, "Contracts read and loaded into the warehouse by committed chunks", workspace, job);
            written = counter(registry, WRITTEN, "Contracts inserted or updated in the warehouse", workspace, job);
            skipped = counter(registry, SKIPPED, "Contracts loaded and found unchanged: the MERGE left their row as it was",
                    workspace, job);
            load = Timer.builder(LOAD)
                    .description("One chunk's load into the warehouse, in one transaction: stage the rows, MERGE, commit")
                    .tag("workspace", workspace).tag(JOB_TAG, job).register(registry);
        }

        private static Counter counter(MeterRegistry registry, String name, String description, String workspace, String job) {
            return Counter.builder(name).description(description).tag("workspace", workspace).tag(JOB_TAG, job).register(registry);
        }

        Timer load() {
            return load;
        }

        void loaded(int readCount, int writtenCount, int unchangedCount) {
            read.increment(readCount);
            written.increment(writtenCount);
            skipped.increment(unchangedCount);
        }
    }
}
