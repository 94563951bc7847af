package io.spotdraftsync.sandbox;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/** Webhook administration: the HMAC key, registering a receiver, re-sending the latest webhooks. */
final class WebhookApiHandlers {

    private final String hmacKeyBase64;
    private final WebhookDispatcher dispatcher;
    private final ContractStore store;

    WebhookApiHandlers(String hmacKeyBase64, WebhookDispatcher dispatcher, ContractStore store) {
        this.hmacKeyBase64 = hmacKeyBase64;
        this.dispatcher = dispatcher;
        this.store = store;
    }

    /** {@code GET /webhooks/hmac_key/}. */
    ApiResponse hmacKey(ApiRequest request) {
        return ApiResponse.ok(Map.of("hmac_key", hmacKeyBase64));
    }

    /**
     * {@code POST /webhooks/}: {@code title}, {@code url} and a non-empty {@code only_for_activities} are required,
     * as in {@code PublicWebhookCreateRequest}. Unlike SpotDraft, plain http URLs are accepted (test receivers).
     */
    ApiResponse register(ApiRequest request) {
        JsonNode body = request.jsonObjectBody();
        String title = body.path("title").asString("");
        if (title.isBlank()) {
            throw ApiException.badRequest("title is required");
        }
        URI url = url(body.path("url"));
        JsonNode activities = body.path("only_for_activities");
        if (!activities.isArray() || activities.isEmpty()) {
            throw ApiException.badRequest("only_for_activities is required and cannot be empty");
        }
        Set<String> activityNames = new LinkedHashSet<>();
        for (JsonNode activity : activities.values()) {
            if (!activity.isString()) {
                throw ApiException.badRequest("only_for_activities must hold activity names");
            }
            activityNames.add(activity.stringValue());
        }
        Map<String, String> customHeaders = customHeaders(body.path("custom_headers"));
        WebhookDispatcher.Subscription subscription = dispatcher.register(url, activityNames, customHeaders);

        Map<String, Object> createdBy = new LinkedHashMap<>();
        createdBy.put("id", ContractChanges.API_USER.id());
        createdBy.put("name", ContractChanges.API_USER.name());
        createdBy.put("email", ContractChanges.API_USER.email());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", subscription.id());
        json.put("title", title);
        json.put("only_for_activities", List.copyOf(activityNames));
        json.put("url", url.toString());
        json.put("created_by_user", createdBy);
        json.put("description", body.path("description").asString(""));
        json.put("custom_headers", customHeaders);
        json.put("status", "ACTIVE");
        return ApiResponse.json(201, json);
    }

    private static URI url(JsonNode value) {
        String text = value.asString("");
        try {
            URI url = new URI(text);
            WebhookDeliverySettings.requireHttpUrl(url);
            return url;
        } catch (URISyntaxException | IllegalArgumentException invalid) {
            throw ApiException.badRequest("url is required and must be an absolute http(s) URL");
        }
    }

    private static Map<String, String> customHeaders(JsonNode headers) {
        if (headers.isMissingNode() || headers.isNull()) {
            return Map.of();
        }
        if (!headers.isObject()) {
            throw ApiException.badRequest("custom_headers must be an object");
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> header : headers.properties()) {
            String name = header.getKey().trim();
            if (!name.regionMatches(true, 0, "X-", 0, 2) || name.regionMatches(true, 0, "X-SD-", 0, 5)
                    || name.regionMatches(true, 0, "X-SPOTDRAFT-", 0, 12) || !header.getValue().isString()) {
                throw ApiException.badRequest("custom_headers: '" + name
                        + "' is not allowed (names start with X-, not X-SD- or X-SPOTDRAFT-; values are strings)");
            }
            result.put(name, header.getValue().stringValue());
        }
        return result;
    }

    /**
     * {@code POST /contracts/webhooks/re_trigger_latest/}: a bare number may name a template and a historical
     * contract; both get their latest webhook again. 404 when none of the numbers is a known contract.
     */
    ApiResponse retriggerLatest(ApiRequest request) {
        JsonNode ids = request.jsonObjectBody().path("contract_ids");
        if (!ids.isArray() || ids.isEmpty()) {
            throw ApiException.badRequest("contract_ids is required and must be a non-empty list of integers");
        }
        List<ContractId> known = new ArrayList<>();
        for (JsonNode id : ids.values()) {
            if (!id.isIntegralNumber()) {
                throw ApiException.badRequest("contract_ids must hold integers, found " + id);
            }
            for (ContractId.Family family : ContractId.Family.values()) {
                ContractId candidate = new ContractId(family, id.longValue());
                store.find(candidate).ifPresent(contract -> known.add(candidate));
            }
        }
        if (known.isEmpty()) {
            throw ApiException.notFound("Not Found");
        }
        known.forEach(dispatcher::retrigger);
        return ApiResponse.ok(Map.of("message", "Success"));
    }
}
