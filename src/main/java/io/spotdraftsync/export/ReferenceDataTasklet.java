package io.spotdraftsync.export;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.spotdraftsync.spotdraft.SpotDraftClient;
import io.spotdraftsync.spotdraft.model.ContractType;
import io.spotdraftsync.spotdraft.model.Counterparty;
import io.spotdraftsync.spotdraft.model.OrganizationEntity;
import io.spotdraftsync.spotdraft.model.Template;
import io.spotdraftsync.spotdraft.model.WorkspaceUser;
import io.spotdraftsync.warehouse.ContractTypeRow;
import io.spotdraftsync.warehouse.CounterpartyRow;
import io.spotdraftsync.warehouse.OrganizationEntityRow;
import io.spotdraftsync.warehouse.TableSpec;
import io.spotdraftsync.warehouse.Tables;
import io.spotdraftsync.warehouse.TemplateRow;
import io.spotdraftsync.warehouse.UserRow;
import io.spotdraftsync.warehouse.Warehouse;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import tools.jackson.databind.json.JsonMapper;

/**
 * The workspace-level reference streams, each read whole and merged at each export run, each behind its own
 * switch ({@code sync.streams.<name>.enabled}): counterparties (ceil(N/100) calls), contract types (1), users
 * (ceil(N/100)), templates (1), organization entities (1). Users, templates and entities that a complete listing no
 * longer returns are soft-deleted.
 */
public class ReferenceDataTasklet implements Tasklet {

    private static final JsonMapper JSON = SpotDraftClient.jsonMapper();
    private static final int BATCH = 1_000;

    private final io.spotdraftsync.workspace.Workspaces workspaces;
    private final Warehouse warehouse;
    private final boolean enabled;
    private final ReferenceStreamsProperties streams;

    public ReferenceDataTasklet(io.spotdraftsync.workspace.Workspaces workspaces, Warehouse warehouse, boolean enabled) {
        this(workspaces, warehouse, enabled, ReferenceStreamsProperties.allEnabled());
    }

    public ReferenceDataTasklet(io.spotdraftsync.workspace.Workspaces workspaces, Warehouse warehouse, boolean enabled,
            ReferenceStreamsProperties streams) {
        this.workspaces = workspaces;
        this.warehouse = warehouse;
        this.enabled = enabled;
        this.streams = streams;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        if (!enabled) {
            return RepeatStatus.FINISHED;
        }
        ExportRun run = ExportRun.of(chunkContext.getStepContext().getStepExecution().getJobExecution());
        SpotDraftClient client = workspaces.client(run.workspace());
        Instant extractedAt = Instant.now();
        if (streams.counterparties().enabled()) {
            loadCounterparties(client, warehouse, run.workspace(), run.runId(), extractedAt);
        }
        if (streams.contractTypes().enabled()) {
            List<ContractTypeRow> types = new ArrayList<>();
            for (ContractType type : client.contractTypes()) {
                types.add(new ContractTypeRow(run.workspace(), type.id(), type.name(), extractedAt, run.runId()));
            }
            if (!types.isEmpty()) {
                warehouse.mergeContractTypes(types);
            }
        }
        if (streams.users().enabled()) {
            List<UserRow> users = new ArrayList<>();
            for (WorkspaceUser user : client.users()) {
                users.add(new UserRow(run.workspace(), user.id(), user.email(), user.fullName(), user.designation(),
                        user.active(), json(user.roles()), extractedAt, run.runId()));
            }
            replace(Tables.USERS, users, UserRow::userId, run, extractedAt);
        }
        if (streams.templates().enabled()) {
            List<TemplateRow> templates = new ArrayList<>();
            for (Template template : client.templates()) {
                templates.add(new TemplateRow(run.workspace(), template.id(), template.name(), template.contractTypeId(),
                        extractedAt, run.runId()));
            }
            replace(Tables.TEMPLATES, templates, TemplateRow::templateId, run, extractedAt);
        }
        if (streams.organizationEntities().enabled()) {
            List<OrganizationEntityRow> entities = new ArrayList<>();
            for (OrganizationEntity entity : client.organizationEntities()) {
                entities.add(new OrganizationEntityRow(run.workspace(), entity.id(), entity.name(), entity.referenceId(),
                        jurisdiction(entity.jurisdiction()), text(entity.organizationType(), "name"), entity.primary(),
                        json(entity.primaryAddress()), extractedAt, run.runId()));
            }
            replace(Tables.ORGANIZATION_ENTITIES, entities, OrganizationEntityRow::entityId, run, extractedAt);
        }
        return RepeatStatus.FINISHED;
    }

    /**
     * Reads every counterparty of the workspace (one listing: ceil(N/100) calls) and merges them: what an export run
     * does, and what a counterparty webhook activity triggers.
     *
     * @return counterparties read
     */
    public static int loadCounterparties(SpotDraftClient client, Warehouse warehouse, String workspace, String runId,
            Instant extractedAt) {
        int read = 0;
        List<CounterpartyRow> batch = new ArrayList<>(BATCH);
        for (Counterparty counterparty : client.counterparties()) {
            batch.add(new CounterpartyRow(workspace, counterparty.id(), counterparty.name(), counterparty.individual(),
                    counterparty.status(), counterparty.brandName(), json(counterparty.primaryAddress()),
                    json(counterparty.contacts()), json(counterparty.customFields()), extractedAt, runId));
            read++;
            if (batch.size() == BATCH) {
                warehouse.mergeCounterparties(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            warehouse.mergeCounterparties(batch);
        }
        return read;
    }

    /** Merges the complete listing of a reference table in batches, then soft-deletes what it no longer holds. */
    private <R> void replace(TableSpec<R> table, List<R> rows, java.util.function.ToLongFunction<R> id, ExportRun run,
            Instant extractedAt) {
        Set<Long> listed = new HashSet<>();
        for (int from = 0; from < rows.size(); from += BATCH) {
            List<R> part = rows.subList(from, Math.min(rows.size(), from + BATCH));
            warehouse.mergeReference(table, part);
        }
        rows.forEach(row -> listed.add(id.applyAsLong(row)));
        warehouse.softDeleteMissing(table, run.workspace(), listed, extractedAt, run.runId());
    }

    /** The ISO-3166-1 alpha-2 code ({@code code2}, or {@code iso_code} as the examples show it), else the name. */
    private static String jurisdiction(Map<String, Object> jurisdiction) {
        String code = text(jurisdiction, "code2");
        if (code == null) {
            code = text(jurisdiction, "iso_code");
        }
        return code != null ? code : text(jurisdiction, "name");
    }

    private static String text(Map<String, Object> object, String field) {
        Object value = object == null ? null : object.get(field);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    private static String json(Object value) {
        return value == null ? null : JSON.writeValueAsString(value);
    }
}
