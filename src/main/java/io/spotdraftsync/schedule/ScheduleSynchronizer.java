package io.spotdraftsync.schedule;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TimeZone;

import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the scheduler's stored jobs and triggers (group {@value #GROUP}, this workspace) match the schedule files,
 * at each start: a schedule whose file changed is replaced, one whose file is gone or disabled is deleted, one that
 * did not change is left as it is, so that its next fire time survives restarts (a schedule that misfired while
 * every process was down still gets its one catch-up run).
 *
 * <p>Safe when several processes start at once on a clustered store: every change is one replacing
 * {@link Scheduler#scheduleJob(JobDetail, Set, boolean)} or a {@link Scheduler#deleteJob}, each atomic in
 * Quartz's store, and processes with the same files converge on the same state.
 */
public class ScheduleSynchronizer {

    /** The Quartz group of every schedule; jobs and triggers of other groups are never touched. */
    public static final String GROUP = "sync-schedules";

    private static final Logger log = LoggerFactory.getLogger(ScheduleSynchronizer.class);

    private final Scheduler scheduler;
    private final Set<String> ownWorkspaces;
    private final java.util.function.Function<ScheduleDefinition, List<String>> targets;

    /** One workspace: every schedule runs for it. */
    public ScheduleSynchronizer(Scheduler scheduler, String workspace) {
        this(scheduler, Set.of(workspace), schedule -> List.of(workspace));
    }

    /**
     * @param ownWorkspaces the workspaces of this deployment: stored schedules of others are never touched
     * @param targets       the workspaces a schedule runs for (one Quartz job and trigger each)
     */
    public ScheduleSynchronizer(Scheduler scheduler, Set<String> ownWorkspaces,
            java.util.function.Function<ScheduleDefinition, List<String>> targets) {
        this.scheduler = scheduler;
        this.ownWorkspaces = Set.copyOf(ownWorkspaces);
        this.targets = targets;
    }

    /** The Quartz job (and trigger) name of a schedule: one per schedule and workspace. */
    public static String keyName(String schedule, String workspace) {
        return schedule + "@" + workspace;
    }

    public static JobKey jobKey(String schedule, String workspace) {
        return JobKey.jobKey(keyName(schedule, workspace), GROUP);
    }

    public static TriggerKey triggerKey(String schedule, String workspace) {
        return TriggerKey.triggerKey(keyName(schedule, workspace), GROUP);
    }

    /** What changed. */
    public record Result(List<String> scheduled, List<String> unchanged, List<String> removed) {
    }

    public Result synchronize(List<ScheduleDefinition> schedules) throws SchedulerException {
        Set<JobKey> wanted = new LinkedHashSet<>();
        List<String> scheduled = new java.util.ArrayList<>();
        List<String> unchanged = new java.util.ArrayList<>();
        List<String> removed = new java.util.ArrayList<>();
        for (ScheduleDefinition schedule : schedules) {
            if (!schedule.enabled()) {
                log.info("Schedule {} ({}) is disabled", schedule.name(), schedule.file());
                continue;
            }
            for (String workspace : targets.apply(schedule)) {
                JobDetail job = jobDetail(schedule, workspace);
                CronTrigger trigger = trigger(schedule, job.getKey(), workspace);
                wanted.add(job.getKey());
                String label = keyName(schedule.name(), workspace);
                if (isStored(job, trigger)) {
                    unchanged.add(label);
                    log.info("Schedule {}: {} at '{}' ({}), unchanged; next run {}", label, schedule.job(),
                            schedule.cron(), schedule.timeZone().getId(), nextFire(trigger.getKey()));
                    continue;
                }
                scheduler.scheduleJob(job, Set.of(trigger), true);
                scheduled.add(label);
                log.info("Schedule {}: {} at '{}' ({}){}; next run {}", label, schedule.job(), schedule.cron(),
                        schedule.timeZone().getId(), schedule.parameters().isEmpty() ? "" : " " + schedule.parameters(),
                        nextFire(trigger.getKey()));
            }
        }
        for (JobKey stored : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
            if (wanted.contains(stored)) {
                continue;
            }
            JobDetail detail = scheduler.getJobDetail(stored);
            if (detail == null || !ownWorkspaces.contains(detail.getJobDataMap().getString(ScheduledRun.WORKSPACE))) {
                continue; // gone meanwhile, or another deployment's
            }
            if (scheduler.deleteJob(stored)) {
                String name = keyName(detail.getJobDataMap().getString(ScheduledRun.SCHEDULE),
                        detail.getJobDataMap().getString(ScheduledRun.WORKSPACE));
                removed.add(name);
                log.info("Schedule {} removed: its file is gone or disabled, or the job no longer runs for the workspace", name);
            }
        }
        return new Result(scheduled, unchanged, removed);
    }

    JobDetail jobDetail(ScheduleDefinition schedule, String workspace) {
        JobDataMap data = new JobDataMap();
        data.put(ScheduledRun.SCHEDULE, schedule.name());
        data.put(ScheduledRun.JOB, schedule.job());
        data.put(ScheduledRun.WORKSPACE, workspace);
        data.put(ScheduledRun.FILE, fileName(schedule.file()));
        schedule.parameters().forEach((name, value) -> data.put(ScheduledRun.PARAMETER_PREFIX + name, value));
        return JobBuilder.newJob(ScheduledRun.class)
                .withIdentity(jobKey(schedule.name(), workspace))
                .withDescription(description(schedule))
                .usingJobData(data)
                // a run whose process died (or was stopped) is fired again at once by another process of the cluster,
                // which resumes it (RunLauncher recovers the run left STARTED); a live run holds its run lock, so a
                // process wrongly taken for dead only causes a skipped fire
                .requestRecovery(true)
                .build();
    }

    CronTrigger trigger(ScheduleDefinition schedule, JobKey job, String workspace) {
        return TriggerBuilder.newTrigger()
                .withIdentity(triggerKey(schedule.name(), workspace))
                .forJob(job)
                .withDescription(description(schedule))
                .withSchedule(CronScheduleBuilder.cronSchedule(schedule.cron())
                        .inTimeZone(TimeZone.getTimeZone(schedule.timeZone()))
                        // after downtime, one catch-up run, not one per missed time
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }

    private static String description(ScheduleDefinition schedule) {
        String file = fileName(schedule.file());
        return schedule.description() == null ? schedule.job() + " (" + file + ")"
                : schedule.description() + " (" + file + ")";
    }

    private static String fileName(String file) {
        return java.nio.file.Path.of(file).getFileName().toString();
    }

    /** Whether the store already holds this job and trigger, in a state that fires. */
    private boolean isStored(JobDetail job, CronTrigger trigger) throws SchedulerException {
        JobDetail storedJob = scheduler.getJobDetail(job.getKey());
        Trigger storedTrigger = scheduler.getTrigger(trigger.getKey());
        if (storedJob == null || !(storedTrigger instanceof CronTrigger cron)) {
            return false;
        }
        List<? extends Trigger> triggers = scheduler.getTriggersOfJob(job.getKey());
        Trigger.TriggerState state = scheduler.getTriggerState(trigger.getKey());
        return storedJob.getJobClass().equals(job.getJobClass())
                && storedJob.requestsRecovery() == job.requestsRecovery()
                && Objects.equals(storedJob.getDescription(), job.getDescription())
                && new HashMap<>(storedJob.getJobDataMap().getWrappedMap()).equals(asMap(job.getJobDataMap()))
                && triggers.size() == 1
                && cron.getJobKey().equals(job.getKey())
                && Objects.equals(cron.getCronExpression(), trigger.getCronExpression())
                && Objects.equals(cron.getTimeZone().getID(), trigger.getTimeZone().getID())
                && cron.getMisfireInstruction() == trigger.getMisfireInstruction()
                && Objects.equals(cron.getDescription(), trigger.getDescription())
                && state != Trigger.TriggerState.ERROR && state != Trigger.TriggerState.NONE;
    }

    private static Map<String, Object> asMap(JobDataMap data) {
        return new HashMap<>(data.getWrappedMap());
    }

    private Object nextFire(TriggerKey key) throws SchedulerException {
        Trigger stored = scheduler.getTrigger(key);
        return stored == null || stored.getNextFireTime() == null ? "none" : stored.getNextFireTime().toInstant();
    }
}
