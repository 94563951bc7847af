package io.spotdraftsync.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import com.sun.net.httpserver.HttpExchange;

import tools.jackson.databind.JsonNode;

/** One routed request: method, decoded path parameters, query, headers and a lazily read body. */
final class ApiRequest {

    /** Bodies beyond this are refused (an import carries a base64 PDF, so this is generous). */
    private static final int MAX_BODY_BYTES = 256 * 1024 * 1024;

    private final HttpExchange exchange;
    private final Map<String, String> pathParameters;
    private final QueryParameters query;

    ApiRequest(HttpExchange exchange, Map<String, String> pathParameters) {
        this.exchange = exchange;
        this.pathParameters = Map.copyOf(pathParameters);
        this.query = QueryParameters.parse(exchange.getRequestURI().getRawQuery());
    }

    String method() {
        return exchange.getRequestMethod();
    }

    String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalStateException("The route has no parameter " + name);
        }
        return value;
    }

    QueryParameters query() {
        return query;
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** Scheme, host and port the client used, so links work behind port forwarding. */
    String clientBaseUrl() {
        String host = header("Host");
        if (host == null || host.isBlank()) {
            host = exchange.getLocalAddress().getHostString() + ":" + exchange.getLocalAddress().getPort();
        }
        return "http://" + host;
    }

    /** The body as JSON; empty when there is no body. */
    Optional<JsonNode> optionalJsonBody() {
        byte[] body = body();
        if (new String(body, StandardCharsets.UTF_8).isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SandboxJson.read(body));
        } catch (IllegalArgumentException malformed) {
            throw ApiException.badRequest(malformed.getMessage());
        }
    }

    /** The body as a JSON object; 400 when missing or not an object. */
    JsonNode jsonObjectBody() {
        JsonNode body = optionalJsonBody().orElseThrow(() -> ApiException.badRequest("A JSON body is required"));
        if (!body.isObject()) {
            throw ApiException.badRequest("The body must be a JSON object");
        }
        return body;
    }

    private byte[] body() {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new ApiException(413, "SD_SANDBOX_BODY_TOO_LARGE", "The body exceeds " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
