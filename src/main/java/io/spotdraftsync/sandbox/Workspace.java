package io.spotdraftsync.sandbox;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The emulated workspace's reference data: contract types, metadata definitions, own entities, users, and the
 * counterparty directory (which imports can extend, hence thread-safe).
 */
final class Workspace {

    /** {@code created_by_workspace} of every contract. */
    static final int WORKSPACE_ID = 1;

    private final List<ContractType> contractTypes;
    private final List<OrganizationEntity> entities;
    private final List<WorkspaceUser> users;
    private final List<Counterparty> counterparties;
    private final AtomicInteger lastCounterpartyId;
    private final AtomicInteger lastContactId;
    private final AtomicInteger lastAddressId;

    Workspace(List<ContractType> contractTypes, List<OrganizationEntity> entities, List<WorkspaceUser> users,
            List<Counterparty> counterparties) {
        this.contractTypes = List.copyOf(contractTypes);
        this.entities = List.copyOf(entities);
        this.users = List.copyOf(users);
        this.counterparties = new CopyOnWriteArrayList<>(counterparties);
        this.lastCounterpartyId = new AtomicInteger(counterparties.stream().mapToInt(Counterparty::id).max().orElse(0));
        this.lastContactId = new AtomicInteger(counterparties.stream().mapToInt(c -> c.contact().id()).max().orElse(0));
        this.lastAddressId = new AtomicInteger(counterparties.stream().mapToInt(c -> c.address().id()).max().orElse(0));
    }

    List<ContractType> contractTypes() {
        return contractTypes;
    }

    Optional<ContractType> contractType(int id) {
        return contractTypes.stream().filter(type -> type.id() == id).findFirst();
    }

    List<OrganizationEntity> entities() {
        return entities;
    }

    Optional<OrganizationEntity> entity(int id) {
        return entities.stream().filter(entity -> entity.id() == id).findFirst();
    }

    List<WorkspaceUser> users() {
        return users;
    }

    /** The directory in creation order. */
    List<Counterparty> counterparties() {
        return List.copyOf(counterparties);
    }

    /** The counterparty of that name and kind, created (without address details) when the directory lacks it. */
    synchronized Counterparty findOrAddCounterparty(String name, boolean individual, String organizationType,
            String contactFirstName, String contactLastName, String contactEmail) {
        for (Counterparty existing : counterparties) {
            if (existing.name().equals(name) && existing.individual() == individual) {
                return existing;
            }
        }
        Counterparty added = new Counterparty(lastCounterpartyId.incrementAndGet(), name, individual, organizationType,
                new Counterparty.Contact(lastContactId.incrementAndGet(), contactFirstName, contactLastName, contactEmail),
                new PostalAddress(lastAddressId.incrementAndGet(), "", "", "", "", "", ""), Map.of(),
                individual ? null : name);
        counterparties.add(added);
        return added;
    }
}
