package io.spotdraftsync.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spotdraftsync.export.ExportRunner;
import io.spotdraftsync.jobs.JobRepositorySchema;
import io.spotdraftsync.warehouse.Warehouse;
import io.spotdraftsync.workspace.Workspace;
import io.spotdraftsync.workspace.Workspaces;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The webhook receiver, its inbox and the workers that turn events into targeted export runs ({@code serve}): one
 * receiving side and one worker per workspace that runs exports.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
public class WebhookConfiguration {

    private static final String EXPORT = "export";

    @Bean
    WebhookInbox webhookInbox(DataSource dataSource, JobRepositorySchema schemaFirst, WebhookProperties properties) {
        return new WebhookInbox(new JdbcTemplate(dataSource), properties.inboxWriteTimeout());
    }

    @Bean
    WebhookEndpoint webhookEndpoint(Workspaces workspaces, WebhookInbox inbox, WebhookProperties properties,
            ObjectProvider<MeterRegistry> registry) {
        MeterRegistry meters = registry.getIfAvailable(SimpleMeterRegistry::new);
        List<WebhookEndpoint.Receiver> receivers = new ArrayList<>();
        for (Workspace workspace : workspaces.runningJob(EXPORT)) {
            receivers.add(new WebhookEndpoint.Receiver(workspace.name(), keys(workspace, properties),
                    new WebhookMetrics(meters, workspace.name())));
        }
        return new WebhookEndpoint(receivers, inbox, WebhookEndpoint.Limits.of(properties), Clock.systemUTC());
    }

    /**
     * The signing keys of a workspace: configured, or fetched lazily from its API (one call, from its budget). The flat
     * {@code sync.webhook.hmac-key} belongs to the single workspace of {@code spotdraft.*}; each workspace of
     * {@code sync.workspaces} has its own key (SpotDraft signs each workspace's deliveries with that workspace's key).
     */
    static WebhookKeys keys(Workspace workspace, WebhookProperties properties) {
        if (workspace.property().equals("spotdraft")) {
            return WebhookKeys.of(properties, () -> workspace.client().webhookHmacKey(), Clock.systemUTC());
        }
        if (properties.hmacKeyConfigured() || properties.previousHmacKeyConfigured()) {
            throw new IllegalStateException("sync.webhook.hmac-key and sync.webhook.previous-hmac-key are for a single "
                    + "workspace (spotdraft.*): with sync.workspaces, set " + workspace.property() + ".webhook-hmac-key");
        }
        List<String> names = List.of(workspace.property() + ".webhook-hmac-key", workspace.property() + ".webhook-previous-hmac-key");
        for (int i = 0; i < workspace.webhookKeys().size(); i++) {
            try {
                WebhookSignature.fromBase64Key(workspace.webhookKeys().get(i));
            } catch (IllegalArgumentException invalid) {
                throw new IllegalStateException(names.get(i) + " must be the base64 key that SpotDraft serves at "
                        + "GET /api/v2.1/public/webhooks/hmac_key/ (the value given is not valid base64, or decodes to nothing)");
            }
        }
        return WebhookKeys.of(workspace.webhookKeys(), () -> workspace.client().webhookHmacKey(),
                properties.keyRefreshInterval(), properties.keyFetchTimeout(), Clock.systemUTC());
    }

    /**
     * {@code POST /webhooks/spotdraft} and {@code /webhooks/spotdraft/{workspace}}, beside Spring MVC's dispatcher
     * (see {@link WebhookEndpoint} for why).
     */
    @Bean
    ServletRegistrationBean<WebhookEndpoint> webhookEndpointRegistration(WebhookEndpoint endpoint) {
        ServletRegistrationBean<WebhookEndpoint> registration = new ServletRegistrationBean<>(endpoint, WebhookEndpoint.PATH,
                WebhookEndpoint.PATH + "/*");
        registration.setName("webhookReceiver");
        registration.setLoadOnStartup(1);
        return registration;
    }

    /**
     * @param clock the workers' time (waits after failed attempts, retention), the system's unless a {@link Clock} bean
     *              is given (tests move it forward)
     */
    @Bean
    WebhookWorkers webhookWorkers(Workspaces workspaces, WebhookInbox inbox, ExportRunner runner, Warehouse warehouse,
            WebhookProperties properties, ObjectProvider<MeterRegistry> registry, ObjectProvider<Clock> clock,
            io.spotdraftsync.jobs.RunLauncher launcher, ObjectProvider<io.spotdraftsync.schedule.InitialExport> initialExport) {
        // a pending export goes first: serve's first export (decided before the worker starts), or one queued or running here
        java.util.function.Predicate<String> exportPending = workspace -> launcher.queuedOrRunning(workspace, EXPORT)
                || initialExport.stream().anyMatch(initial -> initial.pending(workspace));
        WebhookWorker.Settings settings = new WebhookWorker.Settings(properties.debounce(), properties.maxDelay(),
                properties.maxContractsPerRun(), properties.retryDelay(), Duration.ofMillis(250), properties.maxAttempts(),
                properties::delayAfterAttempt, properties.perCallAttempts(), properties.retention());
        MeterRegistry meters = registry.getIfAvailable(SimpleMeterRegistry::new);
        Clock time = clock.getIfUnique(Clock::systemUTC);
        return new WebhookWorkers(workspaces.runningJob(EXPORT).stream()
                .map(workspace -> new WebhookWorker(inbox, runner, workspace.client(), warehouse, settings, meters, time,
                        exportPending))
                .toList());
    }
}
