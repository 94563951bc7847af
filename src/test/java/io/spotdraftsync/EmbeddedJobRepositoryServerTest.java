package io.spotdraftsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded H2 job repository of the defaults ({@code jdbc:h2:file:./data/jobs;AUTO_SERVER=TRUE}): while
 * {@code serve} holds it, its server socket (which lets a CLI command use the same file) listens on 127.0.0.1 only,
 * never on the machine's other addresses; a second process still reaches the database through it.
 */
class EmbeddedJobRepositoryServerTest {

    @TempDir
    Path work;

    @Test
    void serveOpensTheJobRepositoryServerOnLoopbackOnlyAndAnotherProcessStillUsesIt() throws Exception {
        Path log = work.resolve("serve.log");
        // `serve` as a user starts it, in its own working directory: every default, the embedded sandbox
        Process serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-cp", System.getProperty("java.class.path"), SpotdraftSyncApplication.class.getName(), "serve", "--port=0",
                "--sync.embedded-sandbox.contracts=5", "--sync.embedded-sandbox.mutations-per-minute=0",
                "--sync.schedule.enabled=false")
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Path lock = work.resolve("data").resolve("jobs.lock.db");
            String server = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .failFast("serve exited: " + tail(log), () -> !serve.isAlive())
                    .until(() -> serverOf(lock), address -> address != null);
            String host = server.substring(0, server.lastIndexOf(':'));
            int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));

            assertThat(InetAddress.getByName(host).isLoopbackAddress()).as("the address H2 tells other processes: %s", host)
                    .isTrue();
            try (Socket loopback = new Socket()) {
                loopback.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            }
            List<InetAddress> others = nonLoopbackAddresses();
            for (InetAddress other : others) {
                assertThatIOException().as("port %d on %s", port, other).isThrownBy(() -> {
                    try (Socket remote = new Socket()) {
                        remote.connect(new InetSocketAddress(other, port), 2000);
                    }
                });
            }

            // a second process (this test's JVM, as a CLI command would) uses the database serve holds open
            String url = "jdbc:h2:file:" + work.resolve("data").resolve("jobs").toAbsolutePath() + ";AUTO_SERVER=TRUE";
            try (Connection connection = DriverManager.getConnection(url, "", "");
                 ResultSet tables = connection.createStatement().executeQuery(
                         "SELECT count(*) FROM information_schema.tables WHERE table_name = 'BATCH_JOB_INSTANCE'")) {
                tables.next();
                assertThat(tables.getInt(1)).isEqualTo(1);
            }
            System.out.printf("H2 server of serve at %s; refused on %s%n", server, others);
        } finally {
            serve.destroy();
            if (!serve.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                serve.destroyForcibly().waitFor();
            }
        }
    }

    /** The {@code server} entry of H2's lock file ({@code host:port}), once the server is up. */
    private static String serverOf(Path lock) throws IOException {
        if (!Files.exists(lock)) {
            return null;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(lock)) {
            properties.load(in);
        } catch (IOException beingWritten) {
            return null;
        }
        return properties.getProperty("server");
    }

    private static List<InetAddress> nonLoopbackAddresses() throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (network.isUp() && !network.isLoopback()) {
                Collections.list(network.getInetAddresses()).stream()
                        .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                        .forEach(addresses::add);
            }
        }
        return addresses;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException unreadable) {
            return unreadable.toString();
        }
    }
}
