package io.spotdraftsync.spotdraft.model;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

import tools.jackson.databind.JsonNode;

/**
 * One metadata value of a contract. {@code value} is any JSON (text, number, boolean, date text, currency
 * object, array), so it stays a tree until a writer types it.
 */
public record KeyPointer(
        Long id,
        JsonNode value,
        String label,
        // the vendor's own example spells it "filed_name"; the schema says field_name
        @JsonProperty("field_name") @JsonAlias("filed_name") String fieldName,
        @JsonProperty("data_type") String dataType,
        @JsonProperty("format_option") Map<String, Object> formatOption) {
}
