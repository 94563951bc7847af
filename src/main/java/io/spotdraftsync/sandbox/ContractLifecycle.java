package io.spotdraftsync.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * How a contract got where it is: its approvals with the approvers' actions, its recipients (approvers,
 * signatories, receivers) with what they did, and the negotiation measurements of its process metrics. Immutable;
 * status changes and the lifecycle test hooks build a new one (see {@link LifecycleGenerator}).
 *
 * @param process null for contracts that never went through SpotDraft's workflow (imported, {@code H-})
 */
record ContractLifecycle(List<Approval> approvals, List<Recipient> recipients, Process process) {

    static final ContractLifecycle NONE = new ContractLifecycle(List.of(), List.of(), null);

    ContractLifecycle {
        approvals = List.copyOf(approvals);
        recipients = List.copyOf(recipients);
    }

    enum ApprovalType { PRE_SEND, PRE_SIGN, AD_HOC }

    /** {@code RequiredApprovalStatus}. */
    enum ApprovalStatus {
        NOT_STARTED, PENDING, REJECTED, SUGGESTED, APPROVED, SKIPPED;

        boolean isFinal() {
            return this == APPROVED || this == SKIPPED;
        }
    }

    /** {@code ContractApprovalV2Status}: what an approver did. */
    enum ActionStatus { APPROVED, REJECTED, SUGGESTED, SKIPPED }

    record ApprovalAction(ActionStatus status, String notes, Instant at) {
    }

    /** One approval step; the last action is the latest. */
    record Approval(long id, String name, ApprovalType type, OrganizationUser approver, OrganizationUser createdBy,
            String notes, boolean sent, Instant lastSentAt, List<ApprovalAction> actions, ApprovalStatus status) {

        Approval {
            actions = List.copyOf(actions);
        }

        Approval sentAt(Instant at) {
            return new Approval(id, name, type, approver, createdBy, notes, true, at, actions, ApprovalStatus.PENDING);
        }

        Approval acted(ActionStatus action, String actionNotes, Instant at) {
            List<ApprovalAction> more = new ArrayList<>(actions);
            more.add(new ApprovalAction(action, actionNotes, at));
            return new Approval(id, name, type, approver, createdBy, notes, true, lastSentAt == null ? at : lastSentAt,
                    more, ApprovalStatus.valueOf(action.name()));
        }

        boolean open() {
            return sent && !status.isFinal();
        }
    }

    enum RecipientType { SIGNATORY, APPROVER, RECEIVER }

    /** {@code RecipientStatus}. */
    enum RecipientStatus { PENDING, IN_PROGRESS, COMPLETED }

    /** A recipient's user: a workspace member or a counterparty contact. */
    record Person(long id, String name, String email, String designation) {
    }

    record RecipientAction(boolean success, String notes, Instant at) {
    }

    /**
     * @param creatorParty true for the workspace's own people, false for the counterparty's
     * @param approvalId for an {@code APPROVER} recipient, the approval it mirrors
     */
    record Recipient(long id, RecipientType type, Person user, String title, int order, String note, Instant created,
            boolean sent, Instant lastSentAt, RecipientAction action, RecipientStatus status, boolean creatorParty,
            Long approvalId) {

        Recipient sentAt(Instant at) {
            return new Recipient(id, type, user, title, order, note, created, true, at, action,
                    status == RecipientStatus.COMPLETED ? status : RecipientStatus.IN_PROGRESS, creatorParty, approvalId);
        }

        Recipient completed(boolean success, String notes, Instant at) {
            return new Recipient(id, type, user, title, order, note, created, true, lastSentAt == null ? at : lastSentAt,
                    new RecipientAction(success, notes, at), RecipientStatus.COMPLETED, creatorParty, approvalId);
        }

        boolean signed() {
            return type == RecipientType.SIGNATORY && action != null && action.success();
        }
    }

    /**
     * The negotiation measurements; null times are not known yet.
     *
     * @param turns how often the contract changed hands during redlining
     */
    record Process(int turns, Instant lastTurnAt, String lastTurnByEmail, String turnOverrideReason,
            Instant counterpartyOpenedAt, Instant counterpartyInfoFirstAt, Instant counterpartyInfoLatestAt) {
    }

    ContractLifecycle withApprovals(List<Approval> newApprovals) {
        return new ContractLifecycle(newApprovals, recipients, process).approverRecipientsMirrored();
    }

    ContractLifecycle withRecipients(List<Recipient> newRecipients) {
        return new ContractLifecycle(approvals, newRecipients, process);
    }

    ContractLifecycle withProcess(Process newProcess) {
        return new ContractLifecycle(approvals, recipients, newProcess);
    }

    /** Applies {@code change} to the approval of that id. */
    ContractLifecycle approval(long approvalId, UnaryOperator<Approval> change) {
        return withApprovals(approvals.stream().map(a -> a.id() == approvalId ? change.apply(a) : a).toList());
    }

    ContractLifecycle recipient(long recipientId, UnaryOperator<Recipient> change) {
        return withRecipients(recipients.stream().map(r -> r.id() == recipientId ? change.apply(r) : r).toList());
    }

    /** An {@code APPROVER} recipient shows the state of the approval it mirrors. */
    ContractLifecycle approverRecipientsMirrored() {
        List<Recipient> mirrored = recipients.stream().map(recipient -> {
            if (recipient.approvalId() == null) {
                return recipient;
            }
            return approvals.stream().filter(a -> a.id() == recipient.approvalId()).findFirst().map(approval -> {
                ApprovalAction latest = approval.actions().isEmpty() ? null : approval.actions().get(approval.actions().size() - 1);
                RecipientStatus status = approval.status().isFinal() ? RecipientStatus.COMPLETED
                        : approval.sent() ? RecipientStatus.IN_PROGRESS : RecipientStatus.PENDING;
                RecipientAction action = latest == null ? null
                        : new RecipientAction(latest.status() == ActionStatus.APPROVED
                                || latest.status() == ActionStatus.SKIPPED, latest.notes(), latest.at());
                return new Recipient(recipient.id(), recipient.type(), recipient.user(), recipient.title(),
                        recipient.order(), recipient.note(), recipient.created(), approval.sent(), approval.lastSentAt(),
                        action, status, true, recipient.approvalId());
            }).orElse(recipient);
        }).toList();
        return new ContractLifecycle(approvals, mirrored, process);
    }

    /** The signatories that signed, in signing order. */
    List<Recipient> signatures() {
        return recipients.stream().filter(Recipient::signed)
                .sorted(java.util.Comparator.comparing(r -> r.action().at())).toList();
    }
}
