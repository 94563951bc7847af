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

    /**
     * Every activity of the {@code ActivityEnum} of SpotDraft's OpenAPI document, in its order: what
     * {@code register-webhook} subscribes to by default. The e-mail delivery, open and click activities and comments
     * change nothing the sync copies but feed {@code contract_events}; counterparty activities refresh the
     * counterparties.
     */
    public static final List<String> ALL_ACTIVITIES = List.of(
            "CONTRACT_VERSION_UPLOADED", "CONTRACT_APPROVAL_COMPLETED", "CONTRACT_APPROVAL_REQUESTED",
            "CONTRACT_CREATED", "CONTRACT_DATA_UPDATED", "CONTRACT_DELETED", "CONTRACT_EXECUTED",
            "CONTRACT_MARK_FOR_EXECUTION", "CONTRACT_SENT_TO_COUNTERPARTY", "CONTRACT_SIGNATURE_DECLINED",
            "CONTRACT_SIGNATURE_REQUESTED", "CONTRACT_SIGNED", "CONTRACT_UNMARK_FOR_EXECUTION", "POSTMARK_EMAIL_EVENT",
            "CONTRACT_KEY_POINTER_UPDATION", "CONTRACT_KEY_POINTER_CREATION", "SIGNING_EMAIL_DELIVERED",
            "SIGNING_EMAIL_OPENED", "SIGNING_EMAIL_NOT_DELIVERED", "SIGNING_EMAIL_LINK_CLICKED",
            "REDLINING_EMAIL_DELIVERED", "REDLINING_EMAIL_OPENED", "REDLINING_EMAIL_NOT_DELIVERED",
            "REDLINING_EMAIL_LINK_CLICKED", "CONTRACT_SIGNATURE_REQUESTED_NOTIFICATION_SENT", "COUNTER_PARTY_CREATED",
            "COUNTER_PARTY_UPDATED", "COUNTER_PARTY_CONTACT_CREATED", "COUNTER_PARTY_CONTACT_UPDATED",
            "COUNTER_PARTY_ADDRESS_CREATED", "COUNTER_PARTY_ADDRESS_UPDATED", "CONTRACT_ACTIVITY_LOG_COMMENT_CREATED",
            "CONTRACT_VOIDED", "CONTRACT_PROCESS_METRIC_UPDATED", "CONTRACT_EXTERNAL_METADATA_CREATED",
            "CONTRACT_EXTERNAL_METADATA_UPDATED", "CONTRACT_ENTITY_UPDATED");

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
