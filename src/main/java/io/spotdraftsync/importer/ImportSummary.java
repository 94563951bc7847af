package io.spotdraftsync.importer;

/**
 * What an import run did.
 *
 * @param rows                 rows in the manifest
 * @param invalid              rows rejected by validation (nothing was sent for them)
 * @param created              contracts created in SpotDraft
 * @param alreadyImported      rows skipped because {@code imported_contracts} maps them already
 * @param recovered            rows found already created in SpotDraft (by an attempt whose mapping was lost) and mapped
 * @param rejected             rows SpotDraft refused (4xx), reported and skipped
 * @param keyPointersRejected  contracts created whose {@code meta.*} values SpotDraft refused (reported)
 */
public record ImportSummary(long rows, long invalid, long created, long alreadyImported, long recovered, long rejected,
        long keyPointersRejected) {

    /** Rows in the report. */
    public long reported() {
        return invalid + rejected + keyPointersRejected;
    }
}
