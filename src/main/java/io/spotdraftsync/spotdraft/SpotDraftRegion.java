package io.spotdraftsync.spotdraft;

import java.net.URI;

/** SpotDraft's regional API hosts; a workspace is provisioned in exactly one of them. */
public enum SpotDraftRegion {
    IN("https://api.in.spotdraft.com"),
    US("https://api.us.spotdraft.com"),
    ME("https://api.me.spotdraft.com"),
    EU("https://api.eu.spotdraft.com");

    private final URI baseUrl;

    SpotDraftRegion(String baseUrl) {
        this.baseUrl = URI.create(baseUrl);
    }

    /** Scheme and host only: every API path starts with {@code /api/}. */
    public URI baseUrl() {
        return baseUrl;
    }
}
