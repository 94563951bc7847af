package io.spotdraftsync.spotdraft;

/**
 * The call succeeded at the HTTP level but cannot be used: a body that is not the documented JSON, or a
 * redirect (SpotDraft answers 302 to a wrong trailing slash or to http://, and redirects are not followed).
 */
public class SpotDraftResponseException extends SpotDraftException {

    public SpotDraftResponseException(String endpoint, String message, Throwable cause) {
        super(endpoint, message, cause);
    }
}
