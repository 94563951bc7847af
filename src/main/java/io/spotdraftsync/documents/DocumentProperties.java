package io.spotdraftsync.documents;

import java.net.URI;
import java.nio.file.Path;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where documents are stored and how they get there.
 *
 * @param location {@code file:<directory>} or {@code s3://<bucket>[/<prefix>]}; see {@link DocumentLocation}
 * @param tempDir  where bodies are spooled before upload (they can be up to a gigabyte each: point it at a
 *                 disk, for example {@code ./data/tmp}, where the system temp dir is a small tmpfs); default
 *                 the system temp dir
 * @param s3       the S3 client, for an {@code s3://} location
 * @param allowPrivateDownloadHosts accept signed document URLs whose host is a private or link-local address (10/8,
 *                 172.16/12, 192.168/16, 169.254/16, fc00::/7, ...): a document storage inside your network. Refused by
 *                 default, so that a download link cannot make this process reach internal services
 * @param maxBytes the largest document downloaded, checked on its declared length and while it streams; a larger one
 *                 fails its contract
 */
@ConfigurationProperties("sync.documents")
@Validated
public record DocumentProperties(
        @DefaultValue("file:./data/documents") String location,
        Path tempDir,
        @DefaultValue @Valid @NotNull S3 s3,
        @DefaultValue("false") boolean allowPrivateDownloadHosts,
        @DefaultValue("2GB") @NotNull DataSize maxBytes) {

    /** S3 allows parts of 5 MiB to 5 GiB, the last one excepted. */
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;

    /**
     * @param region             AWS region; default the SDK's region chain ({@code AWS_REGION}, profile, instance
     *                           metadata), or {@code us-east-1} when an endpoint is given
     * @param endpoint           an S3-compatible store's URL (MinIO, Ceph, R2, a test double); default AWS
     * @param pathStyle          {@code host/bucket/key} addressing, which most S3-compatible stores need
     * @param multipartThreshold bodies of at least this size go up as a multipart upload, smaller ones in one PUT
     * @param partSize           size of each multipart part, streamed from the temporary file
     * @param uploadMode         how uploads are framed and checked ({@link UploadMode}); default {@code aws} without an
     *                           endpoint, {@code plain} with one
     */
    public record S3(
            String region,
            URI endpoint,
            @DefaultValue("false") boolean pathStyle,
            @DefaultValue("16MB") @NotNull DataSize multipartThreshold,
            @DefaultValue("16MB") @NotNull DataSize partSize,
            UploadMode uploadMode) {

        /** {@code upload-mode}, or its default: {@code aws} on AWS, {@code plain} where an endpoint is set. */
        public UploadMode effectiveUploadMode() {
            return uploadMode != null ? uploadMode : endpoint == null ? UploadMode.AWS : UploadMode.PLAIN;
        }

        @AssertTrue(message = "sync.documents.s3.part-size must be between 5MB and 5GB (S3's limits for a multipart part)")
        public boolean isPartSizeValid() {
            return partSize == null || (partSize.toBytes() >= MIN_PART_SIZE && partSize.toBytes() <= MAX_PART_SIZE);
        }

        @AssertTrue(message = "sync.documents.s3.multipart-threshold must be at least 5MB (the smallest part S3 accepts; smaller bodies go up in one PUT)")
        public boolean isMultipartThresholdValid() {
            return multipartThreshold == null || multipartThreshold.toBytes() >= MIN_PART_SIZE;
        }

        @AssertTrue(message = "sync.documents.s3.endpoint must be an absolute http(s) URL, for example http://127.0.0.1:9000")
        public boolean isEndpointValid() {
            return endpoint == null || (("http".equalsIgnoreCase(endpoint.getScheme()) || "https".equalsIgnoreCase(endpoint.getScheme()))
                    && endpoint.getHost() != null);
        }
    }

    /** {@code sync.documents.s3.upload-mode}: how a document goes up, and what S3 is asked to check on the way. */
    public enum UploadMode {
        /**
         * The AWS SDK's defaults (streamed aws-chunked bodies with trailing checksums where it chooses), and the
         * document's SHA-256 sent as {@code x-amz-checksum-sha256} (per part for a multipart upload), so that S3
         * refuses bytes that differ from the ones downloaded.
         */
        AWS,
        /**
         * What every S3 implementation reads: a {@code Content-Length} body without aws-chunked framing (its hash
         * signed whole over HTTP, {@code UNSIGNED-PAYLOAD} over HTTPS) and checksums only where an operation
         * requires one.
         */
        PLAIN
    }

    @AssertTrue(message = DocumentLocation.MESSAGE)
    public boolean isLocationValid() {
        try {
            DocumentLocation.parse(location);
            return true;
        } catch (IllegalArgumentException invalid) {
            return false;
        }
    }

    @AssertTrue(message = "sync.documents.max-bytes must be at least 1B, for example 2GB")
    public boolean isMaxBytesValid() {
        return maxBytes == null || maxBytes.toBytes() >= 1;
    }

    public DocumentLocation parsedLocation() {
        return DocumentLocation.parse(location);
    }

    /** The spool directory: {@code temp-dir}, or the system temp dir. */
    public Path temporaryDirectory() {
        return (tempDir != null ? tempDir : Path.of(System.getProperty("java.io.tmpdir"))).toAbsolutePath().normalize();
    }
}
