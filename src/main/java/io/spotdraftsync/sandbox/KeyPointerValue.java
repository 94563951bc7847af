package io.spotdraftsync.sandbox;

import java.util.Map;

/**
 * One metadata value ("key pointer") of a contract, shaped like OpenAPI {@code ContractKeyPointerMinimalResponse}.
 *
 * @param id the key pointer definition id
 * @param value a String, Long, Double, Boolean, List or Map (currency and duration values are maps)
 * @param dataType the definition's type, for example {@code string}, {@code date} or {@code currency}
 */
public record KeyPointerValue(int id, Object value, String label, String fieldName, String dataType,
        Map<String, Object> formatOption) {

    public KeyPointerValue {
        value = JsonValues.freeze(value);
        formatOption = JsonValues.freezeMap(formatOption);
    }
}
