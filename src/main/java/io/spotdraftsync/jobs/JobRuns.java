package io.spotdraftsync.jobs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Every job by name: run now on the calling thread (schedules, the webhook worker) or start in the background
 * and return as soon as the run exists (the admin API). A run of a job and workspace that is already in
 * progress anywhere is refused with {@link RunInProgressException}, never queued behind it.
 */
public class JobRuns implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobRuns.class);
    private static final long START_TIMEOUT_SECONDS = 60;

    private final Map<String, JobStarter> starters = new LinkedHashMap<>();
    private final RunStartNotifier notifier;
    private final RunLauncher launcher;
    private final JobRepository repository;
    private final JobOperator operator;
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService background = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "run-" + threads.incrementAndGet());
        thread.setDaemon(false);
        return thread;
    });

    public JobRuns(List<JobStarter> starters, RunStartNotifier notifier, RunLauncher launcher, JobRepository repository,
            JobOperator operator) {
        starters.forEach(starter -> this.starters.put(starter.job(), starter));
        this.notifier = notifier;
        this.launcher = launcher;
        this.repository = repository;
        this.operator = operator;
    }

    /** The job names, as users write them. */
    public Set<String> jobs() {
        return starters.keySet();
    }

    /** The starter of a job; {@link IllegalArgumentException} naming the known jobs otherwise. */
    public JobStarter starter(String job) {
        JobStarter starter = starters.get(job);
        if (starter == null) {
            throw new IllegalArgumentException("Unknown job '" + job + "' (known: " + String.join(", ", starters.keySet()) + ")");
        }
        return starter;
    }

    /** Runs to the end on the calling thread. */
    public JobExecution run(String job, Map<String, String> parameters, String trigger) throws Exception {
        JobStarter starter = starter(job);
        starter.validate(parameters);
        return starter.run(parameters, trigger);
    }

    /** Starts in the background; returns the execution once it exists (it is then running, or already over). */
    public JobExecution submit(String job, Map<String, String> parameters, String trigger) throws Exception {
        JobStarter starter = starter(job);
        starter.validate(parameters);
        Map<String, String> copy = Map.copyOf(parameters);
        return inBackground(job, () -> starter.run(copy, trigger));
    }

    /** Restarts a FAILED or STOPPED execution in the background. */
    public JobExecution restart(long executionId) throws Exception {
        JobExecution previous = execution(executionId)
                .orElseThrow(() -> new java.util.NoSuchElementException("No run with id " + executionId));
        return inBackground(previous.getJobInstance().getJobName(), () -> launcher.restart(previous));
    }

    /** Asks a running execution to stop after its current chunk; it ends STOPPED and can be restarted. */
    public JobExecution stop(long executionId) throws Exception {
        JobExecution execution = execution(executionId)
                .orElseThrow(() -> new java.util.NoSuchElementException("No run with id " + executionId));
        if (!execution.getStatus().isRunning()) {
            throw new IllegalStateException("Run " + executionId + " is " + execution.getStatus() + ": only a running run can be stopped");
        }
        operator.stop(execution);
        return repository.getJobExecution(executionId);
    }

    public Optional<JobExecution> execution(long executionId) {
        return Optional.ofNullable(repository.getJobExecution(executionId));
    }

    private interface Launch {
        JobExecution launch() throws Exception;
    }

    private JobExecution inBackground(String job, Launch launch) throws Exception {
        CompletableFuture<JobExecution> started = new CompletableFuture<>();
        background.execute(() -> {
            CompletableFuture<JobExecution> begun = notifier.expect();
            begun.whenComplete((execution, failure) -> {
                if (execution != null) {
                    started.complete(execution);
                }
            });
            try {
                JobExecution finished = launch.launch();
                started.complete(finished);
            } catch (Exception | Error failure) {
                if (!started.completeExceptionally(failure)) {
                    log.warn("Run of {} failed: {}", job, Failures.rootMessage(failure));
                }
            } finally {
                notifier.forget();
            }
        });
        try {
            return started.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw failed;
        } catch (TimeoutException slow) {
            throw new IllegalStateException("The " + job + " run did not start within " + START_TIMEOUT_SECONDS + " s");
        }
    }

    @Override
    public void close() {
        // running jobs are left to the JVM's shutdown: a run cut short is resumed by the next start
        background.shutdown();
    }
}
