package io.spotdraftsync.webhook;

import java.util.List;

import org.springframework.context.SmartLifecycle;

/**
 * One {@link WebhookWorker} per workspace that runs exports: each drains its own workspace's events on its own
 * thread, so a slow run of one workspace (its budget, its API) never holds up another's webhooks.
 */
public final class WebhookWorkers implements SmartLifecycle {

    private final List<WebhookWorker> workers;

    public WebhookWorkers(List<WebhookWorker> workers) {
        this.workers = List.copyOf(workers);
    }

    public List<WebhookWorker> workers() {
        return workers;
    }

    /** Starts a pass of the workspace's worker at once (null: of every worker), e.g. after events were retried. */
    public void wake(String workspace) {
        workers.stream().filter(worker -> workspace == null || worker.workspace().equals(workspace))
                .forEach(WebhookWorker::wake);
    }

    @Override
    public void start() {
        workers.forEach(WebhookWorker::start);
    }

    @Override
    public void stop() {
        workers.forEach(WebhookWorker::stop);
    }

    @Override
    public boolean isRunning() {
        return workers.stream().anyMatch(WebhookWorker::isRunning);
    }
}
