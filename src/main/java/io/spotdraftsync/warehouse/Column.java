package io.spotdraftsync.warehouse;

import java.time.Instant;
import java.util.Objects;

/**
 * One column that the loader writes: its name and type (all the SQL generator needs) and how to take its value
 * from a row record.
 *
 * @param <R> the row record
 */
public record Column<R>(String name, ColumnType type, Value<R> value) {

    /** The value of the column for a row; {@code syncedAt} is the load's own clock, for {@code _synced_at}. */
    @FunctionalInterface
    public interface Value<R> {
        Object of(R row, Instant syncedAt);
    }

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }
}
