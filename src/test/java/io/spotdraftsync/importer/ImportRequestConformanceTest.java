package io.spotdraftsync.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;

import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;
import io.spotdraftsync.spotdraft.ImportDocument;
import io.spotdraftsync.spotdraft.SpotDraftClient;
import io.spotdraftsync.spotdraft.model.ContractListItem;
import io.spotdraftsync.testsupport.RecordingProxy;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The streamed import request, as it goes over the wire, against SpotDraft's OpenAPI document: the schema
 * {@code CreateExecutedContractAPIRequest} field by field, and the validator on the whole exchange. Skipped when
 * the document is absent ({@code spotdraft.openapi.path}).
 */
class ImportRequestConformanceTest {

    private static final String PATH = "/api/v2.1/public/contracts/executed_contracts/";

    @Test
    void theStreamedImportRequestHasTheDocumentedShape() throws Exception {
        Path document = Path.of(System.getProperty("spotdraft.openapi.path", "../shared/reference/spotdraft-openapi.yml"));
        Assumptions.assumeTrue(Files.isRegularFile(document),
                "SpotDraft's OpenAPI document is absent at " + document.toAbsolutePath() + ": conformance not checked");
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        OpenAPI api = new OpenAPIV3Parser().readLocation(document.toString(), null, options).getOpenAPI();

        byte[] pdf = "%PDF-1.4\n% conformance\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ImportItem item = new ImportItem(1, "SRC-1", "legacy-dms", "docs/a.pdf", pdf.length, "Acme NDA", 100, 78, false,
                "Acme Corp", "Ann", "Lee", "ann@acme.example", LocalDate.of(2024, 1, 15), Map.of("department", "Legal"));
        RecordingProxy.Exchange exchange;
        try (SpotDraftSandbox sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(5).seed(3)
                        .requestsPerSecond(0).build());
                RecordingProxy proxy = new RecordingProxy(sandbox.baseUrl());
                SpotDraftClient client = proxy.client()) {
            ContractListItem created = client.importExecutedContract(ImportWriter.request(item), new ImportDocument() {
                @Override
                public java.io.InputStream open() {
                    return new java.io.ByteArrayInputStream(pdf);
                }

                @Override
                public long length() {
                    return pdf.length;
                }
            });
            assertThat(created.id()).startsWith("H-");
            exchange = proxy.exchanges().stream().filter(e -> e.path().equals(PATH)).findFirst().orElseThrow();
        }

        JsonNode body = JsonMapper.builder().build().readTree(exchange.requestBody());
        Schema<?> schema = api.getComponents().getSchemas().get("CreateExecutedContractAPIRequest");
        Set<String> documented = schema.getProperties().keySet();
        List<String> sent = new ArrayList<>(body.propertyNames());
        assertThat(sent).as("top-level fields sent").isSubsetOf(documented)
                .containsExactly("contract_name", "file_name", "file_content", "contract_type_id", "organization_entity_id",
                        "counterparty_details", "external_metadata");
        if (schema.getRequired() != null) {
            assertThat(sent).as("required fields").containsAll(schema.getRequired());
        }
        assertThat(body.get("contract_name").isString()).isTrue();
        assertThat(body.get("file_name").stringValue()).isEqualTo("a.pdf");
        assertThat(Base64.getDecoder().decode(body.get("file_content").stringValue())).isEqualTo(pdf);
        assertThat(body.get("contract_type_id").isIntegralNumber()).isTrue();
        assertThat(body.get("organization_entity_id").isIntegralNumber()).isTrue();
        Schema<?> counterparty = schema.getProperties().get("counterparty_details").getItems();
        JsonNode party = body.get("counterparty_details").get(0);
        assertThat(new ArrayList<>(party.propertyNames())).isSubsetOf(counterparty.getProperties().keySet());
        assertThat(party.get("is_individual").isBoolean()).isTrue();
        Schema<?> contact = counterparty.getProperties().get("poc_details");
        if (contact.getProperties() != null) {
            assertThat(new ArrayList<>(party.get("poc_details").propertyNames())).isSubsetOf(contact.getProperties().keySet());
        }
        assertThat(body.get("external_metadata").get("id").stringValue()).isEqualTo("SRC-1");
        assertThat(body.get("external_metadata").get("integration_name").stringValue()).isEqualTo("legacy-dms");

        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createFor(api).build();
        SimpleRequest.Builder request = new SimpleRequest.Builder(exchange.method(), exchange.path());
        exchange.requestHeaders().forEach(request::withHeader);
        request.withBody(exchange.requestBody());
        Request built = request.build();
        ValidationReport report = validator.validateRequest(built);
        assertThat(report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage()).toList()).as("OpenAPI violations").isEmpty();
    }
}
