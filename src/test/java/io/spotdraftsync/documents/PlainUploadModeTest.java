package io.spotdraftsync.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The requests of the {@code plain} upload mode as the client would send them (watched before transmission, to a port
 * where nothing listens): a Content-Length body, no aws-chunked framing, no checksum header or trailer; the payload's
 * hash signed over HTTP, {@code UNSIGNED-PAYLOAD} over HTTPS.
 */
class PlainUploadModeTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:1", "https://127.0.0.1:1"})
    void uploadsCarryAContentLengthAndNoChunkingOrChecksum(URI endpoint) {
        List<Map<String, List<String>>> sent = new CopyOnWriteArrayList<>();
        DocumentProperties.S3 settings = new DocumentProperties.S3(null, endpoint, true, DataSize.ofMegabytes(16), DataSize.ofMegabytes(16), null);
        byte[] body = new byte[1_000];
        try (S3Client client = S3DocumentStore.clientBuilder(settings, StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
                .overrideConfiguration(override -> override.retryStrategy(retry -> retry.maxAttempts(1))
                        .addExecutionInterceptor(new ExecutionInterceptor() {
                            @Override
                            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                                sent.add(context.httpRequest().headers());
                            }
                        }))
                .build()) {
            catchThrowable(() -> client.putObject(put -> put.bucket("b").key("k").ifNoneMatch("*"), RequestBody.fromBytes(body)));
            catchThrowable(() -> client.uploadPart(part -> part.bucket("b").key("k").uploadId("u").partNumber(1).contentLength(1_000L),
                    RequestBody.fromBytes(body)));
        }

        assertThat(sent).hasSize(2).allSatisfy(headers -> {
            assertThat(headers.get("Content-Length")).containsExactly("1000");
            assertThat(headers.keySet()).noneMatch(name -> name.equalsIgnoreCase("Content-Encoding") || name.equalsIgnoreCase("x-amz-trailer")
                    || name.equalsIgnoreCase("x-amz-decoded-content-length") || name.toLowerCase(java.util.Locale.ROOT).startsWith("x-amz-checksum-")
                    || name.equalsIgnoreCase("x-amz-sdk-checksum-algorithm"));
            assertThat(headers.get("x-amz-content-sha256")).containsExactly("https".equals(endpoint.getScheme())
                    ? "UNSIGNED-PAYLOAD" : Documents.sha256(body));
        });
    }
}
