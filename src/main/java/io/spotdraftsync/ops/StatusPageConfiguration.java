package io.spotdraftsync.ops;

import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import io.spotdraftsync.workspace.Workspaces;
import io.spotdraftsync.webhook.WebhookInbox;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The status page of {@code serve}: the page itself is static ({@code static/index.html}, served at {@code /}); its
 * data is {@code GET /api/status}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StatusPageProperties.class)
public class StatusPageConfiguration {

    @Bean
    StatusPageAccess statusPageAccess(StatusPageProperties properties) {
        return new StatusPageAccess(properties.publicAccess());
    }

    @Bean
    StatusReader statusReader(Workspaces workspaces, DataSource dataSource, RunViews runViews,
            WebhookInbox webhookInbox, StatusPageProperties properties) {
        return new StatusReader(statusWorkspaces(workspaces), new JdbcTemplate(dataSource), runViews,
                webhookInbox::backlog, properties, Clock.systemUTC());
    }

    /** The workspaces shown, each with its client's request history and its budget's limit. */
    static List<StatusWorkspace> statusWorkspaces(Workspaces workspaces) {
        return workspaces.all().stream().map(workspace -> new StatusWorkspace(workspace.name(),
                workspace.client().requestRate(), workspace.settings().requestsPerSecond())).toList();
    }

    @Bean
    StatusController statusController(StatusReader statusReader) {
        return new StatusController(statusReader);
    }
}
