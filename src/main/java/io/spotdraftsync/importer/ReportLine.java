package io.spotdraftsync.importer;

/**
 * One row of the import report: a manifest row that was not imported, and why, in words a person can act on.
 *
 * @param stage {@code validation} (rejected before any write) or {@code import} (rejected by SpotDraft)
 */
public record ReportLine(long rowNumber, String sourceId, String sourceSystem, String stage, String reason) {

    public static final String VALIDATION = "validation";
    public static final String IMPORT = "import";
}
