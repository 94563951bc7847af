package io.spotdraftsync.spotdraft;

/**
 * A contract's document that is not fetched, or not kept: its signed URL points somewhere it must not (plain http
 * outside loopback, a private or link-local address), or the document is larger than
 * {@code sync.documents.max-bytes}. Not transient: never retried. The message names the contract, the reason and
 * the setting, never the signed URL.
 */
public class DocumentRefusedException extends SpotDraftException {

    private final String contractId;

    public DocumentRefusedException(String endpoint, String contractId, String message) {
        super(endpoint, message, null);
        this.contractId = contractId;
    }

    public String contractId() {
        return contractId;
    }
}
