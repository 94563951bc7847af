package io.spotdraftsync.check;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spotdraftsync.documents.DocumentProperties;
import io.spotdraftsync.documents.DocumentStore;
import io.spotdraftsync.documents.DocumentsConfiguration;
import io.spotdraftsync.jobs.Failures;
import io.spotdraftsync.spotdraft.LocalRequestBudget;
import io.spotdraftsync.spotdraft.SpotDraftClient;
import io.spotdraftsync.spotdraft.SpotDraftProperties;
import io.spotdraftsync.warehouse.WarehouseFactory;
import io.spotdraftsync.warehouse.WarehouseProperties;
import io.spotdraftsync.webhook.WebhookProperties;
import io.spotdraftsync.workspace.InvalidWorkspacesException;
import io.spotdraftsync.workspace.Workspace;
import io.spotdraftsync.workspace.Workspaces;
import io.spotdraftsync.workspace.WorkspacesProperties;

/**
 * Runs every check of {@code check}: the connections every workspace shares (job repository, warehouse), then per
 * workspace its SpotDraft API, shared budget store (with {@code spotdraft.rate-limit.store=postgres}), document
 * folder and, with a webhook URL, a signed test delivery. Builds its own clients and stores from the settings, so
 * that a broken connection is a failed line, not a failed start.
 */
public final class Checks {

    /** A check gives up sooner than a job: two attempts, short waits. */
    static final SpotDraftProperties.Retry RETRY = new SpotDraftProperties.Retry(2, Duration.ofMillis(500),
            Duration.ofSeconds(2), Duration.ofSeconds(5));
    static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(15);

    /**
     * What to check with.
     *
     * @param datasourceUrl      {@code spring.datasource.url}, for messages
     * @param datasourcePassword {@code spring.datasource.password}, masked in the output
     */
    public record Settings(SpotDraftProperties spotDraft, WorkspacesProperties workspaces, WarehouseProperties warehouse,
            DocumentProperties documents, WebhookProperties webhook, DataSource dataSource, String datasourceUrl,
            String datasourcePassword) {
    }

    private final Settings settings;
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final Set<String> secrets = new LinkedHashSet<>();

    public Checks(Settings settings) {
        this.settings = settings;
        secrets.add(settings.datasourcePassword());
        secrets.add(settings.warehouse().password());
        secrets.add(settings.warehouse().privateKeyPassphrase());
        secrets.add(settings.spotDraft().clientSecret());
        secrets.add(settings.webhook().hmacKey());
        secrets.add(settings.webhook().previousHmacKey());
        settings.workspaces().workspaces().values().forEach(workspace -> {
            secrets.add(workspace.clientSecret());
            secrets.add(workspace.webhookHmacKey());
            secrets.add(workspace.webhookPreviousHmacKey());
        });
        secrets.remove(null);
    }

    /** Values that no output line may show: every configured secret, and the webhook keys fetched while checking. */
    public Collection<String> secrets() {
        return secrets;
    }

    /**
     * @param workspaceName the workspace to check, null for every one
     * @param webhookUrl    where to send a signed test delivery, null for none
     */
    public List<CheckResult> run(String workspaceName, URI webhookUrl) {
        List<CheckResult> results = new ArrayList<>();
        Workspaces workspaces;
        try {
            workspaces = Workspaces.configure(settings.spotDraft(), settings.workspaces(),
                    (workspace, requestsPerSecond, margin) -> new LocalRequestBudget(requestsPerSecond, margin),
                    (connection, budget) -> SpotDraftClient.create(connection.withRetry(RETRY), budget, meters));
        } catch (InvalidWorkspacesException invalid) {
            invalid.problems().forEach(problem -> results.add(CheckResult.failed(CheckResult.SHARED, "configuration",
                    "SpotDraft workspaces", problem)));
            return results;
        }
        try (workspaces) {
            List<Workspace> targets;
            try {
                targets = workspaceName == null ? List.copyOf(workspaces.all()) : List.of(workspaces.get(workspaceName));
            } catch (IllegalArgumentException unknown) {
                results.add(CheckResult.failed(CheckResult.SHARED, "configuration", "--workspace " + workspaceName, unknown.getMessage()));
                return results;
            }
            if (webhookUrl != null && targets.size() > 1) {
                results.add(CheckResult.failed(CheckResult.SHARED, "configuration", "--webhook-url",
                        "each workspace has its own receiver URL (/webhooks/spotdraft/<name>): give --workspace NAME with --webhook-url"));
                return results;
            }
            results.addAll(new JobRepositoryCheck(settings.dataSource(), settings.datasourceUrl()).run());
            results.addAll(new WarehouseCheck(() -> WarehouseFactory.create(settings.warehouse(), meters), settings.warehouse()).run());
            DocumentStore store = null;
            try {
                store = DocumentsConfiguration.create(settings.documents(), meters);
            } catch (RuntimeException invalid) {
                results.add(CheckResult.failed(CheckResult.SHARED, DocumentStoreCheck.CONNECTION, "store configured ("
                        + settings.documents().location() + ")", Failures.rootMessage(invalid)));
            }
            try {
                for (Workspace workspace : targets) {
                    results.addAll(checkWorkspace(workspace, store, webhookUrl));
                }
            } finally {
                if (store instanceof AutoCloseable closeable) {
                    try {
                        closeable.close();
                    } catch (Exception ignored) {
                        // the S3 client's connections: nothing to report
                    }
                }
            }
        }
        return results;
    }

    private List<CheckResult> checkWorkspace(Workspace workspace, DocumentStore store, URI webhookUrl) {
        List<CheckResult> results = new ArrayList<>();
        List<String> keys = workspace.webhookKeys();
        String keyProperty = workspace.property() + ".webhook-hmac-key";
        if (keys.isEmpty() && "spotdraft".equals(workspace.property()) && settings.webhook().hmacKeyConfigured()) {
            keys = List.of(settings.webhook().hmacKey());
            keyProperty = "sync.webhook.hmac-key";
        } else if (keys.isEmpty() && "spotdraft".equals(workspace.property())) {
            keyProperty = "sync.webhook.hmac-key";
        }
        SpotDraftCheck.Outcome spotDraft = new SpotDraftCheck(workspace, keys, keyProperty, webhookUrl != null || !keys.isEmpty()).run();
        spotDraft.hmacKey().ifPresent(secrets::add);
        results.addAll(spotDraft.results());
        if (settings.spotDraft().rateLimit().store() == SpotDraftProperties.RateLimitStore.POSTGRES) {
            results.addAll(new BudgetStoreCheck(settings.dataSource(), workspace.name(), workspace.settings().requestsPerSecond(),
                    settings.spotDraft().rateLimitMargin()).run());
        }
        if (store != null) {
            results.addAll(new DocumentStoreCheck(store, workspace.name(), workspace.documentPrefix()).run());
        }
        if (webhookUrl != null) {
            results.addAll(new WebhookDeliveryCheck(workspace.name(), webhookUrl, spotDraft.hmacKey().orElse(null), WEBHOOK_TIMEOUT).run());
        }
        return results;
    }
}
