package io.spotdraftsync.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The launcher's queue: a start behind a run of this process waits and starts as soon as that run ends (in arrival
 * order), never dropped; a stopping process starts nothing; a lock of another process is polled for a bounded time.
 */
class RunQueueTest {

    private HikariDataSource dataSource;
    private RunLocks locks;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final String workspace = "ws-" + UUID.randomUUID();

    @BeforeEach
    void database() throws Exception {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:mem:queue-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setMaximumPoolSize(8);
        new JobRepositorySchema(dataSource).afterPropertiesSet();
        locks = new RunLocks(dataSource);
    }

    @AfterEach
    void close() {
        threads.shutdownNow();
        dataSource.close();
    }

    @Test
    void startsBehindARunOfThisProcessWaitAndRunInArrivalOrderAsSoonAsItEnds() throws Exception {
        RunQueue queue = new RunQueue(locks, Duration.ofSeconds(5), stopping::get);
        List<String> order = new CopyOnWriteArrayList<>();
        RunLocks.Held export = queue.acquire(workspace, "export");

        Future<?> webhook = threads.submit(() -> runWhenTurnComes(queue, "export.webhook", order));
        await().until(() -> queue.queuedOrRunning(workspace, "export.webhook"));
        Future<?> secondExport = threads.submit(() -> runWhenTurnComes(queue, "export", order));
        await().until(() -> order.isEmpty() && waiting(queue, 2));
        assertThat(queue.queuedOrRunning(workspace, "export")).isTrue();
        assertThat(queue.queuedOrRunning(workspace, "reconcile")).isFalse();

        export.close();
        webhook.get();
        secondExport.get();
        assertThat(order).containsExactly("export.webhook", "export");
        assertThat(queue.queuedOrRunning(workspace, "export")).isFalse();
        try (RunLocks.Held free = locks.acquire(workspace, "export")) {
            assertThat(free).as("every lock released").isNotNull();
        }
    }

    @Test
    void aStoppingProcessStartsNothingItHadQueued() throws Exception {
        RunQueue queue = new RunQueue(locks, Duration.ofSeconds(5), stopping::get);
        RunLocks.Held export = queue.acquire(workspace, "export");
        CompletableFuture<Throwable> queued = new CompletableFuture<>();
        threads.submit(() -> {
            try (RunLocks.Held started = queue.acquire(workspace, "export")) {
                queued.complete(null);
            } catch (RuntimeException refused) {
                queued.complete(refused);
            }
        });
        await().until(() -> waiting(queue, 1));

        stopping.set(true);
        queue.wakeWaiting();
        assertThat(queued.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("stopping");
        assertThat(queue.queuedOrRunning(workspace, "export")).as("only the run that holds it").isTrue();
        export.close();
        assertThat(queue.queuedOrRunning(workspace, "export")).isFalse();
    }

    @Test
    void aLockOfAnotherProcessIsPolledForABoundedTimeThenTheStartGivesUp() throws Exception {
        RunQueue queue = new RunQueue(locks, Duration.ofSeconds(3), stopping::get);
        RunLocks otherProcess = new RunLocks(dataSource);
        try (RunLocks.Held held = otherProcess.acquire(workspace, "export")) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> queue.acquire(workspace, "export")).isInstanceOf(RunInProgressException.class);
            assertThat((System.nanoTime() - started) / 1e9).as("seconds polled").isBetween(2.5, 10.0);
            assertThatThrownBy(() -> queue.withoutWaiting(() -> queue.acquire(workspace, "export")))
                    .as("the admin API's starts do not wait").isInstanceOf(RunInProgressException.class);
        }
        // released by the other process while polled: the start goes ahead
        RunLocks.Held held = otherProcess.acquire(workspace, "export");
        Future<RunLocks.Held> polling = threads.submit(() -> queue.acquire(workspace, "export"));
        await().until(() -> queue.queuedOrRunning(workspace, "export"));
        held.close();
        try (RunLocks.Held mine = polling.get()) {
            assertThat(mine).isNotNull();
        }
    }

    @Test
    void withoutWaitingABusySlotOfThisProcessIsRefusedAtOnce() throws Exception {
        RunQueue queue = new RunQueue(locks, Duration.ofSeconds(5), stopping::get);
        try (RunLocks.Held export = queue.acquire(workspace, "export")) {
            assertThatThrownBy(() -> queue.withoutWaiting(() -> queue.acquire(workspace, "export")))
                    .isInstanceOf(RunInProgressException.class);
        }
        try (RunLocks.Held again = queue.withoutWaiting(() -> queue.acquire(workspace, "export"))) {
            assertThat(again).isNotNull();
        }
    }

    private Void runWhenTurnComes(RunQueue queue, String job, List<String> order) {
        try (RunLocks.Held held = queue.acquire(workspace, job)) {
            order.add(job);
        }
        return null;
    }

    private boolean waiting(RunQueue queue, int starts) {
        return queue.queueLength(workspace, "export") == starts;
    }
}
