package io.spotdraftsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.spotdraftsync.cli.SyncCommandLine;
import io.spotdraftsync.webhook.WebhookSignature;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code register-webhook} subscribes a receiver through the API: the sandbox then sends it signed events. */
class RegisterWebhookCommandTest {

    private final WebhookReceiver receiver = new WebhookReceiver();
    private final SpotDraftSandbox sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(20).seed(5)
            .requestsPerSecond(0).build());

    @AfterEach
    void stop() {
        sandbox.close();
        receiver.close();
    }

    @Test
    void registersTheReceiverAndPrintsTheWebhookId() {
        Result result = run("register-webhook", "--url", receiver.url().toString(), "--allow-http",
                "--activities", "CONTRACT_DATA_UPDATED,contract_deleted");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).containsPattern("webhook id: \\d+").contains("(2 activities");

        String renamed = sandbox.contracts().get(0).compositeId();
        sandbox.renameContract(renamed);
        await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.deliveries().isEmpty());
        WebhookReceiver.Delivery delivery = receiver.deliveries().get(0);
        assertThat(delivery.activity()).isEqualTo("CONTRACT_DATA_UPDATED");
        assertThat(WebhookSignature.fromBase64Key(sandbox.hmacKeyBase64()).verify(delivery.body(), delivery.signature())).isTrue();
    }

    @Test
    void aPlainHttpUrlIsRefusedUnlessAllowed() {
        Result result = run("register-webhook", "--url", receiver.url().toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--url must be an absolute https:// URL");
    }

    private record Result(int exitCode, String out, String err) {
    }

    private Result run(String... command) {
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command), java.util.stream.Stream.of(
                "--spotdraft.base-url=" + sandbox.baseUrl(), "--spotdraft.client-id=" + sandbox.settings().clientId(),
                "--spotdraft.client-secret=" + sandbox.settings().clientSecret(), "--spotdraft.workspace=register-test"))
                .toArray(String[]::new);
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
            int exitCode = SyncCommandLine.execute(args);
            return new Result(exitCode, capturedOut.toString(StandardCharsets.UTF_8), capturedErr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
