package io.spotdraftsync.jobs;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * On SIGTERM or Ctrl-C, before anything else closes: no new run starts in this process, and the runs it is running are
 * asked to stop at their next chunk boundary and waited for ({@code sync.jobs.stop-timeout}), so that they end STOPPED,
 * resumable from their last committed chunk. Only then do the web server (webhook receiver), the schedules, the HTTP
 * clients and the embedded sandbox close: the signal is handled before the JVM's shutdown begins ({@link StopSignals}),
 * and a context closed otherwise publishes {@link ContextClosedEvent} before it stops any lifecycle bean or destroys any
 * bean. The wait is counted once: a stop begun by the signal is not waited for again when the context closes.
 */
public class GracefulStop implements ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);

    private final RunLauncher launcher;
    private final RunStartNotifier notifier;
    private final JobRuns runs;
    private final JobsProperties properties;
    private long deadline;
    private boolean begun;

    public GracefulStop(RunLauncher launcher, RunStartNotifier notifier, JobRuns runs, JobsProperties properties) {
        this.launcher = launcher;
        this.notifier = notifier;
        this.runs = runs;
        this.properties = properties;
        StopSignals.register(this);
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent closed) {
        try {
            stopRuns();
        } finally {
            StopSignals.unregister(this);
        }
    }

    /** Refuses new runs, asks the running ones to stop and waits for them, up to the stop timeout counted from the first call. */
    void stopRuns() {
        java.time.Duration left;
        synchronized (this) {
            if (!begun) {
                begun = true;
                deadline = System.nanoTime() + properties.stopTimeout().toNanos();
            }
            left = java.time.Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        }
        launcher.refuseNewRuns();
        Set<Long> running = notifier.running();
        if (running.isEmpty() && launcher.idle()) {
            return;
        }
        log.info("Stopping: {} run(s) of this process asked to stop at their next chunk boundary (up to {} s)",
                running.size(), left.toSeconds());
        for (long executionId : running) {
            try {
                runs.stop(executionId);
            } catch (Exception ended) {
                // it ended meanwhile (or was asked already)
                log.debug("Run {} not stopped: {}", executionId, Failures.rootMessage(ended));
            }
        }
        long started = System.nanoTime();
        if (launcher.awaitIdle(left)) {
            log.info("Every run of this process stopped in {} ms; resumed from its last committed chunk by the next start",
                    (System.nanoTime() - started) / 1_000_000);
        } else {
            log.warn("Runs still going after {} s (sync.jobs.stop-timeout): closing anyway; the next start resumes them "
                    + "from their last committed chunk", properties.stopTimeout().toSeconds());
        }
    }
}
