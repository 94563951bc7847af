package io.spotdraftsync.jobs;

import java.util.concurrent.CompletableFuture;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Tells a background launch which execution it started, as soon as the job begins: jobs run synchronously on
 * the launching thread, so the thread that launches registers a future here and the job's first callback
 * completes it. Every job registers this listener, so it also knows which executions this process is running.
 */
public class RunStartNotifier implements JobExecutionListener {

    private static final ThreadLocal<CompletableFuture<JobExecution>> EXPECTED = new ThreadLocal<>();
    private final java.util.Set<Long> running = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Records this process as the owner of its runs; null when not recorded. */
    private final RunOwners owners;

    public RunStartNotifier() {
        this(null);
    }

    public RunStartNotifier(RunOwners owners) {
        this.owners = owners;
    }

    /** The ids of the executions this process is running now. */
    public java.util.Set<Long> running() {
        return java.util.Set.copyOf(running);
    }

    /** Call on the launching thread, before launching; the future completes when the job begins. */
    public CompletableFuture<JobExecution> expect() {
        CompletableFuture<JobExecution> started = new CompletableFuture<>();
        EXPECTED.set(started);
        return started;
    }

    public void forget() {
        EXPECTED.remove();
    }

    @Override
    public void beforeJob(JobExecution execution) {
        running.add(execution.getId());
        if (owners != null) {
            owners.began(execution);
        }
        CompletableFuture<JobExecution> started = EXPECTED.get();
        if (started != null) {
            started.complete(execution);
        }
    }

    @Override
    public void afterJob(JobExecution execution) {
        running.remove(execution.getId());
        if (owners != null) {
            owners.ended(execution);
        }
    }
}
