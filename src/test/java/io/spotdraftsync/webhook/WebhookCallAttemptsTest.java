package io.spotdraftsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.spotdraftsync.export.ExportRunner;
import io.spotdraftsync.sandbox.SandboxContract;
import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;
import io.spotdraftsync.testsupport.ExportHarness;
import io.spotdraftsync.testsupport.RecordingProxy;
import io.spotdraftsync.warehouse.StoredContract;
import io.spotdraftsync.warehouse.Warehouse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which runs retry an API call how often: a list-based export makes {@code spotdraft.retry.max-attempts} (8)
 * attempts of a call that keeps failing, a webhook's run only {@code sync.webhook.per-call-attempts} (3), since the
 * event's own attempts are its retry; and that narrow budget still gets past a single 5xx, so the event is done at
 * its first attempt.
 */
class WebhookCallAttemptsTest {

    private static final String KEY_POINTERS = "/api/v2.1/public/contracts/%s/key_pointers";

    @Test
    void aWebhookRunRetriesEachCallLessThanAnExportAndStillGetsPastATransientFault(@TempDir Path work) throws Exception {
        try (SpotDraftSandbox sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(30).seed(71)
                .requestsPerSecond(0).build());
                RecordingProxy api = new RecordingProxy(sandbox.baseUrl())) {
            // an event whose attempt failed is not tried again within the test: each figure is one attempt's
            ExportHarness harness = ExportHarness.against(sandbox, work).with("spotdraft.base-url", api.baseUrl())
                    .with("sync.webhook.retry-delay", "1h").with("sync.webhook.max-retry-delay", "1h");
            List<SandboxContract> contracts = sandbox.contracts();
            SandboxContract failing = contracts.get(3);
            SandboxContract flaky = contracts.get(4);
            String failingPath = KEY_POINTERS.formatted(failing.compositeId());
            String flakyPath = KEY_POINTERS.formatted(flaky.compositeId());
            sandbox.failPathAlways(failingPath, 500);

            // a full export: every attempt of spotdraft.retry.max-attempts, then the contract is skipped
            ExportRunner.Outcome export = harness.run(true);
            assertThat(export.completed()).isTrue();
            assertThat(export.summary().failedContracts()).containsOnlyKeys(failing.compositeId());
            List<Integer> exportAnswers = answers(api, 0, failingPath);
            assertThat(exportAnswers).hasSize(8).containsOnly(500);

            try (ConfigurableApplicationContext serve = harness.startServe()) {
                JdbcTemplate jobs = serve.getBean(JdbcTemplate.class);
                Warehouse warehouse = serve.getBean(Warehouse.class);
                sandbox.registerWebhookTarget(ExportHarness.webhookUrl(serve));

                // a webhook's run: sync.webhook.per-call-attempts, then the event counts a failed attempt
                int beforeFailing = api.exchanges().size();
                sandbox.renameContract(failing.compositeId());
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                        .until(() -> event(jobs, failing).get("attempts").equals(1));
                List<Integer> webhookAnswers = answers(api, beforeFailing, failingPath);
                assertThat(webhookAnswers).hasSize(3).containsOnly(500);
                assertThat(event(jobs, failing).get("status")).isEqualTo("pending");
                assertThat((String) event(jobs, failing).get("last_error")).contains("key_pointers").contains("3 attempts");

                // one 503, then the call succeeds at its retry: the event is done at its first attempt
                sandbox.failPathTimes(flakyPath, 503, 1);
                int beforeFlaky = api.exchanges().size();
                sandbox.renameContract(flaky.compositeId());
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                        .until(() -> "done".equals(event(jobs, flaky).get("status")));
                assertThat(storedName(warehouse, flaky)).isEqualTo(sandbox.contract(flaky.compositeId()).name());
                Map<String, Object> flakyEvent = event(jobs, flaky);
                assertThat(flakyEvent.get("attempts")).isEqualTo(0);
                assertThat(flakyEvent.get("last_error")).isNull();
                List<Integer> flakyAnswers = answers(api, beforeFlaky, flakyPath);
                assertThat(flakyAnswers).containsExactly(503, 200);

                System.out.printf("per-call attempts: a key-pointer call that always answers 500 was tried %d times by a full "
                        + "export and %d times by a webhook's run; a single 503 on a webhook's run: %s, event done at attempt 1%n",
                        exportAnswers.size(), webhookAnswers.size(), flakyAnswers);
            }
        }
    }

    /** The statuses answered to the requests to this path since exchange {@code from}, in order. */
    private static List<Integer> answers(RecordingProxy api, int from, String path) {
        List<RecordingProxy.Exchange> exchanges = api.exchanges();
        return exchanges.subList(from, exchanges.size()).stream().filter(exchange -> exchange.path().equals(path))
                .map(RecordingProxy.Exchange::status).toList();
    }

    private static Map<String, Object> event(JdbcTemplate jobs, SandboxContract contract) {
        List<Map<String, Object>> events = jobs.queryForList(
                "SELECT status, attempts, last_error FROM webhook_inbox WHERE contract_id = ? ORDER BY id", contract.numericId());
        assertThat(events).as("events of %s", contract.compositeId()).hasSize(1);
        Map<String, Object> event = new java.util.HashMap<>();
        events.get(0).forEach((column, value) -> event.put(column.toLowerCase(java.util.Locale.ROOT), value));
        return event;
    }

    private static String storedName(Warehouse warehouse, SandboxContract contract) {
        return warehouse.storedContract(ServeContext.WORKSPACE, contract.compositeId()).map(StoredContract::contractName)
                .orElse(null);
    }
}
