package io.spotdraftsync.sandbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Every change the sandbox can make to contracts, each followed by exactly one webhook. Used by the API
 * handlers, the public mutation methods and the background driver.
 *
 * <p>Methods drawing random content are synchronized so the content stream stays reproducible for a
 * single-threaded caller.
 */
final class ContractChanges {

    /** Who API calls act as (the user linked to the sandbox credentials). */
    static final WorkspaceUser API_USER = new WorkspaceUser(17250, "Integration User", "integration@northwind.example");

    private final ContractStore store;
    private final ContractFactory factory;
    private final WebhookDispatcher webhooks;
    private final SplittableRandom random;
    private final LifecycleGenerator lifecycles;
    private final Workspace workspace;
    private final SplittableRandom lifecycleRandom;

    ContractChanges(ContractStore store, ContractFactory factory, WebhookDispatcher webhooks, long seed,
            Workspace workspace) {
        this.store = store;
        this.factory = factory;
        this.webhooks = webhooks;
        this.random = Seeds.stream(seed, "changes", "");
        this.lifecycles = new LifecycleGenerator(seed);
        this.workspace = workspace;
        // lifecycle changes draw from their own stream: the content stream of the other changes stays as it was
        this.lifecycleRandom = Seeds.stream(seed, "lifecycle-changes", "");
    }

    /** A new template contract in DRAFT. */
    synchronized StoredContract create() {
        StoredContract created = store.insert(ContractId.Family.TEMPLATE, fresh -> {
            StoredContract.Builder contract = factory.templateContract(random, fresh.id(), ContractStatus.DRAFT,
                    fresh.createdAt(), fresh.referenceId(), fresh.versionId());
            contract.lifecycle = lifecycles.history(contract, fresh.createdAt());
            return contract;
        });
        return announce(created, ContractActivity.CONTRACT_CREATED, created.creator());
    }

    synchronized StoredContract rename(ContractId id) {
        StoredContract renamed = store.update(id, (contract, at) -> {
            requireLive(contract);
            contract.name = factory.revisedName(contract.name);
        }).after();
        return announce(renamed, ContractActivity.CONTRACT_DATA_UPDATED, renamed.businessUser());
    }

    synchronized StoredContract editKeyPointers(ContractId id) {
        StoredContract edited = store.update(id, (contract, at) -> {
            requireLive(contract);
            contract.keyPointers = factory.editedKeyPointers(random, contract.build(), contract.created);
        }).after();
        return announce(edited, ContractActivity.CONTRACT_KEY_POINTER_UPDATION, edited.businessUser());
    }

    /** Sets the given values (by definition id), as the bulk endpoint does. */
    StoredContract setKeyPointers(ContractId id, Map<Integer, KeyPointerValue> values) {
        ContractStore.Change change = store.update(id, (contract, at) -> {
            requireLive(contract);
            Map<Integer, KeyPointerValue> byId = new LinkedHashMap<>();
            contract.keyPointers.forEach(value -> byId.put(value.id(), value));
            byId.putAll(values);
            contract.keyPointers = ContractFactory.inDefinitionOrder(contract.type, byId);
        });
        boolean allExisted = change.before().keyPointers().stream().map(KeyPointerValue::id).toList()
                .containsAll(values.keySet());
        return announce(change.after(), allExisted ? ContractActivity.CONTRACT_KEY_POINTER_UPDATION
                : ContractActivity.CONTRACT_KEY_POINTER_CREATION, API_USER);
    }

    synchronized StoredContract editExternalMetadata(ContractId id) {
        return setExternalMetadata(id, factory.externalMetadata(random), existing(id).businessUser());
    }

    StoredContract setExternalMetadata(ContractId id, Map<String, Object> metadata, WorkspaceUser by) {
        ContractStore.Change change = store.update(id, (contract, at) -> {
            requireLive(contract);
            contract.externalMetadata = metadata;
        });
        return announce(change.after(), change.before().externalMetadata().isEmpty()
                ? ContractActivity.CONTRACT_EXTERNAL_METADATA_CREATED
                : ContractActivity.CONTRACT_EXTERNAL_METADATA_UPDATED, by);
    }

    /**
     * One workflow step: DRAFT to REDLINING to SIGN to EXECUTED, sometimes ON_HOLD (which resumes to REDLINING)
     * or VOIDED.
     *
     * @throws IllegalStateException for an executed or voided contract
     */
    synchronized StoredContract advanceStatus(ContractId id) {
        ContractStore.Change change = store.update(id, (contract, at) -> {
            requireLive(contract);
            StoredContract before = contract.build();
            enter(contract, nextStatus(contract.status, contract.id), at);
            contract.lifecycle = lifecycles.afterStatusChange(before, contract, at);
        });
        StoredContract advanced = change.after();
        return announce(advanced, activity(change.before().status(), advanced.status()), advanced.businessUser());
    }

    synchronized StoredContract uploadNewVersion(ContractId id) {
        long versionId = store.nextVersionId();
        StoredContract uploaded = store.update(id, (contract, at) -> {
            requireLive(contract);
            contract.document = factory.document(contract.id, versionId, contract.name);
        }).after();
        return announce(uploaded, ContractActivity.CONTRACT_VERSION_UPLOADED, uploaded.businessUser());
    }

    StoredContract delete(ContractId id) {
        StoredContract deleted = store.update(id, (contract, at) -> {
            requireLive(contract);
            contract.deleted = true;
        }).after();
        return announce(deleted, ContractActivity.CONTRACT_DELETED, deleted.businessUser());
    }

    /** Brings a deleted contract back; there is no "restored" activity, so it is announced as a data update. */
    StoredContract restore(ContractId id) {
        StoredContract restored = store.update(id, (contract, at) -> {
            if (!contract.deleted) {
                throw new IllegalStateException(contract.id + " is not deleted");
            }
            contract.deleted = false;
        }).after();
        return announce(restored, ContractActivity.CONTRACT_DATA_UPDATED, restored.businessUser());
    }

    /** Stores an executed contract imported through the API as a new {@code H-} contract. */
    StoredContract importExecuted(ExecutedContractImport request) {
        StoredContract imported = store.insert(ContractId.Family.HISTORICAL, fresh -> {
            StoredContract.Builder contract = new StoredContract.Builder();
            contract.id = fresh.id();
            contract.name = request.contractName();
            contract.status = ContractStatus.EXECUTED;
            contract.type = request.contractType();
            contract.counterparty = request.counterparty();
            contract.entity = request.entity();
            contract.creator = contract.businessUser = contract.legalUser = API_USER;
            contract.referenceId = fresh.referenceId();
            contract.executedAt = fresh.createdAt();
            contract.externalMetadata = request.externalMetadata();
            contract.document = SandboxDocument.uploaded(fresh.versionId(), request.fileName(), request.pdf());
            return contract;
        });
        return announce(imported, ContractActivity.CONTRACT_CREATED, API_USER);
    }

    /** The first approval not started yet is sent to its approver. */
    StoredContract requestApproval(ContractId id) {
        StoredContract changed = changeLifecycle(id, (contract, at) -> {
            ContractLifecycle.Approval target = contract.lifecycle.approvals().stream()
                    .filter(a -> a.status() == ContractLifecycle.ApprovalStatus.NOT_STARTED).findFirst()
                    .orElseThrow(() -> new IllegalStateException(contract.id + " has no approval left to request"));
            contract.lifecycle = contract.lifecycle.approval(target.id(), a -> a.sentAt(at));
        });
        return announce(changed, ContractActivity.CONTRACT_APPROVAL_REQUESTED, changed.businessUser());
    }

    /**
     * The approver of the first open approval (sent, neither approved nor skipped) acts: approves, rejects or
     * suggests changes. Each is announced as {@code CONTRACT_APPROVAL_COMPLETED}, the approver's step being done.
     */
    StoredContract actOnApproval(ContractId id, ContractLifecycle.ActionStatus action, String notes) {
        ContractLifecycle.Approval[] acted = new ContractLifecycle.Approval[1];
        StoredContract changed = changeLifecycle(id, (contract, at) -> {
            acted[0] = contract.lifecycle.approvals().stream().filter(ContractLifecycle.Approval::open).findFirst()
                    .orElseThrow(() -> new IllegalStateException(contract.id + " has no approval waiting for an approver"));
            contract.lifecycle = contract.lifecycle.approval(acted[0].id(), a -> a.acted(action, notes, at));
        });
        return announce(changed, ContractActivity.CONTRACT_APPROVAL_COMPLETED, acted[0].approver().asWorkspaceUser());
    }

    /** The first signatory asked to sign (a contract in SIGN) signs, or declines. */
    StoredContract actOnSignature(ContractId id, boolean signs, String notes) {
        ContractLifecycle.Recipient[] acting = new ContractLifecycle.Recipient[1];
        StoredContract changed = changeLifecycle(id, (contract, at) -> {
            if (contract.status != ContractStatus.SIGN) {
                throw new IllegalStateException(contract.id + " is " + contract.status + ", not out for signature");
            }
            acting[0] = contract.lifecycle.recipients().stream()
                    .filter(r -> r.type() == ContractLifecycle.RecipientType.SIGNATORY
                            && r.status() == ContractLifecycle.RecipientStatus.IN_PROGRESS)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(contract.id + " has no signatory left to act"));
            contract.lifecycle = contract.lifecycle.recipient(acting[0].id(), r -> r.completed(signs, notes, at));
        });
        ContractLifecycle.Person person = acting[0].user();
        return announce(changed, signs ? ContractActivity.CONTRACT_SIGNED : ContractActivity.CONTRACT_SIGNATURE_DECLINED,
                new WorkspaceUser((int) person.id(), person.name(), person.email()));
    }

    /** A contract whose signatories all signed is marked for execution: the receivers are sent their copy. */
    StoredContract markForExecution(ContractId id) {
        StoredContract changed = changeLifecycle(id, (contract, at) -> {
            boolean allSigned = contract.lifecycle.recipients().stream()
                    .filter(r -> r.type() == ContractLifecycle.RecipientType.SIGNATORY)
                    .allMatch(ContractLifecycle.Recipient::signed);
            if (contract.status != ContractStatus.SIGN || !allSigned) {
                throw new IllegalStateException(contract.id + " is not fully signed");
            }
            contract.lifecycle = contract.lifecycle.withRecipients(contract.lifecycle.recipients().stream()
                    .map(r -> r.type() == ContractLifecycle.RecipientType.RECEIVER && !r.sent() ? r.sentAt(at) : r)
                    .toList());
        });
        return announce(changed, ContractActivity.CONTRACT_MARK_FOR_EXECUTION, changed.legalUser());
    }

    /**
     * The counterparty opened the review e-mail ({@code REDLINING_EMAIL_OPENED}, recorded in the process metrics
     * when it is the first time) or a signatory opened the signing e-mail ({@code SIGNING_EMAIL_OPENED}).
     */
    StoredContract emailOpened(ContractId id) {
        StoredContract changed = changeLifecycle(id, (contract, at) -> {
            ContractLifecycle.Process process = contract.lifecycle.process();
            if (process == null || contract.sentToCounterpartyAt == null || contract.status.isFinal()) {
                throw new IllegalStateException(contract.id + " has sent no e-mail to its counterparty");
            }
            if (contract.status != ContractStatus.SIGN && process.counterpartyOpenedAt() == null) {
                contract.lifecycle = contract.lifecycle.withProcess(new ContractLifecycle.Process(process.turns(),
                        process.lastTurnAt(), process.lastTurnByEmail(), process.turnOverrideReason(), at,
                        process.counterpartyInfoFirstAt(), process.counterpartyInfoLatestAt()));
            }
        });
        Counterparty counterparty = changed.counterparty();
        WorkspaceUser reader = counterparty == null ? changed.businessUser()
                : new WorkspaceUser(counterparty.contact().id(), counterparty.contact().fullName(),
                        counterparty.contact().email());
        return announce(changed, changed.status() == ContractStatus.SIGN ? ContractActivity.SIGNING_EMAIL_OPENED
                : ContractActivity.REDLINING_EMAIL_OPENED, reader);
    }

    /**
     * Someone edits the counterparty of the contract (a new vendor id): the directory changes, the contract does
     * not; announced as {@code COUNTER_PARTY_UPDATED} on that contract, at the time of the edit.
     */
    synchronized StoredContract updateCounterparty(ContractId id) {
        StoredContract contract = store.findLive(id).orElseThrow(() -> new NoSuchElementException("No live contract " + id));
        Counterparty current = contract.counterparty() == null ? null
                : workspace.counterparties().stream().filter(c -> c.id() == contract.counterparty().id()).findFirst()
                        .orElse(null);
        if (current == null) {
            throw new IllegalStateException(id + " has no counterparty in the directory");
        }
        Map<String, Object> fields = new LinkedHashMap<>(current.customFields());
        fields.put("vendor_id", Integer.toString(1000 + lifecycleRandom.nextInt(9000)));
        Counterparty updated = new Counterparty(current.id(), current.name(), current.individual(),
                current.organizationType(), current.contact(), current.address(), fields, current.brandName());
        workspace.replaceCounterparty(updated);
        StoredContract.Builder view = contract.toBuilder();
        view.counterparty = updated;
        view.lastUpdated = store.now();
        webhooks.publish(id, ContractActivity.COUNTER_PARTY_UPDATED,
                WebhookPayloads.activity(view.build(), ContractActivity.COUNTER_PARTY_UPDATED, contract.businessUser()));
        return contract;
    }

    private StoredContract changeLifecycle(ContractId id, java.util.function.BiConsumer<StoredContract.Builder, Instant> change) {
        return store.update(id, (contract, at) -> {
            requireLive(contract);
            if (contract.id.family() != ContractId.Family.TEMPLATE) {
                throw new IllegalStateException(contract.id + " was imported: it has no workflow");
            }
            change.accept(contract, at);
        }).after();
    }

    private ContractStatus nextStatus(ContractStatus current, ContractId id) {
        double draw = random.nextDouble();
        return switch (current) {
            case DRAFT -> draw < 0.85 ? ContractStatus.REDLINING : draw < 0.95 ? ContractStatus.ON_HOLD : ContractStatus.VOIDED;
            case REDLINING -> draw < 0.85 ? ContractStatus.SIGN : draw < 0.95 ? ContractStatus.ON_HOLD : ContractStatus.VOIDED;
            case SIGN -> draw < 0.9 ? ContractStatus.EXECUTED : ContractStatus.VOIDED;
            case ON_HOLD -> ContractStatus.REDLINING;
            case EXECUTED, VOIDED -> throw new IllegalStateException(id + " is " + current + " and cannot advance");
        };
    }

    /** Moves the contract into {@code next}, stamping the workflow times the status implies. */
    private void enter(StoredContract.Builder contract, ContractStatus next, Instant at) {
        boolean resumed = contract.status == ContractStatus.ON_HOLD;
        contract.status = next;
        switch (next) {
            case REDLINING -> contract.sentToCounterpartyAt = resumed ? contract.sentToCounterpartyAt : at;
            case SIGN -> contract.markedForSignatureAt = at;
            case EXECUTED -> {
                contract.executedAt = at;
                contract.expiringAt = random.nextDouble() < 0.7 ? at.atOffset(ZoneOffset.UTC).plusYears(1).toInstant() : null;
            }
            default -> {
                // ON_HOLD and VOIDED stamp nothing
            }
        }
    }

    /** The webhook activity announcing a status change. */
    private static ContractActivity activity(ContractStatus previous, ContractStatus next) {
        return switch (next) {
            case REDLINING -> previous == ContractStatus.ON_HOLD
                    ? ContractActivity.CONTRACT_DATA_UPDATED
                    : ContractActivity.CONTRACT_SENT_TO_COUNTERPARTY;
            case SIGN -> ContractActivity.CONTRACT_SIGNATURE_REQUESTED;
            case EXECUTED -> ContractActivity.CONTRACT_EXECUTED;
            case VOIDED -> ContractActivity.CONTRACT_VOIDED;
            case ON_HOLD, DRAFT -> ContractActivity.CONTRACT_DATA_UPDATED;
        };
    }

    private static void requireLive(StoredContract.Builder contract) {
        if (contract.deleted) {
            throw new IllegalStateException(contract.id + " is deleted");
        }
    }

    private StoredContract announce(StoredContract contract, ContractActivity activity, WorkspaceUser by) {
        webhooks.publish(contract.id(), activity, WebhookPayloads.activity(contract, activity, by));
        return contract;
    }

    /** @throws NoSuchElementException when no contract has that id */
    private StoredContract existing(ContractId id) {
        return store.find(id).orElseThrow(() -> new NoSuchElementException("No contract " + id));
    }
}
