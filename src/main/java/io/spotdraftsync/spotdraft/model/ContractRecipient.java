package io.spotdraftsync.spotdraft.model;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One recipient of a contract and the state of their action ({@code PublicSignRecipientWithStatusResponse}, an item
 * of {@code GET /api/v2.1/public/contracts/{composite_id}/recipients/}).
 *
 * @param status PENDING, IN_PROGRESS or COMPLETED
 */
public record ContractRecipient(
        Recipient recipient,
        @JsonProperty("recipient_action") Action recipientAction,
        String status) {

    public record Recipient(
            Long id,
            @JsonProperty("recipient_type") String recipientType,
            User user,
            @JsonProperty("recipient_order") Long recipientOrder,
            String note,
            Instant created,
            String title,
            @JsonProperty("is_sent_for_signature") Boolean isSentForSignature,
            @JsonProperty("last_sent_for_signature_at") Instant lastSentForSignatureAt) {
    }

    public record User(Long id, String email, String name, String designation) {
    }

    /** @param isSuccess true for signed/approved, false for declined */
    public record Action(
            @JsonProperty("is_success") Boolean isSuccess,
            @JsonProperty("action_notes") String actionNotes,
            Instant timestamp) {
    }

    /** The response envelope. */
    public record ListResponse(List<ContractRecipient> items) {
    }
}
