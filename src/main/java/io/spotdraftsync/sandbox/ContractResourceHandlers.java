package io.spotdraftsync.sandbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;

/** The endpoints under {@code /contracts/{id}/...}: status, metadata, external metadata, documents, metrics. */
final class ContractResourceHandlers {

    /** SpotDraft returns at most this many contracts for one external id. */
    static final int MAX_BY_EXTERNAL_ID = 50;
    private static final Set<String> PDF_FORMATS = Set.of("PDF", "DOCX_WITH_FALLBACK_TO_PDF");

    private final ContractStore store;
    private final ContractChanges changes;
    private final SignedUrls signedUrls;
    private final SandboxClock clock;

    ContractResourceHandlers(ContractStore store, ContractChanges changes, SignedUrls signedUrls, SandboxClock clock) {
        this.store = store;
        this.changes = changes;
        this.signedUrls = signedUrls;
        this.clock = clock;
    }

    ApiResponse status(ApiRequest request) {
        return ApiResponse.ok(ApiRepresentations.status(live(request, "composite_id")));
    }

    ApiResponse keyPointers(ApiRequest request) {
        return ApiResponse.ok(ApiRepresentations.keyPointers(live(request, "composite_id").keyPointers()));
    }

    /** {@code POST .../key_pointers/bulk}: each item names its field by id or field name. */
    ApiResponse bulkKeyPointers(ApiRequest request) {
        StoredContract contract = live(request, "composite_id");
        JsonNode items = request.jsonObjectBody().path("key_pointers");
        if (!items.isArray() || items.isEmpty()) {
            throw ApiException.badRequest("key_pointers is required and must be a non-empty list");
        }
        Map<Integer, KeyPointerValue> values = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode item : items.values()) {
            String where = "key_pointers[" + index++ + "]";
            KeyPointerDefinition field = field(contract.type(), item, where);
            if (!item.has("value")) {
                throw ApiException.badRequest(where + ".value is required");
            }
            try {
                values.put(field.id(), field.valueOf(field.type().parse(item.get("value"), field.options())));
            } catch (IllegalArgumentException invalid) {
                throw ApiException.badRequest(where + ".value for '" + field.fieldName() + "': " + invalid.getMessage());
            }
        }
        StoredContract updated = whileLive(() -> changes.setKeyPointers(contract.id(), values));
        return ApiResponse.ok(ApiRepresentations.keyPointers(updated.keyPointers()));
    }

    private static KeyPointerDefinition field(ContractType type, JsonNode item, String where) {
        JsonNode id = item.path("key_pointer_id");
        JsonNode fieldName = item.path("key_pointer_field_name");
        if (!id.isIntegralNumber() && !fieldName.isString()) {
            throw ApiException.badRequest(where + " needs key_pointer_id or key_pointer_field_name");
        }
        return type.keyPointers().stream()
                .filter(field -> id.isIntegralNumber() ? field.id() == id.longValue()
                        : field.fieldName().equals(fieldName.stringValue()))
                .findFirst()
                .orElseThrow(() -> ApiException.badRequest(where + ": contract type '" + type.name()
                        + "' has no key pointer " + (id.isIntegralNumber() ? id.longValue() : "'" + fieldName.stringValue() + "'")));
    }

    ApiResponse externalMetadata(ApiRequest request) {
        return ApiResponse.ok(ApiRepresentations.externalMetadata(live(request, "contract_id")));
    }

    /** {@code POST .../external_metadata}: replaces the record linked to the contract. */
    ApiResponse setExternalMetadata(ApiRequest request) {
        StoredContract contract = live(request, "contract_id");
        JsonNode metadata = request.jsonObjectBody().path("external_metadata");
        if (!metadata.isObject()) {
            throw ApiException.badRequest("external_metadata is required and must be an object");
        }
        JsonNode configuration = metadata.path("object_configuration_id");
        if (!configuration.isMissingNode() && !configuration.isNull() && !isUuid(configuration)) {
            throw ApiException.badRequest("external_metadata.object_configuration_id must be a UUID");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> record = (Map<String, Object>) SandboxJson.toJava(metadata);
        StoredContract updated = whileLive(
                () -> changes.setExternalMetadata(contract.id(), record, ContractChanges.API_USER));
        return ApiResponse.ok(ApiRepresentations.externalMetadata(updated));
    }

    private static boolean isUuid(JsonNode value) {
        try {
            UUID.fromString(value.asString(""));
            return true;
        } catch (IllegalArgumentException notUuid) {
            return false;
        }
    }

    /** {@code GET .../by_external_metadata/{id}}: a bare array of {@code ExternalContractV3}, integer ids. */
    ApiResponse byExternalMetadata(ApiRequest request) {
        String externalId = request.pathParameter("external_metadata_id");
        List<Map<String, Object>> matches = store.all().stream()
                .filter(contract -> !contract.deleted())
                .filter(contract -> contract.externalMetadata().get("id") != null
                        && Objects.toString(contract.externalMetadata().get("id")).equals(externalId))
                .sorted(Comparator.comparing(StoredContract::created))
                .limit(MAX_BY_EXTERNAL_ID)
                .map(ApiRepresentations::externalContract)
                .toList();
        return ApiResponse.ok(matches);
    }

    ApiResponse download(ApiRequest request) {
        return ApiResponse.document(live(request, "composite_id").document());
    }

    /** {@code POST .../download_link}: a signed URL to the current version, valid for the configured time. */
    ApiResponse downloadLink(ApiRequest request) {
        StoredContract contract = live(request, "composite_id");
        Optional<JsonNode> body = request.optionalJsonBody();
        String format = body.map(json -> json.path("format").asString("PDF")).orElse("PDF");
        if (!PDF_FORMATS.contains(format)) {
            throw ApiException.badRequest("format '" + format + "' is not available: the sandbox serves PDF only"
                    + " (PDF or DOCX_WITH_FALLBACK_TO_PDF)");
        }
        SandboxDocument document = contract.document();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", request.clientBaseUrl() + signedUrls.sign(contract.id(), document.versionId(), clock.now()));
        json.put("file_name", document.fileName());
        json.put("current_version_id", document.versionId());
        return ApiResponse.ok(json);
    }

    /**
     * {@code GET .../{contract_id}/process_metrics/} takes the bare number, which is ambiguous: the template
     * contract of that number wins, then the historical one.
     */
    ApiResponse processMetrics(ApiRequest request) {
        String number = request.pathParameter("contract_id");
        if (!number.matches("[0-9]{1,18}")) {
            throw ApiException.notFound("No contract found with id " + number);
        }
        List<ContractId> candidates = new ArrayList<>();
        candidates.add(new ContractId(ContractId.Family.TEMPLATE, Long.parseLong(number)));
        candidates.add(new ContractId(ContractId.Family.HISTORICAL, Long.parseLong(number)));
        return candidates.stream()
                .map(store::findLive)
                .flatMap(Optional::stream)
                .findFirst()
                .map(contract -> ApiResponse.ok(ApiRepresentations.processMetrics(contract)))
                .orElseThrow(() -> ApiException.notFound("No contract found with id " + number));
    }

    private StoredContract live(ApiRequest request, String parameter) {
        String compositeId = request.pathParameter(parameter);
        return ContractId.parse(compositeId)
                .flatMap(store::findLive)
                .orElseThrow(() -> ApiException.notFound("No contract found with id " + compositeId));
    }

    /** A contract deleted between lookup and change is as gone as one never found. */
    private static StoredContract whileLive(Supplier<StoredContract> change) {
        try {
            return change.get();
        } catch (IllegalStateException | NoSuchElementException gone) {
            throw ApiException.notFound(gone.getMessage());
        }
    }
}
