package io.spotdraftsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import} on the command line: the operator's paths, and files outside the manifest's folder only when asked. */
class ImportCommandTest {

    private static final String HEADER = "source_id,source_system,file,contract_name,contract_type,organization_entity";

    @Test
    void aFileOutsideTheManifestsFolderIsReportedUnlessAllowFilesOutsideManifestDirIsGiven(@TempDir Path work) throws Exception {
        Files.write(work.resolve("outside.pdf"), "%PDF-1.4 outside".getBytes(StandardCharsets.US_ASCII));
        Path folder = Files.createDirectories(work.resolve("batch"));
        Files.write(folder.resolve("inside.pdf"), "%PDF-1.4 inside".getBytes(StandardCharsets.US_ASCII));
        Path manifest = Files.writeString(folder.resolve("manifest.csv"), HEADER + "\n"
                + "S-1,dms,inside.pdf,Inside NDA,100,78\n"
                + "S-2,dms,../outside.pdf,Outside NDA,100,78\n");
        Path report = work.resolve("report.csv");
        try (SpotDraftSandbox sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(5).seed(3).requestsPerSecond(0).build())) {
            assertThat(validate(sandbox, work, manifest, report)).as("exit code").isEqualTo(2);
            assertThat(Files.readAllLines(report)).hasSize(2).last().asString()
                    .startsWith("2,S-2,dms,validation,\"file ../outside.pdf is outside the manifest's folder")
                    .contains("--allow-files-outside-manifest-dir");

            assertThat(validate(sandbox, work, manifest, report, "--allow-files-outside-manifest-dir")).as("exit code").isZero();
            assertThat(Files.readAllLines(report)).containsExactly("row,source_id,source_system,stage,reason");
        }
    }

    private static int validate(SpotDraftSandbox sandbox, Path work, Path manifest, Path report, String... options) {
        List<String> args = new ArrayList<>(List.of("import", "--manifest", manifest.toString(), "--validate",
                "--report", report.toString()));
        args.addAll(List.of(options));
        args.addAll(List.of(
                "--spotdraft.base-url=" + sandbox.baseUrl(),
                "--spotdraft.client-id=" + sandbox.settings().clientId(),
                "--spotdraft.client-secret=" + sandbox.settings().clientSecret(),
                "--spotdraft.workspace=acme",
                "--spring.datasource.url=jdbc:h2:file:" + work.resolve("jobs").toAbsolutePath() + ";AUTO_SERVER=TRUE",
                "--sync.warehouse.url=jdbc:duckdb:" + work.resolve("warehouse.duckdb").toAbsolutePath(),
                "--sync.documents.location=file:" + work.resolve("documents").toAbsolutePath(),
                "--sync.documents.temp-dir=" + work.resolve("tmp").toAbsolutePath()));
        return SyncCommandLine.execute(args.toArray(String[]::new));
    }
}
