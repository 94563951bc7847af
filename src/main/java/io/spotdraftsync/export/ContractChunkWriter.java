package io.spotdraftsync.export;

import java.util.ArrayList;
import java.util.List;

import io.spotdraftsync.jobs.RunProgress;
import io.spotdraftsync.spotdraft.SpotDraftClient;
import io.spotdraftsync.warehouse.ChunkLoad;
import io.spotdraftsync.warehouse.ChunkResult;
import io.spotdraftsync.warehouse.ContractRow;
import io.spotdraftsync.warehouse.KeyPointerRow;
import io.spotdraftsync.warehouse.StatusChangeRow;
import io.spotdraftsync.warehouse.Warehouse;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Loads one chunk into the warehouse in one transaction (stage, then MERGE keyed by contract id; an older
 * extract never overwrites a newer one), then records the status changes it observed. Documents were
 * stored before, under write-once keys, so a chunk that fails here is simply done again on restart.
 */
public class ContractChunkWriter implements ItemWriter<EnrichedContract> {

    private static final JsonMapper JSON = SpotDraftClient.jsonMapper();

    private final Warehouse warehouse;
    private final String workspace;
    private final String runId;
    private final String statusSource;
    private final ExportCounters counters;
    private final RunProgress progress;
    private final ChunkMetrics.Meters meters;

    public ContractChunkWriter(Warehouse warehouse, String workspace, String runId, String statusSource,
            ExportCounters counters, RunProgress progress, ChunkMetrics.Meters meters) {
        this.warehouse = warehouse;
        this.workspace = workspace;
        this.runId = runId;
        this.statusSource = statusSource;
        this.counters = counters;
        this.progress = progress;
        this.meters = meters;
    }

    @Override
    public void write(Chunk<? extends EnrichedContract> chunk) {
        List<ContractRow> contracts = new ArrayList<>(chunk.size());
        List<KeyPointerRow> keyPointers = new ArrayList<>();
        List<StatusChangeRow> statusChanges = new ArrayList<>();
        for (EnrichedContract contract : chunk) {
            contracts.add(contractRow(contract));
            contract.keyPointers().forEach(keyPointer -> keyPointers.add(
                    KeyPointerValues.row(workspace, contract.id(), keyPointer, contract.extractedAt(), runId)));
            if (contract.documentDownloaded() && contract.document() != null) {
                counters.documentStored(contract.document());
            }
            if (contract.statusChanged() && contract.item().contractStatus() != null) {
                statusChanges.add(new StatusChangeRow(workspace, contract.id(), contract.previousStatus(),
                        contract.item().contractStatus(), contract.extractedAt(), statusSource, runId));
            }
        }
        ChunkResult result = meters.load().record(() -> warehouse.loadChunk(ChunkLoad.of(contracts, keyPointers)));
        if (!statusChanges.isEmpty()) {
            warehouse.appendStatusHistory(statusChanges);
        }
        counters.contractsLoaded(chunk.size(), result.contracts().written(), result.contracts().unchanged());
        meters.loaded(chunk.size(), result.contracts().written(), result.contracts().unchanged());
        progress.advance(chunk.size());
    }

    private ContractRow contractRow(EnrichedContract contract) {
        var item = contract.item();
        var document = contract.document();
        return ContractRow.builder(workspace, item.id(), contract.extractedAt())
                .contractNumericId(contract.numericId())
                .contractName(item.contractName())
                .contractStatus(item.contractStatus())
                .contractKind(ContractIdentity.kind(item))
                .contractTypeId(item.contractTypeId())
                .contractTypeName(item.contractTypeName())
                .counterPartyName(item.counterPartyName())
                .referenceId(item.referenceId())
                .contractLink(item.contractLink())
                .createdByUserName(item.createdByUserName())
                .createdByUserEmail(item.createdByUserEmail())
                .createdAt(item.created())
                .executedAt(contract.executedAt())
                .externalMetadata(item.externalMetadata() == null ? null : JSON.writeValueAsString(item.externalMetadata()))
                .documentKey(document == null ? null : document.objectKey())
                .documentSha256(document == null ? null : document.sha256())
                .documentBytes(document == null || document.bytes() < 0 ? null : document.bytes())
                .documentVersionId(contract.documentVersionId() == null ? null : String.valueOf(contract.documentVersionId()))
                .runId(runId)
                .build();
    }
}
