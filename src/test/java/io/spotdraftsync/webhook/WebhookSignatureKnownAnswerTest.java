package io.spotdraftsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * The engine's verifier against answers computed outside the project, with OpenSSL 3.0 (the same vectors as the
 * sandbox's {@code DeliverySignerKnownAnswerTest}; written out again here because the engine's tests must not lean
 * on sandbox code):
 * <pre>
 * KEY=$(printf 'c3BvdGRyYWZ0LXN5bmMga25vd24tYW5zd2VyIGtleQ==' | base64 -d | xxd -p | tr -d '\n')
 * printf '%s' "$BODY" | openssl dgst -sha512 -mac HMAC -macopt hexkey:$KEY
 * </pre>
 */
class WebhookSignatureKnownAnswerTest {

    private static final String KEY_BASE64 = "c3BvdGRyYWZ0LXN5bmMga25vd24tYW5zd2VyIGtleQ==";
    private static final byte[] ASCII_BODY = "{\"activity\":\"CONTRACT_EXECUTED\",\"contract_id\":1234,\"contract_title\":\"Acme NDA \\u00e9\"}"
            .getBytes(StandardCharsets.US_ASCII);
    private static final String ASCII_BODY_HMAC = "a1aa7ca0e7bb5191a2aeadf83b59ac343d03e6533241482569e1a07acf740cbb"
            + "f707ef1e22ad6dfe223f6856865a514b9524fc3de781dbec83750f94a24d51ad";
    private static final byte[] UTF8_BODY = "Zürich Vertrag – signed".getBytes(StandardCharsets.UTF_8);
    private static final String UTF8_BODY_HMAC = "7a000e03c4b201fac99c1bacc983485f3a08ffba319d0f9d85b368e1375c876e"
            + "5ce1ed3655c2908a881189414ea2db9d1de561cdc19a84f962fe588b7c6ff9b5";

    private final WebhookSignature signature = WebhookSignature.fromBase64Key(KEY_BASE64);

    @Test
    void acceptsTheHmacOpenSslComputed() {
        assertThat(signature.verify(ASCII_BODY, ASCII_BODY_HMAC)).isTrue();
        assertThat(signature.verify(UTF8_BODY, UTF8_BODY_HMAC)).isTrue();
    }

    @Test
    void acceptsUppercaseHexAndSignsLowercase() {
        assertThat(signature.sign(UTF8_BODY)).isEqualTo(UTF8_BODY_HMAC);
        assertThat(signature.verify(UTF8_BODY, UTF8_BODY_HMAC.toUpperCase(java.util.Locale.ROOT))).isTrue();
    }

    @Test
    void refusesTheOtherBodysHmacAndOneFlippedDigit() {
        assertThat(signature.verify(ASCII_BODY, UTF8_BODY_HMAC)).isFalse();
        String flipped = (ASCII_BODY_HMAC.charAt(0) == 'a' ? "b" : "a") + ASCII_BODY_HMAC.substring(1);
        assertThat(signature.verify(ASCII_BODY, flipped)).isFalse();
    }
}
