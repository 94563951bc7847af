package io.spotdraftsync.warehouse;

import static io.spotdraftsync.warehouse.ColumnType.BIGINT;
import static io.spotdraftsync.warehouse.ColumnType.BOOLEAN;
import static io.spotdraftsync.warehouse.ColumnType.DATE;
import static io.spotdraftsync.warehouse.ColumnType.DECIMAL;
import static io.spotdraftsync.warehouse.ColumnType.JSON;
import static io.spotdraftsync.warehouse.ColumnType.TEXT;
import static io.spotdraftsync.warehouse.ColumnType.TIMESTAMP;

import io.spotdraftsync.warehouse.TableSpec.OnMatch;

/** Small tables with every column type, so that generated statements stay readable in the dialect tests. */
final class SqlFixtures {

    /** Soft-deletable, newer-wins: shaped like {@code contracts}. */
    static final TableSpec<Object> THINGS = TableSpec.<Object>of("things")
            .column("workspace", TEXT, row -> null)
            .column("thing_id", TEXT, row -> null)
            .column("size", BIGINT, row -> null)
            .column("price", DECIMAL, row -> null)
            .column("due", DATE, row -> null)
            .column("active", BOOLEAN, row -> null)
            .column("seen_at", TIMESTAMP, row -> null)
            .column("meta", JSON, row -> null)
            .systemColumns(row -> null, row -> null)
            .key("workspace", "thing_id")
            .softDelete()
            .build();

    /** Insert-only: shaped like {@code contract_status_history}. */
    static final TableSpec<Object> EVENTS = TableSpec.<Object>of("events")
            .column("event_id", TEXT, row -> null)
            .column("happened_at", TIMESTAMP, row -> null)
            .column("detail", TEXT, row -> null)
            .key("event_id")
            .onMatch(OnMatch.KEEP)
            .build();

    /** Always updated, with a column named by a reserved word: shaped like {@code sync_runs}. */
    static final TableSpec<Object> RUNS = TableSpec.<Object>of("runs")
            .column("run_id", TEXT, row -> null)
            .column("trigger", TEXT, row -> null)
            .column("started_at", TIMESTAMP, row -> null)
            .column("calls", BIGINT, row -> null)
            .column("payload", JSON, row -> null)
            .key("run_id")
            .onMatch(OnMatch.UPDATE)
            .build();

    private SqlFixtures() {
    }
}
