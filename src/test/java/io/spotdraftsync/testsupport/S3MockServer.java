package io.spotdraftsync.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.util.FileSystemUtils;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Adobe S3Mock, a real S3 implementation, as a separate process on a free loopback port: its executable
 * jar (copied to {@code target/s3mock/s3mock.jar} by the build, see the pom) runs with its own class path,
 * so its Spring Boot and AWS SDK versions never meet ours.
 *
 * <p>As a JUnit 5 extension: {@code @RegisterExtension static final S3MockServer S3 = new S3MockServer();}
 * starts it before the class's tests and stops it after. Or by hand: {@link #start()}, {@link #close()}.
 *
 * <p>The command is {@code java -Xmx512m -jar s3mock.jar --http.port=<port> --server.port=0
 * --com.adobe.testing.s3mock.store.root=<temp dir> --com.adobe.testing.s3mock.store.retain-files-on-exit=false}:
 * {@code http.port} is its plain HTTP port ({@code server.port} the HTTPS one, random here). It accepts any
 * credentials.
 */
public final class S3MockServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    /** Set by Surefire (pom); the fallback serves a test started from an IDE in the module directory. */
    private static final String JAR_PROPERTY = "s3mock.jar";
    private static final Path DEFAULT_JAR = Path.of("target", "s3mock", "s3mock.jar");
    private static final Duration STARTUP = Duration.ofSeconds(120);
    public static final String ACCESS_KEY = "s3mock-access-key";
    public static final String SECRET_KEY = "s3mock-secret-key";

    private final List<String> extraArguments;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private Path root;
    private Path logFile;
    private int port;

    public S3MockServer(String... extraArguments) {
        this.extraArguments = List.of(extraArguments);
    }

    /** Starts the process and waits until it answers; idempotent. */
    public synchronized S3MockServer start() {
        if (process != null) {
            return this;
        }
        Path jar = Path.of(System.getProperty(JAR_PROPERTY, DEFAULT_JAR.toString())).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("S3Mock's jar is missing at " + jar
                    + ": run ./mvnw generate-test-resources (the maven-dependency-plugin copies it there)");
        }
        try {
            root = Files.createTempDirectory("s3mock-store-");
            port = freePort();
            logFile = jar.getParent().resolve("s3mock-" + port + ".log");
            List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m", "-jar", jar.toString(),
                    "--http.port=" + port,
                    "--server.port=0",
                    "--server.address=127.0.0.1",
                    "--com.adobe.testing.s3mock.store.root=" + root,
                    "--com.adobe.testing.s3mock.store.retain-files-on-exit=false"));
            command.addAll(extraArguments);
            // to a file, not a pipe: nobody drains a pipe, and a full one would block the server
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile())).start();
        } catch (IOException failure) {
            throw new UncheckedIOException("could not start S3Mock", failure);
        }
        try {
            await("S3Mock answering on port " + port).atMost(STARTUP).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("S3Mock exited with " + process.exitValue() + ", see " + logFile);
                        }
                        return answers();
                    });
        } catch (RuntimeException failure) {
            close();
            throw failure;
        }
        return this;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        if (process == null) {
            throw new IllegalStateException("S3Mock is not started");
        }
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Creates a bucket (path style: {@code PUT /name}); an existing one of ours is fine. */
    public void createBucket(String name) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint().resolve("/" + name))
                .PUT(HttpRequest.BodyPublishers.noBody()).build());
        if (response.statusCode() != 200 && response.statusCode() != 409) {
            throw new IllegalStateException("S3Mock could not create bucket " + name + ": " + response.statusCode() + " " + response.body());
        }
    }

    /** A path-style client with dummy credentials; the caller closes it. */
    public S3Client newClient() {
        return S3Client.builder()
                .httpClientBuilder(Apache5HttpClient.builder())
                .endpointOverride(endpoint())
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .build();
    }

    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    /** Stops the process (gracefully, then by force) and deletes its files; idempotent. */
    @Override
    public synchronized void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException interrupted) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            process = null;
        }
        if (root != null) {
            try {
                FileSystemUtils.deleteRecursively(root);
            } catch (IOException ignored) {
                // a temp dir: the OS cleans it eventually
            }
            root = null;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private boolean answers() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
