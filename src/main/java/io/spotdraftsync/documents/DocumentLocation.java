package io.spotdraftsync.documents;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A parsed {@code sync.documents.location}: {@code file:<directory>} (relative to the working directory
 * unless absolute; {@code file:///abs} works too) or {@code s3://<bucket>[/<prefix>]}.
 */
public sealed interface DocumentLocation {

    String MESSAGE = "sync.documents.location must be file:<directory> (for example file:./data/documents)"
            + " or s3://<bucket>[/<prefix>] (for example s3://my-bucket/contracts)";

    /** Lenient on purpose: S3-compatible stores and old us-east-1 buckets accept more than today's AWS rules. */
    Pattern BUCKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,254}");

    record Directory(Path path) implements DocumentLocation {
    }

    /** @param prefix empty, or ending with {@code /} */
    record S3(String bucket, String prefix) implements DocumentLocation {
    }

    /** @throws IllegalArgumentException naming the property */
    static DocumentLocation parse(String location) {
        String text = location == null ? "" : location.trim();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("s3://")) {
            String rest = text.substring("s3://".length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String prefix = slash < 0 ? "" : rest.substring(slash + 1);
            if (!BUCKET.matcher(bucket).matches()) {
                throw new IllegalArgumentException(MESSAGE + ": '" + text + "' names no valid bucket");
            }
            // no leading, doubled or trailing slash: keys read prefix/workspace/contract/...
            prefix = prefix.replaceAll("/{2,}", "/").replaceAll("^/|/$", "");
            return new S3(bucket, prefix.isEmpty() ? "" : prefix + "/");
        }
        if (lower.startsWith("file:")) {
            String path = text.substring("file:".length());
            if (path.startsWith("//")) {
                path = path.substring(2);          // file:///abs/path; file://host/... is no local path
                if (!path.startsWith("/")) {
                    throw new IllegalArgumentException(MESSAGE + ": '" + text + "' names a host, not a local directory");
                }
            }
            if (path.isBlank()) {
                throw new IllegalArgumentException(MESSAGE + ": '" + text + "' names no directory");
            }
            try {
                return new Directory(Path.of(path).toAbsolutePath().normalize());
            } catch (InvalidPathException invalid) {
                throw new IllegalArgumentException(MESSAGE + ": '" + text + "' is no valid path", invalid);
            }
        }
        throw new IllegalArgumentException(MESSAGE + ": '" + text + "' has neither");
    }
}
