package io.spotdraftsync.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Applies the dialect's scripts that {@code schema_migrations} does not list yet, in version order, and records
 * each with its checksum. Idempotent: a second run applies nothing. A script edited after it was applied stops
 * the run, naming the file, before anything is applied.
 */
public final class MigrationRunner {

    private static final Logger log = LoggerFactory.getLogger(MigrationRunner.class);

    private final SqlDialect dialect;
    private final List<MigrationScript> scripts;
    private final SqlLog sql;
    private final JdbcValues values;
    private final Clock clock;

    MigrationRunner(SqlDialect dialect, List<MigrationScript> scripts, SqlLog sql, Clock clock) {
        this.dialect = dialect;
        this.scripts = scripts.stream().sorted(Comparator.comparingLong(MigrationScript::version)).toList();
        this.sql = sql;
        this.values = JdbcValues.of(dialect);
        this.clock = clock;
        Map<Long, MigrationScript> seen = new HashMap<>();
        for (MigrationScript script : this.scripts) {
            MigrationScript other = seen.put(script.version(), script);
            if (other != null) {
                throw new IllegalStateException("Two migration scripts have version " + script.version() + ": "
                        + other.location() + " and " + script.location());
            }
        }
    }

    /** The scripts packaged under {@code sql/<dialect>/} (from the jar, or {@code sql/} in a build). */
    public static List<MigrationScript> packaged(SqlDialect dialect) {
        String folder = "sql/" + dialect.name() + "/";
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver(MigrationRunner.class.getClassLoader())
                    .getResources("classpath*:" + folder + "V*__*.sql");
            // the same folder can be on the class path twice (a build's classes and its test class path, a jar
            // added twice): identical copies count once, different ones under one name are an error
            Map<String, MigrationScript> byName = new java.util.LinkedHashMap<>();
            Map<String, String> origins = new HashMap<>();
            for (Resource resource : resources) {
                MigrationScript script = MigrationScript.of(folder + resource.getFilename(),
                        resource.getContentAsString(StandardCharsets.UTF_8));
                MigrationScript same = byName.putIfAbsent(script.location(), script);
                if (same == null) {
                    origins.put(script.location(), resource.getDescription());
                } else if (!same.checksum().equals(script.checksum())) {
                    throw new IllegalStateException("Two different migration scripts " + script.location() + " are on the class path: "
                            + origins.get(script.location()) + " and " + resource.getDescription());
                }
            }
            if (byName.isEmpty()) {
                throw new IllegalStateException("No migration scripts found under classpath:" + folder);
            }
            return new ArrayList<>(byName.values());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the migration scripts under " + folder, e);
        }
    }

    List<MigrationScript> scripts() {
        return scripts;
    }

    /**
     * The scripts not applied yet (file names), read without a change: all of them when {@code schema_migrations} is
     * not there (or cannot be read).
     */
    public List<String> pending(Connection connection) throws SQLException {
        Map<Long, Applied> applied;
        try {
            applied = applied(connection);
        } catch (SQLException missing) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            applied = Map.of();
        }
        verify(applied);
        Map<Long, Applied> done = applied;
        return scripts.stream().filter(script -> !done.containsKey(script.version())).map(MigrationScript::fileName).toList();
    }

    /** Applies what is missing; returns the scripts applied. */
    public List<MigrationScript> migrate(Connection connection) throws SQLException {
        boolean transactional = dialect.transactionalDdl();
        connection.setAutoCommit(!transactional);
        try {
            for (String lock : dialect.lockMigrations().stream().toList()) {
                sql.execute(connection, "lock", "schema_migrations", lock);
            }
            sql.execute(connection, "create", "schema_migrations", dialect.createMigrationsTable());
            Map<Long, Applied> applied = applied(connection);
            verify(applied);
            List<MigrationScript> pending = scripts.stream().filter(script -> !applied.containsKey(script.version())).toList();
            for (MigrationScript script : pending) {
                apply(connection, script);
            }
            if (transactional) {
                connection.commit();
            }
            warnAboutUnknown(applied);
            return pending;
        } catch (SQLException | RuntimeException e) {
            if (transactional) {
                connection.rollback();
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private record Applied(long version, String script, String checksum) {
    }

    private Map<Long, Applied> applied(Connection connection) throws SQLException {
        return sql.query(connection, "read", "schema_migrations", dialect.selectMigrations(), statement -> { }, results -> {
            Map<Long, Applied> rows = new HashMap<>();
            while (results.next()) {
                long version = results.getLong("version");
                rows.put(version, new Applied(version, results.getString("script"), results.getString("checksum")));
            }
            return rows;
        });
    }

    private void verify(Map<Long, Applied> applied) {
        for (MigrationScript script : scripts) {
            Applied row = applied.get(script.version());
            if (row != null && !row.checksum().equals(script.checksum())) {
                throw new IllegalStateException(script.location() + " was edited after it was applied to this warehouse "
                        + "(schema_migrations version " + script.version() + " has checksum " + row.checksum()
                        + ", the file has " + script.checksum() + "): restore it and add the change as a new script V"
                        + String.format("%03d", scripts.get(scripts.size() - 1).version() + 1) + "__<name>.sql");
            }
        }
    }

    private void apply(Connection connection, MigrationScript script) throws SQLException {
        log.info("Applying {} to the {} warehouse", script.location(), dialect.name());
        for (String statement : script.statements()) {
            try {
                sql.execute(connection, "migrate", script.fileName(), statement);
            } catch (SQLException e) {
                throw new SQLException(script.location() + " failed: " + e.getMessage(), e.getSQLState(), e);
            }
        }
        sql.update(connection, "record", "schema_migrations", dialect.insertMigration(), statement -> {
            values.bind(statement, 1, ColumnType.BIGINT, script.version());
            values.bind(statement, 2, ColumnType.TEXT, script.fileName());
            values.bind(statement, 3, ColumnType.TEXT, script.checksum());
            values.bind(statement, 4, ColumnType.TIMESTAMP, clock.instant());
        });
    }

    private void warnAboutUnknown(Map<Long, Applied> applied) {
        long newest = scripts.isEmpty() ? 0 : scripts.get(scripts.size() - 1).version();
        applied.values().stream().filter(row -> row.version() > newest).forEach(row ->
                log.warn("The warehouse has {} applied, newer than this build's scripts: is an older version running?", row.script()));
    }
}
