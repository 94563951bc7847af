package io.spotdraftsync.warehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the SQL generator knows of a target table: its name, the columns the loader writes (in staging order),
 * its key, and how a MERGE treats a row that is already there.
 *
 * @param name       the table
 * @param columns    the columns written from a row; {@code _deleted} and {@code _deleted_at} are not among them
 *                   (the MERGE and the soft-delete statements own those)
 * @param key        the primary key columns
 * @param onMatch    what happens to a stored row with the same key
 * @param softDelete whether the table has {@code _deleted} and {@code _deleted_at}
 * @param <R>        the row record
 */
public record TableSpec<R>(String name, List<Column<R>> columns, List<String> key, OnMatch onMatch, boolean softDelete) {

    public static final String EXTRACTED_AT = "_extracted_at";
    public static final String SYNCED_AT = "_synced_at";
    public static final String RUN_ID = "_run_id";
    /** Position of a row in its chunk: the tie-break between two extracts of one key with the same time. */
    public static final String STAGE_SEQ = "_stage_seq";

    public enum OnMatch {
        /** Update only from an extract at least as new as the stored one ({@code _extracted_at}). */
        UPDATE_IF_NOT_OLDER,
        /** Always update (rows that are not extracts, such as a run's own row). */
        UPDATE,
        /** Insert-only: a row already there stays as it is (append-style tables made idempotent). */
        KEEP
    }

    public TableSpec {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        key = List.copyOf(key);
        Objects.requireNonNull(onMatch, "onMatch");
        List<String> names = columns.stream().map(Column::name).toList();
        if (!names.containsAll(key)) {
            throw new IllegalArgumentException("Key " + key + " of " + name + " is not among its columns " + names);
        }
        if (onMatch == OnMatch.UPDATE_IF_NOT_OLDER && !names.contains(EXTRACTED_AT)) {
            throw new IllegalArgumentException(name + " has no " + EXTRACTED_AT + " to compare extracts by");
        }
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    public List<Column<R>> nonKeyColumns() {
        return columns.stream().filter(column -> !key.contains(column.name())).toList();
    }

    public boolean hasExtractedAt() {
        return columnNames().contains(EXTRACTED_AT);
    }

    /** Builds a table spec column by column, in the order of the DDL. */
    public static <R> Builder<R> of(String name) {
        return new Builder<>(name);
    }

    public static final class Builder<R> {
        private final String name;
        private final List<Column<R>> columns = new ArrayList<>();
        private List<String> key = List.of();
        private OnMatch onMatch = OnMatch.UPDATE_IF_NOT_OLDER;
        private boolean softDelete;

        private Builder(String name) {
            this.name = name;
        }

        public Builder<R> column(String column, ColumnType type, Function<R, ?> value) {
            columns.add(new Column<>(column, type, (row, syncedAt) -> value.apply(row)));
            return this;
        }

        /** {@code _extracted_at}, {@code _synced_at} and {@code _run_id}. */
        public Builder<R> systemColumns(Function<R, ?> extractedAt, Function<R, ?> runId) {
            column(EXTRACTED_AT, ColumnType.TIMESTAMP, extractedAt);
            columns.add(new Column<>(SYNCED_AT, ColumnType.TIMESTAMP, (row, syncedAt) -> syncedAt));
            return column(RUN_ID, ColumnType.TEXT, runId);
        }

        public Builder<R> key(String... columns) {
            this.key = List.of(columns);
            return this;
        }

        public Builder<R> onMatch(OnMatch value) {
            this.onMatch = value;
            return this;
        }

        public Builder<R> softDelete() {
            this.softDelete = true;
            return this;
        }

        public TableSpec<R> build() {
            return new TableSpec<>(name, columns, key, onMatch, softDelete);
        }
    }
}
