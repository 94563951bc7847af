package io.spotdraftsync.reconcile;

import java.util.Locale;

/** What a reconciliation found about one contract, and what it does about it. */
public enum Finding {
    /** In SpotDraft, not in the warehouse (a lost webhook, a page that shifted during an export). */
    MISSING("exported"),
    /** In both, but something the list shows differs: status, name, type, counterparty, external metadata. */
    STALE("re-exported"),
    /**
     * In the warehouse, no longer in SpotDraft (SpotDraft has no deletion feed): the full listing left it out and a
     * lookup by id did not return it either.
     */
    DELETED("soft-deleted"),
    /** Soft-deleted in the warehouse, back in SpotDraft. */
    RESTORED("undeleted and re-exported"),
    /** With {@code --deep}: SpotDraft has a newer document version than the warehouse records. */
    DOCUMENT_STALE("document re-fetched"),
    /**
     * Left out of the full listing but returned by a lookup by id: SpotDraft still has it (a lagging search index,
     * a page cut short). Never flagged deleted; exported again when stale.
     */
    LISTING_MISS("kept; re-exported when stale"),
    /**
     * With {@code --verify-documents}: the store holds nothing, or something of another size, at the key the warehouse
     * records (a store that altered the bytes, a deleted object).
     */
    DOCUMENT_MISMATCH("document re-fetched and stored again");

    private final String action;

    Finding(String action) {
        this.action = action;
    }

    public String action() {
        return action;
    }

    /** As stored in {@code reconcile_findings.finding}: {@code missing}, {@code document-stale}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
