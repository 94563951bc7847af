package io.spotdraftsync.reconcile;

import static io.spotdraftsync.export.ExportEndToEndTest.assertWarehouseEqualsSandbox;
import static io.spotdraftsync.export.ExportEndToEndTest.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.spotdraftsync.sandbox.FaultSettings;
import io.spotdraftsync.sandbox.SandboxContract;
import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;
import io.spotdraftsync.testsupport.ExportHarness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A listing that leaves live contracts out (the sandbox's listing glitch: a lagging search index) must never make a
 * reconcile soft-delete them: each is looked up by id first, and only the ones SpotDraft no longer returns are
 * flagged. The figures (findings by kind, API calls, of which lookups by id) are printed for the record.
 */
class ReconcileNeverDeletesListingMissesTest {

    @Test
    void contractsHiddenFromTheListingAreListingMissesAndOnlyRealDeletionsAreFlagged(@TempDir Path work) throws Exception {
        try (SpotDraftSandbox sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(300).seed(47)
                .requestsPerSecond(0).documentMinBytes(2_048).documentMaxBytes(8_192).build())) {
            ExportHarness sync = ExportHarness.against(sandbox, work).with("sync.export.overlap", "0s");
            assertThat(sync.run(false).completed()).isTrue();
            assertThat(count(work, "SELECT count(*) FROM contracts WHERE NOT _deleted")).isEqualTo(300);

            // 12 of 300 live contracts vanish from listings that are not lookups by id; one of them is also renamed
            sandbox.setFaults(FaultSettings.builder().listingGlitchContracts(12).build());
            List<String> hidden = sandbox.hiddenFromListing();
            assertThat(hidden).hasSize(12);
            String renamedWhileHidden = hidden.get(0);
            sandbox.renameContract(renamedWhileHidden);
            assertThat(sandbox.hiddenFromListing()).as("the same contracts stay hidden").isEqualTo(hidden);

            ReconcileRunner.Outcome glitch = sync.reconcile(false, false);
            report("12 hidden", glitch);

            assertThat(glitch.completed()).isTrue();
            assertThat(glitch.summary().listed()).isEqualTo(288);
            assertThat(glitch.summary().findings()).as("no deletion, 12 listing misses")
                    .containsExactlyInAnyOrderEntriesOf(Map.of(Finding.LISTING_MISS, 12));
            assertThat(findings(work, glitch, "listing-miss")).containsExactlyInAnyOrderElementsOf(hidden);
            assertThat(findings(work, glitch, "deleted")).isEmpty();
            assertThat(count(work, "SELECT count(*) FROM contracts WHERE _deleted")).isZero();
            assertThat(strings(work, "SELECT action FROM reconcile_findings WHERE contract_id = '" + renamedWhileHidden
                    + "' AND run_id = '" + glitch.run().runId() + "'")).containsExactly("kept, re-exported (stale)");
            assertThat(glitch.summary().repaired()).as("only the stale listing miss is exported again").isEqualTo(1);
            assertThat(glitch.summary().confirmationCalls()).as("12 ids looked up in one call").isEqualTo(1);
            assertWarehouseEqualsSandbox(work, sandbox);

            // 5 real deletions while the glitch goes on: 2 of the hidden contracts and 3 listed ones
            List<String> listedLive = sandbox.contracts().stream().filter(contract -> !contract.deleted())
                    .map(SandboxContract::compositeId).filter(id -> !hidden.contains(id)).toList();
            List<String> deletedDuringGlitch = List.of(hidden.get(3), hidden.get(7), listedLive.get(10), listedLive.get(100),
                    listedLive.get(200));
            deletedDuringGlitch.forEach(sandbox::deleteContract);
            List<String> hiddenNow = sandbox.hiddenFromListing();

            ReconcileRunner.Outcome deletionsDuringGlitch = sync.reconcile(false, false);
            report("5 deletions, glitch on", deletionsDuringGlitch);

            assertThat(deletionsDuringGlitch.completed()).isTrue();
            assertThat(deletionsDuringGlitch.summary().findings())
                    .containsExactlyInAnyOrderEntriesOf(Map.of(Finding.DELETED, 5, Finding.LISTING_MISS, 12));
            assertThat(findings(work, deletionsDuringGlitch, "deleted")).containsExactlyInAnyOrderElementsOf(deletedDuringGlitch);
            assertThat(findings(work, deletionsDuringGlitch, "listing-miss")).containsExactlyInAnyOrderElementsOf(hiddenNow);
            assertThat(strings(work, "SELECT contract_id FROM contracts WHERE _deleted"))
                    .containsExactlyInAnyOrderElementsOf(deletedDuringGlitch);
            assertThat(deletionsDuringGlitch.summary().confirmationCalls()).isEqualTo(1);

            // 5 more with the listing whole again
            sandbox.setFaults(FaultSettings.none());
            List<String> deletedAfterGlitch = sandbox.contracts().stream().filter(contract -> !contract.deleted())
                    .map(SandboxContract::compositeId).skip(20).limit(5).toList();
            deletedAfterGlitch.forEach(sandbox::deleteContract);

            ReconcileRunner.Outcome deletionsAfterGlitch = sync.reconcile(false, false);
            report("5 deletions, glitch off", deletionsAfterGlitch);

            assertThat(deletionsAfterGlitch.completed()).isTrue();
            assertThat(deletionsAfterGlitch.summary().findings()).containsExactlyInAnyOrderEntriesOf(Map.of(Finding.DELETED, 5));
            assertThat(findings(work, deletionsAfterGlitch, "deleted")).containsExactlyInAnyOrderElementsOf(deletedAfterGlitch);
            assertThat(count(work, "SELECT count(*) FROM contracts WHERE _deleted")).isEqualTo(10);
            assertWarehouseEqualsSandbox(work, sandbox);

            // the mass-delete guard weighs confirmed deletions only: 60 of the 290 live contracts hidden (21 %) is no
            // reason to refuse, and deletes nothing
            sandbox.setFaults(FaultSettings.builder().listingGlitchContracts(60).build());
            ReconcileRunner.Outcome wideGlitch = sync.reconcile(false, false);
            report("60 hidden", wideGlitch);

            assertThat(wideGlitch.completed()).as("the guard counts confirmed deletions, not listing misses").isTrue();
            assertThat(wideGlitch.summary().findings()).containsExactlyInAnyOrderEntriesOf(Map.of(Finding.LISTING_MISS, 60));
            assertThat(count(work, "SELECT count(*) FROM contracts WHERE _deleted")).isEqualTo(10);
            assertThat(wideGlitch.summary().confirmationCalls()).isEqualTo(1);
        }
    }

    private static void report(String situation, ReconcileRunner.Outcome outcome) {
        ReconcileSummary summary = outcome.summary();
        System.out.printf("[listing-miss figures] %s: %s, listed %d, findings %s, repaired %d, API calls %d, of which "
                + "lookups by id %d%n", situation, outcome.execution().getStatus(), summary.listed(), summary.findings(),
                summary.repaired(), summary.apiCalls(), summary.confirmationCalls());
    }

    private static List<String> findings(Path work, ReconcileRunner.Outcome outcome, String finding) throws SQLException {
        return strings(work, "SELECT contract_id FROM reconcile_findings WHERE run_id = '" + outcome.run().runId()
                + "' AND finding = '" + finding + "'");
    }

    private static List<String> strings(Path work, String sql) throws SQLException {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + work.resolve("warehouse.duckdb").toAbsolutePath(),
                readOnly); Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (result.next()) {
                values.add(result.getString(1));
            }
            return values;
        }
    }
}
