package io.spotdraftsync.ops;

import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spotdraftsync.documents.DocumentStore;
import io.spotdraftsync.jobs.FreshnessMetrics;
import io.spotdraftsync.jobs.WatermarkStore;
import io.spotdraftsync.ops.health.DocumentStoreHealthIndicator;
import io.spotdraftsync.ops.health.HealthProperties;
import io.spotdraftsync.ops.health.SpotDraftHealthIndicator;
import io.spotdraftsync.ops.health.WarehouseHealthIndicator;
import io.spotdraftsync.spotdraft.SpotDraftClient;
import io.spotdraftsync.spotdraft.SpotDraftProperties;
import io.spotdraftsync.warehouse.Warehouse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.core.Ordered;

import tools.jackson.databind.json.JsonMapper;

/**
 * Actuator in {@code serve}: {@code /actuator/health} (liveness, readiness) and {@code /actuator/prometheus} open,
 * anything else behind the admin token; the readiness components ({@code jobRepository}, {@code warehouse},
 * {@code documentStore}, {@code spotDraft}) and the freshness gauge.
 *
 * <p>The {@code management.*} defaults are in {@code management-serve.properties}, read only by {@code serve} (the
 * job commands have none of these components, and Boot checks that a group's members exist), and below every other
 * property source, so any of them can be overridden as usual.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HealthProperties.class)
@PropertySource("classpath:management-serve.properties")
public class ActuatorConfiguration {

    /** The jobs with a watermark, whose freshness is a gauge. */
    static final List<String> FRESHNESS_JOBS = List.of("export", "reconcile");

    @Bean
    FilterRegistrationBean<ActuatorTokenFilter> actuatorAuthentication(AdminToken adminToken, JsonMapper jsonMapper) {
        FilterRegistrationBean<ActuatorTokenFilter> registration =
                new FilterRegistrationBean<>(new ActuatorTokenFilter(adminToken, jsonMapper));
        registration.setName("actuatorAuthentication");
        registration.addUrlPatterns("/actuator/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** Readiness component {@code jobRepository}: the run history, the inbox of the webhook receiver, the schedules. */
    @Bean
    DataSourceHealthIndicator jobRepositoryHealthIndicator(DataSource dataSource) {
        return new DataSourceHealthIndicator(dataSource);
    }

    @Bean
    WarehouseHealthIndicator warehouseHealthIndicator(Warehouse warehouse) {
        return new WarehouseHealthIndicator(warehouse);
    }

    @Bean
    DocumentStoreHealthIndicator documentStoreHealthIndicator(DocumentStore documentStore) {
        return new DocumentStoreHealthIndicator(documentStore);
    }

    @Bean
    SpotDraftHealthIndicator spotDraftHealthIndicator(SpotDraftClient client, HealthProperties properties) {
        return new SpotDraftHealthIndicator(client::probe, properties.spotdraft().interval(),
                properties.spotdraft().affectsReadiness(), Clock.systemUTC());
    }

    @Bean
    FreshnessMetrics freshnessMetrics(WatermarkStore watermarks, SpotDraftProperties spotDraft,
            ObjectProvider<MeterRegistry> registry) {
        return new FreshnessMetrics(watermarks, spotDraft.workspace(), FRESHNESS_JOBS,
                registry.getIfAvailable(SimpleMeterRegistry::new), Clock.systemUTC());
    }
}
