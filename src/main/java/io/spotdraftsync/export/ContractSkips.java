package io.spotdraftsync.export;

import java.time.Clock;
import java.util.List;

import io.spotdraftsync.warehouse.RunSkipRow;
import io.spotdraftsync.warehouse.Warehouse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.SkipListener;

/**
 * Records a contract that an export step skipped because fetching it failed ({@link ContractEnrichmentException}):
 * in {@code sync_run_skips} at once (so that the next export run tries it again, even when the contract does not
 * change), and in the step's counters (the run's summary, and the webhook worker's view of which events failed).
 */
public class ContractSkips implements SkipListener<EnrichedContract, EnrichedContract> {

    private static final Logger log = LoggerFactory.getLogger(ContractSkips.class);
    /** Longer reasons are cut: they are for people, and a whole response body says no more. */
    static final int MAX_REASON = 500;

    private final Warehouse warehouse;
    private final String workspace;
    private final String runId;
    private final ExportCounters counters;
    private final Clock clock;

    public ContractSkips(Warehouse warehouse, String workspace, String runId, ExportCounters counters, Clock clock) {
        this.warehouse = warehouse;
        this.workspace = workspace;
        this.runId = runId;
        this.counters = counters;
        this.clock = clock;
    }

    @Override
    public void onSkipInRead(Throwable failure) {
        if (!(failure instanceof ContractEnrichmentException failed)) {
            // the skip policy skips nothing else
            return;
        }
        String reason = shortened(failed.reason());
        log.warn("Contract {} skipped by run {}: {}; the next export run tries it again", failed.contractId(), runId, reason);
        counters.contractFailed(failed.contractId(), reason);
        warehouse.recordSkips(List.of(new RunSkipRow(runId, workspace, failed.contractId(), reason, clock.instant())));
    }

    static String shortened(String reason) {
        return reason == null || reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 1) + "…";
    }
}
