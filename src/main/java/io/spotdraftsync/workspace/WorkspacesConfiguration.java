package io.spotdraftsync.workspace;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spotdraftsync.documents.DocumentProperties;
import io.spotdraftsync.spotdraft.DownloadPolicy;
import io.spotdraftsync.spotdraft.LocalRequestBudget;
import io.spotdraftsync.spotdraft.PostgresRequestBudget;
import io.spotdraftsync.spotdraft.SpotDraftClient;
import io.spotdraftsync.spotdraft.SpotDraftProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The configured workspaces, each with its own client, request budget and metrics. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SpotDraftProperties.class, WorkspacesProperties.class})
public class WorkspacesConfiguration {

    /** @param documents where documents are downloaded: absent (register-webhook), the clients keep the defaults */
    @Bean(destroyMethod = "close")
    Workspaces workspaces(SpotDraftProperties shared, WorkspacesProperties several, ObjectProvider<MeterRegistry> registry,
            ObjectProvider<DataSource> dataSource, ObjectProvider<DocumentProperties> documents) {
        MeterRegistry meters = registry.getIfAvailable(SimpleMeterRegistry::new);
        DownloadPolicy downloads = downloadPolicy(documents.getIfAvailable());
        return Workspaces.configure(shared, several, budgets(shared, dataSource),
                (settings, budget) -> SpotDraftClient.create(settings, budget, meters, downloads));
    }

    /** {@code sync.documents.allow-private-download-hosts} and {@code sync.documents.max-bytes}. */
    static DownloadPolicy downloadPolicy(DocumentProperties documents) {
        return documents == null ? DownloadPolicy.DEFAULT
                : DownloadPolicy.of(documents.allowPrivateDownloadHosts(), documents.maxBytes().toBytes());
    }

    /**
     * Where each workspace's budget lives ({@code spotdraft.rate-limit.store}): in this process, or in the job-repository
     * database, shared by every pod (one row per workspace).
     */
    static Workspaces.Budgets budgets(SpotDraftProperties shared, ObjectProvider<DataSource> dataSource) {
        return switch (shared.rateLimit().store()) {
            case LOCAL -> (workspace, requestsPerSecond, margin) -> new LocalRequestBudget(requestsPerSecond, margin);
            case POSTGRES -> {
                DataSource database = dataSource.getIfAvailable(() -> {
                    throw new IllegalStateException("spotdraft.rate-limit.store=postgres keeps the request budget "
                            + "in the job-repository database (spring.datasource.url), but this command has no "
                            + "database configured. Set spotdraft.rate-limit.store=local for it.");
                });
                yield (workspace, requestsPerSecond, margin) -> new PostgresRequestBudget(workspace, requestsPerSecond,
                        margin, database);
            }
        };
    }
}
