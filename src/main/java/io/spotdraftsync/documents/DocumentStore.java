package io.spotdraftsync.documents;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where signed documents go: S3 (or an S3-compatible store) or a directory. Keys are deterministic
 * ({@code {workspace}/{contract_id}/{version}-{sha256}.pdf}) and written once, so storing the same document
 * again, from a rerun, a retry or a concurrent pod, is harmless and reported as already stored.
 *
 * <p>Typical use by the export job, with the SpotDraft client's retrying download:
 * <pre>{@code
 * Optional<StoredDocument> stored = store.find(key);          // this version already there: no download
 * if (stored.isEmpty()) {
 *     try (TemporaryDocument file = store.newTemporaryDocument()) {
 *         client.download(contractId, link, file::read);      // each attempt starts from an empty file
 *         stored = Optional.of(store.storeFile(key, file));
 *     }
 * }
 * }</pre>
 */
public interface DocumentStore {

    /**
     * Stores a body of unknown length (streamed to a temporary file first, never held in memory).
     * Does not close {@code body}.
     */
    default StoredDocument store(DocumentKey key, InputStream body) throws IOException {
        try (TemporaryDocument file = newTemporaryDocument()) {
            file.write(body);
            return storeFile(key, file);
        }
    }

    /**
     * Stores a completely read temporary document; the caller still owns (and closes) {@code file}. The store is
     * checked after the write: a store that does not hold the bytes sent is an {@link IOException} naming the contract,
     * and nothing is recorded as stored. A key found already there with another size (a damaged copy) is replaced.
     */
    StoredDocument storeFile(DocumentKey key, TemporaryDocument file) throws IOException;

    /** An empty temporary file in the configured temporary directory ({@code sync.documents.temp-dir}). */
    TemporaryDocument newTemporaryDocument() throws IOException;

    /** Whether an object key returned in a {@link StoredDocument} by this store is present. */
    boolean exists(String objectKey) throws IOException;

    /**
     * The size of what the store holds at an object key returned in a {@link StoredDocument}, empty when nothing is
     * there: one HeadObject on S3, one file size in a directory ({@code reconcile --verify-documents}).
     */
    OptionalLong storedBytes(String objectKey) throws IOException;

    /**
     * The stored copy of this document version, whatever its sha256 (which is unknown before a download),
     * with {@code newlyWritten} false. Where a version was stored with two different contents, the first
     * key in lexical order.
     */
    Optional<StoredDocument> find(DocumentKey key) throws IOException;

    /**
     * The bytes stored at an object key returned in a {@link StoredDocument} ({@code check} reads its scratch object
     * back); the caller closes the stream.
     */
    InputStream open(String objectKey) throws IOException;

    /** Deletes what is stored at an object key ({@code check}'s scratch object; documents are never deleted). */
    void delete(String objectKey) throws IOException;

    /**
     * A cheap check that documents can be stored now, for the readiness probe: a file can be created (and is
     * deleted) in the temporary directory and, for a directory store, in its root (created when missing, as a
     * store would); an S3 store's bucket answers {@code HeadBucket}. Stores no document. Throws what failed.
     */
    void check() throws IOException;

    /** The location, for logs and the status page: {@code s3://bucket/prefix} or {@code file:/absolute/path}. */
    String describe();
}
