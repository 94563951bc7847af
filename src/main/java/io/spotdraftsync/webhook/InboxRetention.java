package io.spotdraftsync.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the inbox of one workspace from growing without end: at most once per {@code interval}, deletes the events
 * that finished longer than {@code retention} ago ({@link WebhookInbox#purgeFinished}, which keeps what
 * de-duplication needs). Every pod may purge; the deletes are the same whoever runs them.
 */
final class InboxRetention {

    private static final Logger log = LoggerFactory.getLogger(InboxRetention.class);

    private final WebhookInbox inbox;
    private final String workspace;
    private final Duration retention;
    private final Duration interval;
    private final Clock clock;
    private Instant lastPurge;

    InboxRetention(WebhookInbox inbox, String workspace, Duration retention, Duration interval, Clock clock) {
        this.inbox = inbox;
        this.workspace = workspace;
        this.retention = retention;
        this.interval = interval;
        this.clock = clock;
    }

    /** Purges when none ran in this process for {@code interval} (the first call purges); returns the rows deleted. */
    int purgeIfDue() {
        Instant now = clock.instant();
        if (lastPurge != null && now.isBefore(lastPurge.plus(interval))) {
            return 0;
        }
        lastPurge = now;
        int deleted = inbox.purgeFinished(workspace, now.minus(retention));
        if (deleted > 0) {
            log.info("Webhook inbox of workspace {}: {} event(s) finished before {} purged (sync.webhook.retention {})",
                    workspace, deleted, now.minus(retention), retention);
        }
        return deleted;
    }
}
