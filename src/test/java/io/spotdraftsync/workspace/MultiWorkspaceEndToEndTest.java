package io.spotdraftsync.workspace;

import static io.spotdraftsync.export.ExportEndToEndTest.assertWarehouseEqualsSandbox;
import static io.spotdraftsync.export.ExportEndToEndTest.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.spotdraftsync.export.ExportRunner;
import io.spotdraftsync.jobs.JobRuns;
import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;
import io.spotdraftsync.testsupport.ExportHarness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two SpotDraft workspaces (a UAT and a production one, each its own sandbox with overlapping contract ids) in one
 * deployment: each keeps its own rows, documents, runs, budget and webhooks.
 */
class MultiWorkspaceEndToEndTest {

    @Test
    void aSlowWorkspaceNeverHoldsUpAnotherAndEachKeepsItsOwnRowsAndDocuments(@TempDir Path work) throws Exception {
        try (SpotDraftSandbox uat = SpotDraftSandbox.start(SandboxSettings.builder().contracts(40).seed(21).requestsPerSecond(0).build());
                SpotDraftSandbox prod = SpotDraftSandbox.start(SandboxSettings.builder().contracts(60).seed(22).requestsPerSecond(0).build())) {
            ExportHarness harness = ExportHarness.against(uat, work).workspaces(sandboxes(uat, prod))
                    // uat's budget is 2 requests/s: its full export takes about a minute
                    .with("sync.workspaces.uat.requests-per-second", 2)
                    .with("sync.workspaces.uat.document-prefix", "spotdraft/uat-documents")
                    .with("sync.workspaces.prod.requests-per-second", 2_000)
                    // chunks of 5: a stopped run ends at its next chunk, a few seconds away
                    .with("spotdraft.page-size", 5);
            try (ConfigurableApplicationContext context = harness.start()) {
                JobRuns runs = context.getBean(JobRuns.class);
                JobExecution slow = runs.submit("export", Map.of("workspace", "uat", "full", "true"), "test");
                await().atMost(Duration.ofSeconds(30)).until(() -> uat.stats().requestsServed() > 0);

                ExportRunner.Outcome fast = context.getBean(ExportRunner.class).run("prod", true, "test");

                assertThat(fast.completed()).isTrue();
                assertThat(fast.summary().contractsWritten()).isEqualTo(60);
                assertThat(runs.execution(slow.getId()).orElseThrow().getStatus())
                        .as("uat's run, waiting on its own budget, is still going when prod's is done").isEqualTo(BatchStatus.STARTED);
                assertWarehouseEqualsSandbox(work, prod, "prod");

                runs.stop(slow.getId());
                await().atMost(Duration.ofSeconds(60)).until(() -> !runs.inFlight(slow.getId()));
                assertThat(runs.execution(slow.getId()).orElseThrow().getStatus()).isEqualTo(BatchStatus.STOPPED);
            }
            long uatRows = count(work, "SELECT count(*) FROM contracts WHERE workspace = 'uat'");
            assertThat(uatRows).as("uat rows committed before the stop").isBetween(1L, 39L);
            assertThat(count(work, "SELECT count(*) FROM contracts WHERE workspace = 'prod'")).isEqualTo(60);
            assertThat(count(work, "SELECT count(*) FROM sync_runs WHERE workspace = 'prod' AND outcome = 'COMPLETED'")).isEqualTo(1);
            assertThat(files(work.resolve("documents/prod"))).isEqualTo(60);
            assertThat(files(work.resolve("documents/spotdraft/uat-documents"))).isPositive();
            assertThat(work.resolve("documents/uat")).doesNotExist();

            // the stopped run resumes for uat alone, and prod's watermark is untouched by it
            try (ConfigurableApplicationContext context = harness.with("sync.workspaces.uat.requests-per-second", 2_000).start()) {
                ExportRunner.Outcome resumed = context.getBean(ExportRunner.class).run("uat", true, "test");
                assertThat(resumed.completed()).isTrue();
            }
            assertWarehouseEqualsSandbox(work, uat, "uat");
            assertWarehouseEqualsSandbox(work, prod, "prod");
            java.util.Set<String> shared = ids(uat);
            shared.retainAll(ids(prod));
            assertThat(shared).as("ids both sandboxes use").isNotEmpty();
            assertThat(count(work, "SELECT count(*) FROM contracts c JOIN contracts d ON c.contract_id = d.contract_id "
                    + "WHERE c.workspace = 'uat' AND d.workspace = 'prod'")).as("the same ids in both, kept apart")
                    .isEqualTo(shared.size());
        }
    }

    private static java.util.Set<String> ids(SpotDraftSandbox sandbox) {
        return sandbox.contracts().stream().map(io.spotdraftsync.sandbox.SandboxContract::compositeId)
                .collect(java.util.stream.Collectors.toCollection(java.util.HashSet::new));
    }

    @Test
    void eachWorkspaceReceivesItsOwnWebhooksAtItsOwnPath(@TempDir Path work) throws Exception {
        try (SpotDraftSandbox uat = SpotDraftSandbox.start(SandboxSettings.builder().contracts(30).seed(31).requestsPerSecond(0).build());
                SpotDraftSandbox prod = SpotDraftSandbox.start(SandboxSettings.builder().contracts(30).seed(32).requestsPerSecond(0).build())) {
            ExportHarness harness = ExportHarness.against(uat, work).workspaces(sandboxes(uat, prod))
                    .with("sync.workspaces.uat.requests-per-second", 2_000)
                    .with("sync.workspaces.prod.requests-per-second", 2_000)
                    .with("sync.webhook.debounce", "300ms");
            try (ConfigurableApplicationContext serve = harness.startServe()) {
                ExportRunner runner = serve.getBean(ExportRunner.class);
                assertThat(runner.run("uat", true, "test").completed()).isTrue();
                assertThat(runner.run("prod", true, "test").completed()).isTrue();
                URI base = ExportHarness.webhookUrl(serve);
                uat.registerWebhookTarget(URI.create(base + "/uat"));
                prod.registerWebhookTarget(URI.create(base + "/prod"));

                uat.mutate(15);
                prod.mutate(15);

                JdbcTemplate jobs = serve.getBean(JdbcTemplate.class);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    assertThat(jobs.queryForObject("SELECT count(*) FROM webhook_inbox WHERE status = 'pending'", Long.class)).isZero();
                    assertWarehouseEqualsSandbox(work, uat, "uat");
                    assertWarehouseEqualsSandbox(work, prod, "prod");
                });
                assertThat(jobs.queryForList("SELECT DISTINCT workspace FROM webhook_inbox", String.class))
                        .containsExactlyInAnyOrder("uat", "prod");

                HttpClient http = HttpClient.newHttpClient();
                // the admin API shows the worker's targeted runs with their workspace and counts
                String runs = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ExportHarness.port(serve)
                        + "/api/runs?job=export.webhook&limit=200")).header("Authorization", "Bearer " + ExportHarness.ADMIN_TOKEN)
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                tools.jackson.databind.JsonNode listed = io.spotdraftsync.spotdraft.SpotDraftClient.jsonMapper().readTree(runs).get("runs");
                assertThat(listed.size()).isPositive();
                java.util.Set<String> runWorkspaces = new java.util.HashSet<>();
                long written = 0;
                for (tools.jackson.databind.JsonNode run : listed) {
                    runWorkspaces.add(run.get("workspace").asString());
                    written += run.get("counts").get("contractsWritten").asLong();
                    assertThat(run.get("apiCalls").asLong()).isPositive();
                }
                assertThat(runWorkspaces).containsExactlyInAnyOrder("uat", "prod");
                assertThat(written).as("contracts written by webhook runs").isPositive();

                // every metric carries its workspace
                String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ExportHarness.port(serve)
                        + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
                for (String workspace : java.util.List.of("uat", "prod")) {
                    for (String metric : java.util.List.of("spotdraft_api_requests_seconds_count", "sync_contracts_written_total",
                            "sync_freshness_seconds", "sync_webhook_deliveries_total", "sync_webhook_inbox_lag_seconds",
                            "sync_document_bytes_total")) {
                        assertThat(metrics.lines().filter(line -> line.startsWith(metric + "{"))
                                .anyMatch(line -> line.contains("workspace=\"" + workspace + "\"")))
                                .as("%s of workspace %s", metric, workspace).isTrue();
                    }
                }

                // the bare path names no workspace when there are several; a body signed with uat's key is not prod's
                String body = "{\"activity\":\"CONTRACT_DATA_UPDATED\",\"contract_id\":1,\"activity_data\":{\"timestamp\":\"2026-01-05T10:00:00Z\"}}";
                String uatSignature = io.spotdraftsync.webhook.WebhookSignature.fromBase64Key(uat.hmacKeyBase64())
                        .sign(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                assertThat(post(http, base, body, uatSignature).statusCode()).isEqualTo(404);
                assertThat(post(http, URI.create(base + "/prod"), body, uatSignature).statusCode()).isEqualTo(401);
                assertThat(post(http, URI.create(base + "/staging"), body, uatSignature).statusCode()).isEqualTo(404);
                assertThat(post(http, URI.create(base + "/uat"), body, uatSignature).statusCode()).isBetween(200, 202);
            }
        }
    }

    private static Map<String, SpotDraftSandbox> sandboxes(SpotDraftSandbox uat, SpotDraftSandbox prod) {
        Map<String, SpotDraftSandbox> sandboxes = new LinkedHashMap<>();
        sandboxes.put("uat", uat);
        sandboxes.put("prod", prod);
        return sandboxes;
    }

    private static HttpResponse<String> post(HttpClient http, URI url, String body, String signature) throws Exception {
        return http.send(HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .header("X-SD-WEBHOOK-CONTENT-HASH", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long files(Path directory) throws Exception {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> all = Files.walk(directory)) {
            return all.filter(Files::isRegularFile).filter(path -> path.toString().endsWith(".pdf")).count();
        }
    }
}
