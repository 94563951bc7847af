package io.spotdraftsync.sandbox;

import static io.spotdraftsync.sandbox.SandboxHttp.V21;
import static io.spotdraftsync.sandbox.SandboxHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** Every endpoint besides the list: auth, redirects, errors, resources, documents, signed URLs, import. */
class ContractEndpointsTest {

    private static SpotDraftSandbox sandbox;
    private static SandboxHttp http;

    @BeforeAll
    static void start() {
        sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(200).seed(5).requestsPerSecond(0).build());
        http = new SandboxHttp(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void missingOrWrongCredentialsAre401WithTheErrorBody() {
        HttpResponse<byte[]> missing = http.getWithHeaders(V21 + "/contract_types/");
        HttpResponse<byte[]> wrong = http.getWithHeaders(V21 + "/contract_types/", "client-id", "sandbox",
                "client-secret", "not-the-secret");

        for (HttpResponse<byte[]> response : List.of(missing, wrong)) {
            assertThat(response.statusCode()).isEqualTo(401);
            JsonNode error = json(response);
            assertThat(error.path("status_code").intValue()).isEqualTo(401);
            assertThat(error.path("detail").asString()).isNotBlank();
            assertThat(error.path("message").asString()).isEqualTo(error.path("detail").asString());
            assertThat(error.path("code").asString()).isNotBlank();
        }
        assertThat(SandboxHttp.text(wrong)).doesNotContain("not-the-secret");
    }

    @Test
    void aWrongTrailingSlashIsRedirectedToTheDocumentedPath() {
        String id = live(0).compositeId();

        HttpResponse<byte[]> missingSlash = http.get(V21 + "/contracts?page=2&limit=5");
        assertThat(missingSlash.statusCode()).isEqualTo(302);
        assertThat(missingSlash.headers().firstValue("Location")).hasValue(V21 + "/contracts/?page=2&limit=5");

        HttpResponse<byte[]> extraSlash = http.get(V21 + "/contracts/" + id + "/status/");
        assertThat(extraSlash.statusCode()).isEqualTo(302);
        assertThat(extraSlash.headers().firstValue("Location")).hasValue(V21 + "/contracts/" + id + "/status");

        assertThat(http.post(V21 + "/contracts/executed_contracts", "{}").statusCode()).isEqualTo(302);
        assertThat(http.get(V21 + "/contracts/" + id + "/process_metrics").statusCode()).isEqualTo(302);
    }

    @Test
    void unknownContractsAndPathsAre404AndAWrongMethodIs405() {
        for (String path : List.of("/contracts/T-999999/status", "/contracts/abc/key_pointers",
                "/contracts/999999/process_metrics/", "/no_such_thing/")) {
            HttpResponse<byte[]> response = http.get(V21 + path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(json(response).path("status_code").intValue()).isEqualTo(404);
        }
        HttpResponse<byte[]> wrongMethod = http.get(V21 + "/contracts/" + live(0).compositeId() + "/download");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void statusAndKeyPointersDescribeTheContract() {
        SandboxContract contract = live(1);

        JsonNode status = http.getJson(V21 + "/contracts/" + contract.compositeId() + "/status");
        assertThat(status.path("contract_status").asString()).isEqualTo(contract.status().name());
        assertThat(status.path("contract_name").asString()).isEqualTo(contract.name());

        JsonNode keyPointers = http.getJson(V21 + "/contracts/" + contract.compositeId() + "/key_pointers");
        assertThat(keyPointers.isArray()).isTrue();
        assertThat(keyPointers.size()).isEqualTo(contract.keyPointers().size());
        for (JsonNode keyPointer : keyPointers.values()) {
            assertThat(keyPointer.propertyNames()).containsExactly("id", "value", "label", "field_name", "data_type",
                    "format_option");
        }
    }

    @Test
    void bulkKeyPointersSetsValuesByFieldNameOrIdAndRejectsBadOnes() {
        SandboxContract contract = sandbox.contracts().stream()
                .filter(c -> !c.deleted() && c.contractTypeName().equals("Master Services Agreement"))
                .findFirst().orElseThrow();
        String path = V21 + "/contracts/" + contract.compositeId() + "/key_pointers/bulk";

        HttpResponse<byte[]> updated = http.post(path, """
                {"key_pointers": [
                  {"key_pointer_field_name": "payment_terms_days", "value": 75},
                  {"key_pointer_id": 310, "value": {"type": "EUR", "value": 250000}},
                  {"key_pointer_field_name": "service_countries", "value": ["DE", "JP"]}
                ]}""");

        assertThat(updated.statusCode()).as(SandboxHttp.text(updated)).isEqualTo(200);
        Map<String, Object> values = sandbox.contract(contract.compositeId()).keyPointers().stream()
                .collect(Collectors.toMap(KeyPointerValue::fieldName, KeyPointerValue::value));
        assertThat(values.get("payment_terms_days")).isEqualTo(75L);
        assertThat(values.get("liability_cap")).isEqualTo(Map.of("type", "EUR", "value", 250000.0));
        assertThat(values.get("service_countries")).isEqualTo(List.of("DE", "JP"));
        assertThat(sandbox.contract(contract.compositeId()).lastUpdated()).isAfter(contract.lastUpdated());

        assertThat(http.post(path, "{\"key_pointers\": [{\"key_pointer_field_name\": \"mutual\", \"value\": true}]}")
                .statusCode()).as("a field of another contract type").isEqualTo(400);
        HttpResponse<byte[]> wrongType = http.post(path,
                "{\"key_pointers\": [{\"key_pointer_field_name\": \"payment_terms_days\", \"value\": \"soon\"}]}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(json(wrongType).path("detail").asString()).contains("payment_terms_days");
        assertThat(http.post(path, "{\"key_pointers\": []}").statusCode()).isEqualTo(400);
    }

    @Test
    void externalMetadataIsSetReadAndFoundByItsId() {
        SandboxContract first = live(3);
        SandboxContract second = live(4);
        String body = """
                {"external_metadata": {"id": "crm-opp-77", "integration_name": "Salesforce",
                  "record_type": "Opportunity", "record_data": {"stage": "Closed Won"}}}""";

        assertThat(http.post(V21 + "/contracts/" + first.compositeId() + "/external_metadata", body).statusCode())
                .isEqualTo(200);
        assertThat(http.post(V21 + "/contracts/" + second.compositeId() + "/external_metadata", body).statusCode())
                .isEqualTo(200);

        JsonNode read = http.getJson(V21 + "/contracts/" + first.compositeId() + "/external_metadata");
        assertThat(read.path("external_metadata").path("id").asString()).isEqualTo("crm-opp-77");
        assertThat(read.path("external_metadata").path("record_data").path("stage").asString()).isEqualTo("Closed Won");

        JsonNode found = http.getJson(V21 + "/contracts/by_external_metadata/crm-opp-77");
        assertThat(found.isArray()).isTrue();
        assertThat(found.values()).extracting(item -> item.path("id").longValue())
                .containsExactlyInAnyOrder(first.numericId(), second.numericId());
        assertThat(found.values()).allMatch(item -> item.path("id").isIntegralNumber());
        assertThat(http.getJson(V21 + "/contracts/by_external_metadata/nobody").size()).isZero();

        assertThat(http.post(V21 + "/contracts/" + first.compositeId() + "/external_metadata", "{\"id\": 1}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void processMetricsResolveTheBareNumberTemplateFirst() {
        List<SandboxContract> contracts = sandbox.contracts();
        SandboxContract historicalOnly = contracts.stream()
                .filter(c -> c.kind() == ContractKind.EXECUTED_CONTRACT && !c.deleted())
                .filter(h -> contracts.stream().noneMatch(t -> t.compositeId().equals("T-" + h.numericId())))
                .findFirst().orElseThrow();
        SandboxContract template = contracts.stream()
                .filter(c -> c.kind() == ContractKind.TEMPLATE_CONTRACT && c.status() == ContractStatus.EXECUTED && !c.deleted())
                .findFirst().orElseThrow();

        JsonNode metrics = http.getJson(V21 + "/contracts/" + template.numericId() + "/process_metrics/");
        assertThat(metrics.path("contract_id").longValue()).isEqualTo(template.numericId());
        assertThat(metrics.path("contract_status").asString()).isEqualTo("EXECUTED");
        assertThat(metrics.path("contract_executed_datetime").asString()).isNotBlank();
        assertThat(metrics.path("contract_turns").isObject()).isTrue();
        assertThat(http.getJson(V21 + "/contracts/" + historicalOnly.numericId() + "/process_metrics/")
                .path("type_of_workflow").asString()).isEqualTo("UPLOAD_EXECUTED");
    }

    @Test
    void referenceDataEndpointsAnswerTheDocumentedShapes() {
        JsonNode types = http.getJson(V21 + "/contract_types/");
        assertThat(types.isArray()).isTrue();
        assertThat(types.size()).isGreaterThanOrEqualTo(6);
        assertThat(types.get(0).propertyNames()).containsExactly("id", "name");

        JsonNode entities = http.getJson(V21 + "/organizations/entities/");
        assertThat(entities.isArray()).isTrue();
        assertThat(entities.get(0).path("jurisdiction").path("code2").asString()).isNotBlank();

        JsonNode counterparties = http.getJson(V21 + "/counter_parties/?page=2&limit=5");
        assertThat(counterparties.path("page").intValue()).isEqualTo(2);
        assertThat(counterparties.path("results").size()).isEqualTo(5);
        assertThat(counterparties.path("total_results").intValue()).isGreaterThan(5);
        String email = counterparties.path("results").get(0).path("contacts").get(0).path("email").asString();
        assertThat(http.getJson(V21 + "/counter_parties/?filter__client_email_address=" + SandboxHttp.encode(email))
                .path("total_results").intValue()).isEqualTo(1);

        JsonNode definitions = http.getJson(V21 + "/key_pointers/?contract_type_id=101");
        assertThat(definitions.values()).allMatch(definition -> definition.has("id") && definition.has("section")
                && definition.path("descriptors").size() >= 1);
        assertThat(definitions.values()).anyMatch(definition -> definition.path("descriptors").values().stream()
                .anyMatch(descriptor -> descriptor.path("variable").asString().equals("contract_value.type")));
        assertThat(http.get(V21 + "/key_pointers/").statusCode()).isEqualTo(400);
        assertThat(http.get(V21 + "/key_pointers/?contract_type_id=1").statusCode()).isEqualTo(400);

        assertThat(http.getJson(V21 + "/webhooks/hmac_key/").path("hmac_key").asString())
                .isEqualTo(sandbox.hmacKeyBase64());
    }

    @Test
    void downloadStreamsThePdfOfTheCurrentVersion() throws Exception {
        SandboxContract contract = live(6);

        HttpResponse<byte[]> download = http.postEmpty(V21 + "/contracts/" + contract.compositeId() + "/download");

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(download.headers().firstValueAsLong("Content-Length")).hasValue(contract.documentSize());
        assertThat(download.body()).startsWith("%PDF-".getBytes(StandardCharsets.US_ASCII));
        assertThat(SandboxDataTest.sha256(download.body())).isEqualTo(contract.documentSha256());
    }

    @Test
    void aDownloadLinkIsASignedUrlOutsideTheApiThatKeepsItsVersion() throws Exception {
        SandboxContract contract = live(7);
        JsonNode link = SandboxHttp.json(http.postEmpty(V21 + "/contracts/" + contract.compositeId() + "/download_link"));
        String url = link.path("url").asString();
        assertThat(URI.create(url).getPath()).doesNotStartWith("/api/").startsWith("/_sandbox/files/");
        assertThat(link.path("current_version_id").longValue()).isEqualTo(contract.currentVersionId());
        assertThat(link.path("file_name").asString()).endsWith(".pdf");

        sandbox.resetStats();
        HttpResponse<byte[]> file = http.getAbsolute(url);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(SandboxDataTest.sha256(file.body())).isEqualTo(contract.documentSha256());
        assertThat(sandbox.stats().requestsServed()).as("storage downloads are not API requests").isZero();
        assertThat(sandbox.stats().requests(SignedFileHandler.STATS_KEY)).isEqualTo(1);

        sandbox.uploadNewVersion(contract.compositeId());
        SandboxContract updated = sandbox.contract(contract.compositeId());
        assertThat(updated.currentVersionId()).isNotEqualTo(contract.currentVersionId());
        assertThat(SandboxDataTest.sha256(http.getAbsolute(url).body()))
                .as("an issued URL keeps pointing at its version").isEqualTo(contract.documentSha256());

        String tampered = url.substring(0, url.length() - 1) + (url.endsWith("0") ? "1" : "0");
        assertThat(http.getAbsolute(tampered).statusCode()).isEqualTo(403);
        String otherVersion = url.replace("/" + contract.currentVersionId() + "?", "/" + updated.currentVersionId() + "?");
        assertThat(http.getAbsolute(otherVersion).statusCode()).isEqualTo(403);
        assertThat(http.getAbsolute(url.substring(0, url.indexOf('?'))).statusCode()).isEqualTo(403);
    }

    @Test
    void aDownloadLinkExpires() {
        try (SpotDraftSandbox shortLived = SpotDraftSandbox.start(SandboxSettings.builder().contracts(5)
                .requestsPerSecond(0).signedUrlTtl(Duration.ofMillis(300)).build())) {
            SandboxHttp client = new SandboxHttp(shortLived);
            String id = shortLived.contracts().get(0).compositeId();
            String url = SandboxHttp.json(client.postEmpty(V21 + "/contracts/" + id + "/download_link")).path("url").asString();

            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> client.getAbsolute(url).statusCode() == 403);
            assertThat(SandboxHttp.text(client.getAbsolute(url))).contains("expired");
        }
    }

    @Test
    void importingAnExecutedContractCreatesAHistoricalContract() throws Exception {
        byte[] pdf = PdfDocumentWriterTest.pdf(99, "import", "Signed elsewhere", 3000);
        String body = """
                {"contract_name": "Imported NDA with Ünal Ltd.", "file_name": "unal_nda.pdf",
                 "file_content": "%s", "contract_type_id": 100, "organization_entity_id": 78,
                 "counterparty_details": [{"is_individual": false, "organization_name": "Ünal Ltd.",
                   "poc_details": {"first_name": "Ayşe", "last_name": "Ünal", "email": "ayse@unal.example"}}],
                 "external_metadata": {"id": "legacy-42", "integration_name": "SharePoint"}}"""
                .formatted(Base64.getEncoder().encodeToString(pdf));

        HttpResponse<byte[]> created = http.post(V21 + "/contracts/executed_contracts/", body);

        assertThat(created.statusCode()).as(SandboxHttp.text(created)).isEqualTo(201);
        JsonNode item = json(created);
        String id = item.path("id").asString();
        assertThat(id).startsWith("H-");
        assertThat(item.path("contract_status").asString()).isEqualTo("EXECUTED");
        assertThat(item.path("counter_party_name").asString()).isEqualTo("Ünal Ltd.");
        SandboxContract imported = sandbox.contract(id);
        assertThat(imported.kind()).isEqualTo(ContractKind.EXECUTED_CONTRACT);
        assertThat(imported.externalMetadata()).containsEntry("id", "legacy-42");
        assertThat(http.postEmpty(V21 + "/contracts/" + id + "/download").body()).isEqualTo(pdf);
        assertThat(http.getJson(V21 + "/contracts/?filter__contract_id=" + id).path("total_results").intValue()).isEqualTo(1);
    }

    @Test
    void aChunkedImportBodyReadsAsEmptyAsSpotDraftReadsItAndIsRefusedWithAJsonParseError() {
        String body = """
                {"contract_name": "Chunked NDA", "file_name": "chunked.pdf", "file_content": "%s",
                 "contract_type_id": 100, "organization_entity_id": 78}"""
                .formatted(Base64.getEncoder().encodeToString("%PDF-1.4 chunked".getBytes(StandardCharsets.US_ASCII)));
        long contractsBefore = sandbox.contracts().size();

        // a body of unknown length: the JDK client sends it with Transfer-Encoding: chunked and no Content-Length
        HttpResponse<byte[]> chunked = http.send(http.request(V21 + "/contracts/executed_contracts/")
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))));

        assertThat(chunked.statusCode()).as(SandboxHttp.text(chunked)).isEqualTo(400);
        assertThat(json(chunked).path("detail").asString()).startsWith("JSON parse error - Expecting value")
                .contains("Transfer-Encoding");
        assertThat(sandbox.contracts()).hasSize((int) contractsBefore);
        // the same body with its Content-Length is imported
        HttpResponse<byte[]> sized = http.post(V21 + "/contracts/executed_contracts/", body);
        assertThat(sized.statusCode()).as(SandboxHttp.text(sized)).isEqualTo(201);
    }

    @Test
    void anInvalidImportIsA400NamingTheField() {
        String pdf = Base64.getEncoder().encodeToString("%PDF-1.4 tiny".getBytes(StandardCharsets.US_ASCII));
        String text = Base64.getEncoder().encodeToString("just text".getBytes(StandardCharsets.US_ASCII));
        String template = """
                {"contract_name": "X", "file_name": "%s", "file_content": "%s", "contract_type_id": %s,
                 "organization_entity_id": %s}""";

        assertImportRejected(template.formatted("x.pdf", text, 100, 78), "file_content");
        assertImportRejected(template.formatted("x.pdf", "***", 100, 78), "file_content");
        assertImportRejected(template.formatted("x.docx", pdf, 100, 78), "file_name");
        assertImportRejected(template.formatted("x.pdf", pdf, 4242, 78), "contract_type_id");
        assertImportRejected(template.formatted("x.pdf", pdf, 100, 4242), "organization_entity_id");
        assertImportRejected(template.formatted("x.pdf", pdf, "\"100\"", 78), "contract_type_id");
        assertImportRejected("{\"file_name\": \"x.pdf\"}", "contract_name");
        assertImportRejected(template.formatted("x.pdf", pdf, 100, 78).replace("}", ", \"counterparty_details\": "
                + "[{\"is_individual\": false, \"poc_details\": {\"first_name\": \"A\", \"last_name\": \"B\", "
                + "\"email\": \"a@b.example\"}}]}"), "organization_name");
        assertImportRejected("not json", "JSON");
    }

    private void assertImportRejected(String body, String named) {
        HttpResponse<byte[]> response = http.post(V21 + "/contracts/executed_contracts/", body);
        assertThat(response.statusCode()).as(body).isEqualTo(400);
        assertThat(json(response).path("detail").asString()).contains(named);
    }

    private static SandboxContract live(int index) {
        return sandbox.contracts().stream().filter(c -> !c.deleted()).toList().get(index);
    }
}
