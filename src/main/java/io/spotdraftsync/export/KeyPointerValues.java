package io.spotdraftsync.export;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import io.spotdraftsync.spotdraft.model.KeyPointer;
import io.spotdraftsync.warehouse.KeyPointerRow;

import tools.jackson.databind.JsonNode;

/**
 * Types a metadata value into the long-format columns, so an analyst filters without parsing JSON:
 * text in {@code value_text}, numbers (and a currency's amount, its code in {@code value_text}) in {@code value_number}, dates in
 * {@code value_date}, booleans in {@code value_boolean}; the raw JSON is always in {@code value_json}.
 */
final class KeyPointerValues {

    private KeyPointerValues() {
    }

    static KeyPointerRow row(String workspace, String contractId, KeyPointer keyPointer, java.time.Instant extractedAt,
            String runId) {
        JsonNode value = keyPointer.value();
        String text = null;
        BigDecimal number = null;
        LocalDate date = null;
        Boolean bool = null;
        if (value != null && !value.isNull() && !value.isMissingNode()) {
            if (value.isBoolean()) {
                bool = value.asBoolean();
            } else if (value.isNumber()) {
                number = value.decimalValue();
            } else if (value.isString()) {
                text = value.asString();
                if (isDateType(keyPointer.dataType())) {
                    date = parseDate(text);
                }
            } else if (value.isObject()) {
                // a currency: {"type": "USD", "value": 12.5} as SpotDraft documents it ({"currency", "amount"} tolerated)
                JsonNode amount = value.has("value") ? value.get("value") : value.get("amount");
                JsonNode currency = value.has("type") ? value.get("type") : value.get("currency");
                if (amount != null && amount.isNumber()) {
                    number = amount.decimalValue();
                    text = currency != null && currency.isString() ? currency.asString() : null;
                }
            }
        }
        String json = value == null || value.isMissingNode() ? null : value.toString();
        return new KeyPointerRow(workspace, contractId, keyPointer.fieldName(), keyPointer.label(), keyPointer.dataType(),
                text, number, date, bool, json, extractedAt, runId);
    }

    private static boolean isDateType(String dataType) {
        return dataType != null && dataType.toLowerCase(Locale.ROOT).contains("date");
    }

    private static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text.length() > 10 && text.charAt(10) == 'T' ? text.substring(0, 10) : text);
        } catch (DateTimeParseException notIsoDate) {
            try {
                return OffsetDateTime.parse(text).toLocalDate();
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
