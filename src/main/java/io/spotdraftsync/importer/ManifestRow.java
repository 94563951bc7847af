package io.spotdraftsync.importer;

import java.util.Map;

/**
 * One row of an import manifest, as written (text, not yet checked).
 *
 * @param rowNumber   1-based data row number (the header is not counted); the line for a JSON Lines manifest
 * @param keyPointers the {@code meta.<field_name>} columns, by field name, in manifest order; blank ones left out
 */
public record ManifestRow(long rowNumber, String sourceId, String sourceSystem, String file, String contractName,
        String contractType, String organizationEntity, String counterpartyOrganization, String counterpartyIndividual,
        String contactFirstName, String contactLastName, String contactEmail, String executionDate,
        Map<String, String> keyPointers) {
}
