package io.spotdraftsync.warehouse;

import java.time.Instant;
import java.util.List;

/** The rows of one table that a load stages, with the load's time for {@code _synced_at}. */
record StagedRows<R>(TableSpec<R> table, List<R> rows, Instant syncedAt) {

    StagedRows {
        rows = List.copyOf(rows);
    }

    /** The staging values of row {@code index}: its columns, then {@code _stage_seq} (its position). */
    Object[] values(int index) {
        R row = rows.get(index);
        List<Column<R>> columns = table.columns();
        Object[] values = new Object[columns.size() + 1];
        for (int i = 0; i < columns.size(); i++) {
            values[i] = columns.get(i).value().of(row, syncedAt);
        }
        values[columns.size()] = (long) index;
        return values;
    }

    ColumnType type(int column) {
        return column < table.columns().size() ? table.columns().get(column).type() : ColumnType.BIGINT;
    }
}
