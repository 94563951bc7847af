package io.spotdraftsync.schedule;

import java.util.Map;

import io.spotdraftsync.jobs.Failures;
import io.spotdraftsync.jobs.JobRuns;
import io.spotdraftsync.jobs.JobStarter;
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
 * name until the incremental schedule's first time. Started in the background, through {@link JobRuns} like any run:
 * when several pods start together, the run lock lets one of them run it and the others skip it.
 */
public class InitialExport implements ApplicationListener<ApplicationReadyEvent> {

    /** The {@code trigger} of the runs it starts. */
    public static final String TRIGGER = "startup";

    private static final Logger log = LoggerFactory.getLogger(InitialExport.class);

    private final Workspaces workspaces;
    private final WatermarkStore watermarks;
    private final JobRuns runs;

    public InitialExport(Workspaces workspaces, WatermarkStore watermarks, JobRuns runs) {
        this.workspaces = workspaces;
        this.watermarks = watermarks;
        this.runs = runs;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent ready) {
        for (Workspace workspace : workspaces.runningJob("export")) {
            if (watermarks.watermark(workspace.name(), "export").isPresent()) {
                continue;
            }
            try {
                var execution = runs.submit("export", Map.of(JobStarter.WORKSPACE, workspace.name(), "full", "true"), TRIGGER);
                log.info("Workspace {} has never completed an export: full export {} started", workspace.name(), execution.getId());
            } catch (RunInProgressException running) {
                log.info("Workspace {} has never completed an export; one is already running", workspace.name());
            } catch (Exception failed) {
                // the schedules are the fallback: the incremental schedule's first run is a full one too
                log.warn("Workspace {}: the initial export could not start: {}", workspace.name(), Failures.rootMessage(failed));
            }
        }
    }
}
