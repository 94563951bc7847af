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

    ContractChanges(ContractStore store, ContractFactory factory, WebhookDispatcher webhooks, long seed) {
        this.store = store;
        this.factory = factory;
        this.webhooks = webhooks;
        this.random = Seeds.stream(seed, "changes", "");
    }

    /** A new template contract in DRAFT. */
    synchronized StoredContract create() {
        StoredContract created = store.insert(ContractId.Family.TEMPLATE, fresh -> factory.templateContract(random,
                fresh.id(), ContractStatus.DRAFT, fresh.createdAt(), fresh.referenceId(), fresh.versionId()));
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
            enter(contract, nextStatus(contract.status, contract.id), at);
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
