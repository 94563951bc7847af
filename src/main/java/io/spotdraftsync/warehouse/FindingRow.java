package io.spotdraftsync.warehouse;

import java.time.Instant;

/**
 * One difference found by a reconciliation run, for {@code reconcile_findings}; one row per run, contract
 * and finding.
 */
public record FindingRow(String runId, String workspace, String contractId, String finding, String action,
        String detail, Instant observedAt) {

    public FindingRow {
        Rows.requiredText(runId, "FindingRow", "runId");
        Rows.requiredText(workspace, "FindingRow", "workspace");
        Rows.requiredText(contractId, "FindingRow", "contractId");
        Rows.requiredText(finding, "FindingRow", "finding");
        Rows.required(observedAt, "FindingRow", "observedAt");
    }
}
