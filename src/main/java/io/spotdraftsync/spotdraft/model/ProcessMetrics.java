package io.spotdraftsync.spotdraft.model;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Workflow timestamps, turns and signatures of a template contract ({@code ContractProcessMetricResponse}); every
 * field but the id may be absent or null.
 */
public record ProcessMetrics(
        @JsonProperty("contract_id") Long contractId,
        @JsonProperty("contract_executed_datetime") Instant contractExecutedDatetime,
        @JsonProperty("contract_sent_to_cp_datetime") Instant contractSentToCpDatetime,
        @JsonProperty("marked_for_signature_datetime") Instant markedForSignatureDatetime,
        @JsonProperty("type_of_workflow") String typeOfWorkflow,
        @JsonProperty("contract_status") String contractStatus,
        @JsonProperty("pending_with") String pendingWith,
        @JsonProperty("cp_added_info_initial_datetime") Instant cpAddedInfoInitialDatetime,
        @JsonProperty("cp_added_info_latest_datetime") Instant cpAddedInfoLatestDatetime,
        @JsonProperty("cp_opened_review_email_datetime") Instant cpOpenedReviewEmailDatetime,
        @JsonProperty("contract_signed_by_signatory_list") List<Signatory> signatories,
        @JsonProperty("contract_turns") Turns contractTurns) {

    public ProcessMetrics {
        signatories = signatories == null ? List.of() : signatories.stream().filter(java.util.Objects::nonNull).toList();
    }

    /** One signature ({@code SignatoryData}). */
    public record Signatory(
            @JsonProperty("is_creator_party") Boolean isCreatorParty,
            @JsonProperty("signed_datetime") Instant signedDatetime,
            @JsonProperty("signatory_email") String signatoryEmail) {
    }

    /** {@code ContractTurnsData}. */
    public record Turns(
            @JsonProperty("manual_override_reason") String manualOverrideReason,
            @JsonProperty("last_turn_change_datetime") Instant lastTurnChangeDatetime,
            @JsonProperty("last_turn_change_org_user_email") String lastTurnChangeOrgUserEmail,
            @JsonProperty("no_of_turns") Long noOfTurns) {
    }
}
