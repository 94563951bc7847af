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
 * clients and the embedded sandbox close: the context publishes {@link ContextClosedEvent} before it stops any
 * lifecycle bean or destroys any bean.
 */
public class GracefulStop implements ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);

    private final RunLauncher launcher;
    private final RunStartNotifier notifier;
    private final JobRuns runs;
    private final JobsProperties properties;

    public GracefulStop(RunLauncher launcher, RunStartNotifier notifier, JobRuns runs, JobsProperties properties) {
        this.launcher = launcher;
        this.notifier = notifier;
        this.runs = runs;
        this.properties = properties;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent closed) {
        launcher.refuseNewRuns();
        Set<Long> running = notifier.running();
        if (running.isEmpty() && launcher.idle()) {
            return;
        }
        log.info("Stopping: {} run(s) of this process asked to stop at their next chunk boundary (up to {} s)",
                running.size(), properties.stopTimeout().toSeconds());
        for (long executionId : running) {
            try {
                runs.stop(executionId);
            } catch (Exception ended) {
                // it ended meanwhile
                log.debug("Run {} not stopped: {}", executionId, Failures.rootMessage(ended));
            }
        }
        long started = System.nanoTime();
        if (launcher.awaitIdle(properties.stopTimeout())) {
            log.info("Every run of this process stopped in {} ms; resumed from its last committed chunk by the next start",
                    (System.nanoTime() - started) / 1_000_000);
        } else {
            log.warn("Runs still going after {} s (sync.jobs.stop-timeout): closing anyway; the next start resumes them "
                    + "from their last committed chunk", properties.stopTimeout().toSeconds());
        }
    }
}
