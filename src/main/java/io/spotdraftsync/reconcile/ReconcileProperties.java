package io.spotdraftsync.reconcile;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The reconciliation job.
 *
 * @param maxDeleteFraction above this share of the workspace's live rows, a run refuses to soft-delete
 *                          anything (a listing that came back short is likelier than a mass deletion) unless
 *                          started with {@code --allow-mass-delete}
 */
@ConfigurationProperties("sync.reconcile")
@Validated
public record ReconcileProperties(
        @DefaultValue("0.1")
        @DecimalMin(value = "0.0", message = "sync.reconcile.max-delete-fraction must be between 0 and 1")
        @DecimalMax(value = "1.0", message = "sync.reconcile.max-delete-fraction must be between 0 and 1")
        double maxDeleteFraction) {
}
