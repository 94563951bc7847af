package io.spotdraftsync.spotdraft;

import java.io.IOException;
import java.io.InputStream;

/** A PDF to import, opened afresh for each attempt to send it (a local file, an S3 object, ...). */
public interface ImportDocument {

    /** A new stream over the whole document. */
    InputStream open() throws IOException;

    /** The document's size in bytes. */
    long length();
}
