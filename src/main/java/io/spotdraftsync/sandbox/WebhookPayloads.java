package io.spotdraftsync.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds webhook bodies shaped as OpenAPI {@code ContractActivityDomainModel}. */
final class WebhookPayloads {

    private WebhookPayloads() {
    }

    /** The body announcing {@code activity} on {@code contract}, at the contract's last change time. */
    static byte[] activity(StoredContract contract, ContractActivity activity, WorkspaceUser performedBy) {
        Map<String, Object> activityData = new LinkedHashMap<>();
        activityData.put("performed_by", user(performedBy));
        activityData.put("timestamp", SandboxJson.timestamp(contract.lastUpdated()));

        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("activity", activity.name());
        payload.put("activity_data", activityData);
        payload.put("contract_id", contract.id().number());
        payload.put("contract_title", contract.name());
        payload.put("contract_type", contract.type().name());
        payload.put("contract_type_name", contract.type().name());
        payload.put("contract_type_id", contract.type().id());
        payload.put("contract_status", contract.status().name());
        payload.put("contract_kind", contract.kind().name());
        payload.put("business_user", user(contract.businessUser()));
        payload.put("legal_user", user(contract.legalUser()));
        payload.put("created_at", SandboxJson.timestamp(contract.created()));
        payload.put("counterparties", contract.counterparty() == null ? List.of() : List.of(counterparty(contract.counterparty())));
        payload.put("external_metadata", contract.externalMetadata());
        payload.put("entity", entity(contract.entity()));
        payload.put("contract_reference_id", contract.referenceId());
        if (contract.templateId() != null) {
            payload.put("contract_template_id", contract.templateId());
        }
        return SandboxJson.write(payload);
    }

    private static Map<String, Object> user(WorkspaceUser user) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", user.name());
        json.put("email", user.email());
        return json;
    }

    private static Map<String, Object> counterparty(Counterparty counterparty) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", counterparty.individual() ? "Individual" : "Organization");
        json.put("organization_name", counterparty.name());
        json.put("poc_name", counterparty.contact().fullName());
        json.put("poc_email", counterparty.contact().email());
        json.put("counterparty_id", counterparty.id());
        return json;
    }

    private static Map<String, Object> entity(OrganizationEntity entity) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("reference_id", entity.referenceId());
        json.put("name", entity.name());
        json.put("jurisdiction", entity.jurisdictionName());
        json.put("type", entity.organizationTypeName());
        return json;
    }
}
