package io.spotdraftsync.workspace;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spotdraftsync.spotdraft.LocalRequestBudget;
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

    @Bean(destroyMethod = "close")
    Workspaces workspaces(SpotDraftProperties shared, WorkspacesProperties several, ObjectProvider<MeterRegistry> registry) {
        MeterRegistry meters = registry.getIfAvailable(SimpleMeterRegistry::new);
        return Workspaces.configure(shared, several,
                (workspace, requestsPerSecond, margin) -> new LocalRequestBudget(requestsPerSecond, margin),
                (settings, budget) -> SpotDraftClient.create(settings, budget, meters));
    }
}
