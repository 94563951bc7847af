package io.spotdraftsync.importer;

import java.time.LocalDate;
import java.util.Map;

/**
 * A manifest row that passed validation: ids resolved, file checked, ready to send.
 *
 * @param counterpartyOrganization the counterparty's organization name; null when the counterparty is an individual
 * @param fileBytes                size of the PDF
 */
public record ImportItem(long rowNumber, String sourceId, String sourceSystem, String file, long fileBytes,
        String contractName, long contractTypeId, long organizationEntityId, boolean counterpartyIndividual,
        String counterpartyOrganization, String contactFirstName, String contactLastName, String contactEmail,
        LocalDate executionDate, Map<String, String> keyPointers) {

    /** The name the PDF is sent under: the file's own name. */
    public String fileName() {
        int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
        return file.substring(slash + 1);
    }
}
