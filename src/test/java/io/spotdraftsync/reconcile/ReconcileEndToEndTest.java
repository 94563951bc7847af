package io.spotdraftsync.reconcile;

import static io.spotdraftsync.export.ExportEndToEndTest.assertWarehouseEqualsSandbox;
import static io.spotdraftsync.export.ExportEndToEndTest.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.spotdraftsync.export.ExportRunner;
import io.spotdraftsync.sandbox.SandboxContract;
import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;
import io.spotdraftsync.testsupport.ExportHarness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;

/** Reconciliation end to end: the sandbox (webhooks off), DuckDB, a directory of documents. */
class ReconcileEndToEndTest {

    private static SpotDraftSandbox sandbox(int contracts, long seed) {
        return SpotDraftSandbox.start(SandboxSettings.builder().contracts(contracts).seed(seed).requestsPerSecond(0)
                .documentMinBytes(2_048).documentMaxBytes(8_192).build());
    }

    @Test
    void afterChangesDuringIncrementalExportsOneReconcileMakesTheWarehouseEqualTheSandbox(@TempDir Path work) throws Exception {
        try (SpotDraftSandbox sandbox = sandbox(600, 41)) {
            // no overlap: everything here happens within seconds, and a second reconcile must find nothing new
            ExportHarness sync = ExportHarness.against(sandbox, work).with("sync.export.concurrency", 4)
                    .with("sync.export.overlap", "0s");
            assertThat(sync.run(false).completed()).isTrue();

            // creations, edits, status changes, new versions and deletions while incremental exports read pages
            AtomicBoolean changing = new AtomicBoolean(true);
            AtomicInteger mutations = new AtomicInteger();
            ExecutorService background = Executors.newSingleThreadExecutor();
            Future<?> mutator = background.submit(() -> {
                while (changing.get() && mutations.get() < 400) {
                    sandbox.mutate(1);
                    mutations.incrementAndGet();
                }
            });
            ExportRunner.Outcome during = sync.run(false);
            ExportRunner.Outcome alsoDuring = sync.run(false);
            changing.set(false);
            mutator.get();
            background.shutdown();
            sandbox.mutate(40);
            String advanced = sandbox.contracts().stream()
                    .filter(contract -> !contract.deleted() && contract.status().name().equals("DRAFT"))
                    .findFirst().orElseThrow().compositeId();
            sandbox.advanceStatus(advanced);
            assertThat(during.completed()).isTrue();
            assertThat(alsoDuring.completed()).isTrue();

            long deletedInSandbox = sandbox.contracts().stream().filter(SandboxContract::deleted).count();
            ReconcileRunner.Outcome reconcile = sync.reconcile(false, false);

            assertThat(reconcile.completed()).isTrue();
            assertWarehouseEqualsSandbox(work, sandbox);
            assertThat(count(work, "SELECT count(*) FROM contracts WHERE _deleted")).isEqualTo(deletedInSandbox);
            assertThat(count(work, "SELECT count(*) FROM contracts WHERE NOT _deleted"))
                    .isEqualTo(sandbox.contracts().size() - deletedInSandbox);
            assertThat(count(work, "SELECT count(*) FROM reconcile_findings WHERE run_id = '" + reconcile.run().runId() + "'"))
                    .isEqualTo(reconcile.summary().findings().values().stream().mapToInt(Integer::intValue).sum());
            assertThat(reconcile.summary().findings()).containsKey(Finding.DELETED);
            assertThat(count(work, "SELECT count(*) FROM contract_status_history WHERE source = 'reconcile' AND contract_id = '"
                    + advanced + "' AND from_status = 'DRAFT'")).isEqualTo(1);

            long listed = reconcile.summary().listed();
            long repairs = reconcile.summary().repaired();
            long unlisted = reconcile.summary().findings().getOrDefault(Finding.DELETED, 0)
                    + reconcile.summary().findings().getOrDefault(Finding.LISTING_MISS, 0);
            assertThat(reconcile.summary().confirmationCalls()).as("the unlisted rows looked up by id, 100 a call")
                    .isEqualTo((unlisted + 99) / 100);
            // a contract export costs at most 3 calls plus its share of a list page: the changed-since listing
            assertThat(reconcile.summary().apiCalls()).as("ceil(N/100) + ceil(K/100) + R x (calls per contract export)")
                    .isLessThanOrEqualTo((listed + 99) / 100 + (unlisted + 99) / 100 + (repairs + 99) / 100 + repairs * 3);

            ReconcileRunner.Outcome again = sync.reconcile(false, false);
            assertThat(again.summary().findings()).as("a second reconcile finds nothing").isEmpty();
            // the full list, and one page saying nothing changed since the first reconcile
            assertThat(again.summary().apiCalls()).isEqualTo((again.summary().listed() + 99) / 100 + 1);
        }
    }

    @Test
    void theMassDeleteGuardTripsWhenTheListComesBackEmpty(@TempDir Path work) throws Exception {
        try (SpotDraftSandbox sandbox = sandbox(150, 42)) {
            ExportHarness sync = ExportHarness.against(sandbox, work);
            assertThat(sync.run(false).completed()).isTrue();

            sandbox.setListingSuppressed(true);
            ReconcileRunner.Outcome refused = sync.reconcile(false, false);

            assertThat(refused.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(refused.execution().getAllFailureExceptions()).anySatisfy(failure -> assertThat(rootOf(failure))
                    .hasMessageContaining("SpotDraft listed no contract at all")
                    .hasMessageContaining("--allow-mass-delete"));
            assertThat(count(work, "SELECT count(*) FROM contracts WHERE _deleted")).isZero();
            assertThat(count(work, "SELECT count(*) FROM reconcile_findings WHERE finding = 'deleted'")).isEqualTo(150);
            assertThat(count(work, "SELECT count(*) FROM sync_runs WHERE job = 'reconcile' AND outcome = 'FAILED'")).isEqualTo(1);

            ReconcileRunner.Outcome forced = sync.reconcile(false, true);
            assertThat(forced.completed()).isTrue();
            assertThat(count(work, "SELECT count(*) FROM contracts WHERE _deleted")).isEqualTo(150);
        }
    }

    @Test
    void aDeletedContractThatComesBackIsRestored(@TempDir Path work) throws Exception {
        try (SpotDraftSandbox sandbox = sandbox(120, 43)) {
            ExportHarness sync = ExportHarness.against(sandbox, work);
            assertThat(sync.run(false).completed()).isTrue();
            String id = sandbox.contracts().get(7).compositeId();

            sandbox.deleteContract(id);
            ReconcileRunner.Outcome deleted = sync.reconcile(false, false);
            assertThat(deleted.summary().findings()).containsEntry(Finding.DELETED, 1);
            assertThat(count(work, "SELECT count(*) FROM contracts WHERE _deleted AND contract_id = '" + id + "'")).isEqualTo(1);

            sandbox.restoreContract(id);
            ReconcileRunner.Outcome restored = sync.reconcile(false, false);

            assertThat(restored.summary().findings()).containsEntry(Finding.RESTORED, 1);
            assertThat(count(work, "SELECT count(*) FROM contracts WHERE NOT _deleted AND _deleted_at IS NULL AND contract_id = '"
                    + id + "'")).isEqualTo(1);
            assertWarehouseEqualsSandbox(work, sandbox);
        }
    }

    @Test
    void aNewDocumentVersionIsCaughtAsAChangeAndALostOneOnlyByADeepReconcile(@TempDir Path work) throws Exception {
        try (SpotDraftSandbox sandbox = sandbox(80, 44)) {
            ExportHarness sync = ExportHarness.against(sandbox, work).with("sync.export.overlap", "0s");
            assertThat(sync.run(false).completed()).isTrue();
            String uploaded = sandbox.contracts().get(3).compositeId();
            sandbox.uploadNewVersion(uploaded);

            ReconcileRunner.Outcome quick = sync.reconcile(false, false);

            assertThat(quick.summary().findings()).as("changed since the last sync").containsEntry(Finding.STALE, 1);
            assertThat(quick.summary().documentsWritten()).isEqualTo(1);
            assertWarehouseEqualsSandbox(work, sandbox);

            // a document update the warehouse lost longer ago than any watermark: the list cannot show it
            String lost = sandbox.contracts().get(5).compositeId();
            try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + work.resolve("warehouse.duckdb").toAbsolutePath());
                    Statement statement = connection.createStatement()) {
                statement.executeUpdate("UPDATE contracts SET document_version_id = '0' WHERE contract_id = '" + lost + "'");
            }
            ReconcileRunner.Outcome stillQuick = sync.reconcile(false, false);
            ReconcileRunner.Outcome deep = sync.reconcile(true, false);

            assertThat(stillQuick.summary().findings()).isEmpty();
            assertThat(deep.summary().findings()).containsExactly(java.util.Map.entry(Finding.DOCUMENT_STALE, 1));
            assertWarehouseEqualsSandbox(work, sandbox);
        }
    }

    private static Throwable rootOf(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

}
