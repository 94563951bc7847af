package io.spotdraftsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import io.spotdraftsync.SpotdraftSyncApplication;
import io.spotdraftsync.sandbox.SandboxContract;
import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import command in a separate process, killed with SIGKILL at random points five times in a row, then
 * run to the end: every manifest row is in SpotDraft exactly once (a create whose answer was lost is found
 * by its source id, never created twice).
 */
class ImportCrashTest {

    static final int ROWS = 200;

    @Test
    void fiveKillsAtRandomPointsThenAResumeImportEveryRowExactlyOnce(@TempDir Path work) throws Exception {
        Path manifest = writeManifest(work.resolve("manifest"));
        try (SpotDraftSandbox sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(20).seed(7)
                .requestsPerSecond(0).build())) {
            Random random = new Random(81);
            List<Long> killedAt = new ArrayList<>();
            for (int kill = 0; kill < 5; kill++) {
                sandbox.resetStats();
                long target = 15 + random.nextInt(120);
                Process run = start(sandbox, work, manifest);
                await().atMost(Duration.ofSeconds(120)).until(() -> sandbox.stats().requestsServed() >= target || !run.isAlive());
                if (run.isAlive()) {
                    run.destroyForcibly().waitFor();
                    killedAt.add(sandbox.stats().requestsServed());
                }
            }
            assertThat(killedAt).as("runs killed midway; processes' output: %s", tail(log(work))).hasSizeGreaterThanOrEqualTo(4);

            Process last = start(sandbox, work, manifest);
            assertThat(last.waitFor()).as("the last import's exit code; output: %s", tail(log(work))).isZero();

            Map<Object, Long> bySourceId = sandbox.contracts().stream()
                    .filter(contract -> "legacy-dms".equals(contract.externalMetadata().get("integration_name")))
                    .collect(Collectors.groupingBy(contract -> contract.externalMetadata().get("id"), Collectors.counting()));
            assertThat(bySourceId).as("manifest rows in SpotDraft").hasSize(ROWS);
            assertThat(bySourceId.values()).as("contracts per source id").allMatch(count -> count == 1);
            assertThat(sandbox.contracts()).noneMatch(SandboxContract::deleted);
        }
    }

    /** {@value #ROWS} rows of small PDFs, source ids CRASH-1 to CRASH-200. */
    static Path writeManifest(Path directory) throws IOException {
        Files.createDirectories(directory);
        List<String> lines = new ArrayList<>();
        lines.add("source_id,source_system,file,contract_name,contract_type,organization_entity,counterparty_organization,"
                + "counterparty_individual,contact_first_name,contact_last_name,contact_email,execution_date");
        for (int n = 1; n <= ROWS; n++) {
            Files.write(directory.resolve("c" + n + ".pdf"), ("%PDF-1.4\n% legacy contract " + n + "\n%%EOF\n")
                    .getBytes(StandardCharsets.US_ASCII));
            lines.add(String.join(",", "CRASH-" + n, "legacy-dms", "c" + n + ".pdf", "Legacy contract " + n,
                    "Non-Disclosure Agreement", "Northwind Holdings Inc.", "Acme " + n, "false", "Ann", "Lee",
                    "ann.lee@acme.example", "2024-01-15"));
        }
        Path manifest = directory.resolve("manifest.csv");
        Files.write(manifest, lines);
        return manifest;
    }

    private static Process start(SpotDraftSandbox sandbox, Path work, Path manifest) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), SpotdraftSyncApplication.class.getName(), "import",
                "--manifest", manifest.toString(), "--report", work.resolve("report.csv").toString(),
                "--spotdraft.base-url=" + sandbox.baseUrl(), "--spotdraft.client-id=sandbox", "--spotdraft.client-secret=sandbox-secret",
                "--spotdraft.workspace=acme", "--spotdraft.requests-per-second=200",
                "--spring.datasource.url=jdbc:h2:file:" + work.resolve("jobs").toAbsolutePath() + ";AUTO_SERVER=TRUE",
                "--sync.warehouse.url=jdbc:duckdb:" + work.resolve("warehouse.duckdb").toAbsolutePath());
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(work).toFile())).start();
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static Path log(Path work) {
        return work.resolve("import-processes.log");
    }
}
