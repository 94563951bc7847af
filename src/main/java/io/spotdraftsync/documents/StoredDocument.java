package io.spotdraftsync.documents;

/**
 * A document in the store.
 *
 * @param objectKey    where it is: the full key in the bucket on S3 (prefix included), the path relative to the
 *                     directory for a directory store; the value for the warehouse's document key column
 * @param sha256       lower-case hex sha256 of the content (also part of the key)
 * @param bytes        content length
 * @param newlyWritten true when this call wrote it; false when it was already stored (a rerun, a retry, a
 *                     concurrent writer of the same content, or a find)
 */
public record StoredDocument(String objectKey, String sha256, long bytes, boolean newlyWritten) {
}
