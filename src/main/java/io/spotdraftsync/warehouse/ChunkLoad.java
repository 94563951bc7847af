package io.spotdraftsync.warehouse;

import java.util.List;
import java.util.Objects;

/**
 * The rows of one chunk, written in one transaction: the contracts' headers, the complete set of key pointers of
 * each contract in {@code keyPointerSets} (which replaces the stored set), and the stream sets with their states.
 *
 * @param contracts      headers read in this chunk; a contract whose header was not read again (a webhook that
 *                       changes only a stream) is absent, and its stored header stays
 * @param keyPointerSets the contracts whose key pointers were fetched: their stored set is replaced
 * @param keyPointers    every key pointer of those contracts; each carries the {@code extractedAt} of its set
 * @param streams        approvals, recipients, process metrics and signatures, with one state per (contract, stream)
 */
public record ChunkLoad(List<ContractRow> contracts, List<Tables.KeyPointerSet> keyPointerSets, List<KeyPointerRow> keyPointers,
        StreamRows streams) {

    public ChunkLoad {
        contracts = List.copyOf(contracts);
        keyPointerSets = List.copyOf(keyPointerSets);
        keyPointers = List.copyOf(keyPointers);
        streams = Objects.requireNonNullElse(streams, StreamRows.NONE);
        if (keyPointerSets.isEmpty() && !keyPointers.isEmpty()) {
            throw new IllegalArgumentException("Key pointers are loaded only as the complete set of each contract (replaceKeyPointers)");
        }
    }

    /** Contracts and the complete set of key pointers of each. */
    public static ChunkLoad of(List<ContractRow> contracts, List<KeyPointerRow> keyPointers) {
        return new ChunkLoad(contracts, setsOf(contracts), keyPointers, StreamRows.NONE);
    }

    /** Contracts only; stored key pointers stay as they are. */
    public static ChunkLoad contractsOnly(List<ContractRow> contracts) {
        return new ChunkLoad(contracts, List.of(), List.of(), StreamRows.NONE);
    }

    /** The key pointer set of each of these contracts, extracted with it. */
    public static List<Tables.KeyPointerSet> setsOf(List<ContractRow> contracts) {
        return contracts.stream().map(row -> new Tables.KeyPointerSet(row.workspace(), row.contractId(), row.extractedAt())).toList();
    }

    public boolean replaceKeyPointers() {
        return !keyPointerSets.isEmpty();
    }

    public boolean isEmpty() {
        return contracts.isEmpty() && keyPointerSets.isEmpty() && streams.isEmpty();
    }

    /** The workspace of the chunk's rows. */
    String workspace() {
        if (!contracts.isEmpty()) {
            return contracts.get(0).workspace();
        }
        if (!keyPointerSets.isEmpty()) {
            return keyPointerSets.get(0).workspace();
        }
        return streams.states().isEmpty() ? null : streams.states().get(0).workspace();
    }
}
