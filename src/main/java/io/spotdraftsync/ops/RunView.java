package io.spotdraftsync.ops;

import java.time.Instant;
import java.util.Map;

/**
 * One run as the admin API shows it: a Spring Batch job execution, with the counts its job keeps.
 *
 * @param id              the job execution id ({@code /api/runs/{id}}); a restart is a new execution with a new id
 * @param runId           the run's own id ({@code run.id}), as in {@code sync_runs}; a restart keeps it
 * @param status          Spring Batch's status: STARTING, STARTED, STOPPING, STOPPED, FAILED, COMPLETED, ABANDONED; or
 *                        INTERRUPTED: left running by a process that stopped checking in ({@code sync.jobs.owner-timeout}),
 *                        until {@code serve} recovers it (FAILED, resumable)
 * @param exitDescription for a failed run, the message of its failure (no stack trace)
 * @param durationSeconds from start to end, or to now for a running run
 * @param counts          what the job counts: contracts and documents for an export, findings and repairs for a
 *                        reconciliation, rows for an import
 * @param apiCalls        SpotDraft API calls of the run, over every execution of it
 * @param progress        for a run in progress in this process: its live progress; null otherwise
 * @param owner           for a running or INTERRUPTED run: the instance running it (host/pid@start); null when unknown
 * @param ownerLastSeen   when that instance last checked in for it; null when unknown
 */
public record RunView(long id, String job, String workspace, String runId, String mode, String trigger, String status,
        String exitCode, String exitDescription, Instant startTime, Instant endTime, Double durationSeconds,
        Map<String, Object> counts, Long apiCalls, Double apiCallsPerSecond, Progress progress,
        String owner, Instant ownerLastSeen) {

    /**
     * @param total      what the source announced; null while unknown
     * @param etaSeconds remaining time at the rate so far; null while unknown
     */
    public record Progress(long done, Long total, double itemsPerSecond, Long etaSeconds) {
    }
}
