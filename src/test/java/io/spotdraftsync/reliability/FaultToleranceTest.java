package io.spotdraftsync.reliability;

import static io.spotdraftsync.export.ExportEndToEndTest.assertWarehouseEqualsSandbox;
import static io.spotdraftsync.export.ExportEndToEndTest.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import io.spotdraftsync.export.ExportRunner;
import io.spotdraftsync.reconcile.ReconcileRunner;
import io.spotdraftsync.sandbox.FaultSettings;
import io.spotdraftsync.sandbox.SandboxContract;
import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;
import io.spotdraftsync.testsupport.ExportHarness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Full export, incremental export and reconcile against a SpotDraft that misbehaves all along: 10% server
 * errors, 5% dropped connections, bursts of 429s, up to 2 s of latency. Each must still end equal to it.
 */
class FaultToleranceTest {

    @Test
    void everyJobEndsEqualToTheSandboxDespiteFaults(@TempDir Path work) throws Exception {
        FaultSettings faults = FaultSettings.builder()
                .serverErrorProbability(0.10)
                .dropConnectionProbability(0.05)
                .tooManyRequestsBurstProbability(0.01)
                .latencyJitter(Duration.ofMillis(2_000))
                .build();
        try (SpotDraftSandbox sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(150).seed(61)
                .requestsPerSecond(0).documentMinBytes(2_048).documentMaxBytes(8_192).faults(faults).build())) {
            ExportHarness sync = ExportHarness.against(sandbox, work)
                    .with("sync.export.concurrency", 16)
                    .with("sync.export.overlap", "0s")
                    .with("spotdraft.retry.max-attempts", 12)
                    .with("spotdraft.read-timeout", "10s");

            ExportRunner.Outcome full = sync.run(false);
            assertThat(full.completed()).isTrue();
            assertThat(full.summary().apiCalls()).as("faults cost retries").isGreaterThan(full.summary().contractsRead() * 2);
            assertWarehouseEqualsSandbox(work, sandbox);

            sandbox.mutate(30);
            ExportRunner.Outcome incremental = sync.run(false);
            assertThat(incremental.completed()).isTrue();
            assertThat(incremental.run().mode()).isEqualTo("incremental");
            assertWarehouseEqualsSandbox(work, sandbox);

            sandbox.mutate(20);
            ReconcileRunner.Outcome reconcile = sync.reconcile(false, false);
            assertThat(reconcile.completed()).isTrue();
            assertWarehouseEqualsSandbox(work, sandbox);
            assertThat(count(work, "SELECT count(*) FROM contracts WHERE _deleted"))
                    .isEqualTo(sandbox.contracts().stream().filter(SandboxContract::deleted).count());
            assertThat(sandbox.stats().faultsInjected()).isPositive();
        }
    }
}
