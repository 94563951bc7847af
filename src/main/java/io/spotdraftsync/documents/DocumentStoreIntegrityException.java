package io.spotdraftsync.documents;

import java.io.IOException;

/**
 * The document store does not hold what was written to it (a store that alters bytes, or keeps a framing as part of
 * the object). Unlike a failure of one contract's download, this concerns every document the run writes: the run
 * stops with it instead of skipping the contract.
 */
public class DocumentStoreIntegrityException extends IOException {

    public DocumentStoreIntegrityException(String message) {
        super(message);
    }
}
