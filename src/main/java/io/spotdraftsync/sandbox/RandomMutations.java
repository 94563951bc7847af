package io.spotdraftsync.sandbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Picks random changes, weighted towards what happens most in a contract repository (workflow steps, metadata
 * edits), with occasional creations, new versions, deletions and restorations.
 */
final class RandomMutations {

    private enum Kind {
        CREATE(10), RENAME(15), EDIT_KEY_POINTERS(20), EDIT_EXTERNAL_METADATA(8), ADVANCE_STATUS(25),
        UPLOAD_NEW_VERSION(12), DELETE(7), RESTORE(3);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    private static final int TOTAL_WEIGHT = Arrays.stream(Kind.values()).mapToInt(kind -> kind.weight).sum();

    private final ContractStore store;
    private final ContractChanges changes;
    private final Random random;

    RandomMutations(ContractStore store, ContractChanges changes, long seed) {
        this.store = store;
        this.changes = changes;
        this.random = new Random(Seeds.derive(seed, "mutations", ""));
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
        };
    }

    private Kind pickKind() {
        int ticket = random.nextInt(TOTAL_WEIGHT);
        for (Kind kind : Kind.values()) {
            ticket -= kind.weight;
            if (ticket < 0) {
                return kind;
            }
        }
        throw new IllegalStateException("weights exhausted");
    }
}
