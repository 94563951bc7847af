package io.spotdraftsync.warehouse;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DuckDB: rows go into the temporary staging table through DuckDB's Appender, which writes column chunks
 * directly instead of binding tens of thousands of parameters (several times faster than multi-row inserts).
 * It appends inside the connection's open transaction.
 */
final class DuckDbAppenderStagingWriter implements StagingWriter {

    private static final Logger log = LoggerFactory.getLogger(DuckDbAppenderStagingWriter.class);
    /** DuckDB keeps temporary tables in the catalog {@code temp}, schema {@code main}. */
    private static final String TEMP_CATALOG = "temp";
    /** The scale of {@code DECIMAL(38,10)}, {@link DuckDbDialect#columnType} of {@link ColumnType#DECIMAL}. */
    private static final int DECIMAL_SCALE = 10;

    private final SqlDialect dialect;

    DuckDbAppenderStagingWriter(SqlDialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public void write(Connection connection, StagedRows<?> staged) throws SQLException {
        String table = dialect.stagingTable(staged.table());
        long start = System.nanoTime();
        try (DuckDBAppender appender = connection.unwrap(DuckDBConnection.class).createAppender(TEMP_CATALOG, "main", table)) {
            for (int row = 0; row < staged.rows().size(); row++) {
                Object[] values = staged.values(row);
                appender.beginRow();
                for (int column = 0; column < values.length; column++) {
                    append(appender, staged.type(column), values[column]);
                }
                appender.endRow();
            }
        } catch (SQLException e) {
            throw new SQLException("stage " + table + " failed on duckdb: " + e.getMessage(), e.getSQLState(), e);
        }
        log.debug("[{}] stage {}: {} rows appended in {} ms", dialect.name(), table, staged.rows().size(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private static void append(DuckDBAppender appender, ColumnType type, Object value) throws SQLException {
        if (value == null) {
            appender.appendNull();
            return;
        }
        switch (type) {
            case TEXT, JSON -> appender.append((String) value);
            case BIGINT -> appender.append(((Number) value).longValue());
            case BOOLEAN -> appender.append(((Boolean) value).booleanValue());
            // the appender wants the column's exact scale; DECIMAL(38,10) would round to it on insert anyway
            case DECIMAL -> appender.append(((BigDecimal) value).setScale(DECIMAL_SCALE, RoundingMode.HALF_EVEN));
            case DATE -> appender.append((LocalDate) value);
            case TIMESTAMP -> appender.append(((Instant) value).atOffset(ZoneOffset.UTC));
        }
    }
}
