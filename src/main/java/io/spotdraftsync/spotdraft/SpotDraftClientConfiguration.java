package io.spotdraftsync.spotdraft;

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
    RequestBudget spotDraftRequestBudget(SpotDraftProperties properties) {
        return new LocalRequestBudget(properties.requestsPerSecond(), properties.rateLimitMargin());
    }

    @Bean(destroyMethod = "close")
    SpotDraftClient spotDraftClient(SpotDraftProperties properties, RequestBudget budget, ObjectProvider<MeterRegistry> registry) {
        return SpotDraftClient.create(properties, budget, registry.getIfAvailable(SimpleMeterRegistry::new));
    }
}
