package io.spotdraftsync.schedule;

import java.util.LinkedHashMap;
import java.util.Map;

import io.spotdraftsync.jobs.Failures;
import io.spotdraftsync.jobs.JobRuns;
import io.spotdraftsync.jobs.RunInProgressException;
import io.spotdraftsync.workspace.Workspaces;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a schedule's trigger does: one run of the schedule's job, to its end, on the Quartz thread, through
 * {@link JobRuns#run} with the trigger {@code schedule}.
 *
 * <p>Never two at once for one schedule and workspace ({@link DisallowConcurrentExecution} on the Quartz job,
 * whose key is the pair); two schedules of the same job (incremental and full export) are kept apart by the run
 * lock of the job and workspace: the later one waits for a run of this process and starts when it ends; a run of
 * another process is polled for {@code sync.jobs.lock-wait}, then the fire is skipped, logged at INFO (its next fire
 * runs; a longer wait would hold one of Quartz's few threads for a run of unbounded length). A failed run is logged (its message,
 * not a stack trace) and the schedule stays: the next fire runs the job again (an export or import resumes its
 * failed run from the last committed chunk; a reconcile compares again from the start).
 */
@DisallowConcurrentExecution
public class ScheduledRun implements Job {

    /** The {@code trigger} of the runs it starts (job parameter, {@code sync_runs.trigger}). */
    public static final String TRIGGER = "schedule";

    static final String SCHEDULE = "schedule";
    static final String JOB = "job";
    static final String WORKSPACE = "workspace";
    static final String FILE = "file";
    /** Job data keys of the parameters; no '.' or '[': Spring's job factory treats job data as bean properties. */
    static final String PARAMETER_PREFIX = "parameter:";

    private static final Logger log = LoggerFactory.getLogger(ScheduledRun.class);

    private final JobRuns runs;
    private final java.util.Set<String> workspaces;

    /** Created per fire by Spring's job factory, with the beans it needs. */
    @Autowired
    public ScheduledRun(JobRuns runs, Workspaces workspaces) {
        this(runs, workspaces.names());
    }

    /** @param workspace the workspace of this process: another workspace's schedule is never run here */
    ScheduledRun(JobRuns runs, String workspace) {
        this(runs, java.util.Set.of(workspace));
    }

    /** @param workspaces the workspaces of this process: another deployment's schedule is never run here */
    ScheduledRun(JobRuns runs, java.util.Set<String> workspaces) {
        this.runs = runs;
        this.workspaces = java.util.Set.copyOf(workspaces);
    }

    @Override
    public void execute(JobExecutionContext context) {
        JobDataMap data = context.getMergedJobDataMap();
        String schedule = data.getString(SCHEDULE);
        String job = data.getString(JOB);
        String owner = data.getString(WORKSPACE);
        if (owner != null && !workspaces.contains(owner)) {
            // another deployment's schedule in a shared job store: never run it against this process's workspaces
            log.warn("Schedule {} belongs to workspace {}, not one of {}: not run here", schedule, owner, workspaces);
            return;
        }
        Map<String, String> parameters = parameters(data);
        if (owner != null) {
            parameters.put(io.spotdraftsync.jobs.JobStarter.WORKSPACE, owner);
        }
        log.info("Schedule {}: running {}{}", schedule, job, parameters.isEmpty() ? "" : " " + parameters);
        try {
            JobExecution execution = runs.run(job, parameters, TRIGGER);
            if (execution.getStatus() == BatchStatus.COMPLETED) {
                log.info("Schedule {}: {} run {} COMPLETED", schedule, job, execution.getId());
            } else {
                log.warn("Schedule {}: {} run {} ended {}{}", schedule, job, execution.getId(), execution.getStatus(),
                        execution.getAllFailureExceptions().stream().findFirst()
                                .map(failure -> ": " + Failures.rootMessage(failure)).orElse(""));
            }
        } catch (RunInProgressException busy) {
            log.info("Schedule {}: skipped, a run of {} for workspace {} is already in progress", schedule, busy.job(),
                    busy.workspace());
        } catch (Exception failure) {
            // the trigger stays: the next fire runs the job again (and resumes a failed export or import)
            log.warn("Schedule {}: the {} run failed: {}", schedule, job, Failures.rootMessage(failure));
        }
    }

    static Map<String, String> parameters(JobDataMap data) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String key : data.getKeys()) {
            if (key.startsWith(PARAMETER_PREFIX)) {
                parameters.put(key.substring(PARAMETER_PREFIX.length()), data.getString(key));
            }
        }
        return parameters;
    }
}
