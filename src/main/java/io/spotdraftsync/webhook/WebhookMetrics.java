package io.spotdraftsync.webhook;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counter {@value #DELIVERIES}, one series per {@link Outcome}, all registered at start (so zeros show). */
public final class WebhookMetrics {

    public static final String DELIVERIES = "sync.webhook.deliveries";

    /** What became of a delivery; the tag value is {@link #tag()}. */
    public enum Outcome {
        /** Verified, well-formed, stored. */
        VALID("valid"),
        /** Verified and well-formed, already stored (same body, or same contract, activity and time). */
        DUPLICATE("duplicate"),
        /** No signature header, or one that no accepted key made: 401, nothing stored. */
        INVALID_SIGNATURE("invalid-signature"),
        /** Signed, but not the documented JSON: 400, nothing stored. */
        MALFORMED("malformed"),
        /** Longer than {@code sync.webhook.max-body}: 413, nothing stored. */
        TOO_LARGE("too-large"),
        /** Not decided: the key could not be fetched or the inbox could not be written; 503, to be sent again. */
        UNAVAILABLE("unavailable"),
        /** Not read: {@code sync.webhook.max-concurrent-reads} bodies were arriving already; 503, to be sent again. */
        BUSY("busy"),
        /** The body did not arrive in full within {@code sync.webhook.read-timeout}: 408, nothing stored. */
        TOO_SLOW("too-slow");

        private final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    private final Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);

    public WebhookMetrics(MeterRegistry registry, String workspace) {
        for (Outcome outcome : Outcome.values()) {
            counters.put(outcome, Counter.builder(DELIVERIES)
                    .description("Webhook deliveries received at POST /webhooks/spotdraft, by outcome")
                    .tag("outcome", outcome.tag())
                    .tag("workspace", workspace)
                    .register(registry));
        }
    }

    void count(Outcome outcome) {
        counters.get(outcome).increment();
    }
}
