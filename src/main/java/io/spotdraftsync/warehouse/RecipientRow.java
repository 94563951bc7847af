package io.spotdraftsync.warehouse;

import java.time.Instant;

/** One recipient of a contract and the state of their action ({@code contract_recipients}). */
public record RecipientRow(
        String workspace,
        String contractId,
        long recipientId,
        String recipientType,
        Long userId,
        String userEmail,
        String userName,
        String designation,
        String title,
        Long recipientOrder,
        String recipientStatus,
        Boolean isSentForSignature,
        Instant lastSentForSignatureAt,
        Boolean actionSuccess,
        String actionNotes,
        Instant actedAt,
        Instant extractedAt,
        String runId) implements StreamRow {

    public RecipientRow {
        Rows.requiredText(workspace, "RecipientRow", "workspace");
        Rows.requiredText(contractId, "RecipientRow", "contractId");
        Rows.required(extractedAt, "RecipientRow", "extractedAt");
    }
}
