package io.spotdraftsync.spotdraft;

/** Any failure of a SpotDraft call; the message names the endpoint and never holds a secret or a signed URL. */
public class SpotDraftException extends RuntimeException {

    private final String endpoint;

    public SpotDraftException(String endpoint, String message, Throwable cause) {
        super(message, cause);
        this.endpoint = endpoint;
    }

    /** Method and path template, e.g. {@code GET /api/v2.1/public/contracts/}. */
    public String endpoint() {
        return endpoint;
    }
}
