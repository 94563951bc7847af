package io.spotdraftsync.sandbox;

/** SpotDraft's {@code display_status} values (OpenAPI {@code ContractDisplayStatusEnum}). */
public enum ContractStatus {
    DRAFT,
    REDLINING,
    SIGN,
    EXECUTED,
    ON_HOLD,
    VOIDED;

    /** No further workflow step: the mutation driver leaves these contracts' status alone. */
    public boolean isFinal() {
        return this == EXECUTED || this == VOIDED;
    }
}
