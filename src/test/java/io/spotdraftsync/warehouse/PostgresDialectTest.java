package io.spotdraftsync.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Every statement the PostgreSQL dialect generates, as full text. The statements are pure functions of the table
 * specs; {@link SqlFixtures} keeps the generic ones short, the key pointer and contract statements use the real tables.
 */
class PostgresDialectTest {

    private final SqlDialect dialect = new PostgresDialect();

    @Test
    void theMigrationsTableRecordsVersionScriptAndChecksum() {
        assertThat(dialect.createMigrationsTable()).isEqualTo("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT NOT NULL, script TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (version))");
    }

    @Test
    void migrationsAreSerialized() {
        assertThat(dialect.lockMigrations().orElse("<none>")).isEqualTo("SELECT pg_advisory_xact_lock(91604208731732)");
    }

    @Test
    void appliedMigrationsAreReadInVersionOrder() {
        assertThat(dialect.selectMigrations()).isEqualTo("SELECT version, script, checksum FROM schema_migrations ORDER BY version");
    }

    @Test
    void anAppliedMigrationIsRecorded() {
        assertThat(dialect.insertMigration()).isEqualTo("INSERT INTO schema_migrations (version, script, checksum, applied_at) VALUES (CAST(? AS BIGINT), ?, ?, CAST(? AS TIMESTAMPTZ))");
    }

    @Test
    void theSchemaIsCreatedIfMissing() {
        assertThat(dialect.createSchema("sync").orElse("<none>")).isEqualTo("CREATE SCHEMA IF NOT EXISTS sync");
    }

    @Test
    void theStagingTableHasTheWrittenColumnsWithJsonAsText() {
        assertThat(dialect.createStagingTable(SqlFixtures.THINGS)).isEqualTo("CREATE TEMPORARY TABLE stg_things (workspace TEXT, thing_id TEXT, size BIGINT, price NUMERIC, due DATE, active BOOLEAN, seen_at TIMESTAMPTZ, meta TEXT, _extracted_at TIMESTAMPTZ, _synced_at TIMESTAMPTZ, _run_id TEXT, _stage_seq BIGINT) ON COMMIT DROP");
    }

    @Test
    void theStagingTableIsDroppedWhereItOutlivesTheTransaction() {
        assertThat(dialect.dropStagingTable(SqlFixtures.THINGS).orElse("<none>")).isEqualTo("<none>");
    }

    @Test
    void theStagingTableIsAnalyzedWhereThePlannerNeedsIt() {
        assertThat(dialect.analyzeStagingTable(SqlFixtures.THINGS).orElse("<none>")).isEqualTo("ANALYZE stg_things");
    }

    @Test
    void stagingRowsAreInsertedManyPerStatement() {
        assertThat(dialect.insertStagingRows(SqlFixtures.EVENTS, 2)).isEqualTo("INSERT INTO stg_events (event_id, happened_at, detail, _stage_seq) VALUES (?, ?, ?, ?), (?, ?, ?, ?)");
    }

    @Test
    void theSourceKeepsTheNewestExtractThenTheLastRowOfEachKey() {
        assertThat(dialect.deduplicatedSource(SqlFixtures.THINGS)).isEqualTo("SELECT workspace, thing_id, size, price, due, active, seen_at, CAST(meta AS JSONB) AS meta, _extracted_at, _synced_at, _run_id FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY workspace, thing_id ORDER BY _extracted_at DESC, _stage_seq DESC) AS _row_number FROM stg_things) AS ranked WHERE _row_number = 1");
    }

    @Test
    void theCountOfANewerWinsMergeSeparatesInsertsUpdatesAndOlderRows() {
        assertThat(dialect.countMerge(SqlFixtures.THINGS)).isEqualTo("""
                SELECT COUNT(*) AS source_rows, COUNT(tgt.workspace) AS matched_rows, COALESCE(SUM(CASE WHEN tgt.workspace IS NOT NULL AND src._extracted_at >= tgt._extracted_at AND (src.size IS DISTINCT FROM tgt.size OR src.price IS DISTINCT FROM tgt.price OR src.due IS DISTINCT FROM tgt.due OR src.active IS DISTINCT FROM tgt.active OR src.seen_at IS DISTINCT FROM tgt.seen_at OR src.meta IS DISTINCT FROM tgt.meta OR tgt._deleted) THEN 1 ELSE 0 END), 0) AS updated_rows, (SELECT COUNT(*) FROM stg_things) AS staged_rows
                FROM (SELECT workspace, thing_id, size, price, due, active, seen_at, CAST(meta AS JSONB) AS meta, _extracted_at, _synced_at, _run_id FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY workspace, thing_id ORDER BY _extracted_at DESC, _stage_seq DESC) AS _row_number FROM stg_things) AS ranked WHERE _row_number = 1) AS src
                LEFT JOIN things AS tgt ON tgt.workspace = src.workspace AND tgt.thing_id = src.thing_id""");
    }

    @Test
    void theCountOfAnInsertOnlyMergeHasNoUpdates() {
        assertThat(dialect.countMerge(SqlFixtures.EVENTS)).isEqualTo("""
                SELECT COUNT(*) AS source_rows, COUNT(tgt.event_id) AS matched_rows, 0 AS updated_rows, (SELECT COUNT(*) FROM stg_events) AS staged_rows
                FROM (SELECT event_id, happened_at, detail FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY event_id ORDER BY _stage_seq DESC) AS _row_number FROM stg_events) AS ranked WHERE _row_number = 1) AS src
                LEFT JOIN events AS tgt ON tgt.event_id = src.event_id""");
    }

    @Test
    void theCountOfAnAlwaysUpdatingMergeCountsEveryMatch() {
        assertThat(dialect.countMerge(SqlFixtures.RUNS)).isEqualTo("""
                SELECT COUNT(*) AS source_rows, COUNT(tgt.run_id) AS matched_rows, COUNT(tgt.run_id) AS updated_rows, (SELECT COUNT(*) FROM stg_runs) AS staged_rows
                FROM (SELECT run_id, trigger, started_at, calls, CAST(payload AS JSONB) AS payload FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY run_id ORDER BY _stage_seq DESC) AS _row_number FROM stg_runs) AS ranked WHERE _row_number = 1) AS src
                LEFT JOIN runs AS tgt ON tgt.run_id = src.run_id""");
    }

    @Test
    void theMergeUpdatesOnlyFromANewerOrEqualExtractAndUndeletesOnlyAfterTheDeletion() {
        assertThat(dialect.merge(SqlFixtures.THINGS)).isEqualTo("""
                MERGE INTO things AS tgt
                USING (SELECT workspace, thing_id, size, price, due, active, seen_at, CAST(meta AS JSONB) AS meta, _extracted_at, _synced_at, _run_id FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY workspace, thing_id ORDER BY _extracted_at DESC, _stage_seq DESC) AS _row_number FROM stg_things) AS ranked WHERE _row_number = 1) AS src
                ON tgt.workspace = src.workspace AND tgt.thing_id = src.thing_id
                WHEN MATCHED AND src._extracted_at >= tgt._extracted_at AND (src.size IS DISTINCT FROM tgt.size OR src.price IS DISTINCT FROM tgt.price OR src.due IS DISTINCT FROM tgt.due OR src.active IS DISTINCT FROM tgt.active OR src.seen_at IS DISTINCT FROM tgt.seen_at OR src.meta IS DISTINCT FROM tgt.meta OR tgt._deleted) THEN UPDATE SET size = src.size, price = src.price, due = src.due, active = src.active, seen_at = src.seen_at, meta = src.meta, _extracted_at = src._extracted_at, _synced_at = src._synced_at, _run_id = src._run_id, _deleted = CASE WHEN tgt._deleted AND tgt._deleted_at > src._extracted_at THEN TRUE ELSE FALSE END, _deleted_at = CASE WHEN tgt._deleted AND tgt._deleted_at > src._extracted_at THEN tgt._deleted_at ELSE NULL END
                WHEN NOT MATCHED THEN INSERT (workspace, thing_id, size, price, due, active, seen_at, meta, _extracted_at, _synced_at, _run_id, _deleted, _deleted_at) VALUES (src.workspace, src.thing_id, src.size, src.price, src.due, src.active, src.seen_at, src.meta, src._extracted_at, src._synced_at, src._run_id, FALSE, NULL)""");
    }

    @Test
    void anInsertOnlyMergeNeverUpdates() {
        assertThat(dialect.merge(SqlFixtures.EVENTS)).isEqualTo("""
                MERGE INTO events AS tgt
                USING (SELECT event_id, happened_at, detail FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY event_id ORDER BY _stage_seq DESC) AS _row_number FROM stg_events) AS ranked WHERE _row_number = 1) AS src
                ON tgt.event_id = src.event_id
                WHEN NOT MATCHED THEN INSERT (event_id, happened_at, detail) VALUES (src.event_id, src.happened_at, src.detail)""");
    }

    @Test
    void oneRowIsUpsertedFromTypedParameters() {
        assertThat(dialect.upsertRow(SqlFixtures.RUNS)).isEqualTo("""
                MERGE INTO runs AS tgt
                USING (SELECT ? AS run_id, ? AS trigger, CAST(? AS TIMESTAMPTZ) AS started_at, CAST(? AS BIGINT) AS calls, CAST(? AS JSONB) AS payload) AS src
                ON tgt.run_id = src.run_id
                WHEN MATCHED THEN UPDATE SET trigger = src.trigger, started_at = src.started_at, calls = src.calls, payload = src.payload
                WHEN NOT MATCHED THEN INSERT (run_id, trigger, started_at, calls, payload) VALUES (src.run_id, src.trigger, src.started_at, src.calls, src.payload)""");
    }

    @Test
    void keyPointersRemovedFromANewerSetAreDeleted() {
        assertThat(dialect.deleteRemovedKeyPointers()).isEqualTo("""
                DELETE FROM contract_key_pointers AS tgt
                USING (SELECT k.workspace, k.contract_id, k.field_name
                  FROM contract_key_pointers AS k
                  JOIN (SELECT sets.workspace, sets.contract_id, sets._extracted_at
                    FROM (SELECT workspace, contract_id, MAX(_extracted_at) AS _extracted_at FROM stg_key_pointer_sets GROUP BY workspace, contract_id) AS sets
                    LEFT JOIN contracts AS stored_contract ON stored_contract.workspace = sets.workspace AND stored_contract.contract_id = sets.contract_id
                    LEFT JOIN (SELECT p.workspace, p.contract_id, MAX(p._extracted_at) AS _extracted_at FROM contract_key_pointers AS p JOIN stg_key_pointer_sets AS s ON s.workspace = p.workspace AND s.contract_id = p.contract_id GROUP BY p.workspace, p.contract_id) AS stored_pointers ON stored_pointers.workspace = sets.workspace AND stored_pointers.contract_id = sets.contract_id
                    WHERE (stored_contract._extracted_at IS NULL OR stored_contract._extracted_at <= sets._extracted_at) AND (stored_pointers._extracted_at IS NULL OR stored_pointers._extracted_at <= sets._extracted_at)) AS sets ON sets.workspace = k.workspace AND sets.contract_id = k.contract_id
                  LEFT JOIN stg_contract_key_pointers AS kp ON kp.workspace = k.workspace AND kp.contract_id = k.contract_id AND kp.field_name = k.field_name AND kp._extracted_at = sets._extracted_at
                  WHERE kp.field_name IS NULL) AS removed
                WHERE tgt.workspace = removed.workspace AND tgt.contract_id = removed.contract_id AND tgt.field_name = removed.field_name""");
    }

    @Test
    void keyPointersOfNewerSetsAreMerged() {
        assertThat(dialect.mergeKeyPointers()).isEqualTo("""
                MERGE INTO contract_key_pointers AS tgt
                USING (SELECT workspace, contract_id, field_name, label, data_type, value_text, value_number, value_date, value_boolean, CAST(value_json AS JSONB) AS value_json, _extracted_at, _synced_at, _run_id
                  FROM (SELECT kp.*, ROW_NUMBER() OVER (PARTITION BY kp.workspace, kp.contract_id, kp.field_name ORDER BY kp._extracted_at DESC, kp._stage_seq DESC) AS _row_number
                  FROM stg_contract_key_pointers AS kp
                  JOIN (SELECT sets.workspace, sets.contract_id, sets._extracted_at
                    FROM (SELECT workspace, contract_id, MAX(_extracted_at) AS _extracted_at FROM stg_key_pointer_sets GROUP BY workspace, contract_id) AS sets
                    LEFT JOIN contracts AS stored_contract ON stored_contract.workspace = sets.workspace AND stored_contract.contract_id = sets.contract_id
                    LEFT JOIN (SELECT p.workspace, p.contract_id, MAX(p._extracted_at) AS _extracted_at FROM contract_key_pointers AS p JOIN stg_key_pointer_sets AS s ON s.workspace = p.workspace AND s.contract_id = p.contract_id GROUP BY p.workspace, p.contract_id) AS stored_pointers ON stored_pointers.workspace = sets.workspace AND stored_pointers.contract_id = sets.contract_id
                    WHERE (stored_contract._extracted_at IS NULL OR stored_contract._extracted_at <= sets._extracted_at) AND (stored_pointers._extracted_at IS NULL OR stored_pointers._extracted_at <= sets._extracted_at)) AS sets ON sets.workspace = kp.workspace AND sets.contract_id = kp.contract_id AND sets._extracted_at = kp._extracted_at) AS ranked WHERE _row_number = 1) AS src
                ON tgt.workspace = src.workspace AND tgt.contract_id = src.contract_id AND tgt.field_name = src.field_name
                WHEN MATCHED AND src._extracted_at >= tgt._extracted_at AND (src.label IS DISTINCT FROM tgt.label OR src.data_type IS DISTINCT FROM tgt.data_type OR src.value_text IS DISTINCT FROM tgt.value_text OR src.value_number IS DISTINCT FROM tgt.value_number OR src.value_date IS DISTINCT FROM tgt.value_date OR src.value_boolean IS DISTINCT FROM tgt.value_boolean OR src.value_json IS DISTINCT FROM tgt.value_json) THEN UPDATE SET label = src.label, data_type = src.data_type, value_text = src.value_text, value_number = src.value_number, value_date = src.value_date, value_boolean = src.value_boolean, value_json = src.value_json, _extracted_at = src._extracted_at, _synced_at = src._synced_at, _run_id = src._run_id
                WHEN NOT MATCHED THEN INSERT (workspace, contract_id, field_name, label, data_type, value_text, value_number, value_date, value_boolean, value_json, _extracted_at, _synced_at, _run_id) VALUES (src.workspace, src.contract_id, src.field_name, src.label, src.data_type, src.value_text, src.value_number, src.value_date, src.value_boolean, src.value_json, src._extracted_at, src._synced_at, src._run_id)""");
    }

    @Test
    void softDeleteMarksContractsNotNewerThanTheFinding() {
        assertThat(dialect.softDelete(2)).isEqualTo("UPDATE contracts SET _deleted = TRUE, _deleted_at = CAST(? AS TIMESTAMPTZ), _run_id = ?, _synced_at = CAST(? AS TIMESTAMPTZ) WHERE workspace = ? AND contract_id IN (?, ?) AND _deleted = FALSE AND _extracted_at <= CAST(? AS TIMESTAMPTZ)");
    }

    @Test
    void undeleteBringsBackContractsDeletedBeforeTheyWereSeen() {
        assertThat(dialect.undelete(1)).isEqualTo("UPDATE contracts SET _deleted = FALSE, _deleted_at = NULL, _run_id = ?, _synced_at = CAST(? AS TIMESTAMPTZ) WHERE workspace = ? AND contract_id IN (?) AND _deleted = TRUE AND _deleted_at <= CAST(? AS TIMESTAMPTZ)");
    }

    @Test
    void storedContractsOfAWorkspace() {
        assertThat(dialect.selectStoredContracts(false)).isEqualTo("SELECT contract_id, contract_status, contract_name, contract_type_id, contract_type_name, counter_party_name, external_metadata, document_key, document_sha256, document_bytes, document_version_id, executed_at, _deleted, _extracted_at FROM contracts WHERE workspace = ?");
    }

    @Test
    void oneStoredContract() {
        assertThat(dialect.selectStoredContracts(true)).isEqualTo("SELECT contract_id, contract_status, contract_name, contract_type_id, contract_type_name, counter_party_name, external_metadata, document_key, document_sha256, document_bytes, document_version_id, executed_at, _deleted, _extracted_at FROM contracts WHERE workspace = ? AND contract_id = ?");
    }
}
