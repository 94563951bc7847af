package io.spotdraftsync.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.spotdraftsync.jobs.PathNotAllowedException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin API's manifest and report: a manifest under the manifest root (or in S3), a report file name in the report
 * folder; anything that would read or write elsewhere is refused, naming the parameter.
 */
class ImportPathsTest {

    @TempDir
    Path work;

    private Path root;
    private Path reports;
    private Path secret;
    private ImportPaths paths;

    @BeforeEach
    void folders() throws Exception {
        root = Files.createDirectories(work.resolve("imports"));
        reports = work.resolve("import-reports");
        secret = Files.writeString(work.resolve("warehouse.duckdb"), "not a manifest");
        Files.createDirectories(root.resolve("batch-1"));
        Files.writeString(root.resolve("batch-1/manifest.csv"), "source_id\n");
        paths = new ImportPaths(new ImportProperties(20, root, reports, false));
    }

    private Map<String, String> confine(String manifest, String report) {
        return report == null ? paths.confine(Map.of("manifest", manifest))
                : paths.confine(Map.of("manifest", manifest, "report", report));
    }

    private void assertRefused(String manifest, String report, String parameter, String because) {
        assertThatThrownBy(() -> confine(manifest, report))
                .isInstanceOf(PathNotAllowedException.class)
                .hasMessageContaining(because)
                .satisfies(refused -> assertThat(((PathNotAllowedException) refused).parameter()).isEqualTo(parameter));
    }

    @Test
    void aManifestUnderTheRootAndAReportFileNameAreTakenAndPlacedThere() throws Exception {
        Map<String, String> confined = confine("batch-1/manifest.csv", "may-import.csv");

        assertThat(confined.get("manifest")).isEqualTo(root.resolve("batch-1/manifest.csv").toRealPath().toString());
        assertThat(confined.get("report")).isEqualTo(reports.toRealPath().resolve("may-import.csv").toString());
        assertThat(confine("s3://imports/batch-7/manifest.jsonl", null)).containsEntry("manifest", "s3://imports/batch-7/manifest.jsonl");
        // a symbolic link that stays under the root is fine
        Files.createSymbolicLink(root.resolve("latest"), root.resolve("batch-1"));
        assertThat(confine("latest/manifest.csv", null).get("manifest")).isEqualTo(confined.get("manifest"));
    }

    @Test
    void aReportWithDotDotASlashOrAnAbsolutePathIsRefused() {
        assertRefused("batch-1/manifest.csv", "..", "report", "must be a file name");
        assertRefused("batch-1/manifest.csv", "../warehouse.duckdb", "report", "must be a file name");
        assertRefused("batch-1/manifest.csv", "sub/report.csv", "report", "must be a file name");
        assertRefused("batch-1/manifest.csv", secret.toString(), "report", "not the absolute path");
        assertThat(secret).hasContent("not a manifest");
    }

    @Test
    void aReportThatIsASymbolicLinkLeavingTheReportFolderIsRefused() throws Exception {
        Files.createDirectories(reports);
        Files.createSymbolicLink(reports.resolve("report.csv"), secret);
        Files.createSymbolicLink(reports.resolve("dangling.csv"), work.resolve("nowhere/x.csv"));

        assertRefused("batch-1/manifest.csv", "report.csv", "report", "symbolic link that leads outside the report folder");
        assertRefused("batch-1/manifest.csv", "dangling.csv", "report", "symbolic link that leads outside the report folder");
        assertThat(secret).hasContent("not a manifest");
    }

    @Test
    void aManifestOutsideTheRootIsRefused() {
        assertRefused("../warehouse.duckdb", null, "manifest", "must not contain '..'");
        assertRefused("batch-1/../../warehouse.duckdb", null, "manifest", "must not contain '..'");
    }

    @Test
    void anAbsoluteManifestIsRefusedEvenUnderTheRoot() {
        assertRefused(secret.toString(), null, "manifest", "not the absolute path");
        assertRefused(root.resolve("batch-1/manifest.csv").toString(), null, "manifest", "not the absolute path");
    }

    @Test
    void aManifestThatIsASymbolicLinkLeavingTheRootIsRefused() throws Exception {
        Files.createSymbolicLink(root.resolve("manifest.csv"), secret);
        Files.createSymbolicLink(root.resolve("elsewhere"), work);

        assertRefused("manifest.csv", null, "manifest", "symbolic link (or under one) that leads outside the manifest root");
        assertRefused("elsewhere/warehouse.duckdb", null, "manifest", "symbolic link (or under one) that leads outside the manifest root");
    }

    @Test
    void aMissingManifestIsAnInvalidParameterNotAPathRefusal() {
        assertThatThrownBy(() -> confine("batch-2/manifest.csv", null))
                .isInstanceOf(IllegalArgumentException.class).isNotInstanceOf(PathNotAllowedException.class)
                .hasMessageContaining("There is no manifest batch-2/manifest.csv under the manifest root");
    }
}
