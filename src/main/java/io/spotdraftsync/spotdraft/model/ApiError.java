package io.spotdraftsync.spotdraft.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** SpotDraft's error body: {@code {"detail","status_code","code","message"}}; any field may be missing. */
public record ApiError(
        Object detail,
        @JsonProperty("status_code") Integer statusCode,
        String code,
        String message) {

    /** The most useful human text the body has. */
    public String text() {
        if (message != null && !message.isBlank()) {
            return message;
        }
        return detail == null ? null : detail.toString();
    }
}
