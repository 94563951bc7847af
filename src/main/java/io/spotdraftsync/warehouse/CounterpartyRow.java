package io.spotdraftsync.warehouse;

import java.time.Instant;

/**
 * One counterparty of a workspace, for {@code counterparties}.
 *
 * @param primaryAddress JSON text, or null
 * @param contacts       JSON text (an array), or null
 * @param customFields   JSON text, or null
 */
public record CounterpartyRow(
        String workspace,
        long counterpartyId,
        String name,
        Boolean isIndividual,
        String status,
        String brandName,
        String primaryAddress,
        String contacts,
        String customFields,
        Instant extractedAt,
        String runId) {

    public CounterpartyRow {
        Rows.requiredText(workspace, "CounterpartyRow", "workspace");
        Rows.required(extractedAt, "CounterpartyRow", "extractedAt");
    }
}
