package io.spotdraftsync.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.spotdraftsync.cli.ServeApplication;
import io.spotdraftsync.cli.SpringLauncher;
import io.spotdraftsync.sandbox.SpotDraftSandbox;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

/**
 * The real {@code serve} context (the one {@code java -jar spotdraft-sync.jar serve} runs) against a sandbox,
 * on an ephemeral port, with its job repository, warehouse and documents in a test directory; and an HTTP
 * client that posts to its webhook receiver.
 */
final class ServeContext implements AutoCloseable {

    static final String WORKSPACE = "acme";

    private final ConfigurableApplicationContext context;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ServeContext(ConfigurableApplicationContext context) {
        this.context = context;
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.endpoint = URI.create("http://127.0.0.1:" + port + WebhookEndpoint.PATH);
    }

    /** {@code extra}: more properties, e.g. {@code sync.webhook.hmac-key}; a null value leaves a default out. */
    static ServeContext start(SpotDraftSandbox sandbox, Path work, Map<String, Object> extra) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", 0);
        properties.put("sync.admin.token", io.spotdraftsync.testsupport.ExportHarness.ADMIN_TOKEN);
        properties.put("sync.schedule.enabled", false);
        properties.put("spotdraft.base-url", sandbox.baseUrl());
        properties.put("spotdraft.client-id", sandbox.settings().clientId());
        properties.put("spotdraft.client-secret", sandbox.settings().clientSecret());
        properties.put("spotdraft.workspace", WORKSPACE);
        properties.put("spotdraft.requests-per-second", 1_000);
        properties.put("spotdraft.retry.initial-backoff", "5ms");
        properties.put("spotdraft.retry.max-backoff", "50ms");
        properties.put("spring.datasource.url", "jdbc:h2:file:" + work.resolve("jobs").toAbsolutePath());
        properties.put("sync.warehouse.url", "jdbc:duckdb:" + work.resolve("warehouse.duckdb").toAbsolutePath());
        properties.put("sync.documents.location", "file:" + work.resolve("documents").toAbsolutePath());
        properties.put("sync.documents.temp-dir", work.resolve("tmp").toAbsolutePath().toString());
        properties.putAll(extra);
        String[] arguments = properties.entrySet().stream().filter(entry -> entry.getValue() != null)
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue()).toArray(String[]::new);
        return new ServeContext(SpringLauncher.start(ServeApplication.class, WebApplicationType.SERVLET, arguments,
                Map.of()));
    }

    URI endpoint() {
        return endpoint;
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    JdbcTemplate jdbc() {
        return new JdbcTemplate(context.getBean(DataSource.class));
    }

    /** Rows of the inbox, every workspace and status. */
    long rows() {
        Long count = jdbc().queryForObject("SELECT COUNT(*) FROM webhook_inbox", Long.class);
        return count == null ? 0 : count;
    }

    void clearInbox() {
        jdbc().update("DELETE FROM webhook_inbox");
    }

    /** The value of {@code sync.webhook.deliveries{outcome=...}}. */
    double deliveries(String outcome) {
        Counter counter = context.getBean(MeterRegistry.class).find(WebhookMetrics.DELIVERIES).tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    /** POSTs {@code body} with a {@code Content-Length}; {@code signature} null sends no signature header. */
    HttpResponse<String> post(byte[] body, String signature) throws IOException, InterruptedException {
        return post(body, signature, "application/json");
    }

    HttpResponse<String> post(byte[] body, String signature, String contentType) throws IOException, InterruptedException {
        return send(request(signature, contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    HttpRequest.Builder request(String signature, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30));
        if (signature != null) {
            request.header(WebhookSignature.HEADER, signature);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return request;
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        context.close();
    }
}
