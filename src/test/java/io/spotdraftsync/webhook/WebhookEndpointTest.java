package io.spotdraftsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

/**
 * The answers that need a broken dependency, which the end-to-end tests cannot make: an inbox that cannot be
 * written and a key that cannot be fetched are 503 with {@code Retry-After}, counted as {@code unavailable}.
 */
class WebhookEndpointTest {

    private static final String KEY = Deliveries.newKey();
    private static final byte[] BODY = Deliveries.event("CONTRACT_EXECUTED", 42, Instant.parse("2026-01-05T10:00:00Z"));

    private static final WebhookEndpoint.Limits LIMITS = new WebhookEndpoint.Limits(1024 * 1024, 64, Duration.ofSeconds(10));

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final WebhookMetrics metrics = new WebhookMetrics(registry, "acme");

    private static WebhookProperties properties(String key) {
        return new WebhookProperties(key, null, DataSize.ofMegabytes(1), Duration.ofMinutes(5), Duration.ofSeconds(2),
                Duration.ofSeconds(10), 200, Duration.ofSeconds(5), 64, Duration.ofSeconds(10), Duration.ofSeconds(5),
                Duration.ofSeconds(5), 5, 3, Duration.ofMinutes(10), Duration.ofDays(30));
    }

    /** An H2 database without the inbox table: every INSERT fails. */
    private static WebhookInbox brokenInbox() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:no-inbox-" + System.nanoTime());
        return new WebhookInbox(new JdbcTemplate((DataSource) dataSource));
    }

    private MockHttpServletResponse post(WebhookEndpoint endpoint, String signature) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", WebhookEndpoint.PATH);
        request.setContent(BODY);
        request.addHeader(WebhookSignature.HEADER, signature);
        MockHttpServletResponse response = new MockHttpServletResponse();
        endpoint.service(request, response);
        return response;
    }

    private double unavailable() {
        return registry.get(WebhookMetrics.DELIVERIES).tag("outcome", "unavailable").counter().count();
    }

    @Test
    void anInboxThatCannotBeWrittenIs503AndNot2xx() throws Exception {
        WebhookEndpoint endpoint = new WebhookEndpoint(WebhookKeys.of(properties(KEY), () -> null, Clock.systemUTC()),
                brokenInbox(), metrics, "acme", LIMITS, Clock.systemUTC());

        MockHttpServletResponse response = post(endpoint, Deliveries.sign(KEY, BODY));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("could not be stored");
        assertThat(unavailable()).isEqualTo(1);
    }

    @Test
    void aKeyThatCannotBeFetchedIs503() throws Exception {
        WebhookKeys keys = WebhookKeys.of(properties(null), () -> {
            throw new IllegalStateException("SpotDraft is down");
        }, Clock.systemUTC());
        WebhookEndpoint endpoint = new WebhookEndpoint(keys, brokenInbox(), metrics, "acme", LIMITS, Clock.systemUTC());

        MockHttpServletResponse response = post(endpoint, Deliveries.sign(KEY, BODY));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentAsString()).contains("signing key could not be fetched");
        assertThat(unavailable()).isEqualTo(1);
    }

    @Test
    void everyOutcomeIsRegisteredAtStartWithZero() {
        for (WebhookMetrics.Outcome outcome : WebhookMetrics.Outcome.values()) {
            assertThat(registry.get(WebhookMetrics.DELIVERIES).tag("outcome", outcome.tag()).tag("workspace", "acme")
                    .counter().count()).isZero();
        }
        assertThat(registry.get(WebhookMetrics.DELIVERIES).counters()).hasSize(WebhookMetrics.Outcome.values().length);
    }
}
