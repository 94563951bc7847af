package io.spotdraftsync.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's full, immutable state of one contract. A change builds a new instance with a higher
 * {@code revision}; the listing order depends on the revision, so a changed contract moves.
 *
 * @param counterparty null for an imported contract sent without counterparty details
 * @param templateId null for imported contracts
 * @param sentToCounterpartyAt null until the contract left DRAFT for the counterparty
 * @param markedForSignatureAt null until the contract reached SIGN
 */
record StoredContract(
        ContractId id,
        String name,
        ContractStatus status,
        ContractType type,
        Counterparty counterparty,
        OrganizationEntity entity,
        WorkspaceUser creator,
        WorkspaceUser businessUser,
        WorkspaceUser legalUser,
        Integer templateId,
        String referenceId,
        Instant created,
        Instant sentToCounterpartyAt,
        Instant markedForSignatureAt,
        Instant executedAt,
        Instant expiringAt,
        Instant lastUpdated,
        Map<String, Object> externalMetadata,
        List<KeyPointerValue> keyPointers,
        SandboxDocument document,
        long revision,
        boolean deleted) {

    static final String APP_URL = "https://app.spotdraft.com/contracts/v2/";

    StoredContract {
        externalMetadata = JsonValues.freezeMap(externalMetadata);
        keyPointers = List.copyOf(keyPointers);
    }

    ContractKind kind() {
        return id.family().kind;
    }

    /** The app link; SpotDraft's examples show the number for template contracts, historical ones are inferred. */
    String link() {
        return id.family() == ContractId.Family.TEMPLATE ? APP_URL + id.number() : APP_URL + id;
    }

    /** The counterparty's name, empty when there is none (the list item requires the field). */
    String counterpartyName() {
        return counterparty == null ? "" : counterparty.name();
    }

    SandboxContract snapshot() {
        return new SandboxContract(id.toString(), id.number(), name, status, kind(), type.id(), type.name(),
                counterpartyName(), referenceId, link(), created, executedAt, expiringAt, lastUpdated,
                externalMetadata, keyPointers, document, deleted);
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** A mutable copy used to describe one change. */
    static final class Builder {
        ContractId id;
        String name;
        ContractStatus status;
        ContractType type;
        Counterparty counterparty;
        OrganizationEntity entity;
        WorkspaceUser creator;
        WorkspaceUser businessUser;
        WorkspaceUser legalUser;
        Integer templateId;
        String referenceId;
        Instant created;
        Instant sentToCounterpartyAt;
        Instant markedForSignatureAt;
        Instant executedAt;
        Instant expiringAt;
        Instant lastUpdated;
        Map<String, Object> externalMetadata = Map.of();
        List<KeyPointerValue> keyPointers = List.of();
        SandboxDocument document;
        long revision;
        boolean deleted;

        Builder() {
        }

        private Builder(StoredContract contract) {
            id = contract.id;
            name = contract.name;
            status = contract.status;
            type = contract.type;
            counterparty = contract.counterparty;
            entity = contract.entity;
            creator = contract.creator;
            businessUser = contract.businessUser;
            legalUser = contract.legalUser;
            templateId = contract.templateId;
            referenceId = contract.referenceId;
            created = contract.created;
            sentToCounterpartyAt = contract.sentToCounterpartyAt;
            markedForSignatureAt = contract.markedForSignatureAt;
            executedAt = contract.executedAt;
            expiringAt = contract.expiringAt;
            lastUpdated = contract.lastUpdated;
            externalMetadata = contract.externalMetadata;
            keyPointers = contract.keyPointers;
            document = contract.document;
            revision = contract.revision;
            deleted = contract.deleted;
        }

        StoredContract build() {
            return new StoredContract(id, name, status, type, counterparty, entity, creator, businessUser, legalUser,
                    templateId, referenceId, created, sentToCounterpartyAt, markedForSignatureAt, executedAt,
                    expiringAt, lastUpdated, externalMetadata, keyPointers, document, revision, deleted);
        }
    }
}
