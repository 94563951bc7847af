package io.spotdraftsync.warehouse;

import java.time.Instant;

/**
 * One legal entity of the workspace's own organization, for {@code organization_entities}.
 *
 * @param address JSON text (the primary address), or null
 */
public record OrganizationEntityRow(String workspace, long entityId, String entityName, String referenceId,
        String jurisdiction, String organizationType, Boolean isPrimary, String address, Instant extractedAt, String runId) {

    public OrganizationEntityRow {
        Rows.requiredText(workspace, "OrganizationEntityRow", "workspace");
        Rows.required(extractedAt, "OrganizationEntityRow", "extractedAt");
    }
}
