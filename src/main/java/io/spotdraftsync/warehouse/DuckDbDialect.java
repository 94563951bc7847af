package io.spotdraftsync.warehouse;

/** DuckDB 1.4+: MERGE with conditions, JSON type, transactional DDL; one writing process at a time. */
public final class DuckDbDialect extends AnsiSqlDialect {

    @Override
    public String name() {
        return "duckdb";
    }

    @Override
    public String columnType(ColumnType type) {
        return switch (type) {
            case TEXT -> "VARCHAR";
            case BIGINT -> "BIGINT";
            case BOOLEAN -> "BOOLEAN";
            case TIMESTAMP -> "TIMESTAMPTZ";
            case DATE -> "DATE";
            case DECIMAL -> "DECIMAL(38,10)";
            case JSON -> "JSON";
        };
    }

    @Override
    public String jsonFromText(String expression) {
        return "CAST(" + expression + " AS JSON)";
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Override
    protected String createTemporaryTable(String name) {
        // lives as long as the connection, which the DuckDB warehouse opens for one call only
        return "CREATE TEMPORARY TABLE " + name;
    }
}
