package io.spotdraftsync.export;

import java.time.Instant;
import java.util.List;

import io.spotdraftsync.documents.StoredDocument;
import io.spotdraftsync.spotdraft.model.ContractListItem;
import io.spotdraftsync.spotdraft.model.KeyPointer;

/**
 * A contract with everything a chunk writes for it.
 *
 * @param document          the stored copy of the current version, null when the contract has no document
 * @param documentVersionId SpotDraft's current version id, null when unknown
 * @param documentDownloaded true when this run downloaded and wrote the document (not reused)
 * @param previousStatus    the status the warehouse held, null for a contract seen for the first time
 * @param extractedAt       when the list page holding it was read
 */
public record EnrichedContract(
        ContractListItem item,
        Long numericId,
        List<KeyPointer> keyPointers,
        StoredDocument document,
        Long documentVersionId,
        boolean documentDownloaded,
        Instant executedAt,
        String previousStatus,
        boolean firstSeen,
        Instant extractedAt) {

    public String id() {
        return item.id();
    }

    public boolean statusChanged() {
        return firstSeen || (previousStatus != null && !previousStatus.equals(item.contractStatus()));
    }
}
