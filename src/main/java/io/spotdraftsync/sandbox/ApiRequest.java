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

    /** Django REST Framework's answer to a body that reads as empty, and why it did. */
    static final String CHUNKED_BODY = "JSON parse error - Expecting value: line 1 column 1 (char 0)"
            + " (the body came with Transfer-Encoding and no Content-Length; SpotDraft reads such a body as empty)";

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

    /**
     * The body, read by its {@code Content-Length} only, as SpotDraft (Django under WSGI) reads it: a chunked body
     * reads as empty there, so the JSON parser fails; here it is refused with that answer, so that a client sending
     * chunked bodies fails against the sandbox as it would against SpotDraft.
     */
    private byte[] body() {
        if (exchange.getRequestHeaders().containsKey("Transfer-Encoding")) {
            drain();
            throw ApiException.badRequest(CHUNKED_BODY);
        }
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

    /** Reads a refused body to its end (up to the limit), so that the client is not cut off while it still sends. */
    private void drain() {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int read; total <= MAX_BODY_BYTES && (read = in.read(buffer)) >= 0; ) {
                total += read;
            }
        } catch (IOException unreadable) {
            // the answer goes out anyway
        }
    }
}
