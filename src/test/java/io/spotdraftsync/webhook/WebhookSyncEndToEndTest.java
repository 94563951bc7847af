package io.spotdraftsync.webhook;

import static io.spotdraftsync.export.ExportEndToEndTest.assertWarehouseEqualsSandbox;
import static io.spotdraftsync.export.ExportEndToEndTest.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import io.spotdraftsync.sandbox.SandboxContract;
import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;
import io.spotdraftsync.sandbox.WebhookDeliverySettings;
import io.spotdraftsync.testsupport.ExportHarness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Webhooks from the sandbox, through the receiver and the inbox, to targeted export runs: the warehouse follows
 * SpotDraft within seconds, whatever the delivery does (duplicates, reordering, a process stopped midway).
 */
class WebhookSyncEndToEndTest {

    @Test
    void fiveHundredMutationsDeliveredWithDuplicatesAndReorderingEndEqualToTheSandbox(@TempDir Path work) throws Exception {
        try (SpotDraftSandbox sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(400).seed(11)
                .requestsPerSecond(0).build())) {
            ExportHarness harness = ExportHarness.against(sandbox, work);
            assertThat(harness.run(true).completed()).isTrue();
            try (ConfigurableApplicationContext serve = harness.startServe()) {
                JdbcTemplate jobs = serve.getBean(JdbcTemplate.class);
                sandbox.setWebhookDelivery(WebhookDeliverySettings.builder().target(ExportHarness.webhookUrl(serve))
                        .duplicateProbability(0.1).reorder(true).build());

                // 500 changes over about ten seconds, as a busy workspace makes them
                mutateSteadily(sandbox, 100, 5, Duration.ofMillis(100));

                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    assertThat(sandbox.stats().webhooksSent()).as("deliveries sent").isGreaterThanOrEqualTo(500);
                    assertThat(pending(jobs)).as("events pending").isZero();
                    assertWarehouseEqualsSandbox(work, sandbox);
                });
                List<String> deleted = sandbox.contracts().stream().filter(SandboxContract::deleted)
                        .map(SandboxContract::compositeId).toList();
                assertThat(count(work, "SELECT count(*) FROM contracts WHERE _deleted")).as("soft-deleted")
                        .isEqualTo(deleted.size());
                Instant lastDelivery = jobs.queryForObject("SELECT max(received_at) FROM webhook_inbox", OffsetDateTime.class).toInstant();
                Instant lastRunEnded = lastWebhookRunEnd(work);
                assertThat(Duration.between(lastDelivery, lastRunEnded)).as("last delivery to the warehouse")
                        .isLessThan(Duration.ofSeconds(10));
                long stored = jobs.queryForObject("SELECT count(*) FROM webhook_inbox", Long.class);
                assertThat(stored).as("duplicates stored once").isLessThan(sandbox.stats().webhooksSent());
                assertThat(count(work, "SELECT count(*) FROM contract_status_history WHERE source = 'webhook'")).isPositive();
            }
        }
    }

    @Test
    void aDuplicateDeliveryIsProcessedOnce(@TempDir Path work) throws Exception {
        try (SpotDraftSandbox sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(30).seed(12)
                .requestsPerSecond(0).build())) {
            ExportHarness harness = ExportHarness.against(sandbox, work);
            assertThat(harness.run(true).completed()).isTrue();
            try (ConfigurableApplicationContext serve = harness.with("sync.webhook.debounce", "300ms").startServe()) {
                JdbcTemplate jobs = serve.getBean(JdbcTemplate.class);
                sandbox.registerWebhookTarget(ExportHarness.webhookUrl(serve));
                SandboxContract renamed = sandbox.contracts().get(3);
                sandbox.renameContract(renamed.compositeId());
                await().atMost(Duration.ofSeconds(30)).until(() -> webhookRuns(jobs) == 1 && pending(jobs) == 0);

                // SpotDraft sends the latest event again: the same body, a genuine duplicate
                serve.getBean(io.spotdraftsync.workspace.Workspaces.class).resolve(null).client().retriggerLatestWebhooks(List.of(renamed.numericId()));
                await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.stats().webhooksSent() >= 2);

                assertThat(jobs.queryForObject("SELECT count(*) FROM webhook_inbox", Long.class)).isEqualTo(1);
                assertThat(pending(jobs)).isZero();
                assertThat(webhookRuns(jobs)).as("one run for one event").isEqualTo(1);
                assertWarehouseEqualsSandbox(work, sandbox);
            }
        }
    }

    @Test
    void eventsLeftPendingByAStoppedProcessAreFinishedByTheNextOne(@TempDir Path work) throws Exception {
        try (SpotDraftSandbox sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(100).seed(13)
                .requestsPerSecond(0).build())) {
            ExportHarness harness = ExportHarness.against(sandbox, work);
            assertThat(harness.run(true).completed()).isTrue();
            List<String> changed;
            // a debounce far beyond the test: events are stored, and no run starts before the process stops
            try (ConfigurableApplicationContext first = harness.with("sync.webhook.debounce", "10m")
                    .with("sync.webhook.max-delay", "10m").startServe()) {
                JdbcTemplate jobs = first.getBean(JdbcTemplate.class);
                sandbox.setWebhookDelivery(WebhookDeliverySettings.builder().target(ExportHarness.webhookUrl(first)).build());
                changed = sandbox.mutate(40);
                await().atMost(Duration.ofSeconds(30)).until(() -> pending(jobs) > 0
                        && sandbox.stats().webhooksSent() + sandbox.stats().webhooksFailed() >= changed.size());
                assertThat(webhookRuns(jobs)).isZero();
                sandbox.setWebhookDelivery(WebhookDeliverySettings.builder().enabled(false).build());
            }
            try (ConfigurableApplicationContext next = harness.with("sync.webhook.debounce", "2s")
                    .with("sync.webhook.max-delay", "10s").startServe()) {
                JdbcTemplate jobs = next.getBean(JdbcTemplate.class);
                await().atMost(Duration.ofSeconds(60)).until(() -> pending(jobs) == 0);
                assertThat(webhookRuns(jobs)).isPositive();
                assertWarehouseEqualsSandbox(work, sandbox);
                assertThat(count(work, "SELECT count(*) FROM contracts WHERE _deleted")).isEqualTo(
                        sandbox.contracts().stream().filter(SandboxContract::deleted).count());
            }
        }
    }

    /** {@code batches} x {@code perBatch} sandbox changes, one batch per {@code period}; returns when all are made. */
    private static void mutateSteadily(SpotDraftSandbox sandbox, int batches, int perBatch, Duration period) throws Exception {
        java.util.concurrent.ScheduledExecutorService pacer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(batches);
        try {
            pacer.scheduleAtFixedRate(() -> {
                if (done.getCount() > 0) {
                    sandbox.mutate(perBatch);
                    done.countDown();
                }
            }, 0, period.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            assertThat(done.await(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        } finally {
            pacer.shutdownNow();
        }
    }

    private static long pending(JdbcTemplate jobs) {
        return jobs.queryForObject("SELECT count(*) FROM webhook_inbox WHERE status = 'pending'", Long.class);
    }

    /** Completed targeted runs, from Spring Batch's own history. */
    private static long webhookRuns(JdbcTemplate jobs) {
        return jobs.queryForObject("SELECT count(*) FROM batch_job_execution e JOIN batch_job_instance i "
                + "ON e.job_instance_id = i.job_instance_id WHERE i.job_name = 'export.webhook' AND e.status = 'COMPLETED'", Long.class);
    }

    private static Instant lastWebhookRunEnd(Path work) throws Exception {
        try (var connection = java.sql.DriverManager.getConnection("jdbc:duckdb:" + work.resolve("warehouse.duckdb").toAbsolutePath(),
                readOnly()); var statement = connection.createStatement();
                var result = statement.executeQuery("SELECT max(ended_at) FROM sync_runs WHERE mode = 'webhook'")) {
            result.next();
            return result.getObject(1, OffsetDateTime.class).toInstant();
        }
    }

    private static java.util.Properties readOnly() {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("duckdb.read_only", "true");
        return properties;
    }
}
