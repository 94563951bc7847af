package io.spotdraftsync.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.spotdraftsync.jobs.RunLauncher;
import io.spotdraftsync.jobs.RunLocks;
import io.spotdraftsync.testsupport.PostgresScratchSchema;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;

/**
 * {@code serve} on PostgreSQL beside another pod, played by the test: a run of that pod (an execution STARTED in the
 * shared job repository, its owner row in {@code sync_run_owners}, its run lock held by a connection of the test's) is
 * left alone while its owner checks in, even once its lock is free; once the owner stops checking in it shows
 * INTERRUPTED with the owner and its last check-in, and once its lock is free too serve recovers it and resumes it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadRunRecoveryTest {

    private static final String TOKEN = "dead-run-recovery-test-token-0123456789";
    private static final String OTHER_POD = "sync-other-pod/4242@2026-12-04T18:00:00Z";
    private static final Duration OWNER_TIMEOUT = Duration.ofMillis(1_500);
    /** What a condition that must hold for a while is given on a busy machine. */
    private static final Duration SLACK = Duration.ofSeconds(40);

    private PostgresScratchSchema schema;
    private Path work;
    private ConfigurableApplicationContext serve;
    private AdminHttp api;
    private RunLocks otherPodsLocks;
    private final ScheduledExecutorService otherPod = Executors.newSingleThreadScheduledExecutor();
    private final java.util.List<RunLocks.Held> heldLocks = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    void startServe() throws Exception {
        schema = PostgresScratchSchema.create("deadrun");
        work = Files.createTempDirectory("dead-run-recovery-test");
        serve = ServeContext.in(work)
                .with("spring.datasource.url", schema.url())
                .with("spring.datasource.username", PostgresScratchSchema.USER)
                .with("sync.schedule.directory", Files.createDirectories(work.resolve("schedules")))
                .with("sync.admin.token", TOKEN)
                .with("sync.embedded-sandbox.contracts", 20)
                .with("sync.jobs.heartbeat-interval", "250ms")
                .with("sync.jobs.owner-timeout", OWNER_TIMEOUT.toMillis() + "ms")
                .start();
        api = new AdminHttp(ServeContext.port(serve), TOKEN);
        PGSimpleDataSource otherPodsConnections = new PGSimpleDataSource();
        otherPodsConnections.setUrl(schema.url());
        otherPodsConnections.setUser(PostgresScratchSchema.USER);
        otherPodsLocks = new RunLocks(otherPodsConnections);
    }

    @AfterAll
    void stopServe() throws Exception {
        otherPod.shutdownNow();
        // a lock left held by a failed assertion would keep the schema from being dropped
        heldLocks.forEach(RunLocks.Held::close);
        try {
            ServeContext.closeAndDelete(serve, work);
        } finally {
            schema.close();
        }
    }

    @Test
    void aRunWhoseOwnerChecksInIsNeverRecoveredThenOnceItsOwnerIsSilentAndItsLockFreeItIsShownInterruptedRecoveredAndResumed()
            throws Exception {
        JobExecution othersRun = startedByTheOtherPod();
        long id = othersRun.getId();
        RunLocks.Held lock = held(otherPodsLocks.acquire("sandbox", "export"));
        var checkIns = otherPod.scheduleWithFixedDelay(() -> checkIn(id), 0, 250, TimeUnit.MILLISECONDS);

        // the owner checks in: running, with its owner, over several owner timeouts of serve's watch
        await("the other pod's run left alone while its owner checks in").during(OWNER_TIMEOUT.multipliedBy(2))
                .atMost(SLACK).pollInterval(Duration.ofMillis(250))
                .until(() -> status(id).equals("STARTED") && run(id).path("owner").asString().equals(OTHER_POD));
        // its lock free (say, a connection pool's hiccup), but its owner still checks in: alive
        lock.close();
        await("a free lock alone does not make a checked-in run dead").during(OWNER_TIMEOUT.multipliedBy(2))
                .atMost(SLACK).pollInterval(Duration.ofMillis(250)).until(() -> status(id).equals("STARTED"));
        assertThat(runningIds()).contains(id);

        // the owner stops checking in, its lock held again (its connections linger): interrupted, not recovered
        lock = held(otherPodsLocks.acquire("sandbox", "export"));
        checkIns.cancel(false);
        JsonNode interrupted = await("shown INTERRUPTED once its owner missed its check-ins").atMost(Duration.ofSeconds(20))
                .until(() -> run(id), view -> view.path("status").asString().equals(RunViews.INTERRUPTED));
        System.out.println("the silent owner's run as /api/runs shows it: " + interrupted);
        assertThat(interrupted.path("owner").asString()).isEqualTo(OTHER_POD);
        assertThat(interrupted.path("ownerLastSeen").isNull()).isFalse();
        assertThat(runningIds()).as("the status page's running runs").doesNotContain(id);
        await("still not recovered while its lock is held").during(OWNER_TIMEOUT).atMost(SLACK)
                .until(() -> repository().getJobExecution(id).getStatus() == BatchStatus.STARTED);

        // its lock free too: the owner is gone; serve recovers the run and, an export, resumes it
        long freedAt = System.nanoTime();
        lock.close();
        await("recovered").atMost(Duration.ofSeconds(20))
                .until(() -> repository().getJobExecution(id).getStatus() == BatchStatus.FAILED);
        double recoveredAfter = (System.nanoTime() - freedAt) / 1e9;
        JobExecution resumed = await("resumed by serve to the end").atMost(Duration.ofSeconds(60))
                .until(() -> repository().getLastJobExecution(othersRun.getJobInstance()),
                        last -> last.getId() > id && last.getStatus() == BatchStatus.COMPLETED);
        System.out.printf("recovered %.1f s after its lock was freed; resumed as run %d, completed %.1f s after%n",
                recoveredAfter, resumed.getId(), (System.nanoTime() - freedAt) / 1e9);
        assertThat(repository().getJobExecutions(othersRun.getJobInstance())).as("the dead run and its resumption")
                .hasSize(2);
        assertThat(runningIds()).isEmpty();
        assertThat(api.get("/api/runs").json().path("runs").valueStream().map(run -> run.path("status").asString()))
                .doesNotContain("STARTED", "STARTING", "STOPPING", RunViews.INTERRUPTED).contains("FAILED", "COMPLETED");
        assertThat(schema.strings("SELECT job_execution_id FROM sync_run_owners")).as("owner rows left").isEmpty();
    }

    /** An export run as the other pod would have begun it: in the shared repository, STARTED, with its owner row. */
    private JobExecution startedByTheOtherPod() throws Exception {
        JobParameters parameters = new JobParametersBuilder()
                .addString(RunLauncher.WORKSPACE, "sandbox")
                .addString(RunLauncher.MODE, "full")
                .addString(RunLauncher.RUN_ID, "export-sandbox-other-pod")
                .addString(RunLauncher.TRIGGER, "schedule", false)
                .toJobParameters();
        JobInstance instance = repository().createJobInstance("export", parameters);
        JobExecution execution = repository().createJobExecution(instance, parameters, new ExecutionContext());
        execution.setStartTime(LocalDateTime.now());
        execution.setStatus(BatchStatus.STARTED);
        repository().update(execution);
        schema.execute("INSERT INTO sync_run_owners (job_execution_id, instance, started_at, last_seen) VALUES ("
                + execution.getId() + ", '" + OTHER_POD + "', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        return execution;
    }

    private RunLocks.Held held(RunLocks.Held lock) {
        heldLocks.add(lock);
        return lock;
    }

    private void checkIn(long id) {
        try {
            schema.execute("UPDATE sync_run_owners SET last_seen = CURRENT_TIMESTAMP WHERE job_execution_id = " + id);
        } catch (java.sql.SQLException failure) {
            throw new IllegalStateException(failure);
        }
    }

    private JobRepository repository() {
        return serve.getBean(JobRepository.class);
    }

    private JsonNode run(long id) {
        AdminHttp.Response response = api.get("/api/runs/" + id);
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        return response.json();
    }

    private String status(long id) {
        return run(id).path("status").asString();
    }

    /** The runs the status page lists as running. */
    private java.util.List<Long> runningIds() {
        AdminHttp.Response response = api.get(StatusController.PATH);
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        return response.json().path("running").valueStream().map(run -> run.path("id").asLong()).toList();
    }
}
