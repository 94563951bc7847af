package io.spotdraftsync.jobs;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code serve}'s watch for runs left running by a dead process, for every job and workspace: once it is up, then
 * every {@code sync.jobs.heartbeat-interval}. A run the job repository has as running is recovered (marked FAILED,
 * resumable from its last committed chunk) when its run lock is free (a live owner holds it) and, on a database shared
 * by several processes (PostgreSQL), its owner has also missed its check-ins for {@code sync.jobs.owner-timeout}.
 * An export or reconcile run so recovered, or stopped by its own process's shutdown (a rolling restart), is then
 * resumed here: a surviving pod finishes the run. Other jobs' runs wait for their next start ({@code import} reads
 * files of the process that ran it).
 */
public class DeadRunRecovery implements SmartApplicationListener, Ordered, DisposableBean {

    /** The jobs whose recovered or handed-over runs another instance resumes by itself. */
    public static final Set<String> TAKEN_OVER = Set.of("export", "reconcile");

    private static final Logger log = LoggerFactory.getLogger(DeadRunRecovery.class);
    private static final int SCANNED = 100;

    private final JdbcTemplate jdbc;
    private final JobRepository repository;
    private final JobOperator operator;
    private final RunLocks locks;
    private final RunOwners owners;
    private final JobRuns runs;
    private final boolean sharedDatabase;
    private final ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "dead-run-recovery");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopping;

    /**
     * @param sharedDatabase whether processes on other machines may share the job repository (PostgreSQL): then the
     *                       owner's missed check-ins are required as well as the free lock
     */
    public DeadRunRecovery(DataSource dataSource, JobRepository repository, JobOperator operator, RunLocks locks,
            RunOwners owners, JobRuns runs, boolean sharedDatabase) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.repository = repository;
        this.operator = operator;
        this.locks = locks;
        this.owners = owners;
        this.runs = runs;
        this.sharedDatabase = sharedDatabase;
        owners.handOverOnStop();
    }

    @Override
    public boolean supportsEventType(Class<? extends org.springframework.context.ApplicationEvent> type) {
        return ApplicationReadyEvent.class.isAssignableFrom(type) || ContextClosedEvent.class.isAssignableFrom(type);
    }

    @Override
    public void onApplicationEvent(org.springframework.context.ApplicationEvent event) {
        if (event instanceof ContextClosedEvent) {
            stopping = true;
            watch.shutdown();
        } else if (event instanceof ApplicationReadyEvent) {
            long every = owners.properties().heartbeatInterval().toMillis();
            watch.scheduleWithFixedDelay(this::lookSafely, 0, every, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    private void lookSafely() {
        try {
            look();
        } catch (RuntimeException failure) {
            log.warn("Looking for runs left running by a dead process failed (tried again in {} s): {}",
                    owners.properties().heartbeatInterval().toSeconds(), Failures.rootMessage(failure));
        }
    }

    /** One look: recovers the dead runs, then resumes those left for another instance. */
    public void look() {
        for (long id : jdbc.queryForList("SELECT JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION WHERE STATUS IN (?, ?, ?) "
                + "ORDER BY JOB_EXECUTION_ID FETCH FIRST " + SCANNED + " ROWS ONLY", Long.class,
                BatchStatus.STARTING.name(), BatchStatus.STARTED.name(), BatchStatus.STOPPING.name())) {
            if (stopping) {
                return;
            }
            recoverIfDead(id);
        }
        for (RunOwners.Owner left : owners.awaitingTakeOver()) {
            if (stopping) {
                return;
            }
            takeOver(left);
        }
    }

    private void recoverIfDead(long id) {
        if (owners.ownsHere(id)) {
            return;
        }
        JobExecution execution = repository.getJobExecution(id);
        if (execution == null || !execution.getStatus().isRunning()) {
            return;
        }
        RunOwners.Liveness liveness = owners.liveness(execution);
        if (sharedDatabase && liveness.alive()) {
            return;
        }
        String job = execution.getJobInstance().getJobName();
        String workspace = execution.getJobParameters().getString(RunLauncher.WORKSPACE);
        if (workspace == null) {
            return;
        }
        Optional<RunLocks.Held> lock = locks.tryAcquire(workspace, RunLauncher.lockName(job));
        if (lock.isEmpty()) {
            if (!liveness.alive()) {
                log.debug("Run {} of {} for workspace {}: its owner {} last checked in {} s ago, but its run lock is held: "
                        + "alive", id, job, workspace, liveness.owner(), Math.round(liveness.ageSeconds()));
            }
            return;
        }
        try (RunLocks.Held held = lock.get()) {
            JobExecution current = repository.getJobExecution(id);
            if (!current.getStatus().isRunning()) {
                return;
            }
            BatchStatus leftAs = current.getStatus();
            operator.recover(current);
            owners.recovered(id, liveness.owner());
            log.warn("Run {} of {} for workspace {} was left {} by a process that died ({}, last seen {} s ago); recovered "
                    + "as FAILED, resumable from its last committed chunk", id, job, workspace, leftAs,
                    liveness.owner() == null ? "owner unknown" : liveness.owner(), Math.round(liveness.ageSeconds()));
        }
        if (!TAKEN_OVER.contains(job)) {
            owners.forget(id);
        }
    }

    private void takeOver(RunOwners.Owner left) {
        long id = left.executionId();
        JobExecution execution = runs.execution(id).orElse(null);
        if (execution == null) {
            owners.forget(id);
            return;
        }
        String job = execution.getJobInstance().getJobName();
        if (!TAKEN_OVER.contains(job) || !(execution.getStatus() == BatchStatus.FAILED
                || execution.getStatus() == BatchStatus.STOPPED)) {
            if (!execution.getStatus().isRunning()) {
                // ended some other way (resumed by a covering run, abandoned): nothing left to take over
                owners.forget(id);
            }
            return;
        }
        if (!owners.claim(id, left.state())) {
            return;
        }
        String workspace = execution.getJobParameters().getString(RunLauncher.WORKSPACE);
        try {
            JobExecution resumed = runs.restart(id);
            owners.forget(id);
            log.info("Taking over run {} of {} for workspace {}, {} by {}: resumed from its last committed chunk as run {}",
                    id, job, workspace, RunOwners.HANDED_OVER.equals(left.state()) ? "stopped by the shutdown of" : "left by the dead",
                    left.instance(), resumed.getId());
        } catch (RunInProgressException busy) {
            // its own process is still letting go of the lock, or another run of the job holds it: the next look tries again
            owners.unclaim(id, left.state());
        } catch (IllegalStateException stale) {
            if (stopping) {
                // this process is stopping: another instance takes it over
                owners.unclaim(id, left.state());
                return;
            }
            // a newer run of the job and workspace followed it (it resumed or replaced it)
            owners.forget(id);
            log.info("Run {} of {} for workspace {} is not taken over: {}", id, job, workspace, stale.getMessage());
        } catch (Exception failed) {
            owners.unclaim(id, left.state());
            log.warn("Run {} of {} for workspace {} could not be taken over (tried again in {} s): {}", id, job, workspace,
                    owners.properties().heartbeatInterval().toSeconds(), Failures.rootMessage(failed));
        }
    }

    @Override
    public void destroy() {
        watch.shutdownNow();
    }
}
