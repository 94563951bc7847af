package io.spotdraftsync.ops.health;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Logs a component's status when it changes (WARN away from UP, with the reason; INFO back to UP), so that the reason
 * of a failing probe is in the log while the HTTP answer shows statuses only.
 */
final class StatusChanges {

    private static final Logger log = LoggerFactory.getLogger("io.spotdraftsync.health");

    private final String component;
    private Status last;

    StatusChanges(String component) {
        this.component = component;
    }

    synchronized Health report(Health health, String reason) {
        Status status = health.getStatus();
        if (!status.equals(last)) {
            if (Status.UP.equals(status)) {
                if (last != null) {
                    log.info("Health: {} is UP again", component);
                }
            } else if (!Status.UNKNOWN.equals(status)) {
                log.warn("Health: {} is {}: {}", component, status.getCode(), reason);
            }
            last = status;
        }
        return health;
    }
}
