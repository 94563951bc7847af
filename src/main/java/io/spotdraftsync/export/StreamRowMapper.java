package io.spotdraftsync.export;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.spotdraftsync.spotdraft.SpotDraftClient;
import io.spotdraftsync.spotdraft.model.ContractApproval;
import io.spotdraftsync.spotdraft.model.ContractRecipient;
import io.spotdraftsync.spotdraft.model.ProcessMetrics;
import io.spotdraftsync.streams.ContractStream;
import io.spotdraftsync.warehouse.ApprovalActionRow;
import io.spotdraftsync.warehouse.ApprovalRow;
import io.spotdraftsync.warehouse.ProcessMetricsRow;
import io.spotdraftsync.warehouse.RecipientRow;
import io.spotdraftsync.warehouse.SignatureRow;
import io.spotdraftsync.warehouse.StreamRows;
import io.spotdraftsync.warehouse.StreamStateRow;

import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the streams fetched for the contracts of a chunk into warehouse rows: for each (contract, stream) fetched, its
 * complete set of rows and one state row whose fingerprint is the SHA-256 of what SpotDraft answered (the document's
 * version id for the document stream).
 */
final class StreamRowMapper {

    private static final JsonMapper JSON = SpotDraftClient.jsonMapper();

    private final String workspace;
    private final String runId;
    private final List<StreamStateRow> states = new ArrayList<>();
    private final List<ApprovalRow> approvals = new ArrayList<>();
    private final List<ApprovalActionRow> actions = new ArrayList<>();
    private final List<RecipientRow> recipients = new ArrayList<>();
    private final List<ProcessMetricsRow> metrics = new ArrayList<>();
    private final List<SignatureRow> signatures = new ArrayList<>();

    StreamRowMapper(String workspace, String runId) {
        this.workspace = workspace;
        this.runId = runId;
    }

    void add(EnrichedContract contract) {
        String id = contract.id();
        Instant at = contract.extractedAt();
        String status = contract.item().contractStatus();
        for (ContractStream stream : contract.fetched()) {
            String fingerprint = switch (stream) {
                case KEY_POINTERS -> sha256(contract.keyPointers());
                case DOCUMENT -> contract.documentVersionId() == null ? null : String.valueOf(contract.documentVersionId());
                case PROCESS_METRICS -> sha256(contract.processMetrics());
                case APPROVALS -> sha256(contract.approvals());
                case RECIPIENTS -> sha256(contract.recipients());
            };
            states.add(new StreamStateRow(workspace, id, stream.streamName(), status, fingerprint, at, runId));
        }
        if (contract.has(ContractStream.APPROVALS)) {
            for (ContractApproval approval : contract.approvals()) {
                ContractApproval.Approval step = approval.approval();
                if (step == null || step.id() == null) {
                    continue;
                }
                approvals.add(new ApprovalRow(workspace, id, step.id(), step.approvalName(), step.approvalType(), step.status(),
                        step.orgUser() == null ? null : step.orgUser().id(), step.orgUser() == null ? null : step.orgUser().email(),
                        step.orgUser() == null ? null : step.orgUser().name(), step.sentForApproval(), step.lastSentAt(),
                        step.createdByOrgUser() == null ? null : step.createdByOrgUser().email(), step.notes(), at, runId));
                for (ContractApproval.Action action : approval.approvalActions()) {
                    if (action.status() != null && action.created() != null) {
                        actions.add(new ApprovalActionRow(workspace, id, step.id(), action.status(), action.created(), action.notes(),
                                action.latest(), at, runId));
                    }
                }
            }
        }
        if (contract.has(ContractStream.RECIPIENTS)) {
            for (ContractRecipient item : contract.recipients()) {
                ContractRecipient.Recipient recipient = item.recipient();
                if (recipient == null || recipient.id() == null) {
                    continue;
                }
                ContractRecipient.User user = recipient.user();
                ContractRecipient.Action action = item.recipientAction();
                recipients.add(new RecipientRow(workspace, id, recipient.id(), recipient.recipientType(),
                        user == null ? null : user.id(), user == null ? null : user.email(), user == null ? null : user.name(),
                        user == null ? null : user.designation(), recipient.title(), recipient.recipientOrder(), item.status(),
                        recipient.isSentForSignature(), recipient.lastSentForSignatureAt(),
                        action == null ? null : action.isSuccess(), action == null ? null : action.actionNotes(),
                        action == null ? null : action.timestamp(), at, runId));
            }
        }
        if (contract.has(ContractStream.PROCESS_METRICS) && contract.processMetrics() != null) {
            ProcessMetrics m = contract.processMetrics();
            ProcessMetrics.Turns turns = m.contractTurns();
            metrics.add(new ProcessMetricsRow(workspace, id, m.typeOfWorkflow(), m.pendingWith(), m.contractSentToCpDatetime(),
                    m.cpOpenedReviewEmailDatetime(), m.cpAddedInfoInitialDatetime(), m.cpAddedInfoLatestDatetime(),
                    m.markedForSignatureDatetime(), m.contractExecutedDatetime(), turns == null ? null : turns.noOfTurns(),
                    turns == null ? null : turns.lastTurnChangeDatetime(), turns == null ? null : turns.lastTurnChangeOrgUserEmail(),
                    turns == null ? null : turns.manualOverrideReason(), at, runId));
            for (ProcessMetrics.Signatory signatory : m.signatories()) {
                if (signatory.signatoryEmail() != null && signatory.signedDatetime() != null) {
                    signatures.add(new SignatureRow(workspace, id, signatory.signatoryEmail(), signatory.signedDatetime(),
                            signatory.isCreatorParty(), at, runId));
                }
            }
        }
    }

    StreamRows rows() {
        return new StreamRows(states, approvals, actions, recipients, metrics, signatures);
    }

    private static String sha256(Object answer) {
        try {
            byte[] json = JSON.writeValueAsString(answer).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
