package io.spotdraftsync.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The gzip JSON-lines file that goes through the Snowflake stage: what its COPY INTO reads. */
class SnowflakeStagingWriterTest {

    @Test
    void everyRowIsOneJsonObjectOfStringsWithNullsLeftOut(@TempDir Path directory) throws IOException {
        Instant extracted = Instant.parse("2025-01-10T08:00:00.123456Z");
        Instant synced = Instant.parse("2025-01-10T09:00:00Z");
        ContractRow first = ContractRow.builder("ws", "T-1", extracted).contractNumericId(1L).contractName("Zoë's \"NDA\"")
                .externalMetadata("{\"a\": [1, 2]}").runId("run-1").build();
        ContractRow second = ContractRow.builder("ws", "H-2", extracted).build();
        Path file = directory.resolve("stg_contracts.jsonl.gz");

        SnowflakeStagingWriter.writeJsonLines(new StagedRows<>(Tables.CONTRACTS, List.of(first, second), synced), file);

        List<String> lines;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        assertThat(lines).hasSize(2);
        JsonMapper json = JsonMapper.builder().build();
        JsonNode row = json.readTree(lines.get(0));
        assertThat(row.get("contract_id").asString()).isEqualTo("T-1");
        assertThat(row.get("contract_numeric_id").asString()).isEqualTo("1");
        assertThat(row.get("contract_name").asString()).isEqualTo("Zoë's \"NDA\"");
        assertThat(row.get("external_metadata").asString()).isEqualTo("{\"a\": [1, 2]}");
        assertThat(row.get("_extracted_at").asString()).isEqualTo("2025-01-10T08:00:00.123456000+00:00");
        assertThat(row.get("_synced_at").asString()).isEqualTo("2025-01-10T09:00:00.000000000+00:00");
        assertThat(row.get("_stage_seq").asString()).isEqualTo("0");
        assertThat(row.has("contract_status")).as("null left out: SQL NULL for $1:field").isFalse();
        assertThat(json.readTree(lines.get(1)).get("_stage_seq").asString()).isEqualTo("1");
    }
}
