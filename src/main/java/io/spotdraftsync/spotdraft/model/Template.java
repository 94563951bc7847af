package io.spotdraftsync.spotdraft.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A published contract template ({@code TemplateResponse}). */
public record Template(Long id, String name, @JsonProperty("contract_type_id") Long contractTypeId) {

    /** {@code TemplateListResponse}: the templates under {@code items}, not paged. */
    public record Listing(List<Template> items) {
    }
}
