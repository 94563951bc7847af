package io.spotdraftsync.warehouse;

import java.util.List;

/**
 * The rows of one chunk, written in one transaction: the contracts, and (when {@code replaceKeyPointers}) the
 * complete set of key pointers of each of those contracts, which replaces the stored set.
 *
 * @param keyPointers        every key pointer of the chunk's contracts; each carries the {@code extractedAt} of
 *                           its contract's row
 * @param replaceKeyPointers false to leave the stored key pointers alone (a chunk read without them)
 */
public record ChunkLoad(List<ContractRow> contracts, List<KeyPointerRow> keyPointers, boolean replaceKeyPointers) {

    public ChunkLoad {
        contracts = List.copyOf(contracts);
        keyPointers = List.copyOf(keyPointers);
        if (!replaceKeyPointers && !keyPointers.isEmpty()) {
            throw new IllegalArgumentException("Key pointers are loaded only as the complete set of each contract (replaceKeyPointers)");
        }
    }

    /** Contracts and the complete set of key pointers of each. */
    public static ChunkLoad of(List<ContractRow> contracts, List<KeyPointerRow> keyPointers) {
        return new ChunkLoad(contracts, keyPointers, true);
    }

    /** Contracts only; stored key pointers stay as they are. */
    public static ChunkLoad contractsOnly(List<ContractRow> contracts) {
        return new ChunkLoad(contracts, List.of(), false);
    }

    public boolean isEmpty() {
        return contracts.isEmpty();
    }
}
