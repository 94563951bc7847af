package io.spotdraftsync.spotdraft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.spotdraftsync.sandbox.SandboxContract;
import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;
import io.spotdraftsync.spotdraft.model.ExecutedContractImport;
import io.spotdraftsync.spotdraft.model.ExternalMetadata;
import io.spotdraftsync.spotdraft.model.WebhookRegistration;
import io.spotdraftsync.testsupport.RecordingProxy;

import org.junit.jupiter.api.Test;

/**
 * How request bodies go over the wire. SpotDraft is a Django application: under WSGI a chunked request body reads as
 * empty, so every request with a body must carry its {@code Content-Length} and none may be chunked (the streamed
 * import included).
 */
class RequestBodyFramingTest {

    @Test
    void everyRequestWithABodyCarriesAContentLengthEqualToTheBytesSentAndNoneIsChunked() throws Exception {
        byte[] pdf = pdf(100_001);
        try (SpotDraftSandbox sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(5).seed(3)
                        .requestsPerSecond(0).build());
                RecordingProxy proxy = new RecordingProxy(sandbox.baseUrl());
                SpotDraftClient client = proxy.client()) {
            SandboxContract contract = sandbox.contracts().stream().filter(c -> !c.deleted()).findFirst().orElseThrow();
            String id = contract.compositeId();

            String imported = client.importExecutedContract(new ExecutedContractImport("Framing NDA", "framing.pdf", null,
                    100L, 78L, null, new ExternalMetadata("F-1", "framing", null, null, null)), document(pdf)).id();
            client.importExecutedContract(new ExecutedContractImport("Framing NDA 2", "framing-2.pdf",
                    java.util.Base64.getEncoder().encodeToString(pdf(10)), 100L, 78L, null, null));
            client.setExternalMetadata(id, new ExternalMetadata("F-2", "framing", null, null, null));
            try {
                client.bulkKeyPointers(imported, new ExecutedContractImport.BulkKeyPointers(
                        List.of(Map.of("key_pointer_field_name", "department", "value", "Legal"))));
            } catch (SpotDraftApiException refusedField) {
                // the answer does not matter here, only how the request was framed
            }
            client.registerWebhook(new WebhookRegistration.Request("framing", "http://127.0.0.1:9/webhooks",
                    List.of("CONTRACT_CREATED"), null));
            client.retriggerLatestWebhooks(List.of(contract.numericId()));
            client.downloadLink(id);
            client.download(id, (body, length) -> body.readAllBytes().length);

            List<RecordingProxy.Exchange> posts = proxy.exchanges().stream().filter(e -> e.method().equals("POST")).toList();
            assertThat(posts).extracting(RecordingProxy.Exchange::path).contains(
                    "/api/v2.1/public/contracts/executed_contracts/", "/api/v2.1/public/webhooks/",
                    "/api/v2.1/public/contracts/webhooks/re_trigger_latest/", "/api/v2.1/public/contracts/" + id + "/external_metadata",
                    "/api/v2.1/public/contracts/" + imported + "/key_pointers/bulk", "/api/v2.1/public/contracts/" + id + "/download",
                    "/api/v2.1/public/contracts/" + id + "/download_link");
            for (RecordingProxy.Exchange post : posts) {
                assertThat(post.requestHeaders()).as("%s headers", post.path()).doesNotContainKey("transfer-encoding");
                List<String> length = post.requestHeaders().get("content-length");
                if (post.requestBody().length == 0) {
                    assertThat(length == null ? List.of("0") : length).as("%s: no body", post.path()).containsExactly("0");
                } else {
                    assertThat(length).as("%s Content-Length", post.path())
                            .containsExactly(String.valueOf(post.requestBody().length));
                }
                assertThat(post.status()).as("%s answered", post.path()).isLessThan(500);
            }
            RecordingProxy.Exchange streamed = posts.get(0);
            assertThat(streamed.path()).isEqualTo("/api/v2.1/public/contracts/executed_contracts/");
            assertThat(Long.parseLong(streamed.requestHeaders().get("content-length").get(0)))
                    .as("the streamed import's Content-Length").isGreaterThan(4L * pdf.length / 3);
            assertThat(streamed.status()).isEqualTo(201);
            System.out.printf("streamed import: Content-Length %s, %d bytes received%n",
                    streamed.requestHeaders().get("content-length").get(0), streamed.requestBody().length);
        }
    }

    private static byte[] pdf(int size) {
        byte[] pdf = new byte[size];
        Arrays.fill(pdf, (byte) 'x');
        byte[] magic = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, pdf, 0, Math.min(magic.length, size));
        return pdf;
    }

    private static ImportDocument document(byte[] pdf) {
        return new ImportDocument() {
            @Override
            public InputStream open() {
                return new ByteArrayInputStream(pdf);
            }

            @Override
            public long length() {
                return pdf.length;
            }
        };
    }
}
