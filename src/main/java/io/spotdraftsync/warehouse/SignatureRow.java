package io.spotdraftsync.warehouse;

import java.time.Instant;

/** One signature on a contract ({@code contract_signatures}). */
public record SignatureRow(
        String workspace,
        String contractId,
        String signatoryEmail,
        Instant signedAt,
        Boolean isCreatorParty,
        Instant extractedAt,
        String runId) implements StreamRow {

    public SignatureRow {
        Rows.requiredText(workspace, "SignatureRow", "workspace");
        Rows.requiredText(contractId, "SignatureRow", "contractId");
        Rows.requiredText(signatoryEmail, "SignatureRow", "signatoryEmail");
        Rows.required(signedAt, "SignatureRow", "signedAt");
        Rows.required(extractedAt, "SignatureRow", "extractedAt");
    }
}
