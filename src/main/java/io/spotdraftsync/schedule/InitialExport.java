package io.spotdraftsync.schedule;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.spotdraftsync.export.ExportRunner;
import io.spotdraftsync.jobs.Failures;
import io.spotdraftsync.jobs.RunInProgressException;
import io.spotdraftsync.jobs.WatermarkStore;
import io.spotdraftsync.workspace.Workspace;
import io.spotdraftsync.workspace.Workspaces;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * A workspace that has never completed an export gets a full one as soon as {@code serve} is up
 * ({@code sync.schedule.initial-export}): without it, a new deployment's warehouse would hold only what webhooks
 * name until the incremental schedule's first time. It resumes the unfinished first export a stopped process left.
 *
 * <p>Started in the background, one thread per workspace, through the launcher like any run: it waits for a run of
 * this process that holds the workspace's lock (a webhook run, an admin run) and starts as soon as it ends; a lock held
 * by another process is polled for {@code sync.jobs.lock-wait}, so that after a rolling restart the new pod resumes
 * the export the old one stopped, and when several pods start together one runs it. Until it has ended, the webhook
 * worker leaves the workspace's events for after it ({@link #pending}). Decided when the context is created, so that
 * the worker, which starts before the context is ready, already sees it.
 */
public class InitialExport implements ApplicationListener<ApplicationReadyEvent> {

    /** The {@code trigger} of the runs it starts. */
    public static final String TRIGGER = "startup";

    private static final Logger log = LoggerFactory.getLogger(InitialExport.class);

    private final Workspaces workspaces;
    private final ExportRunner runner;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    public InitialExport(Workspaces workspaces, WatermarkStore watermarks, ExportRunner runner) {
        this.workspaces = workspaces;
        this.runner = runner;
        for (Workspace workspace : workspaces.runningJob("export")) {
            if (watermarks.watermark(workspace.name(), "export").isEmpty()) {
                pending.add(workspace.name());
            }
        }
    }

    /** Whether the workspace's initial export is still to run or running in this process. */
    public boolean pending(String workspace) {
        return pending.contains(workspace);
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent ready) {
        for (Workspace workspace : workspaces.runningJob("export")) {
            String name = workspace.name();
            if (!pending.contains(name)) {
                continue;
            }
            log.info("Workspace {} has never completed an export: a full export starts as soon as the workspace's lock is free",
                    name);
            Thread thread = new Thread(() -> run(name), "initial-export-" + name);
            thread.setDaemon(false);
            thread.start();
        }
    }

    private void run(String workspace) {
        org.slf4j.MDC.put(io.spotdraftsync.jobs.RunLogContext.WORKSPACE, workspace);
        try {
            runner.runFirstExport(workspace, TRIGGER).ifPresentOrElse(
                    outcome -> log.info("Workspace {}: initial export {} ended {}", workspace, outcome.execution().getId(),
                            outcome.execution().getStatus()),
                    () -> log.info("Workspace {}: an export completed while the initial export waited; none needed", workspace));
        } catch (RunInProgressException elsewhere) {
            // a live process runs it; if that process stops, the schedules' next run resumes it
            log.info("Workspace {}: the initial export is running in another process; this one leaves it to that one",
                    workspace);
        } catch (io.spotdraftsync.jobs.ProcessStoppingException stopping) {
            log.info("Workspace {}: the initial export did not start, this process is stopping; the next start runs it", workspace);
        } catch (Exception failed) {
            // the schedules are the fallback: the incremental schedule's first run is a full one too (and resumes it)
            log.warn("Workspace {}: the initial export did not complete: {}", workspace, Failures.rootMessage(failed));
        } finally {
            pending.remove(workspace);
            org.slf4j.MDC.remove(io.spotdraftsync.jobs.RunLogContext.WORKSPACE);
        }
    }
}
