package io.spotdraftsync.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * The embedded default: when no SpotDraft connection is configured at all (no base URL, region or
 * credentials, no {@code sync.workspaces}), a command that supports it starts the sandbox in this process and points
 * the client at it, so that a first run works with no setup. As soon as any {@code spotdraft.*} connection property
 * or any workspace is set, nothing happens here and missing settings fail the start as usual.
 *
 * <p>Settings: {@code sync.embedded-sandbox.enabled} (default true), {@code .contracts} (1000),
 * {@code .seed} (1), {@code .requests-per-second} (100: the sandbox is local; the client then spends 95% of
 * it; SpotDraft's own limit of 10 applies as soon as a real workspace is configured).
 */
public final class EmbeddedSandbox implements GenericApplicationListener {

    public static final String BEAN_NAME = "embeddedSandbox";
    public static final String WORKSPACE = "sandbox";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedSandbox.class);
    private static final String[] CONNECTION_PROPERTIES = {
        "spotdraft.base-url", "spotdraft.region", "spotdraft.client-id", "spotdraft.client-secret"};

    /** Set to true in the environment when the embedded sandbox is in use. */
    public static final String ACTIVE_PROPERTY = "sync.embedded-sandbox.active";
    public static final String WEBHOOK_PATH = "/webhooks/spotdraft";

    private final boolean serve;
    private SpotDraftSandbox sandbox;
    private boolean closedWithBeans;

    public EmbeddedSandbox() {
        this(false);
    }

    private EmbeddedSandbox(boolean serve) {
        this.serve = serve;
    }

    /**
     * For {@code serve}: the sandbox also changes contracts in the background
     * ({@code sync.embedded-sandbox.mutations-per-minute}, default 6) and sends its webhooks to this process.
     */
    public static EmbeddedSandbox forServe() {
        return new EmbeddedSandbox(true);
    }

    @Override
    public boolean supportsEventType(ResolvableType eventType) {
        Class<?> type = eventType.getRawClass();
        return type != null && Stream.of(ApplicationEnvironmentPreparedEvent.class, ApplicationPreparedEvent.class,
                ContextClosedEvent.class, ApplicationFailedEvent.class, WebServerInitializedEvent.class).anyMatch(handled -> handled.isAssignableFrom(type));
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            startIfNothingConfigured(prepared.getEnvironment());
        } else if (event instanceof ApplicationPreparedEvent prepared && sandbox != null) {
            var beans = prepared.getApplicationContext().getBeanFactory();
            beans.registerSingleton(BEAN_NAME, sandbox);
            if (beans instanceof org.springframework.beans.factory.support.DefaultSingletonBeanRegistry registry) {
                // registered before any other bean, so destroyed after all of them: running jobs stop and the HTTP
                // clients close before the sandbox they talk to goes away
                registry.registerDisposableBean(BEAN_NAME, this::close);
                closedWithBeans = true;
            }
        } else if (event instanceof WebServerInitializedEvent initialized && sandbox != null && serve) {
            URI receiver = URI.create("http://127.0.0.1:" + initialized.getWebServer().getPort() + WEBHOOK_PATH);
            sandbox.registerWebhookTarget(receiver);
            log.info("The embedded sandbox sends its webhooks to {}", receiver);
        } else if ((event instanceof ContextClosedEvent && !closedWithBeans) || event instanceof ApplicationFailedEvent) {
            close();
        }
    }

    private void startIfNothingConfigured(ConfigurableEnvironment environment) {
        boolean configured = Stream.of(CONNECTION_PROPERTIES).anyMatch(name -> StringUtils.hasText(environment.getProperty(name)))
                || org.springframework.boot.context.properties.bind.Binder.get(environment)
                        .bind("sync.workspaces", org.springframework.boot.context.properties.bind.Bindable.mapOf(String.class, Object.class))
                        .map(workspaces -> !workspaces.isEmpty()).orElse(false);
        if (configured || !environment.getProperty("sync.embedded-sandbox.enabled", Boolean.class, true)) {
            return;
        }
        int requestsPerSecond = environment.getProperty("sync.embedded-sandbox.requests-per-second", Integer.class, 100);
        double mutationsPerMinute = serve ? environment.getProperty("sync.embedded-sandbox.mutations-per-minute", Double.class, 6.0) : 0;
        SandboxSettings settings = SandboxSettings.builder()
                .contracts(environment.getProperty("sync.embedded-sandbox.contracts", Integer.class, 1000))
                .seed(environment.getProperty("sync.embedded-sandbox.seed", Long.class, 1L))
                .requestsPerSecond(requestsPerSecond)
                .mutationsPerSecond(mutationsPerMinute / 60.0)
                .build();
        sandbox = SpotDraftSandbox.start(settings);
        Map<String, Object> connection = new LinkedHashMap<>();
        connection.put(ACTIVE_PROPERTY, "true");
        connection.put("spotdraft.base-url", sandbox.baseUrl().toString());
        connection.put("spotdraft.client-id", settings.clientId());
        connection.put("spotdraft.client-secret", settings.clientSecret());
        if (environment.getProperty("spotdraft.requests-per-second") == null) {
            // a little under the sandbox's limit: at 100 requests/s a few milliseconds of jitter already make a 429
            connection.put("spotdraft.requests-per-second", Math.max(1, requestsPerSecond * 95 / 100));
        }
        if (environment.getProperty("spotdraft.workspace") == null) {
            connection.put("spotdraft.workspace", WORKSPACE);
        }
        environment.getPropertySources().addFirst(new MapPropertySource("embeddedSandbox", connection));
        log.info("No SpotDraft workspace configured: using the embedded sandbox at {} ({} contracts, seed {}). "
                + "Set spotdraft.base-url or spotdraft.region and credentials to sync a real workspace.",
                sandbox.baseUrl(), settings.contracts(), settings.seed());
    }

    private void close() {
        if (sandbox != null) {
            sandbox.close();
            sandbox = null;
        }
    }
}
