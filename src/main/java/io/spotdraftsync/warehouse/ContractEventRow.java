package io.spotdraftsync.warehouse;

import java.time.Instant;

/**
 * One verified webhook delivery, for {@code contract_events}.
 *
 * @param eventKey          what makes two deliveries the same event (the inbox's de-duplication, as a hash)
 * @param contractId        the composite id when known, else null
 * @param contractNumericId the numeric id the payload carried, or null
 * @param occurredAt        the payload's {@code activity_data.timestamp}, or null
 * @param payload           the body, JSON text
 * @param extractedAt       when the row was recorded
 * @param runId             the targeted run that processed the delivery, or null
 */
public record ContractEventRow(String workspace, String eventKey, String contractId, Long contractNumericId,
        String activity, String performedByName, String performedByEmail, Instant occurredAt, Instant receivedAt,
        String businessUserEmail, String legalUserEmail, String payload, Instant extractedAt, String runId) {

    public ContractEventRow {
        Rows.requiredText(workspace, "ContractEventRow", "workspace");
        Rows.requiredText(eventKey, "ContractEventRow", "eventKey");
        Rows.requiredText(activity, "ContractEventRow", "activity");
        Rows.required(receivedAt, "ContractEventRow", "receivedAt");
        Rows.required(extractedAt, "ContractEventRow", "extractedAt");
    }
}
