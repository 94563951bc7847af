package io.spotdraftsync.sandbox;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The contracts, thread-safe. Every change goes through {@link #update} or {@link #insert}, which bump the
 * revision and stamp {@code lastUpdated} under the write lock, so change times follow commit order.
 *
 * <p>The listing order is a hash of (seed, id, revision): neither by id nor by date, stable while nothing
 * changes, and a changed contract jumps to a new place, so pages shift under concurrent changes as they can
 * with SpotDraft, which documents no sort order.
 */
final class ContractStore {

    /** One contract before and after a change. */
    record Change(StoredContract before, StoredContract after) {
    }

    /** Ids and creation time handed to a new contract. */
    record NewContract(ContractId id, long versionId, String referenceId, Instant createdAt) {
    }

    private final long seed;
    private final SandboxClock clock;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<ContractId, StoredContract> contracts = new LinkedHashMap<>();
    private final Map<ContractId, Map<Long, SandboxDocument>> documentVersions = new HashMap<>();
    private List<StoredContract> listingOrder;
    private long lastTemplateNumber;
    private long lastHistoricalNumber;
    private long lastVersionId;
    private int lastReferenceSequence;

    ContractStore(long seed, SandboxClock clock, WorkspaceGenerator.InitialState initial) {
        this.seed = seed;
        this.clock = clock;
        initial.contracts().forEach(this::put);
        this.lastTemplateNumber = initial.lastTemplateNumber();
        this.lastHistoricalNumber = initial.lastHistoricalNumber();
        this.lastVersionId = initial.lastVersionId();
        this.lastReferenceSequence = initial.lastReferenceSequence();
    }

    /** Any contract, deleted or not. */
    Optional<StoredContract> find(ContractId id) {
        return read(() -> Optional.ofNullable(contracts.get(id)));
    }

    /** A contract the API shows: deleted ones are gone. */
    Optional<StoredContract> findLive(ContractId id) {
        return find(id).filter(contract -> !contract.deleted());
    }

    /** Every contract, deleted ones included, in creation order. */
    List<StoredContract> all() {
        return read(() -> List.copyOf(contracts.values()));
    }

    /** The contracts the list endpoint shows, in its order. */
    List<StoredContract> listing() {
        lock.readLock().lock();
        try {
            if (listingOrder != null) {
                return listingOrder;
            }
        } finally {
            lock.readLock().unlock();
        }
        lock.writeLock().lock();
        try {
            if (listingOrder == null) {
                listingOrder = contracts.values().stream()
                        .filter(contract -> !contract.deleted())
                        .sorted(Comparator.comparingLong(this::listingKey).thenComparing(StoredContract::id))
                        .toList();
            }
            return listingOrder;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Any version a contract ever had, for signed download URLs issued before a newer upload. */
    Optional<SandboxDocument> document(ContractId id, long versionId) {
        return read(() -> Optional.ofNullable(documentVersions.getOrDefault(id, Map.of()).get(versionId)));
    }

    /**
     * Applies one change to an existing contract; {@code change} receives a copy to edit and the change time. It
     * may throw to abort the change, for example when it finds the contract deleted.
     *
     * @throws NoSuchElementException when the contract does not exist
     */
    Change update(ContractId id, BiConsumer<StoredContract.Builder, Instant> change) {
        lock.writeLock().lock();
        try {
            StoredContract current = contracts.get(id);
            if (current == null) {
                throw new NoSuchElementException("No contract " + id);
            }
            StoredContract.Builder next = current.toBuilder();
            Instant changedAt = clock.next();
            change.accept(next, changedAt);
            next.revision = current.revision() + 1;
            next.lastUpdated = changedAt;
            return new Change(current, put(next.build()));
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Creates a contract in the given family; {@code creation} receives fresh ids and the creation time. */
    StoredContract insert(ContractId.Family family, Function<NewContract, StoredContract.Builder> creation) {
        lock.writeLock().lock();
        try {
            long number = family == ContractId.Family.TEMPLATE ? lastTemplateNumber + 1 : lastHistoricalNumber + 1;
            NewContract fresh = new NewContract(new ContractId(family, number), lastVersionId + 1,
                    WorkspaceGenerator.referenceId(lastReferenceSequence + 1), clock.next());
            StoredContract.Builder contract = creation.apply(fresh);
            contract.created = contract.lastUpdated = fresh.createdAt();
            contract.revision = 0;
            // counters move only once the creation succeeded
            if (family == ContractId.Family.TEMPLATE) {
                lastTemplateNumber = number;
            } else {
                lastHistoricalNumber = number;
            }
            lastVersionId++;
            lastReferenceSequence++;
            return put(contract.build());
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** A version id for a new upload. */
    long nextVersionId() {
        lock.writeLock().lock();
        try {
            return ++lastVersionId;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private StoredContract put(StoredContract contract) {
        contracts.put(contract.id(), contract);
        documentVersions.computeIfAbsent(contract.id(), id -> new HashMap<>())
                .putIfAbsent(contract.document().versionId(), contract.document());
        listingOrder = null;
        return contract;
    }

    private long listingKey(StoredContract contract) {
        long idHash = Seeds.mix(contract.id().family().ordinal() * 0x9E3779B97F4A7C15L + contract.id().number());
        return Seeds.mix(seed ^ idHash ^ Seeds.mix(contract.revision() + 0x632BE59BD9B4E019L));
    }

    private <T> T read(Supplier<T> query) {
        lock.readLock().lock();
        try {
            return query.get();
        } finally {
            lock.readLock().unlock();
        }
    }

}
