package io.spotdraftsync.spotdraft.model;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A legal entity of the workspace's own organization (the party that signs on our side). */
public record OrganizationEntity(
        Long id,
        String name,
        @JsonProperty("reference_id") String referenceId,
        Map<String, Object> jurisdiction) {
}
