package io.spotdraftsync.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spotdraftsync.cli.SyncCommandLine;
import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;
import io.spotdraftsync.testsupport.ChildS3Server;
import io.spotdraftsync.testsupport.PostgresScratchSchema;
import io.spotdraftsync.testsupport.S3MockServer;
import io.spotdraftsync.warehouse.Warehouse;
import io.spotdraftsync.warehouse.WarehouseFactory;
import io.spotdraftsync.warehouse.WarehouseProperties;
import io.spotdraftsync.webhook.WebhookSignature;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} against the sandbox, a DuckDB file, PostgreSQL, S3Mock and a webhook receiver of the test's own: it
 * passes with good settings and fails, exit 1, with a line naming what to fix for each broken piece, never printing a
 * secret.
 */
class CheckCommandTest {

    private static final String WRONG_SECRET = "wrong-secret-" + UUID.randomUUID();

    @TempDir
    static Path data;

    private static SpotDraftSandbox sandbox;
    private static HttpServer receiver;
    private static final List<String> receivedSignatures = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(30).seed(17).requestsPerSecond(0).build());
        WebhookSignature sandboxKey = WebhookSignature.fromBase64Key(sandbox.hmacKeyBase64());
        WebhookSignature otherKey = WebhookSignature.fromBase64Key("b3RoZXIta2V5LW9mLWFub3RoZXItd29ya3NwYWNl");
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // /webhooks/spotdraft/check-test verifies with the workspace's key; /other/... with another workspace's key
        receiver.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER);
            synchronized (receivedSignatures) {
                receivedSignatures.add(signature);
            }
            WebhookSignature key = exchange.getRequestURI().getPath().startsWith("/other") ? otherKey : sandboxKey;
            exchange.sendResponseHeaders(key.verify(body, signature) ? 204 : 401, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
        sandbox.close();
    }

    @Test
    void goodSettingsPassEveryCheckAndLeaveNothingBehind() throws IOException {
        Result result = check(List.of("--webhook-url", receiverUrl("/webhooks/spotdraft/check-test")));

        assertThat(result.exitCode()).as(result.out()).isZero();
        assertThat(result.lines()).anySatisfy(line -> assertThat(line).matches("check-test\\s+spotdraft\\s+credentials accepted \\(30 contracts\\)\\s+ok"))
                .anySatisfy(line -> assertThat(line).matches("check-test\\s+spotdraft\\s+webhook HMAC key readable\\s+ok"))
                .anySatisfy(line -> assertThat(line).matches("-\\s+warehouse\\s+scratch table loaded \\(staging, MERGE\\)\\s+ok"))
                .anySatisfy(line -> assertThat(line).matches("-\\s+warehouse\\s+scratch table dropped\\s+ok"))
                .anySatisfy(line -> assertThat(line).matches("-\\s+job-repository\\s+tables exist or were created\\s+ok"))
                .anySatisfy(line -> assertThat(line).matches("check-test\\s+documents\\s+scratch object read back, same bytes\\s+ok"))
                .anySatisfy(line -> assertThat(line).matches("check-test\\s+webhook\\s+signed test delivery to .* answered 204\\s+ok"));
        assertThat(result.out()).containsPattern("All \\d+ checks passed\\.").doesNotContain("FAILED")
                .doesNotContain(sandbox.settings().clientSecret()).doesNotContain(sandbox.hmacKeyBase64());
        assertThat(Files.exists(data.resolve("documents/check-test/" + DocumentStoreCheck.SCRATCH_CONTRACT))).isFalse();
    }

    @Test
    void aWrongSecretNamesTheCredentialPropertiesAndIsNotPrinted() {
        Result result = check(List.of("--spotdraft.client-secret=" + WRONG_SECRET));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.line("credentials accepted")).contains("FAILED: SpotDraft refused the credentials (HTTP 401")
                .contains("set spotdraft.client-id and spotdraft.client-secret (SPOTDRAFT_CLIENT_ID, SPOTDRAFT_CLIENT_SECRET)");
        assertThat(result.out()).doesNotContain(WRONG_SECRET).contains("checks FAILED");
    }

    @Test
    void anUnknownRegionNamesTheRegionProperty() {
        Result result = check(List.of("--spotdraft.region=xx"), "--spotdraft.base-url");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.line("configuration")).contains("FAILED: invalid value for spotdraft.region")
                .contains("in, us, me, eu");
    }

    @Test
    void aHostThatDoesNotResolveNamesTheBaseUrlProperty() {
        Result result = check(List.of("--spotdraft.base-url=https://api.no-such-region.invalid"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.line("resolves")).contains("FAILED: no address for api.no-such-region.invalid: set spotdraft.base-url");
    }

    @Test
    void aPostgresUserWithoutCreateIsToldWhichPrivilegeIsMissing() throws Exception {
        String role = "check17_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (PostgresScratchSchema schema = PostgresScratchSchema.create("check17")) {
            try (Warehouse owner = WarehouseFactory.create(WarehouseProperties.of(PostgresScratchSchema.SERVER)
                    .withCredentials(PostgresScratchSchema.USER, "").withSchema(schema.name()), new SimpleMeterRegistry())) {
                owner.migrate();
            }
            onServer("CREATE ROLE " + role + " LOGIN", "GRANT USAGE ON SCHEMA " + schema.name() + " TO " + role,
                    "GRANT SELECT ON ALL TABLES IN SCHEMA " + schema.name() + " TO " + role);
            try {
                Result result = check(List.of("--sync.warehouse.url=" + PostgresScratchSchema.SERVER,
                        "--sync.warehouse.username=" + role, "--sync.warehouse.schema=" + schema.name()));

                assertThat(result.exitCode()).isEqualTo(1);
                assertThat(result.line("connect (postgresql)")).endsWith("ok");
                assertThat(result.line("migrations applied")).endsWith("ok");
                assertThat(result.line("scratch table")).contains("FAILED: " + role + " lacks CREATE on schema " + schema.name())
                        .contains("GRANT CREATE ON SCHEMA " + schema.name() + " TO " + role);
            } finally {
                onServer("DROP OWNED BY " + role, "DROP ROLE " + role);
            }
        }
    }

    @Test
    void anS3BucketThatDoesNotExistIsNamedAndAnExistingOnePasses() {
        System.setProperty("aws.accessKeyId", ChildS3Server.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", ChildS3Server.SECRET_KEY);
        try (S3MockServer s3 = new S3MockServer().start()) {
            s3.createBucket("check-documents");
            List<String> settings = List.of("--sync.documents.s3.endpoint=" + s3.endpoint(), "--sync.documents.s3.path-style=true",
                    "--sync.documents.s3.region=us-east-1");

            Result missing = check(Stream.concat(settings.stream(), Stream.of("--sync.documents.location=s3://no-such-bucket/docs")).toList());
            Result existing = check(Stream.concat(settings.stream(), Stream.of("--sync.documents.location=s3://check-documents/docs")).toList());

            assertThat(missing.exitCode()).isEqualTo(1);
            assertThat(missing.line("written once")).contains("FAILED: the bucket of s3://no-such-bucket/docs does not exist");
            assertThat(existing.exitCode()).as(existing.out()).isZero();
            assertThat(existing.line("written once")).contains("s3://check-documents/docs/check-test/spotdraft-sync-check").endsWith("ok");
            assertThat(existing.line("deleted")).endsWith("ok");
            try (var client = s3.newClient()) {
                assertThat(client.listObjectsV2(list -> list.bucket("check-documents")).contents()).isEmpty();
            }
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    @Test
    void aReceiverThatAnswers401IsToldToUseTheWorkspaceKey() {
        Result result = check(List.of("--webhook-url", receiverUrl("/other/webhooks/spotdraft")));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.line("signed test delivery")).contains("FAILED: answered 401: the receiver refused the signature")
                .contains("sync.webhook.hmac-key");
        assertThat(result.out()).doesNotContain(sandbox.hmacKeyBase64());
    }

    private static String receiverUrl(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    private static void onServer(String... statements) throws Exception {
        try (Connection connection = DriverManager.getConnection(PostgresScratchSchema.SERVER, PostgresScratchSchema.USER, "");
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static final java.util.regex.Pattern CHECK_LINE = java.util.regex.Pattern.compile("\\S+ {2,}[a-z-]+ {2,}.*(  ok|  FAILED: .*)");

    private record Result(int exitCode, String out) {
        List<String> lines() {
            return out.lines().toList();
        }

        /** The one check line that contains {@code text}. */
        String line(String text) {
            List<String> matching = lines().stream().filter(line -> line.contains(text) && CHECK_LINE.matcher(line).matches()).toList();
            assertThat(matching).as(out).hasSize(1);
            return matching.get(0);
        }
    }

    /**
     * {@code check} with the sandbox's settings, a DuckDB warehouse and H2 job repository in the test's folder, and
     * {@code extra} (which wins); settings named in {@code without} are left out.
     */
    private static Result check(List<String> extra, String... without) {
        List<String> args = new ArrayList<>(List.of("check"));
        args.addAll(extra);
        Stream.of("--spotdraft.base-url=" + sandbox.baseUrl(), "--spotdraft.client-id=" + sandbox.settings().clientId(),
                "--spotdraft.client-secret=" + sandbox.settings().clientSecret(), "--spotdraft.workspace=check-test",
                "--spring.datasource.url=jdbc:h2:file:" + data.resolve("jobs").toAbsolutePath(),
                "--sync.warehouse.url=jdbc:duckdb:" + data.resolve("warehouse.duckdb").toAbsolutePath(),
                "--sync.documents.location=file:" + data.resolve("documents").toAbsolutePath(),
                "--sync.documents.temp-dir=" + data.toAbsolutePath())
                .filter(setting -> extra.stream().noneMatch(given -> given.startsWith(setting.substring(0, setting.indexOf('=') + 1))))
                .filter(setting -> Arrays.stream(without).noneMatch(setting::startsWith))
                .forEach(args::add);
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            int exitCode = SyncCommandLine.execute(args.toArray(String[]::new));
            return new Result(exitCode, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
        }
    }
}
