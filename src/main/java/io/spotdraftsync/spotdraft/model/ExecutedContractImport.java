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
        @JsonProperty(CONTRACT_NAME) String contractName,
        @JsonProperty(FILE_NAME) String fileName,
        @JsonProperty(FILE_CONTENT) String fileContent,
        @JsonProperty(CONTRACT_TYPE_ID) Long contractTypeId,
        @JsonProperty(ORGANIZATION_ENTITY_ID) Long organizationEntityId,
        @JsonProperty(COUNTERPARTY_DETAILS) List<CounterpartyDetails> counterpartyDetails,
        @JsonProperty(EXTERNAL_METADATA) ExternalMetadata externalMetadata) {

    public static final String CONTRACT_NAME = "contract_name";
    public static final String FILE_NAME = "file_name";
    public static final String FILE_CONTENT = "file_content";
    public static final String CONTRACT_TYPE_ID = "contract_type_id";
    public static final String ORGANIZATION_ENTITY_ID = "organization_entity_id";
    public static final String COUNTERPARTY_DETAILS = "counterparty_details";
    public static final String EXTERNAL_METADATA = "external_metadata";

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
