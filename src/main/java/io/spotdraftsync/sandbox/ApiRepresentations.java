package io.spotdraftsync.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of SpotDraft's answers, field for field as the OpenAPI document names them. */
final class ApiRepresentations {

    private ApiRepresentations() {
    }

    /** {@code ContractResponseV2}: the list item, with the composite id as a string. */
    static Map<String, Object> contractListItem(StoredContract contract) {
        Map<String, Object> json = contractFields(contract);
        json.put("id", contract.id().toString());
        return reorderIdFirst(json);
    }

    /** {@code ExternalContractV3}: the same fields, but the id is the bare number. */
    static Map<String, Object> externalContract(StoredContract contract) {
        Map<String, Object> json = contractFields(contract);
        json.put("id", contract.id().number());
        return reorderIdFirst(json);
    }

    private static Map<String, Object> contractFields(StoredContract contract) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("created", SandboxJson.timestamp(contract.created()));
        json.put("contract_name", contract.name());
        json.put("contract_link", contract.link());
        json.put("contract_status", contract.status().name());
        json.put("created_by", contract.creator().name());
        json.put("counter_party_name", contract.counterpartyName());
        json.put("contract_type_name", contract.type().name());
        json.put("contract_type_id", contract.type().id());
        json.put("external_metadata", contract.externalMetadata());
        json.put("reference_id", contract.referenceId());
        json.put("created_by_user_name", contract.creator().name());
        json.put("created_by_user_email", contract.creator().email());
        json.put("created_by_workspace", Workspace.WORKSPACE_ID);
        return json;
    }

    private static Map<String, Object> reorderIdFirst(Map<String, Object> json) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("id", json.remove("id"));
        ordered.putAll(json);
        return ordered;
    }

    /** The page envelope shared by the list endpoints. */
    static Map<String, Object> page(int page, int limit, int totalResults, List<?> results) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("page", page);
        json.put("limit", limit);
        json.put("total_results", totalResults);
        json.put("results", results);
        return json;
    }

    /** {@code ExternalContractStatus}. */
    static Map<String, Object> status(StoredContract contract) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("contract_status", contract.status().name());
        json.put("contract_name", contract.name());
        return json;
    }

    /** {@code ContractKeyPointerMinimalListResponse}. */
    static List<Map<String, Object>> keyPointers(List<KeyPointerValue> values) {
        List<Map<String, Object>> json = new ArrayList<>();
        for (KeyPointerValue value : values) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", value.id());
            item.put("value", value.value());
            item.put("label", value.label());
            item.put("field_name", value.fieldName());
            item.put("data_type", value.dataType());
            item.put("format_option", value.formatOption());
            json.add(item);
        }
        return json;
    }

    /** The external metadata envelope of GET and POST {@code external_metadata}. */
    static Map<String, Object> externalMetadata(StoredContract contract) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("external_metadata", contract.externalMetadata());
        return json;
    }

    /** {@code ContractProcessMetricResponse}, derived from the contract's workflow times. */
    static Map<String, Object> processMetrics(StoredContract contract) {
        Map<String, Object> turns = new LinkedHashMap<>();
        boolean negotiated = contract.sentToCounterpartyAt() != null;
        turns.put("no_of_turns", negotiated ? 2 : 0);
        turns.put("last_turn_change_datetime", SandboxJson.timestamp(contract.sentToCounterpartyAt()));
        turns.put("last_turn_change_org_user_email", negotiated ? contract.businessUser().email() : null);

        List<Map<String, Object>> signatures = new ArrayList<>();
        if (contract.executedAt() != null && contract.counterparty() != null) {
            signatures.add(signature(true, contract.executedAt(), contract.legalUser().email()));
            signatures.add(signature(false, contract.executedAt(), contract.counterparty().contact().email()));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("contract_id", contract.id().number());
        json.put("contract_sent_to_cp_datetime", SandboxJson.timestamp(contract.sentToCounterpartyAt()));
        json.put("cp_added_info_initial_datetime", null);
        json.put("cp_added_info_latest_datetime", null);
        json.put("cp_opened_review_email_datetime", SandboxJson.timestamp(contract.sentToCounterpartyAt()));
        json.put("contract_signed_by_signatory_list", signatures);
        json.put("contract_turns", turns);
        json.put("contract_executed_datetime", SandboxJson.timestamp(contract.executedAt()));
        json.put("type_of_workflow", contract.kind() == ContractKind.TEMPLATE_CONTRACT ? "TEMPLATE" : "UPLOAD_EXECUTED");
        json.put("contract_status", contract.status().name());
        json.put("marked_for_signature_datetime", SandboxJson.timestamp(contract.markedForSignatureAt()));
        json.put("pending_with", pendingWith(contract.status()));
        // the schema declares these strings and the enum without null: a value not known yet is left out
        turns.values().removeIf(java.util.Objects::isNull);
        json.values().removeIf(java.util.Objects::isNull);
        return json;
    }

    private static Map<String, Object> signature(boolean creatorParty, Instant signed, String email) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("is_creator_party", creatorParty);
        json.put("signed_datetime", SandboxJson.timestamp(signed));
        json.put("signatory_email", email);
        return json;
    }

    private static String pendingWith(ContractStatus status) {
        return switch (status) {
            case DRAFT, ON_HOLD -> "CREATOR_PARTY";
            case REDLINING -> "COUNTER_PARTY";
            case SIGN -> "BOTH";
            case EXECUTED, VOIDED -> null;
        };
    }

    /** {@code CounterPartyAPIResponse}. */
    static Map<String, Object> counterparty(Counterparty counterparty) {
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("id", counterparty.contact().id());
        contact.put("name", counterparty.contact().fullName());
        contact.put("email", counterparty.contact().email());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", counterparty.id());
        json.put("name", counterparty.name());
        json.put("is_individual", counterparty.individual());
        json.put("contacts", List.of(contact));
        json.put("primary_address", address(counterparty.address()));
        json.put("status", "ACTIVE");
        json.put("custom_fields", counterparty.customFields());
        if (counterparty.brandName() != null) {
            json.put("brand_name", counterparty.brandName());
        }
        return json;
    }

    private static Map<String, Object> address(PostalAddress address) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", address.id());
        json.put("line_one", address.lineOne());
        json.put("city_name", address.city());
        json.put("state_name", address.state());
        json.put("zipcode", address.zipcode());
        json.put("country_name", address.countryName());
        return json;
    }

    /** {@code ContractTypeDomainModel}. */
    static Map<String, Object> contractType(ContractType type) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", type.id());
        json.put("name", type.name());
        return json;
    }

    /** {@code OrganizationEntityDomainModel}. */
    static Map<String, Object> entity(OrganizationEntity entity) {
        Map<String, Object> jurisdiction = new LinkedHashMap<>();
        jurisdiction.put("id", entity.jurisdictionId());
        jurisdiction.put("name", entity.jurisdictionName());
        jurisdiction.put("code2", entity.jurisdictionCode());
        Map<String, Object> organizationType = new LinkedHashMap<>();
        organizationType.put("id", entity.organizationTypeId());
        organizationType.put("name", entity.organizationTypeName());
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("id", entity.address().id());
        address.put("line_one", entity.address().lineOne());
        address.put("city_name", entity.address().city());
        address.put("state_name", entity.address().state());
        address.put("zipcode", entity.address().zipcode());
        address.put("country", jurisdiction);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", entity.id());
        json.put("name", entity.name());
        json.put("reference_id", entity.referenceId());
        json.put("jurisdiction", jurisdiction);
        json.put("organization_type", organizationType);
        json.put("primary_address", address);
        json.put("is_primary", entity.primary());
        return json;
    }

    /**
     * {@code KeyPointerDomainModel}. Currency and duration fields are described as nested variables (amount and
     * unit), since the descriptor types have no compound type.
     */
    static Map<String, Object> keyPointerDefinition(KeyPointerDefinition definition) {
        List<Map<String, Object>> descriptors = switch (definition.type()) {
            case CURRENCY -> List.of(
                    child(definition, "type", "Currency", "enum", List.of("USD", "EUR", "GBP", "INR", "JPY")),
                    child(definition, "value", "Amount", "float", List.of()));
            case DURATION -> List.of(
                    child(definition, "type", "Unit", "enum", KeyPointerType.DURATION_UNITS),
                    child(definition, "value", "Length", "int", List.of()),
                    child(definition, "days", "Days", "int", List.of()));
            default -> List.of(descriptor(definition.label(), definition.fieldName(), definition.type().apiName,
                    definition.options()));
        };
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("id", definition.section().id());
        section.put("section_type", definition.section().type());
        section.put("name", definition.section().name());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", definition.id());
        json.put("descriptors", descriptors);
        json.put("section", section);
        return json;
    }

    private static Map<String, Object> child(KeyPointerDefinition parent, String variable, String label, String type,
            List<String> options) {
        Map<String, Object> json = descriptor(parent.label() + " - " + label, parent.fieldName() + "." + variable, type,
                options);
        json.put("parent_variable", parent.fieldName());
        json.put("parent_type", parent.type().apiName);
        json.put("child_variable", variable);
        json.put("parent_required", false);
        return json;
    }

    private static Map<String, Object> descriptor(String label, String variable, String type, List<String> options) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("display_label", label);
        json.put("variable", variable);
        json.put("type", type);
        json.put("required", false);
        if (!options.isEmpty()) {
            json.put("options", options.stream().map(ApiRepresentations::option).toList());
        }
        return json;
    }

    private static Map<String, Object> option(String value) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("label", value);
        json.put("value", value);
        return json;
    }

    /** The admin state dump of one contract: everything a test may want to compare. */
    static Map<String, Object> adminState(SandboxContract contract) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("compositeId", contract.compositeId());
        json.put("numericId", contract.numericId());
        json.put("name", contract.name());
        json.put("status", contract.status().name());
        json.put("kind", contract.kind().name());
        json.put("contractTypeId", contract.contractTypeId());
        json.put("contractTypeName", contract.contractTypeName());
        json.put("counterpartyName", contract.counterpartyName());
        json.put("referenceId", contract.referenceId());
        json.put("link", contract.link());
        json.put("created", SandboxJson.timestamp(contract.created()));
        json.put("executedAt", SandboxJson.timestamp(contract.executedAt()));
        json.put("expiringAt", SandboxJson.timestamp(contract.expiringAt()));
        json.put("lastUpdated", SandboxJson.timestamp(contract.lastUpdated()));
        json.put("externalMetadata", contract.externalMetadata());
        json.put("keyPointers", keyPointers(contract.keyPointers()));
        json.put("currentVersionId", contract.currentVersionId());
        json.put("documentSize", contract.documentSize());
        json.put("documentSha256", contract.documentSha256());
        json.put("deleted", contract.deleted());
        return json;
    }
}
