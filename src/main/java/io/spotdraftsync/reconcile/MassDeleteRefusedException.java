package io.spotdraftsync.reconcile;

/** The mass-delete guard stopped a reconciliation; the message says why and how to override. */
public class MassDeleteRefusedException extends RuntimeException {

    public MassDeleteRefusedException(String message) {
        super(message);
    }
}
