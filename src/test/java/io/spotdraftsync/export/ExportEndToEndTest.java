package io.spotdraftsync.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import io.spotdraftsync.jobs.RunProgressRegistry;
import io.spotdraftsync.sandbox.FaultSettings;
import io.spotdraftsync.sandbox.SandboxContract;
import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;
import io.spotdraftsync.testsupport.ExportHarness;
import io.spotdraftsync.testsupport.S3MockServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.context.ConfigurableApplicationContext;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The export job end to end: the sandbox, S3 (S3Mock on loopback) and DuckDB, as a user runs it.
 */
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
public class ExportEndToEndTest {

    private static final S3MockServer S3 = new S3MockServer();

    @BeforeAll
    static void startS3() {
        S3.start();
        System.setProperty("aws.accessKeyId", S3MockServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3MockServer.SECRET_KEY);
    }

    @AfterAll
    static void stopS3() {
        S3.close();
    }

    private static SpotDraftSandbox sandbox(int contracts, long seed) {
        return SpotDraftSandbox.start(SandboxSettings.builder().contracts(contracts).seed(seed).requestsPerSecond(0)
                .documentMinBytes(2_048).documentMaxBytes(24_576).build());
    }

    private static ExportHarness onS3(SpotDraftSandbox sandbox, Path work, String bucket) {
        S3.createBucket(bucket);
        return ExportHarness.against(sandbox, work)
                .with("sync.documents.location", "s3://" + bucket + "/contracts")
                .with("sync.documents.s3.endpoint", S3.endpoint())
                .with("sync.documents.s3.region", "us-east-1")
                .with("sync.documents.s3.path-style", true);
    }

    @Test
    void fullThenIncrementalThenIdleIntoDuckDbAndS3(@TempDir Path work,
            org.springframework.boot.test.system.CapturedOutput output) throws Exception {
        try (SpotDraftSandbox sandbox = sandbox(2_000, 31)) {
            ExportHarness export = onS3(sandbox, work, "full-incremental");

            ExportRunner.Outcome full = export.run(false);

            assertThat(full.completed()).isTrue();
            assertThat(full.run().mode()).as("the first run of a workspace is full").isEqualTo("full");
            assertThat(full.summary().contractsRead()).isEqualTo(2_000);
            assertThat(full.summary().documentsWritten()).isEqualTo(2_000);
            assertWarehouseEqualsSandbox(work, sandbox);
            assertThat(s3Keys("full-incremental")).hasSize(2_000)
                    .allSatisfy(key -> assertThat(key).matches("contracts/acme/[TH]-\\d+/\\d+-[0-9a-f]{64}\\.pdf"));

            List<String> touched = sandbox.mutate(100);
            Set<String> liveTouched = touched.stream().filter(id -> !sandbox.contract(id).deleted()).collect(Collectors.toSet());
            ExportRunner.Outcome incremental = export.run(false);

            assertThat(incremental.run().mode()).isEqualTo("incremental");
            assertThat(incremental.summary().contractsRead()).as("exactly the changed contracts are read")
                    .isEqualTo(liveTouched.size());
            // a change of key pointers only leaves the contract row as it is: rows rewritten are among the changed
            assertThat(liveTouched).containsAll(rowsOfRun(work, incremental.run().runId()));
            assertThat(rowsOfRun(work, incremental.run().runId())).isNotEmpty();
            assertWarehouseEqualsSandbox(work, sandbox);

            ExportRunner.Outcome idle = export.run(false);

            assertThat(idle.summary().documentsWritten()).isZero();
            assertThat(idle.summary().contractsWritten()).isZero();
            assertThat(rowsOfRun(work, idle.run().runId())).isEmpty();
            assertThat(count(work, "SELECT count(*) FROM sync_runs WHERE outcome = 'COMPLETED'")).isEqualTo(3);
        }
        // three runs against S3 with this secret key (aws.secretAccessKey): never in a log line
        assertThat(output.getAll()).contains("Documents go to s3://").doesNotContain(S3MockServer.SECRET_KEY);
    }

    @Test
    void aRunThatFailsMidwayResumesWithNoDuplicateAndNoGap(@TempDir Path work) throws Exception {
        try (SpotDraftSandbox sandbox = sandbox(1_500, 32)) {
            ExportHarness export = onS3(sandbox, work, "resume")
                    .with("spotdraft.retry.max-attempts", 2)
                    .with("sync.export.concurrency", 4);
            ExportRunner.Outcome failed;
            try (ConfigurableApplicationContext context = export.start()) {
                RunProgressRegistry progress = context.getBean(RunProgressRegistry.class);
                ExecutorService background = Executors.newSingleThreadExecutor();
                try {
                    Future<ExportRunner.Outcome> run = background.submit(() -> context.getBean(ExportRunner.class).run(null, false, "test"));
                    // SpotDraft goes down once about half the contracts are in
                    await().atMost(Duration.ofSeconds(120)).until(() -> progress.current("export", "acme")
                            .map(live -> live.snapshot().done() >= 700).orElse(false));
                    sandbox.setFaults(FaultSettings.builder().serverErrorProbability(1.0).build());
                    failed = run.get();
                } finally {
                    background.shutdownNow();
                }
            }
            assertThat(failed.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
            long committedBeforeFailure = count(work, "SELECT count(*) FROM contracts");
            assertThat(committedBeforeFailure).isBetween(700L, 1_499L);

            sandbox.setFaults(FaultSettings.none());
            ExportRunner.Outcome resumed = export.run(false);

            assertThat(resumed.completed()).isTrue();
            assertThat(resumed.execution().getJobInstance().getInstanceId())
                    .as("the failed run is resumed, not replaced").isEqualTo(failed.execution().getJobInstance().getInstanceId());
            assertThat(resumed.summary().contractsRead()).as("the resumed run starts at the first uncommitted page")
                    .isEqualTo(1_500);
            assertWarehouseEqualsSandbox(work, sandbox);
            assertThat(count(work, "SELECT count(*) - count(DISTINCT contract_id) FROM contracts")).isZero();
            List<String> keys = s3Keys("resume");
            assertThat(keys).hasSize(1_500).doesNotHaveDuplicates();
        }
    }

    @Test
    void theSameExportIntoPostgreSqlWithItsJobRepositoryThereToo(@TempDir Path work) throws Exception {
        String suffix = Long.toHexString(System.nanoTime());
        String warehouseSchema = "export_e2e_" + suffix;
        String jobsSchema = "jobs_e2e_" + suffix;
        try (Connection admin = DriverManager.getConnection(POSTGRES, "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE SCHEMA " + jobsSchema);
        }
        try (SpotDraftSandbox sandbox = sandbox(800, 33)) {
            ExportHarness export = ExportHarness.against(sandbox, work)
                    .with("spring.datasource.url", POSTGRES + "?currentSchema=" + jobsSchema)
                    .with("spring.datasource.username", "postgres")
                    .with("sync.warehouse.url", POSTGRES)
                    .with("sync.warehouse.username", "postgres")
                    .with("sync.warehouse.schema", warehouseSchema);

            ExportRunner.Outcome full = export.run(false);
            sandbox.mutate(30);
            ExportRunner.Outcome incremental = export.run(false);

            assertThat(full.completed()).isTrue();
            assertThat(incremental.completed()).isTrue();
            assertThat(incremental.run().mode()).isEqualTo("incremental");
            assertWarehouseEqualsSandbox(() -> {
                Connection connection = DriverManager.getConnection(POSTGRES, "postgres", "");
                connection.setSchema(warehouseSchema);
                return connection;
            }, sandbox);
        } finally {
            try (Connection admin = DriverManager.getConnection(POSTGRES, "postgres", "");
                    Statement statement = admin.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + warehouseSchema + " CASCADE");
                statement.execute("DROP SCHEMA IF EXISTS " + jobsSchema + " CASCADE");
            }
        }
    }

    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";

    // ---- checks ---------------------------------------------------------------------------------------

    /** Every live sandbox contract is there once, with the sandbox's values and document checksum. */
    @FunctionalInterface
    interface Warehouse {
        Connection open() throws SQLException;
    }

    public static void assertWarehouseEqualsSandbox(Path work, SpotDraftSandbox sandbox) throws SQLException {
        assertWarehouseEqualsSandbox(() -> readOnly(work), sandbox);
    }

    /** The rows of one workspace equal that workspace's sandbox. */
    public static void assertWarehouseEqualsSandbox(Path work, SpotDraftSandbox sandbox, String workspace) throws SQLException {
        assertWarehouseEqualsSandbox(() -> readOnly(work), sandbox, workspace);
    }

    static void assertWarehouseEqualsSandbox(Warehouse warehouse, SpotDraftSandbox sandbox) throws SQLException {
        assertWarehouseEqualsSandbox(warehouse, sandbox, "acme");
    }

    static void assertWarehouseEqualsSandbox(Warehouse warehouse, SpotDraftSandbox sandbox, String workspace) throws SQLException {
        Map<String, Map<String, Object>> rows = new HashMap<>();
        try (Connection connection = warehouse.open(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT contract_id, contract_name, contract_status, contract_type_name, "
                        + "counter_party_name, document_sha256, document_version_id, _deleted FROM contracts WHERE workspace = '" + workspace + "'")) {
            while (result.next()) {
                Map<String, Object> row = new HashMap<>();
                for (String column : List.of("contract_name", "contract_status", "contract_type_name", "counter_party_name",
                        "document_sha256", "document_version_id", "_deleted")) {
                    row.put(column, result.getObject(column));
                }
                assertThat(rows.put(result.getString("contract_id"), row)).as("one row per contract").isNull();
            }
        }
        List<SandboxContract> live = sandbox.contracts().stream().filter(contract -> !contract.deleted()).toList();
        for (SandboxContract contract : live) {
            Map<String, Object> row = rows.get(contract.compositeId());
            assertThat(row).as("row of %s", contract.compositeId()).isNotNull();
            assertThat(row.get("contract_name")).as("name of %s", contract.compositeId()).isEqualTo(contract.name());
            assertThat(row.get("contract_status")).isEqualTo(contract.status().name());
            assertThat(row.get("contract_type_name")).isEqualTo(contract.contractTypeName());
            assertThat(row.get("counter_party_name")).isEqualTo(contract.counterpartyName());
            assertThat(row.get("document_sha256")).as("document of %s", contract.compositeId()).isEqualTo(contract.documentSha256());
            assertThat(row.get("document_version_id")).isEqualTo(String.valueOf(contract.currentVersionId()));
        }
        Set<String> liveIds = live.stream().map(SandboxContract::compositeId).collect(Collectors.toSet());
        assertThat(rows.keySet()).containsAll(liveIds);
        Set<String> expected = live.stream().flatMap(contract -> contract.keyPointers().stream()
                        .map(pointer -> contract.compositeId() + "/" + pointer.fieldName() + "=" + json(pointer.value())))
                .collect(Collectors.toSet());
        // contracts deleted in SpotDraft stay until a reconciliation finds them (no deletion feed): compare live ones
        Set<String> actual = keyPointers(warehouse, workspace).stream()
                .filter(each -> liveIds.contains(each.substring(0, each.indexOf('/')))).collect(Collectors.toSet());
        assertThat(new java.util.TreeSet<>(expected.stream().filter(each -> !actual.contains(each)).toList()))
                .as("key pointers in the sandbox, missing from the warehouse").isEmpty();
        assertThat(new java.util.TreeSet<>(actual.stream().filter(each -> !expected.contains(each)).toList()))
                .as("key pointers in the warehouse, not in the sandbox").isEmpty();
    }

    private static Set<String> keyPointers(Warehouse warehouse, String workspace) throws SQLException {
        Set<String> all = new java.util.HashSet<>();
        try (Connection connection = warehouse.open(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT contract_id, field_name, CAST(value_json AS VARCHAR) "
                        + "FROM contract_key_pointers_current WHERE workspace = '" + workspace + "'")) {
            while (result.next()) {
                String value = result.getString(3);
                all.add(result.getString(1) + "/" + result.getString(2) + "=" + (value == null ? "null" : json(JSON.readTree(value))));
            }
        }
        return all;
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = io.spotdraftsync.spotdraft.SpotDraftClient.jsonMapper();

    /** Canonical JSON text: the same value reads the same whatever spacing or key order it was stored with. */
    private static String json(Object value) {
        return JSON.writer().with(tools.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .writeValueAsString(JSON.convertValue(value, Object.class));
    }

    private static Set<String> rowsOfRun(Path work, String runId) throws SQLException {
        try (Connection connection = readOnly(work); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT contract_id FROM contracts WHERE _run_id = '" + runId + "'")) {
            Set<String> ids = new java.util.HashSet<>();
            while (result.next()) {
                ids.add(result.getString(1));
            }
            return ids;
        }
    }

    public static long count(Path work, String sql) throws SQLException {
        try (Connection connection = readOnly(work); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    static Connection readOnly(Path work) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("duckdb.read_only", "true");
        return DriverManager.getConnection("jdbc:duckdb:" + work.resolve("warehouse.duckdb").toAbsolutePath(), properties);
    }

    private static List<String> s3Keys(String bucket) {
        try (S3Client s3 = S3.newClient()) {
            return s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).build()).contents().stream()
                    .map(S3Object::key).toList();
        }
    }
}
