package io.spotdraftsync.warehouse;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Java values to and from JDBC. Timestamps are bound as {@link OffsetDateTime} in UTC, except on Snowflake
 * where they travel as text that {@code TO_TIMESTAMP_TZ} parses (its driver has no reliable binding for a
 * time with offset).
 */
final class JdbcValues {

    /** Matches {@link SnowflakeDialect#TIMESTAMP_FORMAT}. */
    static final DateTimeFormatter TIMESTAMP_TEXT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSxxx").withZone(ZoneOffset.UTC);

    private final boolean timestampsAsText;

    JdbcValues(boolean timestampsAsText) {
        this.timestampsAsText = timestampsAsText;
    }

    static JdbcValues of(SqlDialect dialect) {
        return new JdbcValues(dialect.loadsFromStage());
    }

    void bind(PreparedStatement statement, int index, ColumnType type, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, sqlType(type));
            return;
        }
        switch (type) {
            case TEXT, JSON -> statement.setString(index, (String) value);
            case BIGINT -> statement.setLong(index, ((Number) value).longValue());
            case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
            case DECIMAL -> statement.setBigDecimal(index, (BigDecimal) value);
            case DATE -> statement.setObject(index, (LocalDate) value);
            case TIMESTAMP -> {
                Instant instant = (Instant) value;
                if (timestampsAsText) {
                    statement.setString(index, TIMESTAMP_TEXT.format(instant));
                } else {
                    statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
                }
            }
        }
    }

    private int sqlType(ColumnType type) {
        return switch (type) {
            case TEXT, JSON -> Types.VARCHAR;
            case BIGINT -> Types.BIGINT;
            case BOOLEAN -> Types.BOOLEAN;
            case DECIMAL -> Types.NUMERIC;
            case DATE -> Types.DATE;
            case TIMESTAMP -> timestampsAsText ? Types.VARCHAR : Types.TIMESTAMP_WITH_TIMEZONE;
        };
    }

    Instant instant(ResultSet results, String column) throws SQLException {
        if (timestampsAsText) {
            Timestamp timestamp = results.getTimestamp(column);
            return timestamp == null ? null : timestamp.toInstant();
        }
        OffsetDateTime value = results.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Long nullableLong(ResultSet results, String column) throws SQLException {
        long value = results.getLong(column);
        return results.wasNull() ? null : value;
    }

    /** A value as text, for files loaded through a stage (every value is a JSON string there). */
    static String text(ColumnType type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case TIMESTAMP -> TIMESTAMP_TEXT.format((Instant) value);
            case DECIMAL -> ((BigDecimal) value).toPlainString();
            default -> value.toString();
        };
    }
}
