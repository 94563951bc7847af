package io.spotdraftsync.warehouse;

import java.time.Instant;

/** A row of a per-contract stream table: it belongs to one contract and one extract of that contract's stream. */
public interface StreamRow {

    String workspace();

    String contractId();

    Instant extractedAt();
}
