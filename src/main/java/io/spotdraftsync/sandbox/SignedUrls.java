package io.spotdraftsync.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived download URLs standing for cloud storage links: {@code /_sandbox/files/T-12/5003?expires=<epoch
 * ms>&signature=<hex HMAC-SHA256>}. They sit outside {@code /api/} (no credentials, no rate limit), like the
 * storage URLs SpotDraft hands out.
 */
final class SignedUrls {

    static final String PATH_PREFIX = "/_sandbox/files/";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final Duration timeToLive;

    SignedUrls(byte[] key, Duration timeToLive) {
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.timeToLive = timeToLive;
    }

    /** Path and query of a URL valid from {@code now} for the time to live. */
    String sign(ContractId contract, long versionId, Instant now) {
        long expires = now.plus(timeToLive).toEpochMilli();
        return PATH_PREFIX + contract + "/" + versionId + "?expires=" + expires + "&signature="
                + signature(contract, versionId, expires);
    }

    /** Why the URL is refused, or empty when it is valid at {@code now}. */
    Optional<String> refusal(ContractId contract, long versionId, String expires, String presentedSignature,
            Instant now) {
        long expiresAt;
        try {
            expiresAt = Long.parseLong(expires);
        } catch (NumberFormatException | NullPointerException malformed) {
            return Optional.of("The URL has no valid expiry");
        }
        byte[] expected = signature(contract, versionId, expiresAt).getBytes(StandardCharsets.US_ASCII);
        byte[] presented = presentedSignature == null ? new byte[0] : presentedSignature.getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, presented)) {
            return Optional.of("The URL signature does not match");
        }
        if (now.toEpochMilli() > expiresAt) {
            return Optional.of("The URL has expired");
        }
        return Optional.empty();
    }

    private String signature(ContractId contract, long versionId, long expires) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal((contract + "\n" + versionId + "\n" + expires)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException impossible) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", impossible);
        }
    }
}
