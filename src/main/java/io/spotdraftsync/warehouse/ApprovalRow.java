package io.spotdraftsync.warehouse;

import java.time.Instant;

/** One approval step of a contract ({@code contract_approvals}). */
public record ApprovalRow(
        String workspace,
        String contractId,
        long approvalId,
        String approvalName,
        String approvalType,
        String approvalStatus,
        Long approverUserId,
        String approverEmail,
        String approverName,
        Boolean sentForApproval,
        Instant lastSentAt,
        String createdByEmail,
        String notes,
        Instant extractedAt,
        String runId) implements StreamRow {

    public ApprovalRow {
        Rows.requiredText(workspace, "ApprovalRow", "workspace");
        Rows.requiredText(contractId, "ApprovalRow", "contractId");
        Rows.required(extractedAt, "ApprovalRow", "extractedAt");
    }
}
