package io.spotdraftsync.webhook;

import javax.sql.DataSource;

import io.spotdraftsync.jobs.JobRepositorySchema;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The webhook receiver, its inbox and the worker that turns events into targeted export runs ({@code serve}). */
@Configuration(proxyBeanMethods = false)
public class WebhookConfiguration {

    @Bean
    WebhookInbox webhookInbox(DataSource dataSource, JobRepositorySchema schemaFirst) {
        return new WebhookInbox(new JdbcTemplate(dataSource));
    }
}
