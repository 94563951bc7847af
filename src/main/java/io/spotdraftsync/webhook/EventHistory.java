package io.spotdraftsync.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.spotdraftsync.warehouse.ContractEventRow;
import io.spotdraftsync.warehouse.Warehouse;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the verified deliveries of the inbox into {@code contract_events} rows: one per event, whatever its
 * activity (with or without a contract, e-mail tracking included), with who did it, when, and the body. Written by
 * the worker in one MERGE per pass, before the events are marked done, so every finished event is in the
 * warehouse at least once; the event key makes a second write of the same delivery (a retried pass, a delivery
 * SpotDraft sent again) leave the row as it is.
 */
final class EventHistory {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebhookInbox inbox;
    private final Warehouse warehouse;
    private final String workspace;

    EventHistory(WebhookInbox inbox, Warehouse warehouse, String workspace) {
        this.inbox = inbox;
        this.warehouse = warehouse;
        this.workspace = workspace;
    }

    /**
     * Records these events; returns the rows added (those already there are not counted).
     *
     * @param runId the run that processed them, or null
     */
    int record(Collection<InboxEvent> events, String runId, Instant now) {
        if (events.isEmpty()) {
            return 0;
        }
        Map<Long, WebhookInbox.Body> bodies = inbox.bodies(events.stream().map(InboxEvent::id).toList());
        Map<Long, String> composite = warehouse.contractIdsByNumber(workspace,
                events.stream().map(InboxEvent::contractId).filter(Objects::nonNull).distinct().toList());
        List<ContractEventRow> rows = new ArrayList<>(events.size());
        for (InboxEvent event : events) {
            WebhookInbox.Body body = bodies.get(event.id());
            if (body != null) {
                rows.add(row(event, body, composite.get(event.contractId()), runId, now));
            }
        }
        return rows.isEmpty() ? 0 : warehouse.recordEvents(rows);
    }

    private ContractEventRow row(InboxEvent event, WebhookInbox.Body body, String contractId, String runId, Instant now) {
        JsonNode root = parse(body.text());
        return new ContractEventRow(workspace, eventKey(event, body), contractId, event.contractId(), event.activity(),
                text(root, "activity_data", "performed_by", "name"), text(root, "activity_data", "performed_by", "email"),
                event.activityAt(), event.receivedAt(), text(root, "business_user", "email"), text(root, "legal_user", "email"),
                body.text(), now, runId);
    }

    /**
     * The inbox's own notion of one event: the same contract, activity and time (when the body has all three), else
     * the same body. Two deliveries the inbox calls duplicates get the same key, also after the inbox row was purged.
     */
    static String eventKey(InboxEvent event, WebhookInbox.Body body) {
        if (event.contractId() != null && event.activityAt() != null) {
            return WebhookInbox.sha256((event.contractId() + "|" + event.activity() + "|" + event.activityAt())
                    .getBytes(StandardCharsets.UTF_8));
        }
        return body.sha256();
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JacksonException unreadable) {
            // the receiver stored only bodies it parsed; a row is still worth keeping without the details
            return null;
        }
    }

    private static String text(JsonNode root, String... path) {
        JsonNode node = root;
        for (String field : path) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(field);
        }
        return node == null || !node.isString() || node.stringValue().isBlank() ? null : node.stringValue();
    }
}
