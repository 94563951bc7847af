package io.spotdraftsync.spotdraft.model;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /api/v2.1/public/webhooks/} body, and the created webhook. */
public final class WebhookRegistration {

    /**
     * Every activity that changes what the sync copies: contract lifecycle, data, metadata, documents and
     * counterparties (email-tracking and comment events are left out). The API requires a non-empty list.
     */
    public static final List<String> SYNC_ACTIVITIES = List.of(
            "CONTRACT_CREATED", "CONTRACT_DATA_UPDATED", "CONTRACT_DELETED", "CONTRACT_VOIDED",
            "CONTRACT_VERSION_UPLOADED", "CONTRACT_SENT_TO_COUNTERPARTY", "CONTRACT_SIGNATURE_REQUESTED",
            "CONTRACT_SIGNATURE_DECLINED", "CONTRACT_SIGNED", "CONTRACT_MARK_FOR_EXECUTION",
            "CONTRACT_UNMARK_FOR_EXECUTION", "CONTRACT_EXECUTED", "CONTRACT_APPROVAL_REQUESTED",
            "CONTRACT_APPROVAL_COMPLETED", "CONTRACT_KEY_POINTER_CREATION", "CONTRACT_KEY_POINTER_UPDATION",
            "CONTRACT_EXTERNAL_METADATA_CREATED", "CONTRACT_EXTERNAL_METADATA_UPDATED", "CONTRACT_ENTITY_UPDATED",
            "CONTRACT_PROCESS_METRIC_UPDATED", "COUNTER_PARTY_CREATED", "COUNTER_PARTY_UPDATED");

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
