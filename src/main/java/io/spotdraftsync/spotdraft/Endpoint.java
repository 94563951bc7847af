package io.spotdraftsync.spotdraft;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Every SpotDraft API path this project calls, exactly as documented: trailing slashes differ per path
 * and a wrong one answers 302, so they are written here once and nowhere else.
 */
public enum Endpoint {
    LIST_CONTRACTS("GET", "/api/v2.1/public/contracts/"),
    CONTRACT_STATUS("GET", "/api/v2.1/public/contracts/{id}/status"),
    CONTRACT_KEY_POINTERS("GET", "/api/v2.1/public/contracts/{id}/key_pointers"),
    BULK_KEY_POINTERS("POST", "/api/v2.1/public/contracts/{id}/key_pointers/bulk"),
    KEY_POINTER_DEFINITIONS("GET", "/api/v2.1/public/key_pointers/"),
    GET_EXTERNAL_METADATA("GET", "/api/v2.1/public/contracts/{id}/external_metadata"),
    SET_EXTERNAL_METADATA("POST", "/api/v2.1/public/contracts/{id}/external_metadata"),
    BY_EXTERNAL_METADATA("GET", "/api/v2.1/public/contracts/by_external_metadata/{id}"),
    DOWNLOAD("POST", "/api/v2.1/public/contracts/{id}/download"),
    DOWNLOAD_LINK("POST", "/api/v2.1/public/contracts/{id}/download_link"),
    PROCESS_METRICS("GET", "/api/v2.1/public/contracts/{id}/process_metrics/"),
    COUNTERPARTIES("GET", "/api/v2.1/public/counter_parties/"),
    CONTRACT_TYPES("GET", "/api/v2.1/public/contract_types/"),
    ORGANIZATION_ENTITIES("GET", "/api/v2.1/public/organizations/entities/"),
    IMPORT_EXECUTED_CONTRACT("POST", "/api/v2.1/public/contracts/executed_contracts/", false),
    RETRIGGER_LATEST_WEBHOOKS("POST", "/api/v2.1/public/contracts/webhooks/re_trigger_latest/"),
    WEBHOOK_HMAC_KEY("GET", "/api/v2.1/public/webhooks/hmac_key/"),
    REGISTER_WEBHOOK("POST", "/api/v2.1/public/webhooks/", false);

    private final String method;
    private final String pathTemplate;
    private final boolean repeatable;

    Endpoint(String method, String pathTemplate) {
        this(method, pathTemplate, true);
    }

    Endpoint(String method, String pathTemplate, boolean repeatable) {
        this.method = method;
        this.pathTemplate = pathTemplate;
        this.repeatable = repeatable;
    }

    /**
     * False for calls that create something: when the connection drops after the request was sent, the
     * outcome is unknown and a blind retry could create a duplicate, so only faults that prove the request
     * was not processed (connect failures, 429, 503) are retried for them.
     */
    public boolean repeatable() {
        return repeatable;
    }

    public String method() {
        return method;
    }

    public String pathTemplate() {
        return pathTemplate;
    }

    /** The path with {@code {id}} filled in (percent-encoded); for endpoints without a parameter, the template. */
    public String path(String id) {
        if (!pathTemplate.contains("{id}")) {
            return pathTemplate;
        }
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(this + " needs a contract id");
        }
        return pathTemplate.replace("{id}", URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** "GET /api/v2.1/public/contracts/{id}/status": how errors and metrics name the endpoint. */
    public String describe() {
        return method + " " + pathTemplate;
    }
}
