package io.spotdraftsync.warehouse;

import java.time.Instant;

/**
 * What one stream of one contract last synced ({@code contract_stream_state}), loaded in the transaction that
 * loads the stream's rows.
 *
 * @param stream         the stream's name ({@code io.spotdraftsync.export.ContractStream})
 * @param contractStatus the contract's status when the stream was read
 * @param fingerprint    SHA-256 of the stream's rows, or the document's version id
 * @param extractedAt    when the stream was read
 */
public record StreamStateRow(
        String workspace,
        String contractId,
        String stream,
        String contractStatus,
        String fingerprint,
        Instant extractedAt,
        String runId) implements StreamRow {

    public StreamStateRow {
        Rows.requiredText(workspace, "StreamStateRow", "workspace");
        Rows.requiredText(contractId, "StreamStateRow", "contractId");
        Rows.requiredText(stream, "StreamStateRow", "stream");
        Rows.required(extractedAt, "StreamStateRow", "extractedAt");
    }
}
