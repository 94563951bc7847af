package io.spotdraftsync.warehouse;

import java.time.Instant;

/** The process metrics of one template contract ({@code contract_process_metrics}). */
public record ProcessMetricsRow(
        String workspace,
        String contractId,
        String workflowType,
        String pendingWith,
        Instant sentToCounterpartyAt,
        Instant counterpartyOpenedReviewEmailAt,
        Instant counterpartyFirstUpdateAt,
        Instant counterpartyLatestUpdateAt,
        Instant markedForSignatureAt,
        Instant executedAt,
        Long turns,
        Instant lastTurnChangeAt,
        String lastTurnChangeByEmail,
        String turnOverrideReason,
        Instant extractedAt,
        String runId) implements StreamRow {

    public ProcessMetricsRow {
        Rows.requiredText(workspace, "ProcessMetricsRow", "workspace");
        Rows.requiredText(contractId, "ProcessMetricsRow", "contractId");
        Rows.required(extractedAt, "ProcessMetricsRow", "extractedAt");
    }
}
