package io.spotdraftsync.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import io.spotdraftsync.sandbox.ContractLifecycle.ActionStatus;
import io.spotdraftsync.sandbox.ContractLifecycle.Approval;
import io.spotdraftsync.sandbox.ContractLifecycle.ApprovalStatus;
import io.spotdraftsync.sandbox.ContractLifecycle.ApprovalType;
import io.spotdraftsync.sandbox.ContractLifecycle.Person;
import io.spotdraftsync.sandbox.ContractLifecycle.Process;
import io.spotdraftsync.sandbox.ContractLifecycle.Recipient;
import io.spotdraftsync.sandbox.ContractLifecycle.RecipientStatus;
import io.spotdraftsync.sandbox.ContractLifecycle.RecipientType;

/**
 * Makes a template contract's lifecycle consistent with its status and workflow times: approvals before sending
 * (pre-send) and before signing (pre-sign, ad hoc), recipients once the contract reached the counterparty,
 * signatures once it was marked for signature, all signatures before execution. Who approves and signs is a
 * plan drawn from the contract's own random stream, so a status change reached at runtime finds the same people
 * the history would have had.
 */
final class LifecycleGenerator {

    private static final long APPROVAL_ID_BASE = 700_000;
    private static final long RECIPIENT_ID_BASE = 900_000;
    private static final long SECOND_SIGNATORY_ID_BASE = 600_000;
    /** Counterparty colleagues who co-sign, with names that are not ASCII. */
    private static final List<String[]> CO_SIGNATORIES = List.of(
            new String[] {"Björn", "Ångström"}, new String[] {"Zoë", "Dvořák"}, new String[] {"Şebnem", "Yılmaz"},
            new String[] {"Søren", "Bækgaard"}, new String[] {"Renée", "Lefèvre"}, new String[] {"Małgorzata", "Wiśniewska"});
    private static final List<String> SUGGESTIONS = List.of(
            "Cap liability at 12 months of fees.", "Please align the payment terms with our standard 30 days.",
            "Governing law should be Delaware.", "Add a mutual non-solicitation clause.");
    private static final List<String> REJECTIONS = List.of(
            "Indemnity is uncapped: not acceptable.", "Budget not approved for this quarter.",
            "Missing data processing addendum.");

    private final long seed;

    LifecycleGenerator(long seed) {
        this.seed = seed;
    }

    /** The lifecycle of a contract as generated, seen at {@code asOf} (nothing happens after it). */
    ContractLifecycle history(StoredContract.Builder contract, Instant asOf) {
        if (contract.id.family() != ContractId.Family.TEMPLATE) {
            return ContractLifecycle.NONE;
        }
        SplittableRandom history = Seeds.stream(seed, "lifecycle-history", contract.id.toString());
        boolean voided = contract.status == ContractStatus.VOIDED;
        Instant sent = contract.sentToCounterpartyAt;
        Instant marked = contract.markedForSignatureAt;
        Instant executed = contract.executedAt;
        Instant preSendEnd = sent != null ? sent : asOf;
        Instant preSignEnd = marked != null ? marked : asOf;

        List<Approval> approvals = new ArrayList<>();
        for (Approval approval : planApprovals(contract)) {
            if (approval.type() == ApprovalType.PRE_SEND) {
                approvals.add(fill(approval, contract.created, preSendEnd, sent != null, voided, history));
            } else if (sent != null) {
                approvals.add(fill(approval, sent, preSignEnd, marked != null, voided, history));
            } else if (approval.type() == ApprovalType.PRE_SIGN) {
                approvals.add(approval); // not started before the contract reaches the counterparty
            }
        }
        List<Recipient> recipients = new ArrayList<>();
        if (sent != null) {
            List<Recipient> planned = planRecipients(contract, sent);
            if (marked == null) {
                recipients.addAll(planned);
            } else {
                recipients.addAll(signing(planned, marked, executed != null ? executed : asOf, executed != null,
                        voided, history));
            }
        }
        Process process = process(contract, sent, marked != null ? marked : asOf, marked != null, history);
        return new ContractLifecycle(approvals, recipients, process).approverRecipientsMirrored();
    }

    /** The lifecycle after a status change at {@code at}; {@code contract} carries the new status and times. */
    ContractLifecycle afterStatusChange(StoredContract before, StoredContract.Builder contract, Instant at) {
        ContractLifecycle lifecycle = before.lifecycle();
        if (contract.id.family() != ContractId.Family.TEMPLATE) {
            return lifecycle;
        }
        if (before.sentToCounterpartyAt() == null && contract.sentToCounterpartyAt != null) {
            lifecycle = lifecycle.withApprovals(lifecycle.approvals().stream()
                    .map(a -> a.type() == ApprovalType.PRE_SEND ? approvedAt(a, at) : a).toList());
            lifecycle = lifecycle.withRecipients(planRecipients(contract, at))
                    .withProcess(new Process(1, at, contract.businessUser.email(), null, null, null, null))
                    .approverRecipientsMirrored();
        }
        if (before.markedForSignatureAt() == null && contract.markedForSignatureAt != null) {
            lifecycle = lifecycle.withApprovals(lifecycle.approvals().stream().map(a -> approvedAt(a, at)).toList());
            if (lifecycle.recipients().isEmpty()) {
                lifecycle = lifecycle.withRecipients(planRecipients(contract, at)).approverRecipientsMirrored();
            }
            lifecycle = lifecycle.withRecipients(lifecycle.recipients().stream()
                    .map(r -> r.type() == RecipientType.SIGNATORY ? r.sentAt(at) : r).toList());
        }
        if (before.executedAt() == null && contract.executedAt != null) {
            lifecycle = lifecycle.withRecipients(lifecycle.recipients().stream().map(r -> switch (r.type()) {
                case SIGNATORY -> r.signed() ? r : r.sentAt(at).completed(true, null, at);
                case RECEIVER -> r.sentAt(at).completed(true, "Executed copy delivered", at);
                case APPROVER -> r;
            }).toList());
        }
        if (contract.status == ContractStatus.VOIDED) {
            lifecycle = lifecycle.withApprovals(lifecycle.approvals().stream()
                    .map(a -> a.open() ? a.acted(ActionStatus.REJECTED, "Contract voided", at) : a).toList());
            Recipient decliner = lifecycle.recipients().stream()
                    .filter(r -> r.type() == RecipientType.SIGNATORY && r.status() == RecipientStatus.IN_PROGRESS)
                    .findFirst().orElse(null);
            if (decliner != null) {
                lifecycle = lifecycle.recipient(decliner.id(),
                        r -> r.completed(false, "Declined: the deal was called off", at));
            }
        }
        return lifecycle;
    }

    private static Approval approvedAt(Approval approval, Instant at) {
        if (approval.status().isFinal()) {
            return approval;
        }
        Approval sent = approval.sent() ? approval : approval.sentAt(at);
        return sent.acted(ActionStatus.APPROVED, null, at);
    }

    /** Who approves what, not started yet. */
    List<Approval> planApprovals(StoredContract.Builder contract) {
        SplittableRandom plan = Seeds.stream(seed, "lifecycle-plan", contract.id.toString());
        int count = 1 + plan.nextInt(3);
        long base = APPROVAL_ID_BASE + contract.id.number() * 10;
        OrganizationUser creator = WorkspaceDirectory.of(contract.creator);
        List<Approval> approvals = new ArrayList<>();
        approvals.add(new Approval(base + 1, "Legal review", ApprovalType.PRE_SEND,
                WorkspaceDirectory.of(contract.legalUser), creator, "Please review the liability and indemnity clauses.",
                false, null, List.of(), ApprovalStatus.NOT_STARTED));
        if (count >= 2) {
            approvals.add(new Approval(base + 2, "Finance approval", ApprovalType.PRE_SIGN,
                    WorkspaceDirectory.require(pick(plan, WorkspaceDirectory.FINANCE_APPROVERS)), creator,
                    "Payment terms and total value need Finance sign-off.", false, null, List.of(),
                    ApprovalStatus.NOT_STARTED));
        }
        if (count == 3) {
            approvals.add(new Approval(base + 3, "Business sign-off", ApprovalType.AD_HOC,
                    WorkspaceDirectory.require(pick(plan, WorkspaceDirectory.BUSINESS_APPROVERS)),
                    WorkspaceDirectory.of(contract.businessUser), null, false, null, List.of(),
                    ApprovalStatus.NOT_STARTED));
        }
        return approvals;
    }

    /** Who receives the contract once it is with the counterparty, all pending. */
    List<Recipient> planRecipients(StoredContract.Builder contract, Instant created) {
        SplittableRandom plan = Seeds.stream(seed, "lifecycle-recipients", contract.id.toString());
        List<Approval> approvals = planApprovals(contract);
        long base = RECIPIENT_ID_BASE + contract.id.number() * 10;
        List<Recipient> recipients = new ArrayList<>();
        approvals.stream().filter(a -> a.type() == ApprovalType.PRE_SIGN).findFirst().ifPresent(approval ->
                recipients.add(new Recipient(base + 1, RecipientType.APPROVER, person(approval.approver()),
                        approval.approver().designation(), 0, "Approves before signature", created, false, null, null,
                        RecipientStatus.PENDING, true, approval.id())));
        List<Recipient> signatories = new ArrayList<>();
        OrganizationUser ownSignatory = WorkspaceDirectory.require(pick(plan, WorkspaceDirectory.SIGNATORIES));
        signatories.add(new Recipient(base + 2, RecipientType.SIGNATORY, person(ownSignatory),
                ownSignatory.designation(), 0, null, created, false, null, null, RecipientStatus.PENDING, true, null));
        boolean counterpartyFirst = plan.nextBoolean();
        boolean coSignatory = plan.nextDouble() < 0.4;
        String[] coName = CO_SIGNATORIES.get(plan.nextInt(CO_SIGNATORIES.size()));
        Counterparty counterparty = contract.counterparty;
        if (counterparty != null) {
            Counterparty.Contact contact = counterparty.contact();
            List<Recipient> theirs = new ArrayList<>();
            theirs.add(new Recipient(base + 3, RecipientType.SIGNATORY,
                    new Person(contact.id(), contact.fullName(), contact.email(), null),
                    counterparty.individual() ? "" : "Authorised signatory", 0, null, created, false, null, null,
                    RecipientStatus.PENDING, false, null));
            if (coSignatory && !counterparty.individual()) {
                String domain = contact.email().substring(contact.email().indexOf('@') + 1);
                String email = (coName[0] + "." + coName[1]).toLowerCase(java.util.Locale.ROOT) + "@" + domain;
                theirs.add(new Recipient(base + 4, RecipientType.SIGNATORY,
                        new Person(SECOND_SIGNATORY_ID_BASE + counterparty.id() * 10L + 1, coName[0] + " " + coName[1],
                                email, "Director"), "Director", 0, "Co-signs for " + counterparty.name(), created, false,
                        null, null, RecipientStatus.PENDING, false, null));
            }
            if (counterpartyFirst) {
                signatories.addAll(0, theirs);
            } else {
                signatories.addAll(theirs);
            }
        }
        recipients.addAll(signatories);
        OrganizationUser receiver = WorkspaceDirectory.of(contract.businessUser);
        recipients.add(new Recipient(base + 5, RecipientType.RECEIVER, person(receiver), "", 0,
                "Receives the executed copy", created, false, null, null, RecipientStatus.PENDING, true, null));
        List<Recipient> ordered = new ArrayList<>();
        for (int i = 0; i < recipients.size(); i++) {
            Recipient r = recipients.get(i);
            ordered.add(new Recipient(r.id(), r.type(), r.user(), r.title(), i + 1, r.note(), r.created(), r.sent(),
                    r.lastSentAt(), r.action(), r.status(), r.creatorParty(), r.approvalId()));
        }
        return ordered;
    }

    private static Person person(OrganizationUser user) {
        return new Person(user.id(), user.name(), user.email(), user.designation());
    }

    /** One approval within its window; a closed window ends approved, an open one at any step. */
    private static Approval fill(Approval approval, Instant start, Instant end, boolean closed, boolean voided,
            SplittableRandom history) {
        long span = Math.max(0, Duration.between(start, end).toMillis());
        int step = closed ? 3 : span == 0 ? 0 : history.nextInt(4);
        double[] fractions = sortedFractions(history, 3);
        double shape = history.nextDouble();
        Approval result = approval;
        if (step >= 1) {
            result = result.sentAt(at(start, span, fractions[0] * 0.2));
        }
        ActionStatus intermediate = null;
        if (step == 2) {
            intermediate = shape < 0.6 ? ActionStatus.SUGGESTED : ActionStatus.REJECTED;
        } else if (step == 3 && shape < 0.4) {
            intermediate = shape < 0.25 ? ActionStatus.SUGGESTED : ActionStatus.REJECTED;
        }
        if (intermediate != null) {
            List<String> notes = intermediate == ActionStatus.SUGGESTED ? SUGGESTIONS : REJECTIONS;
            result = result.acted(intermediate, notes.get(history.nextInt(notes.size())),
                    at(start, span, 0.2 + fractions[1] * 0.4));
        }
        if (step == 3) {
            boolean skipped = approval.type() == ApprovalType.AD_HOC && shape > 0.75;
            result = result.acted(skipped ? ActionStatus.SKIPPED : ActionStatus.APPROVED,
                    skipped ? "Skipped: approver on leave" : shape > 0.7 ? "Looks good." : null,
                    at(start, span, 0.6 + fractions[2] * 0.4));
        }
        if (voided && !closed && result.open()) {
            result = result.acted(ActionStatus.REJECTED, "Contract voided", end);
        }
        return result;
    }

    /** Signatories sent at {@code start}; all signed by a closed window's end, some by an open window's end. */
    private static List<Recipient> signing(List<Recipient> planned, Instant start, Instant end, boolean executed,
            boolean voided, SplittableRandom history) {
        long span = Math.max(0, Duration.between(start, end).toMillis());
        List<Recipient> signatories = planned.stream().filter(r -> r.type() == RecipientType.SIGNATORY).toList();
        int signedCount = executed ? signatories.size() : span == 0 ? 0 : history.nextInt(signatories.size());
        double[] fractions = sortedFractions(history, signatories.size());
        List<Recipient> result = new ArrayList<>();
        int signatory = 0;
        boolean declined = false;
        for (Recipient recipient : planned) {
            Recipient next = recipient;
            if (recipient.type() == RecipientType.SIGNATORY) {
                next = recipient.sentAt(start);
                if (signatory < signedCount) {
                    // strictly before the execution time
                    next = next.completed(true, null, at(start, span, fractions[signatory] * 0.98));
                } else if (voided && !declined) {
                    next = next.completed(false, "Declined: the deal was called off", end);
                    declined = true;
                }
                signatory++;
            } else if (recipient.type() == RecipientType.RECEIVER && executed) {
                next = recipient.sentAt(end).completed(true, "Executed copy delivered", end);
            }
            result.add(next);
        }
        return result;
    }

    private static Process process(StoredContract.Builder contract, Instant sent, Instant end, boolean closed,
            SplittableRandom history) {
        if (sent == null) {
            return new Process(0, null, null, null, null, null, null);
        }
        long span = Math.max(0, Duration.between(sent, end).toMillis());
        if (span == 0) {
            return new Process(1, sent, contract.businessUser.email(), null, null, null, null);
        }
        int turns = closed ? 1 + history.nextInt(6) : 1 + history.nextInt(4);
        Instant lastTurn = turns == 1 ? sent : at(sent, span, 0.5 + history.nextDouble() * 0.45);
        String by = history.nextBoolean() ? contract.businessUser.email() : contract.legalUser.email();
        String override = history.nextDouble() < 0.08 ? "Turn reassigned after a call with the counterparty" : null;
        Instant opened = at(sent, span, 0.02 + history.nextDouble() * 0.08);
        boolean addedInfo = history.nextBoolean();
        Instant infoFirst = addedInfo ? at(sent, span, 0.15 + history.nextDouble() * 0.15) : null;
        Instant infoLatest = addedInfo ? at(sent, span, 0.35 + history.nextDouble() * 0.55) : null;
        return new Process(turns, lastTurn, by, override, opened, infoFirst, infoLatest);
    }

    private static Instant at(Instant start, long spanMillis, double fraction) {
        return start.plusMillis((long) (spanMillis * fraction)).truncatedTo(ChronoUnit.MICROS);
    }

    private static double[] sortedFractions(SplittableRandom random, int count) {
        double[] fractions = new double[count];
        for (int i = 0; i < count; i++) {
            fractions[i] = random.nextDouble();
        }
        Arrays.sort(fractions);
        return fractions;
    }

    private static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
