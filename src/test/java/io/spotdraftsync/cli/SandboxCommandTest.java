package io.spotdraftsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import io.spotdraftsync.sandbox.SandboxConfiguration;
import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;
import picocli.CommandLine;

class SandboxCommandTest {

    private static final List<String> OPTIONS = List.of("--host", "--port", "--contracts", "--seed",
            "--requests-per-second", "--latency-ms", "--latency-jitter-ms", "--fault-server-error", "--fault-429-burst",
            "--fault-drop-connection", "--fault-truncate", "--fault-listing-glitch", "--mutations-per-second", "--webhook-url",
            "--webhook-delivery", "--webhook-loss", "--webhook-duplicate", "--webhook-reorder", "--document-min-bytes",
            "--document-max-bytes", "--client-id", "--client-secret");

    @Test
    void helpListsEveryOption() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = new CommandLine(new SyncCommandLine());
        commandLine.setOut(new PrintWriter(out));

        int exitCode = commandLine.execute("sandbox", "--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains(OPTIONS);
    }

    @Test
    void aMisspeltOptionIsRejected() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new SyncCommandLine());
        commandLine.setErr(new PrintWriter(err));

        int exitCode = commandLine.execute("sandbox", "--prot", "1");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown options: '--prot'");
    }

    @Test
    void givenOptionsBecomeSandboxPropertiesAndOthersStayUnset() {
        CommandLine commandLine = new CommandLine(new SyncCommandLine());
        CommandLine.ParseResult parsed = commandLine.parseArgs("sandbox", "--port", "9999", "--latency-ms", "250",
                "--webhook-url", "http://a.example/h", "--webhook-url", "http://b.example/h", "--webhook-delivery", "off",
                "--webhook-reorder", "--fault-429-burst", "0.2", "--fault-listing-glitch", "12");
        SandboxCommand command = parsed.subcommand().commandSpec().commandLine().getCommand();

        Map<String, Object> properties = command.properties();

        assertThat(properties).containsEntry("sandbox.port", 9999)
                .containsEntry("sandbox.faults.latency", "250ms")
                .containsEntry("sandbox.webhooks.urls[0]", "http://a.example/h")
                .containsEntry("sandbox.webhooks.urls[1]", "http://b.example/h")
                .containsEntry("sandbox.webhooks.enabled", false)
                .containsEntry("sandbox.webhooks.reorder", true)
                .containsEntry("sandbox.faults.too-many-requests-burst-probability", 0.2)
                .containsEntry("sandbox.faults.listing-glitch-contracts", 12)
                .containsEntry("sandbox.contracts", null)
                .containsEntry("sandbox.seed", null);
    }

    @Test
    void theSpringContextBuildsTheSandboxFromProperties() {
        try (ConfigurableApplicationContext context = SpringLauncher.start(SandboxConfiguration.class,
                WebApplicationType.NONE, new String[] {"--sandbox.port=0", "--sandbox.faults.latency=15ms",
                    "--sandbox.faults.listing-glitch-ids=T-3,H-2"},
                Map.of("sandbox.contracts", 12, "sandbox.seed", 4, "sandbox.webhooks.urls[0]", "http://127.0.0.1:1/h"))) {
            SandboxSettings settings = context.getBean(SpotDraftSandbox.class).settings();

            assertThat(settings.contracts()).isEqualTo(12);
            assertThat(settings.seed()).isEqualTo(4);
            assertThat(settings.port()).isZero();
            assertThat(settings.requestsPerSecond()).isEqualTo(10);
            assertThat(settings.faults().latency()).isEqualTo(Duration.ofMillis(15));
            assertThat(settings.faults().listingGlitchIds()).containsExactlyInAnyOrder("T-3", "H-2");
            assertThat(settings.webhooks().targets()).hasSize(1);
            assertThat(context.getBean(SpotDraftSandbox.class).port()).isPositive();
        }
    }

    @Test
    void anInvalidSettingFailsTheStartWithItsName() {
        assertThat(SyncCommandLine.execute("sandbox", "--port", "0", "--document-min-bytes", "10")).isEqualTo(1);
        assertThat(SyncCommandLine.execute("sandbox", "--port", "0", "--fault-truncate", "2")).isEqualTo(1);
        assertThat(SyncCommandLine.execute("sandbox", "--port", "0", "--fault-listing-glitch", "-1")).isEqualTo(1);
    }
}
