package io.spotdraftsync.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.spotdraftsync.spotdraft.model.ContractType;
import io.spotdraftsync.spotdraft.model.OrganizationEntity;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local manifest's {@code file} cells are relative to its folder and stay inside it once symbolic links are
 * resolved; a row naming a file elsewhere is reported, not imported, unless files outside are allowed
 * ({@code --allow-files-outside-manifest-dir}, {@code sync.import.allow-files-outside-manifest-dir}).
 */
class ManifestFileCellsTest {

    private static final byte[] PDF = "%PDF-1.4 test".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path work;

    private Path folder;
    private Path outside;

    @BeforeEach
    void files() throws Exception {
        folder = Files.createDirectories(work.resolve("batch"));
        Files.createDirectories(folder.resolve("pdfs"));
        Files.write(folder.resolve("pdfs/inside.pdf"), PDF);
        Files.writeString(folder.resolve("manifest.csv"), "source_id\n");
        Files.createDirectories(work.resolve("private"));
        outside = Files.write(work.resolve("private/outside.pdf"), PDF);
        Files.createSymbolicLink(folder.resolve("link.pdf"), outside);
        Files.createSymbolicLink(folder.resolve("linked-folder"), work.resolve("private"));
        Files.createSymbolicLink(folder.resolve("inside-link.pdf"), folder.resolve("pdfs/inside.pdf"));
    }

    private SourceFiles files(boolean outsideAllowed) {
        return SourceFiles.of(ManifestLocation.parse(folder.resolve("manifest.csv").toString()), () -> null, outsideAllowed);
    }

    @Test
    void filesInsideTheManifestsFolderAreRead() throws Exception {
        try (SourceFiles files = files(false)) {
            for (String file : List.of("pdfs/inside.pdf", "pdfs/../pdfs/inside.pdf", "inside-link.pdf")) {
                SourceFiles.FileCheck check = files.inspect(file);
                assertThat(check.refusal()).as(file).isNull();
                assertThat(check.exists()).as(file).isTrue();
                try (InputStream in = files.document(file, PDF.length).open()) {
                    assertThat(in.readAllBytes()).isEqualTo(PDF);
                }
            }
        }
    }

    @Test
    void aFileCellWithDotDotAnAbsolutePathOrASymbolicLinkLeavingTheFolderIsRefused() throws Exception {
        try (SourceFiles files = files(false)) {
            assertThat(files.inspect("../private/outside.pdf").refusal()).contains("is outside the manifest's folder");
            assertThat(files.inspect(outside.toString()).refusal()).contains("is an absolute path");
            assertThat(files.inspect(folder.resolve("pdfs/inside.pdf").toString()).refusal()).contains("is an absolute path");
            assertThat(files.inspect("link.pdf").refusal()).contains("symbolic link (or under one) that leads outside");
            assertThat(files.inspect("linked-folder/outside.pdf").refusal()).contains("symbolic link (or under one) that leads outside");
            assertThat(files.inspect("link.pdf").refusal()).contains("--allow-files-outside-manifest-dir");
            assertThatThrownBy(() -> files.document("link.pdf", PDF.length).open()).isInstanceOf(IOException.class)
                    .hasMessageContaining("leads outside the manifest's folder");
        }
    }

    @Test
    void aRefusedFileCellIsAValidationErrorOfItsRow() throws Exception {
        try (SourceFiles files = files(false)) {
            ImportValidator validator = new ImportValidator(files, List.of(new ContractType(100L, "NDA")),
                    List.of(new OrganizationEntity(78L, "Northwind Inc.", null, null)));
            ImportValidator.Result result = validator.validate(List.of(row(1, "pdfs/inside.pdf"), row(2, "../private/outside.pdf"),
                    row(3, outside.toString()), row(4, "link.pdf")));

            assertThat(result.valid()).extracting(ImportItem::rowNumber).containsExactly(1L);
            assertThat(result.rejected()).extracting(ReportLine::reason).satisfiesExactly(
                    reason -> assertThat(reason).startsWith("file ../private/outside.pdf is outside the manifest's folder"),
                    reason -> assertThat(reason).startsWith("file " + outside + " is an absolute path"),
                    reason -> assertThat(reason).startsWith("file link.pdf is a symbolic link"));
        }
    }

    @Test
    void filesOutsideTheFolderAreReadWhenAllowed() throws Exception {
        try (SourceFiles files = files(true)) {
            for (String file : List.of("../private/outside.pdf", outside.toString(), "link.pdf", "linked-folder/outside.pdf")) {
                SourceFiles.FileCheck check = files.inspect(file);
                assertThat(check.refusal()).as(file).isNull();
                assertThat(check.exists()).as(file).isTrue();
                try (InputStream in = files.document(file, PDF.length).open()) {
                    assertThat(in.readAllBytes()).isEqualTo(PDF);
                }
            }
        }
    }

    private static ManifestRow row(long number, String file) {
        return new ManifestRow(number, "S-" + number, "dms", file, "Contract " + number, "NDA", "78", null, null, null, null,
                null, null, Map.of());
    }
}
