package io.spotdraftsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * No {@code sync.webhook.hmac-key}: the receiver of the real {@code serve} context fetches the key from the
 * (sandbox) API at the first delivery, once, and verifies what the sandbox signs and sends.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookFetchedKeyTest {

    private static final String KEY_ENDPOINT = "GET /api/v2.1/public/webhooks/hmac_key/";

    @TempDir
    static Path work;
    private static SpotDraftSandbox sandbox;
    private static ServeContext serve;

    @BeforeAll
    static void start() {
        sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(20).seed(4).requestsPerSecond(0).build());
        serve = ServeContext.start(sandbox, work, Map.of());
    }

    @AfterAll
    static void stop() {
        if (serve != null) {
            serve.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    @Order(1)
    void theKeyIsFetchedOnceAtTheFirstDeliveryAndTheSandboxesSignaturesVerify() throws Exception {
        assertThat(serve.bean(WebhookEndpoint.class).receivers().values().iterator().next().keys().fetchesKey()).isTrue();
        assertThat(sandbox.stats().requests(KEY_ENDPOINT)).as("lazily: nothing fetched at start").isZero();

        for (int i = 0; i < 5; i++) {
            byte[] body = Deliveries.event("CONTRACT_CREATED", 900 + i, Instant.parse("2026-02-01T08:00:00Z"));
            assertThat(serve.post(body, Deliveries.sign(sandbox.hmacKeyBase64(), body)).statusCode()).isEqualTo(202);
        }

        assertThat(sandbox.stats().requests(KEY_ENDPOINT)).isEqualTo(1);
        assertThat(serve.rows()).isEqualTo(5);
    }

    @Test
    @Order(2)
    void forgedSignaturesAreRefusedWithoutFetchingTheKeyAgainWithinTheInterval() throws Exception {
        long rowsBefore = serve.rows();
        for (int i = 0; i < 10; i++) {
            byte[] body = Deliveries.event("CONTRACT_DELETED", 950 + i, Instant.parse("2026-02-01T08:00:00Z"));
            assertThat(serve.post(body, Deliveries.sign(Deliveries.newKey(), body)).statusCode()).isEqualTo(401);
        }

        assertThat(serve.rows()).isEqualTo(rowsBefore);
        assertThat(sandbox.stats().requests(KEY_ENDPOINT)).as("at most one fetch per key-refresh-interval (5m)")
                .isEqualTo(1);
    }

    @Test
    @Order(3)
    void theSandboxesOwnWebhooksAreStored() {
        long rowsBefore = serve.rows();
        sandbox.registerWebhookTarget(serve.endpoint());

        List<String> changed = sandbox.mutate(6);

        assertThat(changed).hasSize(6);
        await().atMost(Duration.ofSeconds(20)).until(() -> sandbox.stats().webhooksSent() == 6);
        // each delivery was stored before it was answered, and the sandbox counts answered deliveries
        assertThat(serve.rows()).isEqualTo(rowsBefore + 6);
        assertThat(serve.deliveries("invalid-signature")).isEqualTo(10);
        assertThat(serve.jdbc().queryForList("SELECT DISTINCT workspace FROM webhook_inbox", String.class))
                .containsExactly(ServeContext.WORKSPACE);
    }
}
