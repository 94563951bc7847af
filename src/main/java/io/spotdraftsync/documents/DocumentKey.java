package io.spotdraftsync.documents;

import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Which document a stored file is: a workspace's folder, a contract and the document version. The object key
 * adds the content's sha256, so the same version with different bytes can never overwrite a copy.
 *
 * @param workspace  the workspace's name (metrics and logs)
 * @param folder     the workspace's folder: its name, or {@code sync.workspaces.<name>.document-prefix} (one or more
 *                   names separated by '/')
 * @param contractId the contract's composite id, for example {@code T-1234}
 * @param versionId  the document version id from the download link
 */
public record DocumentKey(String workspace, String folder, String contractId, long versionId) {

    /**
     * Both names become a path segment on disk and in S3: no separators, no dot-only names, nothing
     * a shell or a URL would need to escape.
     */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** A workspace whose folder is its name (the default). */
    public DocumentKey(String workspace, String contractId, long versionId) {
        this(workspace, workspace, contractId, versionId);
    }

    public DocumentKey {
        requireSegment("workspace", workspace);
        if (folder == null || folder.isEmpty()) {
            throw new IllegalArgumentException("folder must not be empty");
        }
        for (String segment : folder.split("/", -1)) {
            requireSegment("folder", segment);
        }
        requireSegment("contractId", contractId);
        if (versionId < 0) {
            throw new IllegalArgumentException("versionId must not be negative: " + versionId);
        }
    }

    /** {@code {folder}/{contract_id}/{version}-{sha256}.pdf}, relative to the store's location. */
    public String objectKey(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
        }
        return directory() + "/" + fileNamePrefix() + sha256 + ".pdf";
    }

    /** {@code {folder}/{contract_id}}: the folder holding every stored version of the contract. */
    public String directory() {
        return folder + "/" + contractId;
    }

    /** {@code {version}-}: the start of the file name of this version, whatever its content. */
    public String fileNamePrefix() {
        return versionId + "-";
    }

    /**
     * The sha256 in a file name of this version ({@code {version}-{sha256}.pdf}), or null when the name
     * belongs to another version or to no document at all (a temporary file, say).
     */
    String sha256Of(String fileName) {
        String prefix = fileNamePrefix();
        if (!fileName.startsWith(prefix) || !fileName.endsWith(".pdf")) {
            return null;
        }
        String sha256 = fileName.substring(prefix.length(), fileName.length() - ".pdf".length());
        return SHA256.matcher(sha256).matches() ? sha256 : null;
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    private static void requireSegment(String name, String value) {
        if (value == null || !SEGMENT.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit: "
                    + (value == null ? "null" : "'" + value + "'"));
        }
    }
}
