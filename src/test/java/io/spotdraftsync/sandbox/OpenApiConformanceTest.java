package io.spotdraftsync.sandbox;

import static io.spotdraftsync.sandbox.SandboxHttp.V21;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sandbox's answers and webhook bodies against the vendor's own OpenAPI document, read from outside the
 * repository ({@code spotdraft.openapi.path}); skipped when the document is not there.
 */
class OpenApiConformanceTest {

    private static OpenApiSchemas schemas;
    private static SpotDraftSandbox sandbox;
    private static SandboxHttp http;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        String location = System.getProperty("spotdraft.openapi.path", "");
        assumeThat(!location.isEmpty() && Files.isRegularFile(Path.of(location)))
                .as("the SpotDraft OpenAPI document is available").isTrue();
        schemas = OpenApiSchemas.load(Path.of(location));
        receiver = new WebhookReceiver();
        sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(60).requestsPerSecond(0)
                .webhooks(WebhookDeliverySettings.builder().target(receiver.url()).build()).build());
        http = new SandboxHttp(sandbox);
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
            receiver.close();
        }
    }

    @Test
    void readAnswersMatchTheirSchemas() {
        String id = sandbox.contracts().get(0).compositeId();
        assertConforms("GET", "/contracts/", http.get(V21 + "/contracts/?limit=100"));
        assertConforms("GET", "/contracts/{composite_id}/status", http.get(V21 + "/contracts/" + id + "/status"));
        for (SandboxContract contract : sandbox.contracts()) {
            if (!contract.deleted()) {
                assertConforms("GET", "/contracts/{composite_id}/key_pointers",
                        http.get(V21 + "/contracts/" + contract.compositeId() + "/key_pointers"));
                assertConforms("GET", "/contracts/{contract_id}/process_metrics/",
                        http.get(V21 + "/contracts/" + contract.numericId() + "/process_metrics/"));
            }
        }
        SandboxContract linked = sandbox.contracts().stream().filter(c -> !c.externalMetadata().isEmpty())
                .findFirst().orElseThrow();
        assertConforms("GET", "/contracts/{contract_id}/external_metadata",
                http.get(V21 + "/contracts/" + linked.compositeId() + "/external_metadata"));
        HttpResponse<byte[]> byExternalId = http.get(V21 + "/contracts/by_external_metadata/"
                + linked.externalMetadata().get("id"));
        assertThat(schemas.violations(SandboxHttp.json(byExternalId),
                schemas.response(V21 + "/contracts/by_external_metadata/{external_metadata_id}", "GET", 200))).isEmpty();
        assertConforms("POST", "/contracts/{composite_id}/download_link",
                http.postEmpty(V21 + "/contracts/" + id + "/download_link"));
        assertConforms("GET", "/counter_parties/", http.get(V21 + "/counter_parties/?limit=100"));
        assertConforms("GET", "/contract_types/", http.get(V21 + "/contract_types/"));
        assertConforms("GET", "/organizations/entities/", http.get(V21 + "/organizations/entities/"));
        for (int typeId = 100; typeId <= 106; typeId++) {
            assertConforms("GET", "/key_pointers/", http.get(V21 + "/key_pointers/?contract_type_id=" + typeId));
        }
        assertConforms("GET", "/webhooks/hmac_key/", http.get(V21 + "/webhooks/hmac_key/"));
    }

    @Test
    void writeAnswersMatchTheirSchemas() throws Exception {
        String pdf = Base64.getEncoder().encodeToString(PdfDocumentWriterTest.pdf(1, "import", "Imported", 2048));
        String importBody = """
                {"contract_name": "Imported", "file_name": "i.pdf", "file_content": "%s", "contract_type_id": 103,
                 "organization_entity_id": 79, "counterparty_details": [{"is_individual": true,
                 "poc_details": {"first_name": "Zoë", "last_name": "Ångström", "email": "zoe@mail.example"}}]}"""
                .formatted(pdf);
        assertThat(schemas.violations(SandboxHttp.JSON.readTree(importBody),
                schemas.requestBody(V21 + "/contracts/executed_contracts/", "POST"))).isEmpty();
        assertConforms("POST", "/contracts/executed_contracts/", 201,
                http.post(V21 + "/contracts/executed_contracts/", importBody));

        String id = sandbox.contracts().get(1).compositeId();
        assertConforms("POST", "/contracts/{contract_id}/external_metadata", http.post(V21 + "/contracts/" + id
                + "/external_metadata", "{\"external_metadata\": {\"id\": \"x-1\", \"integration_name\": \"HubSpot\"}}"));
        assertConforms("POST", "/contracts/{composite_id}/key_pointers/bulk", http.post(V21 + "/contracts/" + id
                + "/key_pointers/bulk", "{\"key_pointers\": [{\"key_pointer_id\": 301, \"value\": \"2026-01-31\"}]}"));
        assertConforms("POST", "/webhooks/", 201, http.post(V21 + "/webhooks/",
                "{\"title\": \"t\", \"url\": \"http://127.0.0.1:1/h\", \"only_for_activities\": [\"CONTRACT_CREATED\"]}"));
        sandbox.renameContract(id);
        assertConforms("POST", "/contracts/webhooks/re_trigger_latest/", http.post(
                V21 + "/contracts/webhooks/re_trigger_latest/",
                "{\"contract_ids\": [" + sandbox.contract(id).numericId() + "]}"));
    }

    @Test
    void theCheckerNoticesADeviation() {
        JsonNode page = SandboxHttp.json(http.get(V21 + "/contracts/?limit=1"));
        ObjectNode item = (ObjectNode) page.path("results").get(0);
        item.remove("contract_name");
        item.put("contract_type_id", "not a number");

        assertThat(schemas.violations(page, schemas.response(V21 + "/contracts/", "GET", 200)))
                .anyMatch(violation -> violation.contains("contract_name"))
                .anyMatch(violation -> violation.contains("contract_type_id"));
    }

    @Test
    void errorAnswersCarryTheDocumentedErrorFields() {
        HttpResponse<byte[]> missing = http.get(V21 + "/contracts/T-999999/status");
        assertThat(SandboxHttp.json(missing).propertyNames()).containsExactly("detail", "status_code", "code", "message");
        assertThat(schemas.violations(SandboxHttp.json(http.post(V21 + "/webhooks/", "{}")),
                schemas.response(V21 + "/webhooks/", "POST", 400))).isEmpty();
    }

    @Test
    void webhookBodiesMatchContractActivityDomainModel() {
        sandbox.mutate(20);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.deliveries().size() >= 20);

        for (WebhookReceiver.Delivery delivery : receiver.deliveries()) {
            // the document describes the webhook body as the request of a sample operation
            assertThat(schemas.violations(delivery.json(), schemas.requestBody("/api/v1/public/webhook-sample/", "POST")))
                    .as(new String(delivery.body())).isEmpty();
        }
    }

    private static void assertConforms(String method, String path, HttpResponse<byte[]> response) {
        assertConforms(method, path, 200, response);
    }

    private static void assertConforms(String method, String path, int status, HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(method + " " + path + ": " + SandboxHttp.text(response)).isEqualTo(status);
        assertThat(schemas.violations(SandboxHttp.json(response), schemas.response(V21 + path, method, status)))
                .as(method + " " + path).isEmpty();
    }
}
