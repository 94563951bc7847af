package io.spotdraftsync.warehouse;

import static java.util.stream.Collectors.joining;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.spotdraftsync.warehouse.TableSpec.OnMatch;

/**
 * The statements that the three warehouses share (MERGE, window functions, DELETE ... USING); each dialect
 * supplies types, JSON parsing, quoting and its staging DDL.
 */
abstract class AnsiSqlDialect implements SqlDialect {

    private static final String KEY_POINTERS = Tables.KEY_POINTERS.name();
    private static final String CONTRACTS = Tables.CONTRACTS.name();

    @Override
    public String stagingType(ColumnType type) {
        return columnType(type == ColumnType.JSON ? ColumnType.TEXT : type);
    }

    @Override
    public String identifier(String column) {
        return column;
    }

    @Override
    public String parameter(ColumnType type) {
        return switch (type) {
            case TEXT -> "?";
            case JSON -> jsonFromText("?");
            default -> "CAST(? AS " + columnType(type) + ")";
        };
    }

    @Override
    public Optional<String> createSchema(String schema) {
        return Optional.of("CREATE SCHEMA IF NOT EXISTS " + schema);
    }

    @Override
    public String createMigrationsTable() {
        return "CREATE TABLE IF NOT EXISTS schema_migrations (version " + columnType(ColumnType.BIGINT) + " NOT NULL, script "
                + columnType(ColumnType.TEXT) + " NOT NULL, checksum " + columnType(ColumnType.TEXT) + " NOT NULL, applied_at "
                + columnType(ColumnType.TIMESTAMP) + " NOT NULL, PRIMARY KEY (version))";
    }

    @Override
    public Optional<String> lockMigrations() {
        return Optional.empty();
    }

    @Override
    public String selectMigrations() {
        return "SELECT version, script, checksum FROM schema_migrations ORDER BY version";
    }

    @Override
    public String insertMigration() {
        return "INSERT INTO schema_migrations (version, script, checksum, applied_at) VALUES ("
                + parameter(ColumnType.BIGINT) + ", ?, ?, " + parameter(ColumnType.TIMESTAMP) + ")";
    }

    @Override
    public String createTable(TableSpec<?> table) {
        String columns = table.columns().stream()
                .map(column -> identifier(column.name()) + " " + columnType(column.type())
                        + (table.key().contains(column.name()) ? " NOT NULL" : ""))
                .collect(joining(", "));
        return "CREATE TABLE " + table.name() + " (" + columns + ", PRIMARY KEY ("
                + table.key().stream().map(this::identifier).collect(joining(", ")) + "))";
    }

    @Override
    public String stagingTable(TableSpec<?> table) {
        return "stg_" + table.name();
    }

    /** {@code CREATE TEMPORARY TABLE name} or the dialect's variant of it. */
    protected abstract String createTemporaryTable(String name);

    @Override
    public String createStagingTable(TableSpec<?> table) {
        String columns = Stream.concat(
                table.columns().stream().map(column -> identifier(column.name()) + " " + stagingType(column.type())),
                Stream.of(TableSpec.STAGE_SEQ + " " + columnType(ColumnType.BIGINT)))
                .collect(joining(", "));
        return createTemporaryTable(stagingTable(table)) + " (" + columns + ")" + temporaryTableSuffix();
    }

    protected String temporaryTableSuffix() {
        return "";
    }

    @Override
    public Optional<String> dropStagingTable(TableSpec<?> table) {
        return Optional.empty();
    }

    @Override
    public String insertStagingRows(TableSpec<?> table, int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be at least 1");
        }
        List<String> columns = stagingColumns(table);
        String row = "(" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        return "INSERT INTO " + stagingTable(table) + " (" + columns.stream().map(this::identifier).collect(joining(", "))
                + ") VALUES " + String.join(", ", Collections.nCopies(rows, row));
    }

    @Override
    public String deduplicatedSource(TableSpec<?> table) {
        return "SELECT " + sourceColumns(table, "") + " FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY "
                + list(table.key(), "") + " ORDER BY " + newestFirst(table, "") + ") AS _row_number FROM "
                + stagingTable(table) + ") AS ranked WHERE _row_number = 1";
    }

    @Override
    public String countMerge(TableSpec<?> table) {
        String matched = "tgt." + identifier(table.key().get(0));
        String notOlder = switch (table.onMatch()) {
            case UPDATE_IF_NOT_OLDER -> "COALESCE(SUM(CASE WHEN " + matched + " IS NOT NULL AND " + updateCondition(table)
                    + " THEN 1 ELSE 0 END), 0)";
            case UPDATE -> "COUNT(" + matched + ")";
            case KEEP -> "0";
        };
        return "SELECT COUNT(*) AS source_rows, COUNT(" + matched + ") AS matched_rows, " + notOlder
                + " AS updated_rows, (SELECT COUNT(*) FROM " + stagingTable(table) + ") AS staged_rows\n"
                + "FROM (" + deduplicatedSource(table) + ") AS src\n"
                + "LEFT JOIN " + table.name() + " AS tgt ON " + keyMatch(table, "tgt", "src");
    }

    @Override
    public String merge(TableSpec<?> table) {
        return mergeFrom(table, deduplicatedSource(table));
    }

    /**
     * When a stored extract row is replaced: the new extract is not older, and it changes something (or brings a
     * deleted row back). An unchanged row keeps its {@code _synced_at} and {@code _run_id}, so a run that finds
     * nothing new changes no row, and {@code _synced_at} tells when the data last changed.
     */
    protected String updateCondition(TableSpec<?> table) {
        String changed = table.nonKeyColumns().stream()
                .filter(column -> !column.name().startsWith("_"))
                .map(column -> "src." + identifier(column.name()) + " IS DISTINCT FROM tgt." + identifier(column.name()))
                .collect(joining(" OR "));
        if (table.softDelete()) {
            changed = changed.isEmpty() ? "tgt._deleted" : changed + " OR tgt._deleted";
        }
        return "src._extracted_at >= tgt._extracted_at" + (changed.isEmpty() ? "" : " AND (" + changed + ")");
    }

    /** The MERGE of a table from any source that has one row per key. */
    protected String mergeFrom(TableSpec<?> table, String source) {
        StringBuilder sql = new StringBuilder()
                .append("MERGE INTO ").append(table.name()).append(" AS tgt\n")
                .append("USING (").append(source).append(") AS src\n")
                .append("ON ").append(keyMatch(table, "tgt", "src")).append('\n');
        if (table.onMatch() != OnMatch.KEEP) {
            sql.append("WHEN MATCHED")
                    .append(table.onMatch() == OnMatch.UPDATE_IF_NOT_OLDER ? " AND " + updateCondition(table) : "")
                    .append(" THEN UPDATE SET ")
                    .append(table.nonKeyColumns().stream()
                            .map(column -> identifier(column.name()) + " = src." + identifier(column.name()))
                            .collect(joining(", ")));
            if (table.softDelete()) {
                // a contract seen in an extract newer than its deletion exists again; an older extract keeps it deleted
                String stillDeleted = "tgt._deleted AND tgt._deleted_at > src._extracted_at";
                sql.append(", _deleted = CASE WHEN ").append(stillDeleted).append(" THEN TRUE ELSE FALSE END")
                        .append(", _deleted_at = CASE WHEN ").append(stillDeleted).append(" THEN tgt._deleted_at ELSE NULL END");
            }
            sql.append('\n');
        }
        List<String> columns = table.columnNames().stream().map(this::identifier).toList();
        sql.append("WHEN NOT MATCHED THEN INSERT (").append(String.join(", ", columns))
                .append(table.softDelete() ? ", _deleted, _deleted_at" : "")
                .append(") VALUES (").append(columns.stream().map(column -> "src." + column).collect(joining(", ")))
                .append(table.softDelete() ? ", FALSE, NULL" : "")
                .append(')');
        return sql.toString();
    }

    /**
     * The staged key pointer sets that may replace what is stored: one per contract (its latest extract), and
     * only where neither the stored contract nor its stored key pointers come from a newer extract. Plain joins
     * and GROUP BY rather than correlated subqueries, which Snowflake evaluates only in simple shapes.
     */
    protected String appliedKeyPointerSets() {
        String sets = stagingTable(Tables.KEY_POINTER_SETS);
        return "SELECT sets.workspace, sets.contract_id, sets._extracted_at\n"
                + "    FROM (SELECT workspace, contract_id, MAX(_extracted_at) AS _extracted_at FROM " + sets
                + " GROUP BY workspace, contract_id) AS sets\n"
                + "    LEFT JOIN " + CONTRACTS + " AS stored_contract"
                + " ON stored_contract.workspace = sets.workspace AND stored_contract.contract_id = sets.contract_id\n"
                + "    LEFT JOIN (SELECT p.workspace, p.contract_id, MAX(p._extracted_at) AS _extracted_at FROM " + KEY_POINTERS
                + " AS p JOIN " + sets + " AS s ON s.workspace = p.workspace AND s.contract_id = p.contract_id"
                + " GROUP BY p.workspace, p.contract_id) AS stored_pointers"
                + " ON stored_pointers.workspace = sets.workspace AND stored_pointers.contract_id = sets.contract_id\n"
                + "    WHERE (stored_contract._extracted_at IS NULL OR stored_contract._extracted_at <= sets._extracted_at)"
                + " AND (stored_pointers._extracted_at IS NULL OR stored_pointers._extracted_at <= sets._extracted_at)";
    }

    @Override
    public String deleteRemovedKeyPointers() {
        String staged = stagingTable(Tables.KEY_POINTERS);
        return "DELETE FROM " + KEY_POINTERS + " AS tgt\n"
                + "USING (SELECT k.workspace, k.contract_id, k.field_name\n"
                + "  FROM " + KEY_POINTERS + " AS k\n"
                + "  JOIN (" + appliedKeyPointerSets() + ") AS sets"
                + " ON sets.workspace = k.workspace AND sets.contract_id = k.contract_id\n"
                + "  LEFT JOIN " + staged + " AS kp ON kp.workspace = k.workspace AND kp.contract_id = k.contract_id"
                + " AND kp.field_name = k.field_name AND kp._extracted_at = sets._extracted_at\n"
                + "  WHERE kp.field_name IS NULL) AS removed\n"
                + "WHERE tgt.workspace = removed.workspace AND tgt.contract_id = removed.contract_id AND tgt.field_name = removed.field_name";
    }

    @Override
    public String mergeKeyPointers() {
        TableSpec<KeyPointerRow> table = Tables.KEY_POINTERS;
        String source = "SELECT " + sourceColumns(table, "") + "\n"
                + "  FROM (SELECT kp.*, ROW_NUMBER() OVER (PARTITION BY " + list(table.key(), "kp.") + " ORDER BY "
                + newestFirst(table, "kp.") + ") AS _row_number\n"
                + "  FROM " + stagingTable(table) + " AS kp\n"
                + "  JOIN (" + appliedKeyPointerSets() + ") AS sets"
                + " ON sets.workspace = kp.workspace AND sets.contract_id = kp.contract_id AND sets._extracted_at = kp._extracted_at)"
                + " AS ranked WHERE _row_number = 1";
        return mergeFrom(table, source);
    }

    @Override
    public String softDelete(int ids) {
        return "UPDATE " + CONTRACTS + " SET _deleted = TRUE, _deleted_at = " + parameter(ColumnType.TIMESTAMP)
                + ", _run_id = ?, _synced_at = " + parameter(ColumnType.TIMESTAMP)
                + " WHERE workspace = ? AND contract_id IN (" + placeholders(ids) + ") AND _deleted = FALSE"
                + " AND _extracted_at <= " + parameter(ColumnType.TIMESTAMP);
    }

    @Override
    public String undelete(int ids) {
        return "UPDATE " + CONTRACTS + " SET _deleted = FALSE, _deleted_at = NULL, _run_id = ?, _synced_at = "
                + parameter(ColumnType.TIMESTAMP)
                + " WHERE workspace = ? AND contract_id IN (" + placeholders(ids) + ") AND _deleted = TRUE"
                + " AND _deleted_at <= " + parameter(ColumnType.TIMESTAMP);
    }

    @Override
    public String upsertRow(TableSpec<?> table) {
        String source = "SELECT " + table.columns().stream()
                .map(column -> parameter(column.type()) + " AS " + identifier(column.name()))
                .collect(joining(", "));
        return mergeFrom(table, source);
    }

    @Override
    public String selectStoredContracts(boolean oneContract) {
        return "SELECT contract_id, contract_status, contract_name, contract_type_id, contract_type_name, counter_party_name,"
                + " external_metadata, document_key, document_sha256, document_bytes, document_version_id, executed_at, _deleted,"
                + " _extracted_at FROM "
                + CONTRACTS + " WHERE workspace = ?" + (oneContract ? " AND contract_id = ?" : "");
    }

    /** Select list of a MERGE source: staged columns, JSON parsed. */
    protected String sourceColumns(TableSpec<?> table, String prefix) {
        return table.columns().stream()
                .map(column -> column.type() == ColumnType.JSON
                        ? jsonFromText(prefix + identifier(column.name())) + " AS " + identifier(column.name())
                        : prefix + identifier(column.name()))
                .collect(joining(", "));
    }

    protected String newestFirst(TableSpec<?> table, String prefix) {
        return (table.hasExtractedAt() ? prefix + TableSpec.EXTRACTED_AT + " DESC, " : "") + prefix + TableSpec.STAGE_SEQ + " DESC";
    }

    protected String keyMatch(TableSpec<?> table, String left, String right) {
        return table.key().stream()
                .map(column -> left + "." + identifier(column) + " = " + right + "." + identifier(column))
                .collect(joining(" AND "));
    }

    protected String list(List<String> columns, String prefix) {
        return columns.stream().map(column -> prefix + identifier(column)).collect(joining(", "));
    }

    protected static String placeholders(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one id is needed");
        }
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    @Override
    public String toString() {
        return name();
    }
}
