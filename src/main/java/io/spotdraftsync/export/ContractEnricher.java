package io.spotdraftsync.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.spotdraftsync.documents.DocumentKey;
import io.spotdraftsync.documents.DocumentStore;
import io.spotdraftsync.documents.StoredDocument;
import io.spotdraftsync.documents.TemporaryDocument;
import io.spotdraftsync.spotdraft.SpotDraftApiException;
import io.spotdraftsync.spotdraft.SpotDraftClient;
import io.spotdraftsync.spotdraft.model.ContractApproval;
import io.spotdraftsync.spotdraft.model.ContractListItem;
import io.spotdraftsync.spotdraft.model.ContractRecipient;
import io.spotdraftsync.spotdraft.model.DownloadLink;
import io.spotdraftsync.spotdraft.model.KeyPointer;
import io.spotdraftsync.spotdraft.model.ProcessMetrics;
import io.spotdraftsync.streams.ContractStream;
import io.spotdraftsync.warehouse.StoredContract;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the streams that the run's {@link StreamPlan} says are due for a contract, one call each: key pointers,
 * the download link (whose {@code current_version_id} says whether the stored document is current; the document
 * itself comes from signed storage, outside the budget, and only when it changed), process metrics (with the
 * signatures and the execution date), approvals and recipients. A stream not due makes no call.
 * Runs on several threads at once ({@link EnrichedContractReader}); every call shares the workspace's one budget.
 */
public class ContractEnricher {

    private static final Logger log = LoggerFactory.getLogger(ContractEnricher.class);

    private final SpotDraftClient client;
    private final DocumentStore documents;
    private final String workspace;
    private final String documentFolder;
    private final Supplier<Map<String, StoredContract>> storedContracts;
    private final Executor calls;
    private final Set<String> documentsToFetchAgain;
    private final StreamPlan plan;

    /**
     * @param workspace       the workspace's name
     * @param documentFolder  the workspace's folder in the document store ({@code Workspace.documentPrefix})
     * @param storedContracts what the warehouse holds for the workspace, by contract id (read once per step)
     * @param calls           runs an item's API calls alongside each other (not the pool that runs items)
     */
    public ContractEnricher(SpotDraftClient client, DocumentStore documents, String workspace, String documentFolder,
            Supplier<Map<String, StoredContract>> storedContracts, Executor calls) {
        this(client, documents, workspace, documentFolder, storedContracts, calls, Set.of(),
                StreamPlan.all(EnumSet.allOf(ContractStream.class)));
    }

    /**
     * @param documentsToFetchAgain contracts whose stored document is damaged or missing ({@code reconcile
     *                              --verify-documents}): downloaded and stored again even where the warehouse records
     *                              the current version
     * @param plan                  the streams fetched for each contract
     */
    public ContractEnricher(SpotDraftClient client, DocumentStore documents, String workspace, String documentFolder,
            Supplier<Map<String, StoredContract>> storedContracts, Executor calls, Set<String> documentsToFetchAgain,
            StreamPlan plan) {
        this.client = client;
        this.documents = documents;
        this.workspace = workspace;
        this.documentFolder = documentFolder;
        this.storedContracts = storedContracts;
        this.calls = calls;
        this.documentsToFetchAgain = Set.copyOf(documentsToFetchAgain);
        this.plan = plan;
    }

    public EnrichedContract process(ContractListItem item) throws IOException {
        return process(item, true);
    }

    /**
     * @param headerRead false for an item rebuilt from the warehouse (not listed again): only its due streams are
     *                   fetched and written
     */
    public EnrichedContract process(ContractListItem item, boolean headerRead) throws IOException {
        Instant extractedAt = Instant.now();
        StoredContract stored = storedContracts.get().get(item.id());
        Long numericId = ContractIdentity.numericId(item);
        Set<ContractStream> due = plan.due(item);
        // the item's calls are independent: in flight together, so the last items of a chunk do not leave the
        // budget idle while they wait for one answer after another
        CompletableFuture<List<KeyPointer>> keyPointers = due.contains(ContractStream.KEY_POINTERS)
                ? CompletableFuture.supplyAsync(() -> client.keyPointers(item.id()), calls) : CompletableFuture.completedFuture(null);
        CompletableFuture<Optional<ProcessMetrics>> metrics = due.contains(ContractStream.PROCESS_METRICS) && numericId != null
                ? CompletableFuture.supplyAsync(() -> processMetrics(item, numericId), calls) : CompletableFuture.completedFuture(null);
        CompletableFuture<List<ContractApproval>> approvals = due.contains(ContractStream.APPROVALS)
                ? CompletableFuture.supplyAsync(() -> client.approvals(item.id()), calls) : CompletableFuture.completedFuture(null);
        CompletableFuture<List<ContractRecipient>> recipients = due.contains(ContractStream.RECIPIENTS)
                ? CompletableFuture.supplyAsync(() -> client.recipients(item.id()), calls) : CompletableFuture.completedFuture(null);
        StoredDocument document = null;
        Long versionId = null;
        boolean downloaded = false;
        if (due.contains(ContractStream.DOCUMENT)) {
            DownloadLink link = client.downloadLink(item.id());
            versionId = link.currentVersionId();
            if (link.url() != null && versionId != null) {
                boolean fetchAgain = documentsToFetchAgain.contains(item.id());
                Optional<StoredDocument> current = fetchAgain ? Optional.empty() : currentCopy(stored, versionId);
                if (current.isEmpty() && !fetchAgain) {
                    current = documents.find(new DocumentKey(workspace, documentFolder, item.id(), versionId));
                }
                if (current.isPresent()) {
                    document = current.get();
                } else {
                    document = download(item.id(), link, versionId);
                    downloaded = true;
                }
            }
        } else if (stored != null && stored.documentVersionId() != null) {
            // not fetched: the stored document stays the contract's
            versionId = parseVersion(stored.documentVersionId());
            document = versionId == null ? null : currentCopy(stored, versionId).orElse(null);
        }
        Optional<ProcessMetrics> fetchedMetrics = joined(metrics);
        EnumSet<ContractStream> fetched = EnumSet.noneOf(ContractStream.class);
        fetched.addAll(due);
        if (numericId == null) {
            fetched.remove(ContractStream.PROCESS_METRICS);
        }
        Instant executedAt = executedAt(item, stored, fetchedMetrics);
        return new EnrichedContract(item, numericId, headerRead, fetched, joined(keyPointers), document, versionId, downloaded,
                executedAt, fetchedMetrics == null ? null : fetchedMetrics.orElse(null), joined(approvals), joined(recipients),
                stored == null || stored.deleted() ? null : stored.contractStatus(), stored == null, extractedAt);
    }

    private static Long parseVersion(String versionId) {
        try {
            return Long.valueOf(versionId);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static <T> T joined(CompletableFuture<T> call) {
        try {
            return call.join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failed;
        }
    }

    /** The stored copy when the warehouse already records this version. */
    private static Optional<StoredDocument> currentCopy(StoredContract stored, long versionId) {
        if (stored == null || stored.documentKey() == null || !String.valueOf(versionId).equals(stored.documentVersionId())) {
            return Optional.empty();
        }
        return Optional.of(new StoredDocument(stored.documentKey(), stored.documentSha256(),
                stored.documentBytes() == null ? -1 : stored.documentBytes(), false));
    }

    private StoredDocument download(String contractId, DownloadLink link, long versionId) throws IOException {
        try (TemporaryDocument file = documents.newTemporaryDocument()) {
            client.download(contractId, link, file::read);
            return documents.storeFile(new DocumentKey(workspace, documentFolder, contractId, versionId), file);
        } catch (UncheckedIOException failure) {
            throw failure.getCause();
        }
    }

    /** The execution date: from the process metrics when fetched, else what the warehouse holds. */
    private static Instant executedAt(ContractListItem item, StoredContract stored, Optional<ProcessMetrics> metrics) {
        Instant known = stored == null ? null : stored.executedAt();
        if (metrics != null && metrics.isPresent() && metrics.get().contractExecutedDatetime() != null) {
            return metrics.get().contractExecutedDatetime();
        }
        return known;
    }

    /** The contract's process metrics; empty when SpotDraft has none for it (404). */
    private Optional<ProcessMetrics> processMetrics(ContractListItem item, long numericId) {
        try {
            return Optional.ofNullable(client.processMetrics(numericId));
        } catch (SpotDraftApiException notFound) {
            if (!notFound.isNotFound()) {
                throw notFound;
            }
            log.debug("No process metrics for {} (numeric id {})", item.id(), numericId);
            return Optional.empty();
        }
    }
}
