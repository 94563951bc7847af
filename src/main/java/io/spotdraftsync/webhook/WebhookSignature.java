package io.spotdraftsync.webhook;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SpotDraft's webhook signature: header {@value #HEADER} carries the lowercase hex of
 * HMAC-SHA512(key = base64-decode(hmac_key), message = the raw request body).
 *
 * <p>Always computed over the raw bytes, never over re-serialised JSON, and compared in constant time.
 * Thread-safe: each thread keeps its own initialised {@link Mac}, so a delivery costs no provider look-up.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-SD-WEBHOOK-CONTENT-HASH";
    private static final String ALGORITHM = "HmacSHA512";
    /** HMAC-SHA512 is 64 bytes: 128 hex digits. */
    private static final int SIGNATURE_HEX_LENGTH = 128;

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    private WebhookSignature(byte[] keyBytes) {
        if (keyBytes.length == 0) {
            throw new IllegalArgumentException("The webhook HMAC key is empty");
        }
        this.key = new SecretKeySpec(keyBytes, ALGORITHM);
    }

    /** @param base64Key the {@code hmac_key} exactly as SpotDraft serves it (base64) */
    public static WebhookSignature fromBase64Key(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalArgumentException("The webhook HMAC key is missing");
        }
        try {
            return new WebhookSignature(Base64.getDecoder().decode(base64Key.trim()));
        } catch (IllegalArgumentException notBase64) {
            // the message must not echo the key itself
            throw new IllegalArgumentException("The webhook HMAC key is not valid base64");
        }
    }

    /** Lowercase hex HMAC-SHA512 of {@code body}. */
    public String sign(byte[] body) {
        return HexFormat.of().formatHex(mac(body));
    }

    /** True when {@code headerValue} is the signature of {@code body}; constant time in the compared bytes. */
    public boolean verify(byte[] body, String headerValue) {
        if (headerValue == null) {
            return false;
        }
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(headerValue.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        if (presented.length != SIGNATURE_HEX_LENGTH / 2) {
            // the length of a signature is no secret: no need to compute one to refuse this
            return false;
        }
        return MessageDigest.isEqual(mac(body), presented);
    }

    /**
     * True when {@code headerValue} has the shape of a signature (128 hex digits, surrounding blanks ignored), whatever
     * key made it: a receiver does not look for a newer key because of a garbled header.
     */
    public static boolean wellFormed(String headerValue) {
        if (headerValue == null) {
            return false;
        }
        String value = headerValue.trim();
        if (value.length() != SIGNATURE_HEX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    /** True when both verify with the same key bytes. */
    public boolean sameKey(WebhookSignature other) {
        return MessageDigest.isEqual(key.getEncoded(), other.key.getEncoded());
    }

    private byte[] mac(byte[] body) {
        // doFinal leaves the Mac initialised with the key, ready for the next body
        return macs.get().doFinal(body);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException impossible) {
            throw new IllegalStateException("HmacSHA512 is not available in this JVM", impossible);
        }
    }
}
