package io.spotdraftsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The event key of contract_events: two deliveries the inbox calls duplicates get one key, others differ. */
class EventHistoryTest {

    private static InboxEvent event(Long contract, String activity, Instant at) {
        return new InboxEvent(1, "acme", contract, activity, at, Instant.EPOCH, "pending", 0, null, null, null, null, null);
    }

    private static WebhookInbox.Body body(String text) {
        return new WebhookInbox.Body(text, WebhookInbox.sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void sameContractActivityAndTimeIsOneEventWhateverTheBody() {
        Instant at = Instant.parse("2026-01-05T10:00:00Z");
        String first = EventHistory.eventKey(event(7L, "CONTRACT_SIGNED", at), body("{\"a\":1}"));
        assertThat(EventHistory.eventKey(event(7L, "CONTRACT_SIGNED", at), body("{\"a\":2}"))).isEqualTo(first);
        assertThat(EventHistory.eventKey(event(7L, "CONTRACT_EXECUTED", at), body("{\"a\":1}"))).isNotEqualTo(first);
        assertThat(EventHistory.eventKey(event(8L, "CONTRACT_SIGNED", at), body("{\"a\":1}"))).isNotEqualTo(first);
        assertThat(first).hasSize(64);
    }

    @Test
    void withoutContractOrTimeTheBodyDecides() {
        WebhookInbox.Body body = body("{\"activity\":\"COUNTER_PARTY_UPDATED\"}");
        assertThat(EventHistory.eventKey(event(null, "COUNTER_PARTY_UPDATED", Instant.EPOCH), body)).isEqualTo(body.sha256());
        assertThat(EventHistory.eventKey(event(5L, "SIGNING_EMAIL_OPENED", null), body)).isEqualTo(body.sha256());
    }
}
