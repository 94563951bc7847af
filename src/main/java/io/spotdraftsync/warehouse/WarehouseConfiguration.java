package io.spotdraftsync.warehouse;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The warehouse of {@code sync.warehouse.*}, migrated before anything uses it: a start with a broken URL,
 * credentials or an edited script fails here, naming the cause. Its connections are its own, never a
 * {@code DataSource} bean, so Spring Batch's job repository keeps its own database.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WarehouseProperties.class)
public class WarehouseConfiguration {

    @Bean(destroyMethod = "close")
    Warehouse warehouse(WarehouseProperties properties, ObjectProvider<MeterRegistry> registry) {
        Warehouse warehouse = WarehouseFactory.create(properties, registry.getIfAvailable(SimpleMeterRegistry::new));
        try {
            warehouse.migrate();
        } catch (RuntimeException e) {
            warehouse.close();
            throw e;
        }
        return warehouse;
    }
}
