package io.spotdraftsync.jobs;

import javax.sql.DataSource;

import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** What every job shares: the job repository's schema, watermarks, launching and live progress. */
@Configuration(proxyBeanMethods = false)
@org.springframework.boot.context.properties.EnableConfigurationProperties(JobsProperties.class)
public class JobsConfiguration {

    /**
     * An H2 job repository stays open until the context closes: H2 otherwise closes the database in its own JVM shutdown
     * hook, under the runs that {@link GracefulStop} is letting finish their chunk (their commit then fails and the step
     * ends UNKNOWN, not restartable). H2 refuses this together with AUTO_SERVER=TRUE, which is then left as it is: there,
     * SIGTERM and Ctrl-C stop the runs before any shutdown hook runs ({@link StopSignals}).
     */
    @Bean
    static org.springframework.beans.factory.config.BeanPostProcessor h2ClosedWithTheContext() {
        return new org.springframework.beans.factory.config.BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof org.springframework.boot.jdbc.autoconfigure.DataSourceProperties properties
                        && properties.getUrl() != null && properties.getUrl().startsWith("jdbc:h2:")
                        && !properties.getUrl().toUpperCase(java.util.Locale.ROOT).contains("DB_CLOSE_ON_EXIT")
                        && !properties.getUrl().toUpperCase(java.util.Locale.ROOT).contains("AUTO_SERVER=TRUE")) {
                    properties.setUrl(properties.getUrl() + ";DB_CLOSE_ON_EXIT=FALSE");
                }
                return bean;
            }
        };
    }

    @Bean
    GracefulStop gracefulStop(RunLauncher launcher, RunStartNotifier notifier, JobRuns runs, JobsProperties properties) {
        return new GracefulStop(launcher, notifier, runs, properties);
    }

    @Bean
    JobRepositorySchema jobRepositorySchema(DataSource dataSource) {
        return new JobRepositorySchema(dataSource);
    }

    @Bean
    WatermarkStore watermarkStore(DataSource dataSource, JobRepositorySchema schemaFirst) {
        return new WatermarkStore(new JdbcTemplate(dataSource));
    }

    @Bean
    RunLocks runLocks(DataSource dataSource, JobRepositorySchema schemaFirst) {
        return new RunLocks(dataSource);
    }

    @Bean
    RunLauncher runLauncher(JobOperator operator, JobRepository repository, RunLocks runLocks, JobsProperties properties) {
        return new RunLauncher(operator, repository, runLocks, properties.lockWait());
    }

    @Bean
    RunOwners runOwners(DataSource dataSource, JobRepositorySchema schemaFirst, JobsProperties properties) {
        return new RunOwners(dataSource, properties, RunOwners.thisInstance());
    }

    @Bean
    RunStartNotifier runStartNotifier(RunOwners runOwners) {
        return new RunStartNotifier(runOwners);
    }

    @Bean(destroyMethod = "close")
    JobRuns jobRuns(java.util.List<JobStarter> starters, RunStartNotifier notifier, RunLauncher launcher,
            JobRepository repository, DataSource dataSource) {
        return new JobRuns(starters, notifier, launcher, repository, dataSource);
    }

    @Bean
    RunProgressRegistry runProgressRegistry() {
        return new RunProgressRegistry();
    }
}
