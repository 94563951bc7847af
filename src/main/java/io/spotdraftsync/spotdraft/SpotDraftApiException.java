package io.spotdraftsync.spotdraft;

/**
 * SpotDraft answered a 4xx that retrying cannot fix (400 invalid input, 402 workflow state, 403, 404, 409,
 * ...). Carries the status and SpotDraft's error {@code code} and {@code message}.
 */
public class SpotDraftApiException extends SpotDraftException {

    private final int status;
    private final String code;
    private final String apiMessage;

    public SpotDraftApiException(String endpoint, int status, String code, String apiMessage, String message) {
        super(endpoint, message, null);
        this.status = status;
        this.code = code;
        this.apiMessage = apiMessage;
    }

    public int status() {
        return status;
    }

    /** SpotDraft's error {@code code}, may be null. */
    public String code() {
        return code;
    }

    /** SpotDraft's error {@code message} (or {@code detail}), may be null. */
    public String apiMessage() {
        return apiMessage;
    }

    public boolean isNotFound() {
        return status == 404;
    }
}
