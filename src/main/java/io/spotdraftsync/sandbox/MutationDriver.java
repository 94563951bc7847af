package io.spotdraftsync.sandbox;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Changes random contracts in the background at a fixed rate, as users of a busy workspace would. */
final class MutationDriver implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MutationDriver.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sandbox-mutations");
        thread.setDaemon(true);
        return thread;
    });

    MutationDriver(RandomMutations mutations, double mutationsPerSecond) {
        long periodNanos = Math.max(1, (long) (1_000_000_000L / mutationsPerSecond));
        scheduler.scheduleAtFixedRate(() -> {
            try {
                mutations.mutate(1);
            } catch (RuntimeException unexpected) {
                // a failed change must not stop the driver (a periodic task that throws is never run again)
                log.warn("A background mutation failed", unexpected);
            }
        }, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
