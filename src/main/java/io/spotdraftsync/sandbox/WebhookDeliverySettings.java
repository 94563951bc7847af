package io.spotdraftsync.sandbox;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the sandbox delivers its webhooks. SpotDraft publishes no delivery guarantee, so a receiver must cope
 * with gaps, duplicates and reordering; each of them can be switched on here.
 *
 * @param targets URLs that receive every activity (more can be registered at runtime)
 * @param enabled false sends nothing at all (as a receiver disabled by SpotDraft would experience)
 * @param lossProbability chance that a delivery is silently dropped
 * @param duplicateProbability chance that a delivery is sent twice
 * @param reorder hold a few deliveries back and send them shuffled
 */
public record WebhookDeliverySettings(
        List<URI> targets,
        boolean enabled,
        double lossProbability,
        double duplicateProbability,
        boolean reorder) {

    public WebhookDeliverySettings {
        targets = List.copyOf(Objects.requireNonNull(targets, "targets"));
        FaultSettings.requireProbability("lossProbability", lossProbability);
        FaultSettings.requireProbability("duplicateProbability", duplicateProbability);
        targets.forEach(WebhookDeliverySettings::requireHttpUrl);
    }

    /** Reliable, in-order delivery to no target yet. */
    public static WebhookDeliverySettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .targets(targets)
                .enabled(enabled)
                .lossProbability(lossProbability)
                .duplicateProbability(duplicateProbability)
                .reorder(reorder);
    }

    static void requireHttpUrl(URI target) {
        Objects.requireNonNull(target, "webhook target");
        String scheme = target.getScheme();
        if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || target.getHost() == null) {
            throw new IllegalArgumentException("A webhook target must be an absolute http(s) URL");
        }
    }

    public static final class Builder {
        private final List<URI> targets = new ArrayList<>();
        private boolean enabled = true;
        private double lossProbability;
        private double duplicateProbability;
        private boolean reorder;

        private Builder() {
        }

        /** Replaces the target list. */
        public Builder targets(List<URI> urls) {
            targets.clear();
            targets.addAll(urls);
            return this;
        }

        public Builder target(URI url) {
            targets.add(url);
            return this;
        }

        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        public Builder lossProbability(double probability) {
            this.lossProbability = probability;
            return this;
        }

        public Builder duplicateProbability(double probability) {
            this.duplicateProbability = probability;
            return this;
        }

        public Builder reorder(boolean reorder) {
            this.reorder = reorder;
            return this;
        }

        public WebhookDeliverySettings build() {
            return new WebhookDeliverySettings(targets, enabled, lossProbability, duplicateProbability, reorder);
        }
    }
}
