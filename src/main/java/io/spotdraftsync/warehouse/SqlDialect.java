package io.spotdraftsync.warehouse;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SQL of one warehouse: pure functions from table specs to statement text, with {@code ?} where the loader
 * binds values. Nothing here touches a connection, so every statement is unit-tested as text.
 */
public interface SqlDialect {

    /** {@code duckdb}, {@code postgresql} or {@code snowflake}: also the folder of its scripts under {@code sql/}. */
    String name();

    /** The SQL type of a column in the warehouse tables. */
    String columnType(ColumnType type);

    /** The SQL type of a column in a staging table: JSON is staged as text and parsed by the MERGE. */
    String stagingType(ColumnType type);

    /** A column name as it must be written (reserved words quoted). */
    String identifier(String column);

    /** An expression that turns JSON text into the warehouse's JSON type. */
    String jsonFromText(String expression);

    /** A bound value ({@code ?}) typed for use in an expression, such as a select list. */
    String parameter(ColumnType type);

    /**
     * Whether DDL runs inside a transaction. When it does not (Snowflake commits before and after each DDL
     * statement), staging tables are created and filled before the transaction that changes the targets.
     */
    boolean transactionalDdl();

    // ---- schema and migrations ----

    /** Creates the configured schema if missing; empty where the schema must exist beforehand. */
    Optional<String> createSchema(String schema);

    String createMigrationsTable();

    /** Serializes concurrent migrations (two pods starting at once), inside the migration transaction. */
    Optional<String> lockMigrations();

    String selectMigrations();

    String insertMigration();

    /**
     * Creates a table with the spec's columns and key ({@code check}'s scratch table; the synced tables come from the
     * scripts of {@code sql/<dialect>/}).
     */
    String createTable(TableSpec<?> table);

    /** Drops a table if it is there. */
    default String dropTable(String table) {
        return "DROP TABLE IF EXISTS " + table;
    }

    // ---- staging ----

    String stagingTable(TableSpec<?> table);

    /** Creates the session-private staging table of a target table: its written columns plus {@code _stage_seq}. */
    String createStagingTable(TableSpec<?> table);

    /** Drops the staging table after the load, where it would outlive the transaction. */
    Optional<String> dropStagingTable(TableSpec<?> table);

    /** Refreshes the planner's statistics of a filled staging table, where the planner has none otherwise. */
    default Optional<String> analyzeStagingTable(TableSpec<?> table) {
        return Optional.empty();
    }

    /** A multi-row insert of {@code rows} rows into the staging table (DuckDB and PostgreSQL). */
    String insertStagingRows(TableSpec<?> table, int rows);

    /** Column names of the staging table, in order: the written columns, then {@code _stage_seq}. */
    default List<String> stagingColumns(TableSpec<?> table) {
        return java.util.stream.Stream.concat(table.columnNames().stream(), java.util.stream.Stream.of(TableSpec.STAGE_SEQ)).toList();
    }

    // ---- loading ----

    /** The staged rows, one per key: the latest extract, then the last row staged. */
    String deduplicatedSource(TableSpec<?> table);

    /** Counts what {@link #merge} will do: source rows, matched rows, matched rows not older, staged rows. */
    String countMerge(TableSpec<?> table);

    /** Merges the deduplicated staging rows into the target table. */
    String merge(TableSpec<?> table);

    /**
     * Deletes the stored key pointers of the staged sets whose field is not in the set any more, for the sets
     * not older than what is stored.
     */
    String deleteRemovedKeyPointers();

    /** Merges the staged key pointer sets not older than what is stored. */
    String mergeKeyPointers();

    /** Marks deleted: params are deleted_at, run id, synced_at, workspace, the ids, and the time of the finding. */
    String softDelete(int ids);

    /** Marks undeleted: params are run id, synced_at, workspace, the ids, and the time the contracts were seen. */
    String undelete(int ids);

    /** Inserts or replaces one row from bound values, keyed by the table's key. */
    String upsertRow(TableSpec<?> table);

    /** Stored contracts of a workspace (param: workspace) or, with {@code oneContract}, one (params: workspace, id). */
    String selectStoredContracts(boolean oneContract);

    // ---- stage files (Snowflake) ----

    /** Where a load's files go in the stage; only where rows are loaded from files. */
    default String stageLocation(String stage, String loadId) {
        throw new UnsupportedOperationException(name() + " loads staging tables with inserts, not from a stage");
    }

    default String put(Path file, String stageLocation) {
        throw new UnsupportedOperationException(name() + " loads staging tables with inserts, not from a stage");
    }

    default String copyInto(TableSpec<?> table, String stageLocation, String fileName) {
        throw new UnsupportedOperationException(name() + " loads staging tables with inserts, not from a stage");
    }

    default String removeStagedFiles(String stageLocation) {
        throw new UnsupportedOperationException(name() + " loads staging tables with inserts, not from a stage");
    }

    /** Whether staging rows travel as a file through a stage (Snowflake) rather than as inserts. */
    default boolean loadsFromStage() {
        return false;
    }

    /** The dialect of a JDBC URL; the message names {@code sync.warehouse.url}. */
    static SqlDialect forUrl(String url) {
        String lower = url == null ? "" : url.trim().toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:duckdb:")) {
            return new DuckDbDialect();
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return new PostgresDialect();
        }
        if (lower.startsWith("jdbc:snowflake:")) {
            return new SnowflakeDialect();
        }
        throw new IllegalArgumentException("sync.warehouse.url must be a jdbc:duckdb:, jdbc:postgresql: or jdbc:snowflake: URL, not "
                + (url == null || url.isBlank() ? "empty" : url.replaceAll("(?i)(password=)[^&;]*", "$1****")));
    }
}
