package io.spotdraftsync.sandbox;

import static io.spotdraftsync.sandbox.SandboxHttp.V21;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.spotdraftsync.webhook.WebhookSignature;
import tools.jackson.databind.JsonNode;

/** Signed webhooks on every change, in each delivery mode. */
class WebhookDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final WebhookReceiver receiver = new WebhookReceiver();
    private SpotDraftSandbox sandbox;

    @BeforeEach
    void clean() {
        sandbox = null;
    }

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
        receiver.close();
    }

    private void start(WebhookDeliverySettings.Builder delivery) {
        sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(60).seed(3).requestsPerSecond(0)
                .webhooks(delivery.target(receiver.url()).build()).build());
    }

    @Test
    void everyChangeSendsOneWebhookSignedWithTheServedKey() {
        start(WebhookDeliverySettings.builder());
        String id = sandbox.createContract();
        sandbox.renameContract(id);
        sandbox.editKeyPointers(id);
        sandbox.advanceStatus(id);
        sandbox.uploadNewVersion(id);
        sandbox.deleteContract(id);
        sandbox.restoreContract(id);

        await().atMost(WAIT).until(() -> receiver.deliveries().size() == 7);
        WebhookSignature signature = WebhookSignature.fromBase64Key(new SandboxHttp(sandbox)
                .getJson(V21 + "/webhooks/hmac_key/").path("hmac_key").asString());
        List<WebhookReceiver.Delivery> deliveries = receiver.deliveries();
        assertThat(deliveries).allMatch(delivery -> signature.verify(delivery.body(), delivery.signature()));
        assertThat(deliveries).extracting(WebhookReceiver.Delivery::activity).containsExactly("CONTRACT_CREATED",
                "CONTRACT_DATA_UPDATED", "CONTRACT_KEY_POINTER_UPDATION", deliveries.get(3).activity(),
                "CONTRACT_VERSION_UPLOADED", "CONTRACT_DELETED", "CONTRACT_DATA_UPDATED");
        assertThat(deliveries.get(3).activity()).isIn("CONTRACT_SENT_TO_COUNTERPARTY", "CONTRACT_DATA_UPDATED",
                "CONTRACT_VOIDED");

        SandboxContract contract = sandbox.contract(id);
        JsonNode last = deliveries.get(6).json();
        assertThat(last.path("contract_id").longValue()).isEqualTo(contract.numericId());
        assertThat(last.path("contract_title").asString()).isEqualTo(contract.name());
        assertThat(last.path("contract_kind").asString()).isEqualTo("TEMPLATE_CONTRACT");
        assertThat(Instant.parse(last.path("activity_data").path("timestamp").asString())).isEqualTo(contract.lastUpdated());
        assertThat(last.path("activity_data").path("performed_by").path("name").asString()).isNotBlank();
        assertThat(deliveries.get(0).headers().getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(sandbox.stats().webhooksSent()).isEqualTo(7);
    }

    @Test
    void disabledDeliverySendsNothing() {
        start(WebhookDeliverySettings.builder().enabled(false));
        sandbox.mutate(5);

        assertThat(sandbox.stats().webhooksDropped()).isEqualTo(5);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> receiver.deliveries().isEmpty());
    }

    @Test
    void lossyDeliveryDropsSomeAndSendsTheRest() {
        start(WebhookDeliverySettings.builder().lossProbability(0.5));
        sandbox.mutate(40);

        long dropped = sandbox.stats().webhooksDropped();
        assertThat(dropped).isBetween(5L, 35L);
        await().atMost(WAIT).until(() -> receiver.deliveries().size() == 40 - dropped);
        assertThat(sandbox.stats().webhooksSent()).isEqualTo(40 - dropped);
    }

    @Test
    void duplicatedDeliverySendsTheSameBodyTwice() {
        start(WebhookDeliverySettings.builder().duplicateProbability(1));
        sandbox.mutate(5);

        await().atMost(WAIT).until(() -> receiver.deliveries().size() == 10);
        Map<String, Long> copies = receiver.deliveries().stream()
                .collect(Collectors.groupingBy(delivery -> new String(delivery.body()), Collectors.counting()));
        assertThat(copies).hasSize(5).allSatisfy((body, count) -> assertThat(count).isEqualTo(2));
    }

    @Test
    void reorderedDeliveryShufflesButLosesNothing() {
        start(WebhookDeliverySettings.builder().reorder(true));
        sandbox.mutate(13);

        await().atMost(WAIT).until(() -> receiver.deliveries().size() == 13);
        List<Instant> arrivalOrder = receiver.deliveries().stream()
                .map(delivery -> Instant.parse(delivery.json().path("activity_data").path("timestamp").asString()))
                .toList();
        assertThat(arrivalOrder).doesNotHaveDuplicates().isNotEqualTo(arrivalOrder.stream().sorted().toList());
    }

    @Test
    void settingsCanChangeAtRuntimeAndAnUnreachableReceiverCountsAsFailed() {
        start(WebhookDeliverySettings.builder());
        sandbox.setWebhookDelivery(WebhookDeliverySettings.builder().target(URI.create("http://127.0.0.1:1/down")).build());
        sandbox.mutate(2);

        await().atMost(WAIT).until(() -> sandbox.stats().webhooksFailed() == 2);
        assertThat(receiver.deliveries()).as("the receiver given by settings was replaced").isEmpty();

        sandbox.registerWebhookTarget(receiver.url());
        sandbox.setWebhookDelivery(WebhookDeliverySettings.defaults());
        sandbox.mutate(1);
        await().atMost(WAIT).until(() -> receiver.deliveries().size() == 1);
    }

    @Test
    void aWebhookRegisteredThroughTheApiReceivesItsActivities() {
        start(WebhookDeliverySettings.builder());
        // only the receiver registered below remains
        sandbox.setWebhookDelivery(WebhookDeliverySettings.defaults());
        SandboxHttp http = new SandboxHttp(sandbox);

        HttpResponse<byte[]> created = http.post(V21 + "/webhooks/", """
                {"title": "deletions", "url": "%s", "only_for_activities": ["CONTRACT_DELETED"],
                 "custom_headers": {"X-Team": "data"}}""".formatted(receiver.url()));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode webhook = SandboxHttp.json(created);
        assertThat(webhook.path("id").isIntegralNumber()).isTrue();
        assertThat(webhook.path("status").asString()).isEqualTo("ACTIVE");

        String deleted = sandbox.contracts().get(1).compositeId();
        sandbox.renameContract(sandbox.contracts().get(0).compositeId());
        sandbox.deleteContract(deleted);

        await().atMost(WAIT).until(() -> receiver.deliveries().size() == 1);
        WebhookReceiver.Delivery delivery = receiver.deliveries().get(0);
        assertThat(delivery.activity()).isEqualTo("CONTRACT_DELETED");
        assertThat(delivery.headers().getFirst("X-Team")).isEqualTo("data");

        assertThat(http.post(V21 + "/webhooks/", "{\"url\": \"" + receiver.url() + "\"}").statusCode()).isEqualTo(400);
        assertThat(http.post(V21 + "/webhooks/", "{\"title\": \"t\", \"url\": \"ftp://x\", "
                + "\"only_for_activities\": [\"CONTRACT_CREATED\"]}").statusCode()).isEqualTo(400);
    }

    @Test
    void reTriggerLatestResendsTheSameBytes() {
        start(WebhookDeliverySettings.builder());
        SandboxContract contract = sandbox.contracts().get(2);
        sandbox.renameContract(contract.compositeId());
        await().atMost(WAIT).until(() -> receiver.deliveries().size() == 1);

        HttpResponse<byte[]> retriggered = new SandboxHttp(sandbox).post(V21 + "/contracts/webhooks/re_trigger_latest/",
                "{\"contract_ids\": [" + contract.numericId() + "]}");

        assertThat(retriggered.statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> receiver.deliveries().size() == 2);
        assertThat(receiver.deliveries().get(1).body()).isEqualTo(receiver.deliveries().get(0).body());
        assertThat(new SandboxHttp(sandbox).post(V21 + "/contracts/webhooks/re_trigger_latest/",
                "{\"contract_ids\": [987654]}").statusCode()).isEqualTo(404);
    }

    @Test
    void theMutationDriverChangesContractsInTheBackground() {
        sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(60).requestsPerSecond(0)
                .mutationsPerSecond(50).webhooks(WebhookDeliverySettings.builder().target(receiver.url()).build())
                .build());

        await().atMost(WAIT).until(() -> receiver.deliveries().size() >= 10);
        Map<String, Long> activities = receiver.deliveries().stream()
                .collect(Collectors.groupingBy(WebhookReceiver.Delivery::activity, Collectors.counting()));
        assertThat(activities.size()).isGreaterThan(2);
        assertThat(sandbox.contracts().stream().map(SandboxContract::lastUpdated).max(Comparator.naturalOrder())
                .orElseThrow()).isAfter(ContractFactory.HISTORY_END);
    }
}
