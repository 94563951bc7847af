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
 */
public final class WebhookSignature {

    public static final String HEADER = "X-SD-WEBHOOK-CONTENT-HASH";
    private static final String ALGORITHM = "HmacSHA512";

    private final SecretKeySpec key;

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
        return MessageDigest.isEqual(mac(body), presented);
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException impossible) {
            throw new IllegalStateException("HmacSHA512 is not available in this JVM", impossible);
        }
    }
}
