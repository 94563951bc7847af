package io.spotdraftsync.warehouse;

import java.time.Instant;

/**
 * One run, for {@code sync_runs}. {@link Warehouse#recordRun} inserts it or replaces the row with the same
 * {@code runId}, so a run records itself at start and again at the end.
 *
 * @param mode    {@code full} or {@code incremental}
 * @param trigger what started it: {@code schedule}, {@code cli}, {@code api}, {@code webhook}
 * @param outcome {@code RUNNING}, {@code COMPLETED}, {@code FAILED}, {@code STOPPED}
 */
public record SyncRunRow(
        String runId,
        String workspace,
        String job,
        String mode,
        String trigger,
        Instant startedAt,
        Instant endedAt,
        String outcome,
        Long contractsRead,
        Long contractsWritten,
        Long contractsSkipped,
        Long documentsWritten,
        Long documentBytes,
        Long apiCalls,
        Long api429s,
        Instant watermarkBefore,
        Instant watermarkAfter,
        String message) {

    public SyncRunRow {
        Rows.requiredText(runId, "SyncRunRow", "runId");
        Rows.requiredText(workspace, "SyncRunRow", "workspace");
        Rows.requiredText(job, "SyncRunRow", "job");
        Rows.required(startedAt, "SyncRunRow", "startedAt");
    }

    /** The row of a run that just started: no end, no counts yet. */
    public static SyncRunRow started(String runId, String workspace, String job, String mode, String trigger,
            Instant startedAt, Instant watermarkBefore) {
        return new SyncRunRow(runId, workspace, job, mode, trigger, startedAt, null, "RUNNING",
                null, null, null, null, null, null, null, watermarkBefore, null, null);
    }

    /** This run, ended. */
    public SyncRunRow ended(Instant at, String outcomeValue, Counts counts, Instant watermark, String messageText) {
        return new SyncRunRow(runId, workspace, job, mode, trigger, startedAt, at, outcomeValue,
                counts.contractsRead(), counts.contractsWritten(), counts.contractsSkipped(), counts.documentsWritten(),
                counts.documentBytes(), counts.apiCalls(), counts.api429s(), watermarkBefore, watermark, messageText);
    }

    /** The counters of a run. */
    public record Counts(long contractsRead, long contractsWritten, long contractsSkipped, long documentsWritten,
            long documentBytes, long apiCalls, long api429s) {
    }
}
