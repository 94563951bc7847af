package io.spotdraftsync.warehouse;

import java.time.Instant;
import java.util.Set;

/**
 * One observed status change, for {@code contract_status_history}. Appending the same change twice (same
 * workspace, contract, observation time and new status) keeps one row.
 *
 * @param fromStatus null when the contract was first seen
 * @param source     {@code export}, {@code reconcile} or {@code webhook}
 * @param runId      null for a webhook outside a run
 */
public record StatusChangeRow(String workspace, String contractId, String fromStatus, String toStatus,
        Instant observedAt, String source, String runId) {

    public static final Set<String> SOURCES = Set.of("export", "reconcile", "webhook");

    public StatusChangeRow {
        Rows.requiredText(workspace, "StatusChangeRow", "workspace");
        Rows.requiredText(contractId, "StatusChangeRow", "contractId");
        Rows.requiredText(toStatus, "StatusChangeRow", "toStatus");
        Rows.required(observedAt, "StatusChangeRow", "observedAt");
        if (!SOURCES.contains(source)) {
            throw new IllegalArgumentException("StatusChangeRow.source must be one of " + SOURCES + ", not " + source);
        }
    }
}
