package io.spotdraftsync.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.spotdraftsync.export.ExportRunner;
import io.spotdraftsync.jobs.Failures;
import io.spotdraftsync.jobs.RunInProgressException;
import io.spotdraftsync.spotdraft.ContractFilter;
import io.spotdraftsync.spotdraft.SpotDraftClient;
import io.spotdraftsync.spotdraft.model.ContractId;
import io.spotdraftsync.spotdraft.model.ContractListItem;
import io.spotdraftsync.warehouse.StoredContract;
import io.spotdraftsync.warehouse.Warehouse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Drains the webhook inbox: the contracts named by events gathered over a debounce window become one targeted
 * export run, which reads their fresh state from the API (webhooks are signals, not data). A
 * {@code CONTRACT_DELETED} soft-deletes only once the API confirms the contract is gone. Rows are marked done
 * only after their run committed, so a crash or a failed run leaves them pending for the next attempt (this
 * process's, or the next start's).
 */
public class WebhookWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookWorker.class);
    private static final Duration MIN_WAIT = Duration.ofMillis(20);

    /**
     * @param debounce       how long events are gathered from the first one (longer while they still stream in)
     * @param maxDelay       no event waits longer than this for its run, however busy the stream
     * @param maxContracts   contracts per run (the ids travel in one filtered listing)
     * @param retryDelay     wait after a failed run or while another run of the workspace holds the lock
     * @param pollInterval   how often an idle worker looks at the inbox (other pods write to it too)
     */
    public record Settings(Duration debounce, Duration maxDelay, int maxContracts, Duration retryDelay, Duration pollInterval) {
    }

    private final WebhookInbox inbox;
    private final ExportRunner runner;
    private final SpotDraftClient client;
    private final Warehouse warehouse;
    private final Settings settings;
    private final String workspace;
    private final Object wakeUp = new Object();
    private final AtomicLong lagMillis = new AtomicLong();
    private final AtomicLong pendingEvents = new AtomicLong();
    private volatile boolean running;
    private Thread thread;

    public WebhookWorker(WebhookInbox inbox, ExportRunner runner, SpotDraftClient client, Warehouse warehouse,
            Settings settings, MeterRegistry registry) {
        this.inbox = inbox;
        this.runner = runner;
        this.client = client;
        this.warehouse = warehouse;
        this.settings = settings;
        this.workspace = client.workspace();
        Gauge.builder("sync.webhook.inbox.lag", lagMillis, millis -> millis.get() / 1000.0).baseUnit("seconds")
                .description("Age of the oldest webhook event not yet processed").tag("workspace", workspace).register(registry);
        Gauge.builder("sync.webhook.inbox.pending", pendingEvents, AtomicLong::get)
                .description("Webhook events waiting for their run").tag("workspace", workspace).register(registry);
    }

    /** What one pass over the inbox did. */
    record Pass(int events, int contracts, int deleted, String runId) {
        static final Pass NOTHING = new Pass(0, 0, 0, null);
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "webhook-worker-" + workspace);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        Thread worker;
        synchronized (this) {
            running = false;
            worker = thread;
        }
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts a pass at once instead of at the next poll (the receiver calls it after storing an event). */
    public void wake() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    /** Seconds since the oldest pending event arrived, as of the worker's last look. */
    public double lagSeconds() {
        return lagMillis.get() / 1000.0;
    }

    private void loop() {
        // every line of this thread is about one workspace (a field of structured logs; targeted runs add job and run id)
        org.slf4j.MDC.put(io.spotdraftsync.jobs.RunLogContext.WORKSPACE, workspace);
        while (running) {
            Duration wait;
            try {
                List<InboxEvent> events = inbox.pending(workspace, fetchLimit());
                wait = nextWait(events, Instant.now());
                if (wait.isZero()) {
                    drain(events);
                }
            } catch (RunInProgressException busy) {
                log.debug("{}; the webhook events wait for it", busy.getMessage());
                wait = settings.retryDelay();
            } catch (RuntimeException failure) {
                if (!running) {
                    return;
                }
                log.warn("Webhook events of workspace {} not processed yet: {}; retrying in {} s", workspace,
                        Failures.rootMessage(failure), settings.retryDelay().toSeconds());
                wait = settings.retryDelay();
            }
            if (!wait.isZero()) {
                pause(wait);
            }
        }
    }

    private void pause(Duration wait) {
        synchronized (wakeUp) {
            try {
                wakeUp.wait(Math.max(MIN_WAIT.toMillis(), wait.toMillis()));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    /** Zero when a pass is due now; otherwise how long until it is (or until the next look at the inbox). */
    Duration nextWait(List<InboxEvent> events, Instant now) {
        pendingEvents.set(events.size());
        if (events.isEmpty()) {
            lagMillis.set(0);
            return settings.pollInterval();
        }
        Instant oldest = events.get(0).receivedAt();
        Instant newest = events.stream().map(InboxEvent::receivedAt).max(Instant::compareTo).orElse(oldest);
        lagMillis.set(Math.max(0, Duration.between(oldest, now).toMillis()));
        // gather for `debounce` from the first event; while events still stream in (one within the last quarter of
        // the window), keep gathering, but never past `maxDelay` for the oldest
        Instant windowEnd = oldest.plus(settings.debounce());
        Instant quietAfterNewest = newest.plus(settings.debounce().dividedBy(4));
        Instant due = min(windowEnd.isAfter(quietAfterNewest) ? windowEnd : quietAfterNewest, oldest.plus(settings.maxDelay()));
        if (events.size() >= fetchLimit() || !now.isBefore(due)) {
            return Duration.ZERO;
        }
        Duration untilDue = Duration.between(now, due);
        return untilDue.compareTo(settings.pollInterval()) < 0 ? untilDue : settings.pollInterval();
    }

    /** One run for the contracts of the oldest of these pending events; marks their rows done once it committed. */
    Pass drain(List<InboxEvent> events) {
        if (events.isEmpty()) {
            return Pass.NOTHING;
        }
        Set<Long> contracts = new LinkedHashSet<>();
        for (InboxEvent event : events) {
            if (event.contractId() != null && contracts.size() < settings.maxContracts()) {
                contracts.add(event.contractId());
            }
        }
        List<Long> rows = new ArrayList<>();
        Set<Long> deletions = new LinkedHashSet<>();
        for (InboxEvent event : events) {
            if (event.contractId() == null || contracts.contains(event.contractId())) {
                rows.add(event.id());
                if (event.deletion() && event.contractId() != null) {
                    deletions.add(event.contractId());
                }
            }
        }
        if (contracts.isEmpty()) {
            // events that name no contract: nothing to fetch
            inbox.markDone(rows, null, Instant.now());
            return new Pass(rows.size(), 0, 0, null);
        }
        ExportRunner.Outcome outcome;
        try {
            outcome = runner.runContracts(workspace, contracts, "webhook");
        } catch (RuntimeException failure) {
            throw failure;
        } catch (Exception failure) {
            // checked exceptions of Spring Batch's launcher
            throw new IllegalStateException(Failures.rootMessage(failure), failure);
        }
        if (!outcome.completed()) {
            throw new IllegalStateException("targeted export " + outcome.run().runId() + " ended "
                    + outcome.execution().getStatus() + outcome.execution().getAllFailureExceptions().stream().findFirst()
                            .map(failure -> ": " + Failures.rootMessage(failure)).orElse(""));
        }
        String runId = outcome.run().runId();
        int deleted = deletions.isEmpty() ? 0 : deleteConfirmed(deletions, runId);
        inbox.markDone(rows, runId, Instant.now());
        log.info("Webhook run {}: {} event(s), {} contract(s), {} read, {} written, {} soft-deleted", runId, rows.size(),
                contracts.size(), outcome.summary().contractsRead(), outcome.summary().contractsWritten(), deleted);
        return new Pass(rows.size(), contracts.size(), deleted, runId);
    }

    /**
     * Soft-deletes the stored contracts that a deletion event names, once the API confirms them gone: a
     * contract still listed (restored, or the event was stale) stays.
     */
    private int deleteConfirmed(Set<Long> numericIds, String runId) {
        List<String> candidates = ContractId.candidates(numericIds);
        Set<String> listed = new HashSet<>();
        for (ContractListItem item : client.contracts(ContractFilter.none().contractIdIn(candidates))) {
            listed.add(item.id());
        }
        List<String> gone = new ArrayList<>();
        for (String candidate : candidates) {
            if (!listed.contains(candidate) && warehouse.storedContract(workspace, candidate)
                    .filter(stored -> !stored.deleted()).map(StoredContract::contractId).isPresent()) {
                gone.add(candidate);
            }
        }
        return gone.isEmpty() ? 0 : warehouse.softDelete(workspace, gone, Instant.now(), runId);
    }

    private int fetchLimit() {
        // several events per contract are common (created, data updated, signed...): read well past the run's size
        return settings.maxContracts() * 5;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
