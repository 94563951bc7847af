package io.spotdraftsync.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.spotdraftsync.cli.ServeApplication;
import io.spotdraftsync.cli.SpringLauncher;
import io.spotdraftsync.cli.SyncCommandLine;
import io.spotdraftsync.sandbox.FaultSettings;
import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;
import io.spotdraftsync.webhook.WebhookSignature;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real runs with known, distinctive secrets, and a scan of everything the process says: every line on standard
 * output and standard error (Spring Boot's console appender, picocli's output), the log file, and every HTTP answer
 * of {@code serve} (admin API, webhook receiver, every Actuator endpoint exposed at once), in the plain and in the
 * ECS JSON log format, with {@code io.spotdraftsync} at DEBUG. None may hold a secret, in clear or base64.
 *
 * <p>The runs: an export from the command line ({@code SyncCommandLine}, as {@code java -jar ... export}); an
 * export refused for a wrong client secret; two starts refused for a malformed admin token and webhook key; a
 * {@code serve} that exports through the admin API, receives the sandbox's signed webhooks (and the test's own:
 * valid, duplicate, forged, malformed, too large) and runs the targeted exports they trigger. A canary logged on
 * purpose must be found, so the capture is known to see what the application logs.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverLeakTest {

    private static final String CLIENT_ID = "client-id-4Rk8";
    private static final String CLIENT_SECRET = "sd-client-secret-7Gq2XkP9vR4mW8zT";
    private static final String WRONG_CLIENT_SECRET = "sd-wrong-secret-3Hn6YbQ1cL5dF0sJ";
    private static final String ADMIN_TOKEN = "admin-token-Vx83Lq0ZkPm2Rt7Y";
    /** Too short for a token: refused at start, and never echoed. */
    private static final String SHORT_ADMIN_TOKEN = "shortTk9Qw2Zp";
    private static final String HMAC_KEY_TEXT = "webhook-hmac-raw-key-Jd4Nw9Ec2Ub6Sa1Ko8Ti";
    private static final String HMAC_KEY = Base64.getEncoder().encodeToString(HMAC_KEY_TEXT.getBytes(StandardCharsets.US_ASCII));
    /** Not base64: refused at start, and never echoed. */
    private static final String MALFORMED_HMAC_KEY = "hmac-not-base64-Bx7Rm4Lc9*%";
    private static final String DATABASE_PASSWORD = "db-password-Pz5Mc8Vn1Qs4Gh7W";
    private static final String AWS_SECRET = "aws-secret-key-Wq3Zt6Ux9Ra2Ep5N";
    /** Logged on purpose: proves that the scan sees what the application logs, in the format under test. */
    private static final String CANARY = "canary-Yf7Kd2Lp9Sx4";
    /** The signature of a signed storage URL of the sandbox ({@code ...?expires=...&signature=<hex>}). */
    private static final Pattern SIGNED_URL = Pattern.compile("signature=[0-9a-fA-F]{8}");
    private static final Pattern PLAIN_LOG_LINE = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}.*\\b(ERROR|WARN|INFO|DEBUG|TRACE)\\b.*");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> answers = new ArrayList<>();
    private final Set<String> signaturesSent = new LinkedHashSet<>();
    private Path work;
    private java.util.Properties systemPropertiesBefore;

    @BeforeEach
    void workDirectory() throws Exception {
        // not a @TempDir: H2 and DuckDB may still be letting go of their files just after a context closed
        work = Files.createTempDirectory("secrets-never-leak");
        systemPropertiesBefore = (java.util.Properties) System.getProperties().clone();
        // /actuator/env lists system properties: an S3 secret key given this way must be masked there too
        System.setProperty("aws.secretAccessKey", AWS_SECRET);
    }

    @AfterEach
    void cleanUp() {
        // Spring Boot hands the log format and file to Logback as system properties (CONSOLE_LOG_STRUCTURED_FORMAT,
        // LOG_FILE, ...) and leaves them set: put them back, so that the next tests of this JVM log as configured by
        // default again (plain, INFO, no file)
        System.getProperties().keySet().removeIf(name -> !systemPropertiesBefore.containsKey(name));
        systemPropertiesBefore.forEach((name, value) -> System.getProperties().put(name, value));
        new org.springframework.boot.builder.SpringApplicationBuilder(DefaultLogging.class)
                .web(WebApplicationType.NONE).bannerMode(org.springframework.boot.Banner.Mode.OFF).logStartupInfo(false)
                .run().close();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            FileSystemUtils.deleteRecursively(work);
            return !Files.exists(work);
        });
    }

    @ParameterizedTest(name = "log format {0}")
    @ValueSource(strings = {"plain", "ecs"})
    void noSecretInAnyLogLineOrHttpAnswer(String format, CapturedOutput output) throws Exception {
        boolean structured = !"plain".equals(format);
        try (SpotDraftSandbox sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(16).seed(71)
                .requestsPerSecond(0).clientId(CLIENT_ID).clientSecret(CLIENT_SECRET)
                .documentMinBytes(2_048).documentMaxBytes(8_192)
                // retried 5xx answers: their WARN lines are scanned too
                .faults(FaultSettings.builder().serverErrorProbability(0.05).build())
                .build())) {
            Map<String, Object> common = common(sandbox, format);

            // 1. the export command, as a person or a CronJob runs it
            assertThat(SyncCommandLine.execute(arguments("export", common, Map.of("--full", "")))).isZero();
            assertThat(output.getOut()).as("the closing summary is printed for people, in every log format")
                    .contains("contracts read").contains("API calls");

            // 2. refusals, in the default format only (their messages do not depend on it): a wrong client secret
            // (401), a malformed admin token, a malformed webhook key
            if (!structured) {
                refusals(common, output);
            }

            // 3. serve: admin API, webhooks (the sandbox's and the test's), the targeted runs, every Actuator endpoint
            serve(sandbox, common, structured);
        }
        scan(format, structured, output);
    }

    private void refusals(Map<String, Object> common, CapturedOutput output) {
        Map<String, Object> wrongSecret = new LinkedHashMap<>(common);
        wrongSecret.put("spotdraft.client-secret", WRONG_CLIENT_SECRET);
        assertThat(SyncCommandLine.execute(arguments("export", wrongSecret, Map.of()))).isEqualTo(1);
        Map<String, Object> shortToken = new LinkedHashMap<>(common);
        shortToken.put("sync.admin.token", SHORT_ADMIN_TOKEN);
        shortToken.put("server.port", 0);
        assertThat(SyncCommandLine.execute(arguments("serve", shortToken, Map.of()))).isEqualTo(1);
        Map<String, Object> badKey = new LinkedHashMap<>(common);
        badKey.put("sync.admin.token", ADMIN_TOKEN);
        badKey.put("sync.webhook.hmac-key", MALFORMED_HMAC_KEY);
        badKey.put("server.port", 0);
        assertThat(SyncCommandLine.execute(arguments("serve", badKey, Map.of()))).isEqualTo(1);
        assertThat(output.getErr()).contains("error: sync.admin.token must be at least")
                .contains("error: sync.webhook.hmac-key must be the base64 key");
    }

    private void scan(String format, boolean structured, CapturedOutput output) throws Exception {
        String logFile = Files.readString(work.resolve("logs").resolve("spotdraft-sync.log"));
        String everything = output.getAll() + "\n" + logFile;

        // the capture sees what the application logs, in the format under test
        assertThat(everything).contains(CANARY);
        List<String> canaryLines = everything.lines().filter(line -> line.contains(CANARY)).toList();
        assertThat(canaryLines).hasSizeGreaterThanOrEqualTo(2);
        if (structured) {
            assertThat(canaryLines).allSatisfy(line ->
                    assertThat(JSON.readTree(line).get("message").asString()).contains(CANARY));
            assertThat(everything.lines().filter(line -> PLAIN_LOG_LINE.matcher(line).matches()))
                    .as("no plain log line in the %s format", format).isEmpty();
            assertThat(everything.lines().filter(line -> line.startsWith("{\"@timestamp\"")).count()).isGreaterThan(20);
        } else {
            assertThat(everything.lines().filter(line -> line.startsWith("{"))).as("no JSON line in the plain format").isEmpty();
            assertThat(canaryLines).allSatisfy(line -> assertThat(line).matches(PLAIN_LOG_LINE));
        }

        Set<String> secrets = secrets();
        secrets.addAll(signaturesSent);
        assertNoSecret("log output (" + format + ")", scannable(everything), secrets);
        assertNoSecret("HTTP answers (" + format + ")", scannable(String.join("\n", answers)), secrets);
        assertThat(answers).as("answers scanned").hasSizeGreaterThan(40);
    }

    /** The scan itself: a secret planted in a log line or an answer is found, in clear, in base64, and escaped in JSON. */
    @Test
    void theScanFindsAPlantedSecret() {
        Set<String> secrets = secrets();
        assertThat(leaks("2026-01-01T00:00:00Z INFO x : token " + ADMIN_TOKEN, secrets)).isNotEmpty();
        assertThat(leaks("Authorization: Basic " + base64(ADMIN_TOKEN), secrets)).isNotEmpty();
        // a JSON encoder may escape any character: "\\u0061dmin-token-..." is the admin token
        String escaped = "{\"message\":\"token \\u0061" + ADMIN_TOKEN.substring(1) + "\"}";
        assertThat(leaks(escaped, secrets)).isEmpty();
        assertThat(leaks(scannable(escaped), secrets)).isNotEmpty();
        assertThat(leaks("GET /_sandbox/files/T-1/5003?expires=1&signature=0a1b2c3d4e5f", secrets)).isNotEmpty();
        assertThat(leaks("hex " + HexFormat.of().formatHex(HMAC_KEY_TEXT.getBytes(StandardCharsets.US_ASCII)), secrets)).isNotEmpty();
        assertThat(leaks("nothing to see: sync.admin.token=******", secrets)).isEmpty();
    }

    private void serve(SpotDraftSandbox sandbox, Map<String, Object> common, boolean structured) throws Exception {
        Map<String, Object> properties = new LinkedHashMap<>(common);
        properties.put("server.port", 0);
        properties.put("sync.admin.token", ADMIN_TOKEN);
        properties.put("sync.schedule.enabled", false);
        properties.put("sync.webhook.debounce", "200ms");
        properties.put("sync.webhook.max-delay", "1s");
        properties.put("management.endpoints.web.exposure.include", "*");
        properties.put("management.endpoint.health.show-details", "always");
        String signingKey;
        if (structured) {
            // configured keys, values shown by Actuator: the sanitizing function must mask the secrets
            properties.put("sync.webhook.hmac-key", HMAC_KEY);
            properties.put("sync.webhook.previous-hmac-key", sandbox.hmacKeyBase64());
            properties.put("management.endpoint.env.show-values", "always");
            properties.put("management.endpoint.configprops.show-values", "always");
            signingKey = HMAC_KEY;
        } else {
            // the key fetched from the API at the first delivery, Actuator's defaults
            signingKey = sandbox.hmacKeyBase64();
        }
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        try (ConfigurableApplicationContext context = SpringLauncher.start(ServeApplication.class, WebApplicationType.SERVLET,
                arguments, Map.of())) {
            URI base = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort());
            JdbcTemplate jobs = context.getBean(JdbcTemplate.class);

            // an export through the admin API, to the end
            String started = call(base, "POST", "/api/jobs/export/runs", ADMIN_TOKEN, "{\"parameters\": {\"full\": true}}", 202);
            long id = JSON.readTree(started).get("id").asLong();
            await().atMost(Duration.ofSeconds(120)).until(() -> JSON.readTree(call(base, "GET", "/api/runs/" + id, ADMIN_TOKEN, null, 200))
                    .get("status").asString().equals("COMPLETED"));
            call(base, "GET", "/api/jobs", ADMIN_TOKEN, null, 200);
            call(base, "GET", "/api/runs?limit=5", ADMIN_TOKEN, null, 200);
            call(base, "POST", "/api/runs/" + id + "/stop", ADMIN_TOKEN, null, 409);
            call(base, "POST", "/api/runs/" + id + "/restart", ADMIN_TOKEN, null, 409);
            call(base, "POST", "/api/jobs/nightly/runs", ADMIN_TOKEN, null, 404);
            call(base, "POST", "/api/jobs/export/runs", ADMIN_TOKEN, "{\"parameters\": {\"full\": tru", 400);
            // refused tokens, one of them the real token with one character more, one the real token sent as Basic
            call(base, "GET", "/api/runs", null, null, 401);
            call(base, "GET", "/api/runs", ADMIN_TOKEN + "x", null, 401);
            answers.add(send(HttpRequest.newBuilder(base.resolve("/api/runs"))
                    .header("Authorization", "Basic " + base64(ADMIN_TOKEN)).GET().build(), 401));

            // the sandbox's own signed webhooks, and the targeted runs they trigger
            sandbox.registerWebhookTarget(base.resolve("/webhooks/spotdraft"));
            sandbox.mutate(6);
            await().atMost(Duration.ofSeconds(60)).until(() -> count(jobs, "SELECT count(*) FROM webhook_inbox") > 0
                    && count(jobs, "SELECT count(*) FROM webhook_inbox WHERE status = 'pending'") == 0
                    && count(jobs, "SELECT count(*) FROM batch_job_execution e JOIN batch_job_instance i ON e.job_instance_id = "
                            + "i.job_instance_id WHERE i.job_name = 'export.webhook' AND e.status = 'COMPLETED'") > 0);

            // the test's deliveries: stored, duplicate, forged, malformed, too large, wrong method
            byte[] event = ("{\"activity\":\"CONTRACT_EXECUTED\",\"activity_data\":{\"timestamp\":\"" + Instant.now()
                    + "\"},\"contract_id\":3}").getBytes(StandardCharsets.UTF_8);
            String signature = WebhookSignature.fromBase64Key(signingKey).sign(event);
            signaturesSent.add(signature);
            deliver(base, event, signature, 202);
            deliver(base, event, signature, 200);
            deliver(base, event, WebhookSignature.fromBase64Key(base64("another-key-of-nobody")).sign(event), 401);
            byte[] malformed = "{\"activity\":42}".getBytes(StandardCharsets.UTF_8);
            String malformedSignature = WebhookSignature.fromBase64Key(signingKey).sign(malformed);
            signaturesSent.add(malformedSignature);
            deliver(base, malformed, malformedSignature, 400);
            deliver(base, new byte[1_100_000], signature, 413);
            answers.add(send(HttpRequest.newBuilder(base.resolve("/webhooks/spotdraft")).GET().build(), 405));

            // every Actuator endpoint exposed (all but health and prometheus need the admin token), and the secret
            // properties one by one; without the token they are refused, with it they answer, masked
            call(base, "GET", "/actuator/env", null, null, 401);
            JsonNode links = JSON.readTree(call(base, "GET", "/actuator", ADMIN_TOKEN, null, 200)).get("_links");
            assertThat(links.propertyNames()).contains("health", "env", "configprops");
            for (String name : links.propertyNames()) {
                JsonNode link = links.get(name);
                if (link.get("templated").asBoolean() || name.equals("heapdump") || name.equals("shutdown")) {
                    continue;
                }
                answers.add(send(HttpRequest.newBuilder(URI.create(link.get("href").asString()))
                        .header("Authorization", "Bearer " + ADMIN_TOKEN).GET().build(), -1));
            }
            for (String property : List.of("spotdraft.client-secret", "sync.admin.token", "sync.webhook.hmac-key",
                    "spring.datasource.password", "aws.secretAccessKey")) {
                answers.add(send(HttpRequest.newBuilder(base.resolve("/actuator/env/" + property))
                        .header("Authorization", "Bearer " + ADMIN_TOKEN).GET().build(), -1));
            }
            assertThat(call(base, "GET", "/actuator/health", null, null, 200)).contains("\"UP\"");
            if (structured) {
                // values are shown (show-values=always), and the secrets among them masked
                assertThat(call(base, "GET", "/actuator/env/spotdraft.workspace", ADMIN_TOKEN, null, 200)).contains("\"acme\"");
                assertThat(call(base, "GET", "/actuator/env/spotdraft.client-secret", ADMIN_TOKEN, null, 200)).contains("******");
            }

            LoggerFactory.getLogger(SecretsNeverLeakTest.class).warn("{} logged on purpose", CANARY);
        }
    }

    /** Settings every run of the phase shares: the sandbox's workspace, the work directory, the log format. */
    private Map<String, Object> common(SpotDraftSandbox sandbox, String format) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spotdraft.base-url", sandbox.baseUrl());
        properties.put("spotdraft.client-id", CLIENT_ID);
        properties.put("spotdraft.client-secret", CLIENT_SECRET);
        properties.put("spotdraft.workspace", "acme");
        properties.put("spotdraft.requests-per-second", 1_000);
        properties.put("spotdraft.page-size", 5);
        properties.put("spotdraft.retry.initial-backoff", "5ms");
        properties.put("spotdraft.retry.max-backoff", "50ms");
        // H2 creates the database with this password: a database password the runs really use
        properties.put("spring.datasource.url", "jdbc:h2:file:" + work.resolve("jobs").toAbsolutePath() + ";AUTO_SERVER=TRUE");
        properties.put("spring.datasource.password", DATABASE_PASSWORD);
        properties.put("sync.warehouse.url", "jdbc:duckdb:" + work.resolve("warehouse.duckdb").toAbsolutePath());
        properties.put("sync.documents.location", "file:" + work.resolve("documents").toAbsolutePath());
        properties.put("sync.documents.temp-dir", work.resolve("tmp").toAbsolutePath().toString());
        properties.put("sync.export.progress-interval", "1s");
        properties.put("logging.level.io.spotdraftsync", "DEBUG");
        properties.put("logging.file.name", work.resolve("logs").resolve("spotdraft-sync.log").toAbsolutePath().toString());
        if (!"plain".equals(format)) {
            properties.put("logging.structured.format.console", format);
            properties.put("logging.structured.format.file", format);
        }
        return properties;
    }

    private static String[] arguments(String command, Map<String, Object> properties, Map<String, String> options) {
        List<String> arguments = new ArrayList<>();
        arguments.add(command);
        options.forEach((name, value) -> arguments.add(value.isEmpty() ? name : name + "=" + value));
        properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        return arguments.toArray(String[]::new);
    }

    private String call(URI base, String method, String path, String token, String json, int expectedStatus) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        String answer = send(request.build(), expectedStatus);
        answers.add(answer);
        return answer.substring(answer.indexOf("\n\n") + 2);
    }

    private void deliver(URI base, byte[] body, String signature, int expectedStatus) {
        answers.add(send(HttpRequest.newBuilder(base.resolve("/webhooks/spotdraft")).header(WebhookSignature.HEADER, signature)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                expectedStatus));
    }

    /** The status line, every header and the body; {@code expectedStatus} -1 accepts any. */
    private String send(HttpRequest request, int expectedStatus) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (expectedStatus >= 0) {
                assertThat(response.statusCode()).as("%s %s: %s", request.method(), request.uri(), response.body())
                        .isEqualTo(expectedStatus);
            }
            StringBuilder text = new StringBuilder(request.method() + " " + request.uri() + " -> " + response.statusCode() + "\n");
            response.headers().map().forEach((name, values) -> values.forEach(value -> text.append(name).append(": ").append(value).append('\n')));
            return text.append('\n').append(response.body()).toString();
        } catch (java.io.IOException failure) {
            throw new java.io.UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private static long count(JdbcTemplate jdbc, String sql) {
        Long count = jdbc.queryForObject(sql, Long.class);
        return count == null ? 0 : count;
    }

    /** Every secret in the forms it could leak in: clear, base64 (standard and URL-safe), hex of a key's bytes. */
    private static Set<String> secrets() {
        Set<String> secrets = new LinkedHashSet<>();
        for (String secret : List.of(CLIENT_SECRET, WRONG_CLIENT_SECRET, ADMIN_TOKEN, SHORT_ADMIN_TOKEN, HMAC_KEY_TEXT,
                MALFORMED_HMAC_KEY, DATABASE_PASSWORD, AWS_SECRET)) {
            secrets.add(secret);
            secrets.add(base64(secret).replace("=", ""));
            secrets.add(Base64.getUrlEncoder().withoutPadding().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
        }
        secrets.add(HMAC_KEY);
        secrets.add(HexFormat.of().formatHex(HMAC_KEY_TEXT.getBytes(StandardCharsets.US_ASCII)));
        return secrets;
    }

    /** The text as written, plus the string values of its JSON lines (which a JSON encoder may have escaped). */
    private static String scannable(String text) {
        StringBuilder scannable = new StringBuilder(text);
        text.lines().filter(line -> line.startsWith("{")).forEach(line -> {
            try {
                collectStrings(JSON.readTree(line), scannable);
            } catch (RuntimeException notJson) {
                // a JSON body cut short, or not JSON: scanned as written
            }
        });
        return scannable.toString();
    }

    private static void collectStrings(JsonNode node, StringBuilder into) {
        if (node.isString()) {
            into.append('\n').append(node.asString());
        }
        node.values().forEach(child -> collectStrings(child, into));
    }

    private static void assertNoSecret(String where, String text, Set<String> secrets) {
        assertThat(leaks(text, secrets)).as("secrets found in %s", where).isEmpty();
    }

    /** The lines that hold a secret, or a signed storage URL's signature. */
    private static List<String> leaks(String text, Set<String> secrets) {
        return text.lines().filter(line -> {
            Matcher signedUrl = SIGNED_URL.matcher(line);
            return signedUrl.find() || secrets.stream().anyMatch(line::contains);
        }).map(line -> line.length() > 400 ? line.substring(0, 400) + "..." : line).toList();
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class DefaultLogging {
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
