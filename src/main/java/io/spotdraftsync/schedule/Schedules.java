package io.spotdraftsync.schedule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.spotdraftsync.jobs.JobStarter;
import io.spotdraftsync.workspace.Workspace;
import io.spotdraftsync.workspace.Workspaces;

import org.quartz.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * The schedules of this process: read from {@code sync.schedule.directory} at start, checked, and made the
 * scheduler's (before the scheduler starts firing). A malformed file fails the start with a
 * {@link ScheduleFileException}. A changed file takes effect at the next start.
 */
public class Schedules implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(Schedules.class);

    private final ScheduleProperties properties;
    private final ScheduleLoader loader;
    private final ScheduleSynchronizer synchronizer;
    private volatile List<ScheduleDefinition> definitions = List.of();

    /**
     * A schedule runs for every workspace that has its job enabled, or for the one its {@code workspace} parameter
     * names.
     */
    public Schedules(ScheduleProperties properties, ScheduleLoader loader, Scheduler scheduler, Workspaces workspaces) {
        this.properties = properties;
        this.loader = loader;
        this.synchronizer = new ScheduleSynchronizer(scheduler, workspaces.names(), schedule -> {
            String named = schedule.parameters().get(JobStarter.WORKSPACE);
            return named != null ? List.of(workspaces.forJob(named, schedule.job()).name())
                    : workspaces.runningJob(schedule.job()).stream().map(Workspace::name).toList();
        });
    }

    @Override
    public void afterPropertiesSet() throws Exception {
        if (!properties.enabled()) {
            return;
        }
        Path directory = properties.directoryPath();
        if (!Files.isDirectory(directory)) {
            if (!properties.defaultDirectory()) {
                throw new ScheduleFileException(directory.toString(), 0, "the schedule directory (sync.schedule.directory) "
                        + "does not exist; set sync.schedule.enabled=false to run without schedules");
            }
            // no files, no opinion: the stored schedules (another pod's, an earlier start's) are left as they are
            log.warn("No schedule directory {} (in {}): the stored schedules are left as they are. Set "
                    + "sync.schedule.directory to the directory of the schedule files.", directory, Path.of("").toAbsolutePath());
            return;
        }
        definitions = loader.load(directory);
        ScheduleSynchronizer.Result result = synchronizer.synchronize(definitions);
        log.info("Schedules from {}: {} enabled ({} (re)scheduled, {} unchanged), {} disabled, {} removed", directory,
                result.scheduled().size() + result.unchanged().size(), result.scheduled().size(), result.unchanged().size(),
                definitions.stream().filter(definition -> !definition.enabled()).count(), result.removed().size());
    }

    /** Every schedule file read at start, enabled or not. */
    public List<ScheduleDefinition> definitions() {
        return definitions;
    }
}
