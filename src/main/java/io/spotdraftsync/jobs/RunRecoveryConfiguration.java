package io.spotdraftsync.jobs;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code serve}'s recovery of runs left running by dead processes ({@link DeadRunRecovery}). */
@Configuration(proxyBeanMethods = false)
public class RunRecoveryConfiguration {

    @Bean
    DeadRunRecovery deadRunRecovery(DataSource dataSource, JobRepository repository, JobOperator operator, RunLocks runLocks,
            RunOwners runOwners, JobRuns jobRuns) throws SQLException {
        return new DeadRunRecovery(dataSource, repository, operator, runLocks, runOwners, jobRuns, sharedDatabase(dataSource));
    }

    /** PostgreSQL may be shared by pods on several machines; the embedded H2 is one machine's (its locks are exact). */
    static boolean sharedDatabase(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return !connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("h2");
        }
    }
}
