package io.spotdraftsync.importer;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import io.spotdraftsync.spotdraft.SpotDraftApiException;
import io.spotdraftsync.spotdraft.SpotDraftAuthenticationException;
import io.spotdraftsync.spotdraft.SpotDraftClient;
import io.spotdraftsync.spotdraft.model.ContractId;
import io.spotdraftsync.spotdraft.model.ContractListItem;
import io.spotdraftsync.spotdraft.model.ExecutedContractImport;
import io.spotdraftsync.spotdraft.model.ExternalMetadata;
import io.spotdraftsync.warehouse.ImportedContractRow;
import io.spotdraftsync.warehouse.Warehouse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Imports one chunk of valid rows, one row at a time:
 * <ol>
 * <li>a row whose source id is mapped in {@code imported_contracts} is skipped;</li>
 * <li>otherwise SpotDraft is asked for contracts with that external id and integration name: one found was
 * created by an earlier attempt whose mapping was never written (a crash, or an answer lost on the way), and
 * is adopted instead of created again;</li>
 * <li>otherwise the contract is created, its PDF streamed into the request;</li>
 * <li>its {@code meta.*} values are set in one bulk call (setting them again is harmless), and the mapping is
 * recorded.</li>
 * </ol>
 * A 4xx for one row (400 invalid, 402 workflow state, ...) is reported and the row skipped; 401 fails the run;
 * an unknown outcome (SpotDraft unavailable after retries, or a create whose answer was lost) fails the run
 * after the mappings already made are saved, and the next run's lookup settles it.
 */
public class ImportWriter implements ItemWriter<ImportItem> {

    private static final Logger log = LoggerFactory.getLogger(ImportWriter.class);

    private final SpotDraftClient client;
    private final Warehouse warehouse;
    private final Supplier<SourceFiles> files;
    private final ImportReport report;
    private final ImportCounters counters;
    private final String workspace;
    private final String runId;
    private final Clock clock;
    private final Map<String, Map<String, ImportedContractRow>> known = new HashMap<>();

    public ImportWriter(SpotDraftClient client, Warehouse warehouse, Supplier<SourceFiles> files, ImportReport report,
            ImportCounters counters, String workspace, String runId, Clock clock) {
        this.client = client;
        this.warehouse = warehouse;
        this.files = files;
        this.report = report;
        this.counters = counters;
        this.workspace = workspace;
        this.runId = runId;
        this.clock = clock;
    }

    @Override
    public void write(Chunk<? extends ImportItem> chunk) {
        List<ImportedContractRow> mappings = new ArrayList<>();
        List<ReportLine> rejected = new ArrayList<>();
        try {
            for (ImportItem item : chunk) {
                importOne(item, mappings, rejected);
            }
        } finally {
            // saved even when a row fails the chunk: what was created is never created again
            if (!mappings.isEmpty()) {
                warehouse.recordImports(mappings);
                mappings.forEach(row -> known(row.sourceSystem()).put(row.sourceId(), row));
            }
            if (!rejected.isEmpty()) {
                report.append(rejected);
            }
        }
    }

    private void importOne(ImportItem item, List<ImportedContractRow> mappings, List<ReportLine> rejected) {
        if (known(item.sourceSystem()).containsKey(item.sourceId())) {
            counters.count(ImportCounters.ALREADY_IMPORTED);
            return;
        }
        ContractId contract;
        try {
            contract = existing(item);
            if (contract != null) {
                log.info("Row {} ({}): already in SpotDraft as {} (created by an earlier attempt); recording it",
                        item.rowNumber(), item.sourceId(), contract);
                counters.count(ImportCounters.RECOVERED);
            } else {
                ContractListItem created = client.importExecutedContract(request(item),
                        files.get().document(item.file(), item.fileBytes()));
                contract = ContractId.parse(created.id());
                counters.count(ImportCounters.CREATED);
            }
        } catch (SpotDraftAuthenticationException unauthorized) {
            throw unauthorized;
        } catch (SpotDraftApiException refused) {
            if (refused.status() == 429 || refused.status() >= 500) {
                throw refused;
            }
            rejected.add(new ReportLine(item.rowNumber(), item.sourceId(), item.sourceSystem(), ReportLine.IMPORT,
                    "SpotDraft refused the contract (HTTP " + refused.status() + "): "
                            + Objects.requireNonNullElse(refused.apiMessage(), refused.getMessage())));
            counters.count(ImportCounters.REJECTED);
            return;
        }
        mappings.add(new ImportedContractRow(workspace, item.sourceSystem(), item.sourceId(), contract.toString(),
                contract.number(), clock.instant(), runId));
        if (!item.keyPointers().isEmpty()) {
            try {
                client.bulkKeyPointers(contract.toString(), keyPointers(item));
            } catch (SpotDraftAuthenticationException unauthorized) {
                throw unauthorized;
            } catch (SpotDraftApiException refused) {
                if (refused.status() == 429 || refused.status() >= 500) {
                    throw refused;
                }
                rejected.add(new ReportLine(item.rowNumber(), item.sourceId(), item.sourceSystem(), ReportLine.IMPORT,
                        "imported as " + contract + ", but SpotDraft refused its meta.* values (HTTP " + refused.status()
                                + "): " + Objects.requireNonNullElse(refused.apiMessage(), refused.getMessage())
                                + "; set them in SpotDraft or fix the field names"));
                counters.count(ImportCounters.KEY_POINTERS_REJECTED);
            }
        }
    }

    /** A contract an earlier attempt created for this row: same external id and integration name. */
    private ContractId existing(ImportItem item) {
        for (ContractListItem candidate : client.contractsByExternalMetadata(item.sourceId())) {
            Map<String, Object> metadata = candidate.externalMetadata();
            if (metadata != null && item.sourceSystem().equals(Objects.toString(metadata.get("integration_name"), null))
                    && item.sourceId().equals(Objects.toString(metadata.get("id"), null)) && candidate.id() != null) {
                String id = candidate.id().trim();
                // by_external_metadata answers the bare number; imports are historical (H-) contracts
                return ContractId.isComposite(id) ? ContractId.parse(id) : new ContractId('H', Long.parseLong(id));
            }
        }
        return null;
    }

    private Map<String, ImportedContractRow> known(String sourceSystem) {
        return known.computeIfAbsent(sourceSystem, system -> new HashMap<>(warehouse.importedContracts(workspace, system)));
    }

    static ExecutedContractImport request(ImportItem item) {
        List<ExecutedContractImport.CounterpartyDetails> counterparties = null;
        if (item.counterpartyIndividual() || item.counterpartyOrganization() != null) {
            counterparties = List.of(new ExecutedContractImport.CounterpartyDetails(item.counterpartyIndividual(),
                    item.counterpartyOrganization(), new ExecutedContractImport.PointOfContact(item.contactFirstName(),
                            item.contactLastName(), item.contactEmail())));
        }
        Map<String, Object> recordData = new LinkedHashMap<>();
        if (item.executionDate() != null) {
            recordData.put("execution_date", item.executionDate().toString());
        }
        ExternalMetadata external = new ExternalMetadata(item.sourceId(), item.sourceSystem(), null,
                recordData.isEmpty() ? null : recordData, null);
        return new ExecutedContractImport(item.contractName(), item.fileName(), null, item.contractTypeId(),
                item.organizationEntityId(), counterparties, external);
    }

    static ExecutedContractImport.BulkKeyPointers keyPointers(ImportItem item) {
        List<Map<String, Object>> values = new ArrayList<>();
        item.keyPointers().forEach((field, value) -> {
            Map<String, Object> pointer = new LinkedHashMap<>();
            pointer.put("key_pointer_field_name", field);
            pointer.put("value", value);
            values.add(pointer);
        });
        return new ExecutedContractImport.BulkKeyPointers(values);
    }
}
