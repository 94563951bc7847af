package io.spotdraftsync.reliability;

import static io.spotdraftsync.export.ExportEndToEndTest.assertWarehouseEqualsSandbox;
import static io.spotdraftsync.export.ExportEndToEndTest.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.spotdraftsync.export.ExportRunner;
import io.spotdraftsync.jobs.Failures;
import io.spotdraftsync.jobs.RunProgressRegistry;
import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;
import io.spotdraftsync.testsupport.ExportHarness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The job repository (PostgreSQL) goes away in the middle of an export: the run fails with a message that
 * says so, and once the database is back, the next run resumes without loss.
 */
class JobRepositoryOutageTest {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    @Test
    void aRunWhoseJobRepositoryGoesAwayFailsClearlyAndTheNextResumes(@TempDir Path work) throws Exception {
        String database = "jobs_outage_" + Long.toHexString(System.nanoTime());
        admin("CREATE DATABASE " + database);
        try (SpotDraftSandbox sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(600).seed(71)
                .requestsPerSecond(0).documentMinBytes(2_048).documentMaxBytes(8_192).build())) {
            ExportHarness sync = ExportHarness.against(sandbox, work)
                    .with("spring.datasource.url", SERVER + database)
                    .with("spring.datasource.username", "postgres")
                    .with("spring.datasource.hikari.connection-timeout", "2000")
                    .with("spotdraft.requests-per-second", 300);

            Throwable failure = null;
            try (ConfigurableApplicationContext context = sync.start()) {
                RunProgressRegistry progress = context.getBean(RunProgressRegistry.class);
                ExecutorService background = Executors.newSingleThreadExecutor();
                try {
                    Future<ExportRunner.Outcome> run = background.submit(() -> context.getBean(ExportRunner.class).run(null, false, "test"));
                    await().atMost(Duration.ofSeconds(120)).until(() -> progress.current("export", "acme")
                            .map(live -> live.snapshot().done() >= 200).orElse(false));
                    admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
                    admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
                    try {
                        ExportRunner.Outcome outcome = run.get();
                        failure = outcome.execution().getAllFailureExceptions().stream().findFirst().orElse(null);
                        assertThat(outcome.completed()).isFalse();
                    } catch (java.util.concurrent.ExecutionException failed) {
                        failure = failed.getCause();
                    }
                } finally {
                    background.shutdownNow();
                }
            }
            assertThat(failure).isNotNull();
            assertThat(Failures.rootMessage(failure)).as("what the user is told").contains(database);
            long committed = count(work, "SELECT count(*) FROM contracts");
            assertThat(committed).isBetween(200L, 599L);

            admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
            ExportRunner.Outcome resumed = sync.run(false);

            assertThat(resumed.completed()).isTrue();
            assertThat(resumed.run().mode()).as("the interrupted full run is resumed, not replaced").isEqualTo("full");
            assertWarehouseEqualsSandbox(work, sandbox);
            assertThat(count(work, "SELECT count(*) FROM contracts")).isEqualTo(600);
        } finally {
            admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
            admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
            admin("DROP DATABASE IF EXISTS " + database);
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
