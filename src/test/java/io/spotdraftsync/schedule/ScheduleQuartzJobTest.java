package io.spotdraftsync.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import javax.sql.DataSource;

import io.spotdraftsync.jobs.JobRuns;
import io.spotdraftsync.jobs.JobStarter;
import io.spotdraftsync.jobs.RunInProgressException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.boot.quartz.autoconfigure.JobStoreType;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;

/**
 * The Quartz side on a JDBC store (H2), with {@link QuartzDefaults} and stub jobs: the misfire policy gives one
 * catch-up run after downtime, and a run refused or failed leaves the schedule in place.
 */
class ScheduleQuartzJobTest {

    private static final String WORKSPACE = "acme";

    private final DataSource h2 = new DriverManagerDataSource(
            "jdbc:h2:mem:quartz-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<SchedulerFactoryBean> factories = new ArrayList<>();
    private final List<JobRuns> runs = new ArrayList<>();

    @AfterEach
    void shutDown() throws Exception {
        for (SchedulerFactoryBean factory : factories) {
            factory.destroy();
        }
        runs.forEach(JobRuns::close);
    }

    /** A job that counts its runs and does what {@code behaviour} says for the n-th (1-based). */
    private JobStarter job(String name, IntFunction<JobExecution> behaviour) {
        return new JobStarter() {
            @Override
            public String job() {
                return name;
            }

            @Override
            public Set<String> parameterNames() {
                return Set.of();
            }

            @Override
            public void validate(Map<String, String> parameters) {
            }

            @Override
            public JobExecution run(Map<String, String> parameters, String trigger) {
                assertThat(trigger).isEqualTo("schedule");
                return behaviour.apply(calls.computeIfAbsent(name, key -> new AtomicInteger()).incrementAndGet());
            }
        };
    }

    private static JobExecution completed(int run) {
        JobExecution execution = new JobExecution(run, new JobInstance(1, "export"), new JobParameters());
        execution.setStatus(BatchStatus.COMPLETED);
        return execution;
    }

    /** A scheduler as serve builds it (QuartzDefaults on a JDBC store), not started, running the given jobs. */
    private Scheduler scheduler(JobStarter... jobs) throws Exception {
        new QuartzSchema(h2).afterPropertiesSet();
        JobRuns jobRuns = new JobRuns(List.of(jobs), null, null, null, h2);
        runs.add(jobRuns);
        QuartzProperties quartz = new QuartzProperties();
        quartz.setJobStoreType(JobStoreType.JDBC);
        SchedulerFactoryBean factory = new SchedulerFactoryBean();
        factory.setDataSource(h2);
        factory.setJobFactory((bundle, scheduler) -> new ScheduledRun(jobRuns, WORKSPACE));
        factory.setAutoStartup(false);
        new QuartzDefaults(h2, quartz, new ScheduleProperties("jobs", true, Duration.ofSeconds(1), false), WORKSPACE)
                .customize(factory);
        factory.afterPropertiesSet();
        factories.add(factory);
        return factory.getObject();
    }

    private static ScheduleDefinition schedule(String name, String job, String cron) {
        return new ScheduleDefinition(name, job, cron, ZoneId.of("UTC"), Map.of(), true, null, name + ".yml");
    }

    private int calls(String job) {
        return calls.getOrDefault(job, new AtomicInteger()).get();
    }

    @Test
    void afterDowntimeAMissedScheduleRunsOnceThenKeepsItsTimes() throws Exception {
        Scheduler before = scheduler(job("export", ScheduleQuartzJobTest::completed));
        assertThat(before.getSchedulerName()).isEqualTo("spotdraft-sync-acme");
        new ScheduleSynchronizer(before, WORKSPACE).synchronize(List.of(schedule("hourly", "export", "0 0 * * * ?")));
        factories.remove(0).destroy();
        // scheduled a day ago, and every process was down for the last three hours: three fire times missed
        long threeHoursAgo = Instant.now().minus(Duration.ofHours(3)).toEpochMilli();
        long aDayAgo = Instant.now().minus(Duration.ofDays(1)).toEpochMilli();
        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement()) {
            assertThat(statement.executeUpdate("UPDATE qrtz_triggers SET next_fire_time = " + threeHoursAgo
                    + ", prev_fire_time = " + (threeHoursAgo - 3_600_000) + ", start_time = " + aDayAgo)).isEqualTo(1);
        }

        Scheduler after = scheduler(job("export", ScheduleQuartzJobTest::completed));
        ScheduleSynchronizer.Result result = new ScheduleSynchronizer(after, WORKSPACE)
                .synchronize(List.of(schedule("hourly", "export", "0 0 * * * ?")));
        assertThat(result.unchanged()).containsExactly("hourly@" + WORKSPACE);
        after.start();

        // fire-and-proceed: one run now, then the next hourly time (ignoring misfires would run all three first)
        await("the catch-up run").atMost(Duration.ofSeconds(30)).until(() -> calls("export") >= 1
                && after.getCurrentlyExecutingJobs().isEmpty()
                && after.getTrigger(ScheduleSynchronizer.triggerKey("hourly", WORKSPACE)).getNextFireTime().toInstant()
                        .isAfter(Instant.now()));
        assertThat(calls("export")).as("one run for the three missed times").isEqualTo(1);
    }

    @Test
    void aRunRefusedOrFailedLeavesTheScheduleAndAnotherWorkspacesScheduleIsNotRunHere() throws Exception {
        Scheduler scheduler = scheduler(job("export", run -> switch (run) {
            case 1 -> throw new RunInProgressException("export", WORKSPACE);
            case 2 -> throw new IllegalStateException("SpotDraft answered 503");
            default -> completed(run);
        }), job("reconcile", ScheduleQuartzJobTest::completed));
        new ScheduleSynchronizer(scheduler, WORKSPACE).synchronize(List.of(schedule("often", "export", "* * * * * ?")));
        // a schedule of another workspace in the same store (a deployment that shares the tables and scheduler name)
        new ScheduleSynchronizer(scheduler, "globex").synchronize(List.of(schedule("theirs", "reconcile", "* * * * * ?")));

        scheduler.start();

        await("a refused, a failed and a completed run").atMost(Duration.ofSeconds(30)).until(() -> calls("export") >= 3);
        // waiting for its next time, or BLOCKED while its next run is on (one at a time)
        assertThat(scheduler.getTriggerState(ScheduleSynchronizer.triggerKey("often", WORKSPACE)))
                .isIn(Trigger.TriggerState.NORMAL, Trigger.TriggerState.BLOCKED);
        assertThat(scheduler.checkExists(ScheduleSynchronizer.jobKey("often", WORKSPACE))).isTrue();
        assertThat(calls("reconcile")).isZero();
    }
}
