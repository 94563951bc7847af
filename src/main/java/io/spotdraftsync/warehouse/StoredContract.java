package io.spotdraftsync.warehouse;

import java.time.Instant;

/**
 * What the warehouse holds of a contract: what an incremental or reconciliation run compares SpotDraft against.
 *
 * @param externalMetadata JSON text as the warehouse returns it: PostgreSQL (JSONB) and Snowflake (VARIANT)
 *                         normalize key order and spacing, so compare parsed trees, not text
 */
public record StoredContract(
        String contractId,
        String contractStatus,
        String contractName,
        Long contractTypeId,
        String contractTypeName,
        String counterPartyName,
        String externalMetadata,
        String documentKey,
        String documentSha256,
        Long documentBytes,
        String documentVersionId,
        Instant executedAt,
        boolean deleted,
        Instant extractedAt) {
}
