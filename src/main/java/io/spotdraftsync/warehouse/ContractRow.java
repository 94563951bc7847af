package io.spotdraftsync.warehouse;

import java.time.Instant;

/**
 * One contract as the export writes it to {@code contracts}. {@code _synced_at} is the load's time and
 * {@code _deleted}/{@code _deleted_at} belong to the MERGE and to soft deletes, so they are not fields here.
 *
 * @param externalMetadata JSON text, or null
 * @param extractedAt      when this contract was read from SpotDraft: the newer extract wins
 * @param runId            the run that writes it ({@code sync_runs.run_id})
 */
public record ContractRow(
        String contractId,
        Long contractNumericId,
        String workspace,
        String contractName,
        String contractStatus,
        String contractKind,
        Long contractTypeId,
        String contractTypeName,
        String counterPartyName,
        String referenceId,
        String contractLink,
        String createdByUserName,
        String createdByUserEmail,
        Instant createdAt,
        Instant executedAt,
        String externalMetadata,
        String documentKey,
        String documentSha256,
        Long documentBytes,
        String documentVersionId,
        Instant extractedAt,
        String runId) {

    public ContractRow {
        Rows.requiredText(contractId, "ContractRow", "contractId");
        Rows.requiredText(workspace, "ContractRow", "workspace");
        Rows.required(extractedAt, "ContractRow", "extractedAt");
    }

    /** A builder, because 22 positional arguments invite swapped columns. */
    public static Builder builder(String workspace, String contractId, Instant extractedAt) {
        return new Builder(workspace, contractId, extractedAt);
    }

    public Builder toBuilder() {
        return new Builder(workspace, contractId, extractedAt).contractNumericId(contractNumericId)
                .contractName(contractName).contractStatus(contractStatus).contractKind(contractKind)
                .contractTypeId(contractTypeId).contractTypeName(contractTypeName).counterPartyName(counterPartyName)
                .referenceId(referenceId).contractLink(contractLink).createdByUserName(createdByUserName)
                .createdByUserEmail(createdByUserEmail).createdAt(createdAt).executedAt(executedAt)
                .externalMetadata(externalMetadata).documentKey(documentKey).documentSha256(documentSha256)
                .documentBytes(documentBytes).documentVersionId(documentVersionId).runId(runId);
    }

    public static final class Builder {
        private final String workspace;
        private final String contractId;
        private Instant extractedAt;
        private Long contractNumericId;
        private String contractName;
        private String contractStatus;
        private String contractKind;
        private Long contractTypeId;
        private String contractTypeName;
        private String counterPartyName;
        private String referenceId;
        private String contractLink;
        private String createdByUserName;
        private String createdByUserEmail;
        private Instant createdAt;
        private Instant executedAt;
        private String externalMetadata;
        private String documentKey;
        private String documentSha256;
        private Long documentBytes;
        private String documentVersionId;
        private String runId;

        private Builder(String workspace, String contractId, Instant extractedAt) {
            this.workspace = workspace;
            this.contractId = contractId;
            this.extractedAt = extractedAt;
        }

        public Builder extractedAt(Instant value) { this.extractedAt = value; return this; }
        public Builder contractNumericId(Long value) { this.contractNumericId = value; return this; }
        public Builder contractName(String value) { this.contractName = value; return this; }
        public Builder contractStatus(String value) { this.contractStatus = value; return this; }
        public Builder contractKind(String value) { this.contractKind = value; return this; }
        public Builder contractTypeId(Long value) { this.contractTypeId = value; return this; }
        public Builder contractTypeName(String value) { this.contractTypeName = value; return this; }
        public Builder counterPartyName(String value) { this.counterPartyName = value; return this; }
        public Builder referenceId(String value) { this.referenceId = value; return this; }
        public Builder contractLink(String value) { this.contractLink = value; return this; }
        public Builder createdByUserName(String value) { this.createdByUserName = value; return this; }
        public Builder createdByUserEmail(String value) { this.createdByUserEmail = value; return this; }
        public Builder createdAt(Instant value) { this.createdAt = value; return this; }
        public Builder executedAt(Instant value) { this.executedAt = value; return this; }
        public Builder externalMetadata(String json) { this.externalMetadata = json; return this; }
        public Builder documentKey(String value) { this.documentKey = value; return this; }
        public Builder documentSha256(String value) { this.documentSha256 = value; return this; }
        public Builder documentBytes(Long value) { this.documentBytes = value; return this; }
        public Builder documentVersionId(String value) { this.documentVersionId = value; return this; }
        public Builder runId(String value) { this.runId = value; return this; }

        public ContractRow build() {
            return new ContractRow(contractId, contractNumericId, workspace, contractName, contractStatus, contractKind,
                    contractTypeId, contractTypeName, counterPartyName, referenceId, contractLink, createdByUserName,
                    createdByUserEmail, createdAt, executedAt, externalMetadata, documentKey, documentSha256,
                    documentBytes, documentVersionId, extractedAt, runId);
        }
    }
}
