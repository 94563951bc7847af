package io.spotdraftsync.sandbox;

import java.util.Map;

/** A validated {@code executed_contracts} request. */
record ExecutedContractImport(String contractName, String fileName, byte[] pdf, ContractType contractType,
        OrganizationEntity entity, Counterparty counterparty, Map<String, Object> externalMetadata) {
}
