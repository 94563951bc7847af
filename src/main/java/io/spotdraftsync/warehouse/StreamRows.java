package io.spotdraftsync.warehouse;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The per-contract stream data of a chunk: for each (contract, stream) fetched, one state row and the complete set of
 * that stream's rows, which replaces the stored set (rows missing from it are soft-deleted) in the transaction that
 * records the state. A stream not fetched for a contract has no state row here, and its stored rows stay.
 *
 * @param states one per (contract, stream) fetched; its {@code extractedAt} is the extract time of that set's rows
 */
public record StreamRows(
        List<StreamStateRow> states,
        List<ApprovalRow> approvals,
        List<ApprovalActionRow> approvalActions,
        List<RecipientRow> recipients,
        List<ProcessMetricsRow> processMetrics,
        List<SignatureRow> signatures) {

    /** Stream names as in {@code contract_stream_state.stream}. */
    public static final String APPROVALS = "approvals";
    public static final String RECIPIENTS = "recipients";
    public static final String PROCESS_METRICS = "process_metrics";

    public static final StreamRows NONE = new StreamRows(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

    public StreamRows {
        states = List.copyOf(states);
        approvals = List.copyOf(approvals);
        approvalActions = List.copyOf(approvalActions);
        recipients = List.copyOf(recipients);
        processMetrics = List.copyOf(processMetrics);
        signatures = List.copyOf(signatures);
        Set<String> sets = new HashSet<>();
        for (StreamStateRow state : states) {
            sets.add(setKey(state.workspace(), state.contractId(), state.stream(), state));
        }
        requireSet(sets, APPROVALS, approvals);
        requireSet(sets, APPROVALS, approvalActions);
        requireSet(sets, RECIPIENTS, recipients);
        requireSet(sets, PROCESS_METRICS, processMetrics);
        requireSet(sets, PROCESS_METRICS, signatures);
    }

    public boolean isEmpty() {
        return states.isEmpty();
    }

    /** Whether any state of the chunk is of this stream. */
    public boolean has(String stream) {
        return states.stream().anyMatch(state -> state.stream().equals(stream));
    }

    private static String setKey(String workspace, String contractId, String stream, StreamRow row) {
        return workspace + "\u0000" + contractId + "\u0000" + stream + "\u0000" + row.extractedAt();
    }

    private static void requireSet(Set<String> sets, String stream, List<? extends StreamRow> rows) {
        for (StreamRow row : rows) {
            if (!sets.contains(setKey(row.workspace(), row.contractId(), stream, row))) {
                throw new IllegalArgumentException(row.getClass().getSimpleName() + " of " + row.workspace() + "/" + row.contractId()
                        + " has no " + stream + " state extracted with it: stream rows travel as the complete set of their contract");
            }
        }
    }
}
