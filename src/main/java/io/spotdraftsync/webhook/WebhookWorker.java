package io.spotdraftsync.webhook;

import java.time.Clock;
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
 * only after their run committed, so a crash leaves them pending for the next attempt (this process's, or the next
 * start's).
 *
 * <p>A contract that keeps failing holds back no other: the run skips a contract whose details cannot be fetched
 * and loads the others, and a run that fails as a whole costs each of its events one attempt. An event whose attempt
 * failed waits (a delay that doubles with each attempt), is then tried in a run of its contract alone, never
 * together with new events, and after {@code maxAttempts} is set aside as {@code failed} with its last error, for
 * an operator to retry or discard (admin API).
 */
public class WebhookWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookWorker.class);
    private static final Duration MIN_WAIT = Duration.ofMillis(20);

    /**
     * @param debounce       how long events are gathered from the first one (longer while they still stream in)
     * @param maxDelay       no event waits longer than this for its run, however busy the stream
     * @param maxContracts   contracts per run (the ids travel in one filtered listing)
     * @param retryDelay     wait while another run of the workspace holds the lock, or after the inbox could not be read
     * @param pollInterval   how often an idle worker looks at the inbox (other pods write to it too)
     * @param maxAttempts    failed attempts after which an event is set aside as failed
     * @param delayAfterAttempt how long an event waits after its n-th failed attempt
     * @param perCallAttempts attempts of one API call in the worker's runs (and its own calls): the events' attempts are
     *                        their retry, so each call is retried only briefly
     * @param retention      finished events are purged this long after they finished
     */
    public record Settings(Duration debounce, Duration maxDelay, int maxContracts, Duration retryDelay, Duration pollInterval,
            int maxAttempts, java.util.function.IntFunction<Duration> delayAfterAttempt, int perCallAttempts,
            Duration retention) {
    }

    /** How often each worker purges its workspace's finished events. */
    static final Duration PURGE_INTERVAL = Duration.ofHours(1);
    /** How often the count of failed events (a gauge) is read from the table. */
    private static final Duration FAILED_COUNT_INTERVAL = Duration.ofSeconds(15);

    private final WebhookInbox inbox;
    private final ExportRunner runner;
    private final SpotDraftClient client;
    private final Warehouse warehouse;
    private final Settings settings;
    private final String workspace;
    private final Object wakeUp = new Object();
    private final AtomicLong lagMillis = new AtomicLong();
    private final AtomicLong pendingEvents = new AtomicLong();
    private final AtomicLong failedEvents = new AtomicLong();
    private final Clock clock;
    private final InboxRetention retention;
    private Instant failedCountedAt;
    private volatile boolean running;
    private Thread thread;
    private final java.util.function.Predicate<String> exportPending;
    private boolean waitingForExport;

    public WebhookWorker(WebhookInbox inbox, ExportRunner runner, SpotDraftClient client, Warehouse warehouse,
            Settings settings, MeterRegistry registry, Clock clock) {
        this(inbox, runner, client, warehouse, settings, registry, clock, workspace -> false);
    }

    /**
     * @param exportPending whether an export of the workspace (its first, or any export queued or running in this
     *                      process) is still to come or running: the events then wait for it, so that a targeted run never
     *                      goes before it (it takes the workspace's lock for its whole run)
     */
    public WebhookWorker(WebhookInbox inbox, ExportRunner runner, SpotDraftClient client, Warehouse warehouse,
            Settings settings, MeterRegistry registry, Clock clock, java.util.function.Predicate<String> exportPending) {
        this.exportPending = exportPending;
        this.inbox = inbox;
        this.runner = runner;
        this.client = client.withCallAttempts(settings.perCallAttempts());
        this.warehouse = warehouse;
        this.settings = settings;
        this.workspace = client.workspace();
        this.clock = clock;
        this.retention = new InboxRetention(inbox, workspace, settings.retention(), PURGE_INTERVAL, clock);
        Gauge.builder("sync.webhook.inbox.lag", lagMillis, millis -> millis.get() / 1000.0).baseUnit("seconds")
                .description("Age of the oldest webhook event not yet processed").tag("workspace", workspace).register(registry);
        Gauge.builder("sync.webhook.inbox.pending", pendingEvents, AtomicLong::get)
                .description("Webhook events waiting for their run").tag("workspace", workspace).register(registry);
        Gauge.builder("sync.webhook.inbox.failed", failedEvents, AtomicLong::get)
                .description("Webhook events set aside after sync.webhook.max-attempts failed attempts")
                .tag("workspace", workspace).register(registry);
    }

    /**
     * What one pass over the inbox did.
     *
     * @param events   events done (processed, or naming no contract)
     * @param failed   events whose attempt failed (waiting for the next, or set aside)
     */
    record Pass(int events, int contracts, int deleted, String runId, int failed) {
        static final Pass NOTHING = new Pass(0, 0, 0, null, 0);
    }

    public String workspace() {
        return workspace;
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
                retention.purgeIfDue();
                countFailed();
                Instant now = clock.instant();
                List<InboxEvent> events = inbox.due(workspace, fetchLimit(), now);
                wait = nextWait(events, now);
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

    private void countFailed() {
        Instant now = clock.instant();
        if (failedCountedAt == null || !now.isBefore(failedCountedAt.plus(FAILED_COUNT_INTERVAL))) {
            failedCountedAt = now;
            failedEvents.set(inbox.backlog(workspace).failed());
        }
    }

    /**
     * Zero when a pass is due now; otherwise how long until it is (or until the next look at the inbox).
     *
     * @param events the due events ({@link WebhookInbox#due}): new ones first, then those whose wait is over
     */
    Duration nextWait(List<InboxEvent> events, Instant now) {
        pendingEvents.set(events.size());
        if (events.isEmpty()) {
            lagMillis.set(0);
            return settings.pollInterval();
        }
        Instant oldestOfAll = events.stream().map(InboxEvent::receivedAt).min(Instant::compareTo).orElseThrow();
        lagMillis.set(Math.max(0, Duration.between(oldestOfAll, now).toMillis()));
        List<InboxEvent> fresh = events.stream().filter(InboxEvent::fresh).toList();
        if (fresh.isEmpty()) {
            // events that failed before, whose wait is over: nothing more to gather
            return Duration.ZERO;
        }
        Duration untilFresh = debounced(fresh, now);
        // events that failed before do not wait for the new ones to be gathered
        return untilFresh.isZero() || fresh.size() < events.size() ? Duration.ZERO : untilFresh;
    }

    private Duration debounced(List<InboxEvent> events, Instant now) {
        Instant oldest = events.get(0).receivedAt();
        Instant newest = events.stream().map(InboxEvent::receivedAt).max(Instant::compareTo).orElse(oldest);
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

    /**
     * One run for the contracts of the first of these due events: new events together (up to the run's size), as
     * long as new events are due and gathered; otherwise the events of one contract that failed before. Marks the
     * rows done once the run committed; the events of a contract the run skipped, or of a run that failed, count a
     * failed attempt.
     */
    Pass drain(List<InboxEvent> events) {
        if (events.isEmpty()) {
            return Pass.NOTHING;
        }
        Instant now = clock.instant();
        List<InboxEvent> fresh = events.stream().filter(InboxEvent::fresh).toList();
        boolean freshDue = !fresh.isEmpty() && debounced(fresh, now).isZero();
        List<InboxEvent> candidates = freshDue ? fresh : events.stream().filter(event -> !event.fresh()).toList();
        if (candidates.isEmpty()) {
            return Pass.NOTHING;
        }
        // a contract that failed before runs alone: its failure can then cost no other event an attempt
        int runSize = freshDue ? settings.maxContracts() : 1;
        Set<Long> contracts = new LinkedHashSet<>();
        for (InboxEvent event : candidates) {
            if (event.contractId() != null && contracts.size() < runSize) {
                contracts.add(event.contractId());
            }
        }
        List<InboxEvent> batch = new ArrayList<>();
        for (InboxEvent event : candidates) {
            if (event.contractId() == null || contracts.contains(event.contractId())) {
                batch.add(event);
            }
        }
        List<Long> rows = batch.stream().map(InboxEvent::id).toList();
        if (contracts.isEmpty()) {
            // events that name no contract: nothing to fetch
            inbox.markDone(rows, null, now);
            return new Pass(rows.size(), 0, 0, null, 0);
        }
        if (exportPending.test(workspace)) {
            if (!waitingForExport) {
                log.info("Webhook events of workspace {} wait for its pending export, then run (they may change contracts "
                        + "it read already)", workspace);
                waitingForExport = true;
            }
            throw new RunInProgressException("export", workspace);
        }
        if (waitingForExport) {
            log.info("Webhook events of workspace {}: the export they waited for has ended; running them", workspace);
            waitingForExport = false;
        }
        ExportRunner.Outcome outcome;
        try {
            outcome = runner.runContracts(workspace, contracts, "webhook", settings.perCallAttempts());
        } catch (RunInProgressException busy) {
            throw busy;
        } catch (Exception failure) {
            if (!running || failure instanceof io.spotdraftsync.jobs.ProcessStoppingException) {
                // the process is stopping: not the events' fault; they stay pending for the next start
                throw new IllegalStateException("stopped during a targeted run", failure);
            }
            return failedAttempt(batch, contracts, "targeted export of contracts " + contracts + " failed: "
                    + Failures.rootMessage(failure));
        }
        if (!outcome.completed()) {
            if (!running) {
                throw new IllegalStateException("stopped during targeted run " + outcome.run().runId());
            }
            return failedAttempt(batch, contracts, "targeted export " + outcome.run().runId() + " ended "
                    + outcome.execution().getStatus() + outcome.execution().getAllFailureExceptions().stream().findFirst()
                            .map(failure -> ": " + io.spotdraftsync.export.ExportRunLifecycle.failureMessage(failure)).orElse(""));
        }
        String runId = outcome.run().runId();
        // a contract the run skipped (its details could not be fetched): its events failed, the others are done
        java.util.Map<Long, String> skipped = new java.util.HashMap<>();
        outcome.summary().failedContracts().forEach((compositeId, reason) ->
                skipped.merge(ContractId.parse(compositeId).number(), compositeId + ": " + reason, (a, b) -> a + "; " + b));
        List<InboxEvent> done = new ArrayList<>();
        for (Long contract : contracts) {
            List<InboxEvent> ofContract = batch.stream().filter(event -> contract.equals(event.contractId())).toList();
            if (skipped.containsKey(contract)) {
                recordFailure(ofContract, "run " + runId + " skipped contract " + skipped.get(contract));
            } else {
                done.addAll(ofContract);
            }
        }
        batch.stream().filter(event -> event.contractId() == null).forEach(done::add);
        Set<Long> deletions = new LinkedHashSet<>();
        done.stream().filter(event -> event.deletion() && event.contractId() != null).forEach(event -> deletions.add(event.contractId()));
        int deleted = 0;
        if (!deletions.isEmpty()) {
            try {
                deleted = deleteConfirmed(deletions, runId);
            } catch (RuntimeException failure) {
                List<InboxEvent> unconfirmed = done.stream()
                        .filter(event -> event.contractId() != null && deletions.contains(event.contractId())).toList();
                done.removeAll(unconfirmed);
                recordFailure(unconfirmed, "could not confirm the deletion of contracts " + deletions + " with SpotDraft: "
                        + Failures.rootMessage(failure));
            }
        }
        inbox.markDone(done.stream().map(InboxEvent::id).toList(), runId, clock.instant());
        int notDone = batch.size() - done.size();
        log.info("Webhook run {}: {} event(s), {} contract(s), {} read, {} written, {} soft-deleted{}", runId, batch.size(),
                contracts.size(), outcome.summary().contractsRead(), outcome.summary().contractsWritten(), deleted,
                notDone == 0 ? "" : ", " + notDone + " event(s) to try again or set aside");
        return new Pass(done.size(), contracts.size(), deleted, runId, notDone);
    }

    /** The whole run failed: every event of it counts a failed attempt (events naming no contract are done). */
    private Pass failedAttempt(List<InboxEvent> batch, Set<Long> contracts, String error) {
        List<InboxEvent> named = batch.stream().filter(event -> event.contractId() != null).toList();
        inbox.markDone(batch.stream().filter(event -> event.contractId() == null).map(InboxEvent::id).toList(), null,
                clock.instant());
        recordFailure(named, error);
        return new Pass(batch.size() - named.size(), contracts.size(), 0, null, named.size());
    }

    private void recordFailure(List<InboxEvent> events, String error) {
        if (events.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        WebhookInbox.FailedAttempt result = inbox.recordFailedAttempt(events, error, now, settings.maxAttempts(),
                settings.delayAfterAttempt());
        // one line per event set aside (an operator acts on each), one line for all that are tried again
        List<InboxEvent> again = new ArrayList<>();
        for (InboxEvent event : events) {
            int attempts = event.attempts() + 1;
            if (attempts >= settings.maxAttempts()) {
                log.warn("Webhook event {} ({} of contract {}) set aside as failed after {} attempt(s): {}; retry it with "
                        + "POST /api/webhook-events/{}/retry or discard it", event.id(), event.activity(), event.contractId(),
                        attempts, error, event.id());
            } else {
                again.add(event);
            }
        }
        if (!again.isEmpty()) {
            int attempts = again.get(0).attempts() + 1;
            log.warn("{} webhook event(s) of contract(s) {} failed (attempt {} of {}), tried again in {} s: {}", again.size(),
                    again.stream().map(InboxEvent::contractId).distinct().toList(), attempts, settings.maxAttempts(),
                    settings.delayAfterAttempt().apply(attempts).toSeconds(), error);
        }
        if (result.failed() > 0) {
            // the failed-events gauge shows it at the next pass
            failedCountedAt = null;
        }
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
