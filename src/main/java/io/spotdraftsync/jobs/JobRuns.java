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
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Every job by name: run now on the calling thread (schedules, the webhook worker) or start in the background
 * and return as soon as the run exists (the admin API). A run on the calling thread waits for a run of the same job and
 * workspace in progress in this process ({@link RunLauncher}); the admin API's starts are refused with
 * {@link RunInProgressException} instead (409: its caller is told and decides, rather than being left with a start it
 * cannot see).
 */
public class JobRuns implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobRuns.class);
    private static final long START_TIMEOUT_SECONDS = 60;

    private final Map<String, JobStarter> starters = new LinkedHashMap<>();
    private final RunStartNotifier notifier;
    private final RunLauncher launcher;
    private final JobRepository repository;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;
    private final AtomicInteger threads = new AtomicInteger();
    /** Background launches by execution id, completed once their thread is done (lock released). */
    private final Map<Long, CompletableFuture<Void>> inFlight = new java.util.concurrent.ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "run-" + threads.incrementAndGet());
        thread.setDaemon(false);
        return thread;
    });

    public JobRuns(List<JobStarter> starters, RunStartNotifier notifier, RunLauncher launcher, JobRepository repository,
            javax.sql.DataSource jobRepositoryDataSource) {
        starters.forEach(starter -> this.starters.put(starter.job(), starter));
        this.notifier = notifier;
        this.launcher = launcher;
        this.repository = repository;
        this.jdbc = new org.springframework.jdbc.core.JdbcTemplate(jobRepositoryDataSource);
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
        return inBackground(job, () -> launcher.withoutWaiting(() -> starter.run(copy, trigger)));
    }

    /**
     * Restarts a FAILED or STOPPED execution in the background. An execution of this process that is marked ended but
     * whose thread is still finishing (its listeners, then the run lock) is waited for first, so that a restart asked
     * for as soon as a run shows STOPPED does not collide with that run's own lock.
     */
    public JobExecution restart(long executionId) throws Exception {
        JobExecution previous = execution(executionId)
                .orElseThrow(() -> new java.util.NoSuchElementException("No run with id " + executionId));
        CompletableFuture<Void> finishing = inFlight.get(executionId);
        if (finishing != null && !previous.getStatus().isRunning()) {
            try {
                finishing.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException stillFinishing) {
                // the restart then meets the run lock and is refused as in progress
            }
        }
        return inBackground(previous.getJobInstance().getJobName(), () -> launcher.withoutWaiting(() -> launcher.restart(previous)));
    }

    /**
     * Asks a running execution to stop after its current chunk; it ends STOPPED and can be restarted.
     *
     * <p>Only the job execution is marked STOPPING; the thread running it sees that at its next chunk commit (or
     * step boundary) and stops. Not {@code JobOperator.stop}: in Spring Batch 6.0.x it also writes the running step
     * execution from this thread, racing the worker's own writes of that row (optimistic locking): either the stop
     * fails, or the worker's step ends UNKNOWN and the run can no longer be restarted (spring-batch #5120, #5308,
     * #5484). None of our tasklets is a {@code StoppableTasklet}, so nothing else of it is missed.
     */
    public JobExecution stop(long executionId) throws Exception {
        JobExecution execution = execution(executionId)
                .orElseThrow(() -> new java.util.NoSuchElementException("No run with id " + executionId));
        // a compare-and-set on the status alone: a run that ends meanwhile keeps its end status and end time. The new
        // version makes the worker re-read the status (JobExecutionDao.synchronizeStatus) at its next write.
        int marked = jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = ?, VERSION = VERSION + 1, LAST_UPDATED = ? "
                + "WHERE JOB_EXECUTION_ID = ? AND STATUS IN (?, ?, ?)", BatchStatus.STOPPING.name(),
                java.sql.Timestamp.valueOf(java.time.LocalDateTime.now()), executionId,
                BatchStatus.STARTING.name(), BatchStatus.STARTED.name(), BatchStatus.STOPPING.name());
        JobExecution now = repository.getJobExecution(executionId);
        if (marked == 0) {
            throw new IllegalStateException("Run " + executionId + " is " + now.getStatus() + ": only a running run can be stopped");
        }
        log.info("Run {} of {} asked to stop after its current chunk", executionId, execution.getJobInstance().getJobName());
        return now;
    }

    /**
     * Whether an execution started here in the background still has its thread: true from its start until its lock
     * is released. Spring Batch's stop marks an execution STOPPED at once, while its thread finishes the chunk in
     * flight; this tells the two apart.
     */
    public boolean inFlight(long executionId) {
        return inFlight.containsKey(executionId);
    }

    public Optional<JobExecution> execution(long executionId) {
        try {
            return Optional.ofNullable(repository.getJobExecution(executionId));
        } catch (org.springframework.dao.EmptyResultDataAccessException unknown) {
            // the JDBC repository of Spring Batch 6 throws for an unknown id rather than answering null
            return Optional.empty();
        }
    }

    private interface Launch {
        JobExecution launch() throws Exception;
    }

    private JobExecution inBackground(String job, Launch launch) throws Exception {
        CompletableFuture<JobExecution> started = new CompletableFuture<>();
        background.execute(() -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            java.util.concurrent.atomic.AtomicLong executionId = new java.util.concurrent.atomic.AtomicLong(-1);
            CompletableFuture<JobExecution> begun = notifier.expect();
            begun.whenComplete((execution, failure) -> {
                if (execution != null) {
                    executionId.set(execution.getId());
                    inFlight.put(execution.getId(), done);
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
                inFlight.remove(executionId.get());
                done.complete(null);
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
