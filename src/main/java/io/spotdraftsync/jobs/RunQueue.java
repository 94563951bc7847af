package io.spotdraftsync.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a start gets its run lock ({@link RunLocks}): a start that finds the lock held by a run of this process waits for
 * it, in the order the starts came (a fair queue per workspace and lock), and takes it as soon as that run ends; never
 * dropped. A lock held by another process is polled every {@value #OTHER_PROCESS_POLL_SECONDS} s for up to
 * {@code otherProcessWait} (long enough for a stopping pod to end its run STOPPED and let go), then the start gives up
 * with {@link RunInProgressException}: that process's run is unbounded, and the lock rows must not be waited on in the
 * database (a blocked row lock across processes can outlive the pod that holds it). A stopping process starts nothing
 * new: a waiting start gives up as soon as the stop begins.
 */
final class RunQueue {

    static final Duration DEFAULT_OTHER_PROCESS_WAIT = Duration.ofSeconds(90);
    private static final Logger log = LoggerFactory.getLogger(RunQueue.class);
    private static final long OTHER_PROCESS_POLL_SECONDS = 2;

    private final RunLocks locks;
    private final Duration otherProcessWait;
    private final BooleanSupplier stopping;
    /** One permit per workspace and lock: the holder runs, the others wait in order. */
    private final Map<String, Semaphore> slots = new ConcurrentHashMap<>();
    /** The job names of the starts waiting for or holding each slot. */
    private final Map<String, List<String>> claims = new ConcurrentHashMap<>();
    private final ThreadLocal<Boolean> refuseWhenBusy = ThreadLocal.withInitial(() -> false);
    private final Object stopSignal = new Object();
    private final java.util.Set<Thread> waitingThreads = ConcurrentHashMap.newKeySet();

    RunQueue(RunLocks locks, Duration otherProcessWait, BooleanSupplier stopping) {
        this.locks = locks;
        this.otherProcessWait = otherProcessWait;
        this.stopping = stopping;
    }

    static ProcessStoppingException stopping() {
        return new ProcessStoppingException();
    }

    boolean queuedOrRunning(String workspace, String jobName) {
        return claims.getOrDefault(key(workspace, RunLauncher.lockName(jobName)), List.of()).contains(jobName);
    }

    <T> T withoutWaiting(java.util.concurrent.Callable<T> launch) throws Exception {
        boolean before = refuseWhenBusy.get();
        refuseWhenBusy.set(true);
        try {
            return launch.call();
        } finally {
            refuseWhenBusy.set(before);
        }
    }

    /** The process is stopping: the starts waiting for a run of this process, or polling another's lock, give up now. */
    void wakeWaiting() {
        waitingThreads.forEach(Thread::interrupt);
        synchronized (stopSignal) {
            stopSignal.notifyAll();
        }
    }

    /** The lock of the job's runs for the workspace, once this start's turn has come; closing it lets the next go. */
    RunLocks.Held acquire(String workspace, String jobName) {
        String lock = RunLauncher.lockName(jobName);
        String key = key(workspace, lock);
        Semaphore slot = slots.computeIfAbsent(key, k -> new Semaphore(1, true));
        List<String> claimed = claims.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());
        claimed.add(jobName);
        boolean slotHeld = false;
        try {
            slotHeld = takeSlot(slot, workspace, lock, jobName);
            RunLocks.Held held = takeLock(workspace, lock, jobName);
            return () -> {
                try {
                    held.close();
                } finally {
                    claimed.remove(jobName);
                    slot.release();
                }
            };
        } catch (RuntimeException | Error failure) {
            claimed.remove(jobName);
            if (slotHeld) {
                slot.release();
            }
            throw failure;
        }
    }

    private boolean takeSlot(Semaphore slot, String workspace, String lock, String jobName) {
        if (slot.tryAcquire()) {
            return true;
        }
        if (refuseWhenBusy.get()) {
            throw new RunInProgressException(lock, workspace);
        }
        log.info("A {} run of workspace {} is in progress in this process: this {} start waits for it and starts as soon as "
                + "it ends", lock, workspace, jobName);
        Thread self = Thread.currentThread();
        waitingThreads.add(self);
        try {
            if (stopping.getAsBoolean()) {
                throw stopping();
            }
            // one untimed wait keeps the semaphore's arrival order; the stop interrupts it (wakeWaiting)
            slot.acquire();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw stopping();
        } finally {
            waitingThreads.remove(self);
        }
        if (stopping.getAsBoolean()) {
            slot.release();
            throw stopping();
        }
        return true;
    }

    /** Starts waiting for a run of this process to end, for the workspace and lock. */
    int queueLength(String workspace, String lock) {
        Semaphore slot = slots.get(key(workspace, lock));
        return slot == null ? 0 : slot.getQueueLength();
    }

    private RunLocks.Held takeLock(String workspace, String lock, String jobName) {
        long deadline = System.nanoTime() + otherProcessWait.toNanos();
        boolean logged = false;
        while (true) {
            Optional<RunLocks.Held> held = locks.tryAcquire(workspace, lock);
            if (held.isPresent()) {
                if (logged) {
                    log.info("The {} lock of workspace {} is free: the {} start goes ahead", lock, workspace, jobName);
                }
                return held.get();
            }
            if (refuseWhenBusy.get() || System.nanoTime() >= deadline) {
                throw new RunInProgressException(lock, workspace);
            }
            if (!logged) {
                log.info("A {} run of workspace {} is in progress in another process: this {} start looks again every {} s "
                        + "for up to {} s (sync.jobs.lock-wait)", lock, workspace, jobName, OTHER_PROCESS_POLL_SECONDS,
                        otherProcessWait.toSeconds());
                logged = true;
            }
            synchronized (stopSignal) {
                if (stopping.getAsBoolean()) {
                    throw stopping();
                }
                try {
                    stopSignal.wait(TimeUnit.SECONDS.toMillis(OTHER_PROCESS_POLL_SECONDS));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw stopping();
                }
            }
            if (stopping.getAsBoolean()) {
                throw stopping();
            }
        }
    }

    private static String key(String workspace, String lock) {
        return workspace + '\u0000' + lock;
    }
}
