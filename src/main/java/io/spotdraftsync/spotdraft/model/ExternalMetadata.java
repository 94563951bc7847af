package io.spotdraftsync.spotdraft.model;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Integration-owned ids on a contract: {@code id} is the source system's record id. */
public record ExternalMetadata(
        String id,
        @JsonProperty("integration_name") String integrationName,
        @JsonProperty("record_type") String recordType,
        @JsonProperty("record_data") Map<String, Object> recordData,
        @JsonProperty("object_configuration_id") Long objectConfigurationId) {

    /** The {@code {"external_metadata": {...}}} wrapper used both ways by the API. */
    public record Envelope(@JsonProperty("external_metadata") ExternalMetadata externalMetadata) {
    }
}
