package io.spotdraftsync.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;

/**
 * What {@code check} sends to Snowflake, which cannot be reached from here: every statement of its scratch-table
 * steps, as full text and in order, recorded from a JDBC connection that answers like Snowflake would. The scratch
 * row travels like every chunk: a gzip JSON-lines file PUT to the configured stage, COPY INTO a temporary table, a
 * counted MERGE into the scratch table in the configured schema, then both tables dropped.
 */
class SnowflakeScratchLoadTest {

    private static final String TABLE = "spotdraft_sync_check_0123456789ab";
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private static final Pattern PUT = Pattern.compile("PUT 'file://(/[^']+)' (@\\S+) .*");

    private final List<String> statements = new ArrayList<>();
    private final List<String> stagedLines = new ArrayList<>();

    @Test
    void theScratchTableIsCreatedLoadedThroughTheStageMergedAndDropped() {
        Warehouse warehouse = snowflake("check_stage");

        warehouse.createScratchTable(TABLE);
        MergeResult merged = warehouse.loadScratchTable(TABLE, List.of(
                new Tables.ScratchRow("check", "row-1", "{\"check\":1}", NOW, "check"),
                new Tables.ScratchRow("check", "row-1", "{\"check\":2}", NOW, "check")));
        warehouse.dropScratchTable(TABLE);

        assertThat(merged).isEqualTo(new MergeResult(1, 0, 0, 1));
        assertThat(statements).containsExactly(
                "CREATE TABLE spotdraft_sync_check_0123456789ab (workspace VARCHAR NOT NULL, check_id VARCHAR NOT NULL, payload VARIANT, _extracted_at TIMESTAMP_TZ, _synced_at TIMESTAMP_TZ, _run_id VARCHAR, PRIMARY KEY (workspace, check_id))",
                "CREATE OR REPLACE TEMPORARY TABLE stg_spotdraft_sync_check_0123456789ab (workspace VARCHAR, check_id VARCHAR, payload VARCHAR, _extracted_at TIMESTAMP_TZ, _synced_at TIMESTAMP_TZ, _run_id VARCHAR, _stage_seq NUMBER(19,0))",
                "PUT 'file://<file>/stg_spotdraft_sync_check_0123456789ab.jsonl.gz' @check_stage/spotdraft-sync/<load> AUTO_COMPRESS = FALSE SOURCE_COMPRESSION = GZIP OVERWRITE = TRUE",
                """
                COPY INTO stg_spotdraft_sync_check_0123456789ab (workspace, check_id, payload, _extracted_at, _synced_at, _run_id, _stage_seq)
                FROM (SELECT $1:workspace::VARCHAR, $1:check_id::VARCHAR, $1:payload::VARCHAR, TO_TIMESTAMP_TZ($1:_extracted_at::VARCHAR, 'YYYY-MM-DD"T"HH24:MI:SS.FF9TZH:TZM'), TO_TIMESTAMP_TZ($1:_synced_at::VARCHAR, 'YYYY-MM-DD"T"HH24:MI:SS.FF9TZH:TZM'), $1:_run_id::VARCHAR, $1:_stage_seq::NUMBER(19,0) FROM @check_stage/spotdraft-sync/<load>/)
                FILES = ('stg_spotdraft_sync_check_0123456789ab.jsonl.gz')
                FILE_FORMAT = (TYPE = JSON COMPRESSION = GZIP)
                ON_ERROR = ABORT_STATEMENT
                PURGE = TRUE""",
                "REMOVE @check_stage/spotdraft-sync/<load>/",
                """
                SELECT COUNT(*) AS source_rows, COUNT(tgt.workspace) AS matched_rows, COALESCE(SUM(CASE WHEN tgt.workspace IS NOT NULL AND src._extracted_at >= tgt._extracted_at AND (src.payload IS DISTINCT FROM tgt.payload) THEN 1 ELSE 0 END), 0) AS updated_rows, (SELECT COUNT(*) FROM stg_spotdraft_sync_check_0123456789ab) AS staged_rows
                FROM (SELECT workspace, check_id, PARSE_JSON(payload) AS payload, _extracted_at, _synced_at, _run_id FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY workspace, check_id ORDER BY _extracted_at DESC, _stage_seq DESC) AS _row_number FROM stg_spotdraft_sync_check_0123456789ab) AS ranked WHERE _row_number = 1) AS src
                LEFT JOIN spotdraft_sync_check_0123456789ab AS tgt ON tgt.workspace = src.workspace AND tgt.check_id = src.check_id""",
                """
                MERGE INTO spotdraft_sync_check_0123456789ab AS tgt
                USING (SELECT workspace, check_id, PARSE_JSON(payload) AS payload, _extracted_at, _synced_at, _run_id FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY workspace, check_id ORDER BY _extracted_at DESC, _stage_seq DESC) AS _row_number FROM stg_spotdraft_sync_check_0123456789ab) AS ranked WHERE _row_number = 1) AS src
                ON tgt.workspace = src.workspace AND tgt.check_id = src.check_id
                WHEN MATCHED AND src._extracted_at >= tgt._extracted_at AND (src.payload IS DISTINCT FROM tgt.payload) THEN UPDATE SET payload = src.payload, _extracted_at = src._extracted_at, _synced_at = src._synced_at, _run_id = src._run_id
                WHEN NOT MATCHED THEN INSERT (workspace, check_id, payload, _extracted_at, _synced_at, _run_id) VALUES (src.workspace, src.check_id, src.payload, src._extracted_at, src._synced_at, src._run_id)""",
                "DROP TABLE IF EXISTS stg_spotdraft_sync_check_0123456789ab",
                "DROP TABLE IF EXISTS spotdraft_sync_check_0123456789ab");
    }

    @Test
    void theFilePutToTheStageHoldsBothStagedRowsAsJsonLines() {
        Warehouse warehouse = snowflake("~");

        warehouse.loadScratchTable(TABLE, List.of(
                new Tables.ScratchRow("check", "row-1", "{\"check\":1}", NOW, "check"),
                new Tables.ScratchRow("check", "row-1", "{\"check\":2}", NOW, "check")));

        assertThat(statements).anySatisfy(statement -> assertThat(statement).startsWith("PUT 'file://<file>/").contains(" @~/spotdraft-sync/<load> "));
        assertThat(stagedLines).containsExactly(
                "{\"workspace\":\"check\",\"check_id\":\"row-1\",\"payload\":\"{\\\"check\\\":1}\",\"_extracted_at\":\"2026-12-04T10:00:00.000000000+00:00\",\"_synced_at\":\"2026-12-04T10:00:00.000000000+00:00\",\"_run_id\":\"check\",\"_stage_seq\":\"0\"}",
                "{\"workspace\":\"check\",\"check_id\":\"row-1\",\"payload\":\"{\\\"check\\\":2}\",\"_extracted_at\":\"2026-12-04T10:00:00.000000000+00:00\",\"_synced_at\":\"2026-12-04T10:00:00.000000000+00:00\",\"_run_id\":\"check\",\"_stage_seq\":\"1\"}");
    }

    private Warehouse snowflake(String stage) {
        SnowflakeDialect dialect = new SnowflakeDialect();
        SqlLog sql = new SqlLog(dialect.name(), new SimpleMeterRegistry());
        ConnectionSource connections = new ConnectionSource() {
            @Override
            public Connection open() {
                return recordingConnection();
            }

            @Override
            public String describe() {
                return "recorded Snowflake";
            }

            @Override
            public void close() {
            }
        };
        return new JdbcWarehouse(dialect, connections, new SnowflakeStagingWriter(dialect, sql, stage), sql,
                new MigrationRunner(dialect, List.of(), sql, Clock.fixed(NOW, ZoneOffset.UTC)), "sync", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** Records each statement's text (PUT's file path and load id made stable), answering as Snowflake would. */
    private String record(String sql) {
        Matcher put = PUT.matcher(sql);
        String text = sql;
        if (put.matches()) {
            Path file = Path.of(put.group(1));
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                stagedLines.addAll(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            text = text.replace(file.getParent().toString(), "<file>");
        }
        text = text.replaceAll("spotdraft-sync/[0-9a-f-]{36}", "spotdraft-sync/<load>");
        statements.add(text);
        return text;
    }

    private Connection recordingConnection() {
        boolean[] autoCommit = {true};
        return proxy(Connection.class, (method, args) -> switch (method) {
            case "createStatement" -> proxy(Statement.class, (statementMethod, statementArgs) -> switch (statementMethod) {
                case "execute" -> {
                    record((String) statementArgs[0]);
                    yield false;
                }
                case "getLargeUpdateCount" -> 0L;
                default -> null;
            });
            case "prepareStatement" -> {
                String text = record((String) args[0]);
                yield proxy(PreparedStatement.class, (statementMethod, statementArgs) -> switch (statementMethod) {
                    case "executeQuery" -> countsOfTheMerge(text);
                    case "executeUpdate" -> 1;
                    default -> null;
                });
            }
            case "getAutoCommit" -> autoCommit[0];
            case "setAutoCommit" -> {
                autoCommit[0] = (Boolean) args[0];
                yield null;
            }
            default -> null;
        });
    }

    /** The count before the MERGE: two staged rows of one key, none stored yet. */
    private static ResultSet countsOfTheMerge(String sql) {
        Map<String, Long> counts = Map.of("source_rows", 1L, "matched_rows", 0L, "updated_rows", 0L, "staged_rows", 2L);
        boolean[] read = {false};
        return proxy(ResultSet.class, (method, args) -> switch (method) {
            case "next" -> {
                boolean first = !read[0];
                read[0] = true;
                yield first;
            }
            case "getLong" -> counts.get((String) args[0]);
            default -> null;
        });
    }

    @FunctionalInterface
    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> switch (method.getName()) {
                    case "isWrapperFor", "isClosed" -> false;
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    case "toString" -> type.getSimpleName();
                    default -> answer.answer(method.getName(), args);
                }));
    }
}
