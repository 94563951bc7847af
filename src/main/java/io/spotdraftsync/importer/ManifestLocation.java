package io.spotdraftsync.importer;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the manifest is: a local path (files relative to its directory) or {@code s3://bucket/key} (files are
 * keys in the same bucket, or full {@code s3://} URIs).
 */
public sealed interface ManifestLocation {

    /** True for a JSON Lines manifest ({@code .jsonl}); otherwise CSV. */
    default boolean jsonLines() {
        return describe().toLowerCase(Locale.ROOT).endsWith(".jsonl");
    }

    String describe();

    static ManifestLocation parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("--manifest is required: a local path or s3://bucket/key");
        }
        String trimmed = text.trim();
        if (trimmed.regionMatches(true, 0, "s3://", 0, 5)) {
            URI uri = URI.create(trimmed);
            String key = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
            if (uri.getHost() == null || key.isEmpty()) {
                throw new IllegalArgumentException("An S3 manifest must be s3://bucket/key, not " + trimmed);
            }
            return new S3(uri.getHost(), key);
        }
        return new Local(Path.of(trimmed).toAbsolutePath().normalize());
    }

    record Local(Path path) implements ManifestLocation {
        @Override
        public String describe() {
            return path.toString();
        }
    }

    record S3(String bucket, String key) implements ManifestLocation {
        @Override
        public String describe() {
            return "s3://" + bucket + "/" + key;
        }
    }
}
