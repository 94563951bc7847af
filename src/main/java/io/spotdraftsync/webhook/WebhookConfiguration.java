package io.spotdraftsync.webhook;

import java.time.Duration;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spotdraftsync.export.ExportRunner;
import io.spotdraftsync.jobs.JobRepositorySchema;
import io.spotdraftsync.spotdraft.SpotDraftClient;
import io.spotdraftsync.warehouse.Warehouse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/** The webhook receiver, its inbox and the worker that turns events into targeted export runs ({@code serve}). */
@Configuration(proxyBeanMethods = false)
public class WebhookConfiguration {

    @Bean
    WebhookInbox webhookInbox(DataSource dataSource, JobRepositorySchema schemaFirst) {
        return new WebhookInbox(new JdbcTemplate(dataSource));
    }

    @Bean
    WebhookWorker webhookWorker(WebhookInbox inbox, ExportRunner runner, SpotDraftClient client, Warehouse warehouse,
            Environment environment, ObjectProvider<MeterRegistry> registry) {
        WebhookWorker.Settings settings = new WebhookWorker.Settings(
                environment.getProperty("sync.webhook.debounce", Duration.class, Duration.ofSeconds(2)),
                environment.getProperty("sync.webhook.max-delay", Duration.class, Duration.ofSeconds(10)),
                environment.getProperty("sync.webhook.max-contracts-per-run", Integer.class, 200),
                environment.getProperty("sync.webhook.retry-delay", Duration.class, Duration.ofSeconds(5)),
                Duration.ofMillis(250));
        return new WebhookWorker(inbox, runner, client, warehouse, settings, registry.getIfAvailable(SimpleMeterRegistry::new));
    }
}
