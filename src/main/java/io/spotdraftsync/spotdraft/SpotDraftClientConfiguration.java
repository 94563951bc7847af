package io.spotdraftsync.spotdraft;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The client of the configured workspace, its request budget and its metrics. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SpotDraftProperties.class)
public class SpotDraftClientConfiguration {

    @Bean
    RequestBudget spotDraftRequestBudget(SpotDraftProperties properties, ObjectProvider<DataSource> dataSource) {
        return switch (properties.rateLimit().store()) {
            case LOCAL -> new LocalRequestBudget(properties.requestsPerSecond(), properties.rateLimitMargin());
            case POSTGRES -> new PostgresRequestBudget(properties.workspace(), properties.requestsPerSecond(),
                    properties.rateLimitMargin(), dataSource.getIfAvailable(() -> {
                        throw new IllegalStateException("spotdraft.rate-limit.store=postgres keeps the request budget "
                                + "in the job-repository database (spring.datasource.url), but this command has no "
                                + "database configured. Set spotdraft.rate-limit.store=local for it.");
                    }));
        };
    }

    @Bean(destroyMethod = "close")
    SpotDraftClient spotDraftClient(SpotDraftProperties properties, RequestBudget budget, ObjectProvider<MeterRegistry> registry) {
        return SpotDraftClient.create(properties, budget, registry.getIfAvailable(SimpleMeterRegistry::new));
    }
}
