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

    /**
     * Without {@code --activities}, every value of the vendor document's {@code ActivityEnum} is subscribed (the
     * count printed is the one the API echoed back), the e-mail delivery and open activities included.
     */
    @Test
    void subscribesToEveryActivityOfTheVendorDocumentByDefault() throws Exception {
        java.nio.file.Path document = java.nio.file.Path.of(System.getProperty("spotdraft.openapi.path",
                "../shared/reference/spotdraft-openapi.yml"));
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(document), "the vendor document is not here");
        java.util.Map<String, Object> openApi = new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(
                new org.yaml.snakeyaml.LoaderOptions())).load(java.nio.file.Files.readString(document));
        @SuppressWarnings("unchecked")
        java.util.List<String> activityEnum = (java.util.List<String>) ((java.util.Map<String, Object>) ((java.util.Map<String, Object>)
                ((java.util.Map<String, Object>) openApi.get("components")).get("schemas")).get("ActivityEnum")).get("enum");

        assertThat(io.spotdraftsync.spotdraft.model.WebhookRegistration.ALL_ACTIVITIES).containsExactlyElementsOf(activityEnum)
                .contains("SIGNING_EMAIL_OPENED", "REDLINING_EMAIL_DELIVERED", "COUNTER_PARTY_ADDRESS_UPDATED");
        Result result = run("register-webhook", "--url", receiver.url().toString(), "--allow-http");

        assertThat(result.exitCode()).isZero();
        assertThat(activityEnum).hasSize(37);
        assertThat(result.out()).contains("(" + activityEnum.size() + " activities");
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
