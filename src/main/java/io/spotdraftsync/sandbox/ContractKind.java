package io.spotdraftsync.sandbox;

/**
 * The workflow kind of a contract, spelled as in the webhook payload (OpenAPI
 * {@code ContractActivityDomainModelContractKindEnum}). The sandbox uses the two kinds behind its two id families.
 */
public enum ContractKind {
    /** Created from a template: composite id {@code T-n}. */
    TEMPLATE_CONTRACT,
    /** Imported after signature elsewhere (historical): composite id {@code H-n}. */
    EXECUTED_CONTRACT
}
