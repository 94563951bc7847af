package io.spotdraftsync.warehouse;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import tools.jackson.databind.json.JsonMapper;

/**
 * Snowflake: the rows become one gzip JSON-lines file (every value a JSON string, so numbers and timestamps
 * keep their exact text), {@code PUT} to the stage and {@code COPY INTO} the temporary staging table. Never a
 * row-by-row insert, never one COPY per row.
 */
final class SnowflakeStagingWriter implements StagingWriter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SnowflakeDialect dialect;
    private final SqlLog sql;
    private final String stage;

    SnowflakeStagingWriter(SnowflakeDialect dialect, SqlLog sql, String stage) {
        this.dialect = dialect;
        this.sql = sql;
        this.stage = stage;
    }

    @Override
    public void write(Connection connection, StagedRows<?> staged) throws SQLException {
        String table = dialect.stagingTable(staged.table());
        String location = dialect.stageLocation(stage, UUID.randomUUID().toString());
        Path directory = null;
        try {
            directory = Files.createTempDirectory("spotdraft-sync-stage");
            Path file = directory.resolve(table + ".jsonl.gz");
            writeJsonLines(staged, file);
            sql.execute(connection, "put", table, dialect.put(file, location));
            sql.execute(connection, "copy", table, dialect.copyInto(staged.table(), location, file.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the staging file of " + table, e);
        } finally {
            // PURGE removes loaded files; this removes them when the COPY did not run or failed
            try {
                sql.execute(connection, "remove", table, dialect.removeStagedFiles(location));
            } catch (SQLException ignored) {
                // best effort: the stage keeps an orphan file under spotdraft-sync/
            }
            deleteQuietly(directory);
        }
    }

    /** One JSON object per line, keyed by staging column, nulls left out; package-private for tests. */
    static void writeJsonLines(StagedRows<?> staged, Path file) throws IOException {
        List<String> columns = staged.table().columnNames();
        try (Writer out = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)),
                StandardCharsets.UTF_8))) {
            for (int row = 0; row < staged.rows().size(); row++) {
                Object[] values = staged.values(row);
                Map<String, String> line = new LinkedHashMap<>();
                for (int column = 0; column < values.length; column++) {
                    if (values[column] != null) {
                        // a missing field is SQL NULL for $1:field; a JSON null would be a VARIANT null
                        String name = column < columns.size() ? columns.get(column) : TableSpec.STAGE_SEQ;
                        line.put(name, JdbcValues.text(staged.type(column), values[column]));
                    }
                }
                out.write(JSON.writeValueAsString(line));
                out.write('\n');
            }
        }
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException ignored) {
            // a temporary file left behind is harmless
        }
    }
}
