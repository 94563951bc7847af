package io.spotdraftsync.ops;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import io.spotdraftsync.webhook.InboxEvent;
import io.spotdraftsync.webhook.WebhookInbox;
import io.spotdraftsync.webhook.WebhookWorkers;
import io.spotdraftsync.workspace.Workspaces;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webhook events of the admin API: list them (the failed ones by default), look at one, and retry or discard
 * an event set aside as failed after {@code sync.webhook.max-attempts}. Authenticated like the rest of {@code /api}
 * ({@link BearerTokenFilter}); errors are problem details ({@link AdminProblems}).
 */
@RestController
@RequestMapping("/api/webhook-events")
public class WebhookEventsController {

    private final WebhookInbox inbox;
    private final ObjectProvider<WebhookWorkers> workers;
    private final Workspaces workspaces;
    private final Clock clock;

    public WebhookEventsController(WebhookInbox inbox, ObjectProvider<WebhookWorkers> workers, Workspaces workspaces,
            Clock clock) {
        this.inbox = inbox;
        this.workers = workers;
        this.workspaces = workspaces;
        this.clock = clock;
    }

    /** Events with a status ({@code failed} by default), newest first; {@code workspace} narrows them to one. */
    @GetMapping
    public Map<String, Object> list(@RequestParam(required = false) String status,
            @RequestParam(required = false) String workspace, @RequestParam(required = false) Integer limit) {
        String wanted = status == null || status.isBlank() ? "failed" : status.strip().toLowerCase(Locale.ROOT);
        if (!WebhookInbox.STATUSES.contains(wanted)) {
            throw AdminProblem.invalidRequest("Query parameter status must be one of " + new TreeSet<>(WebhookInbox.STATUSES)
                    + ", was '" + status + "'").with("parameter", "status");
        }
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > 1000) {
            throw AdminProblem.invalidRequest("Query parameter limit must be between 1 and 1000, was " + size)
                    .with("parameter", "limit");
        }
        return Map.of("events", inbox.withStatus(workspaceOrNull(workspace), wanted, size).stream()
                .map(WebhookEventsController::view).toList());
    }

    @GetMapping("/{id}")
    public Map<String, Object> event(@PathVariable long id) {
        return view(find(id));
    }

    /** A failed event goes back to pending, its attempts counted from zero, and is tried at once. */
    @PostMapping("/{id}/retry")
    public Map<String, Object> retry(@PathVariable long id) {
        InboxEvent event = find(id);
        if (!inbox.retry(id)) {
            throw notFailed(id, "retried", current(id, event));
        }
        workers.ifAvailable(all -> all.wake(event.workspace()));
        return view(find(id));
    }

    /** A failed event is given up on: {@code discarded} (kept for de-duplication until purged); nothing is fetched. */
    @PostMapping("/{id}/discard")
    public Map<String, Object> discard(@PathVariable long id) {
        InboxEvent event = find(id);
        if (!inbox.discard(id, clock.instant())) {
            throw notFailed(id, "discarded", current(id, event));
        }
        return view(find(id));
    }

    /** {@code retry} for every failed event (of one workspace, with {@code workspace}); answers how many. */
    @PostMapping("/retry-failed")
    public Map<String, Object> retryFailed(@RequestParam(required = false) String workspace) {
        String name = workspaceOrNull(workspace);
        int retried = inbox.retryFailed(name);
        workers.ifAvailable(all -> all.wake(name));
        return Map.of("retried", retried);
    }

    private InboxEvent find(long id) {
        return inbox.find(id).orElseThrow(() -> new AdminProblem(HttpStatus.NOT_FOUND, "webhook-event-not-found",
                "Webhook event not found", "No webhook event with id " + id + " (finished events are purged after "
                + "sync.webhook.retention)").with("eventId", id));
    }

    private InboxEvent current(long id, InboxEvent before) {
        return inbox.find(id).orElse(before);
    }

    private static AdminProblem notFailed(long id, String action, InboxEvent event) {
        return new AdminProblem(HttpStatus.CONFLICT, "webhook-event-not-failed", "Webhook event is not failed",
                "Webhook event " + id + " is " + event.status() + ": only a failed event can be " + action)
                .with("eventId", id).with("eventStatus", event.status());
    }

    private String workspaceOrNull(String workspace) {
        if (workspace == null || workspace.isBlank()) {
            return null;
        }
        String name = workspace.strip();
        if (!workspaces.names().contains(name)) {
            throw AdminProblem.invalidRequest("Query parameter workspace must be a configured workspace, was '" + name + "'")
                    .with("parameter", "workspace");
        }
        return name;
    }

    static Map<String, Object> view(InboxEvent event) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", event.id());
        view.put("workspace", event.workspace());
        view.put("contractId", event.contractId());
        view.put("activity", event.activity());
        view.put("activityAt", event.activityAt());
        view.put("receivedAt", event.receivedAt());
        view.put("status", event.status());
        view.put("attempts", event.attempts());
        view.put("lastAttemptAt", event.lastAttemptAt());
        view.put("nextAttemptAt", event.nextAttemptAt());
        view.put("lastError", event.lastError());
        view.put("processedAt", event.processedAt());
        view.put("runId", event.runId());
        return view;
    }
}
