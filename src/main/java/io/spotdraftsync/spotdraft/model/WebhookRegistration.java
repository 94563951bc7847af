package io.spotdraftsync.spotdraft.model;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /api/v2.1/public/webhooks/} body, and the created webhook. */
public final class WebhookRegistration {

    private WebhookRegistration() {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Request(
            String title,
            String url,
            @JsonProperty("only_for_activities") List<String> onlyForActivities,
            @JsonProperty("custom_headers") Map<String, String> customHeaders) {
    }

    public record Created(Long id, String title, String url, String status,
            @JsonProperty("only_for_activities") List<String> onlyForActivities) {
    }

    public record HmacKey(@JsonProperty("hmac_key") String hmacKey) {
        @Override
        public String toString() {
            return "HmacKey[****]";
        }
    }
}
