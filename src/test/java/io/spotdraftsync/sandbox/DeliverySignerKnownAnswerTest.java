package io.spotdraftsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * The sandbox's signer against answers computed outside the project, with OpenSSL 3.0:
 * <pre>
 * KEY=$(printf 'c3BvdGRyYWZ0LXN5bmMga25vd24tYW5zd2VyIGtleQ==' | base64 -d | xxd -p | tr -d '\n')
 * printf '%s' "$BODY" | openssl dgst -sha512 -mac HMAC -macopt hexkey:$KEY
 * </pre>
 * The engine's verifier is held to the same vectors ({@code webhook/WebhookSignatureKnownAnswerTest}), so both
 * sides are checked against a third party and not only against each other.
 */
class DeliverySignerKnownAnswerTest {

    static final String KEY_BASE64 = "c3BvdGRyYWZ0LXN5bmMga25vd24tYW5zd2VyIGtleQ==";
    static final String ASCII_BODY = "{\"activity\":\"CONTRACT_EXECUTED\",\"contract_id\":1234,\"contract_title\":\"Acme NDA \\u00e9\"}";
    static final String ASCII_BODY_HMAC = "a1aa7ca0e7bb5191a2aeadf83b59ac343d03e6533241482569e1a07acf740cbb"
            + "f707ef1e22ad6dfe223f6856865a514b9524fc3de781dbec83750f94a24d51ad";
    static final String UTF8_BODY = "Zürich Vertrag – signed";
    static final String UTF8_BODY_HMAC = "7a000e03c4b201fac99c1bacc983485f3a08ffba319d0f9d85b368e1375c876e"
            + "5ce1ed3655c2908a881189414ea2db9d1de561cdc19a84f962fe588b7c6ff9b5";

    @Test
    void signsAsOpenSslComputesHmacSha512OverTheRawBody() {
        DeliverySigner signer = new DeliverySigner(KEY_BASE64);

        assertThat(signer.sign(ASCII_BODY.getBytes(StandardCharsets.US_ASCII))).isEqualTo(ASCII_BODY_HMAC);
        assertThat(signer.sign(UTF8_BODY.getBytes(StandardCharsets.UTF_8))).isEqualTo(UTF8_BODY_HMAC);
    }

    @Test
    void keysWithTheDecodedBytesNotTheBase64Text() {
        DeliverySigner signer = new DeliverySigner(KEY_BASE64);

        assertThat(signer.sign(ASCII_BODY.getBytes(StandardCharsets.US_ASCII)))
                .isNotEqualTo(new DeliverySigner(java.util.Base64.getEncoder()
                        .encodeToString(KEY_BASE64.getBytes(StandardCharsets.US_ASCII)))
                        .sign(ASCII_BODY.getBytes(StandardCharsets.US_ASCII)));
    }
}
