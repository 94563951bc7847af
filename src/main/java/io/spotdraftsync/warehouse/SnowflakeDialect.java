package io.spotdraftsync.warehouse;

import static java.util.stream.Collectors.joining;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Snowflake: rows travel as a gzip JSON-lines file, {@code PUT} to a stage and {@code COPY INTO} a temporary
 * table, then MERGE. DDL commits on its own there, so staging happens before the transaction.
 */
public final class SnowflakeDialect extends AnsiSqlDialect {

    /** Timestamps travel as text in this format, always with an offset ({@code +00:00}). */
    public static final String TIMESTAMP_FORMAT = "YYYY-MM-DD\"T\"HH24:MI:SS.FF9TZH:TZM";

    /** Our column names that Snowflake reserves (it reserves every ANSI keyword). */
    private static final Set<String> RESERVED = Set.of("trigger");

    @Override
    public String name() {
        return "snowflake";
    }

    @Override
    public String columnType(ColumnType type) {
        return switch (type) {
            case TEXT -> "VARCHAR";
            case BIGINT -> "NUMBER(19,0)";
            case BOOLEAN -> "BOOLEAN";
            case TIMESTAMP -> "TIMESTAMP_TZ";
            case DATE -> "DATE";
            case DECIMAL -> "NUMBER(38,10)";
            case JSON -> "VARIANT";
        };
    }

    @Override
    public String identifier(String column) {
        // upper case, so that the quoted name is the one an unquoted name would resolve to
        return RESERVED.contains(column) ? "\"" + column.toUpperCase(java.util.Locale.ROOT) + "\"" : column;
    }

    @Override
    public String jsonFromText(String expression) {
        return "PARSE_JSON(" + expression + ")";
    }

    @Override
    public String parameter(ColumnType type) {
        return type == ColumnType.TIMESTAMP ? timestampFromText("?") : super.parameter(type);
    }

    @Override
    public boolean transactionalDdl() {
        return false;
    }

    @Override
    public Optional<String> createSchema(String schema) {
        // the session's schema is fixed at connect time: the schema, with its grants, is made beforehand
        return Optional.empty();
    }

    @Override
    protected String createTemporaryTable(String name) {
        // TEMPORARY rather than TRANSIENT: private to the session (two pods never share it), no Fail-safe either
        return "CREATE OR REPLACE TEMPORARY TABLE " + name;
    }

    @Override
    public Optional<String> dropStagingTable(TableSpec<?> table) {
        return Optional.of("DROP TABLE IF EXISTS " + stagingTable(table));
    }

    @Override
    public boolean loadsFromStage() {
        return true;
    }

    @Override
    public String stageLocation(String stage, String loadId) {
        if (!loadId.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("A load id is letters, digits, - and _: " + loadId);
        }
        return "@" + stage + "/spotdraft-sync/" + loadId;
    }

    @Override
    public String put(Path file, String stageLocation) {
        String path = file.toAbsolutePath().toString().replace('\\', '/');
        return "PUT 'file://" + (path.startsWith("/") ? "" : "/") + path.replace("'", "\\'") + "' " + stageLocation
                + " AUTO_COMPRESS = FALSE SOURCE_COMPRESSION = GZIP OVERWRITE = TRUE";
    }

    @Override
    public String copyInto(TableSpec<?> table, String stageLocation, String fileName) {
        String values = stagingColumns(table).stream()
                .map(column -> fromJson(column, column.equals(TableSpec.STAGE_SEQ) ? ColumnType.BIGINT : typeOf(table, column)))
                .collect(joining(", "));
        return "COPY INTO " + stagingTable(table) + " (" + stagingColumns(table).stream().map(this::identifier).collect(joining(", ")) + ")\n"
                + "FROM (SELECT " + values + " FROM " + stageLocation + "/)\n"
                + "FILES = ('" + fileName.replace("'", "''") + "')\n"
                + "FILE_FORMAT = (TYPE = JSON COMPRESSION = GZIP)\n"
                + "ON_ERROR = ABORT_STATEMENT\n"
                + "PURGE = TRUE";
    }

    @Override
    public String removeStagedFiles(String stageLocation) {
        return "REMOVE " + stageLocation + "/";
    }

    /** A staged file's field as the staging column's type; every value is written as a JSON string. */
    private String fromJson(String column, ColumnType type) {
        String field = "$1:" + column;
        return switch (type) {
            case TIMESTAMP -> timestampFromText(field + "::VARCHAR");
            case JSON, TEXT -> field + "::VARCHAR";
            default -> field + "::" + columnType(type);
        };
    }

    private static ColumnType typeOf(TableSpec<?> table, String column) {
        return table.columns().stream().filter(c -> c.name().equals(column)).findFirst().orElseThrow().type();
    }

    private static String timestampFromText(String expression) {
        return "TO_TIMESTAMP_TZ(" + expression + ", '" + TIMESTAMP_FORMAT + "')";
    }
}
