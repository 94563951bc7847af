package io.spotdraftsync.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.spotdraftsync.export.ExportRunner;
import io.spotdraftsync.export.ExportSummary;
import io.spotdraftsync.ops.health.SpotDraftHealthIndicator;
import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;
import io.spotdraftsync.testsupport.ExportHarness;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;

/**
 * The real {@code serve} context after one export of the sandbox: {@code /actuator/prometheus} has every metric the
 * Grafana dashboard reads, with plausible values; readiness checks the job repository, the warehouse, the document
 * store and SpotDraft (at most one API call per interval), goes DOWN naming a broken component while liveness stays
 * UP; the other actuator endpoints need the admin token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ActuatorTest {

    private static final Path DASHBOARD_SCRIPT = Path.of("helm", "grafana", "make_dashboard.py");
    private static final String CONTRACT_TYPES = "GET /api/v2.1/public/contract_types/";
    private static final String WORKSPACE = "acme";

    @TempDir
    static Path work;
    private SpotDraftSandbox sandbox;
    private ConfigurableApplicationContext serve;
    private AdminHttp anonymous;
    private ExportSummary export;

    @BeforeAll
    void startServeAndExportOnce() throws Exception {
        sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(30).seed(21).requestsPerSecond(0).build());
        serve = ExportHarness.against(sandbox, work).startServe();
        anonymous = new AdminHttp(ExportHarness.port(serve), null);
        ExportRunner.Outcome outcome = serve.getBean(ExportRunner.class).run(null, true, "test");
        assertThat(outcome.completed()).isTrue();
        export = outcome.summary();
        // the export read the contract types itself: count only what the health checks call from here on
        sandbox.resetStats();
    }

    @AfterAll
    void stop() {
        if (serve != null) {
            serve.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    @Order(1)
    void readinessListsItsFourComponentsAndCallsSpotDraftOncePerInterval() {
        for (int i = 0; i < 5; i++) {
            assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(readiness().get("components").get("spotDraft").get("status").asString()).isEqualTo("UP"));
        for (int i = 0; i < 5; i++) {
            anonymous.get("/actuator/health/readiness");
        }

        AdminHttp.Response response = anonymous.get("/actuator/health/readiness");
        assertThat(response.status()).isEqualTo(200);
        JsonNode health = response.json();
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(componentStatuses(health)).containsExactlyInAnyOrderEntriesOf(Map.of("readinessState", "UP",
                "jobRepository", "UP", "warehouse", "UP", "documentStore", "UP", "spotDraft", "UP"));
        // statuses only: the reasons and locations stay in the log
        assertThat(health.get("components").get("warehouse").has("details")).isFalse();
        assertThat(sandbox.stats().requests(CONTRACT_TYPES)).as("SpotDraft calls of 12+ health requests").isEqualTo(1);
    }

    @Test
    @Order(2)
    void prometheusHasEveryMetricOfTheDashboardWithTheWorkspaceLabel() throws IOException {
        AdminHttp.Response response = anonymous.get("/actuator/prometheus");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<Sample> samples = Sample.parse(response.body());

        Map<String, String> dashboard = dashboardMetrics();
        assertThat(dashboard).hasSizeGreaterThanOrEqualTo(12);
        dashboard.forEach((key, name) -> assertThat(samples)
                .as("%s (%s) with workspace=\"%s\"", name, key, WORKSPACE)
                .anyMatch(sample -> sample.isOf(name) && WORKSPACE.equals(sample.labels().get("workspace"))));

        Map<String, String> exportJob = Map.of("workspace", WORKSPACE, "sync_job", "export");
        assertThat(value(samples, "sync_contracts_read_total", exportJob)).isEqualTo(export.contractsRead()).isEqualTo(30);
        assertThat(value(samples, "sync_contracts_written_total", exportJob)).isEqualTo(export.contractsWritten());
        assertThat(value(samples, "sync_contracts_skipped_total", exportJob)).isEqualTo(export.contractsUnchanged());
        assertThat(value(samples, "sync_contracts_read_total", Map.of("workspace", WORKSPACE, "sync_job", "reconcile")))
                .as("registered at zero before any reconcile").isZero();
        assertThat(value(samples, "sync_warehouse_load_seconds_count", exportJob)).isEqualTo(1);
        assertThat(value(samples, "sync_document_bytes_total", Map.of("workspace", WORKSPACE)))
                .isEqualTo(export.documentBytes()).isPositive();
        assertThat(value(samples, "sync_freshness_seconds", exportJob)).isBetween(0.0, 600.0);
        assertThat(value(samples, "sync_freshness_seconds", Map.of("workspace", WORKSPACE, "sync_job", "reconcile")))
                .as("no reconcile yet").isNaN();
        assertThat(samples.stream().filter(s -> s.name().equals("spotdraft_api_requests_seconds_count")
                && WORKSPACE.equals(s.labels().get("workspace"))).mapToDouble(Sample::value).sum())
                .as("API requests: the export's, and the health check's one")
                .isGreaterThanOrEqualTo(export.apiCalls());
        assertThat(value(samples, "sync_webhook_deliveries_total", Map.of("workspace", WORKSPACE, "outcome", "valid"))).isZero();
    }

    @Test
    @Order(3)
    void livenessAndTheScrapeNeedNoTokenAndEveryOtherActuatorEndpointDoes() {
        AdminHttp.Response liveness = anonymous.get("/actuator/health/liveness");
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(componentStatuses(liveness.json())).containsOnlyKeys("livenessState");

        assertThat(anonymous.get("/actuator").status()).isEqualTo(401);
        assertThat(anonymous.get("/actuator/env").status()).isEqualTo(401);
        AdminHttp.Response discovery = anonymous.withToken(ExportHarness.ADMIN_TOKEN).get("/actuator");
        assertThat(discovery.status()).isEqualTo(200);
        assertThat(discovery.json().get("_links").propertyNames()).contains("health", "prometheus").doesNotContain("env", "beans");
    }

    @Test
    @Order(4)
    void anUnreachableSpotDraftKeepsThePodReady() {
        Status aggregate = serve.getBean(StatusAggregator.class).getAggregateStatus(
                Set.of(Status.UP, SpotDraftHealthIndicator.UNREACHABLE));
        assertThat(aggregate).isEqualTo(Status.UP);
        assertThat(serve.getBean(HttpCodeStatusMapper.class).getStatusCode(SpotDraftHealthIndicator.UNREACHABLE)).isEqualTo(200);
    }

    @Test
    @Order(5)
    void aBrokenDocumentStoreOrWarehouseMakesThePodNotReadyButStillLive() throws IOException {
        Path documents = work.resolve("documents");
        Path aside = work.resolve("documents-aside");
        Files.move(documents, aside);
        Files.writeString(documents, "a file where the document directory should be");
        assertNotReadyBecauseOf("documentStore");

        Files.delete(documents);
        Files.move(aside, documents);
        assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);

        Files.delete(work.resolve("warehouse.duckdb"));
        Files.deleteIfExists(work.resolve("warehouse.duckdb.wal"));
        assertNotReadyBecauseOf("warehouse");
    }

    private void assertNotReadyBecauseOf(String component) {
        AdminHttp.Response readiness = anonymous.get("/actuator/health/readiness");
        assertThat(readiness.status()).as(readiness.toString()).isEqualTo(503);
        assertThat(readiness.json().get("status").asString()).isEqualTo("DOWN");
        Map<String, String> statuses = componentStatuses(readiness.json());
        assertThat(statuses).containsEntry(component, "DOWN");
        statuses.forEach((name, status) -> {
            if (!name.equals(component)) {
                assertThat(status).as(name).isIn("UP", "UNREACHABLE");
            }
        });

        AdminHttp.Response liveness = anonymous.get("/actuator/health/liveness");
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().get("status").asString()).isEqualTo("UP");
    }

    private JsonNode readiness() {
        return anonymous.get("/actuator/health/readiness").json();
    }

    private static Map<String, String> componentStatuses(JsonNode health) {
        Map<String, String> statuses = new LinkedHashMap<>();
        health.get("components").properties().forEach(entry -> statuses.put(entry.getKey(), entry.getValue().get("status").asString()));
        return statuses;
    }

    /** The METRICS table of make_dashboard.py, the one place of the dashboard's metric names. */
    static Map<String, String> dashboardMetrics() throws IOException {
        String script = Files.readString(DASHBOARD_SCRIPT);
        Matcher table = Pattern.compile("(?s)\\nMETRICS = \\{(.*?)\\n\\}").matcher(script);
        assertThat(table.find()).as("METRICS in " + DASHBOARD_SCRIPT).isTrue();
        Map<String, String> metrics = new LinkedHashMap<>();
        Matcher entry = Pattern.compile("\"(\\w+)\":\\s*\"(\\w+)\"").matcher(table.group(1));
        while (entry.find()) {
            metrics.put(entry.group(1), entry.group(2));
        }
        return metrics;
    }

    private static double value(List<Sample> samples, String name, Map<String, String> labels) {
        List<Sample> matching = samples.stream().filter(s -> s.name().equals(name)
                && s.labels().entrySet().containsAll(labels.entrySet())).toList();
        assertThat(matching).as("%s%s", name, labels).hasSize(1);
        return matching.get(0).value();
    }

    /** One line of the Prometheus text format. */
    record Sample(String name, Map<String, String> labels, double value) {

        private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? (\\S+)$");
        private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

        static List<Sample> parse(String text) {
            List<Sample> samples = new ArrayList<>();
            for (String line : text.split("\n")) {
                Matcher matcher = LINE.matcher(line);
                if (line.startsWith("#") || !matcher.matches()) {
                    continue;
                }
                Map<String, String> labels = new LinkedHashMap<>();
                if (matcher.group(2) != null) {
                    Matcher label = LABEL.matcher(matcher.group(2));
                    while (label.find()) {
                        labels.put(label.group(1), label.group(2));
                    }
                }
                String number = matcher.group(3).replace("+Inf", "Infinity").replace("-Inf", "-Infinity");
                samples.add(new Sample(matcher.group(1), labels, Double.parseDouble(number)));
            }
            return samples;
        }

        /** This sample belongs to a dashboard name: the name itself, or a timer's {@code _count}, {@code _sum}, {@code _max}. */
        boolean isOf(String dashboardName) {
            return name.equals(dashboardName) || name.equals(dashboardName + "_count") || name.equals(dashboardName + "_sum")
                    || name.equals(dashboardName + "_max");
        }
    }
}
