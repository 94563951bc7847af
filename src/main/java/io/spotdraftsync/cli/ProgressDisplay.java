package io.spotdraftsync.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.spotdraftsync.jobs.RunProgress;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a run's progress: a progress bar on a terminal (done of total, items/s, ETA, API calls/s), and a
 * log line every few seconds elsewhere (CI, Kubernetes), where a bar would only fill the log.
 */
public final class ProgressDisplay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProgressDisplay.class);

    private final Supplier<Optional<RunProgress>> progress;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "progress");
        thread.setDaemon(true);
        return thread;
    });
    private final ProgressBar bar;

    private ProgressDisplay(String job, Supplier<Optional<RunProgress>> progress, boolean terminal, Duration logInterval) {
        this.progress = progress;
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(job).setStyle(ProgressBarStyle.ASCII)
                    .setInitialMax(-1).showSpeed().setUnit(" contracts", 1).setUpdateIntervalMillis(500)
                    .continuousUpdate().build();
            ticker.scheduleAtFixedRate(this::updateBar, 0, 500, TimeUnit.MILLISECONDS);
        } else {
            bar = null;
            long millis = Math.max(1000, logInterval.toMillis());
            ticker.scheduleAtFixedRate(this::logLine, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * A bar when standard output is an interactive terminal, log lines otherwise.
     *
     * @param progress the run's progress, empty until the run has started
     */
    public static ProgressDisplay show(String job, Supplier<Optional<RunProgress>> progress, Duration logInterval) {
        return new ProgressDisplay(job, progress, System.console() != null && System.getenv("CI") == null, logInterval);
    }

    private void updateBar() {
        Optional<RunProgress> running = progress.get();
        if (running.isEmpty()) {
            return;
        }
        RunProgress.Snapshot now = running.get().snapshot();
        if (now.total() >= 0) {
            bar.maxHint(Math.max(now.total(), now.done()));
        }
        bar.stepTo(now.done());
        bar.setExtraMessage(String.format(Locale.ROOT, " | %.1f API calls/s", now.apiCallsPerSecond()));
    }

    private void logLine() {
        progress.get().ifPresent(running -> log.info(describe(running.snapshot(), running.job())));
    }

    static String describe(RunProgress.Snapshot now, String job) {
        Duration eta = now.eta();
        return String.format(Locale.ROOT, "%s: %d/%s contracts%s, %.1f contracts/s, %.1f API calls/s%s", job, now.done(),
                now.total() < 0 ? "?" : String.valueOf(now.total()),
                now.total() > 0 ? String.format(Locale.ROOT, " (%d%%)", Math.min(100, now.done() * 100 / now.total())) : "",
                now.itemsPerSecond(), now.apiCallsPerSecond(),
                eta == null ? "" : ", ETA " + eta.toSeconds() / 60 + "m " + eta.toSeconds() % 60 + "s");
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        if (bar != null) {
            updateBar();
            bar.close();
        }
    }
}
