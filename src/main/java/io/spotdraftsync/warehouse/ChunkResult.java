package io.spotdraftsync.warehouse;

/**
 * What loading a chunk did.
 *
 * @param contracts           the MERGE into {@code contracts}
 * @param keyPointersWritten  key pointer rows inserted or updated
 * @param keyPointersRemoved  stored key pointers deleted because their field is no longer in the contract's set
 */
public record ChunkResult(MergeResult contracts, int keyPointersWritten, int keyPointersRemoved) {

    public static final ChunkResult NONE = new ChunkResult(MergeResult.NONE, 0, 0);
}
