package io.spotdraftsync.spotdraft;

/** Every attempt failed with a transient fault (429, 5xx, timeout, dropped connection); the last is the cause. */
public class SpotDraftUnavailableException extends SpotDraftException {

    public SpotDraftUnavailableException(String endpoint, String message, Throwable cause) {
        super(endpoint, message, cause);
    }
}
