package io.spotdraftsync.export;

import static io.spotdraftsync.export.ExportEndToEndTest.assertWarehouseEqualsSandbox;
import static io.spotdraftsync.export.ExportEndToEndTest.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;
import io.spotdraftsync.testsupport.ExportHarness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;

/**
 * A contract whose details always fail does not fail the export: the run skips it, records it in sync_run_skips and
 * completes; the next incremental run tries it again although it did not change, until it loads. More failures than
 * the skip limit still fail the run, saying so.
 */
class ExportSkipsTest {

    private static final String KEY_POINTERS = "/api/v2.1/public/contracts/%s/key_pointers";

    private static SpotDraftSandbox sandbox(int contracts, long seed) {
        return SpotDraftSandbox.start(SandboxSettings.builder().contracts(contracts).seed(seed).requestsPerSecond(0).build());
    }

    @Test
    void anExportWithAContractThatAlwaysFailsCompletesRecordsTheSkipAndTheNextRunRetriesIt(@TempDir Path work) throws Exception {
        try (SpotDraftSandbox sandbox = sandbox(150, 41)) {
            String failing = sandbox.contracts().get(120).compositeId();
            sandbox.failPathAlways(KEY_POINTERS.formatted(failing), 500);
            // two attempts per call: the client's retries are not what this test is about
            ExportHarness export = ExportHarness.against(sandbox, work).with("spotdraft.retry.max-attempts", 2);

            ExportRunner.Outcome full = export.run(true);
            assertThat(full.completed()).as("the run completes without the failing contract").isTrue();
            assertThat(full.summary().failedContracts()).containsOnlyKeys(failing);
            assertThat(full.summary().failedContracts().get(failing)).contains("key_pointers").contains("500");
            assertThat(full.summary().contractsRead()).isEqualTo(149);
            assertThat(count(work, "SELECT count(*) FROM contracts")).isEqualTo(149);
            assertThat(skips(work)).containsExactly(full.run().runId() + " " + failing);
            assertThat(count(work, "SELECT count(*) FROM sync_runs WHERE outcome = 'COMPLETED' AND message LIKE '1 contract(s) skipped%'"))
                    .isEqualTo(1);

            // nothing changed in SpotDraft: the incremental window alone would never bring the contract back
            long faultsBefore = sandbox.stats().faultsInjected();
            ExportRunner.Outcome stillFailing = export.run(false);
            assertThat(stillFailing.completed()).isTrue();
            assertThat(stillFailing.run().mode()).isEqualTo("incremental");
            assertThat(sandbox.stats().faultsInjected() - faultsBefore).as("its key pointers asked again").isEqualTo(2);
            assertThat(stillFailing.summary().failedContracts()).containsOnlyKeys(failing);
            assertThat(skips(work)).containsExactly(full.run().runId() + " " + failing, stillFailing.run().runId() + " " + failing);

            sandbox.clearPathFaults();
            ExportRunner.Outcome recovered = export.run(false);
            assertThat(recovered.completed()).isTrue();
            assertThat(recovered.summary().failedContracts()).isEmpty();
            assertThat(recovered.summary().contractsRead()).as("the retried contract").isEqualTo(1);
            assertThat(count(work, "SELECT count(*) FROM contracts")).isEqualTo(150);
            assertWarehouseEqualsSandbox(work, sandbox);
            assertThat(skips(work)).as("no new skip").hasSize(2);
            System.out.printf("export skips: run 1 skipped %s (%s), run 2 retried it (%d key pointer calls, skipped again),"
                    + " run 3 loaded it: %d contracts%n", failing, full.summary().failedContracts().get(failing),
                    2, count(work, "SELECT count(*) FROM contracts"));
        }
    }

    @Test
    void moreFailingContractsThanTheSkipLimitFailTheRunNamingTheLimit(@TempDir Path work) throws Exception {
        try (SpotDraftSandbox sandbox = sandbox(40, 42)) {
            for (int index : new int[] {3, 13, 23}) {
                sandbox.failPathAlways(KEY_POINTERS.formatted(sandbox.contracts().get(index).compositeId()), 500);
            }
            ExportRunner.Outcome outcome = ExportHarness.against(sandbox, work).with("spotdraft.retry.max-attempts", 1)
                    .with("sync.export.skip-limit", 2).run(true);
            assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(count(work, "SELECT count(*) FROM sync_runs WHERE outcome = 'FAILED' "
                    + "AND message LIKE 'More contracts failed than sync.export.skip-limit (2) allows%'")).isEqualTo(1);
            assertThat(skips(work)).as("the two within the limit are recorded").hasSize(2);
        }
    }

    /** {@code run_id contract_id} of every row of sync_run_skips, in the order they were skipped. */
    private static List<String> skips(Path work) throws Exception {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + work.resolve("warehouse.duckdb").toAbsolutePath(),
                readOnly); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT run_id, contract_id FROM sync_run_skips ORDER BY skipped_at")) {
            while (result.next()) {
                rows.add(result.getString(1) + " " + result.getString(2));
            }
        }
        return rows;
    }
}
