package io.spotdraftsync.webhook;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spotdraftsync.export.ExportRunner;
import io.spotdraftsync.jobs.JobRepositorySchema;
import io.spotdraftsync.spotdraft.SpotDraftClient;
import io.spotdraftsync.spotdraft.SpotDraftProperties;
import io.spotdraftsync.warehouse.Warehouse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The webhook receiver, its inbox and the worker that turns events into targeted export runs ({@code serve}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
public class WebhookConfiguration {

    @Bean
    WebhookInbox webhookInbox(DataSource dataSource, JobRepositorySchema schemaFirst) {
        return new WebhookInbox(new JdbcTemplate(dataSource));
    }

    /** The signing keys: configured, or fetched lazily from the API of the workspace (one call, from its budget). */
    @Bean
    WebhookKeys webhookKeys(WebhookProperties properties, ObjectProvider<SpotDraftClient> client) {
        return WebhookKeys.of(properties, () -> client.getObject().webhookHmacKey(), Clock.systemUTC());
    }

    @Bean
    WebhookMetrics webhookMetrics(ObjectProvider<MeterRegistry> registry, SpotDraftProperties spotDraft) {
        return new WebhookMetrics(registry.getIfAvailable(SimpleMeterRegistry::new), spotDraft.workspace());
    }

    @Bean
    WebhookEndpoint webhookEndpoint(WebhookKeys keys, WebhookInbox inbox, WebhookMetrics metrics,
            WebhookProperties properties, SpotDraftProperties spotDraft) {
        return new WebhookEndpoint(keys, inbox, metrics, spotDraft.workspace(), properties.maxBodyBytes(),
                Clock.systemUTC());
    }

    /** {@code POST /webhooks/spotdraft}, beside Spring MVC's dispatcher (see {@link WebhookEndpoint} for why). */
    @Bean
    ServletRegistrationBean<WebhookEndpoint> webhookEndpointRegistration(WebhookEndpoint endpoint) {
        ServletRegistrationBean<WebhookEndpoint> registration = new ServletRegistrationBean<>(endpoint, WebhookEndpoint.PATH);
        registration.setName("webhookReceiver");
        registration.setLoadOnStartup(1);
        return registration;
    }

    @Bean
    WebhookWorker webhookWorker(WebhookInbox inbox, ExportRunner runner, SpotDraftClient client, Warehouse warehouse,
            WebhookProperties properties, ObjectProvider<MeterRegistry> registry) {
        WebhookWorker.Settings settings = new WebhookWorker.Settings(properties.debounce(), properties.maxDelay(),
                properties.maxContractsPerRun(), properties.retryDelay(), Duration.ofMillis(250));
        return new WebhookWorker(inbox, runner, client, warehouse, settings, registry.getIfAvailable(SimpleMeterRegistry::new));
    }
}
