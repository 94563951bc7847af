package io.spotdraftsync.warehouse;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The synced tables of one warehouse (DuckDB, PostgreSQL or Snowflake, from {@code sync.warehouse.url}).
 *
 * <p>Every write is idempotent, which is what makes at-least-once reading safe: rows are staged, deduplicated
 * by key (latest {@code _extracted_at} wins, then the last row of the chunk) and MERGEd in one transaction; an
 * older extract never overwrites a newer one; deletes are soft. Running the same chunk twice leaves the tables
 * as running it once did.
 */
public interface Warehouse extends AutoCloseable {

    /** {@code duckdb}, {@code postgresql} or {@code snowflake}. */
    String dialect();

    /** Applies the scripts of {@code sql/<dialect>/} that are not applied yet. */
    void migrate();

    /**
     * Writes a chunk in ONE transaction: the contracts and, when {@link ChunkLoad#replaceKeyPointers()}, the key
     * pointer set of each of those contracts (a field removed in SpotDraft disappears), unless the warehouse
     * holds a newer extract of that contract.
     */
    ChunkResult loadChunk(ChunkLoad chunk);

    /** Contracts only; their stored key pointers stay as they are. */
    default MergeResult mergeContracts(List<ContractRow> rows) {
        return loadChunk(ChunkLoad.contractsOnly(rows)).contracts();
    }

    /**
     * Replaces the key pointer sets of {@code contractIds} with {@code rows} (a contract without rows loses all
     * its key pointers), as extracted at {@code extractedAt}: every row must carry that time. Prefer
     * {@link #loadChunk}, which does this together with the contracts.
     *
     * @return rows written and removed
     */
    ChunkResult replaceKeyPointers(String workspace, Collection<String> contractIds, Instant extractedAt, List<KeyPointerRow> rows);

    MergeResult mergeCounterparties(List<CounterpartyRow> rows);

    MergeResult mergeContractTypes(List<ContractTypeRow> rows);

    /**
     * Marks contracts deleted ({@code _deleted = true, _deleted_at = at}); never deletes a row. A contract whose
     * stored extract is newer than {@code at}, or that is already deleted, is left alone.
     *
     * @return contracts marked
     */
    int softDelete(String workspace, Collection<String> contractIds, Instant at, String runId);

    /**
     * Brings back deleted contracts that were seen again at {@code at}; those deleted after {@code at} stay deleted.
     *
     * @return contracts brought back
     */
    int undelete(String workspace, Collection<String> contractIds, Instant at, String runId);

    /** Inserts the run's row, or replaces the row with the same run id. */
    void recordRun(SyncRunRow run);

    /** Streams what is stored of every contract of a workspace, deleted ones included. */
    void forEachStoredContract(String workspace, Consumer<StoredContract> action);

    /** What is stored of every contract of a workspace, by contract id (deleted ones included). */
    default Map<String, StoredContract> storedContracts(String workspace) {
        Map<String, StoredContract> contracts = new LinkedHashMap<>();
        forEachStoredContract(workspace, contract -> contracts.put(contract.contractId(), contract));
        return contracts;
    }

    Optional<StoredContract> storedContract(String workspace, String contractId);

    /** Appends status changes; one already stored (same key) is not added twice. Returns the rows added. */
    int appendStatusHistory(List<StatusChangeRow> rows);

    /** Appends reconciliation findings; one already stored (same key) is not added twice. Returns the rows added. */
    int appendFindings(List<FindingRow> rows);

    /** Records imported contracts; a mapping already stored (same key) is kept as it is. Returns the rows added. */
    int recordImports(List<ImportedContractRow> rows);

    /** The imported contracts of a source system in a workspace, by source id. */
    Map<String, ImportedContractRow> importedContracts(String workspace, String sourceSystem);

    /** Records contracts a run skipped; a row already stored (same run, workspace and contract) is kept. Returns the rows added. */
    int recordSkips(List<RunSkipRow> rows);

    /**
     * The contracts of a workspace that any run skipped at or after {@code since} (the next export run tries them
     * again), sorted.
     */
    List<String> skippedContracts(String workspace, Instant since);

    /**
     * A cheap check for the readiness probe: {@code SELECT 1} on a connection of the warehouse, without waiting
     * for a DuckDB file lock. Throws {@link WarehouseException} when the warehouse cannot be used (unreachable,
     * credentials refused, the DuckDB file missing).
     */
    Availability check();

    // ---- what `check` asks (each step alone, so that a failure says which one failed) ----

    /** Whether the configured schema ({@code sync.warehouse.schema}) exists; true when none is configured. */
    boolean schemaExists();

    /** Creates the configured schema where the dialect can ({@link SqlDialect#createSchema}); nothing otherwise. */
    void createSchema();

    /** The scripts of {@code sql/<dialect>/} not applied yet (file names); changes nothing. */
    List<String> pendingMigrations();

    /** Creates {@code check}'s scratch table ({@link Tables#scratch}) in the configured schema. */
    void createScratchTable(String name);

    /** Loads rows into the scratch table through the load plan of every chunk (staging, then a counted MERGE). */
    MergeResult loadScratchTable(String name, List<Tables.ScratchRow> rows);

    /** Drops the scratch table. */
    void dropScratchTable(String name);

    /** What {@link #check()} found, when it did not throw. */
    enum Availability {
        /** The query answered. */
        READY,
        /** DuckDB: a load of this process holds the file right now, which shows it works. */
        IN_USE,
        /** DuckDB: another process (an analyst's connection) holds the file; loads wait for it. */
        LOCKED_ELSEWHERE
    }

    /** Releases the connection pool, if any. */
    @Override
    void close();
}
