package io.spotdraftsync.documents;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

import io.spotdraftsync.documents.DocumentProperties.UploadMode;

/**
 * Documents as S3 objects, {@code {prefix}{workspace}/{contract_id}/{version}-{sha256}.pdf}, written once:
 * a PUT (or the multipart upload's completion) carries {@code If-None-Match: *}, and S3's 412 Precondition
 * Failed means the key is already there, which counts as success. The body is uploaded from the spooled
 * file: one PUT below {@code multipart-threshold}, else a multipart upload whose parts are streamed from the
 * file, aborted on failure so no orphan parts are billed.
 *
 * <p>Every upload is then checked with a HeadObject: the size must be the bytes sent, and a checksum the store
 * returns (or a single PUT's ETag, an MD5) the engine's; otherwise the store fails with a message naming the
 * contract, the endpoint and the settings to look at, and nothing is recorded as stored. A key found already there
 * with another size is replaced (its key names the sha256 of the bytes in hand). A store that refuses
 * {@code If-None-Match} (501, 400, NotImplemented) falls back to HeadObject, then the write, once detected.
 * How the bytes travel is {@link UploadMode}.
 */
public final class S3DocumentStore implements DocumentStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3DocumentStore.class);
    private static final String CONTENT_TYPE = "application/pdf";
    private static final int MAX_PARTS = 10_000;
    private static final int PRECONDITION_FAILED = 412;
    private static final int NOT_FOUND = 404;
    private static final int FORBIDDEN = 403;
    private static final int BAD_REQUEST = 400;
    private static final int NOT_IMPLEMENTED = 501;
    private static final Set<String> BODY_ERRORS = Set.of("BadDigest", "InvalidDigest",
            "XAmzContentSHA256Mismatch", "IncompleteBody", "EntityTooSmall", "EntityTooLarge", "InvalidPart", "InvalidPartOrder");
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
    private final UploadMode uploadMode;
    private final boolean hasEndpoint;
    /** The endpoint for messages (no user info, query or path), or AWS S3. */
    private final String endpointName;
    /** Until the store refuses {@code If-None-Match: *}. */
    private final AtomicBoolean conditionalWrites = new AtomicBoolean(true);

    public S3DocumentStore(S3Client s3, DocumentLocation.S3 location, DocumentProperties.S3 settings,
                           Path temporaryDirectory, MeterRegistry registry) {
        this.s3 = s3;
        this.bucket = location.bucket();
        this.prefix = location.prefix();
        this.multipartThreshold = settings.multipartThreshold().toBytes();
        this.partSize = settings.partSize().toBytes();
        this.temporaryDirectory = temporaryDirectory.toAbsolutePath().normalize();
        this.metrics = new DocumentMetrics(registry, "s3");
        this.uploadMode = settings.effectiveUploadMode();
        this.hasEndpoint = settings.endpoint() != null;
        this.endpointName = hasEndpoint ? settings.endpoint().getScheme() + "://" + settings.endpoint().getHost()
                + (settings.endpoint().getPort() < 0 ? "" : ":" + settings.endpoint().getPort()) : "AWS S3";
    }

    /**
     * The plain synchronous client on the Apache HTTP client (no CRT native library). In {@code plain} upload mode,
     * bodies go with a Content-Length and no aws-chunked framing (the SDK then signs the payload's hash over HTTP,
     * and sends {@code UNSIGNED-PAYLOAD} over HTTPS), and checksums only where an operation requires one: what
     * S3-compatible stores read. These builder settings win over {@code AWS_REQUEST_CHECKSUM_CALCULATION}.
     *
     * @param credentials the standard chain ({@code DefaultCredentialsProvider}) in production
     */
    public static S3Client client(DocumentProperties.S3 settings, AwsCredentialsProvider credentials) {
        return clientBuilder(settings, credentials).build();
    }

    /** Package-private so that a test can watch the requests the client would send. */
    static S3ClientBuilder clientBuilder(DocumentProperties.S3 settings, AwsCredentialsProvider credentials) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(Apache5HttpClient.builder())
                .credentialsProvider(credentials)
                .region(region(settings))
                .forcePathStyle(settings.pathStyle());
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        if (settings.effectiveUploadMode() == UploadMode.PLAIN) {
            builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build());
        }
        return builder;
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
            written = store(key, objectKey, file);
        } catch (SdkException failure) {
            throw new IOException("could not store " + uri(objectKey) + ": " + failure.getMessage() + uploadModeHint(failure), failure);
        }
        StoredDocument stored = new StoredDocument(objectKey, file.sha256(), file.bytes(), written);
        metrics.record(key, stored);
        log.debug("{} {} ({} bytes)", written ? "Stored" : "Already stored", uri(objectKey), file.bytes());
        return stored;
    }

    /** @return false when the key already held the document */
    private boolean store(DocumentKey key, String objectKey, TemporaryDocument file) throws IOException {
        if (file.bytes() >= multipartThreshold) {
            // no gigabyte re-sent for nothing (the completion is conditional anyway)
            HeadObjectResponse existing = headIfVisible(objectKey);
            if (existing != null) {
                return keepOrReplace(key, objectKey, file, existing);
            }
        }
        Sent sent = upload(objectKey, file, true);
        if (sent == null) {
            return keepOrReplace(key, objectKey, file, headIfVisible(objectKey));
        }
        verify(key, objectKey, file, sent);
        return true;
    }

    /**
     * The key is there (or was a moment ago): a copy of the right size is the document (its key names its sha256);
     * one of another size (stored by a store that kept aws-chunked framing, say, or cut short) is replaced.
     */
    private boolean keepOrReplace(DocumentKey key, String objectKey, TemporaryDocument file, HeadObjectResponse existing)
            throws IOException {
        if (existing != null && existing.contentLength() != null && existing.contentLength() == file.bytes()) {
            return false;
        }
        if (existing != null) {
            log.warn("{} holds {} bytes where contract {}'s document has {}: replacing it with the downloaded bytes, whose sha256 its key names",
                    uri(objectKey), existing.contentLength(), key.contractId(), file.bytes());
        }
        Sent sent = upload(objectKey, file, false);
        verify(key, objectKey, file, sent);
        return true;
    }

    /** @return null when the write was conditional and the key exists */
    private Sent upload(String objectKey, TemporaryDocument file, boolean conditional) throws IOException {
        return file.bytes() >= multipartThreshold ? multipartUpload(objectKey, file, conditional) : putObject(objectKey, file, conditional);
    }

    /** @return null when the write was conditional and the key exists */
    private Sent putObject(String objectKey, TemporaryDocument file, boolean conditional) {
        return writeOnce(objectKey, conditional, ifNoneMatch -> {
            PutObjectRequest.Builder request = PutObjectRequest.builder()
                    .bucket(bucket).key(objectKey)
                    .ifNoneMatch(ifNoneMatch ? "*" : null)
                    .contentType(CONTENT_TYPE)
                    .contentLength(file.bytes())
                    .metadata(Map.of("sha256", file.sha256()));
            if (uploadMode == UploadMode.AWS) {
                // S3 checks the bytes it received against the digest of the bytes we downloaded
                request.checksumSHA256(StoredObjectCheck.base64(HexFormat.of().parseHex(file.sha256())));
            }
            withConflictRetries(() -> s3.putObject(request.build(), RequestBody.fromFile(file.path())));
        }) ? Sent.WHOLE : null;
    }

    /**
     * A multipart upload, its parts streamed from the file; aborted when it fails, and when its conditional completion
     * finds the key there. Package-private so a test can drive the completion's own 412 past the existence check.
     *
     * @return null when the completion was conditional and the key exists
     */
    Sent multipartUpload(String objectKey, TemporaryDocument file, boolean conditional) throws IOException {
        long size = file.bytes();
        // S3 allows 10,000 parts: grow the part for a body that would need more
        long part = Math.max(partSize, (size + MAX_PARTS - 1) / MAX_PARTS);
        boolean checksums = uploadMode == UploadMode.AWS;
        String uploadId = s3.createMultipartUpload(create -> create.bucket(bucket).key(objectKey)
                .contentType(CONTENT_TYPE).metadata(Map.of("sha256", file.sha256()))
                .checksumAlgorithm(checksums ? ChecksumAlgorithm.SHA256 : null)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            List<String> partChecksums = new ArrayList<>();
            int number = 1;
            for (long offset = 0; offset < size; offset += part, number++) {
                long length = Math.min(part, size - offset);
                UploadPartRequest request = UploadPartRequest.builder().bucket(bucket).key(objectKey).uploadId(uploadId)
                        .partNumber(number).contentLength(length)
                        // the SDK computes each part's SHA-256 as it streams it, and S3 checks it
                        .checksumAlgorithm(checksums ? ChecksumAlgorithm.SHA256 : null).build();
                UploadPartResponse uploaded;
                try (FileSlice slice = new FileSlice(file.path(), offset, length)) {
                    uploaded = s3.uploadPart(request, RequestBody.fromContentProvider(slice, length, "application/octet-stream"));
                }
                parts.add(CompletedPart.builder().partNumber(number).eTag(uploaded.eTag())
                        .checksumSHA256(checksums ? uploaded.checksumSHA256() : null).build());
                partChecksums.add(uploaded.checksumSHA256());
            }
            boolean completed = writeOnce(objectKey, conditional, ifNoneMatch -> withConflictRetries(() ->
                    s3.completeMultipartUpload(complete -> complete.bucket(bucket).key(objectKey).uploadId(uploadId)
                            .ifNoneMatch(ifNoneMatch ? "*" : null).multipartUpload(upload -> upload.parts(parts)))));
            if (!completed) {
                abort(objectKey, uploadId, null);
                return null;
            }
            return new Sent(true, partChecksums.contains(null) ? null : partChecksums);
        } catch (IOException | RuntimeException failure) {
            abort(objectKey, uploadId, failure);
            throw failure;
        }
    }

    /**
     * A write with {@code If-None-Match: *} where the store honours it. A store that refuses the header (501, 400 or
     * NotImplemented) is checked with the same write without it: when that succeeds, the store has no conditional
     * writes, and every later write of this store is a HeadObject, then the write (one WARN says so).
     *
     * @param conditional false to overwrite whatever the key holds
     * @return false when the key exists (and nothing was written)
     */
    private boolean writeOnce(String objectKey, boolean conditional, Write write) {
        if (!conditional) {
            write.send(false);
            return true;
        }
        if (!conditionalWrites.get()) {
            if (headIfVisible(objectKey) != null) {
                return false;
            }
            write.send(false);
            return true;
        }
        try {
            write.send(true);
            return true;
        } catch (S3Exception failure) {
            if (failure.statusCode() == PRECONDITION_FAILED) {
                return false;
            }
            if (!refusesConditionalWrite(failure)) {
                throw failure;
            }
            try {
                if (headIfVisible(objectKey) != null) {
                    return false;
                }
                write.send(false);
            } catch (RuntimeException stillFailing) {
                stillFailing.addSuppressed(failure);
                throw stillFailing;
            }
            conditionalWritesRefused(failure);
            return true;
        }
    }

    /** A 400 about the body (S3 refusing bytes that do not match their checksum, say) is no refusal of the condition. */
    private static boolean refusesConditionalWrite(S3Exception failure) {
        return failure.statusCode() == NOT_IMPLEMENTED || "NotImplemented".equals(errorCode(failure))
                || (failure.statusCode() == BAD_REQUEST && !BODY_ERRORS.contains(String.valueOf(errorCode(failure))));
    }

    private void conditionalWritesRefused(S3Exception refusal) {
        if (conditionalWrites.compareAndSet(true, false)) {
            log.warn("The store at {} refuses conditional writes (If-None-Match: *) with {} {}: documents go to {} as a HeadObject, "
                    + "then the write, from now on. The race this accepts: two writers of one key at the same moment can both write "
                    + "it; they write the same bytes, since the key names their sha256.",
                    endpointName, refusal.statusCode(), errorCode(refusal), describe());
        }
    }

    /** Real S3 answers 409 to a conditional write racing another one on the same key: try again, then it is 412. */
    private static void withConflictRetries(Runnable write) {
        for (int attempt = 1; ; attempt++) {
            try {
                write.run();
                return;
            } catch (S3Exception failure) {
                if (failure.statusCode() != CONFLICT || attempt >= CONFLICT_ATTEMPTS) {
                    throw failure;
                }
            }
        }
    }

    /**
     * What the store holds after an upload, by HeadObject: its size must be the bytes sent, and a checksum it returns
     * (or a single PUT's ETag, an MD5) must be the engine's. A copy that differs is deleted, so that no later run finds
     * it under the key (which names the sha256 of other bytes) and takes it for the document.
     */
    private void verify(DocumentKey key, String objectKey, TemporaryDocument file, Sent sent) throws IOException {
        HeadObjectResponse head = s3.headObject(request -> request.bucket(bucket).key(objectKey)
                .checksumMode(uploadMode == UploadMode.AWS ? ChecksumMode.ENABLED : null));
        List<String> differences = StoredObjectCheck.differences(head, file, sent);
        if (differences.isEmpty()) {
            return;
        }
        IOException mismatch = new DocumentStoreIntegrityException("The document store does not hold contract " + key.contractId() + "'s document (version "
                + key.versionId() + ") as sent: " + uri(objectKey) + " at " + endpointName + " " + String.join(", ", differences)
                + ". A stored document must be the downloaded bytes, whose sha256 its key names: it is not recorded as stored, and the "
                + "copy is deleted. Look at sync.documents.s3.upload-mode (" + uploadMode.name().toLowerCase(Locale.ROOT)
                + " here; plain sends no aws-chunked framing and no trailing checksum, which some S3-compatible stores keep "
                + "as part of the object) and at the store behind sync.documents.s3.endpoint.");
        try {
            s3.deleteObject(delete -> delete.bucket(bucket).key(objectKey));
        } catch (SdkException deleteFailed) {
            mismatch.addSuppressed(deleteFailed);
        }
        throw mismatch;
    }

    /** A 501 or 400 from an S3-compatible store in aws mode is most likely the SDK's framing or checksums. */
    private String uploadModeHint(SdkException failure) {
        if (uploadMode != UploadMode.AWS || !hasEndpoint || !(failure instanceof S3Exception refused)
                || (refused.statusCode() != NOT_IMPLEMENTED && refused.statusCode() != BAD_REQUEST)) {
            return "";
        }
        return " (the store at " + endpointName + " may not read the AWS SDK's aws-chunked uploads or x-amz-checksum-* headers:"
                + " sync.documents.s3.upload-mode=plain sends plain uploads)";
    }

    private static String errorCode(S3Exception failure) {
        return failure.awsErrorDetails() == null ? null : failure.awsErrorDetails().errorCode();
    }

    /** One write, with or without {@code If-None-Match: *}. */
    @FunctionalInterface
    private interface Write {
        void send(boolean ifNoneMatch);
    }

    /**
     * What went up.
     *
     * @param inParts       a multipart upload, else one PUT
     * @param partChecksums a multipart upload's part SHA-256 checksums (base64) in part order, when S3 returned them
     */
    record Sent(boolean inParts, List<String> partChecksums) {
        static final Sent WHOLE = new Sent(false, null);
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
        return storedBytes(objectKey).isPresent();
    }

    @Override
    public OptionalLong storedBytes(String objectKey) throws IOException {
        try {
            HeadObjectResponse head = s3.headObject(request -> request.bucket(bucket).key(objectKey));
            return OptionalLong.of(head.contentLength());
        } catch (S3Exception failure) {
            if (failure.statusCode() == NOT_FOUND) {
                return OptionalLong.empty();
            }
            throw new IOException("could not look up " + uri(objectKey) + ": " + failure.getMessage(), failure);
        } catch (SdkException failure) {
            throw new IOException("could not look up " + uri(objectKey) + ": " + failure.getMessage(), failure);
        }
    }

    /**
     * The object's metadata, or null when it is missing. A role without s3:ListBucket gets 403 rather than 404 for a
     * missing key: also null, so that it does not stop an upload (the one after the upload, of a key that exists, needs
     * s3:GetObject only).
     */
    private HeadObjectResponse headIfVisible(String objectKey) {
        try {
            return s3.headObject(request -> request.bucket(bucket).key(objectKey));
        } catch (S3Exception failure) {
            if (failure.statusCode() == NOT_FOUND || failure.statusCode() == FORBIDDEN) {
                return null;
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
    public java.io.InputStream open(String objectKey) throws IOException {
        try {
            return s3.getObject(request -> request.bucket(bucket).key(objectKey));
        } catch (SdkException failure) {
            throw new IOException("could not read " + uri(objectKey) + ": " + failure.getMessage(), failure);
        }
    }

    @Override
    public void delete(String objectKey) throws IOException {
        try {
            s3.deleteObject(request -> request.bucket(bucket).key(objectKey));
        } catch (SdkException failure) {
            throw new IOException("could not delete " + uri(objectKey) + ": " + failure.getMessage(), failure);
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
