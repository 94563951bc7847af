package io.spotdraftsync.sandbox;

import java.util.function.BooleanSupplier;

/** The SpotDraft endpoints the sandbox serves, with their exact paths (trailing slashes differ per path). */
final class SandboxRoutes {

    private static final String V21 = "/api/v2.1/public";

    private SandboxRoutes() {
    }

    static ApiRouter api(ContractStore store, Workspace workspace, ContractChanges changes, WebhookDispatcher webhooks,
            SignedUrls signedUrls, SandboxClock clock, String hmacKeyBase64, BooleanSupplier listingSuppressed, FaultInjector faults) {
        ContractResourceHandlers contracts = new ContractResourceHandlers(store, changes, signedUrls, clock);
        WorkspaceHandlers reference = new WorkspaceHandlers(workspace);
        WebhookApiHandlers webhookApi = new WebhookApiHandlers(hmacKeyBase64, webhooks, store);
        return new ApiRouter()
                .add("GET", V21 + "/contracts/", new ContractListHandler(store, listingSuppressed, faults))
                .add("GET", V21 + "/contracts/{composite_id}/status", contracts::status)
                .add("GET", V21 + "/contracts/{composite_id}/key_pointers", contracts::keyPointers)
                .add("POST", V21 + "/contracts/{composite_id}/key_pointers/bulk", contracts::bulkKeyPointers)
                .add("GET", V21 + "/contracts/{contract_id}/external_metadata", contracts::externalMetadata)
                .add("POST", V21 + "/contracts/{contract_id}/external_metadata", contracts::setExternalMetadata)
                .add("GET", V21 + "/contracts/by_external_metadata/{external_metadata_id}", contracts::byExternalMetadata)
                .add("POST", V21 + "/contracts/{composite_id}/download", contracts::download)
                .add("POST", V21 + "/contracts/{composite_id}/download_link", contracts::downloadLink)
                .add("GET", V21 + "/contracts/{contract_id}/process_metrics/", contracts::processMetrics)
                .add("POST", V21 + "/contracts/executed_contracts/", new ExecutedContractImportHandler(workspace, changes))
                .add("POST", V21 + "/contracts/webhooks/re_trigger_latest/", webhookApi::retriggerLatest)
                .add("GET", V21 + "/counter_parties/", reference::counterparties)
                .add("GET", V21 + "/contract_types/", reference::contractTypes)
                .add("GET", V21 + "/organizations/entities/", reference::entities)
                .add("GET", V21 + "/key_pointers/", reference::keyPointerDefinitions)
                .add("GET", V21 + "/webhooks/hmac_key/", webhookApi::hmacKey)
                .add("POST", V21 + "/webhooks/", webhookApi::register);
    }
}
