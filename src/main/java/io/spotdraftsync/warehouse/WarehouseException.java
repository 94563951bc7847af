package io.spotdraftsync.warehouse;

/** A warehouse call failed; the message names the statement's purpose and table, the cause is the driver's. */
public class WarehouseException extends RuntimeException {

    public WarehouseException(String message, Throwable cause) {
        super(message, cause);
    }

    public WarehouseException(String message) {
        super(message);
    }
}
