package io.spotdraftsync.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v2.1/public/contracts/executed_contracts/}: imports a contract signed elsewhere as a new
 * {@code H-} contract in EXECUTED, answering 201 with its list item. Field names follow the OpenAPI schema
 * {@code CreateExecutedContractAPIRequest} (the portal's playbook spells some differently).
 */
final class ExecutedContractImportHandler implements ApiRouter.Handler {

    static final String CONTRACT_NAME = "contract_name";
    static final String FILE_NAME = "file_name";
    static final String FILE_CONTENT = "file_content";
    static final String CONTRACT_TYPE_ID = "contract_type_id";
    static final String ORGANIZATION_ENTITY_ID = "organization_entity_id";
    static final String COUNTERPARTY_DETAILS = "counterparty_details";
    static final String EXTERNAL_METADATA = "external_metadata";

    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);

    private final Workspace workspace;
    private final ContractChanges changes;

    ExecutedContractImportHandler(Workspace workspace, ContractChanges changes) {
        this.workspace = workspace;
        this.changes = changes;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        JsonNode body = request.jsonObjectBody();
        String contractName = requiredText(body, CONTRACT_NAME);
        String fileName = requiredText(body, FILE_NAME);
        if (!fileName.toLowerCase(Locale.ROOT).endsWith(".pdf")) {
            throw ApiException.badRequest(FILE_NAME + ": only .pdf files are accepted");
        }
        byte[] pdf = pdf(requiredText(body, FILE_CONTENT));
        int typeId = requiredInt(body, CONTRACT_TYPE_ID);
        ContractType type = workspace.contractType(typeId)
                .orElseThrow(() -> ApiException.badRequest(CONTRACT_TYPE_ID + ": no contract type with id " + typeId));
        int entityId = requiredInt(body, ORGANIZATION_ENTITY_ID);
        OrganizationEntity entity = workspace.entity(entityId)
                .orElseThrow(() -> ApiException.badRequest(ORGANIZATION_ENTITY_ID + ": no organization entity with id " + entityId));
        Counterparty counterparty = counterparty(body.path(COUNTERPARTY_DETAILS));
        StoredContract imported = changes.importExecuted(new ExecutedContractImport(contractName, fileName, pdf, type,
                entity, counterparty, externalMetadata(body.path(EXTERNAL_METADATA))));
        return ApiResponse.json(201, ApiRepresentations.contractListItem(imported));
    }

    private static byte[] pdf(String base64) {
        byte[] pdf;
        try {
            pdf = Base64.getDecoder().decode(base64.replaceAll("\\s", ""));
        } catch (IllegalArgumentException notBase64) {
            throw ApiException.badRequest(FILE_CONTENT + ": not valid base64");
        }
        if (pdf.length < PDF_MAGIC.length || !Arrays.equals(pdf, 0, PDF_MAGIC.length, PDF_MAGIC, 0, PDF_MAGIC.length)) {
            throw ApiException.badRequest(FILE_CONTENT + ": the decoded file is not a PDF (it must start with %PDF-)");
        }
        return pdf;
    }

    /** One validated entry of {@code counterparty_details}. */
    private record CounterpartyDetails(String name, boolean individual, String organizationType, String firstName,
            String lastName, String email) {
    }

    /**
     * Registers every listed counterparty (once all are valid) and returns the first, which the sandbox keeps as
     * the contract's counterparty; null when none is given.
     */
    private Counterparty counterparty(JsonNode details) {
        if (details.isMissingNode() || details.isNull()) {
            return null;
        }
        if (!details.isArray()) {
            throw ApiException.badRequest(COUNTERPARTY_DETAILS + " must be a list");
        }
        List<CounterpartyDetails> parsed = new ArrayList<>();
        int index = 0;
        for (JsonNode item : details.values()) {
            parsed.add(counterpartyDetails(item, COUNTERPARTY_DETAILS + "[" + index++ + "]"));
        }
        List<Counterparty> registered = parsed.stream()
                .map(party -> workspace.findOrAddCounterparty(party.name(), party.individual(), party.organizationType(),
                        party.firstName(), party.lastName(), party.email()))
                .toList();
        return registered.isEmpty() ? null : registered.get(0);
    }

    private static CounterpartyDetails counterpartyDetails(JsonNode item, String where) {
        if (!item.isObject() || !item.path("is_individual").isBoolean()) {
            throw ApiException.badRequest(where + ".is_individual is required (true or false)");
        }
        boolean individual = item.path("is_individual").booleanValue();
        JsonNode contact = item.path("poc_details");
        if (!contact.isObject()) {
            throw ApiException.badRequest(where + ".poc_details is required");
        }
        String firstName = requiredText(contact, "first_name", where + ".poc_details.");
        String lastName = requiredText(contact, "last_name", where + ".poc_details.");
        String email = requiredText(contact, "email", where + ".poc_details.");
        String name = individual ? firstName + " " + lastName : requiredText(item, "organization_name", where + ".");
        return new CounterpartyDetails(name, individual, item.path("organization_type").asString(null), firstName,
                lastName, email);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> externalMetadata(JsonNode metadata) {
        if (metadata.isMissingNode() || metadata.isNull()) {
            return Map.of();
        }
        if (!metadata.isObject()) {
            throw ApiException.badRequest(EXTERNAL_METADATA + " must be an object");
        }
        return (Map<String, Object>) SandboxJson.toJava(metadata);
    }

    private static String requiredText(JsonNode body, String field) {
        return requiredText(body, field, "");
    }

    private static String requiredText(JsonNode body, String field, String path) {
        JsonNode value = body.path(field);
        if (!value.isString() || value.stringValue().isBlank()) {
            throw ApiException.badRequest(path + field + " is required and must be a non-empty string");
        }
        return value.stringValue();
    }

    private static int requiredInt(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw ApiException.badRequest(field + " is required and must be an integer");
        }
        return value.intValue();
    }
}
