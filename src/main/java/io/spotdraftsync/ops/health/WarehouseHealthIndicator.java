package io.spotdraftsync.ops.health;

import io.spotdraftsync.warehouse.Warehouse;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness component {@code warehouse}: {@code SELECT 1} on a warehouse connection ({@link Warehouse#check()}). A
 * DuckDB file that a load of this process is using, or that an analyst's connection holds, counts as up: loads wait
 * for it, and the webhook receiver does not need it.
 */
public final class WarehouseHealthIndicator implements HealthIndicator {

    private final Warehouse warehouse;
    private final StatusChanges changes = new StatusChanges("warehouse");

    public WarehouseHealthIndicator(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    @Override
    public Health health() {
        try {
            Warehouse.Availability availability = warehouse.check();
            Health.Builder up = Health.up().withDetail("dialect", warehouse.dialect());
            if (availability != Warehouse.Availability.READY) {
                up.withDetail("note", availability == Warehouse.Availability.IN_USE
                        ? "in use by a load of this process" : "locked by another process; loads wait for it");
            }
            return changes.report(up.build(), "");
        } catch (RuntimeException failure) {
            return changes.report(Health.down(failure).withDetail("dialect", warehouse.dialect()).build(),
                    failure.getMessage());
        }
    }
}
