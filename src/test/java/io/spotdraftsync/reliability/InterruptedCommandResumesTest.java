package io.spotdraftsync.reliability;

import static io.spotdraftsync.export.ExportEndToEndTest.assertWarehouseEqualsSandbox;
import static io.spotdraftsync.export.ExportEndToEndTest.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;
import io.spotdraftsync.testsupport.SyncProcess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export} and {@code import} stopped with Ctrl-C (SIGINT) midway, then run again as a user would: the second run
 * resumes the first from its last committed chunk instead of redoing it, so both together cost about what one
 * uninterrupted run of the same data costs.
 */
class InterruptedCommandResumesTest {

    /** As in the issue: the page read ahead when the stop comes (about 10% of this) is the only work redone. */
    private static final int CONTRACTS = 1000;
    private static final int ROWS = ImportCrashTest.ROWS;
    private static final double MAX_OVERHEAD = 1.15;

    /** The first run is a full one (as serve's initial export is); the user then types plain {@code export}. */
    @Test
    void anExportStoppedByCtrlCIsResumedByTheNextExportNotRedone(@TempDir Path work) throws Exception {
        try (SpotDraftSandbox sandbox = SpotDraftSandbox.start(exportData())) {
            Path baselineWork = work.resolve("baseline");
            Process baseline = SyncProcess.start(log(work), export(sandbox, baselineWork, "--full"));
            assertThat(baseline.waitFor()).as("uninterrupted export; output: %s", SyncProcess.tail(log(work))).isZero();
            long uninterrupted = sandbox.stats().requestsServed();

            sandbox.resetStats();
            Path restartedWork = work.resolve("restarted");
            Process first = SyncProcess.start(log(work), export(sandbox, restartedWork, "--full"));
            long interruptAt = uninterrupted * 2 / 5;
            await().atMost(Duration.ofSeconds(180)).until(() -> sandbox.stats().requestsServed() >= interruptAt || !first.isAlive());
            assertThat(first.isAlive()).as("export still running when interrupted; output: %s", SyncProcess.tail(log(work))).isTrue();
            SyncProcess.interrupt(first);
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("export ended after Ctrl-C").isTrue();
            long beforeRestart = sandbox.stats().requestsServed();

            long restartedAt = System.nanoTime();
            Process second = SyncProcess.start(log(work), export(sandbox, restartedWork));
            assertThat(second.waitFor()).as("export after the restart; output: %s", SyncProcess.tail(log(work))).isZero();
            double secondsToComplete = (System.nanoTime() - restartedAt) / 1e9;
            long both = sandbox.stats().requestsServed();

            System.out.printf("export: uninterrupted %d API calls; interrupted after %d, resumed: %d in all (%.2fx); "
                    + "the resumed export completed %.1f s after the restart%n", uninterrupted, beforeRestart, both,
                    (double) both / uninterrupted, secondsToComplete);
            assertThat(SyncProcess.tail(log(work))).as("the second export resumed the first")
                    .contains("Resuming unfinished full run").doesNotContain("Abandoning");
            assertThat(both).as("API calls of the interrupted and the resumed export together (interrupted after %d)",
                    beforeRestart).isLessThanOrEqualTo(Math.round(uninterrupted * MAX_OVERHEAD));
            assertWarehouseEqualsSandbox(restartedWork, sandbox);
            assertThat(count(restartedWork, "SELECT count(*) FROM contracts")).isEqualTo(CONTRACTS);
        }
    }

    @Test
    void anImportStoppedByCtrlCIsResumedByTheNextImportNotRedone(@TempDir Path work) throws Exception {
        Path manifest = ImportCrashTest.writeManifest(work.resolve("manifest"));
        long uninterrupted;
        try (SpotDraftSandbox sandbox = SpotDraftSandbox.start(importData())) {
            Process baseline = SyncProcess.start(log(work), importing(sandbox, work.resolve("baseline"), manifest));
            assertThat(baseline.waitFor()).as("uninterrupted import; output: %s", SyncProcess.tail(log(work))).isZero();
            uninterrupted = sandbox.stats().requestsServed();
        }
        try (SpotDraftSandbox sandbox = SpotDraftSandbox.start(importData())) {
            Path restartedWork = work.resolve("restarted");
            Process first = SyncProcess.start(log(work), importing(sandbox, restartedWork, manifest));
            long interruptAt = uninterrupted * 2 / 5;
            await().atMost(Duration.ofSeconds(180)).until(() -> sandbox.stats().requestsServed() >= interruptAt || !first.isAlive());
            assertThat(first.isAlive()).as("import still running when interrupted; output: %s", SyncProcess.tail(log(work))).isTrue();
            SyncProcess.interrupt(first);
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("import ended after Ctrl-C").isTrue();
            long beforeRestart = sandbox.stats().requestsServed();

            long restartedAt = System.nanoTime();
            Process second = SyncProcess.start(log(work), importing(sandbox, restartedWork, manifest));
            assertThat(second.waitFor()).as("import after the restart; output: %s", SyncProcess.tail(log(work))).isZero();
            double secondsToComplete = (System.nanoTime() - restartedAt) / 1e9;
            long both = sandbox.stats().requestsServed();

            System.out.printf("import: uninterrupted %d API calls; interrupted after %d, resumed: %d in all (%.2fx); "
                    + "the resumed import completed %.1f s after the restart%n", uninterrupted, beforeRestart, both,
                    (double) both / uninterrupted, secondsToComplete);
            assertThat(SyncProcess.tail(log(work))).as("the second import resumed the first").contains("Resuming unfinished");
            assertThat(both).as("API calls of the interrupted and the resumed import together (interrupted after %d)",
                    beforeRestart).isLessThanOrEqualTo(Math.round(uninterrupted * MAX_OVERHEAD));
            Map<Object, Long> bySourceId = sandbox.contracts().stream()
                    .filter(contract -> "legacy-dms".equals(contract.externalMetadata().get("integration_name")))
                    .collect(Collectors.groupingBy(contract -> contract.externalMetadata().get("id"), Collectors.counting()));
            assertThat(bySourceId).as("manifest rows in SpotDraft").hasSize(ROWS);
            assertThat(bySourceId.values()).as("contracts per source id").allMatch(copies -> copies == 1);
        }
    }

    private static SandboxSettings exportData() {
        return SandboxSettings.builder().contracts(CONTRACTS).seed(20).requestsPerSecond(0)
                .documentMinBytes(2_048).documentMaxBytes(16_384).build();
    }

    private static SandboxSettings importData() {
        return SandboxSettings.builder().contracts(20).seed(21).requestsPerSecond(0).build();
    }

    private static List<String> export(SpotDraftSandbox sandbox, Path work, String... options) {
        List<String> arguments = new ArrayList<>(List.of("export"));
        arguments.addAll(List.of(options));
        arguments.addAll(common(sandbox, work, 100));
        arguments.addAll(List.of("--sync.documents.location=file:" + work.resolve("documents").toAbsolutePath(),
                "--sync.documents.temp-dir=" + work.resolve("tmp").toAbsolutePath(), "--sync.export.progress-interval=60s"));
        return arguments;
    }

    private static List<String> importing(SpotDraftSandbox sandbox, Path work, Path manifest) {
        List<String> arguments = new ArrayList<>(List.of("import", "--manifest", manifest.toString(),
                "--report", work.resolve("report.csv").toString()));
        arguments.addAll(common(sandbox, work, 40));
        return arguments;
    }

    /** Requests per second low enough that Ctrl-C lands midway, the same for the baseline. */
    private static List<String> common(SpotDraftSandbox sandbox, Path work, int requestsPerSecond) {
        return List.of("--spotdraft.base-url=" + sandbox.baseUrl(), "--spotdraft.client-id=sandbox",
                "--spotdraft.client-secret=sandbox-secret", "--spotdraft.workspace=acme",
                "--spotdraft.requests-per-second=" + requestsPerSecond,
                "--spring.datasource.url=jdbc:h2:file:" + work.resolve("jobs").toAbsolutePath(),
                "--sync.warehouse.url=jdbc:duckdb:" + work.resolve("warehouse.duckdb").toAbsolutePath());
    }

    private static Path log(Path work) {
        return work.resolve("processes.log");
    }
}
