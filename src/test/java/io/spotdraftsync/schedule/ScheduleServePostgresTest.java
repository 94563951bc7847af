package io.spotdraftsync.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import io.spotdraftsync.testsupport.PostgresScratchSchema;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code serve} with the job repository and the Quartz job store on PostgreSQL (clustered): the tables come from our
 * migration, a schedule fires its job, and the next start makes the store match the changed files.
 */
class ScheduleServePostgresTest {

    private PostgresScratchSchema schema;

    @BeforeEach
    void createSchema() throws SQLException {
        schema = PostgresScratchSchema.create("sched");
    }

    @AfterEach
    void dropSchema() throws SQLException {
        schema.close();
    }

    private Map<String, Object> properties(Path work, Path jobs) {
        Map<String, Object> properties = ServeContexts.properties(work, jobs);
        properties.put("spring.datasource.url", schema.url());
        properties.put("spring.datasource.username", "postgres");
        return properties;
    }

    @Test
    void theScheduleFiresClusteredAndTheNextStartFollowsTheChangedFiles(@TempDir Path work) throws Exception {
        Path jobs = Files.createDirectories(work.resolve("schedules"));
        Files.writeString(jobs.resolve("often.yml"), """
                name: often
                job: export
                cron: '*/2 * * * * ?'
                """);
        Files.writeString(jobs.resolve("steady.yml"), """
                name: steady
                job: reconcile
                cron: '0 0 5 * * ?'
                time-zone: Europe/Paris
                """);
        Files.writeString(jobs.resolve("retired.yml"), """
                name: retired
                job: reconcile
                cron: '0 0 6 * * ?'
                """);
        assertThat(schema.strings("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema.name()
                + "' AND table_name LIKE 'qrtz%'")).isEmpty();

        ConfigurableApplicationContext first = ServeContexts.start(properties(work, jobs));
        String steadyStart;
        try {
            Scheduler scheduler = first.getBean(Scheduler.class);
            assertThat(scheduler.getMetaData().isJobStoreClustered()).isTrue();
            // a job of another group: schedules never touch it
            scheduler.addJob(JobBuilder.newJob(ScheduledRun.class).withIdentity("someone-elses", "other-group")
                    .storeDurably().build(), false);

            ServeContexts.awaitCompletedScheduledRun(first, "export");

            // created by QuartzSchema from Quartz's own PostgreSQL script (its indexes too), not by Boot
            assertThat(schema.strings("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema.name()
                    + "' AND table_name LIKE 'qrtz%'")).hasSize(QuartzSchema.TABLES.size());
            assertThat(schema.strings("SELECT indexname FROM pg_indexes WHERE schemaname = '" + schema.name() + "'"))
                    .contains("idx_qrtz_t_next_fire_time", "idx_qrtz_ft_trig_inst_name");
            // the cluster check-in of this instance (instanceId AUTO: host name and time)
            assertThat(schema.strings("SELECT sched_name FROM qrtz_scheduler_state")).containsExactly("spotdraft-sync-sandbox");
            assertThat(schema.strings("SELECT lock_name FROM qrtz_locks")).contains("TRIGGER_ACCESS");
            steadyStart = schema.strings("SELECT start_time FROM qrtz_triggers WHERE trigger_name = 'steady@sandbox'").get(0);
        } finally {
            ServeContexts.stop(first);
        }

        Files.writeString(jobs.resolve("often.yml"), """
                name: often
                job: export
                cron: '0 0 4 * * ?'
                parameters:
                  full: true
                """);
        Files.delete(jobs.resolve("retired.yml"));

        ConfigurableApplicationContext second = ServeContexts.start(properties(work, jobs));
        try {
            Scheduler scheduler = second.getBean(Scheduler.class);
            CronTrigger often = (CronTrigger) scheduler.getTrigger(ScheduleSynchronizer.triggerKey("often", "sandbox"));
            assertThat(often.getCronExpression()).isEqualTo("0 0 4 * * ?");
            assertThat(scheduler.getJobDetail(ScheduleSynchronizer.jobKey("often", "sandbox")).getJobDataMap())
                    .containsEntry("parameter:full", "true");
            // a run whose pod dies is run again by another pod (ScheduleClusterPostgresTest)
            assertThat(scheduler.getJobDetail(ScheduleSynchronizer.jobKey("steady", "sandbox")).requestsRecovery()).isTrue();
            assertThat(schema.strings("SELECT cron_expression FROM qrtz_cron_triggers ORDER BY trigger_name"))
                    .containsExactly("0 0 4 * * ?", "0 0 5 * * ?");
            assertThat(scheduler.getJobKeys(GroupMatcher.jobGroupEquals(ScheduleSynchronizer.GROUP)))
                    .containsExactlyInAnyOrder(ScheduleSynchronizer.jobKey("often", "sandbox"),
                            ScheduleSynchronizer.jobKey("steady", "sandbox"));
            assertThat(scheduler.checkExists(JobKey.jobKey("someone-elses", "other-group"))).isTrue();
            // an unchanged schedule is left as stored (not replaced), so a missed fire is still caught up
            assertThat(schema.strings("SELECT start_time FROM qrtz_triggers WHERE trigger_name = 'steady@sandbox'"))
                    .containsExactly(steadyStart);
            assertThat(((CronTrigger) scheduler.getTrigger(ScheduleSynchronizer.triggerKey("steady", "sandbox")))
                    .getTimeZone().getID()).isEqualTo("Europe/Paris");
        } finally {
            ServeContexts.stop(second);
        }
    }
}
