package io.spotdraftsync.spotdraft.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Workflow timestamps of a contract; the execution date never changes once set. */
public record ProcessMetrics(
        @JsonProperty("contract_id") Long contractId,
        @JsonProperty("contract_executed_datetime") Instant contractExecutedDatetime,
        @JsonProperty("contract_sent_to_cp_datetime") Instant contractSentToCpDatetime,
        @JsonProperty("marked_for_signature_datetime") Instant markedForSignatureDatetime,
        @JsonProperty("type_of_workflow") String typeOfWorkflow,
        @JsonProperty("contract_status") String contractStatus,
        @JsonProperty("pending_with") String pendingWith) {
}
