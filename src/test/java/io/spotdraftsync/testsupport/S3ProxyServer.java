package io.spotdraftsync.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * S3Proxy (org.gaul:s3proxy, Maven Central) on its filesystem backend ({@code filesystem-nio2}), as a separate process on a free loopback
 * port over plain HTTP: its jar with dependencies (copied to {@code target/s3proxy/s3proxy.jar} by the build, see the
 * pom) brings jclouds and a Jetty of its own, which never meet ours. It checks AWS signatures (v2 or v4) against
 * {@link #ACCESS_KEY} / {@link #SECRET_KEY}, unless made {@link #withoutSignatureChecks()} (for a test that puts a
 * proxy in front of it: the proxy's host is not the one signed).
 *
 * <p>What 2.6.0 does with an AWS SDK v2 upload: it refuses any {@code x-amz-*} header it does not know, among them
 * {@code x-amz-checksum-sha256}, {@code x-amz-checksum-crc32} and {@code x-amz-trailer}, with 501 NotImplemented
 * ("A header you provided implies functionality that is not implemented"); it answers an aws-chunked body with a
 * trailing checksum ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}) with 400 XAmzContentSHA256Mismatch; and it
 * ignores {@code If-None-Match} on PUT and on CompleteMultipartUpload (the write goes through, over an existing key).
 */
public final class S3ProxyServer extends ChildS3Server {

    private final boolean checkSignatures;

    public S3ProxyServer() {
        this(true);
    }

    private S3ProxyServer(boolean checkSignatures) {
        super("S3Proxy", "s3proxy.jar", Path.of("target", "s3proxy", "s3proxy.jar"));
        this.checkSignatures = checkSignatures;
    }

    /** One that accepts any request, signed or not. */
    public static S3ProxyServer withoutSignatureChecks() {
        return new S3ProxyServer(false);
    }

    @Override
    public synchronized S3ProxyServer start() {
        super.start();
        return this;
    }

    @Override
    protected List<String> command(String java, Path jar, int port, Path root, Path work) throws IOException {
        Path properties = Files.writeString(work.resolve("s3proxy.properties"), String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=" + (checkSignatures ? "aws-v2-or-v4" : "none"),
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem-nio2",
                "jclouds.identity=unused",
                "jclouds.credential=unused",
                "jclouds.filesystem.basedir=" + root,
                ""));
        return List.of(java, "-Xmx256m", "-jar", jar.toString(), "--properties", properties.toString());
    }

    /** Unsigned, {@code GET /} is 403 AccessDenied: an answer all the same. */
    @Override
    protected boolean isUp(int status) {
        return status > 0;
    }
}
