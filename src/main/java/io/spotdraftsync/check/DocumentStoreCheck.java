package io.spotdraftsync.check;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.spotdraftsync.documents.DocumentKey;
import io.spotdraftsync.documents.DocumentStore;
import io.spotdraftsync.documents.StoredDocument;
import io.spotdraftsync.jobs.Failures;

import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The document store: a scratch object written through the write-once path of every document (S3: a PUT with
 * {@code If-None-Match: *}, then the HeadObject that verifies it; a directory: a file moved into place), read back,
 * compared byte for byte, and deleted. Failures name the missing permission ({@code s3:PutObject},
 * {@code s3:GetObject}, {@code s3:DeleteObject}), a missing bucket, or a bucket in another region.
 */
public final class DocumentStoreCheck {

    static final String CONNECTION = "documents";
    /** The scratch object's "contract": its folder in the workspace's folder. */
    public static final String SCRATCH_CONTRACT = "spotdraft-sync-check";

    private final DocumentStore store;
    private final String workspace;
    private final String folder;

    /** @param folder the workspace's folder in the store ({@code Workspace.documentPrefix}) */
    public DocumentStoreCheck(DocumentStore store, String workspace, String folder) {
        this.store = store;
        this.workspace = workspace;
        this.folder = folder;
    }

    public List<CheckResult> run() {
        List<CheckResult> results = new ArrayList<>();
        byte[] content = ("spotdraft-sync check " + UUID.randomUUID() + "\n").getBytes(StandardCharsets.UTF_8);
        DocumentKey key = new DocumentKey(workspace, folder, SCRATCH_CONTRACT, 0);
        String where = store.describe() + "/" + key.directory();
        StoredDocument stored;
        try {
            stored = store.store(key, new ByteArrayInputStream(content));
            results.add(ok("scratch object written once and verified (" + where + ")"));
        } catch (IOException | RuntimeException failure) {
            results.add(failed("scratch object written once and verified (" + where + ")", writeFix(failure)));
            return results;
        }
        try (InputStream in = store.open(stored.objectKey())) {
            byte[] back = in.readAllBytes();
            if (!Arrays.equals(back, content)) {
                results.add(failed("scratch object read back", "the store returned " + back.length + " bytes that differ from the "
                        + content.length + " written: look at sync.documents.s3.upload-mode and the store behind sync.documents.s3.endpoint"));
            } else {
                results.add(ok("scratch object read back, same bytes"));
            }
        } catch (IOException | RuntimeException failure) {
            results.add(failed("scratch object read back", permissionFix(failure, "s3:GetObject", "read")));
        }
        try {
            store.delete(stored.objectKey());
            results.add(ok("scratch object deleted"));
        } catch (IOException | RuntimeException failure) {
            results.add(failed("scratch object deleted", permissionFix(failure, "s3:DeleteObject", "delete")
                    + " (only check deletes; delete " + stored.objectKey() + " by hand)"));
        }
        return results;
    }

    private String writeFix(Exception failure) {
        S3Exception s3 = s3Failure(failure);
        if (s3 != null) {
            String code = s3.awsErrorDetails() == null ? "" : String.valueOf(s3.awsErrorDetails().errorCode());
            if (s3.statusCode() == 404 || "NoSuchBucket".equals(code)) {
                return "the bucket of " + store.describe() + " does not exist (" + code + "): create it, or set "
                        + "sync.documents.location to an existing s3://bucket/prefix";
            }
            if (s3.statusCode() == 301 || "PermanentRedirect".equals(code) || "AuthorizationHeaderMalformed".equals(code)
                    || "IllegalLocationConstraintException".equals(code)) {
                return "the bucket of " + store.describe() + " is in another region (" + code + "): set sync.documents.s3.region "
                        + "(or AWS_REGION) to the bucket region";
            }
        }
        return permissionFix(failure, "s3:PutObject", "write") + (s3 != null && s3.statusCode() == 403
                ? "; the write's verification (HeadObject) also needs s3:GetObject" : "");
    }

    private String permissionFix(Exception failure, String permission, String verb) {
        S3Exception s3 = s3Failure(failure);
        String message = Failures.rootMessage(failure);
        if (s3 != null && s3.statusCode() == 403) {
            return "access denied: grant " + permission + " on " + store.describe() + "/* to the role or user whose "
                    + "credentials this process uses (" + message + ")";
        }
        if (s3 != null && s3.statusCode() == 404) {
            return "not found (" + message + "): is " + store.describe() + " (sync.documents.location) the bucket meant?";
        }
        if (hasCause(failure, AccessDeniedException.class)) {
            return "this process may not " + verb + " files in " + store.describe() + " (" + message + "): give its user "
                    + "write permission there, or set sync.documents.location";
        }
        return "could not " + verb + " (" + message + "): check sync.documents.location"
                + (store.describe().startsWith("s3://") ? ", sync.documents.s3.* and the credentials" : "");
    }

    private static S3Exception s3Failure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof S3Exception s3) {
                return s3;
            }
        }
        return null;
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private CheckResult ok(String check) {
        return CheckResult.ok(workspace, CONNECTION, check);
    }

    private CheckResult failed(String check, String fix) {
        return CheckResult.failed(workspace, CONNECTION, check, fix);
    }
}
