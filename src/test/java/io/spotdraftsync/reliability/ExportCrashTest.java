package io.spotdraftsync.reliability;

import static io.spotdraftsync.export.ExportEndToEndTest.assertWarehouseEqualsSandbox;
import static io.spotdraftsync.export.ExportEndToEndTest.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import io.spotdraftsync.SpotdraftSyncApplication;
import io.spotdraftsync.sandbox.SandboxContract;
import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export command in a separate process, killed with SIGKILL at random points five times in a row, then
 * run to the end: the warehouse must equal the sandbox with no duplicate or missing row, and the document
 * store must hold exactly one document per contract.
 */
class ExportCrashTest {

    private static final int CONTRACTS = 700;

    @Test
    void fiveKillsAtRandomPointsThenAResumeLoseNothingAndDuplicateNothing(@TempDir Path work) throws Exception {
        try (SpotDraftSandbox sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(CONTRACTS).seed(51)
                .requestsPerSecond(0).documentMinBytes(2_048).documentMaxBytes(16_384).build())) {
            Random random = new Random(51);
            List<Long> killedAt = new ArrayList<>();
            for (int kill = 0; kill < 5; kill++) {
                sandbox.resetStats();
                long target = 40 + random.nextInt(260);
                Process export = start(sandbox, work);
                await().atMost(Duration.ofSeconds(120)).until(() -> sandbox.stats().requestsServed() >= target || !export.isAlive());
                if (export.isAlive()) {
                    export.destroyForcibly().waitFor();
                    killedAt.add(sandbox.stats().requestsServed());
                }
            }
            assertThat(killedAt).as("runs killed midway (API requests served when killed); processes' output: %s",
                    tail(log(work))).hasSizeGreaterThanOrEqualTo(4);

            Process last = start(sandbox, work);
            assertThat(last.waitFor()).as("the resumed export's exit code; output: %s", tail(log(work))).isZero();

            assertWarehouseEqualsSandbox(work, sandbox);
            assertThat(count(work, "SELECT count(*) - count(DISTINCT contract_id) FROM contracts")).isZero();
            assertThat(count(work, "SELECT count(*) FROM contracts")).isEqualTo(CONTRACTS);
            try (Stream<Path> files = Files.walk(work.resolve("documents"))) {
                List<Path> documents = files.filter(path -> path.getFileName().toString().endsWith(".pdf")).toList();
                assertThat(documents).as("one document per contract").hasSize(CONTRACTS);
                assertThat(documents.stream().map(path -> path.getParent().getFileName().toString()).distinct().count())
                        .isEqualTo(CONTRACTS);
                assertThat(documents.stream().map(path -> path.getParent().getFileName() + "/" + path.getFileName()))
                        .containsExactlyInAnyOrderElementsOf(sandbox.contracts().stream()
                                .map(contract -> contract.compositeId() + "/" + contract.currentVersionId() + "-"
                                        + contract.documentSha256() + ".pdf").toList());
            }
            assertThat(sandbox.contracts()).noneMatch(SandboxContract::deleted);
        }
    }

    /** {@code java ... SpotdraftSyncApplication export}, as a user runs it, against the sandbox. */
    private static Process start(SpotDraftSandbox sandbox, Path work) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), SpotdraftSyncApplication.class.getName(), "export",
                "--spotdraft.base-url=" + sandbox.baseUrl(), "--spotdraft.client-id=sandbox", "--spotdraft.client-secret=sandbox-secret",
                "--spotdraft.workspace=acme", "--spotdraft.requests-per-second=400",
                "--spring.datasource.url=jdbc:h2:file:" + work.resolve("jobs").toAbsolutePath() + ";AUTO_SERVER=TRUE",
                "--sync.warehouse.url=jdbc:duckdb:" + work.resolve("warehouse.duckdb").toAbsolutePath(),
                "--sync.documents.location=file:" + work.resolve("documents").toAbsolutePath(),
                "--sync.documents.temp-dir=" + work.resolve("tmp").toAbsolutePath(),
                "--sync.export.progress-interval=60s");
        File output = log(work).toFile();
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output)).start();
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static Path log(Path work) {
        return work.resolve("export-processes.log");
    }
}
