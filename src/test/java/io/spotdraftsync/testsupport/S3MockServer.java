package io.spotdraftsync.testsupport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
public final class S3MockServer extends ChildS3Server {

    private final List<String> extraArguments;

    public S3MockServer(String... extraArguments) {
        super("S3Mock", "s3mock.jar", Path.of("target", "s3mock", "s3mock.jar"));
        this.extraArguments = List.of(extraArguments);
    }

    @Override
    public synchronized S3MockServer start() {
        super.start();
        return this;
    }

    @Override
    protected List<String> command(String java, Path jar, int port, Path root, Path work) {
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-jar", jar.toString(),
                "--http.port=" + port,
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--com.adobe.testing.s3mock.store.root=" + root,
                "--com.adobe.testing.s3mock.store.retain-files-on-exit=false"));
        command.addAll(extraArguments);
        return command;
    }

    @Override
    protected boolean isUp(int status) {
        return status == 200;
    }
}
