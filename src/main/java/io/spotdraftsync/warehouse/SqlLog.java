package io.spotdraftsync.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs statements and logs each one at DEBUG with its duration and row count; MERGEs also feed the
 * {@value #MERGE_TIMER} timer (tags: workspace, table, dialect).
 */
final class SqlLog {

    private static final Logger log = LoggerFactory.getLogger(SqlLog.class);
    private static final int LOGGED_SQL_LIMIT = 4000;
    static final String MERGE_TIMER = "sync.warehouse.merge";

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    interface Reader<T> {
        T read(ResultSet results) throws SQLException;
    }

    private final String dialect;
    private final MeterRegistry registry;

    SqlLog(String dialect, MeterRegistry registry) {
        this.dialect = dialect;
        this.registry = registry;
    }

    /** A statement without parameters (DDL, PUT, COPY); returns its update count, or -1. */
    long execute(Connection connection, String purpose, String table, String sql) throws SQLException {
        long start = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            boolean results = statement.execute(sql);
            long rows = results ? consume(statement.getResultSet()) : statement.getLargeUpdateCount();
            logged(purpose, table, sql, rows, start);
            return rows;
        } catch (SQLException e) {
            throw failed(purpose, table, sql, e);
        }
    }

    /** An INSERT, UPDATE or DELETE with parameters; returns the rows it changed. */
    int update(Connection connection, String purpose, String table, String sql, Binder binder) throws SQLException {
        return update(connection, purpose, null, table, sql, binder);
    }

    /**
     * A statement with parameters that writes rows of one workspace; a MERGE is timed by {@value #MERGE_TIMER}.
     * Returns the rows it changed.
     */
    int update(Connection connection, String purpose, String workspace, String table, String sql, Binder binder)
            throws SQLException {
        long start = System.nanoTime();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            int rows = statement.executeUpdate();
            long nanos = logged(purpose, table, sql, rows, start);
            if (workspace != null && sql.startsWith("MERGE")) {
                mergeTimer(workspace, table).record(nanos, TimeUnit.NANOSECONDS);
            }
            return rows;
        } catch (SQLException e) {
            throw failed(purpose, table, sql, e);
        }
    }

    /** A MERGE without parameters of one workspace's rows, timed by {@value #MERGE_TIMER}. */
    int merge(Connection connection, String workspace, String table, String sql) throws SQLException {
        return update(connection, "merge", workspace, table, sql, statement -> { });
    }

    /** One prepared statement run as a JDBC batch (staging inserts); returns the rows inserted. */
    long batch(Connection connection, String purpose, String table, String sql, int rowsPerStatement, Iterable<Binder> batches)
            throws SQLException {
        long start = System.nanoTime();
        long rows = 0;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Binder binder : batches) {
                binder.bind(statement);
                statement.addBatch();
                rows += rowsPerStatement;
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw failed(purpose, table, abbreviated(sql), e);
        }
        logged(purpose, table, abbreviated(sql), rows, start);
        return rows;
    }

    <T> T query(Connection connection, String purpose, String table, String sql, Binder binder, Reader<T> reader)
            throws SQLException {
        long start = System.nanoTime();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet results = statement.executeQuery()) {
                T value = reader.read(results);
                logged(purpose, table, sql, -1, start);
                return value;
            }
        } catch (SQLException e) {
            throw failed(purpose, table, sql, e);
        }
    }

    private Timer mergeTimer(String workspace, String table) {
        return Timer.builder(MERGE_TIMER)
                .description("Duration of one MERGE statement into a warehouse table")
                .tag("workspace", workspace).tag("table", table).tag("dialect", dialect)
                .register(registry);
    }

    private long logged(String purpose, String table, String sql, long rows, long start) {
        long nanos = System.nanoTime() - start;
        if (log.isDebugEnabled()) {
            log.debug("[{}] {} {}: {} in {} ms\n{}", dialect, purpose, table, rows < 0 ? "done" : rows + " rows",
                    TimeUnit.NANOSECONDS.toMillis(nanos), sql.length() > LOGGED_SQL_LIMIT ? sql.substring(0, LOGGED_SQL_LIMIT) + " ..." : sql);
        }
        return nanos;
    }

    private SQLException failed(String purpose, String table, String sql, SQLException cause) {
        log.debug("[{}] {} {} failed: {}\n{}", dialect, purpose, table, cause.getMessage(), abbreviated(sql));
        return new SQLException(purpose + " " + table + " failed on " + dialect + ": " + cause.getMessage(),
                cause.getSQLState(), cause.getErrorCode(), cause);
    }

    /** A multi-row VALUES list, shown as its first row and a count. */
    private static String abbreviated(String sql) {
        int values = sql.indexOf(" VALUES (");
        if (values < 0 || !sql.startsWith("INSERT")) {
            return sql;
        }
        int firstRowEnd = sql.indexOf(')', values) + 1;
        int rows = (sql.length() - values) / Math.max(1, firstRowEnd - values);
        return sql.substring(0, firstRowEnd) + (rows > 1 ? ", ... (" + rows + " rows per statement)" : "");
    }

    private static long consume(ResultSet results) throws SQLException {
        try (results) {
            long rows = 0;
            while (results.next()) {
                rows++;
            }
            return rows;
        }
    }
}
