package io.spotdraftsync.spotdraft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.spotdraftsync.export.ExportRunner;
import io.spotdraftsync.reconcile.ReconcileRunner;
import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;
import io.spotdraftsync.testsupport.ExportHarness;
import io.spotdraftsync.testsupport.PostgresScratchSchema;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two application instances (two Spring contexts, each with its own client, budget object and connection pools) work
 * on the same workspace at the same time through a budget kept in PostgreSQL: one exports it, the other reconciles
 * it (two exports of one workspace never run at once: the run lock). SpotDraft (the sandbox) allows 10 requests/s
 * and counts every arrival.
 */
class SharedBudgetTwoInstancesTest {

    private PostgresScratchSchema schema;

    @BeforeEach
    void createSchema() throws SQLException {
        schema = PostgresScratchSchema.create("budget2");
    }

    @AfterEach
    void dropSchemas() throws SQLException {
        schema.close();
        PostgresScratchSchema.drop(schema.name() + "_wh");
    }

    @Test
    void anExportAndAReconcileOfOneWorkspaceShareItsTenRequestsPerSecond(@TempDir Path work) throws Exception {
        try (SpotDraftSandbox sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(40).seed(41)
                .requestsPerSecond(10).build())) {
            ExportHarness exporter = instance(sandbox, work.resolve("a"));
            ExportHarness reconciler = instance(sandbox, work.resolve("b"));
            ExecutorService both = Executors.newFixedThreadPool(2);
            try (ConfigurableApplicationContext a = exporter.start(); ConfigurableApplicationContext b = reconciler.start()) {
                sandbox.resetStats();
                CountDownLatch go = new CountDownLatch(1);
                long started = System.nanoTime();
                Future<ExportRunner.Outcome> export = both.submit(() -> {
                    go.await();
                    return a.getBean(ExportRunner.class).run(null, true, "test");
                });
                Future<ReconcileRunner.Outcome> reconcile = both.submit(() -> {
                    go.await();
                    return b.getBean(ReconcileRunner.class).run(null, true, false, "test");
                });
                go.countDown();
                assertThat(export.get(5, TimeUnit.MINUTES).completed()).isTrue();
                assertThat(reconcile.get(5, TimeUnit.MINUTES).completed()).isTrue();
                double seconds = (System.nanoTime() - started) / 1e9;

                var stats = sandbox.stats();
                double perSecond = stats.requestsServed() / seconds;
                System.out.printf(Locale.ROOT, "two instances, one workspace budget in PostgreSQL: %d requests in %.1f s = %.2f/s, "
                        + "busiest one-second window %d, 429s %d%n", stats.requestsServed(), seconds, perSecond,
                        stats.maxRequestsInAnyOneSecondWindow(), stats.tooManyRequestsSent());
                assertThat(stats.maxRequestsInAnyOneSecondWindow()).as("busiest one-second window, %s", stats).isLessThanOrEqualTo(10);
                assertThat(stats.tooManyRequestsSent()).as("429 answers").isZero();
                assertThat(stats.requestsServed()).as("requests of both instances").isGreaterThan(100);
                assertThat(perSecond).as("requests/s together: %d in %.1f s", stats.requestsServed(), seconds)
                        .isGreaterThanOrEqualTo(9.0);
            } finally {
                both.shutdownNow();
            }
        }
    }

    /** One instance: the job repository, the budget and the warehouse in the test's PostgreSQL schemas. */
    private ExportHarness instance(SpotDraftSandbox sandbox, Path work) {
        return ExportHarness.against(sandbox, work)
                .with("spotdraft.requests-per-second", 10)
                .with("spotdraft.rate-limit.store", "postgres")
                .with("spring.datasource.url", schema.url())
                .with("spring.datasource.username", PostgresScratchSchema.USER)
                .with("sync.warehouse.url", PostgresScratchSchema.SERVER)
                .with("sync.warehouse.username", PostgresScratchSchema.USER)
                .with("sync.warehouse.schema", schema.name() + "_wh");
    }
}
