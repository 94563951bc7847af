package io.spotdraftsync.reliability;

import static io.spotdraftsync.export.ExportEndToEndTest.assertWarehouseEqualsSandbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.spotdraftsync.SpotdraftSyncApplication;
import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;
import io.spotdraftsync.sandbox.WebhookDeliverySettings;
import io.spotdraftsync.testsupport.SyncProcess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rolling restart of {@code serve} during its first export, on the embedded defaults (the H2 job repository
 * {@code ./data/jobs;AUTO_SERVER=TRUE}, DuckDB and documents under {@code ./data/}): SIGTERM while the export runs and
 * webhook deliveries wait in the inbox, then a new {@code serve} on the same {@code data/}. The stopped run is left
 * STOPPED (not STARTED, no step UNKNOWN), the new process resumes it by itself, then runs the queued webhooks: the
 * warehouse equals the source, changes included, for about the API calls of one uninterrupted export.
 */
class ServeRestartResumesTest {

    /** As InterruptedCommandResumesTest: the list page read ahead when the stop comes is the work redone (about 10%). */
    private static final int CONTRACTS = 1000;
    private static final int CHANGED = 15;
    private static final double MAX_OVERHEAD = 1.15;

    @Test
    void serveStoppedBySigtermDuringItsFirstExportIsResumedByTheNextServeWithItsWebhooks(@TempDir Path work) throws Exception {
        try (SpotDraftSandbox sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(CONTRACTS).seed(205)
                .requestsPerSecond(0).documentMinBytes(2_048).documentMaxBytes(8_192).build())) {
            Path baselineDirectory = Files.createDirectories(work.resolve("baseline"));
            Process baseline = start(work.resolve("baseline.log"), baselineDirectory, export(sandbox));
            assertThat(baseline.waitFor()).as("uninterrupted export; output: %s", SyncProcess.tail(work.resolve("baseline.log")))
                    .isZero();
            long uninterrupted = sandbox.stats().requestsServed();
            sandbox.resetStats();

            Path data = Files.createDirectories(work.resolve("serve"));
            Path firstLog = work.resolve("serve-1.log");
            int firstPort = freePort();
            Process first = start(firstLog, data, serve(sandbox, firstPort));
            sandbox.setWebhookDelivery(WebhookDeliverySettings.builder().target(webhookUrl(firstPort)).build());
            long interruptAt = uninterrupted * 2 / 5;
            await().atMost(Duration.ofSeconds(120)).until(() -> sandbox.stats().requestsServed() >= interruptAt || !first.isAlive());
            assertThat(first.isAlive()).as("serve still exporting; output: %s", SyncProcess.tail(firstLog)).isTrue();
            try {
                List<String> changed = change(sandbox);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> sandbox.stats().webhooksSent() + sandbox.stats().webhooksFailed() >= changed.size());
            } finally {
                first.destroy(); // SIGTERM, as Kubernetes sends it
                assertThat(first.waitFor(90, TimeUnit.SECONDS)).as("serve exited after SIGTERM").isTrue();
            }
            long beforeRestart = sandbox.stats().requestsServed();
            sandbox.setWebhookDelivery(WebhookDeliverySettings.builder().enabled(false).build());

            try (Connection jobs = DriverManager.getConnection(h2Url(data, false), "", "")) {
                assertThat(strings(jobs, "SELECT e.status FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i "
                        + "ON e.job_instance_id = i.job_instance_id WHERE i.job_name = 'export'"))
                        .as("the export stopped by SIGTERM; output: %s", SyncProcess.tail(firstLog)).containsExactly("STOPPED");
                assertThat(strings(jobs, "SELECT step_name || ' ' || status FROM BATCH_STEP_EXECUTION "
                        + "WHERE status NOT IN ('COMPLETED', 'STOPPED', 'FAILED', 'ABANDONED')")).as("steps left running").isEmpty();
                assertThat(number(jobs, "SELECT count(*) FROM webhook_inbox WHERE status = 'pending'"))
                        .as("webhook deliveries queued when serve stopped").isPositive();
            }

            Path secondLog = work.resolve("serve-2.log");
            int secondPort = freePort();
            long restartedAt = System.nanoTime();
            Process second = start(secondLog, data, serve(sandbox, secondPort));
            try {
                await().atMost(Duration.ofSeconds(60)).failFast("serve exited: " + SyncProcess.tail(secondLog), () -> !second.isAlive())
                        .until(() -> listening(secondPort));
                // serve holds the H2 file; this process reaches it through the AUTO_SERVER socket
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                        .failFast("serve exited: " + SyncProcess.tail(secondLog), () -> !second.isAlive())
                        .until(() -> exportsCompleted(data) == 1);
                double secondsToExport = (System.nanoTime() - restartedAt) / 1e9;
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                        .failFast("serve exited: " + SyncProcess.tail(secondLog), () -> !second.isAlive())
                        .until(() -> pendingEvents(data) == 0);
                double secondsToWebhooks = (System.nanoTime() - restartedAt) / 1e9;
                long both = sandbox.stats().requestsServed();

                System.out.printf("serve restarted by SIGTERM during its first export: uninterrupted export %d API calls; "
                        + "stopped after %d; with the resumed export and the %d queued webhook changes %d in all (%.2fx); "
                        + "the export completed %.1f s after the restart, the webhook changes %.1f s after it%n",
                        uninterrupted, beforeRestart, CHANGED, both, (double) both / uninterrupted, secondsToExport,
                        secondsToWebhooks);
                assertThat(SyncProcess.tail(secondLog)).as("the new serve resumed the stopped export")
                        .contains("Resuming unfinished full run").doesNotContain("Abandoning");
                assertThat(both).as("API calls of both processes (stopped after %d)", beforeRestart)
                        .isLessThanOrEqualTo(Math.round(uninterrupted * MAX_OVERHEAD));
                assertThat(number(DriverManager.getConnection(h2Url(data, true), "", ""),
                        "SELECT count(*) FROM webhook_inbox WHERE status <> 'done'")).as("webhook events not done").isZero();
            } finally {
                second.destroy();
                assertThat(second.waitFor(90, TimeUnit.SECONDS)).as("serve exited after SIGTERM").isTrue();
            }
            assertWarehouseEqualsSandbox(data.resolve("data"), sandbox);
        }
    }

    /**
     * Changes spread over the listing (some read before the stop, some not), each sending a webhook. No creation or
     * deletion: those shift the list pages under an export, which the reconcile job (not this test) is for.
     */
    private static List<String> change(SpotDraftSandbox sandbox) {
        List<String> all = sandbox.contracts().stream().map(contract -> contract.compositeId()).toList();
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < CHANGED; i++) {
            String id = all.get(i * all.size() / CHANGED);
            switch (i % 3) {
                case 0 -> sandbox.renameContract(id);
                case 1 -> {
                    if (sandbox.contract(id).status().name().equals("VOIDED") || sandbox.contract(id).status().name().equals("EXECUTED")) {
                        sandbox.renameContract(id);
                    } else {
                        sandbox.advanceStatus(id);
                    }
                }
                default -> sandbox.uploadNewVersion(id);
            }
            changed.add(id);
        }
        return changed;
    }

    private static long exportsCompleted(Path data) throws SQLException {
        try (Connection jobs = DriverManager.getConnection(h2Url(data, true), "", "")) {
            return number(jobs, "SELECT count(*) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i "
                    + "ON e.job_instance_id = i.job_instance_id WHERE i.job_name = 'export' AND e.status = 'COMPLETED'");
        }
    }

    private static long pendingEvents(Path data) throws SQLException {
        try (Connection jobs = DriverManager.getConnection(h2Url(data, true), "", "")) {
            return number(jobs, "SELECT count(*) FROM webhook_inbox WHERE status = 'pending'");
        }
    }

    private static String h2Url(Path data, boolean throughServe) {
        return "jdbc:h2:file:" + data.resolve("data").resolve("jobs").toAbsolutePath() + (throughServe ? ";AUTO_SERVER=TRUE" : "");
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static long number(Connection connection, String sql) throws SQLException {
        try (connection; Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Every default but the SpotDraft connection: the job repository, warehouse and documents under ./data/. */
    private static List<String> serve(SpotDraftSandbox sandbox, int port) {
        List<String> arguments = new ArrayList<>(List.of("serve", "--port=" + port,
                "--sync.admin.token=serve-restart-test-token-0123456789"));
        arguments.addAll(connection(sandbox));
        return arguments;
    }

    private static List<String> export(SpotDraftSandbox sandbox) {
        List<String> arguments = new ArrayList<>(List.of("export", "--full"));
        arguments.addAll(connection(sandbox));
        return arguments;
    }

    /** Requests per second low enough that SIGTERM lands midway, the same for the baseline. */
    private static List<String> connection(SpotDraftSandbox sandbox) {
        return List.of("--spotdraft.base-url=" + sandbox.baseUrl(), "--spotdraft.client-id=sandbox",
                "--spotdraft.client-secret=sandbox-secret", "--spotdraft.workspace=acme", "--spotdraft.requests-per-second=200");
    }

    /** The application in a child process working in {@code directory} (where its ./data/ goes). */
    private static Process start(Path log, Path directory, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), SpotdraftSyncApplication.class.getName()));
        command.addAll(arguments);
        return new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** A port the OS just gave out (serve's --port has to be known before it starts: the sandbox delivers to it). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static URI webhookUrl(int port) {
        return URI.create("http://127.0.0.1:" + port + "/webhooks/spotdraft");
    }
}
