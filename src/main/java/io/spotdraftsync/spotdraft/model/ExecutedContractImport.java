package io.spotdraftsync.spotdraft.model;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code POST /api/v2.1/public/contracts/executed_contracts/}. The OpenAPI schema and the portal's
 * playbook disagree on field names ({@code file_content} vs {@code file_base64}, ...): the schema wins, and
 * the names live here only.
 *
 * @param fileContent the PDF, base64; the import job streams it into the request instead of building this
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecutedContractImport(
        @JsonProperty("contract_name") String contractName,
        @JsonProperty("file_name") String fileName,
        @JsonProperty("file_content") String fileContent,
        @JsonProperty("contract_type_id") Long contractTypeId,
        @JsonProperty("organization_entity_id") Long organizationEntityId,
        @JsonProperty("counterparty_details") List<CounterpartyDetails> counterpartyDetails,
        @JsonProperty("external_metadata") ExternalMetadata externalMetadata) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CounterpartyDetails(
            @JsonProperty("is_individual") boolean individual,
            @JsonProperty("organization_name") String organizationName,
            @JsonProperty("poc_details") PointOfContact pointOfContact) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PointOfContact(
            @JsonProperty("first_name") String firstName,
            @JsonProperty("last_name") String lastName,
            String email) {
    }

    /** The metadata values sent after the create, {@code {"key_pointers":[{"key_pointer_field_name","value"}]}}. */
    public record BulkKeyPointers(@JsonProperty("key_pointers") List<Map<String, Object>> keyPointers) {
    }
}
