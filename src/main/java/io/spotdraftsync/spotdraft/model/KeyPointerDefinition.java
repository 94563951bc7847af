package io.spotdraftsync.spotdraft.model;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A metadata field definition of a contract type ({@code GET /api/v2.1/public/key_pointers/}). */
public record KeyPointerDefinition(Long id, List<Descriptor> descriptors, Map<String, Object> section) {

    public record Descriptor(
            @JsonProperty("display_label") String displayLabel,
            String variable,
            String type,
            Object options,
            Boolean required) {
    }
}
