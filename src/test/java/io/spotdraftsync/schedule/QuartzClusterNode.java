package io.spotdraftsync.schedule;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One node of a Quartz cluster on PostgreSQL, set up as {@code serve} sets up its scheduler (Boot's Quartz
 * auto-configuration on the job-repository DataSource, {@link QuartzSchema}, {@link QuartzDefaults}), without the
 * rest of {@code serve}: its jobs are {@link Probe}s that write down each run. Runs in the test's JVM ({@link #start})
 * or as a separate process ({@link #main}), which a test can kill like a pod.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
        QuartzAutoConfiguration.class})
public class QuartzClusterNode {

    static final String WORKSPACE = "cluster";
    /** Written by every probe run; created by the test. */
    static final String RUNS_TABLE = "cluster_probe_runs";

    @Bean
    QuartzSchema quartzSchema(DataSource dataSource) {
        return new QuartzSchema(dataSource);
    }

    @Bean
    QuartzDefaults quartzDefaults(DataSource dataSource, QuartzSchema tablesFirst, QuartzProperties quartz) {
        return new QuartzDefaults(dataSource, quartz,
                new ScheduleProperties(ScheduleProperties.DEFAULT_DIRECTORY, true, Duration.ofSeconds(60), false), WORKSPACE);
    }

    /**
     * A node with its own instance id. Test-only timings: check-in every second (a dead node is found ~9 s after its
     * last check-in: Quartz adds 7.5 s of grace) and a new trigger stored by another node is seen within a second
     * (Quartz's idle wait is 30 s).
     */
    static ConfigurableApplicationContext start(String jdbcUrl, String instanceId) {
        return new SpringApplicationBuilder(QuartzClusterNode.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                // arguments, not default properties: they must win over application.yml's embedded H2 default
                .run("--spring.datasource.url=" + jdbcUrl,
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.hikari.maximum-pool-size=6",
                        "--spring.quartz.job-store-type=jdbc",
                        "--spring.quartz.jdbc.initialize-schema=never",
                        "--spring.quartz.properties.org.quartz.scheduler.instanceId=" + instanceId,
                        "--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=1000",
                        "--spring.quartz.properties.org.quartz.scheduler.idleWaitTime=1000",
                        "--logging.level.root=WARN");
    }

    /** {@code QuartzClusterNode <jdbc-url> <instance-id>}: runs until killed (Quartz's threads keep the JVM alive). */
    public static void main(String[] args) {
        start(args[0], args[1]);
        System.out.println("node " + args[1] + " started");
    }

    /**
     * Writes down each run: job, node, scheduled fire time, whether it is a recovery. With {@code block} in its data
     * (and not a recovery) it then holds its thread for a minute, a run that its node's death cuts short.
     */
    @DisallowConcurrentExecution
    public static class Probe implements Job {

        static final String BLOCK = "block";

        private final DataSource dataSource;

        @Autowired
        public Probe(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        public void execute(JobExecutionContext context) throws JobExecutionException {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement insert = connection.prepareStatement("INSERT INTO " + RUNS_TABLE
                            + " (job, instance_id, fire_time, recovering) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, context.getJobDetail().getKey().getName());
                insert.setString(2, context.getScheduler().getSchedulerInstanceId());
                insert.setTimestamp(3, new Timestamp(context.getScheduledFireTime().getTime()));
                insert.setBoolean(4, context.isRecovering());
                insert.executeUpdate();
            } catch (SQLException | SchedulerException failure) {
                throw new JobExecutionException(failure);
            }
            if (context.getMergedJobDataMap().getBooleanValue(BLOCK) && !context.isRecovering()) {
                try {
                    new CountDownLatch(1).await(60, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
