package io.spotdraftsync.jobs;

import javax.sql.DataSource;

import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** What every job shares: the job repository's schema, watermarks, launching and live progress. */
@Configuration(proxyBeanMethods = false)
public class JobsConfiguration {

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
    RunLauncher runLauncher(JobOperator operator, JobRepository repository, RunLocks runLocks) {
        return new RunLauncher(operator, repository, runLocks);
    }

    @Bean
    RunStartNotifier runStartNotifier() {
        return new RunStartNotifier();
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
