package io.spotdraftsync.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import tools.jackson.databind.json.JsonMapper;

/**
 * The load plan's behaviour, run the same on every warehouse that can run here: each subclass supplies a migrated
 * warehouse and a way to look at its tables. Each test works in a workspace of its own.
 */
abstract class WarehouseLoadContract {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant T1 = Instant.parse("2025-01-10T08:00:00.123456Z");
    static final Instant T2 = Instant.parse("2025-01-11T09:30:00.654321Z");
    static final Instant T3 = Instant.parse("2025-01-12T10:45:00Z");

    static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();

    abstract Warehouse warehouse();

    /** A connection to the warehouse's tables; closed before the next warehouse call (DuckDB has one writer). */
    abstract Connection connect() throws SQLException;

    // ---------------------------------------------------------------- helpers

    static String workspace(TestInfo test) {
        return "ws-" + test.getTestMethod().orElseThrow().getName();
    }

    static ContractRow contract(String workspace, int number, Instant extractedAt, String name) {
        return ContractRow.builder(workspace, "T-" + number, extractedAt)
                .contractNumericId((long) number)
                .contractName(name)
                .contractStatus("EXECUTED")
                .contractKind("T")
                .contractTypeId(7L)
                .contractTypeName("NDA")
                .counterPartyName("Acme " + number)
                .referenceId("REF-" + number)
                .contractLink("https://app.spotdraft.com/contracts/" + number)
                .createdByUserName("Zoë")
                .createdByUserEmail("zoe@example.com")
                .createdAt(T1.minus(30, ChronoUnit.DAYS))
                .executedAt(T1.minus(1, ChronoUnit.DAYS))
                .externalMetadata("{\"crm_id\": \"" + number + "\", \"tags\": [\"a\", \"b\"]}")
                .documentKey(workspace + "/T-" + number + "/1-abc.pdf")
                .documentSha256("abc" + number)
                .documentBytes(1000L + number)
                .documentVersionId("1")
                .runId("run-1")
                .build();
    }

    static List<KeyPointerRow> keyPointers(ContractRow contract, String... fields) {
        List<KeyPointerRow> rows = new ArrayList<>();
        for (String field : fields) {
            rows.add(switch (field) {
                case "amount" -> pointer(contract, field, "CURRENCY", null, new BigDecimal("12345.67"), null, null,
                        "{\"currency\": \"EUR\", \"amount\": 12345.67}");
                case "end_date" -> pointer(contract, field, "DATE", "2026-03-31", null, LocalDate.parse("2026-03-31"), null, null);
                case "auto_renew" -> pointer(contract, field, "BOOLEAN", "true", null, null, true, null);
                default -> pointer(contract, field, "TEXT", "value of " + field + " for " + contract.contractId(), null, null, null, null);
            });
        }
        return rows;
    }

    static KeyPointerRow pointer(ContractRow contract, String field, String type, String text, BigDecimal number,
            LocalDate date, Boolean bool, String json) {
        return new KeyPointerRow(contract.workspace(), contract.contractId(), field, "Label " + field, type, text, number,
                date, bool, json, contract.extractedAt(), contract.runId());
    }

    long count(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet results = statement.executeQuery(sql)) {
            results.next();
            return results.getLong(1);
        }
    }

    List<String> strings(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet results = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (results.next()) {
                values.add(results.getString(1));
            }
            return values;
        }
    }

    // ---------------------------------------------------------------- tests

    @Test
    void theReadinessCheckAnswersReady() {
        assertThat(warehouse().check()).isEqualTo(Warehouse.Availability.READY);
    }

    @Test
    void aThousandContractsWithKeyPointersLoadInOneChunk(TestInfo test) throws SQLException {
        String ws = workspace(test);
        List<ContractRow> contracts = new ArrayList<>();
        List<KeyPointerRow> pointers = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            ContractRow contract = contract(ws, i, T1, "Contract " + i);
            contracts.add(contract);
            pointers.addAll(keyPointers(contract, "party", "amount", "end_date"));
        }

        ChunkResult result = warehouse().loadChunk(ChunkLoad.of(contracts, pointers));

        assertThat(result.contracts()).isEqualTo(new MergeResult(1000, 0, 0, 0));
        assertThat(result.keyPointersWritten()).isEqualTo(3000);
        assertThat(result.keyPointersRemoved()).isZero();
        assertThat(count("SELECT COUNT(*) FROM contracts WHERE workspace = '" + ws + "'")).isEqualTo(1000);
        assertThat(count("SELECT COUNT(*) FROM contract_key_pointers WHERE workspace = '" + ws + "'")).isEqualTo(3000);
        assertThat(count("SELECT COUNT(*) FROM contracts_current WHERE workspace = '" + ws + "'")).isEqualTo(1000);
        assertThat(REGISTRY.get("sync.warehouse.merge").tag("workspace", ws).tag("table", "contracts").tag("dialect", warehouse().dialect()).timer().count())
                .isPositive();

        // the same chunk again changes no row: equal content keeps the stored row, its _synced_at and _run_id
        ChunkResult again = warehouse().loadChunk(ChunkLoad.of(contracts, pointers));
        assertThat(again.contracts()).isEqualTo(new MergeResult(0, 0, 1000, 0));
        assertThat(count("SELECT COUNT(*) FROM contract_key_pointers WHERE workspace = '" + ws + "'")).isEqualTo(3000);
    }

    @Test
    void duplicatesInAChunkCollapseToTheNewestExtract(TestInfo test) throws SQLException {
        String ws = workspace(test);
        ContractRow old = contract(ws, 1, T1, "old name");
        ContractRow newer = contract(ws, 1, T2, "new name");
        ContractRow other = contract(ws, 2, T1, "other");
        ContractRow sameTimeFirst = contract(ws, 3, T1, "first read");
        ContractRow sameTimeLast = contract(ws, 3, T1, "last read");
        List<KeyPointerRow> pointers = new ArrayList<>();
        pointers.addAll(keyPointers(newer, "party", "amount"));
        pointers.addAll(keyPointers(old, "party", "end_date"));
        pointers.addAll(keyPointers(other, "party"));

        ChunkResult result = warehouse().loadChunk(ChunkLoad.of(List.of(newer, other, old, sameTimeFirst, sameTimeLast), pointers));

        assertThat(result.contracts()).isEqualTo(new MergeResult(3, 0, 0, 2));
        assertThat(count("SELECT COUNT(*) FROM contracts WHERE workspace = '" + ws + "'")).isEqualTo(3);
        assertThat(strings("SELECT contract_name FROM contracts WHERE workspace = '" + ws + "' ORDER BY contract_id"))
                .containsExactly("new name", "other", "last read");
        // the set of the newest extract only: end_date came with the older one
        assertThat(strings("SELECT field_name FROM contract_key_pointers WHERE workspace = '" + ws
                + "' AND contract_id = 'T-1' ORDER BY field_name")).containsExactly("amount", "party");
    }

    @Test
    void anOlderExtractNeverOverwritesANewerOne(TestInfo test) throws SQLException {
        String ws = workspace(test);
        ContractRow newer = contract(ws, 1, T2, "newer");
        warehouse().loadChunk(ChunkLoad.of(List.of(newer), keyPointers(newer, "party", "amount")));

        ContractRow older = contract(ws, 1, T1, "older");
        ChunkResult result = warehouse().loadChunk(ChunkLoad.of(List.of(older), keyPointers(older, "end_date")));

        assertThat(result.contracts()).isEqualTo(new MergeResult(0, 0, 1, 0));
        assertThat(result.keyPointersWritten()).isZero();
        assertThat(result.keyPointersRemoved()).isZero();
        StoredContract stored = warehouse().storedContract(ws, "T-1").orElseThrow();
        assertThat(stored.contractName()).isEqualTo("newer");
        assertThat(stored.extractedAt()).isEqualTo(T2);
        assertThat(strings("SELECT field_name FROM contract_key_pointers WHERE workspace = '" + ws + "' ORDER BY field_name"))
                .containsExactly("amount", "party");

        // and the older extract alone does not touch the newer set either
        warehouse().replaceKeyPointers(ws, List.of("T-1"), T1, keyPointers(older, "end_date"));
        assertThat(strings("SELECT field_name FROM contract_key_pointers WHERE workspace = '" + ws + "' ORDER BY field_name"))
                .containsExactly("amount", "party");
    }

    @Test
    void keyPointersAreReplacedAsASet(TestInfo test) throws SQLException {
        String ws = workspace(test);
        ContractRow first = contract(ws, 1, T1, "c");
        ContractRow neighbour = contract(ws, 2, T1, "n");
        List<KeyPointerRow> initial = new ArrayList<>(keyPointers(first, "party", "amount", "end_date"));
        initial.addAll(keyPointers(neighbour, "party", "amount"));
        warehouse().loadChunk(ChunkLoad.of(List.of(first, neighbour), initial));

        ContractRow second = contract(ws, 1, T2, "c");
        List<KeyPointerRow> changed = List.of(
                pointer(second, "party", "TEXT", "renamed party", null, null, null, null),
                pointer(second, "auto_renew", "BOOLEAN", "false", null, null, false, null));
        ChunkResult result = warehouse().loadChunk(ChunkLoad.of(List.of(second), changed));

        assertThat(result.keyPointersRemoved()).isEqualTo(2);
        assertThat(result.keyPointersWritten()).isEqualTo(2);
        assertThat(strings("SELECT field_name || '=' || value_text FROM contract_key_pointers WHERE workspace = '" + ws
                + "' AND contract_id = 'T-1' ORDER BY field_name"))
                .containsExactly("auto_renew=false", "party=renamed party");
        assertThat(count("SELECT COUNT(*) FROM contract_key_pointers WHERE workspace = '" + ws + "' AND contract_id = 'T-2'"))
                .as("another contract's set is not touched").isEqualTo(2);

        // a contract whose every field was removed
        ContractRow third = contract(ws, 1, T3, "c");
        ChunkResult emptied = warehouse().loadChunk(ChunkLoad.of(List.of(third), List.of()));
        assertThat(emptied.keyPointersRemoved()).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM contract_key_pointers WHERE workspace = '" + ws + "' AND contract_id = 'T-1'")).isZero();

        // a chunk read without key pointers leaves the stored ones alone
        warehouse().mergeContracts(List.of(contract(ws, 2, T3, "n2")));
        assertThat(count("SELECT COUNT(*) FROM contract_key_pointers WHERE workspace = '" + ws + "' AND contract_id = 'T-2'")).isEqualTo(2);
    }

    @Test
    void typedKeyPointerValuesRoundTrip(TestInfo test) throws SQLException {
        String ws = workspace(test);
        ContractRow contract = contract(ws, 1, T1, "c");
        warehouse().loadChunk(ChunkLoad.of(List.of(contract), keyPointers(contract, "amount", "end_date", "auto_renew")));

        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet results = statement.executeQuery("SELECT field_name, value_number, value_date, value_boolean, "
                        + "CAST(value_json AS VARCHAR) AS value_json FROM contract_key_pointers WHERE workspace = '" + ws
                        + "' ORDER BY field_name")) {
            assertThat(results.next()).isTrue();
            assertThat(results.getString("field_name")).isEqualTo("amount");
            assertThat(results.getBigDecimal("value_number")).isEqualByComparingTo("12345.67");
            assertThat(JSON.readTree(results.getString("value_json"))).isEqualTo(JSON.readTree("{\"currency\": \"EUR\", \"amount\": 12345.67}"));
            assertThat(results.next()).isTrue();
            assertThat(results.getBoolean("value_boolean")).isTrue();
            assertThat(results.next()).isTrue();
            assertThat(results.getObject("value_date", LocalDate.class)).isEqualTo(LocalDate.parse("2026-03-31"));
        }
    }

    @Test
    void softDeleteAndUndeleteNeverDropARow(TestInfo test) throws SQLException {
        String ws = workspace(test);
        ContractRow a = contract(ws, 1, T1, "a");
        ContractRow b = contract(ws, 2, T1, "b");
        warehouse().loadChunk(ChunkLoad.of(List.of(a, b), keyPointers(a, "party")));

        assertThat(warehouse().softDelete(ws, List.of("T-1", "T-404"), T2, "run-2")).isEqualTo(1);
        assertThat(warehouse().softDelete(ws, List.of("T-1"), T2, "run-2")).as("already deleted").isZero();
        assertThat(count("SELECT COUNT(*) FROM contracts WHERE workspace = '" + ws + "'")).isEqualTo(2);
        assertThat(strings("SELECT contract_id FROM contracts_current WHERE workspace = '" + ws + "'")).containsExactly("T-2");
        assertThat(count("SELECT COUNT(*) FROM contract_key_pointers_current WHERE workspace = '" + ws + "'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM contract_key_pointers WHERE workspace = '" + ws + "'")).isEqualTo(1);
        StoredContract deleted = warehouse().storedContract(ws, "T-1").orElseThrow();
        assertThat(deleted.deleted()).isTrue();
        assertThat(strings("SELECT _run_id FROM contracts WHERE workspace = '" + ws + "' AND contract_id = 'T-1'")).containsExactly("run-2");

        // a deletion found before the stored extract was taken does not apply
        assertThat(warehouse().softDelete(ws, List.of("T-2"), T1.minusSeconds(60), "run-2")).isZero();

        // an older extract keeps it deleted; a newer one brings it back
        warehouse().mergeContracts(List.of(contract(ws, 1, T1, "a again")));
        assertThat(warehouse().storedContract(ws, "T-1").orElseThrow().deleted()).isTrue();
        warehouse().mergeContracts(List.of(contract(ws, 1, T3, "a back")));
        assertThat(warehouse().storedContract(ws, "T-1").orElseThrow().deleted()).isFalse();
        assertThat(count("SELECT COUNT(*) FROM contracts WHERE workspace = '" + ws + "' AND _deleted_at IS NOT NULL")).isZero();

        assertThat(warehouse().softDelete(ws, List.of("T-1", "T-2"), T3.plusSeconds(1), "run-3")).isEqualTo(2);
        assertThat(warehouse().undelete(ws, List.of("T-1"), T3, "run-4")).as("deleted after it was seen").isZero();
        assertThat(warehouse().undelete(ws, List.of("T-1", "T-2"), T3.plusSeconds(5), "run-4")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM contracts_current WHERE workspace = '" + ws + "'")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM contracts WHERE workspace = '" + ws + "' AND _deleted_at IS NOT NULL")).isZero();
    }

    @Test
    void softDeleteOfManyIdsSpansStatements(TestInfo test) throws SQLException {
        String ws = workspace(test);
        List<ContractRow> contracts = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= JdbcWarehouse.IDS_PER_STATEMENT + 5; i++) {
            contracts.add(contract(ws, i, T1, "c" + i));
            ids.add("T-" + i);
        }
        warehouse().mergeContracts(contracts);
        assertThat(warehouse().softDelete(ws, ids, T2, "run-2")).isEqualTo(ids.size());
        assertThat(count("SELECT COUNT(*) FROM contracts_current WHERE workspace = '" + ws + "'")).isZero();
    }

    @Test
    void recordRunInsertsThenReplacesTheRunsRow(TestInfo test) throws SQLException {
        String ws = workspace(test);
        SyncRunRow started = SyncRunRow.started("run-" + ws, ws, "export", "incremental", "schedule", T1, T1.minusSeconds(3600));
        warehouse().recordRun(started);
        assertThat(strings("SELECT outcome FROM sync_runs WHERE run_id = 'run-" + ws + "'")).containsExactly("RUNNING");

        warehouse().recordRun(started.ended(T2, "COMPLETED", new SyncRunRow.Counts(1000, 990, 10, 42, 123456789L, 1200, 3),
                T1.minusSeconds(60), "ok: 990 written, déjà vu"));

        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet results = statement.executeQuery("SELECT * FROM sync_runs WHERE run_id = 'run-" + ws + "'")) {
            assertThat(results.next()).isTrue();
            assertThat(results.getString("outcome")).isEqualTo("COMPLETED");
            assertThat(results.getString("trigger")).isEqualTo("schedule");
            assertThat(results.getLong("contracts_written")).isEqualTo(990);
            assertThat(results.getLong("document_bytes")).isEqualTo(123456789L);
            assertThat(results.getLong("api_429s")).isEqualTo(3);
            assertThat(results.getString("message")).isEqualTo("ok: 990 written, déjà vu");
            assertThat(results.getObject("ended_at", java.time.OffsetDateTime.class).toInstant()).isEqualTo(T2);
            assertThat(results.getObject("watermark_before", java.time.OffsetDateTime.class).toInstant()).isEqualTo(T1.minusSeconds(3600));
            assertThat(results.next()).isFalse();
        }
    }

    @Test
    void storedContractsRoundTrip(TestInfo test) {
        String ws = workspace(test);
        List<ContractRow> contracts = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            contracts.add(contract(ws, i, T1, "Contract " + i));
        }
        contracts.set(4, contracts.get(4).toBuilder().contractTypeId(null).externalMetadata(null).documentKey(null).build());
        warehouse().mergeContracts(contracts);
        warehouse().softDelete(ws, List.of("T-2"), T2, "run-2");
        warehouse().mergeContracts(List.of(contract("another-" + ws, 1, T1, "elsewhere")));

        Map<String, StoredContract> stored = warehouse().storedContracts(ws);

        assertThat(stored).hasSize(50);
        StoredContract first = stored.get("T-1");
        ContractRow row = contracts.get(0);
        assertThat(first).isEqualTo(new StoredContract("T-1", row.contractStatus(), row.contractName(), row.contractTypeId(),
                row.contractTypeName(), row.counterPartyName(), first.externalMetadata(), row.documentKey(),
                row.documentSha256(), row.documentBytes(), row.documentVersionId(), row.executedAt(), false, T1));
        assertThat(JSON.readTree(first.externalMetadata())).isEqualTo(JSON.readTree(row.externalMetadata()));
        assertThat(stored.get("T-2").deleted()).isTrue();
        StoredContract sparse = stored.get("T-5");
        assertThat(sparse.contractTypeId()).isNull();
        assertThat(sparse.externalMetadata()).isNull();
        assertThat(sparse.documentKey()).isNull();
        assertThat(warehouse().storedContract(ws, "T-1")).contains(first);
        assertThat(warehouse().storedContract(ws, "T-999")).isEqualTo(Optional.empty());
    }

    @Test
    void jsonAndNonAsciiValuesStayIntact(TestInfo test) throws SQLException {
        String ws = workspace(test);
        String metadata = "{\"name\": \"Zoë Ångström — 株式会社\", \"emoji\": \"📄✅\", \"quote\": \"it's \\\"fine\\\"\","
                + " \"nested\": {\"n\": 1.5, \"list\": [1, null, true]}, \"backslash\": \"a\\\\b\"}";
        ContractRow contract = contract(ws, 1, T1, "Vertrag über Öl — 合同 📄 'quoted'").toBuilder()
                .externalMetadata(metadata).counterPartyName("Société Générale").build();
        warehouse().loadChunk(ChunkLoad.of(List.of(contract),
                List.of(pointer(contract, "notes", "TEXT", "naïve café ☕", null, null, null, "[\"ü\", \"€\"]"))));

        StoredContract stored = warehouse().storedContract(ws, "T-1").orElseThrow();
        assertThat(stored.contractName()).isEqualTo("Vertrag über Öl — 合同 📄 'quoted'");
        assertThat(stored.counterPartyName()).isEqualTo("Société Générale");
        assertThat(JSON.readTree(stored.externalMetadata())).isEqualTo(JSON.readTree(metadata));
        assertThat(strings("SELECT value_text FROM contract_key_pointers WHERE workspace = '" + ws + "'")).containsExactly("naïve café ☕");
        assertThat(JSON.readTree(strings("SELECT CAST(value_json AS VARCHAR) FROM contract_key_pointers WHERE workspace = '" + ws + "'").get(0)))
                .isEqualTo(JSON.readTree("[\"ü\", \"€\"]"));
    }

    @Test
    void timestampsRoundTripInUtc(TestInfo test) throws SQLException {
        String ws = workspace(test);
        Instant created = Instant.parse("2024-02-29T23:59:59.999999Z");
        ContractRow contract = contract(ws, 1, T1, "c").toBuilder().createdAt(created).executedAt(null).build();
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(1);
        warehouse().mergeContracts(List.of(contract));

        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet results = statement.executeQuery("SELECT created_at, executed_at, _extracted_at, _synced_at, "
                        + "CAST(EXTRACT(EPOCH FROM created_at) AS BIGINT) AS created_epoch FROM contracts WHERE workspace = '" + ws + "'")) {
            assertThat(results.next()).isTrue();
            assertThat(results.getObject("created_at", java.time.OffsetDateTime.class).toInstant()).isEqualTo(created);
            assertThat(results.getObject("executed_at", java.time.OffsetDateTime.class)).isNull();
            assertThat(results.getObject("_extracted_at", java.time.OffsetDateTime.class).toInstant()).isEqualTo(T1);
            assertThat(results.getObject("_synced_at", java.time.OffsetDateTime.class).toInstant()).isAfter(before);
            // the stored instant, independent of any session time zone
            assertThat(results.getLong("created_epoch")).isIn(created.getEpochSecond(), created.getEpochSecond() + 1);
        }
        assertThat(warehouse().storedContract(ws, "T-1").orElseThrow().extractedAt()).isEqualTo(T1);
    }

    @Test
    void counterpartiesAndContractTypesMergeByKey(TestInfo test) throws SQLException {
        String ws = workspace(test);
        CounterpartyRow acme = new CounterpartyRow(ws, 11, "Acme", false, "ACTIVE", "ACME™", "{\"city\": \"Zürich\"}",
                "[{\"email\": \"legal@acme.example\"}]", "{\"tier\": 1}", T1, "run-1");
        CounterpartyRow person = new CounterpartyRow(ws, 12, "Jane", true, null, null, null, null, null, T1, "run-1");
        assertThat(warehouse().mergeCounterparties(List.of(acme, person))).isEqualTo(new MergeResult(2, 0, 0, 0));
        CounterpartyRow renamed = new CounterpartyRow(ws, 11, "Acme GmbH", false, "ACTIVE", "ACME™", null, null, null, T2, "run-2");
        CounterpartyRow stale = new CounterpartyRow(ws, 12, "Old Jane", true, null, null, null, null, null, T1.minusSeconds(5), "run-0");
        assertThat(warehouse().mergeCounterparties(List.of(renamed, stale))).isEqualTo(new MergeResult(0, 1, 1, 0));
        assertThat(strings("SELECT name FROM counterparties WHERE workspace = '" + ws + "' ORDER BY counterparty_id"))
                .containsExactly("Acme GmbH", "Jane");

        assertThat(warehouse().mergeContractTypes(List.of(new ContractTypeRow(ws, 7, "NDA", T1, "run-1"),
                new ContractTypeRow(ws, 7, "Mutual NDA", T2, "run-1")))).isEqualTo(new MergeResult(1, 0, 0, 1));
        assertThat(strings("SELECT name FROM contract_types WHERE workspace = '" + ws + "'")).containsExactly("Mutual NDA");
    }

    @Test
    void statusHistoryAndFindingsAppendOnce(TestInfo test) throws SQLException {
        String ws = workspace(test);
        List<StatusChangeRow> changes = List.of(
                new StatusChangeRow(ws, "T-1", null, "DRAFT", T1, "export", "run-1"),
                new StatusChangeRow(ws, "T-1", "DRAFT", "EXECUTED", T2, "webhook", null));
        assertThat(warehouse().appendStatusHistory(changes)).isEqualTo(2);
        assertThat(warehouse().appendStatusHistory(changes)).isZero();
        assertThat(count("SELECT COUNT(*) FROM contract_status_history WHERE workspace = '" + ws + "'")).isEqualTo(2);

        List<FindingRow> findings = List.of(new FindingRow("run-r", ws, "T-9", "DELETED_IN_SPOTDRAFT", "SOFT_DELETED", "gone", T3));
        assertThat(warehouse().appendFindings(findings)).isEqualTo(1);
        assertThat(warehouse().appendFindings(findings)).isZero();
        assertThat(strings("SELECT action FROM reconcile_findings WHERE workspace = '" + ws + "'")).containsExactly("SOFT_DELETED");
    }

    @Test
    void runSkipsAreRecordedOnceAndReadBackSinceATime(TestInfo test) throws SQLException {
        String ws = workspace(test);
        List<RunSkipRow> first = List.of(new RunSkipRow("run-1", ws, "T-9", "GET .../T-9/key_pointers failed after 8 attempts: HTTP 500.", T1),
                new RunSkipRow("run-1", ws, "H-2", "document store refused the key", T1));
        assertThat(warehouse().recordSkips(first)).isEqualTo(2);
        assertThat(warehouse().recordSkips(first)).as("a resumed run skips it again: kept once").isZero();
        assertThat(warehouse().recordSkips(List.of(new RunSkipRow("run-2", ws, "T-9", "again", T3),
                new RunSkipRow("run-2", ws + "-other", "T-5", "another workspace", T3)))).isEqualTo(2);

        assertThat(warehouse().skippedContracts(ws, T1)).containsExactly("H-2", "T-9");
        assertThat(warehouse().skippedContracts(ws, T2)).as("skipped at or after T2").containsExactly("T-9");
        assertThat(warehouse().skippedContracts(ws, T3.plusSeconds(1))).isEmpty();
        assertThat(strings("SELECT reason FROM sync_run_skips WHERE workspace = '" + ws + "' AND run_id = 'run-1' ORDER BY contract_id"))
                .containsExactly("document store refused the key", "GET .../T-9/key_pointers failed after 8 attempts: HTTP 500.");
    }

    @Test
    void keyPointersMustTravelWithTheirContract(TestInfo test) {
        String ws = workspace(test);
        ContractRow contract = contract(ws, 1, T2, "c");
        KeyPointerRow stray = pointer(contract(ws, 1, T1, "c"), "party", "TEXT", "x", null, null, null, null);
        assertThatThrownBy(() -> warehouse().loadChunk(ChunkLoad.of(List.of(contract), List.of(stray))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("party of " + ws + "/T-1");
    }

    @Test
    void aFailedChunkLeavesNothingBehind(TestInfo test) throws SQLException {
        String ws = workspace(test);
        ContractRow good = contract(ws, 1, T1, "good");
        ContractRow broken = contract(ws, 2, T1, "broken").toBuilder().externalMetadata("{not json").build();
        assertThatThrownBy(() -> warehouse().loadChunk(ChunkLoad.of(List.of(good, broken), keyPointers(good, "party"))))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("contracts");
        assertThat(count("SELECT COUNT(*) FROM contracts WHERE workspace = '" + ws + "'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM contract_key_pointers WHERE workspace = '" + ws + "'")).isZero();
        // and the warehouse is usable right after
        assertThat(warehouse().mergeContracts(List.of(good)).inserted()).isEqualTo(1);
    }

    @Test
    void theMigratedTablesHaveTheColumnsTheLoaderWrites() throws SQLException {
        for (TableSpec<?> table : Tables.ALL) {
            List<String> expected = new ArrayList<>(table.columnNames());
            if (table.softDelete()) {
                expected.addAll(List.of("_deleted", "_deleted_at"));
            }
            assertThat(strings("SELECT column_name FROM information_schema.columns WHERE table_name = '" + table.name()
                    + "' AND table_schema = " + currentSchemaExpression() + " ORDER BY ordinal_position"))
                    .as(table.name()).containsExactlyElementsOf(expected);
        }
        warehouse().migrate();
        assertThat(count("SELECT COUNT(*) FROM schema_migrations")).isEqualTo(MigrationRunner.packaged(dialect()).size());
    }

    abstract SqlDialect dialect();

    /** SQL for the schema the warehouse's tables are in. */
    abstract String currentSchemaExpression();
}
