package io.spotdraftsync.export;

/**
 * What one export run did, over all its executions.
 *
 * @param failedContracts contracts skipped because fetching them failed (recorded in {@code sync_run_skips}), by
 *                        composite id, with the reason
 */
public record ExportSummary(long contractsRead, long contractsWritten, long contractsUnchanged, long documentsWritten,
        long documentBytes, long apiCalls, long api429s, java.util.Map<String, String> failedContracts) {

    public ExportSummary {
        failedContracts = failedContracts == null ? java.util.Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(failedContracts));
    }

    /** Contracts skipped because fetching them failed. */
    public int contractsFailed() {
        return failedContracts.size();
    }
}
