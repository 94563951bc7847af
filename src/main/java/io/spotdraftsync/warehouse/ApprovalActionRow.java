package io.spotdraftsync.warehouse;

import java.time.Instant;

/** One action an approver took on an approval ({@code contract_approval_actions}). */
public record ApprovalActionRow(
        String workspace,
        String contractId,
        long approvalId,
        String actionStatus,
        Instant actedAt,
        String notes,
        Boolean isLatest,
        Instant extractedAt,
        String runId) implements StreamRow {

    public ApprovalActionRow {
        Rows.requiredText(workspace, "ApprovalActionRow", "workspace");
        Rows.requiredText(contractId, "ApprovalActionRow", "contractId");
        Rows.requiredText(actionStatus, "ApprovalActionRow", "actionStatus");
        Rows.required(actedAt, "ApprovalActionRow", "actedAt");
        Rows.required(extractedAt, "ApprovalActionRow", "extractedAt");
    }
}
