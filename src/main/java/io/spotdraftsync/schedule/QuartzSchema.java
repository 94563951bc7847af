package io.spotdraftsync.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.StreamUtils;

/**
 * Creates Quartz's tables ({@code qrtz_*}) in the job-repository database when they are missing, from Quartz's own
 * scripts ({@code org/quartz/impl/jdbcjobstore/tables_h2.sql}, {@code tables_postgres.sql}), the way
 * {@link io.spotdraftsync.jobs.JobRepositorySchema} does for Spring Batch.
 *
 * <p>Never Boot's {@code spring.quartz.jdbc.initialize-schema=always}: the PostgreSQL script starts with
 * {@code DROP TABLE}, so every start would drop every trigger. Here the scripts' {@code DROP} and {@code COMMIT}
 * statements are left out and each {@code CREATE} gets {@code IF NOT EXISTS}, so running one again (after a
 * crash half-way on H2, whose DDL is not transactional) completes what is missing and drops nothing. On
 * PostgreSQL the whole script runs in one transaction under an advisory lock, so two pods starting at once
 * create the tables once; elsewhere a creator that raced us is tolerated when the tables exist afterwards.
 */
public class QuartzSchema implements InitializingBean {

    /** Quartz's default table prefix. */
    public static final String DEFAULT_PREFIX = "QRTZ_";

    /** The tables of Quartz 2.x's JDBC job store, without their prefix. */
    static final List<String> TABLES = List.of("JOB_DETAILS", "TRIGGERS", "SIMPLE_TRIGGERS", "CRON_TRIGGERS",
            "SIMPROP_TRIGGERS", "BLOB_TRIGGERS", "CALENDARS", "PAUSED_TRIGGER_GRPS", "FIRED_TRIGGERS",
            "SCHEDULER_STATE", "LOCKS");

    private static final Logger log = LoggerFactory.getLogger(QuartzSchema.class);
    private static final Pattern CREATE_TABLE = Pattern.compile("(?i)^CREATE\\s+TABLE\\s+(?!IF\\s)");
    private static final Pattern CREATE_INDEX = Pattern.compile("(?i)^CREATE\\s+INDEX\\s+(?!IF\\s)");
    private static final Pattern ADD_CONSTRAINT = Pattern.compile("(?i)\\bADD\\s+CONSTRAINT\\s+(?!IF\\s)");
    /** Any 64-bit number, the same in every process: the advisory lock that serializes creators on PostgreSQL. */
    private static final long ADVISORY_LOCK = 0x5175617274_7A5FL;

    private final DataSource dataSource;
    private final String tablePrefix;

    public QuartzSchema(DataSource dataSource) {
        this(dataSource, DEFAULT_PREFIX);
    }

    /** @param tablePrefix {@code org.quartz.jobStore.tablePrefix}, when it is not Quartz's default */
    public QuartzSchema(DataSource dataSource, String tablePrefix) {
        this.dataSource = dataSource;
        this.tablePrefix = tablePrefix == null || tablePrefix.isBlank() ? DEFAULT_PREFIX : tablePrefix;
    }

    /** H2 or PostgreSQL, from the DataSource's product name: the driver delegate and the script follow from it. */
    public enum Platform {
        H2("tables_h2.sql", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate", false),
        POSTGRESQL("tables_postgres.sql", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate", true);

        private final String script;
        private final String driverDelegate;
        private final boolean clustered;

        Platform(String script, String driverDelegate, boolean clustered) {
            this.script = script;
            this.driverDelegate = driverDelegate;
            this.clustered = clustered;
        }

        public String driverDelegate() {
            return driverDelegate;
        }

        /** Clustered on PostgreSQL (pods share the triggers, each fires once); H2 is one process's file. */
        public boolean clustered() {
            return clustered;
        }

        public static Platform of(DataSource dataSource) {
            try (Connection connection = dataSource.getConnection()) {
                return of(connection.getMetaData());
            } catch (SQLException failure) {
                throw new IllegalStateException("Could not reach the job repository (spring.datasource.url) to set up "
                        + "the schedules: " + failure.getMessage(), failure);
            }
        }

        static Platform of(DatabaseMetaData metadata) throws SQLException {
            String product = metadata.getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("h2")) {
                return H2;
            }
            if (product.contains("postgres")) {
                return POSTGRESQL;
            }
            throw new IllegalStateException("spring.datasource.url points at " + metadata.getDatabaseProductName()
                    + ": the schedules' Quartz job store supports H2 (the embedded default) and PostgreSQL");
        }
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Platform platform = Platform.of(connection.getMetaData());
            if (missingTables(connection).isEmpty()) {
                return;
            }
            if (platform == Platform.POSTGRESQL) {
                createInOneTransaction(connection, platform);
            } else {
                createTolerantly(connection, platform);
            }
        }
    }

    /** PostgreSQL: DDL is transactional, so lock, look again, create, commit: all or nothing, once. */
    private void createInOneTransaction(Connection connection, Platform platform) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (Statement lock = connection.createStatement()) {
                lock.execute("SELECT pg_advisory_xact_lock(" + ADVISORY_LOCK + ")");
            }
            List<String> missing = missingTables(connection);
            if (!missing.isEmpty()) {
                log.info("Creating the Quartz job store tables ({}; missing: {})", platform, missing);
                execute(connection, statements(platform));
            }
            connection.commit();
        } catch (SQLException | RuntimeException failure) {
            connection.rollback();
            throw failure;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** H2: each DDL statement commits on its own; one that fails because another process got there first is fine. */
    private void createTolerantly(Connection connection, Platform platform) throws SQLException {
        log.info("Creating the Quartz job store tables ({}; missing: {})", platform, missingTables(connection));
        try {
            execute(connection, statements(platform));
        } catch (SQLException | RuntimeException raced) {
            if (!missingTables(connection).isEmpty()) {
                throw raced;
            }
        }
    }

    private static void execute(Connection connection, List<String> statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** Quartz's script for the platform: without DROP and COMMIT, every CREATE made re-runnable, with our prefix. */
    List<String> statements(Platform platform) {
        String script = read("org/quartz/impl/jdbcjobstore/" + platform.script);
        StringBuilder withoutComments = new StringBuilder();
        for (String line : script.split("\\R")) {
            if (!line.trim().startsWith("--")) {
                withoutComments.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String raw : withoutComments.toString().split(";")) {
            String sql = raw.trim();
            String verb = sql.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
            if (sql.isEmpty() || verb.equals("DROP") || verb.equals("COMMIT")) {
                continue;
            }
            sql = CREATE_TABLE.matcher(sql).replaceFirst("CREATE TABLE IF NOT EXISTS ");
            sql = CREATE_INDEX.matcher(sql).replaceFirst("CREATE INDEX IF NOT EXISTS ");
            if (platform == Platform.H2) {
                // H2 accepts ADD CONSTRAINT IF NOT EXISTS; the PostgreSQL script declares its keys inside CREATE TABLE
                sql = ADD_CONSTRAINT.matcher(sql).replaceAll("ADD CONSTRAINT IF NOT EXISTS ");
            }
            if (!DEFAULT_PREFIX.equals(tablePrefix)) {
                sql = sql.replace(DEFAULT_PREFIX, tablePrefix);
            }
            statements.add(sql);
        }
        return statements;
    }

    /** The tables missing in the connection's own schema (another schema's tables, another deployment's, do not count). */
    List<String> missingTables(Connection connection) throws SQLException {
        List<String> missing = new ArrayList<>();
        for (String table : TABLES) {
            if (!tableExists(connection, tablePrefix + table)) {
                missing.add((tablePrefix + table).toLowerCase(Locale.ROOT));
            }
        }
        return missing;
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        String schema = connection.getSchema();
        for (String name : new String[] {table.toLowerCase(Locale.ROOT), table.toUpperCase(Locale.ROOT)}) {
            try (ResultSet tables = connection.getMetaData().getTables(null, schema, name, new String[] {"TABLE"})) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String read(String resource) {
        try {
            return StreamUtils.copyToString(new ClassPathResource(resource).getInputStream(), StandardCharsets.UTF_8);
        } catch (IOException failure) {
            throw new UncheckedIOException("Quartz's script " + resource + " is not on the classpath", failure);
        }
    }
}
