package io.spotdraftsync.jobs;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM and SIGINT (Ctrl-C) stop this process's runs <em>before</em> the JVM starts shutting down, then exit as the
 * JVM would (status 128 + the signal's number). JVM shutdown hooks all run at once, in no order: H2's own hook (which
 * the default {@code AUTO_SERVER=TRUE} URL needs, as H2 refuses {@code DB_CLOSE_ON_EXIT=FALSE} with it) would close the
 * job repository under a run finishing its chunk, and leave it STARTED with a step UNKNOWN. Here every run has ended
 * STOPPED, resumable, before any hook runs. A second signal exits at once.
 */
final class StopSignals {

    private static final Logger log = LoggerFactory.getLogger(StopSignals.class);
    private static final Set<GracefulStop> STOPS = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    private static final AtomicBoolean RECEIVED = new AtomicBoolean();

    private StopSignals() {
    }

    static void register(GracefulStop stop) {
        STOPS.add(stop);
        if (INSTALLED.compareAndSet(false, true)) {
            for (String name : List.of("TERM", "INT")) {
                try {
                    sun.misc.Signal.handle(new sun.misc.Signal(name), StopSignals::received);
                } catch (IllegalArgumentException | UnsupportedOperationException unavailable) {
                    // -Xrs, or a platform without it: the context's close still stops the runs (GracefulStop)
                    log.debug("SIG{} left to the JVM: {}", name, unavailable.getMessage());
                }
            }
        }
    }

    static void unregister(GracefulStop stop) {
        STOPS.remove(stop);
    }

    private static void received(sun.misc.Signal signal) {
        if (RECEIVED.compareAndSet(false, true)) {
            log.info("SIG{} received: stopping the runs of this process at their next chunk boundary before exiting",
                    signal.getName());
            for (GracefulStop stop : STOPS) {
                try {
                    stop.stopRuns();
                } catch (RuntimeException failure) {
                    log.warn("Stopping the runs: {}", Failures.rootMessage(failure));
                }
            }
        }
        System.exit(128 + signal.getNumber());
    }
}
