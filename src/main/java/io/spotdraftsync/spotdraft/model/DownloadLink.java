package io.spotdraftsync.spotdraft.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A short-lived signed storage URL for the latest document version. The URL is a credential: it is never
 * logged, and {@link #toString()} leaves it out.
 */
public record DownloadLink(
        String url,
        @JsonProperty("file_name") String fileName,
        @JsonProperty("current_version_id") Long currentVersionId) {

    @Override
    public String toString() {
        return "DownloadLink[fileName=" + fileName + ", currentVersionId=" + currentVersionId + ", url=<signed, hidden>]";
    }
}
