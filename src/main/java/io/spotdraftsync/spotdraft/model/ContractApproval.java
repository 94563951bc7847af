package io.spotdraftsync.spotdraft.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One approval of a contract with the actions taken on it ({@code PublicContractApprovalExpandedResponse}, an item
 * of {@code GET /api/v2.1/public/contracts/approvals/{contract_id}/}).
 */
public record ContractApproval(
        @JsonProperty("approval_actions") List<Action> approvalActions,
        Approval approval) {

    public ContractApproval {
        approvalActions = approvalActions == null ? List.of() : approvalActions.stream().filter(Objects::nonNull).toList();
    }

    /** {@code PublicContractRequiredApprovalResponse}. */
    public record Approval(
            Long id,
            @JsonProperty("contract_id") Long contractId,
            @JsonProperty("approval_name") String approvalName,
            @JsonProperty("approval_type") String approvalType,
            @JsonProperty("org_user") OrgUser orgUser,
            @JsonProperty("sent_for_approval") Boolean sentForApproval,
            @JsonProperty("last_sent_at") Instant lastSentAt,
            String notes,
            @JsonProperty("created_by_org_user") OrgUser createdByOrgUser,
            String status) {
    }

    /** {@code ContractApprovalAction}: APPROVED, REJECTED, SUGGESTED or SKIPPED. */
    public record Action(String status, String notes, Instant created, Boolean latest) {
    }

    public record OrgUser(Long id, String name, String email) {
    }

    /** The response envelope. */
    public record ListResponse(List<ContractApproval> results) {
    }
}
