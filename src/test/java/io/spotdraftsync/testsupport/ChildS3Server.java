package io.spotdraftsync.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.util.FileSystemUtils;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * An S3 implementation from Maven Central, run as a separate process on a free loopback port over plain HTTP: its
 * executable jar (copied under {@code target/} by the build, see the pom) runs with its own class path, so its
 * libraries never meet ours. Every one takes the credentials {@link #ACCESS_KEY} / {@link #SECRET_KEY}.
 *
 * <p>As a JUnit 5 extension: {@code @RegisterExtension static final S3MockServer S3 = new S3MockServer();}
 * starts it before the class's tests and stops it after. Or by hand: {@link #start()}, {@link #close()}.
 */
public abstract class ChildS3Server implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    public static final String ACCESS_KEY = "s3mock-access-key";
    public static final String SECRET_KEY = "s3mock-secret-key";

    private final String name;
    private final String jarProperty;
    private final Path defaultJar;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private Path root;
    private Path logFile;
    private int port;

    /**
     * @param jarProperty the system property naming the jar (set by Surefire, see the pom)
     * @param defaultJar  where it is when the property is unset (a test started from an IDE in the module directory)
     */
    protected ChildS3Server(String name, String jarProperty, Path defaultJar) {
        this.name = name;
        this.jarProperty = jarProperty;
        this.defaultJar = defaultJar;
    }

    /** The command that serves {@code root} on {@code 127.0.0.1:port}; {@code work} is a directory for its files. */
    protected abstract List<String> command(String java, Path jar, int port, Path root, Path work) throws IOException;

    /** Whether an answer to {@code GET /} means the server is up. */
    protected abstract boolean isUp(int status);

    /** Starts the process and waits until it answers; idempotent. */
    public synchronized ChildS3Server start() {
        if (process != null) {
            return this;
        }
        Path jar = Path.of(System.getProperty(jarProperty, defaultJar.toString())).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + "'s jar is missing at " + jar
                    + ": run ./mvnw generate-test-resources (the maven-dependency-plugin copies it there)");
        }
        try {
            root = Files.createTempDirectory(name.toLowerCase(java.util.Locale.ROOT) + "-store-");
            port = freePort();
            logFile = jar.getParent().resolve(name.toLowerCase(java.util.Locale.ROOT) + "-" + port + ".log");
            List<String> command = command(Path.of(System.getProperty("java.home"), "bin", "java").toString(), jar, port,
                    Files.createDirectories(root.resolve("objects")), root);
            // to a file, not a pipe: nobody drains a pipe, and a full one would block the server
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile())).start();
        } catch (IOException failure) {
            throw new UncheckedIOException("could not start " + name, failure);
        }
        try {
            await(name + " answering on port " + port).atMost(STARTUP).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(name + " exited with " + process.exitValue() + ", see " + logFile);
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
            throw new IllegalStateException(name + " is not started");
        }
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Creates a bucket; an existing one of ours is fine. */
    public void createBucket(String bucket) {
        try (S3Client client = newClient()) {
            client.createBucket(create -> create.bucket(bucket));
        } catch (BucketAlreadyOwnedByYouException | BucketAlreadyExistsException ours) {
            // created by an earlier test of the class
        }
    }

    /**
     * A path-style client for the test's own reads and writes, in the plain upload mode every implementation reads
     * (Content-Length bodies, no aws-chunked framing, checksums only where required); the caller closes it.
     */
    public S3Client newClient() {
        return S3Client.builder()
                .httpClientBuilder(Apache5HttpClient.builder())
                .endpointOverride(endpoint())
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
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

    @Override
    public String toString() {
        return name;
    }

    private boolean answers() {
        try {
            return isUp(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
