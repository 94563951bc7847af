package io.spotdraftsync.export;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.spotdraftsync.documents.StoredDocument;
import io.spotdraftsync.spotdraft.model.ContractApproval;
import io.spotdraftsync.spotdraft.model.ContractListItem;
import io.spotdraftsync.spotdraft.model.ContractRecipient;
import io.spotdraftsync.spotdraft.model.KeyPointer;
import io.spotdraftsync.spotdraft.model.ProcessMetrics;
import io.spotdraftsync.streams.ContractStream;

/**
 * A contract with everything a chunk writes for it.
 *
 * @param headerRead        false when the item was not listed again but rebuilt from the warehouse (a webhook that
 *                          changes only streams): the stored header stays as it is
 * @param fetched           the streams fetched for it in this run; the others' stored data stays as it is
 * @param keyPointers       its key pointers; empty when the stream was not fetched
 * @param document          the stored copy of the current version, null when the contract has no document
 * @param documentVersionId SpotDraft's current version id, null when unknown
 * @param documentDownloaded true when this run downloaded and wrote the document (not reused)
 * @param processMetrics    null when not fetched, or when SpotDraft has none for the contract (404)
 * @param approvals         empty when not fetched
 * @param recipients        empty when not fetched
 * @param previousStatus    the status the warehouse held, null for a contract seen for the first time
 * @param extractedAt       when the list page holding it was read
 */
public record EnrichedContract(
        ContractListItem item,
        Long numericId,
        boolean headerRead,
        Set<ContractStream> fetched,
        List<KeyPointer> keyPointers,
        StoredDocument document,
        Long documentVersionId,
        boolean documentDownloaded,
        Instant executedAt,
        ProcessMetrics processMetrics,
        List<ContractApproval> approvals,
        List<ContractRecipient> recipients,
        String previousStatus,
        boolean firstSeen,
        Instant extractedAt) {

    public EnrichedContract {
        fetched = Set.copyOf(fetched);
        keyPointers = keyPointers == null ? List.of() : List.copyOf(keyPointers);
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }

    public String id() {
        return item.id();
    }

    public boolean has(ContractStream stream) {
        return fetched.contains(stream);
    }

    public boolean statusChanged() {
        return headerRead && (firstSeen || (previousStatus != null && !previousStatus.equals(item.contractStatus())));
    }
}
