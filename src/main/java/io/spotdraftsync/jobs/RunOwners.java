package io.spotdraftsync.jobs;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which process owns each running execution ({@code sync_run_owners}): a row written when a run of this process begins,
 * its {@code last_seen} moved every {@code sync.jobs.heartbeat-interval} while the run goes on, and removed when it ends.
 * Another process tells a live run from one left running by a dead process by that check-in: one older than
 * {@code sync.jobs.owner-timeout} means the owner is gone or cut off. Times are the database's, so the pods' clocks
 * need not agree.
 */
public class RunOwners implements ApplicationListener<ContextClosedEvent>, Ordered, DisposableBean {

    /** A run stopped by its process's shutdown, for a {@code serve} instance still up to resume. */
    public static final String HANDED_OVER = "HANDED_OVER";
    /** A run left running by a dead process, recovered (marked FAILED) by another instance. */
    public static final String RECOVERED = "RECOVERED";
    /** Claimed by an instance that is resuming it. */
    static final String TAKING_OVER = "TAKING_OVER";

    private static final Logger log = LoggerFactory.getLogger(RunOwners.class);

    private final JdbcTemplate jdbc;
    private final JobsProperties properties;
    private final String instance;
    private final Set<Long> owned = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "run-owner-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean handOverOnStop;
    private volatile boolean stopping;

    public RunOwners(DataSource dataSource, JobsProperties properties, String instance) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.properties = properties;
        this.instance = instance;
        long every = properties.heartbeatInterval().toMillis();
        heartbeat.scheduleWithFixedDelay(this::checkIn, every, every, TimeUnit.MILLISECONDS);
    }

    /** This process as {@code sync_run_owners} names it: host (a pod's name), process id and start time. */
    public static String thisInstance() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException unknown) {
                host = "unknown-host";
            }
        }
        Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        return host + "/" + ProcessHandle.current().pid() + "@" + started.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    public String instance() {
        return instance;
    }

    public JobsProperties properties() {
        return properties;
    }

    /**
     * From now on, a run that this process's shutdown stops is left {@link #HANDED_OVER} for another instance to resume
     * ({@code serve}; a CLI command's run waits for the user's next command).
     */
    public void handOverOnStop() {
        handOverOnStop = true;
    }

    /** A run of this process began. */
    void began(JobExecution execution) {
        owned.add(execution.getId());
        try {
            if (jdbc.update("UPDATE sync_run_owners SET instance = ?, started_at = CURRENT_TIMESTAMP, "
                    + "last_seen = CURRENT_TIMESTAMP, state = NULL WHERE job_execution_id = ?", instance, execution.getId()) == 0) {
                jdbc.update("INSERT INTO sync_run_owners (job_execution_id, instance, started_at, last_seen) "
                        + "VALUES (?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", execution.getId(), instance);
            }
        } catch (RuntimeException failure) {
            // the run goes on; other instances see it by its run lock and its age until the next check-in
            log.warn("Could not record run {} as owned by {}: {}", execution.getId(), instance, Failures.rootMessage(failure));
        }
    }

    /** A run of this process ended (or stopped). */
    void ended(JobExecution execution) {
        owned.remove(execution.getId());
        try {
            if (stopping && handOverOnStop && execution.getStatus() == BatchStatus.STOPPED) {
                jdbc.update("UPDATE sync_run_owners SET state = ?, last_seen = CURRENT_TIMESTAMP WHERE job_execution_id = ?",
                        HANDED_OVER, execution.getId());
            } else {
                jdbc.update("DELETE FROM sync_run_owners WHERE job_execution_id = ?", execution.getId());
            }
        } catch (RuntimeException failure) {
            log.warn("Could not record the end of run {}: {}", execution.getId(), Failures.rootMessage(failure));
        }
    }

    /** Moves {@code last_seen} of every run this process owns. */
    void checkIn() {
        if (owned.isEmpty()) {
            return;
        }
        try {
            jdbc.update("UPDATE sync_run_owners SET last_seen = CURRENT_TIMESTAMP WHERE instance = ? AND state IS NULL", instance);
        } catch (RuntimeException failure) {
            log.warn("Could not check in for {} run(s) of {}: {}", owned.size(), instance, Failures.rootMessage(failure));
        }
    }

    /** Whether this process is running the execution. */
    public boolean ownsHere(long executionId) {
        return owned.contains(executionId);
    }

    /**
     * @param state      null while its owner runs it; {@link #HANDED_OVER}, {@link #RECOVERED} or {@code TAKING_OVER}
     * @param ageSeconds seconds since {@code lastSeen}, by the database's clock
     */
    public record Owner(long executionId, String instance, Instant startedAt, Instant lastSeen, String state, double ageSeconds) {
    }

    public Optional<Owner> owner(long executionId) {
        return jdbc.query("SELECT job_execution_id, instance, started_at, last_seen, state, CURRENT_TIMESTAMP FROM sync_run_owners "
                + "WHERE job_execution_id = ?", (row, index) -> owner(row), executionId).stream().findFirst();
    }

    /** Rows left for another instance to act on: {@link #HANDED_OVER} and {@link #RECOVERED} runs. */
    List<Owner> awaitingTakeOver() {
        return jdbc.query("SELECT job_execution_id, instance, started_at, last_seen, state, CURRENT_TIMESTAMP FROM sync_run_owners "
                + "WHERE state IN (?, ?) ORDER BY job_execution_id", (row, index) -> owner(row), HANDED_OVER, RECOVERED);
    }

    private static Owner owner(java.sql.ResultSet row) throws java.sql.SQLException {
        Instant lastSeen = row.getObject(4, OffsetDateTime.class).toInstant();
        Instant now = row.getObject(6, OffsetDateTime.class).toInstant();
        return new Owner(row.getLong(1), row.getString(2), row.getObject(3, OffsetDateTime.class).toInstant(), lastSeen,
                row.getString(5), Math.max(0, Duration.between(lastSeen, now).toMillis() / 1000.0));
    }

    /** Marks a run its owner left running as recovered by this instance. */
    void recovered(long executionId, String previousInstance) {
        if (jdbc.update("UPDATE sync_run_owners SET state = ? WHERE job_execution_id = ?", RECOVERED, executionId) == 0) {
            jdbc.update("INSERT INTO sync_run_owners (job_execution_id, instance, started_at, last_seen, state) "
                    + "VALUES (?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, ?)", executionId,
                    previousInstance == null ? "unknown" : previousInstance, RECOVERED);
        }
    }

    /** Claims a run left for another instance; true for the one instance that gets it. */
    boolean claim(long executionId, String state) {
        return jdbc.update("UPDATE sync_run_owners SET state = ? WHERE job_execution_id = ? AND state = ?", TAKING_OVER,
                executionId, state) == 1;
    }

    /** Gives a claimed run back (it could not be resumed now: the next look tries again). */
    void unclaim(long executionId, String state) {
        jdbc.update("UPDATE sync_run_owners SET state = ? WHERE job_execution_id = ? AND state = ?", state, executionId, TAKING_OVER);
    }

    void forget(long executionId) {
        jdbc.update("DELETE FROM sync_run_owners WHERE job_execution_id = ?", executionId);
    }

    /**
     * Whether a run the job repository has as running is alive: run by this process, or its owner checked in within
     * {@code sync.jobs.owner-timeout}; without an owner row (a run that is just beginning), whether it was created within
     * that time. {@link Liveness#owner} and {@link Liveness#lastSeen} say who and when, for the status page.
     */
    public Liveness liveness(JobExecution execution) {
        if (ownsHere(execution.getId())) {
            return new Liveness(true, instance, Instant.now(), 0);
        }
        Optional<Owner> owner = owner(execution.getId());
        double timeout = properties.ownerTimeout().toMillis() / 1000.0;
        if (owner.isPresent()) {
            Owner found = owner.get();
            return new Liveness(found.state() == null && found.ageSeconds() <= timeout, found.instance(), found.lastSeen(),
                    found.ageSeconds());
        }
        java.time.LocalDateTime created = execution.getCreateTime() != null ? execution.getCreateTime() : execution.getStartTime();
        Instant since = created == null ? Instant.now() : created.atZone(ZoneId.systemDefault()).toInstant();
        double age = Math.max(0, Duration.between(since, Instant.now()).toMillis() / 1000.0);
        return new Liveness(age <= timeout, null, null, age);
    }

    /**
     * @param owner      the owning instance; null when unknown (no row)
     * @param lastSeen   its last check-in; null when unknown
     * @param ageSeconds seconds since then (or since the run was created, without a row)
     */
    public record Liveness(boolean alive, String owner, Instant lastSeen, double ageSeconds) {
    }

    /** Before {@link GracefulStop} stops this process's runs, so that {@link #ended} knows why they stop. */
    @Override
    public void onApplicationEvent(ContextClosedEvent closed) {
        stopping = true;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void destroy() {
        heartbeat.shutdownNow();
    }
}
