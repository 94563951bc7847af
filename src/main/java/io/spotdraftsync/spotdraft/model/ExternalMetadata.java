package io.spotdraftsync.spotdraft.model;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Integration-owned ids on a contract: {@code id} is the source system's record id. Absent fields are left
 * out of requests, since the schema allows no nulls. {@code object_configuration_id} is a string in the
 * request schema; a number in an answer is read as its text.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExternalMetadata(
        String id,
        @JsonProperty("integration_name") String integrationName,
        @JsonProperty("record_type") String recordType,
        @JsonProperty("record_data") Map<String, Object> recordData,
        @JsonProperty("object_configuration_id") String objectConfigurationId) {

    /** The {@code {"external_metadata": {...}}} wrapper used both ways by the API. */
    public record Envelope(@JsonProperty("external_metadata") ExternalMetadata externalMetadata) {
    }
}
