package io.spotdraftsync.spotdraft.model;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One contract as the list endpoint returns it ({@code ContractResponseV2}). It has no last-modified field.
 *
 * @param id composite id such as {@code T-1234} or {@code H-77}; an integer in one documented example, so a
 *           number is accepted and read as its text
 */
public record ContractListItem(
        String id,
        Instant created,
        @JsonProperty("contract_name") String contractName,
        @JsonProperty("contract_link") String contractLink,
        @JsonProperty("contract_status") String contractStatus,
        @JsonProperty("created_by") String createdBy,
        @JsonProperty("counter_party_name") String counterPartyName,
        @JsonProperty("contract_type_name") String contractTypeName,
        @JsonProperty("contract_type_id") Long contractTypeId,
        @JsonProperty("external_metadata") Map<String, Object> externalMetadata,
        @JsonProperty("reference_id") String referenceId,
        @JsonProperty("created_by_user_name") String createdByUserName,
        @JsonProperty("created_by_user_email") String createdByUserEmail,
        @JsonProperty("created_by_workspace") Long createdByWorkspace) {

    /** The contract family: {@code T} (template) or {@code H} (historical, imported), from the id. */
    public ContractId contractId() {
        return ContractId.parse(id);
    }
}
