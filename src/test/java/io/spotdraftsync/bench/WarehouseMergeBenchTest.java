package io.spotdraftsync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import io.spotdraftsync.bench.WarehouseMergeBench.Options;
import io.spotdraftsync.bench.WarehouseMergeBench.Report;
import io.spotdraftsync.bench.WarehouseMergeBench.TableCheck;

import org.junit.jupiter.api.Test;

/** The warehouse MERGE benchmark at a tiny size, so that {@code bench/warehouse-merge.sh} cannot rot unnoticed. */
class WarehouseMergeBenchTest {

    @Test
    void loadsAndUpdatesEveryRowInDuckDbAndPostgres() throws Exception {
        // chunks of 1000 rather than the export's 100: DuckDB opens and checkpoints its file per load, and this test
        // must stay quick (the other test covers several chunk sizes)
        Options options = Options.parse("2000", "100", "--chunks=1000");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        Report report = WarehouseMergeBench.run(options, new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(WarehouseMergeBench.failures(report)).isEmpty();
        assertThat(report.checks()).hasSize(2).allSatisfy(check -> {
            assertThat(check.contractRows()).isEqualTo(2000);
            assertThat(check.amendedRows()).isEqualTo(200);
            assertThat(check.syncedBySecondPass()).isEqualTo(200);
        });
        assertThat(report.checks()).extracting(TableCheck::database)
                .containsExactly("duckdb", "postgresql");
        assertThat(report.baselineRowsStored()).isEqualTo(200);
        assertThat(report.phases()).filteredOn(phase -> phase.name().equals(WarehouseMergeBench.UPDATE_PASS))
                .hasSize(2)
                .allSatisfy(phase -> {
                    assertThat(phase.complete()).isTrue();
                    assertThat(phase.merged().updated()).isEqualTo(200);
                    assertThat(phase.merged().unchanged()).isEqualTo(1800);
                });
        assertThat(report.phases()).filteredOn(phase -> phase.name().equals(WarehouseMergeBench.CEILING))
                .hasSize(2)
                .allSatisfy(phase -> assertThat(phase.rowsDone()).isEqualTo(2000));

        ByteArrayOutputStream table = new ByteArrayOutputStream();
        WarehouseMergeBench.print(report, new PrintStream(table, true, StandardCharsets.UTF_8));
        assertThat(table.toString(StandardCharsets.UTF_8)).contains("first load (MERGE)", "update pass (MERGE)",
                "baseline row-by-row INSERT", "all counts right");
    }

    @Test
    void reportsPhasesStoppedByThePhaseLimitAsPartialAndStillFillsTheTable() throws Exception {
        Options options = Options.parse("1000", "10", "--chunks=100,1000", "--phase-limit=0s", "--databases=postgresql",
                "--ceiling=false");

        Report report = WarehouseMergeBench.run(options, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(WarehouseMergeBench.failures(report)).isEmpty();
        assertThat(report.phases()).filteredOn(phase -> phase.chunkSize() == 100)
                .extracting(phase -> phase.rowsDone()).containsExactly(100L, 100L);
        assertThat(report.checks()).allSatisfy(check -> assertThat(check.contractRows()).isEqualTo(1000));
        assertThat(report.notes()).anySatisfy(note -> assertThat(note).contains("first load stopped by the phase limit"));
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        WarehouseMergeBench.print(report, new PrintStream(table, true, StandardCharsets.UTF_8));
        assertThat(table.toString(StandardCharsets.UTF_8)).contains("100*");
    }
}
