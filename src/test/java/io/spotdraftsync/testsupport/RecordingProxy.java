package io.spotdraftsync.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spotdraftsync.spotdraft.LocalRequestBudget;
import io.spotdraftsync.spotdraft.SpotDraftClient;
import io.spotdraftsync.spotdraft.SpotDraftProperties;

/**
 * A loopback HTTP proxy that forwards every request to a target and keeps both sides, so a test can check
 * what a client sent and what a server answered (for example against an OpenAPI document).
 */
public final class RecordingProxy implements AutoCloseable {

    /** One exchange, bodies whole (test traffic: small). */
    public record Exchange(String method, String path, String rawQuery, Map<String, List<String>> requestHeaders,
            byte[] requestBody, int status, Map<String, List<String>> responseHeaders, byte[] responseBody) {

        public String responseHeader(String name) {
            List<String> values = responseHeaders.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "keep-alive", "upgrade", "expect", "te", "trailer", "proxy-connection");

    private final URI target;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final HttpClient forwarder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<Exchange> exchanges = new ArrayList<>();

    public RecordingProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::forward);
        server.setExecutor(threads);
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A client of the sandbox's default credentials whose every request goes through this proxy, at up to 1,000/s. */
    public SpotDraftClient client() {
        return SpotDraftClient.create(SpotDraftProperties.of(baseUrl(), "sandbox", "sandbox-secret").withRequestsPerSecond(1_000),
                new LocalRequestBudget(1_000, Duration.ZERO), new SimpleMeterRegistry());
    }

    public synchronized List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] requestBody = exchange.getRequestBody().readAllBytes();
            String rawQuery = exchange.getRequestURI().getRawQuery();
            URI forwardTo = URI.create(target + exchange.getRequestURI().getRawPath() + (rawQuery == null ? "" : "?" + rawQuery));
            HttpRequest.Builder request = HttpRequest.newBuilder(forwardTo)
                    .method(exchange.getRequestMethod(), requestBody.length == 0
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(requestBody));
            Map<String, List<String>> requestHeaders = lowerCase(exchange.getRequestHeaders());
            requestHeaders.forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name)) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<InputStream> response;
            try {
                response = forwarder.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IOException(interrupted);
            }
            Map<String, List<String>> responseHeaders = lowerCase(response.headers().map());
            responseHeaders.forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name)) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] responseBody;
            try (InputStream in = response.body()) {
                responseBody = in.readAllBytes();
            }
            // recorded before the answer goes back, so a caller that got its answer finds the exchange recorded
            synchronized (this) {
                exchanges.add(new Exchange(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), rawQuery,
                        requestHeaders, requestBody, response.statusCode(), responseHeaders, responseBody));
            }
            exchange.sendResponseHeaders(response.statusCode(), responseBody.length == 0 ? -1 : responseBody.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(responseBody);
            }
        }
    }

    private static Map<String, List<String>> lowerCase(Map<String, List<String>> headers) {
        Map<String, List<String>> result = new TreeMap<>();
        headers.forEach((name, values) -> result.put(name.toLowerCase(java.util.Locale.ROOT), List.copyOf(values)));
        return result;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
