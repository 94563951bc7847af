package io.spotdraftsync.sandbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Picks random changes, weighted towards what happens most in a contract repository (workflow steps, metadata
 * edits), with occasional creations, new versions, deletions and restorations. Lifecycle changes (approvers and
 * signatories acting, counterparty edits, e-mails opened) join them only once switched on, so that the changes
 * (and the webhooks) of a given seed stay what they were for callers that do not ask for them.
 */
final class RandomMutations {

    private enum Kind {
        CREATE(10), RENAME(15), EDIT_KEY_POINTERS(20), EDIT_EXTERNAL_METADATA(8), ADVANCE_STATUS(25),
        UPLOAD_NEW_VERSION(12), DELETE(7), RESTORE(3),
        // lifecycle kinds, drawn only when switched on
        APPROVAL_STEP(18), SIGNATURE_STEP(14), COUNTERPARTY_UPDATE(4), EMAIL_OPENED(4);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    private static final List<Kind> CONTENT_KINDS = List.of(Kind.CREATE, Kind.RENAME, Kind.EDIT_KEY_POINTERS,
            Kind.EDIT_EXTERNAL_METADATA, Kind.ADVANCE_STATUS, Kind.UPLOAD_NEW_VERSION, Kind.DELETE, Kind.RESTORE);
    private static final List<Kind> ALL_KINDS = Arrays.asList(Kind.values());

    private final ContractStore store;
    private final ContractChanges changes;
    private final Random random;
    private volatile boolean lifecycle;

    RandomMutations(ContractStore store, ContractChanges changes, long seed) {
        this.store = store;
        this.changes = changes;
        this.random = new Random(Seeds.derive(seed, "mutations", ""));
    }

    /** Lets the lifecycle kinds join the draw (or not). */
    void setLifecycle(boolean enabled) {
        this.lifecycle = enabled;
    }

    /** Performs {@code count} random changes; returns the id each one touched, in order. */
    synchronized List<ContractId> mutate(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
        List<ContractId> touched = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            touched.add(mutateOnce());
        }
        return touched;
    }

    private ContractId mutateOnce() {
        Kind kind = pickKind();
        List<StoredContract> candidates = store.all().stream()
                .filter(contract -> switch (kind) {
                    case RESTORE -> contract.deleted();
                    case ADVANCE_STATUS -> !contract.deleted() && !contract.status().isFinal();
                    case APPROVAL_STEP -> !contract.deleted() && !contract.status().isFinal()
                            && contract.lifecycle().approvals().stream().anyMatch(a -> a.open()
                                    || a.status() == ContractLifecycle.ApprovalStatus.NOT_STARTED);
                    case SIGNATURE_STEP -> !contract.deleted() && contract.status() == ContractStatus.SIGN
                            && (waitingSignatory(contract) || markableForExecution(contract));
                    case COUNTERPARTY_UPDATE -> !contract.deleted() && contract.counterparty() != null;
                    case EMAIL_OPENED -> !contract.deleted() && contract.lifecycle().process() != null
                            && contract.sentToCounterpartyAt() != null && !contract.status().isFinal();
                    default -> !contract.deleted();
                })
                .toList();
        if (candidates.isEmpty()) {
            // nothing to change of that kind (no deleted contract to restore, say): create one instead
            return changes.create().id();
        }
        ContractId target = candidates.get(random.nextInt(candidates.size())).id();
        return switch (kind) {
            case CREATE -> changes.create().id();
            case RENAME -> changes.rename(target).id();
            case EDIT_KEY_POINTERS -> changes.editKeyPointers(target).id();
            case EDIT_EXTERNAL_METADATA -> changes.editExternalMetadata(target).id();
            case ADVANCE_STATUS -> changes.advanceStatus(target).id();
            case UPLOAD_NEW_VERSION -> changes.uploadNewVersion(target).id();
            case DELETE -> changes.delete(target).id();
            case RESTORE -> changes.restore(target).id();
            case APPROVAL_STEP -> approvalStep(target);
            case SIGNATURE_STEP -> signatureStep(target);
            case COUNTERPARTY_UPDATE -> changes.updateCounterparty(target).id();
            case EMAIL_OPENED -> changes.emailOpened(target).id();
        };
    }

    /** Requests the next approval, or lets the approver of an open one approve (mostly), suggest or reject. */
    private ContractId approvalStep(ContractId target) {
        StoredContract contract = store.find(target).orElseThrow();
        if (contract.lifecycle().approvals().stream().noneMatch(ContractLifecycle.Approval::open)) {
            return changes.requestApproval(target).id();
        }
        double draw = random.nextDouble();
        ContractLifecycle.ActionStatus action = draw < 0.6 ? ContractLifecycle.ActionStatus.APPROVED
                : draw < 0.8 ? ContractLifecycle.ActionStatus.SUGGESTED : ContractLifecycle.ActionStatus.REJECTED;
        String notes = switch (action) {
            case APPROVED -> null;
            case SUGGESTED -> "Please tighten the termination clause.";
            default -> "Rejected: the discount exceeds policy.";
        };
        return changes.actOnApproval(target, action, notes).id();
    }

    /** A signatory signs (mostly) or declines; a fully signed contract is marked for execution. */
    private ContractId signatureStep(ContractId target) {
        StoredContract contract = store.find(target).orElseThrow();
        if (!waitingSignatory(contract)) {
            return changes.markForExecution(target).id();
        }
        boolean signs = random.nextDouble() < 0.85;
        return changes.actOnSignature(target, signs, signs ? null : "Declined: wrong signing entity.").id();
    }

    private static boolean waitingSignatory(StoredContract contract) {
        return contract.lifecycle().recipients().stream()
                .anyMatch(r -> r.type() == ContractLifecycle.RecipientType.SIGNATORY
                        && r.status() == ContractLifecycle.RecipientStatus.IN_PROGRESS);
    }

    private static boolean markableForExecution(StoredContract contract) {
        List<ContractLifecycle.Recipient> recipients = contract.lifecycle().recipients();
        return recipients.stream().filter(r -> r.type() == ContractLifecycle.RecipientType.SIGNATORY)
                .allMatch(ContractLifecycle.Recipient::signed)
                && recipients.stream().anyMatch(r -> r.type() == ContractLifecycle.RecipientType.RECEIVER && !r.sent());
    }

    private Kind pickKind() {
        List<Kind> kinds = lifecycle ? ALL_KINDS : CONTENT_KINDS;
        int ticket = random.nextInt(kinds.stream().mapToInt(kind -> kind.weight).sum());
        for (Kind kind : kinds) {
            ticket -= kind.weight;
            if (ticket < 0) {
                return kind;
            }
        }
        throw new IllegalStateException("weights exhausted");
    }
}
