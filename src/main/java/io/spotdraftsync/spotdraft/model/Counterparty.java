package io.spotdraftsync.spotdraft.model;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A counterparty (organization or individual) of the workspace. */
public record Counterparty(
        Long id,
        String name,
        @JsonProperty("is_individual") Boolean individual,
        List<Map<String, Object>> contacts,
        @JsonProperty("primary_address") Map<String, Object> primaryAddress,
        String status,
        @JsonProperty("custom_fields") Map<String, Object> customFields,
        @JsonProperty("brand_name") String brandName) {
}
