package io.spotdraftsync.jobs;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Starts a run, or resumes an unfinished one of the same job and workspace that covers it: a FAILED or STOPPED
 * run is restarted from its last committed chunk, and a run left STARTED by a killed process is first recovered
 * (marked failed) and then restarted. Which unfinished run is resumed, abandoned or left alone is each job's
 * {@link ResumePolicy}.
 */
public class RunLauncher {

    /** Identifying job parameters shared by every job. */
    public static final String WORKSPACE = "workspace";
    public static final String MODE = "mode";
    public static final String RUN_ID = "run.id";
    public static final String TRIGGER = "trigger";

    private static final Logger log = LoggerFactory.getLogger(RunLauncher.class);
    private static final int INSTANCES_SCANNED = 50;

    private final JobOperator operator;
    private final JobRepository repository;
    private final RunLocks locks;
    /** Threads inside a launch (from the lock to its release); the process waits for them when it stops. */
    private final java.util.Set<Thread> launching = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean refusingNewRuns;
    private final RunQueue queue;

    public RunLauncher(JobOperator operator, JobRepository repository, RunLocks locks) {
        this(operator, repository, locks, RunQueue.DEFAULT_OTHER_PROCESS_WAIT);
    }

    /**
     * @param otherProcessWait how long a start polls a lock held by another process before it gives up with
     *                         {@link RunInProgressException} ({@code sync.jobs.lock-wait})
     */
    public RunLauncher(JobOperator operator, JobRepository repository, RunLocks locks, java.time.Duration otherProcessWait) {
        this.operator = operator;
        this.repository = repository;
        this.locks = locks;
        this.queue = new RunQueue(locks, otherProcessWait, () -> refusingNewRuns);
    }

    /**
     * Whether a run of exactly this job (not of another job sharing its lock) is queued or running in this process for
     * the workspace: the webhook worker lets a pending export go first.
     */
    public boolean queuedOrRunning(String workspace, String jobName) {
        return queue.queuedOrRunning(workspace, jobName);
    }

    /**
     * Runs {@code launch} on this thread with starts that do not wait for a held lock: they are refused at once with
     * {@link RunInProgressException} (the admin API answers 409 and lets its caller decide).
     */
    public <T> T withoutWaiting(java.util.concurrent.Callable<T> launch) throws Exception {
        return queue.withoutWaiting(launch);
    }

    /**
     * The lock a job's runs take: its name up to the first dot, so that {@code export.webhook} (targeted runs)
     * and {@code export} never run at once for the same workspace.
     */
    public static String lockName(String jobName) {
        int dot = jobName.indexOf('.');
        return dot < 0 ? jobName : jobName.substring(0, dot);
    }

    /** Runs to the end (synchronously) and returns the execution that ran; {@link ResumePolicy#SAME_MODE}. */
    public JobExecution startOrResume(Job job, JobParameters fresh) throws Exception {
        return startOrResume(job, fresh, ResumePolicy.SAME_MODE);
    }

    /**
     * Runs to the end (synchronously) and returns the execution that ran: the first unfinished run of the job and
     * workspace (newest first) that the policy resumes, or else a new run. Unfinished runs the policy abandons on the
     * way are marked so; those it leaves stay resumable.
     */
    public JobExecution startOrResume(Job job, JobParameters fresh, ResumePolicy policy) throws Exception {
        String workspace = Objects.requireNonNull(fresh.getString(WORKSPACE), "workspace parameter");
        return startOrResume(job, fresh, policy, () -> true).orElseThrow();
    }

    /**
     * As {@link #startOrResume(Job, JobParameters, ResumePolicy)}, once the lock is held and only if {@code stillWanted}
     * then says so (a start that waited for the lock may find its work done meanwhile); empty otherwise.
     */
    public Optional<JobExecution> startOrResume(Job job, JobParameters fresh, ResumePolicy policy,
            java.util.function.BooleanSupplier stillWanted) throws Exception {
        String workspace = Objects.requireNonNull(fresh.getString(WORKSPACE), "workspace parameter");
        try (Launch launch = launch(); RunLocks.Held lock = queue.acquire(workspace, job.getName())) {
            if (!stillWanted.getAsBoolean()) {
                return Optional.empty();
            }
            return Optional.of(startOrResumeLocked(job, fresh, workspace, policy));
        }
    }

    private JobExecution startOrResumeLocked(Job job, JobParameters fresh, String workspace, ResumePolicy policy)
            throws Exception {
        for (JobExecution candidate : unfinishedExecutions(job.getName(), workspace)) {
            JobExecution previous = recoveredIfLeftRunning(candidate, job, workspace);
            ResumePolicy.Decision decision = policy.decide(previous, fresh);
            String previousMode = previous.getJobParameters().getString(MODE);
            switch (decision.action()) {
                case RESUME -> {
                    log.info("Resuming unfinished {} run {} of {} for workspace {} from its last committed chunk: {}",
                            previousMode, previous.getId(), job.getName(), workspace, decision.reason());
                    return operator.restart(previous);
                }
                case ABANDON -> {
                    log.info("Abandoning unfinished {} run {} of {} for workspace {}: {}", previousMode, previous.getId(),
                            job.getName(), workspace, decision.reason());
                    operator.abandon(previous);
                }
                case LEAVE -> log.info("Leaving unfinished {} run {} of {} for workspace {}: {}", previousMode,
                        previous.getId(), job.getName(), workspace, decision.reason());
            }
        }
        return operator.start(job, fresh);
    }

    /**
     * Starts a new run even when the last one did not finish (that one is recovered if it was left running,
     * then abandoned): for jobs that are cheaper to redo than to resume, or whose parameters may change.
     */
    public JobExecution startFresh(Job job, JobParameters fresh) throws Exception {
        String workspace = Objects.requireNonNull(fresh.getString(WORKSPACE), "workspace parameter");
        try (Launch launch = launch(); RunLocks.Held lock = queue.acquire(workspace, job.getName())) {
            Optional<JobExecution> unfinished = lastExecution(job.getName(), workspace).filter(RunLauncher::unfinished);
            if (unfinished.isPresent()) {
                operator.abandon(recoveredIfLeftRunning(unfinished.get(), job, workspace));
            }
            return operator.start(job, fresh);
        }
    }

    /**
     * Restarts one FAILED or STOPPED execution (the admin API's restart), to the end, under the run lock.
     * A newer execution of the same job and workspace makes it stale: it is refused.
     */
    public JobExecution restart(JobExecution previous) throws Exception {
        String jobName = previous.getJobInstance().getJobName();
        String workspace = Objects.requireNonNull(previous.getJobParameters().getString(WORKSPACE), "workspace parameter");
        try (Launch launch = launch(); RunLocks.Held lock = queue.acquire(workspace, jobName)) {
            JobExecution current = repository.getJobExecution(previous.getId());
            Optional<JobExecution> newest = lastExecution(jobName, workspace);
            if (newest.isPresent() && newest.get().getId() > current.getId()) {
                throw new IllegalStateException("Run " + current.getId() + " was followed by run " + newest.get().getId()
                        + " of the same job and workspace: restart that one instead");
            }
            if (current.getStatus().isRunning()) {
                // the lock is ours, so whoever left it running has died
                current = operator.recover(current);
            }
            if (current.getStatus() != BatchStatus.FAILED && current.getStatus() != BatchStatus.STOPPED) {
                throw new IllegalStateException("Run " + current.getId() + " is " + current.getStatus()
                        + ": only a FAILED or STOPPED run can be restarted");
            }
            return operator.restart(current);
        }
    }

    /** From now on every start is refused: the process is stopping (its unfinished runs are resumed by the next start). */
    public void refuseNewRuns() {
        refusingNewRuns = true;
        queue.wakeWaiting();
    }

    /** Whether no launch of this process is in progress. */
    public boolean idle() {
        return launching.isEmpty();
    }

    /** Waits until no launch of this process is in progress (its run ended, its lock released); false on timeout. */
    public boolean awaitIdle(java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (launching) {
            while (!launching.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    launching.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return launching.isEmpty();
                }
            }
            return true;
        }
    }

    private interface Launch extends AutoCloseable {
        @Override
        void close();
    }

    private Launch launch() {
        if (refusingNewRuns) {
            throw RunQueue.stopping();
        }
        Thread thread = Thread.currentThread();
        launching.add(thread);
        return () -> {
            synchronized (launching) {
                launching.remove(thread);
                launching.notifyAll();
            }
        };
    }

    /** The newest execution of the job for this workspace, if any. */
    public Optional<JobExecution> lastExecution(String jobName, String workspace) {
        return repository.getJobInstances(jobName, 0, INSTANCES_SCANNED).stream()
                .map(repository::getLastJobExecution)
                .filter(Objects::nonNull)
                .filter(execution -> workspace.equals(execution.getJobParameters().getString(WORKSPACE)))
                .max(Comparator.comparingLong(JobExecution::getId));
    }

    /** A run still marked running was left so by a process that died (this one runs nothing else for the workspace). */
    private JobExecution recoveredIfLeftRunning(JobExecution previous, Job job, String workspace) {
        if (!previous.getStatus().isRunning()) {
            return previous;
        }
        log.warn("Run {} of {} for workspace {} was left {} by a process that died; recovering it",
                previous.getId(), job.getName(), workspace, previous.getStatus());
        return operator.recover(previous);
    }

    /** The last executions of the job's recent runs for this workspace that did not finish, newest first. */
    private List<JobExecution> unfinishedExecutions(String jobName, String workspace) {
        return repository.getJobInstances(jobName, 0, INSTANCES_SCANNED).stream()
                .map(repository::getLastJobExecution)
                .filter(Objects::nonNull)
                .filter(execution -> workspace.equals(execution.getJobParameters().getString(WORKSPACE)))
                .filter(RunLauncher::unfinished)
                .sorted(Comparator.comparingLong(JobExecution::getId).reversed())
                .toList();
    }

    private static boolean unfinished(JobExecution execution) {
        BatchStatus status = execution.getStatus();
        return status == BatchStatus.FAILED || status == BatchStatus.STOPPED || status.isRunning();
    }
}
