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
 * what a client sent and what a server answered (for example against an OpenAPI document). With a {@link Tamper},
 * it plays a misbehaving server: it answers some requests itself, or alters the bodies it forwards.
 */
public final class RecordingProxy implements AutoCloseable {

    /** What the proxy changes on the way; the default methods change nothing. */
    public interface Tamper {

        /** @return an answer to send instead of forwarding the request, or null to forward it */
        default Answer answerInstead(String method, String rawQuery, Map<String, List<String>> requestHeaders) {
            return null;
        }

        /** @return the request body to forward in place of {@code body} */
        default byte[] forwardedBody(String method, String rawQuery, byte[] body) {
            return body;
        }
    }

    /** An answer of the proxy's own. */
    public record Answer(int status, String contentType, byte[] body) {
    }

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
    private final Tamper tamper;

    public RecordingProxy(URI target) throws IOException {
        this(target, new Tamper() {
        });
    }

    public RecordingProxy(URI target, Tamper tamper) throws IOException {
        this.target = target;
        this.tamper = tamper;
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
            Map<String, List<String>> requestHeaders = lowerCase(exchange.getRequestHeaders());
            Answer own = tamper.answerInstead(exchange.getRequestMethod(), rawQuery, requestHeaders);
            if (own != null) {
                synchronized (this) {
                    exchanges.add(new Exchange(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), rawQuery,
                            requestHeaders, requestBody, own.status(), Map.of("content-type", List.of(own.contentType())), own.body()));
                }
                exchange.getResponseHeaders().add("Content-Type", own.contentType());
                exchange.sendResponseHeaders(own.status(), own.body().length == 0 ? -1 : own.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(own.body());
                }
                return;
            }
            byte[] forwardedBody = tamper.forwardedBody(exchange.getRequestMethod(), rawQuery, requestBody);
            URI forwardTo = URI.create(target + exchange.getRequestURI().getRawPath() + (rawQuery == null ? "" : "?" + rawQuery));
            HttpRequest.Builder request = HttpRequest.newBuilder(forwardTo)
                    .method(exchange.getRequestMethod(), forwardedBody.length == 0
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(forwardedBody));
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
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            responseHeaders.forEach((name, values) -> {
                // a HEAD answer's Content-Length is the resource's size: the server sends no body to count
                if (!HOP_BY_HOP.contains(name) || (head && "content-length".equals(name))) {
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
