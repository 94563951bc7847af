package io.spotdraftsync.spotdraft.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A webhook delivery ({@code ContractActivityDomainModel}). Webhooks are signals, not the source of truth:
 * the receiver fetches fresh state from the API. {@code contractId} is the numeric id only.
 */
public record WebhookEvent(
        String activity,
        @JsonProperty("activity_data") ActivityData activityData,
        @JsonProperty("contract_id") Long contractId,
        @JsonProperty("contract_title") String contractTitle,
        @JsonProperty("contract_type") String contractType,
        @JsonProperty("contract_type_name") String contractTypeName,
        @JsonProperty("contract_type_id") Long contractTypeId,
        @JsonProperty("contract_status") String contractStatus,
        @JsonProperty("contract_kind") String contractKind,
        @JsonProperty("business_user") Person businessUser,
        @JsonProperty("legal_user") Person legalUser,
        @JsonProperty("created_at") Instant createdAt,
        List<Map<String, Object>> counterparties,
        @JsonProperty("external_metadata") Map<String, Object> externalMetadata,
        Map<String, Object> entity,
        @JsonProperty("contract_reference_id") String contractReferenceId,
        @JsonProperty("contract_template_id") Long contractTemplateId) {

    public record ActivityData(@JsonProperty("performed_by") Person performedBy, Instant timestamp) {
    }

    public record Person(String name, String email) {
    }
}
