package io.spotdraftsync.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
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
import io.spotdraftsync.spotdraft.model.ContractListItem;
import io.spotdraftsync.spotdraft.model.DownloadLink;
import io.spotdraftsync.spotdraft.model.KeyPointer;
import io.spotdraftsync.spotdraft.model.ProcessMetrics;
import io.spotdraftsync.warehouse.StoredContract;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches what the list item lacks, spending budget only where it buys data: the key pointers (one call),
 * the download link (one call, whose {@code current_version_id} says whether the stored document is
 * current; the document itself comes from signed storage, outside the budget, and only when it changed),
 * and the execution date (one call, only the first time a contract is seen executed: it never changes).
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

    /**
     * @param workspace       the workspace's name
     * @param documentFolder  the workspace's folder in the document store ({@code Workspace.documentPrefix})
     * @param storedContracts what the warehouse holds for the workspace, by contract id (read once per step)
     * @param calls           runs an item's API calls alongside each other (not the pool that runs items)
     */
    public ContractEnricher(SpotDraftClient client, DocumentStore documents, String workspace, String documentFolder,
            Supplier<Map<String, StoredContract>> storedContracts, Executor calls) {
        this(client, documents, workspace, documentFolder, storedContracts, calls, Set.of());
    }

    /**
     * @param documentsToFetchAgain contracts whose stored document is damaged or missing ({@code reconcile
     *                              --verify-documents}): downloaded and stored again even where the warehouse records
     *                              the current version
     */
    public ContractEnricher(SpotDraftClient client, DocumentStore documents, String workspace, String documentFolder,
            Supplier<Map<String, StoredContract>> storedContracts, Executor calls, Set<String> documentsToFetchAgain) {
        this.client = client;
        this.documents = documents;
        this.workspace = workspace;
        this.documentFolder = documentFolder;
        this.storedContracts = storedContracts;
        this.calls = calls;
        this.documentsToFetchAgain = Set.copyOf(documentsToFetchAgain);
    }

    public EnrichedContract process(ContractListItem item) throws IOException {
        Instant extractedAt = Instant.now();
        StoredContract stored = storedContracts.get().get(item.id());
        Long numericId = ContractIdentity.numericId(item);
        // the item's calls are independent: in flight together, so the last items of a chunk do not leave the
        // budget idle while they wait for one answer after another
        CompletableFuture<List<KeyPointer>> keyPointers = CompletableFuture.supplyAsync(() -> client.keyPointers(item.id()), calls);
        CompletableFuture<Instant> executedAt = CompletableFuture.supplyAsync(() -> executedAt(item, stored, numericId), calls);
        DownloadLink link = client.downloadLink(item.id());
        Long versionId = link.currentVersionId();
        StoredDocument document = null;
        boolean downloaded = false;
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
        return new EnrichedContract(item, numericId, joined(keyPointers), document, versionId, downloaded,
                joined(executedAt), stored == null || stored.deleted() ? null : stored.contractStatus(),
                stored == null, extractedAt);
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

    /** Asked once, when a contract is first seen executed; the date never changes after. */
    private Instant executedAt(ContractListItem item, StoredContract stored, Long numericId) {
        if (!"EXECUTED".equals(item.contractStatus())) {
            return stored == null ? null : stored.executedAt();
        }
        if (stored != null && stored.executedAt() != null) {
            return stored.executedAt();
        }
        if (numericId == null) {
            return null;
        }
        try {
            ProcessMetrics metrics = client.processMetrics(numericId);
            return metrics == null ? null : metrics.contractExecutedDatetime();
        } catch (SpotDraftApiException notFound) {
            if (!notFound.isNotFound()) {
                throw notFound;
            }
            log.debug("No process metrics for {} (numeric id {}): execution date left empty", item.id(), numericId);
            return null;
        }
    }
}
