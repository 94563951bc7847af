package io.spotdraftsync.spotdraft.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code GET /contracts/{id}/status}. */
public record ContractStatus(
        @JsonProperty("contract_status") String contractStatus,
        @JsonProperty("contract_name") String contractName) {
}
