package io.spotdraftsync.export;

/** What one export run did, over all its executions. */
public record ExportSummary(long contractsRead, long contractsWritten, long contractsUnchanged, long documentsWritten,
        long documentBytes, long apiCalls, long api429s) {
}
