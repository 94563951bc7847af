package io.spotdraftsync.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code serve} on the embedded defaults (H2 job repository and job store): a schedule file fires the job it names. */
class ScheduleServeH2Test {

    @Test
    void aScheduleFromTheJobsDirectoryRunsItsJob(@TempDir Path work) throws Exception {
        Path jobs = Files.createDirectories(work.resolve("schedules"));
        Files.writeString(jobs.resolve("often.yml"), """
                name: often
                job: export
                cron: '*/2 * * * * ?'
                parameters:
                  full: false
                """);
        Files.writeString(jobs.resolve("off.yml"), """
                name: off
                job: reconcile
                cron: '*/2 * * * * ?'
                enabled: false
                """);

        ConfigurableApplicationContext context = ServeContexts.start(ServeContexts.properties(work, jobs));
        try {
            Scheduler scheduler = context.getBean(Scheduler.class);
            assertThat(scheduler.getSchedulerName()).isEqualTo("spotdraft-sync-sandbox");
            assertThat(scheduler.getMetaData().isJobStoreClustered()).isFalse();
            assertThat(scheduler.getMetaData().isJobStoreSupportsPersistence()).isTrue();
            assertThat(scheduler.getJobKeys(org.quartz.impl.matchers.GroupMatcher.jobGroupEquals(ScheduleSynchronizer.GROUP)))
                    .containsExactly(ScheduleSynchronizer.jobKey("often", "sandbox"));
            CronTrigger trigger = (CronTrigger) scheduler.getTrigger(ScheduleSynchronizer.triggerKey("often", "sandbox"));
            assertThat(trigger.getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW);
            assertThat(trigger.getTimeZone().getID()).isEqualTo("UTC");

            JobExecution run = ServeContexts.awaitCompletedScheduledRun(context, "export");

            assertThat(run.getJobParameters().getString("workspace")).isEqualTo("sandbox");
        } finally {
            ServeContexts.stop(context);
        }
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection warehouse = DriverManager.getConnection("jdbc:duckdb:" + work.resolve("warehouse.duckdb"), readOnly);
                Statement statement = warehouse.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT count(*) FROM sync_runs WHERE job = 'export' AND trigger = 'schedule' AND outcome = 'COMPLETED'")) {
            rows.next();
            assertThat(rows.getLong(1)).isPositive();
        }
        try (Connection warehouse = DriverManager.getConnection("jdbc:duckdb:" + work.resolve("warehouse.duckdb"), readOnly);
                Statement statement = warehouse.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM contracts")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(50);
        }
    }
}
