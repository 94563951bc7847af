package io.spotdraftsync.reconcile;

import java.util.Map;

/**
 * What one reconciliation found and did.
 *
 * @param repaired       contracts exported again (missing, stale, restored, document-stale)
 * @param repairsWritten of those, rows that changed in the warehouse
 * @param confirmationCalls of the API calls, the lookups by id of the contracts the listing left out (before any is
 *                       flagged deleted)
 */
public record ReconcileSummary(int listed, Map<Finding, Integer> findings, long repaired, long repairsWritten,
        long documentsWritten, long apiCalls, long api429s, int confirmationCalls) {
}
