package io.spotdraftsync.schedule;

import javax.sql.DataSource;

import io.spotdraftsync.jobs.JobRuns;
import io.spotdraftsync.workspace.Workspaces;

import org.quartz.Scheduler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Quartz schedules loaded from the files of {@code jobs/} ({@code serve}): the Quartz tables (created by
 * {@link QuartzSchema}, never by {@code spring.quartz.jdbc.initialize-schema}), the Quartz settings that follow
 * from the database ({@link QuartzDefaults}), and the schedules themselves ({@link Schedules}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ScheduleProperties.class)
public class ScheduleConfiguration {

    static final String INITIALIZE_SCHEMA = "spring.quartz.jdbc.initialize-schema";

    /** Refuses Boot's own Quartz schema initialization before any bean exists: "always" drops every trigger. */
    @Bean
    static BeanFactoryPostProcessor quartzInitializeSchemaGuard(Environment environment) {
        return beanFactory -> {
            String mode = environment.getProperty(INITIALIZE_SCHEMA);
            if (mode != null && !mode.trim().equalsIgnoreCase("never")) {
                throw new IllegalStateException(INITIALIZE_SCHEMA + " must be never, was '" + mode + "': spotdraft-sync "
                        + "creates Quartz's tables itself when they are missing, and Quartz's scripts drop every table "
                        + "(and every trigger) first");
            }
        };
    }

    @Bean
    @ConditionalOnProperty(name = "spring.quartz.job-store-type", havingValue = "jdbc")
    QuartzSchema quartzSchema(DataSource dataSource, QuartzProperties quartz) {
        return new QuartzSchema(dataSource, quartz.getProperties().get("org.quartz.jobStore.tablePrefix"));
    }

    @Bean
    QuartzDefaults scheduleQuartzDefaults(DataSource dataSource, ObjectProvider<QuartzSchema> tablesFirst,
            QuartzProperties quartz, ScheduleProperties schedules, Workspaces workspaces) {
        // asking for it creates Quartz's tables (JDBC store) before the scheduler that this customizes exists
        tablesFirst.ifAvailable(schema -> { });
        return new QuartzDefaults(dataSource, quartz, schedules, workspaces.names());
    }

    @Bean
    ScheduleLoader scheduleLoader(JobRuns runs) {
        return new ScheduleLoader(runs.jobs().stream().map(runs::starter).toList());
    }

    /** With schedules on (and {@code sync.schedule.initial-export}, default true): a first full export at start. */
    @Bean
    @ConditionalOnProperty(name = {"sync.schedule.enabled", "sync.schedule.initial-export"}, havingValue = "true",
            matchIfMissing = true)
    InitialExport initialExport(Workspaces workspaces, io.spotdraftsync.jobs.WatermarkStore watermarks,
            io.spotdraftsync.export.ExportRunner runner) {
        return new InitialExport(workspaces, watermarks, runner);
    }

    @Bean
    Schedules schedules(ScheduleProperties properties, ScheduleLoader loader, Scheduler scheduler, Workspaces workspaces) {
        return new Schedules(properties, loader, scheduler, workspaces);
    }
}
