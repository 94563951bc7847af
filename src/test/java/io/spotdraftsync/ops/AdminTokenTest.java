package io.spotdraftsync.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.spotdraftsync.cli.SyncCommandLine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** The token rules of {@code serve}: required with a real workspace, generated with the embedded sandbox. */
@ExtendWith(OutputCaptureExtension.class)
class AdminTokenTest {

    @Test
    void serveWithAWorkspaceAndNoTokenStopsWithOneErrorLineNamingTheProperty(@TempDir Path work) {
        List<String> errors = serveErrors(ServeContext.in(work)
                .with("spotdraft.base-url", "http://127.0.0.1:9")
                .with("spotdraft.client-id", "client")
                .with("spotdraft.client-secret", "secret"));
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).startsWith("error: sync.admin.token is required by serve when a SpotDraft workspace is configured")
                .contains("SYNC_ADMIN_TOKEN");
    }

    @Test
    void aShortTokenIsRefusedAlsoWithTheSandbox(@TempDir Path work) {
        List<String> errors = serveErrors(ServeContext.in(work).with("sync.admin.token", "only15character"));
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).startsWith("error: sync.admin.token must be at least 16").doesNotContain("only15character");
    }

    @Test
    void aTokenWithSpacesIsRefused(@TempDir Path work) {
        assertThatThrownBy(() -> ServeContext.in(work).with("sync.admin.token", "a token with some spaces in it").start().close())
                .hasStackTraceContaining("sync.admin.token must be at least 16 printable ASCII characters with no spaces");
    }

    @Test
    void withTheSandboxAndNoTokenARandomOneIsWrittenToTheTokenFile(@TempDir Path work, CapturedOutput output) throws Exception {
        Path tokenFile = work.resolve("data").resolve("admin-token");
        try (ConfigurableApplicationContext context = ServeContext.in(work).with("sync.admin.token-file", tokenFile).start()) {
            assertThat(tokenFile).exists();
            String token = Files.readString(tokenFile);
            assertThat(token).hasSizeGreaterThanOrEqualTo(AdminProperties.MIN_TOKEN_LENGTH).matches("[A-Za-z0-9_-]+");
            if (Files.getFileStore(tokenFile).supportsFileAttributeView(PosixFileAttributeView.class)) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
            }
            AdminHttp api = new AdminHttp(ServeContext.port(context), token);
            AdminHttp.Response runs = api.get("/api/runs");
            assertThat(runs.status()).as(runs.toString()).isEqualTo(200);
            assertThat(runs.json().get("runs").isArray()).isTrue();
            assertThat(api.withToken(token.substring(1)).get("/api/runs").status()).isEqualTo(401);

            assertThat(output.getAll()).contains(tokenFile.toAbsolutePath().toString()).doesNotContain(token);
        }
    }

    @Test
    void aConfiguredTokenIsNeverWrittenNorLogged(@TempDir Path work, CapturedOutput output) {
        String token = "c0nfigured-t0ken-c0nfigured-t0ken";
        try (ConfigurableApplicationContext context = ServeContext.in(work).with("sync.admin.token", token).start()) {
            assertThat(new AdminHttp(ServeContext.port(context), token).get("/api/runs").status()).isEqualTo(200);
            assertThat(work.resolve("data").resolve("admin-token")).doesNotExist();
            assertThat(context.getBean(AdminProperties.class).toString()).doesNotContain(token);
        }
        assertThat(output.getAll()).doesNotContain(token);
    }

    /** Runs {@code serve} as the command line does; returns the lines it printed that start with "error: ". */
    private static List<String> serveErrors(ServeContext serve) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true));
        try {
            List<String> arguments = new ArrayList<>(List.of("serve"));
            arguments.addAll(List.of(serve.arguments()));
            // a serve that starts would run until stopped: fail the test instead of hanging
            int exit = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> SyncCommandLine.execute(arguments.toArray(String[]::new)));
            assertThat(exit).isEqualTo(1);
        } finally {
            System.setErr(original);
        }
        return captured.toString().lines().filter(line -> line.startsWith("error: ")).toList();
    }
}
