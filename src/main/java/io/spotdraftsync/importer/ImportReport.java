package io.spotdraftsync.importer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * The CSV report of rows that were not imported: {@code row,source_id,source_system,stage,reason}. Appended
 * to, so that a resumed run adds to the report of the run it resumes.
 */
public final class ImportReport {

    private static final CsvMapper CSV = CsvMapper.builder().build();
    private static final CsvSchema SCHEMA = CsvSchema.builder()
            .addColumn("row").addColumn("source_id").addColumn("source_system").addColumn("stage").addColumn("reason")
            .build();

    private final Path path;

    public ImportReport(Path path) {
        this.path = path.toAbsolutePath().normalize();
    }

    public Path path() {
        return path;
    }

    /** Creates the report with its header row, replacing an older file of that name. */
    public void create() {
        write(List.of(), true);
    }

    public synchronized void append(List<ReportLine> lines) {
        write(lines, false);
    }

    /**
     * A cell a spreadsheet would run as a formula ({@code =}, {@code +}, {@code -}, {@code @}, tab or carriage return
     * first) gets a leading {@code '}, so that opening the report never runs what a manifest carried (CSV injection).
     */
    static String inert(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        return switch (cell.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + cell;
            default -> cell;
        };
    }

    private void write(List<ReportLine> lines, boolean fresh) {
        try {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            boolean header = fresh || !Files.exists(path) || Files.size(path) == 0;
            try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE,
                    fresh ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND, StandardOpenOption.WRITE);
                    SequenceWriter writer = CSV.writer(header ? SCHEMA.withHeader() : SCHEMA.withoutHeader()).writeValues(out)) {
                for (ReportLine line : lines) {
                    writer.write(new Object[] {line.rowNumber(), inert(line.sourceId()), inert(line.sourceSystem()),
                        inert(line.stage()), inert(line.reason())});
                }
            }
        } catch (IOException failure) {
            throw new UncheckedIOException("Cannot write the import report " + path + ": " + failure.getMessage(), failure);
        }
    }
}
