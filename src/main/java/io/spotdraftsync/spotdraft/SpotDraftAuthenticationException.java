package io.spotdraftsync.spotdraft;

/** 401: the credentials are wrong. Nothing will work until configuration changes, so jobs stop on it. */
public class SpotDraftAuthenticationException extends SpotDraftApiException {

    public SpotDraftAuthenticationException(String endpoint, int status, String code, String apiMessage, String message) {
        super(endpoint, status, code, apiMessage, message);
    }
}
