package io.spotdraftsync.spotdraft;

import java.io.IOException;
import java.io.InputStream;

/**
 * Consumes a document stream. Called once per attempt with a fresh stream: when the connection drops
 * mid-document the attempt is retried, so an implementation must start from scratch each time (for
 * example truncate its temporary file).
 */
@FunctionalInterface
public interface DocumentReader<T> {

    /**
     * @param body          the document bytes, streamed; never read whole into memory
     * @param contentLength the declared length, or -1
     */
    T read(InputStream body, long contentLength) throws IOException;
}
