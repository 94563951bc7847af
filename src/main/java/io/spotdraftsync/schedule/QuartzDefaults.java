package io.spotdraftsync.schedule;

import java.util.Properties;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.quartz.autoconfigure.JobStoreType;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.core.Ordered;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;

/**
 * The Quartz settings that follow from the job-repository database, so that nobody has to write them: the driver
 * delegate ({@code PostgreSQLDelegate} on PostgreSQL, {@code StdJDBCDelegate} on H2), clustering (on for PostgreSQL,
 * off for H2), {@code instanceId AUTO}, a pool of {@value #THREADS} threads, the misfire threshold of
 * {@code sync.schedule.misfire-threshold}, and a scheduler name per set of workspaces
 * ({@code spotdraft-sync-<workspace>}, {@code spotdraft-sync-<a>+<b>} for several), so that deployments of different
 * workspaces sharing one database never fire each other's schedules, while the pods of one deployment form a cluster.
 *
 * <p>Anything given in {@code spring.quartz.properties.*} (or {@code spring.quartz.scheduler-name}) wins. The job
 * store class is left to Spring ({@code LocalDataSourceJobStore} on the DataSource): setting
 * {@code org.quartz.jobStore.class} under Spring breaks it.
 */
public class QuartzDefaults implements SchedulerFactoryBeanCustomizer, Ordered {

    static final int THREADS = 3;

    private static final Logger log = LoggerFactory.getLogger(QuartzDefaults.class);

    private final DataSource dataSource;
    private final QuartzProperties quartz;
    private final ScheduleProperties schedules;
    private final java.util.Collection<String> workspaces;

    public QuartzDefaults(DataSource dataSource, QuartzProperties quartz, ScheduleProperties schedules, String workspace) {
        this(dataSource, quartz, schedules, java.util.List.of(workspace));
    }

    public QuartzDefaults(DataSource dataSource, QuartzProperties quartz, ScheduleProperties schedules,
            java.util.Collection<String> workspaces) {
        this.dataSource = dataSource;
        this.quartz = quartz;
        this.schedules = schedules;
        this.workspaces = java.util.List.copyOf(workspaces);
    }

    /** After Boot's own customizer (order 0), which sets the DataSource. */
    @Override
    public int getOrder() {
        return 100;
    }

    @Override
    public void customize(SchedulerFactoryBean factory) {
        Properties properties = new Properties();
        properties.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        properties.setProperty("org.quartz.threadPool.threadCount", String.valueOf(THREADS));
        properties.setProperty("org.quartz.jobStore.misfireThreshold", String.valueOf(schedules.misfireThreshold().toMillis()));
        if (quartz.getJobStoreType() == JobStoreType.JDBC) {
            QuartzSchema.Platform platform = QuartzSchema.Platform.of(dataSource);
            properties.setProperty("org.quartz.jobStore.driverDelegateClass", platform.driverDelegate());
            properties.setProperty("org.quartz.jobStore.isClustered", String.valueOf(platform.clustered()));
        }
        properties.putAll(quartz.getProperties());
        if (properties.containsKey("org.quartz.jobStore.class")) {
            throw new IllegalStateException("spring.quartz.properties.org.quartz.jobStore.class must not be set: Spring "
                    + "provides the job store on the job-repository DataSource (spring.quartz.job-store-type=jdbc)");
        }
        factory.setQuartzProperties(properties);
        if (quartz.getSchedulerName() == null) {
            factory.setSchedulerName(schedulerName(workspaces));
        }
        if (!schedules.enabled()) {
            factory.setAutoStartup(false);
            log.info("Schedules are off (sync.schedule.enabled=false): this process fires no trigger");
        }
    }

    /** The Quartz scheduler name (the {@code sched_name} column) of a workspace. */
    public static String schedulerName(String workspace) {
        return "spotdraft-sync-" + workspace;
    }

    /**
     * The scheduler name of a deployment's workspaces, in name order. Quartz keeps it in a 120-character column: a
     * longer list of names is shortened to a hash of it (set {@code spring.quartz.scheduler-name} to choose one).
     */
    public static String schedulerName(java.util.Collection<String> workspaces) {
        String joined = String.join("+", new java.util.TreeSet<>(workspaces));
        String name = schedulerName(joined);
        if (name.length() <= 120) {
            return name;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(joined.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return schedulerName(java.util.HexFormat.of().formatHex(digest, 0, 12));
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
