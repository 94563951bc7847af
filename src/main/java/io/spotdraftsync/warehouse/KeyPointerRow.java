package io.spotdraftsync.warehouse;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One key pointer (metadata field) of a contract, in long format: the value goes to the typed column that
 * fits {@code dataType}, the others stay null.
 *
 * @param valueJson   JSON text for structured values (currency objects, lists), or null
 * @param extractedAt when the contract's key pointers were read; in a {@link ChunkLoad} it equals the
 *                    {@code extractedAt} of the contract's row, so that the pointers travel as one set with it
 */
public record KeyPointerRow(
        String workspace,
        String contractId,
        String fieldName,
        String label,
        String dataType,
        String valueText,
        BigDecimal valueNumber,
        LocalDate valueDate,
        Boolean valueBoolean,
        String valueJson,
        Instant extractedAt,
        String runId) {

    public KeyPointerRow {
        Rows.requiredText(workspace, "KeyPointerRow", "workspace");
        Rows.requiredText(contractId, "KeyPointerRow", "contractId");
        Rows.requiredText(fieldName, "KeyPointerRow", "fieldName");
        Rows.required(extractedAt, "KeyPointerRow", "extractedAt");
    }
}
