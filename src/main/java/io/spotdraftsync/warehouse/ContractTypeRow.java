package io.spotdraftsync.warehouse;

import java.time.Instant;

/** One contract type of a workspace, for {@code contract_types}. */
public record ContractTypeRow(String workspace, long contractTypeId, String name, Instant extractedAt, String runId) {

    public ContractTypeRow {
        Rows.requiredText(workspace, "ContractTypeRow", "workspace");
        Rows.required(extractedAt, "ContractTypeRow", "extractedAt");
    }
}
