package io.spotdraftsync.testsupport;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.spotdraftsync.cli.SyncApplication;
import io.spotdraftsync.export.ExportRunner;
import io.spotdraftsync.sandbox.SpotDraftSandbox;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the export command's real Spring context against a sandbox, with the job repository, warehouse and
 * document store the test chooses: the same wiring as {@code java -jar ... export}.
 */
public final class ExportHarness {

    private final Map<String, Object> properties = new LinkedHashMap<>();

    private ExportHarness(SpotDraftSandbox sandbox, Path workDirectory) {
        properties.put("spotdraft.base-url", sandbox.baseUrl().toString());
        properties.put("spotdraft.client-id", sandbox.settings().clientId());
        properties.put("spotdraft.client-secret", sandbox.settings().clientSecret());
        properties.put("spotdraft.workspace", "acme");
        properties.put("spotdraft.requests-per-second", 2_000);
        properties.put("spotdraft.retry.initial-backoff", "5ms");
        properties.put("spotdraft.retry.max-backoff", "50ms");
        properties.put("spring.datasource.url", "jdbc:h2:file:" + workDirectory.resolve("jobs").toAbsolutePath() + ";AUTO_SERVER=TRUE");
        properties.put("sync.warehouse.url", "jdbc:duckdb:" + workDirectory.resolve("warehouse.duckdb").toAbsolutePath());
        properties.put("sync.documents.location", "file:" + workDirectory.resolve("documents").toAbsolutePath());
        properties.put("sync.documents.temp-dir", workDirectory.resolve("tmp").toAbsolutePath().toString());
        properties.put("sync.export.progress-interval", "60s");
    }

    public static ExportHarness against(SpotDraftSandbox sandbox, Path workDirectory) {
        return new ExportHarness(sandbox, workDirectory);
    }

    public ExportHarness with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    /** Drops settings (the flat {@code spotdraft.*} connection, when a test configures {@code sync.workspaces}). */
    public ExportHarness without(String... names) {
        for (String name : names) {
            properties.remove(name);
        }
        return this;
    }

    /**
     * Two or more workspaces instead of the flat {@code spotdraft.*} one: each name syncs its own sandbox, with that
     * sandbox's credentials.
     */
    public ExportHarness workspaces(Map<String, SpotDraftSandbox> sandboxes) {
        without("spotdraft.base-url", "spotdraft.client-id", "spotdraft.client-secret", "spotdraft.workspace");
        sandboxes.forEach((name, sandbox) -> {
            properties.put("sync.workspaces." + name + ".base-url", sandbox.baseUrl().toString());
            properties.put("sync.workspaces." + name + ".client-id", sandbox.settings().clientId());
            properties.put("sync.workspaces." + name + ".client-secret", sandbox.settings().clientSecret());
        });
        return this;
    }

    public ConfigurableApplicationContext start() {
        return start(new org.springframework.context.ApplicationContextInitializer[0]);
    }

    /** Starts the context with initializers that adjust it first (a bean post-processor that injects a fault, ...). */
    @SafeVarargs
    public final ConfigurableApplicationContext start(
            org.springframework.context.ApplicationContextInitializer<ConfigurableApplicationContext>... initializers) {
        return new SpringApplicationBuilder(SyncApplication.class)
                .initializers(initializers)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                        .toArray(String[]::new));
    }

    /**
     * Starts the {@code serve} context (web server on a free port, webhook worker, no schedules unless
     * {@code sync.schedule.enabled} is set) with a test admin token; {@link #port} tells where it listens.
     */
    public ConfigurableApplicationContext startServe() {
        return startServe(new org.springframework.context.ApplicationContextInitializer[0]);
    }

    /** {@link #startServe()} with initializers that adjust the context first (a clock the test moves, ...). */
    @SafeVarargs
    public final ConfigurableApplicationContext startServe(
            org.springframework.context.ApplicationContextInitializer<ConfigurableApplicationContext>... initializers) {
        Map<String, Object> serve = new LinkedHashMap<>(properties);
        serve.putIfAbsent("server.port", 0);
        serve.putIfAbsent("sync.admin.token", ADMIN_TOKEN);
        serve.putIfAbsent("sync.schedule.enabled", false);
        return new SpringApplicationBuilder(io.spotdraftsync.cli.ServeApplication.class)
                .initializers(initializers)
                .web(WebApplicationType.SERVLET)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(serve.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                        .toArray(String[]::new));
    }

    /** The admin token of {@link #startServe} contexts. */
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

    public static int port(ConfigurableApplicationContext serve) {
        return Integer.parseInt(serve.getEnvironment().getProperty("local.server.port"));
    }

    public static java.net.URI webhookUrl(ConfigurableApplicationContext serve) {
        return java.net.URI.create("http://127.0.0.1:" + port(serve) + "/webhooks/spotdraft");
    }

    /** Starts a context, runs one reconciliation, closes the context. */
    public io.spotdraftsync.reconcile.ReconcileRunner.Outcome reconcile(boolean deep, boolean allowMassDelete) throws Exception {
        try (ConfigurableApplicationContext context = start()) {
            return context.getBean(io.spotdraftsync.reconcile.ReconcileRunner.class).run(null, deep, allowMassDelete, "test");
        }
    }

    /** Starts a context, runs one export, closes the context. */
    public ExportRunner.Outcome run(boolean full) throws Exception {
        try (ConfigurableApplicationContext context = start()) {
            return context.getBean(ExportRunner.class).run(null, full, "test");
        }
    }
}
