package io.spotdraftsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small client of the sandbox for tests: credentials set, redirects not followed, JSON parsed. */
final class SandboxHttp {

    static final String V21 = "/api/v2.1/public";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI base;
    private final String clientId;
    private final String clientSecret;

    SandboxHttp(SpotDraftSandbox sandbox) {
        this(sandbox.baseUrl(), sandbox.settings().clientId(), sandbox.settings().clientSecret());
    }

    SandboxHttp(URI base, String clientId, String clientSecret) {
        this.base = base;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    HttpResponse<byte[]> get(String pathAndQuery) {
        return send(request(pathAndQuery).GET());
    }

    HttpResponse<byte[]> post(String pathAndQuery, String jsonBody) {
        return send(request(pathAndQuery).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    HttpResponse<byte[]> postEmpty(String pathAndQuery) {
        return send(request(pathAndQuery).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** Without the sandbox credentials (or with the given ones). */
    HttpResponse<byte[]> getWithHeaders(String pathAndQuery, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.GET());
    }

    /** An absolute URL, no credentials (signed file URLs). */
    HttpResponse<byte[]> getAbsolute(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET());
    }

    HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return sendOrFail(request);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /** Lets transport failures (dropped connections, short bodies) through as they are. */
    HttpResponse<byte[]> sendOrFail(HttpRequest.Builder request) throws IOException {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .header("client-id", clientId)
                .header("client-secret", clientSecret);
    }

    /** GET expecting 200, parsed. */
    JsonNode getJson(String pathAndQuery) {
        HttpResponse<byte[]> response = get(pathAndQuery);
        assertThat(response.statusCode()).as("GET %s: %s", pathAndQuery, text(response)).isEqualTo(200);
        return json(response);
    }

    /** Every page of the contract list for the given filter query (may be empty), in order. */
    List<JsonNode> listAll(String filterQuery, int limit) {
        List<JsonNode> items = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode envelope = getJson(V21 + "/contracts/?page=" + page + "&limit=" + limit
                    + (filterQuery.isEmpty() ? "" : "&" + filterQuery));
            envelope.path("results").values().forEach(items::add);
            if ((long) page * limit >= envelope.path("total_results").longValue()) {
                return items;
            }
        }
    }

    static List<String> ids(List<JsonNode> items) {
        return items.stream().map(item -> item.path("id").asString()).toList();
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        return JSON.readTree(response.body());
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
