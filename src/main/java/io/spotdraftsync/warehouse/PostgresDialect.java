package io.spotdraftsync.warehouse;

import java.util.Optional;

/** PostgreSQL 15+: MERGE, JSONB, transactional DDL. */
public final class PostgresDialect extends AnsiSqlDialect {

    /** Any fixed number: the advisory lock that serializes migrations of pods starting together. */
    static final long MIGRATION_LOCK = 0x5350_4452_4654L;

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public String columnType(ColumnType type) {
        return switch (type) {
            case TEXT -> "TEXT";
            case BIGINT -> "BIGINT";
            case BOOLEAN -> "BOOLEAN";
            case TIMESTAMP -> "TIMESTAMPTZ";
            case DATE -> "DATE";
            case DECIMAL -> "NUMERIC";
            case JSON -> "JSONB";
        };
    }

    @Override
    public String jsonFromText(String expression) {
        return "CAST(" + expression + " AS JSONB)";
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Override
    public Optional<String> lockMigrations() {
        return Optional.of("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
    }

    @Override
    public Optional<String> analyzeStagingTable(TableSpec<?> table) {
        // autovacuum never analyzes temporary tables: without statistics the planner picks nested loops that
        // turn the key pointer DELETE from milliseconds into seconds
        return Optional.of("ANALYZE " + stagingTable(table));
    }

    @Override
    protected String createTemporaryTable(String name) {
        return "CREATE TEMPORARY TABLE " + name;
    }

    @Override
    protected String temporaryTableSuffix() {
        // pooled connections outlive the load: the staging table goes with the transaction, committed or not
        return " ON COMMIT DROP";
    }
}
