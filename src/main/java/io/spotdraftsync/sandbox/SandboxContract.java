package io.spotdraftsync.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of one sandbox contract, deleted ones included, as a test sees it: what the API shows plus what it
 * hides (last update time, deletion, the document's checksum).
 *
 * @param compositeId {@code T-12} or {@code H-7}
 * @param numericId the number of the composite id, which is what webhooks carry
 * @param executedAt null until the contract is executed
 * @param expiringAt null when the contract has no end date
 * @param lastUpdated bumped by every change, strictly increasing across the sandbox, microsecond precision
 * @param externalMetadata the integration-owned record, empty when none is set
 * @param document the current document version
 */
public record SandboxContract(
        String compositeId,
        long numericId,
        String name,
        ContractStatus status,
        ContractKind kind,
        int contractTypeId,
        String contractTypeName,
        String counterpartyName,
        String referenceId,
        String link,
        Instant created,
        Instant executedAt,
        Instant expiringAt,
        Instant lastUpdated,
        Map<String, Object> externalMetadata,
        List<KeyPointerValue> keyPointers,
        SandboxDocument document,
        boolean deleted) {

    public SandboxContract {
        externalMetadata = JsonValues.freezeMap(externalMetadata);
        keyPointers = List.copyOf(keyPointers);
    }

    public long currentVersionId() {
        return document.versionId();
    }

    public long documentSize() {
        return document.sizeBytes();
    }

    /** Lowercase hex SHA-256 of the current document, computed on first use. */
    public String documentSha256() {
        return document.sha256();
    }
}
