package io.spotdraftsync.documents;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Compares what a store says it holds after an upload (its HeadObject) with what was sent: the size always; the
 * SHA-256 checksum where the store returns one (whole, or composite {@code base64-N} of a multipart upload's
 * parts); else a single PUT's ETag, where it is an MD5 (S3 and most S3-compatible stores, unless the object is
 * encrypted with KMS or a customer key, whose ETag is no digest of the content).
 */
final class StoredObjectCheck {

    private static final Pattern MD5_ETAG = Pattern.compile("\"?[0-9a-fA-F]{32}\"?");

    private StoredObjectCheck() {
    }

    /** @return what differs, each as "holds ... where ..." words; empty when the store holds what was sent */
    static List<String> differences(HeadObjectResponse head, TemporaryDocument file, S3DocumentStore.Sent sent)
            throws IOException {
        List<String> differences = new ArrayList<>();
        Long size = head.contentLength();
        if (size == null || size != file.bytes()) {
            differences.add("holds " + size + " bytes where " + file.bytes() + " were sent");
        }
        String checksum = head.checksumSHA256();
        String expected = checksum == null ? null : expectedChecksum(checksum, file, sent);
        if (expected != null) {
            if (!expected.equals(checksum)) {
                differences.add("returns the SHA-256 checksum " + checksum + " where the engine's is " + expected);
            }
        } else if (!sent.inParts() && comparableEtag(head)) {
            String etag = head.eTag().replace("\"", "").toLowerCase(Locale.ROOT);
            String md5 = md5(file);
            if (!etag.equals(md5)) {
                differences.add("returns the ETag " + etag + " where the MD5 of the bytes sent is " + md5);
            }
        }
        return differences;
    }

    /** The checksum the store should return, in its form; null when it cannot be known (a composite of unknown parts). */
    private static String expectedChecksum(String returned, TemporaryDocument file, S3DocumentStore.Sent sent) {
        if (!returned.contains("-")) {
            return base64(HexFormat.of().parseHex(file.sha256()));
        }
        if (sent.partChecksums() == null) {
            return null;
        }
        MessageDigest digest = TemporaryDocument.sha256Digest();
        for (String part : sent.partChecksums()) {
            digest.update(Base64.getDecoder().decode(part));
        }
        return base64(digest.digest()) + "-" + sent.partChecksums().size();
    }

    private static boolean comparableEtag(HeadObjectResponse head) {
        return head.eTag() != null && MD5_ETAG.matcher(head.eTag()).matches() && head.sseCustomerAlgorithm() == null
                && (head.serverSideEncryption() == null || head.serverSideEncryption() == ServerSideEncryption.AES256);
    }

    private static String md5(TemporaryDocument file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has MD5", impossible);
        }
        try (InputStream in = Files.newInputStream(file.path())) {
            byte[] buffer = new byte[64 * 1024];
            for (int read; (read = in.read(buffer)) != -1; ) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
