package io.spotdraftsync.warehouse;

import java.time.Instant;

/**
 * One contract the import job created in SpotDraft, for {@code imported_contracts}: the source system's id
 * mapped to SpotDraft's. Key: workspace, source system, source id.
 */
public record ImportedContractRow(String workspace, String sourceSystem, String sourceId, String contractId,
        Long numericId, Instant importedAt, String runId) {

    public ImportedContractRow {
        Rows.requiredText(workspace, "ImportedContractRow", "workspace");
        Rows.requiredText(sourceSystem, "ImportedContractRow", "sourceSystem");
        Rows.requiredText(sourceId, "ImportedContractRow", "sourceId");
        Rows.requiredText(contractId, "ImportedContractRow", "contractId");
        Rows.required(importedAt, "ImportedContractRow", "importedAt");
    }
}
