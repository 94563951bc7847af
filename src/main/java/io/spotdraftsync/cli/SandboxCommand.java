package io.spotdraftsync.cli;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import io.spotdraftsync.sandbox.SandboxConfiguration;
import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Serves the SpotDraft emulator until the process is stopped. Each option maps to a {@code sandbox.*} property;
 * an option left out leaves the property to {@code --sandbox.x=...}, the environment or the default.
 */
@Command(name = "sandbox",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the SpotDraft API emulator until stopped.",
            "Admin view: GET /_sandbox/stats, POST /_sandbox/stats/reset, GET /_sandbox/state, POST /_sandbox/mutations?count=N."
        })
public class SandboxCommand implements Callable<Integer> {

    /** The two spellings of the webhook delivery switch. */
    enum Switch {
        on, off
    }

    @ParentCommand
    SyncCommandLine root;

    @Spec
    CommandSpec spec;

    @Option(names = "--host", description = "Address to bind (default 127.0.0.1).")
    String host;

    @Option(names = "--port", description = "TCP port (default 18089; 0 picks a free one).")
    Integer port;

    @Option(names = "--contracts", description = "Synthetic contracts generated at start (default 1000).")
    Integer contracts;

    @Option(names = "--seed", description = "Seed of all generated data (default 1).")
    Long seed;

    @Option(names = "--requests-per-second", description = "API requests accepted per second, 0 = unlimited (default 10).")
    Integer requestsPerSecond;

    @Option(names = "--latency-ms", description = "Fixed delay added to every API answer, in milliseconds.")
    Long latencyMs;

    @Option(names = "--latency-jitter-ms", description = "Random extra delay, up to this many milliseconds.")
    Long latencyJitterMs;

    @Option(names = "--fault-server-error", description = "Probability of a 500/502/503 answer (0..1).")
    Double faultServerError;

    @Option(names = "--fault-429-burst", description = "Probability that a request starts a burst of 429 answers (0..1).")
    Double fault429Burst;

    @Option(names = "--fault-drop-connection", description = "Probability of closing the connection without an answer (0..1).")
    Double faultDropConnection;

    @Option(names = "--fault-truncate", description = "Probability of a body cut short of its Content-Length (0..1).")
    Double faultTruncate;

    @Option(names = "--fault-listing-glitch",
            description = "Live contracts (picked by the seed) left out of every listing that is not a lookup by contract id.")
    Integer faultListingGlitch;

    @Option(names = "--mutations-per-second", description = "Random contract changes per second in the background (default 0 = off).")
    Double mutationsPerSecond;

    @Option(names = "--webhook-url", description = "Webhook receiver URL (repeatable).")
    List<URI> webhookUrls;

    @Option(names = "--webhook-delivery", description = "Send webhooks at all: ${COMPLETION-CANDIDATES} (default on).")
    Switch webhookDelivery;

    @Option(names = "--webhook-loss", description = "Probability that a webhook delivery is dropped (0..1).")
    Double webhookLoss;

    @Option(names = "--webhook-duplicate", description = "Probability that a webhook is delivered twice (0..1).")
    Double webhookDuplicate;

    @Option(names = "--webhook-reorder", arity = "0..1", fallbackValue = "true",
            description = "Hold a few webhooks back and deliver them shuffled.")
    Boolean webhookReorder;

    @Option(names = "--document-min-bytes", description = "Smallest generated PDF in bytes (default 4096).")
    Long documentMinBytes;

    @Option(names = "--document-max-bytes", description = "Largest generated PDF in bytes (default 262144).")
    Long documentMaxBytes;

    @Option(names = "--client-id", description = "Expected client-id header (default sandbox).")
    String clientId;

    @Option(names = "--client-secret", description = "Expected client-secret header (default sandbox-secret).")
    String clientSecret;

    @Override
    public Integer call() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "sandbox-stop"));
        ConfigurableApplicationContext context = SpringLauncher.start(SandboxConfiguration.class,
                WebApplicationType.NONE, root.springArguments(), properties());
        SpotDraftSandbox sandbox = context.getBean(SpotDraftSandbox.class);
        SandboxSettings settings = sandbox.settings();
        spec.commandLine().getOut().printf("SpotDraft sandbox listening on %s (%d contracts, seed %d, %s)%n",
                sandbox.baseUrl(), settings.contracts(), settings.seed(),
                settings.requestsPerSecond() == 0 ? "no rate limit" : settings.requestsPerSecond() + " requests/s");
        spec.commandLine().getOut().flush();
        // Spring's own shutdown hook closes the context (and the sandbox) when the process is stopped
        stopped.await();
        return 0;
    }

    /** The options given, as {@code sandbox.*} properties; null values are left out by the launcher. */
    Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("sandbox.host", host);
        properties.put("sandbox.port", port);
        properties.put("sandbox.contracts", contracts);
        properties.put("sandbox.seed", seed);
        properties.put("sandbox.requests-per-second", requestsPerSecond);
        properties.put("sandbox.faults.latency", latencyMs == null ? null : latencyMs + "ms");
        properties.put("sandbox.faults.latency-jitter", latencyJitterMs == null ? null : latencyJitterMs + "ms");
        properties.put("sandbox.faults.server-error-probability", faultServerError);
        properties.put("sandbox.faults.too-many-requests-burst-probability", fault429Burst);
        properties.put("sandbox.faults.drop-connection-probability", faultDropConnection);
        properties.put("sandbox.faults.truncated-body-probability", faultTruncate);
        properties.put("sandbox.faults.listing-glitch-contracts", faultListingGlitch);
        properties.put("sandbox.mutations-per-second", mutationsPerSecond);
        if (webhookUrls != null) {
            for (int i = 0; i < webhookUrls.size(); i++) {
                properties.put("sandbox.webhooks.urls[" + i + "]", webhookUrls.get(i).toString());
            }
        }
        properties.put("sandbox.webhooks.enabled", webhookDelivery == null ? null : webhookDelivery == Switch.on);
        properties.put("sandbox.webhooks.loss-probability", webhookLoss);
        properties.put("sandbox.webhooks.duplicate-probability", webhookDuplicate);
        properties.put("sandbox.webhooks.reorder", webhookReorder);
        properties.put("sandbox.document-min-bytes", documentMinBytes);
        properties.put("sandbox.document-max-bytes", documentMaxBytes);
        properties.put("sandbox.client-id", clientId);
        properties.put("sandbox.client-secret", clientSecret);
        return properties;
    }
}
