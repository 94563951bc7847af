package io.spotdraftsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.spotdraftsync.sandbox.FaultSettings;
import io.spotdraftsync.sandbox.SandboxContract;
import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;
import io.spotdraftsync.testsupport.PostgresScratchSchema;
import io.spotdraftsync.testsupport.SyncProcess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A rolling restart of {@code serve} on PostgreSQL, for real: three {@code serve} processes share one job repository
 * (and warehouse); the one that runs the first export is stopped with SIGTERM midway while the others live, a survivor
 * takes the run over from its last committed chunk, and is then killed with SIGKILL midway; the last one sees its owner
 * stop checking in, recovers the run and finishes it. Afterwards no run shows as running, and the warehouse equals the
 * source.
 */
class RollingRestartPostgresTest {

    private static final int CONTRACTS = 150;
    private static final String TOKEN = "rolling-restart-test-token-0123456789ab";
    private static final Pattern PORT = Pattern.compile("Tomcat started on port\\D*(\\d+)");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration OWNER_TIMEOUT = Duration.ofSeconds(2);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aSurvivorFinishesTheRunOfAPodStoppedMidwayAndThenOfOneKilledMidway(@TempDir Path work) throws Exception {
        String warehouseSchema = "rolling_wh_" + Long.toHexString(System.nanoTime());
        List<Node> nodes = new ArrayList<>();
        try (PostgresScratchSchema jobs = PostgresScratchSchema.create("rolling");
                SpotDraftSandbox sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(CONTRACTS).seed(52)
                        .requestsPerSecond(0).documentMinBytes(2_048).documentMaxBytes(4_096).build())) {
            // slow while the pods start, so that the first export is still at its start when every pod is up
            sandbox.setFaults(FaultSettings.builder().latency(Duration.ofMillis(3_000)).build());
            // the first pod creates the tables; the next two start beside it, as new pods of a rolling restart do
            for (int i = 1; i <= 3; i++) {
                nodes.add(Node.start("pod-" + i, work, arguments(sandbox, jobs, warehouseSchema, work, "pod-" + i)));
                if (i == 1 || i == 3) {
                    for (Node node : nodes) {
                        awaitUp(node);
                    }
                }
            }
            long execution1 = await("the first export running, with its owner").atMost(Duration.ofSeconds(60))
                    .until(() -> longs(jobs, "SELECT o.job_execution_id FROM sync_run_owners o JOIN batch_job_execution e "
                            + "ON e.job_execution_id = o.job_execution_id WHERE e.status = 'STARTED'"), ids -> ids.size() == 1).get(0);
            Node first = ownerOf(jobs, execution1, nodes);
            sandbox.setFaults(FaultSettings.builder().latency(Duration.ofMillis(60)).build());
            long before = sandbox.stats().requestsServed();
            await("the first export midway").atMost(Duration.ofSeconds(60)).until(() -> sandbox.stats().requestsServed() >= before + 60);

            // rolling restart: SIGTERM to the pod running the export, the others live
            long stoppedAt = System.nanoTime();
            first.process.destroy();
            assertThat(first.process.waitFor(60, TimeUnit.SECONDS)).as("%s exited after SIGTERM", first.name).isTrue();
            double stopSeconds = (System.nanoTime() - stoppedAt) / 1e9;
            assertThat(status(jobs, execution1)).as("the stopped pod's run").isEqualTo("STOPPED");
            long servedAtStop = sandbox.stats().requestsServed();
            long execution2 = await("a survivor taking the run over").atMost(Duration.ofSeconds(30))
                    .until(() -> newerExecution(jobs, execution1), id -> id > 0);
            double takeOverSeconds = (System.nanoTime() - stoppedAt) / 1e9;
            Node second = await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> ownerOf(jobs, execution2, nodes),
                    node -> node != null);
            assertThat(second).isNotSameAs(first);

            long resumedAt = sandbox.stats().requestsServed();
            await("the resumed export midway").atMost(Duration.ofSeconds(60))
                    .until(() -> sandbox.stats().requestsServed() >= resumedAt + 60 || !"STARTED".equals(status(jobs, execution2)));
            assertThat(status(jobs, execution2)).as("the resumed run still going when its pod is killed").isEqualTo("STARTED");

            // the survivor dies too (SIGKILL): the last pod sees its owner stop checking in, recovers it and finishes it
            long killedAt = System.nanoTime();
            second.process.destroyForcibly().waitFor();
            Node last = nodes.stream().filter(node -> node != first && node != second).findFirst().orElseThrow();
            sandbox.setFaults(FaultSettings.none());
            long execution3 = await("the last pod recovering and resuming the killed pod's run").atMost(Duration.ofSeconds(60))
                    .until(() -> newerExecution(jobs, execution2), id -> id > 0);
            double recoverSeconds = (System.nanoTime() - killedAt) / 1e9;
            await("the export completed").atMost(Duration.ofSeconds(120)).failFast(() -> !last.process.isAlive())
                    .until(() -> status(jobs, execution3), "COMPLETED"::equals);
            double completeSeconds = (System.nanoTime() - killedAt) / 1e9;

            assertThat(jobs.strings("SELECT status FROM batch_job_execution e JOIN batch_job_instance i ON i.job_instance_id "
                    + "= e.job_instance_id WHERE i.job_name = 'export' ORDER BY e.job_execution_id"))
                    .as("one run: stopped by the SIGTERM, recovered after the SIGKILL, completed")
                    .containsExactly("STOPPED", "FAILED", "COMPLETED");
            assertThat(ownerOf(jobs, execution3, nodes)).as("no owner row once the run ended").isNull();
            JsonNode runs = get(last, "/api/runs");
            List<String> shown = runs.path("runs").valueStream().map(run -> run.path("status").asString()).toList();
            assertThat(shown).as("runs as the survivor's /api/runs shows them: %s", runs)
                    .doesNotContain("STARTING", "STARTED", "STOPPING", "INTERRUPTED").contains("COMPLETED");
            assertThat(get(last, "/api/status").path("running").isEmpty()).as("the status page's running runs").isTrue();
            // the survivor resumes the run either by its recovery pass or by its own initial export, which was waiting
            // for the export lock: whichever comes first (both resume from the last committed chunk)
            assertThat(last.log()).containsAnyOf("Taking over run " + execution2, "Resuming unfinished full run " + execution2);
            assertThat(second.log()).containsAnyOf("Taking over run " + execution1, "Resuming unfinished full run " + execution1);
            assertWarehouseHoldsEveryContract(warehouseSchema, sandbox);

            System.out.printf("rolling restart of serve on PostgreSQL (%d contracts): %s ran the export (run %d) and stopped "
                    + "%.1f s after SIGTERM, after %d API calls; %s resumed it %.1f s after the SIGTERM (run %d) and was killed "
                    + "after %d more; %s recovered and resumed it %.1f s after the SIGKILL (run %d, owner timeout %d s), "
                    + "completed %.1f s after the SIGKILL; %d API calls in all%n", CONTRACTS, first.name, execution1, stopSeconds,
                    servedAtStop, second.name, takeOverSeconds, execution2, 0L + sandbox.stats().requestsServed() - servedAtStop,
                    last.name, recoverSeconds, execution3, OWNER_TIMEOUT.toSeconds(), completeSeconds,
                    sandbox.stats().requestsServed());
            last.process.destroy();
            assertThat(last.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } catch (AssertionError | RuntimeException failure) {
            nodes.forEach(node -> System.out.println("---- " + node.name + " ----\n" + node.tail()));
            throw failure;
        } finally {
            for (Node node : nodes) {
                node.process.destroyForcibly().waitFor();
            }
            PostgresScratchSchema.drop(warehouseSchema);
        }
    }

    private static void awaitUp(Node node) {
        if (node.port > 0) {
            return;
        }
        node.port = await(node.name + " up").atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(250))
                .failFast(node.name + " exited", () -> !node.process.isAlive())
                .until(node::port, port -> port > 0);
    }

    private static List<String> arguments(SpotDraftSandbox sandbox, PostgresScratchSchema jobs, String warehouseSchema,
            Path work, String pod) throws IOException {
        return List.of("serve", "--port=0",
                "--spotdraft.base-url=" + sandbox.baseUrl(), "--spotdraft.client-id=sandbox",
                "--spotdraft.client-secret=sandbox-secret", "--spotdraft.workspace=acme",
                "--spotdraft.requests-per-second=100", "--spotdraft.page-size=10",
                "--spring.datasource.url=" + jobs.url(), "--spring.datasource.username=" + PostgresScratchSchema.USER,
                "--sync.warehouse.url=" + PostgresScratchSchema.SERVER, "--sync.warehouse.username=" + PostgresScratchSchema.USER,
                "--sync.warehouse.schema=" + warehouseSchema,
                "--sync.documents.location=file:" + work.resolve("documents").toAbsolutePath(),
                "--sync.documents.temp-dir=" + work.resolve("tmp-" + pod).toAbsolutePath(),
                "--sync.schedule.directory=" + Files.createDirectories(work.resolve("schedules")).toAbsolutePath(),
                "--sync.admin.token=" + TOKEN, "--sync.export.progress-interval=60s",
                "--sync.jobs.heartbeat-interval=500ms", "--sync.jobs.owner-timeout=" + OWNER_TIMEOUT.toSeconds() + "s",
                "--logging.level.org.springframework.boot.tomcat=INFO");
    }

    /** The pod that owns a run, by the process id in its owner row; null without a row. */
    private static Node ownerOf(PostgresScratchSchema jobs, long execution, List<Node> nodes) throws SQLException {
        List<String> owners = jobs.strings("SELECT instance FROM sync_run_owners WHERE job_execution_id = " + execution);
        if (owners.isEmpty()) {
            return null;
        }
        return nodes.stream().filter(node -> owners.get(0).contains("/" + node.process.pid() + "@")).findFirst()
                .orElseThrow(() -> new AssertionError("owner " + owners + " is none of the pods"));
    }

    private static String status(PostgresScratchSchema jobs, long execution) throws SQLException {
        return jobs.strings("SELECT status FROM batch_job_execution WHERE job_execution_id = " + execution).get(0);
    }

    /** The execution of the same run (job instance) after this one; 0 while there is none. */
    private static long newerExecution(PostgresScratchSchema jobs, long execution) throws SQLException {
        List<Long> ids = longs(jobs, "SELECT e.job_execution_id FROM batch_job_execution e JOIN batch_job_execution p "
                + "ON p.job_instance_id = e.job_instance_id WHERE p.job_execution_id = " + execution
                + " AND e.job_execution_id > " + execution + " ORDER BY 1");
        return ids.isEmpty() ? 0 : ids.get(0);
    }

    private static List<Long> longs(PostgresScratchSchema jobs, String sql) throws SQLException {
        return jobs.strings(sql).stream().map(Long::parseLong).toList();
    }

    private JsonNode get(Node node, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port + path))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static void assertWarehouseHoldsEveryContract(String schema, SpotDraftSandbox sandbox) throws SQLException {
        Map<String, String> rows = new HashMap<>();
        try (var connection = java.sql.DriverManager.getConnection(PostgresScratchSchema.SERVER, PostgresScratchSchema.USER, "");
                var statement = connection.createStatement();
                var result = statement.executeQuery("SELECT contract_id, document_sha256 FROM " + schema + ".contracts")) {
            while (result.next()) {
                assertThat(rows.put(result.getString(1), result.getString(2))).as("one row per contract").isNull();
            }
        }
        Map<String, String> expected = new HashMap<>();
        for (SandboxContract contract : sandbox.contracts()) {
            expected.put(contract.compositeId(), contract.documentSha256());
        }
        assertThat(rows).as("warehouse rows (contract id -> document checksum)").isEqualTo(expected);
    }

    /** One {@code serve} process, its output in a log file of its own. */
    private static final class Node {
        final String name;
        final Process process;
        final Path log;
        volatile int port;

        private Node(String name, Process process, Path log) {
            this.name = name;
            this.process = process;
            this.log = log;
        }

        static Node start(String name, Path work, List<String> arguments) throws IOException {
            Path log = work.resolve(name + ".log");
            return new Node(name, SyncProcess.start(log, arguments), log);
        }

        int port() throws IOException {
            Matcher matcher = PORT.matcher(log());
            return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
        }

        String log() throws IOException {
            return Files.exists(log) ? Files.readString(log) : "";
        }

        String tail() {
            try {
                return SyncProcess.tail(log);
            } catch (IOException unreadable) {
                return unreadable.toString();
            }
        }
    }
}
