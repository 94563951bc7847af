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
    RunLauncher runLauncher(JobOperator operator, JobRepository repository, JobRepositorySchema schemaFirst) {
        return new RunLauncher(operator, repository);
    }

    @Bean
    RunProgressRegistry runProgressRegistry() {
        return new RunProgressRegistry();
    }
}
