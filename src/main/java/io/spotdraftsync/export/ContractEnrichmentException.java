package io.spotdraftsync.export;

import io.spotdraftsync.jobs.Failures;

/**
 * Fetching one contract's details (key pointers, download link, execution date, document) failed after the
 * client's own retries. The export steps skip such a contract, record it in {@code sync_run_skips}, and go on with
 * the others; the next export run tries it again. Failures that concern every contract (wrong credentials) are
 * never wrapped in this, so they still stop the run.
 */
public class ContractEnrichmentException extends RuntimeException {

    private final String contractId;

    public ContractEnrichmentException(String contractId, Throwable cause) {
        super("Contract " + contractId + " could not be fetched: " + Failures.rootMessage(cause), cause);
        this.contractId = contractId;
    }

    /** The composite id ({@code T-12}, {@code H-3}). */
    public String contractId() {
        return contractId;
    }

    /** What went wrong, for people: the deepest cause's message. */
    public String reason() {
        return Failures.rootMessage(getCause());
    }
}
