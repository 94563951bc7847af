package io.spotdraftsync.jobs;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Creates Spring Batch's tables in the job-repository database when they are missing, and our own
 * tables ({@code sync_watermarks}, {@code sync_run_locks}, {@code sync_run_owners}, {@code webhook_inbox}). Spring Batch's scripts are not re-runnable, and Boot only initializes
 * in-memory databases by default, so a file database (the embedded H2 default) or PostgreSQL needs this.
 */
public class JobRepositorySchema implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(JobRepositorySchema.class);

    private final DataSource dataSource;

    public JobRepositorySchema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        String platform;
        try (Connection connection = dataSource.getConnection()) {
            platform = platform(connection.getMetaData());
            if (!tableExists(connection, "batch_job_instance")) {
                log.info("Creating the Spring Batch job repository tables ({})", platform);
                try {
                    new ResourceDatabasePopulator(
                            new ClassPathResource("org/springframework/batch/core/schema-" + platform + ".sql"))
                            .populate(connection);
                } catch (RuntimeException raced) {
                    // another process may have created them at the same moment: fine if they exist now
                    if (!tableExists(connection, "batch_job_instance")) {
                        throw raced;
                    }
                }
            }
            new ResourceDatabasePopulator(new ClassPathResource("db/jobs/sync-state.sql"),
                    new ClassPathResource("db/jobs/webhook-inbox.sql"),
                    new ClassPathResource("db/jobs/webhook-inbox-attempts.sql"),
                    new ClassPathResource("db/jobs/run-owners.sql"))
                    .populate(connection);
        }
    }

    private static String platform(DatabaseMetaData metadata) throws SQLException {
        String product = metadata.getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("h2")) {
            return "h2";
        }
        if (product.contains("postgres")) {
            return "postgresql";
        }
        throw new IllegalStateException("spring.datasource.url points at " + metadata.getDatabaseProductName()
                + ": the job repository supports H2 (the embedded default) and PostgreSQL");
    }

    /** In the connection's own schema: another schema's tables (another deployment's) do not count. */
    private static boolean tableExists(Connection connection, String table) throws SQLException {
        String schema = connection.getSchema();
        for (String name : new String[] {table, table.toUpperCase(Locale.ROOT)}) {
            try (ResultSet tables = connection.getMetaData().getTables(null, schema, name, new String[] {"TABLE"})) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
