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
import io.spotdraftsync.warehouse.Warehouse;
import io.spotdraftsync.workspace.Workspace;
import io.spotdraftsync.workspace.Workspaces;

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

    /** One probe per workspace, each through that workspace's budget; the failures name their workspaces. */
    @Bean
    SpotDraftHealthIndicator spotDraftHealthIndicator(Workspaces workspaces, HealthProperties properties) {
        Runnable probeEvery = () -> {
            List<String> failures = new java.util.ArrayList<>();
            for (Workspace workspace : workspaces.all()) {
                try {
                    workspace.client().probe();
                } catch (RuntimeException failed) {
                    failures.add("workspace " + workspace.name() + ": " + io.spotdraftsync.jobs.Failures.rootMessage(failed));
                }
            }
            if (!failures.isEmpty()) {
                throw new IllegalStateException(String.join("; ", failures));
            }
        };
        return new SpotDraftHealthIndicator(probeEvery, properties.spotdraft().interval(),
                properties.spotdraft().affectsReadiness(), Clock.systemUTC());
    }

    /** The freshness gauges of every workspace. */
    @Bean
    List<FreshnessMetrics> freshnessMetrics(WatermarkStore watermarks, Workspaces workspaces,
            ObjectProvider<MeterRegistry> registry) {
        MeterRegistry meters = registry.getIfAvailable(SimpleMeterRegistry::new);
        return workspaces.names().stream().map(workspace -> new FreshnessMetrics(watermarks, workspace, FRESHNESS_JOBS,
                meters, Clock.systemUTC())).toList();
    }
}
