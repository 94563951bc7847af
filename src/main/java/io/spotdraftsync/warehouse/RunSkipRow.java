package io.spotdraftsync.warehouse;

import java.time.Instant;

/**
 * A contract that a run skipped because fetching it kept failing, for {@code sync_run_skips}; one row per run,
 * workspace and contract. The next export run reads these and tries the contracts again.
 */
public record RunSkipRow(String runId, String workspace, String contractId, String reason, Instant skippedAt) {

    public RunSkipRow {
        Rows.requiredText(runId, "RunSkipRow", "runId");
        Rows.requiredText(workspace, "RunSkipRow", "workspace");
        Rows.requiredText(contractId, "RunSkipRow", "contractId");
        Rows.required(skippedAt, "RunSkipRow", "skippedAt");
    }
}
