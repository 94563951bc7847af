package io.spotdraftsync.warehouse;

/**
 * What one MERGE did with a chunk's rows.
 *
 * @param inserted   keys that were not stored
 * @param updated    stored keys overwritten by an extract at least as new
 * @param unchanged  stored keys left as they were: the stored extract is newer (or, for insert-only tables,
 *                   the row was already there)
 * @param duplicates rows of the chunk dropped because another row of the chunk had the same key and won
 */
public record MergeResult(int inserted, int updated, int unchanged, int duplicates) {

    public static final MergeResult NONE = new MergeResult(0, 0, 0, 0);

    /** Rows that changed the table. */
    public int written() {
        return inserted + updated;
    }

    public MergeResult plus(MergeResult other) {
        return new MergeResult(inserted + other.inserted, updated + other.updated, unchanged + other.unchanged,
                duplicates + other.duplicates);
    }
}
