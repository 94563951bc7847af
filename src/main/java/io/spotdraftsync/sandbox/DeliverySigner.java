package io.spotdraftsync.sandbox;

import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook deliveries as SpotDraft documents it: {@code X-SD-WEBHOOK-CONTENT-HASH} is the lowercase hex of
 * HMAC-SHA512 over the raw body, keyed with the base64-decoded {@code hmac_key}. Written here, apart from the engine's
 * verifier, so that a misreading of the scheme on either side fails the tests instead of passing them both.
 */
final class DeliverySigner {

    static final String HEADER = "X-SD-WEBHOOK-CONTENT-HASH";
    private static final String ALGORITHM = "HmacSHA512";

    private final SecretKeySpec key;

    DeliverySigner(String hmacKeyBase64) {
        this.key = new SecretKeySpec(Base64.getDecoder().decode(hmacKeyBase64), ALGORITHM);
    }

    String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("HMAC-SHA512 is not available in this JVM", unavailable);
        }
    }
}
