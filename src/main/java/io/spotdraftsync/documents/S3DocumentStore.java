package io.spotdraftsync.documents;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Documents as S3 objects, {@code {prefix}{workspace}/{contract_id}/{version}-{sha256}.pdf}, written once:
 * a PUT (or the multipart upload's completion) carries {@code If-None-Match: *}, and S3's 412 Precondition
 * Failed means the key is already there, which counts as success. The body is uploaded from the spooled
 * file: one PUT below {@code multipart-threshold}, else a multipart upload whose parts are streamed from the
 * file, aborted on failure so no orphan parts are billed.
 */
public final class S3DocumentStore implements DocumentStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3DocumentStore.class);
    private static final String CONTENT_TYPE = "application/pdf";
    private static final int MAX_PARTS = 10_000;
    private static final int PRECONDITION_FAILED = 412;
    private static final int NOT_FOUND = 404;
    /** Real S3 answers 409 to a conditional write racing another one on the same key: try again, then it is 412. */
    private static final int CONFLICT = 409;
    private static final int CONFLICT_ATTEMPTS = 3;
    private static final java.time.Duration HEALTH_CHECK_TIMEOUT = java.time.Duration.ofSeconds(2);

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final long multipartThreshold;
    private final long partSize;
    private final Path temporaryDirectory;
    private final DocumentMetrics metrics;

    public S3DocumentStore(S3Client s3, DocumentLocation.S3 location, DocumentProperties.S3 settings,
                           Path temporaryDirectory, MeterRegistry registry) {
        this.s3 = s3;
        this.bucket = location.bucket();
        this.prefix = location.prefix();
        this.multipartThreshold = settings.multipartThreshold().toBytes();
        this.partSize = settings.partSize().toBytes();
        this.temporaryDirectory = temporaryDirectory.toAbsolutePath().normalize();
        this.metrics = new DocumentMetrics(registry, "s3");
    }

    /**
     * The plain synchronous client on the Apache HTTP client (no CRT native library).
     *
     * @param credentials the standard chain ({@code DefaultCredentialsProvider}) in production
     */
    public static S3Client client(DocumentProperties.S3 settings, AwsCredentialsProvider credentials) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(Apache5HttpClient.builder())
                .credentialsProvider(credentials)
                .region(region(settings))
                .forcePathStyle(settings.pathStyle());
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder.build();
    }

    private static Region region(DocumentProperties.S3 settings) {
        if (settings.region() != null && !settings.region().isBlank()) {
            return Region.of(settings.region().trim());
        }
        if (settings.endpoint() != null) {
            return Region.US_EAST_1;          // S3-compatible stores mostly ignore it, but the signature names one
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkException none) {
            throw new IllegalStateException("set sync.documents.s3.region (or AWS_REGION) for an s3:// sync.documents.location", none);
        }
    }

    @Override
    public StoredDocument storeFile(DocumentKey key, TemporaryDocument file) throws IOException {
        String objectKey = prefix + key.objectKey(file.sha256());
        boolean written;
        try {
            written = file.bytes() >= multipartThreshold
                    ? !alreadyThere(objectKey) && multipartUpload(objectKey, file)   // no gigabyte re-sent for nothing
                    : putObject(objectKey, file);
        } catch (SdkException failure) {
            throw new IOException("could not store " + uri(objectKey) + ": " + failure.getMessage(), failure);
        }
        StoredDocument stored = new StoredDocument(objectKey, file.sha256(), file.bytes(), written);
        metrics.record(key, stored);
        log.debug("{} {} ({} bytes)", written ? "Stored" : "Already stored", uri(objectKey), file.bytes());
        return stored;
    }

    /** @return false on 412: the key exists */
    private boolean putObject(String objectKey, TemporaryDocument file) {
        PutObjectRequest request = PutObjectRequest.builder()
                .bucket(bucket).key(objectKey)
                .ifNoneMatch("*")
                .contentType(CONTENT_TYPE)
                .contentLength(file.bytes())
                .metadata(Map.of("sha256", file.sha256()))
                // S3 checks the bytes it received against the digest of the bytes we downloaded
                .checksumSHA256(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(file.sha256())))
                .build();
        for (int attempt = 1; ; attempt++) {
            try {
                s3.putObject(request, RequestBody.fromFile(file.path()));
                return true;
            } catch (S3Exception failure) {
                if (failure.statusCode() == PRECONDITION_FAILED) {
                    return false;
                }
                if (failure.statusCode() != CONFLICT || attempt >= CONFLICT_ATTEMPTS) {
                    throw failure;
                }
            }
        }
    }

    /** Package-private so a test can drive the completion's own 412 past the existence check. */
    boolean multipartUpload(String objectKey, TemporaryDocument file) throws IOException {
        long size = file.bytes();
        // S3 allows 10,000 parts: grow the part for a body that would need more
        long part = Math.max(partSize, (size + MAX_PARTS - 1) / MAX_PARTS);
        String uploadId = s3.createMultipartUpload(create -> create.bucket(bucket).key(objectKey)
                .contentType(CONTENT_TYPE).metadata(Map.of("sha256", file.sha256()))
                .checksumAlgorithm(ChecksumAlgorithm.CRC32)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            for (long offset = 0; offset < size; offset += part, number++) {
                long length = Math.min(part, size - offset);
                UploadPartRequest request = UploadPartRequest.builder().bucket(bucket).key(objectKey).uploadId(uploadId)
                        .partNumber(number).contentLength(length).checksumAlgorithm(ChecksumAlgorithm.CRC32).build();
                UploadPartResponse uploaded;
                try (FileSlice slice = new FileSlice(file.path(), offset, length)) {
                    uploaded = s3.uploadPart(request, RequestBody.fromContentProvider(slice, length, "application/octet-stream"));
                }
                parts.add(CompletedPart.builder().partNumber(number).eTag(uploaded.eTag())
                        .checksumCRC32(uploaded.checksumCRC32()).build());
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    s3.completeMultipartUpload(complete -> complete.bucket(bucket).key(objectKey).uploadId(uploadId)
                            .ifNoneMatch("*").multipartUpload(upload -> upload.parts(parts)));
                    return true;
                } catch (S3Exception failure) {
                    if (failure.statusCode() == PRECONDITION_FAILED) {
                        abort(objectKey, uploadId, null);
                        return false;
                    }
                    if (failure.statusCode() != CONFLICT || attempt >= CONFLICT_ATTEMPTS) {
                        throw failure;
                    }
                }
            }
        } catch (IOException | RuntimeException failure) {
            abort(objectKey, uploadId, failure);
            throw failure;
        }
    }

    private void abort(String objectKey, String uploadId, Exception cause) {
        try {
            s3.abortMultipartUpload(abort -> abort.bucket(bucket).key(objectKey).uploadId(uploadId));
        } catch (SdkException abortFailed) {
            // the bucket's lifecycle rule for incomplete uploads is the safety net
            log.warn("Could not abort the multipart upload of {}: {}", uri(objectKey), abortFailed.getMessage());
            if (cause != null) {
                cause.addSuppressed(abortFailed);
            }
        }
    }

    @Override
    public TemporaryDocument newTemporaryDocument() throws IOException {
        return TemporaryDocument.create(temporaryDirectory);
    }

    @Override
    public boolean exists(String objectKey) throws IOException {
        try {
            return headExists(objectKey);
        } catch (SdkException failure) {
            throw new IOException("could not look up " + uri(objectKey) + ": " + failure.getMessage(), failure);
        }
    }

    /**
     * The check before a multipart upload, only an optimisation (the completion is conditional anyway): a role
     * without s3:ListBucket gets 403 rather than 404 for a missing key, which must not stop the upload.
     */
    private boolean alreadyThere(String objectKey) {
        try {
            return headExists(objectKey);
        } catch (S3Exception failure) {
            if (failure.statusCode() == 403) {
                return false;
            }
            throw failure;
        }
    }

    private boolean headExists(String objectKey) {
        try {
            s3.headObject(head -> head.bucket(bucket).key(objectKey));
            return true;
        } catch (S3Exception failure) {
            if (failure.statusCode() == NOT_FOUND) {
                return false;
            }
            throw failure;
        }
    }

    @Override
    public Optional<StoredDocument> find(DocumentKey key) throws IOException {
        String directory = prefix + key.directory() + "/";
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket)
                .prefix(directory + key.fileNamePrefix()).build();
        try {
            // S3 lists in key order, so the first match is the lexically first key
            for (S3Object object : s3.listObjectsV2Paginator(request).contents()) {
                String sha256 = key.sha256Of(object.key().substring(directory.length()));
                if (sha256 != null) {
                    return Optional.of(new StoredDocument(object.key(), sha256, object.size(), false));
                }
            }
            return Optional.empty();
        } catch (SdkException failure) {
            throw new IOException("could not list " + uri(directory) + ": " + failure.getMessage(), failure);
        }
    }

    @Override
    public void check() throws IOException {
        try (TemporaryDocument probe = newTemporaryDocument()) {
            probe.path();
        }
        try {
            // bounded: a probe must answer within the kubelet's timeout rather than wait out the SDK's retries
            s3.headBucket(head -> head.bucket(bucket)
                    .overrideConfiguration(call -> call.apiCallTimeout(HEALTH_CHECK_TIMEOUT)));
        } catch (SdkException failure) {
            throw new IOException("HeadBucket of s3://" + bucket + " failed: " + failure.getMessage(), failure);
        }
    }

    @Override
    public String describe() {
        return prefix.isEmpty() ? "s3://" + bucket : "s3://" + bucket + "/" + prefix.substring(0, prefix.length() - 1);
    }

    public String bucket() {
        return bucket;
    }

    @Override
    public void close() {
        s3.close();
    }

    private String uri(String objectKey) {
        return "s3://" + bucket + "/" + objectKey;
    }
}
