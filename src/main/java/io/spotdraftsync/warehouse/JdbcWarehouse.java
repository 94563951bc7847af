package io.spotdraftsync.warehouse;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warehouse over JDBC, for every dialect: the dialect writes the SQL, this runs the load plan.
 *
 * <p>The plan of a load: create the staging tables, fill them (inserts, or a file through a stage), then in one
 * transaction count and MERGE into the targets, then drop the staging tables. On DuckDB and PostgreSQL the whole
 * plan is one transaction; on Snowflake, whose DDL commits on its own, the staging comes before it.
 */
final class JdbcWarehouse implements Warehouse {

    private static final Logger log = LoggerFactory.getLogger(JdbcWarehouse.class);

    /** Ids per soft-delete statement: below every driver's parameter limit. */
    static final int IDS_PER_STATEMENT = 1000;

    private final SqlDialect dialect;
    private final ConnectionSource connections;
    private final StagingWriter staging;
    private final SqlLog sql;
    private final JdbcValues values;
    private final MigrationRunner migrations;
    private final String schema;
    private final Clock clock;
    /** Serializes calls where the connection source asks for it (DuckDB); null where calls may overlap. */
    private final ReentrantLock callLock;

    JdbcWarehouse(SqlDialect dialect, ConnectionSource connections, StagingWriter staging, SqlLog sql,
            MigrationRunner migrations, String schema, Clock clock) {
        this.dialect = dialect;
        this.connections = connections;
        this.staging = staging;
        this.sql = sql;
        this.values = JdbcValues.of(dialect);
        this.migrations = migrations;
        this.schema = schema;
        this.clock = clock;
        this.callLock = connections.serializesCalls() ? new ReentrantLock() : null;
    }

    @Override
    public String dialect() {
        return dialect.name();
    }

    @Override
    public void migrate() {
        call("migrate", connection -> {
            if (schema != null && !schema.isBlank()) {
                for (String create : dialect.createSchema(schema).stream().toList()) {
                    sql.execute(connection, "create", "schema " + schema, create);
                }
            }
            return migrations.migrate(connection);
        });
    }

    @Override
    public ChunkResult loadChunk(ChunkLoad chunk) {
        if (chunk.isEmpty()) {
            if (!chunk.keyPointers().isEmpty()) {
                throw new IllegalArgumentException("Key pointers without their contracts: use replaceKeyPointers");
            }
            return ChunkResult.NONE;
        }
        Instant syncedAt = clock.instant();
        List<StagedRows<?>> staged = new ArrayList<>();
        staged.add(new StagedRows<>(Tables.CONTRACTS, chunk.contracts(), syncedAt));
        if (chunk.replaceKeyPointers()) {
            List<Tables.KeyPointerSet> sets = chunk.contracts().stream()
                    .map(row -> new Tables.KeyPointerSet(row.workspace(), row.contractId(), row.extractedAt()))
                    .toList();
            requireSetMembers(sets, chunk.keyPointers());
            staged.add(new StagedRows<>(Tables.KEY_POINTER_SETS, sets, syncedAt));
            staged.add(new StagedRows<>(Tables.KEY_POINTERS, chunk.keyPointers(), syncedAt));
        }
        String workspace = chunk.contracts().get(0).workspace();
        return withStaging("load chunk", staged, connection -> {
            MergeResult contracts = countedMerge(connection, workspace, Tables.CONTRACTS);
            if (!chunk.replaceKeyPointers()) {
                return new ChunkResult(contracts, 0, 0);
            }
            return replaceStagedKeyPointers(connection, workspace, contracts);
        });
    }

    @Override
    public ChunkResult replaceKeyPointers(String workspace, Collection<String> contractIds, Instant extractedAt,
            List<KeyPointerRow> rows) {
        if (contractIds.isEmpty()) {
            if (!rows.isEmpty()) {
                throw new IllegalArgumentException("Key pointers given for no contract");
            }
            return ChunkResult.NONE;
        }
        List<Tables.KeyPointerSet> sets = new LinkedHashSet<>(contractIds).stream()
                .map(id -> new Tables.KeyPointerSet(workspace, id, extractedAt))
                .toList();
        requireSetMembers(sets, rows);
        Instant syncedAt = clock.instant();
        List<StagedRows<?>> staged = List.of(new StagedRows<>(Tables.KEY_POINTER_SETS, sets, syncedAt),
                new StagedRows<>(Tables.KEY_POINTERS, rows, syncedAt));
        return withStaging("replace key pointers", staged, connection -> replaceStagedKeyPointers(connection, workspace, MergeResult.NONE));
    }

    private ChunkResult replaceStagedKeyPointers(Connection connection, String workspace, MergeResult contracts)
            throws SQLException {
        String table = Tables.KEY_POINTERS.name();
        int removed = sql.update(connection, "delete removed", table, dialect.deleteRemovedKeyPointers(), statement -> { });
        int written = sql.merge(connection, workspace, table, dialect.mergeKeyPointers());
        return new ChunkResult(contracts, written, removed);
    }

    /** Each key pointer must belong to a contract of the call, extracted with it: one set per contract. */
    private static void requireSetMembers(List<Tables.KeyPointerSet> sets, List<KeyPointerRow> rows) {
        Set<Tables.KeyPointerSet> known = new HashSet<>(sets);
        for (KeyPointerRow row : rows) {
            if (!known.contains(new Tables.KeyPointerSet(row.workspace(), row.contractId(), row.extractedAt()))) {
                throw new IllegalArgumentException("Key pointer " + row.fieldName() + " of " + row.workspace() + "/"
                        + row.contractId() + " extracted at " + row.extractedAt() + " matches no contract of the chunk with "
                        + "that extract time: key pointers travel as one set with their contract's row");
            }
        }
    }

    @Override
    public MergeResult mergeCounterparties(List<CounterpartyRow> rows) {
        return mergeRows(Tables.COUNTERPARTIES, rows);
    }

    @Override
    public MergeResult mergeContractTypes(List<ContractTypeRow> rows) {
        return mergeRows(Tables.CONTRACT_TYPES, rows);
    }

    @Override
    public int appendStatusHistory(List<StatusChangeRow> rows) {
        return mergeRows(Tables.STATUS_HISTORY, rows).inserted();
    }

    @Override
    public int appendFindings(List<FindingRow> rows) {
        return mergeRows(Tables.FINDINGS, rows).inserted();
    }

    @Override
    public int recordImports(List<ImportedContractRow> rows) {
        return mergeRows(Tables.IMPORTED_CONTRACTS, rows).inserted();
    }

    @Override
    public Map<String, ImportedContractRow> importedContracts(String workspace, String sourceSystem) {
        String select = "SELECT workspace, source_system, source_id, contract_id, numeric_id, imported_at, run_id"
                + " FROM " + Tables.IMPORTED_CONTRACTS.name() + " WHERE workspace = ? AND source_system = ?";
        return call("read imported contracts", connection -> sql.query(connection, "read", Tables.IMPORTED_CONTRACTS.name(),
                select,
                statement -> {
                    values.bind(statement, 1, ColumnType.TEXT, workspace);
                    values.bind(statement, 2, ColumnType.TEXT, sourceSystem);
                },
                results -> {
                    Map<String, ImportedContractRow> rows = new java.util.HashMap<>();
                    while (results.next()) {
                        ImportedContractRow row = new ImportedContractRow(results.getString("workspace"),
                                results.getString("source_system"), results.getString("source_id"),
                                results.getString("contract_id"), JdbcValues.nullableLong(results, "numeric_id"),
                                values.instant(results, "imported_at"), results.getString("run_id"));
                        rows.put(row.sourceId(), row);
                    }
                    return rows;
                }));
    }

    @Override
    public int recordSkips(List<RunSkipRow> rows) {
        return mergeRows(Tables.RUN_SKIPS, rows).inserted();
    }

    @Override
    public List<String> skippedContracts(String workspace, Instant since) {
        String select = "SELECT DISTINCT contract_id FROM " + Tables.RUN_SKIPS.name()
                + " WHERE workspace = ? AND skipped_at >= ? ORDER BY contract_id";
        return call("read skipped contracts", connection -> sql.query(connection, "read", Tables.RUN_SKIPS.name(), select,
                statement -> {
                    values.bind(statement, 1, ColumnType.TEXT, workspace);
                    values.bind(statement, 2, ColumnType.TIMESTAMP, since);
                },
                results -> {
                    List<String> contracts = new ArrayList<>();
                    while (results.next()) {
                        contracts.add(results.getString("contract_id"));
                    }
                    return contracts;
                }));
    }

    private <R> MergeResult mergeRows(TableSpec<R> table, List<R> rows) {
        if (rows.isEmpty()) {
            return MergeResult.NONE;
        }
        StagedRows<R> staged = new StagedRows<>(table, rows, clock.instant());
        String workspace = String.valueOf(table.columns().stream().filter(column -> column.name().equals("workspace"))
                .findFirst().orElseThrow(() -> new IllegalStateException(table.name() + " has no workspace column"))
                .value().of(rows.get(0), null));
        return withStaging("merge " + table.name(), List.of(staged), connection -> countedMerge(connection, workspace, table));
    }

    /** Counts what the MERGE will do (same transaction, same source), then runs it. */
    private MergeResult countedMerge(Connection connection, String workspace, TableSpec<?> table) throws SQLException {
        long[] counts = sql.query(connection, "count", table.name(), dialect.countMerge(table), statement -> { }, results -> {
            results.next();
            return new long[] {results.getLong("source_rows"), results.getLong("matched_rows"),
                results.getLong("updated_rows"), results.getLong("staged_rows")};
        });
        int merged = sql.merge(connection, workspace, table.name(), dialect.merge(table));
        int inserted = (int) (counts[0] - counts[1]);
        int updated = (int) counts[2];
        if (merged != inserted + updated) {
            // the counts come from the same transaction: a difference means a concurrent writer or a driver that
            // reports MERGE counts its own way; the MERGE itself is still right
            log.warn("MERGE into {} changed {} rows where {} inserts and {} updates were counted", table.name(), merged,
                    inserted, updated);
        }
        return new MergeResult(inserted, updated, (int) (counts[1] - counts[2]), (int) (counts[3] - counts[0]));
    }

    @Override
    public int softDelete(String workspace, Collection<String> contractIds, Instant at, String runId) {
        return markDeleted(true, workspace, contractIds, at, runId);
    }

    @Override
    public int undelete(String workspace, Collection<String> contractIds, Instant at, String runId) {
        return markDeleted(false, workspace, contractIds, at, runId);
    }

    private int markDeleted(boolean deleted, String workspace, Collection<String> contractIds, Instant at, String runId) {
        Rows.requiredText(workspace, deleted ? "softDelete" : "undelete", "workspace");
        Rows.required(at, deleted ? "softDelete" : "undelete", "at");
        List<String> ids = List.copyOf(new LinkedHashSet<>(contractIds));
        if (ids.isEmpty()) {
            return 0;
        }
        Instant syncedAt = clock.instant();
        return inTransaction(deleted ? "soft delete" : "undelete", connection -> {
            int changed = 0;
            for (int from = 0; from < ids.size(); from += IDS_PER_STATEMENT) {
                List<String> part = ids.subList(from, Math.min(ids.size(), from + IDS_PER_STATEMENT));
                String statementSql = deleted ? dialect.softDelete(part.size()) : dialect.undelete(part.size());
                changed += sql.update(connection, deleted ? "soft delete" : "undelete", Tables.CONTRACTS.name(), statementSql, statement -> {
                    int index = 1;
                    if (deleted) {
                        values.bind(statement, index++, ColumnType.TIMESTAMP, at);
                    }
                    values.bind(statement, index++, ColumnType.TEXT, runId);
                    values.bind(statement, index++, ColumnType.TIMESTAMP, syncedAt);
                    values.bind(statement, index++, ColumnType.TEXT, workspace);
                    for (String id : part) {
                        values.bind(statement, index++, ColumnType.TEXT, id);
                    }
                    values.bind(statement, index, ColumnType.TIMESTAMP, at);
                });
            }
            return changed;
        });
    }

    @Override
    public void recordRun(SyncRunRow run) {
        TableSpec<SyncRunRow> table = Tables.SYNC_RUNS;
        inTransaction("record run", connection -> sql.update(connection, "merge", run.workspace(), table.name(), dialect.upsertRow(table), statement -> {
            List<Column<SyncRunRow>> columns = table.columns();
            for (int i = 0; i < columns.size(); i++) {
                values.bind(statement, i + 1, columns.get(i).type(), columns.get(i).value().of(run, null));
            }
        }));
    }

    @Override
    public void forEachStoredContract(String workspace, Consumer<StoredContract> action) {
        call("read stored contracts", connection -> {
            // PostgreSQL streams only inside a transaction with a fetch size; the others ignore both
            connection.setAutoCommit(false);
            try {
                return sql.query(connection, "read", Tables.CONTRACTS.name(), dialect.selectStoredContracts(false),
                        statement -> {
                            statement.setFetchSize(1000);
                            values.bind(statement, 1, ColumnType.TEXT, workspace);
                        },
                        results -> {
                            int rows = 0;
                            while (results.next()) {
                                action.accept(stored(results));
                                rows++;
                            }
                            return rows;
                        });
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        });
    }

    @Override
    public Optional<StoredContract> storedContract(String workspace, String contractId) {
        return call("read stored contract", connection -> sql.query(connection, "read", Tables.CONTRACTS.name(),
                dialect.selectStoredContracts(true),
                statement -> {
                    values.bind(statement, 1, ColumnType.TEXT, workspace);
                    values.bind(statement, 2, ColumnType.TEXT, contractId);
                },
                results -> results.next() ? Optional.of(stored(results)) : Optional.<StoredContract>empty()));
    }

    private StoredContract stored(java.sql.ResultSet results) throws SQLException {
        return new StoredContract(results.getString("contract_id"), results.getString("contract_status"),
                results.getString("contract_name"), JdbcValues.nullableLong(results, "contract_type_id"),
                results.getString("contract_type_name"), results.getString("counter_party_name"),
                results.getString("external_metadata"), results.getString("document_key"),
                results.getString("document_sha256"), JdbcValues.nullableLong(results, "document_bytes"),
                results.getString("document_version_id"), values.instant(results, "executed_at"),
                results.getBoolean("_deleted"), values.instant(results, "_extracted_at"));
    }

    // ---- the load plan ----

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Creates and fills the staging tables, then runs {@code work} and commits. With transactional DDL all of it
     * is one transaction (PostgreSQL drops its staging tables at commit, DuckDB's go with the connection);
     * otherwise staging precedes the transaction and the staging tables are dropped after it.
     */
    private <T> T withStaging(String purpose, List<StagedRows<?>> staged, Work<T> work) {
        return call(purpose, connection -> {
            boolean transactionalDdl = dialect.transactionalDdl();
            connection.setAutoCommit(!transactionalDdl);
            try {
                for (StagedRows<?> rows : staged) {
                    sql.execute(connection, "create", dialect.stagingTable(rows.table()), dialect.createStagingTable(rows.table()));
                }
                for (StagedRows<?> rows : staged) {
                    if (!rows.rows().isEmpty()) {
                        staging.write(connection, rows);
                    }
                    for (String analyze : dialect.analyzeStagingTable(rows.table()).stream().toList()) {
                        sql.execute(connection, "analyze", dialect.stagingTable(rows.table()), analyze);
                    }
                }
                if (!transactionalDdl) {
                    connection.setAutoCommit(false);
                }
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
                for (StagedRows<?> rows : staged) {
                    for (String drop : dialect.dropStagingTable(rows.table()).stream().toList()) {
                        dropQuietly(connection, rows, drop);
                    }
                }
            }
        });
    }

    private <T> T inTransaction(String purpose, Work<T> work) {
        return call(purpose, connection -> {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }

    @Override
    public boolean schemaExists() {
        if (schema == null || schema.isBlank()) {
            return true;
        }
        String select = "SELECT COUNT(*) AS found FROM information_schema.schemata WHERE UPPER(schema_name) = UPPER(?)";
        return call("look up schema " + schema, connection -> sql.query(connection, "read", "information_schema.schemata",
                select, statement -> values.bind(statement, 1, ColumnType.TEXT, schema),
                results -> results.next() && results.getLong("found") > 0));
    }

    @Override
    public void createSchema() {
        if (schema == null || schema.isBlank()) {
            return;
        }
        call("create schema " + schema, connection -> {
            for (String create : dialect.createSchema(schema).stream().toList()) {
                sql.execute(connection, "create", "schema " + schema, create);
            }
            return null;
        });
    }

    @Override
    public List<String> pendingMigrations() {
        return call("read schema_migrations", migrations::pending);
    }

    @Override
    public void createScratchTable(String name) {
        TableSpec<Tables.ScratchRow> table = Tables.scratch(name);
        call("create " + name, connection -> sql.execute(connection, "create", name, dialect.createTable(table)));
    }

    @Override
    public MergeResult loadScratchTable(String name, List<Tables.ScratchRow> rows) {
        TableSpec<Tables.ScratchRow> table = Tables.scratch(name);
        if (rows.isEmpty()) {
            return MergeResult.NONE;
        }
        StagedRows<Tables.ScratchRow> staged = new StagedRows<>(table, rows, clock.instant());
        return withStaging("load " + name, List.of(staged), connection -> countedMerge(connection, rows.get(0).workspace(), table));
    }

    @Override
    public void dropScratchTable(String name) {
        Tables.scratch(name);
        call("drop " + name, connection -> sql.execute(connection, "drop", name, dialect.dropTable(name)));
    }

    @Override
    public Availability check() {
        if (callLock != null && !callLock.tryLock()) {
            return Availability.IN_USE;
        }
        try (Connection connection = connections.openForCheck()) {
            sql.query(connection, "check", "-", "SELECT 1", statement -> { }, ResultSet::next);
            return Availability.READY;
        } catch (ConnectionSource.LockedElsewhere locked) {
            return Availability.LOCKED_ELSEWHERE;
        } catch (SQLException e) {
            throw new WarehouseException("check on " + connections.describe() + " failed: " + e.getMessage(), e);
        } finally {
            if (callLock != null) {
                callLock.unlock();
            }
        }
    }

    private <T> T call(String purpose, Work<T> work) {
        if (callLock != null) {
            callLock.lock();
        }
        try (Connection connection = connections.open()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new WarehouseException(purpose + " on " + connections.describe() + " failed: " + e.getMessage(), e);
        } finally {
            if (callLock != null) {
                callLock.unlock();
            }
        }
    }

    private void dropQuietly(Connection connection, StagedRows<?> rows, String drop) {
        try {
            sql.execute(connection, "drop", dialect.stagingTable(rows.table()), drop);
        } catch (SQLException ignored) {
            // a temporary table goes with its session anyway
        }
    }

    private static void rollbackQuietly(Connection connection, Exception failure) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        connections.close();
    }

    @Override
    public String toString() {
        return "Warehouse[" + dialect.name() + ", " + connections.describe() + "]";
    }
}
