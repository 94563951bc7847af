package io.spotdraftsync.spotdraft.model;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A legal entity of the workspace's own organization (the party that signs on our side). */
public record OrganizationEntity(
        Long id,
        String name,
        @JsonProperty("reference_id") String referenceId,
        Map<String, Object> jurisdiction,
        @JsonProperty("organization_type") Map<String, Object> organizationType,
        @JsonProperty("primary_address") Map<String, Object> primaryAddress,
        @JsonProperty("is_primary") Boolean primary) {

    public OrganizationEntity(Long id, String name, String referenceId, Map<String, Object> jurisdiction) {
        this(id, name, referenceId, jurisdiction, null, null, null);
    }
}
