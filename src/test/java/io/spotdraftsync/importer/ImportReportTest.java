package io.spotdraftsync.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

/** The report is opened in spreadsheets: what a manifest carried must never run there as a formula. */
class ImportReportTest {

    @Test
    void cellsStartingWithAFormulaCharacterGetALeadingQuoteAndOthersAreKeptAsTheyAre(@TempDir Path work) throws Exception {
        ImportReport report = new ImportReport(work.resolve("report.csv"));
        report.create();
        report.append(List.of(
                new ReportLine(1, "=HYPERLINK(\"https://evil.example\",\"open\")", "+dms", ReportLine.VALIDATION, "-2+3"),
                new ReportLine(2, "@SUM(A1:A9)", "\tdms", ReportLine.IMPORT, "\rcmd|' /C calc'!A0"),
                new ReportLine(3, "S-3", "legacy-dms", ReportLine.VALIDATION, "file not found: /in/a=b.pdf")));

        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> lines = CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY).build()
                .readerForListOf(String.class).readValues(work.resolve("report.csv").toFile())) {
            lines.forEachRemaining(rows::add);
        }

        assertThat(rows).containsExactly(
                List.of("row", "source_id", "source_system", "stage", "reason"),
                List.of("1", "'=HYPERLINK(\"https://evil.example\",\"open\")", "'+dms", "validation", "'-2+3"),
                List.of("2", "'@SUM(A1:A9)", "'\tdms", "import", "'\rcmd|' /C calc'!A0"),
                List.of("3", "S-3", "legacy-dms", "validation", "file not found: /in/a=b.pdf"));
    }
}
