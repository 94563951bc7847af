package io.spotdraftsync.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

import tools.jackson.databind.JsonNode;

/**
 * The admin API of a real {@code serve} (embedded sandbox of 60 contracts, slowed to 20 requests/s so that a run
 * lasts a few seconds), over real HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminApiTest {

    private static final String TOKEN = "k3xR9vQ2mT7wZ4pL8nB6yD1cF5hJ0sGa";
    private static final int CONTRACTS = 60;
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);

    private ConfigurableApplicationContext context;
    private AdminHttp api;
    private Path work;

    @BeforeAll
    void startServe() throws Exception {
        // not a @TempDir: H2 and DuckDB may still be letting go of their files just after the context closed
        work = Files.createTempDirectory("admin-api-test");
        context = ServeContext.in(work)
                .with("sync.admin.token", TOKEN)
                .with("sync.embedded-sandbox.contracts", CONTRACTS)
                .with("sync.embedded-sandbox.requests-per-second", 20)
                // chunks of 10 contracts: a stop takes effect within a second
                .with("spotdraft.page-size", 10)
                .start();
        api = new AdminHttp(ServeContext.port(context), TOKEN);
    }

    @AfterAll
    void stopServe() {
        if (context != null) {
            context.close();
        }
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            FileSystemUtils.deleteRecursively(work);
            return !Files.exists(work);
        });
    }

    @Test
    @Order(1)
    void everyEndpointRefusesAMissingOrWrongTokenAndStartsNothing() {
        long executionsBefore = jobExecutions();
        List<String[]> endpoints = List.of(
                new String[] {"GET", "/api/jobs"},
                new String[] {"POST", "/api/jobs/export/runs"},
                new String[] {"GET", "/api/runs"},
                new String[] {"GET", "/api/runs/1"},
                new String[] {"POST", "/api/runs/1/stop"},
                new String[] {"POST", "/api/runs/1/restart"},
                new String[] {"GET", "/api/no-such-thing"});
        for (String token : new String[] {null, "wrong-token-wrong-token-wrong-to", TOKEN + "x", "Basic " + TOKEN}) {
            AdminHttp caller = token != null && token.startsWith("Basic ") ? null : api.withToken(token);
            for (String[] endpoint : endpoints) {
                AdminHttp.Response response = caller != null ? caller.send(endpoint[0], endpoint[1])
                        : basic(endpoint[0], endpoint[1]);
                assertThat(response.status()).as("%s %s with %s", endpoint[0], endpoint[1], token).isEqualTo(401);
                assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
                assertThat(response.contentType()).startsWith("application/problem+json");
                JsonNode problem = response.json();
                assertThat(problem.get("type").asString()).isEqualTo("https://spotdraft-sync.dev/problems/unauthorized");
                assertThat(problem.get("title").asString()).isEqualTo("Unauthorized");
                assertThat(problem.get("status").asInt()).isEqualTo(401);
                assertThat(problem.get("instance").asString()).isEqualTo(endpoint[1]);
                assertThat(response.body()).doesNotContain(TOKEN);
            }
        }
        // a JSON body does not get past the filter either
        assertThat(api.withToken(null).postJson("/api/jobs/export/runs", "{\"parameters\": {\"full\": true}}").status()).isEqualTo(401);
        assertThat(jobExecutions()).isEqualTo(executionsBefore);
    }

    @Test
    @Order(2)
    void healthStaysOpen() {
        AdminHttp.Response health = api.withToken(null).get("/actuator/health");
        assertThat(health.status()).as(health.toString()).isNotEqualTo(401);
    }

    @Test
    @Order(3)
    void badRequestsAreProblemDetails() {
        long executionsBefore = jobExecutions();

        AdminHttp.Response unknownJob = api.post("/api/jobs/nightly/runs");
        assertProblem(unknownJob, 404, "unknown-job");
        assertThat(unknownJob.json().get("detail").asString()).contains("nightly").contains("export");

        AdminHttp.Response badFlag = api.postJson("/api/jobs/export/runs", "{\"parameters\": {\"full\": \"maybe\"}}");
        assertProblem(badFlag, 400, "invalid-parameter");
        assertThat(badFlag.json().get("detail").asString()).contains("full").contains("maybe");

        AdminHttp.Response unknownParameter = api.postJson("/api/jobs/export/runs", "{\"parameters\": {\"fulll\": true}}");
        assertProblem(unknownParameter, 400, "invalid-parameter");
        assertThat(unknownParameter.json().get("detail").asString()).contains("fulll");

        AdminHttp.Response nested = api.postJson("/api/jobs/export/runs", "{\"parameters\": {\"full\": [true]}}");
        assertProblem(nested, 400, "invalid-parameter");

        AdminHttp.Response misspeltField = api.postJson("/api/jobs/export/runs", "{\"parameter\": {\"full\": true}}");
        assertProblem(misspeltField, 400, "invalid-request");
        assertThat(misspeltField.json().get("detail").asString()).contains("parameter");

        AdminHttp.Response malformed = api.postJson("/api/jobs/export/runs", "{\"parameters\": {\"full\": tru");
        assertProblem(malformed, 400, "malformed-request");

        assertProblem(api.get("/api/runs/987654"), 404, "run-not-found");
        assertProblem(api.post("/api/runs/987654/stop"), 404, "run-not-found");
        assertProblem(api.post("/api/runs/987654/restart"), 404, "run-not-found");
        assertProblem(api.get("/api/runs/abc"), 400, "invalid-request");
        assertProblem(api.get("/api/runs?limit=201"), 400, "invalid-request");
        assertProblem(api.get("/api/runs?status=DONE"), 400, "invalid-request");
        assertProblem(api.get("/api/nothing-here"), 404, "no-such-endpoint");

        assertThat(jobExecutions()).isEqualTo(executionsBefore);
    }

    @Test
    @Order(4)
    void listsTheJobs() {
        AdminHttp.Response jobs = api.get("/api/jobs");
        assertThat(jobs.status()).isEqualTo(200);
        assertThat(jobs.json().get("jobs").findValuesAsString("job")).contains("export", "reconcile", "import");
    }

    @Test
    @Order(5)
    void anExportRunsToCompletionAndASecondOneIsRefusedMeanwhile() {
        AdminHttp.Response started = api.postJson("/api/jobs/export/runs", "{\"parameters\": {\"full\": true}}");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        long id = started.json().get("id").asLong();
        assertThat(started.header("Location")).isEqualTo("/api/runs/" + id);
        assertThat(started.json().get("job").asString()).isEqualTo("export");
        assertThat(started.json().get("trigger").asString()).isEqualTo("api");
        assertThat(started.json().get("mode").asString()).isEqualTo("full");
        assertThat(started.json().get("runId").asString()).startsWith("export-sandbox-");

        AdminHttp.Response second = api.post("/api/jobs/export/runs");
        assertProblem(second, 409, "run-in-progress");
        assertThat(second.json().get("detail").asString()).contains("already in progress");

        // live progress while it runs
        AtomicReference<JsonNode> running = new AtomicReference<>();
        await().atMost(RUN_TIMEOUT).until(() -> {
            JsonNode view = api.get("/api/runs/" + id).json();
            running.set(view);
            return view.get("progress").isObject() && view.get("progress").get("done").asLong() > 0;
        });
        JsonNode progress = running.get().get("progress");
        assertThat(progress.get("total").asLong()).isEqualTo(CONTRACTS);
        assertThat(progress.get("itemsPerSecond").asDouble()).isPositive();
        assertThat(running.get().get("status").asString()).isIn("STARTING", "STARTED");

        JsonNode done = awaitStatus(id, "COMPLETED");
        assertThat(done.get("counts").get("contractsRead").asLong()).isEqualTo(CONTRACTS);
        assertThat(done.get("counts").get("contractsWritten").asLong()).isEqualTo(CONTRACTS);
        assertThat(done.get("counts").get("documentsWritten").asLong()).isPositive();
        assertThat(done.get("apiCalls").asLong()).isGreaterThan(CONTRACTS);
        assertThat(done.get("apiCallsPerSecond").asDouble()).isPositive();
        assertThat(done.get("exitCode").asString()).isEqualTo("COMPLETED");
        assertThat(done.get("durationSeconds").asDouble()).isPositive();
        assertThat(done.get("startTime").isString()).isTrue();
        assertThat(done.get("endTime").isString()).isTrue();
        assertThat(done.get("progress").isNull()).isTrue();

        JsonNode listed = api.get("/api/runs").json().get("runs");
        assertThat(listed.get(0).get("id").asLong()).isEqualTo(id);
        assertThat(api.get("/api/runs?job=export&status=completed&limit=1").json().get("runs").findValuesAsString("runId"))
                .containsExactly(done.get("runId").asString());
        assertThat(api.get("/api/runs?job=reconcile").json().get("runs").size()).isZero();

        assertProblem(api.post("/api/runs/" + id + "/stop"), 409, "run-not-running");
        assertProblem(api.post("/api/runs/" + id + "/restart"), 409, "run-not-restartable");
    }

    @Test
    @Order(6)
    void aStoppedRunEndsStoppedAndItsRestartCompletesIt() {
        AdminHttp.Response started = api.postJson("/api/jobs/export/runs", "{\"parameters\": {\"full\": \"true\"}}");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        long id = started.json().get("id").asLong();

        AdminHttp.Response stopping = api.post("/api/runs/" + id + "/stop");
        assertThat(stopping.status()).as(stopping.toString()).isEqualTo(202);
        assertThat(stopping.json().get("status").asString()).isIn("STOPPING", "STOPPED");

        JsonNode stopped = awaitStatus(id, "STOPPED");
        assertThat(stopped.get("counts").get("contractsRead").asLong()).isLessThan(CONTRACTS);

        AdminHttp.Response restarted = api.post("/api/runs/" + id + "/restart");
        assertThat(restarted.status()).as(restarted.toString()).isEqualTo(202);
        long restartId = restarted.json().get("id").asLong();
        assertThat(restartId).isNotEqualTo(id);
        assertThat(restarted.header("Location")).isEqualTo("/api/runs/" + restartId);
        assertThat(restarted.json().get("runId").asString()).isEqualTo(stopped.get("runId").asString());

        JsonNode completed = awaitStatus(restartId, "COMPLETED");
        // counted over both executions: every contract once
        assertThat(completed.get("counts").get("contractsRead").asLong()).isEqualTo(CONTRACTS);
        assertThat(completed.get("apiCalls").asLong()).isGreaterThan(stopped.get("apiCalls").asLong());

        // the stopped execution was superseded by its restart
        assertProblem(api.post("/api/runs/" + id + "/restart"), 409, "run-not-restartable");
    }

    @Test
    @Order(7)
    void aReconciliationShowsWhatItFoundAndItsApiCalls() {
        AdminHttp.Response started = api.postJson("/api/jobs/reconcile/runs", "{\"parameters\": {\"deep\": false}}");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        JsonNode done = awaitStatus(started.json().get("id").asLong(), "COMPLETED");
        assertThat(done.get("mode").asString()).isEqualTo("quick");
        assertThat(done.get("counts").get("listed").asLong()).isEqualTo(CONTRACTS);
        assertThat(done.get("counts").get("findings").isObject()).isTrue();
        // read back from the job repository after the run: the count was saved with it
        assertThat(done.get("apiCalls").asLong()).isPositive();
    }

    @Test
    @Order(8)
    void anImportShowsItsRowsAndApiCalls(@TempDir Path reports) {
        String manifest = Path.of("examples/import/manifest.csv").toAbsolutePath().toString();
        String report = reports.resolve("report.csv").toString();
        AdminHttp.Response started = api.postJson("/api/jobs/import/runs",
                "{\"parameters\": {\"manifest\": \"" + manifest + "\", \"report\": \"" + report + "\"}}");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        JsonNode done = awaitStatus(started.json().get("id").asLong(), "COMPLETED");
        assertThat(done.get("counts").get("rows").asLong()).isEqualTo(4);
        assertThat(done.get("counts").get("created").asLong() + done.get("counts").get("invalid").asLong()
                + done.get("counts").get("rejected").asLong()).isEqualTo(4);
        assertThat(done.get("apiCalls").asLong()).isPositive();

        AdminHttp.Response noManifest = api.post("/api/jobs/import/runs");
        assertProblem(noManifest, 400, "invalid-parameter");
        assertThat(noManifest.json().get("detail").asString()).contains("manifest");
    }

    private JsonNode awaitStatus(long id, String status) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
            AdminHttp.Response response = api.get("/api/runs/" + id);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            last.set(response.json());
            String now = last.get().get("status").asString();
            assertThat(now).as(response.toString()).isIn("STARTING", "STARTED", "STOPPING", status);
            return now.equals(status);
        });
        return last.get();
    }

    private static void assertProblem(AdminHttp.Response response, int status, String type) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("https://spotdraft-sync.dev/problems/" + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        assertThat(problem.get("instance").asString()).startsWith("/api/");
    }

    private AdminHttp.Response basic(String method, String path) {
        try {
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + ServeContext.port(context) + path))
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + TOKEN).getBytes()))
                    .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build();
            return new AdminHttp.Response(java.net.http.HttpClient.newHttpClient().send(request,
                    java.net.http.HttpResponse.BodyHandlers.ofString()));
        } catch (Exception failure) {
            throw new IllegalStateException(failure);
        }
    }

    private long jobExecutions() {
        Long count = new JdbcTemplate(context.getBean(DataSource.class))
                .queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class);
        return count == null ? 0 : count;
    }
}
