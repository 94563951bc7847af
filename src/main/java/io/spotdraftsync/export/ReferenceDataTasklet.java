package io.spotdraftsync.export;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.spotdraftsync.spotdraft.SpotDraftClient;
import io.spotdraftsync.spotdraft.model.ContractType;
import io.spotdraftsync.spotdraft.model.Counterparty;
import io.spotdraftsync.warehouse.ContractTypeRow;
import io.spotdraftsync.warehouse.CounterpartyRow;
import io.spotdraftsync.warehouse.Warehouse;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import tools.jackson.databind.json.JsonMapper;

/** Counterparties and contract types: small lists, read whole and merged at each run (ceil(N/100) + 1 calls). */
public class ReferenceDataTasklet implements Tasklet {

    private static final JsonMapper JSON = SpotDraftClient.jsonMapper();
    private static final int BATCH = 1_000;

    private final io.spotdraftsync.workspace.Workspaces workspaces;
    private final Warehouse warehouse;
    private final boolean enabled;

    public ReferenceDataTasklet(io.spotdraftsync.workspace.Workspaces workspaces, Warehouse warehouse, boolean enabled) {
        this.workspaces = workspaces;
        this.warehouse = warehouse;
        this.enabled = enabled;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        if (!enabled) {
            return RepeatStatus.FINISHED;
        }
        ExportRun run = ExportRun.of(chunkContext.getStepContext().getStepExecution().getJobExecution());
        SpotDraftClient client = workspaces.client(run.workspace());
        Instant extractedAt = Instant.now();
        List<CounterpartyRow> batch = new ArrayList<>(BATCH);
        for (Counterparty counterparty : client.counterparties()) {
            batch.add(new CounterpartyRow(run.workspace(), counterparty.id(), counterparty.name(), counterparty.individual(),
                    counterparty.status(), counterparty.brandName(), json(counterparty.primaryAddress()),
                    json(counterparty.contacts()), json(counterparty.customFields()), extractedAt, run.runId()));
            if (batch.size() == BATCH) {
                warehouse.mergeCounterparties(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            warehouse.mergeCounterparties(batch);
        }
        List<ContractTypeRow> types = new ArrayList<>();
        for (ContractType type : client.contractTypes()) {
            types.add(new ContractTypeRow(run.workspace(), type.id(), type.name(), extractedAt, run.runId()));
        }
        if (!types.isEmpty()) {
            warehouse.mergeContractTypes(types);
        }
        return RepeatStatus.FINISHED;
    }

    private static String json(Object value) {
        return value == null ? null : JSON.writeValueAsString(value);
    }
}
