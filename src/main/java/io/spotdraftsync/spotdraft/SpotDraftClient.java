package io.spotdraftsync.spotdraft;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.spotdraftsync.spotdraft.model.ContractListItem;
import io.spotdraftsync.spotdraft.model.ContractStatus;
import io.spotdraftsync.spotdraft.model.ContractType;
import io.spotdraftsync.spotdraft.model.Counterparty;
import io.spotdraftsync.spotdraft.model.DownloadLink;
import io.spotdraftsync.spotdraft.model.ExecutedContractImport;
import io.spotdraftsync.spotdraft.model.ExternalMetadata;
import io.spotdraftsync.spotdraft.model.KeyPointer;
import io.spotdraftsync.spotdraft.model.KeyPointerDefinition;
import io.spotdraftsync.spotdraft.model.OrganizationEntity;
import io.spotdraftsync.spotdraft.model.Page;
import io.spotdraftsync.spotdraft.model.ProcessMetrics;
import io.spotdraftsync.spotdraft.model.WebhookRegistration;

import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Typed calls to one SpotDraft workspace. Thread-safe: enrichment calls it from many threads, and every
 * call, from any thread, spends the workspace's one {@link RequestBudget}. {@link #withCallAttempts} gives a view of
 * the same client (connections, budget, metrics) whose calls are retried less.
 */
public final class SpotDraftClient implements AutoCloseable {

    private static final TypeReference<Page<ContractListItem>> CONTRACT_PAGE = new TypeReference<>() { };
    private static final TypeReference<Page<Counterparty>> COUNTERPARTY_PAGE = new TypeReference<>() { };
    private static final TypeReference<List<KeyPointer>> KEY_POINTERS = new TypeReference<>() { };
    private static final TypeReference<List<KeyPointerDefinition>> KEY_POINTER_DEFINITIONS = new TypeReference<>() { };
    private static final TypeReference<List<ContractListItem>> CONTRACT_LIST = new TypeReference<>() { };
    private static final TypeReference<List<ContractType>> CONTRACT_TYPES = new TypeReference<>() { };
    private static final TypeReference<List<OrganizationEntity>> ENTITIES = new TypeReference<>() { };

    private final SpotDraftProperties settings;
    private final SpotDraftTransport transport;
    private final SpotDraftTransport.Retries retries;
    /** Null for the client that owns the transport; the owner for a view of it ({@link #withCallAttempts}). */
    private final SpotDraftClient owner;
    private final JsonMapper json;

    private SpotDraftClient(SpotDraftProperties settings, RequestBudget budget, MeterRegistry registry, DownloadPolicy downloads) {
        this.settings = settings;
        this.json = jsonMapper();
        this.transport = new SpotDraftTransport(settings, budget, registry, json, downloads);
        this.retries = transport.defaultRetries();
        this.owner = null;
    }

    private SpotDraftClient(SpotDraftClient owner, SpotDraftTransport.Retries retries) {
        this.settings = owner.settings;
        this.json = owner.json;
        this.transport = owner.transport;
        this.retries = retries;
        this.owner = owner;
    }

    /** A client whose signed document downloads follow the defaults ({@link DownloadPolicy#DEFAULT}). */
    public static SpotDraftClient create(SpotDraftProperties settings, RequestBudget budget, MeterRegistry registry) {
        return create(settings, budget, registry, DownloadPolicy.DEFAULT);
    }

    /** @param downloads where signed document URLs may point and how large a document may be */
    public static SpotDraftClient create(SpotDraftProperties settings, RequestBudget budget, MeterRegistry registry,
            DownloadPolicy downloads) {
        if (settings.apiBaseUrl() == null) {
            throw new IllegalArgumentException("set spotdraft.base-url or spotdraft.region");
        }
        return new SpotDraftClient(settings, budget, registry, downloads);
    }

    /** The JSON settings of the API: unknown fields ignored (SpotDraft adds fields), missing ones null. */
    public static JsonMapper jsonMapper() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    public String workspace() {
        return settings.workspace();
    }

    /**
     * This client with at most {@code maxAttempts} attempts per call (retries of 429, 5xx and I/O faults, with the usual
     * backoff), never more than {@code spotdraft.retry.max-attempts}: for callers that retry on their own, such as the
     * webhook worker, whose events are tried again later. Shares this client's connections, budget and metrics;
     * closing the view closes nothing.
     */
    public SpotDraftClient withCallAttempts(int maxAttempts) {
        SpotDraftClient root = owner == null ? this : owner;
        SpotDraftTransport.Retries narrowed = transport.retries(maxAttempts);
        return narrowed == retries ? this : narrowed == root.retries ? root : new SpotDraftClient(root, narrowed);
    }

    /** Attempts of one call, the first included ({@code spotdraft.retry.max-attempts}, or a view's narrower budget). */
    public int callAttempts() {
        return retries.maxAttempts();
    }

    public URI baseUrl() {
        return transport.baseUrl();
    }

    public ClientCounters counters() {
        return transport.counters();
    }

    /** The requests sent per second over the last hour (every attempt counts, as for the budget). */
    public RequestRateHistory requestRate() {
        return transport.requestRate();
    }

    // ---- contracts ------------------------------------------------------------------------------------

    /** One page of the contract list (1-based). */
    public Page<ContractListItem> listContracts(ContractFilter filter, int page) {
        Map<String, String> query = new java.util.LinkedHashMap<>(filter.toQueryParameters());
        query.put("page", String.valueOf(page));
        query.put("limit", String.valueOf(settings.pageSize()));
        return getJson(Endpoint.LIST_CONTRACTS, null, query, CONTRACT_PAGE);
    }

    /**
     * How many contracts match: one list call with {@code limit=1}, whose {@code total_results} is the count (what
     * {@code check} and {@code export --plan} spend to count).
     */
    public long countContracts(ContractFilter filter) {
        Map<String, String> query = new java.util.LinkedHashMap<>(filter.toQueryParameters());
        query.put("page", "1");
        query.put("limit", "1");
        return total(getJson(Endpoint.LIST_CONTRACTS, null, query, CONTRACT_PAGE), Endpoint.LIST_CONTRACTS);
    }

    /** Every contract that matches, page after page, each id once. */
    public PagedResults<ContractListItem> contracts(ContractFilter filter) {
        return new PagedResults<>(page -> listContracts(filter, page), ContractListItem::id);
    }

    public ContractStatus status(String compositeId) {
        return getJson(Endpoint.CONTRACT_STATUS, compositeId, Map.of(), new TypeReference<ContractStatus>() { });
    }

    public List<KeyPointer> keyPointers(String compositeId) {
        return orEmpty(getJson(Endpoint.CONTRACT_KEY_POINTERS, compositeId, Map.of(), KEY_POINTERS));
    }

    public List<KeyPointerDefinition> keyPointerDefinitions(long contractTypeId) {
        return orEmpty(getJson(Endpoint.KEY_POINTER_DEFINITIONS, null,
                Map.of("contract_type_id", String.valueOf(contractTypeId)), KEY_POINTER_DEFINITIONS));
    }

    /** The contract's external metadata record, empty when it has none. */
    public Optional<ExternalMetadata> externalMetadata(String compositeId) {
        ExternalMetadata.Envelope envelope = getJson(Endpoint.GET_EXTERNAL_METADATA, compositeId, Map.of(),
                new TypeReference<ExternalMetadata.Envelope>() { });
        return Optional.ofNullable(envelope == null ? null : envelope.externalMetadata());
    }

    public void setExternalMetadata(String compositeId, ExternalMetadata metadata) {
        send(Endpoint.SET_EXTERNAL_METADATA, compositeId, new ExternalMetadata.Envelope(metadata), null);
    }

    /** Contracts (at most 50) whose external metadata id is {@code externalId}. */
    public List<ContractListItem> contractsByExternalMetadata(String externalId) {
        return orEmpty(getJson(Endpoint.BY_EXTERNAL_METADATA, externalId, Map.of(), CONTRACT_LIST));
    }

    /** Workflow timestamps; by numeric id, as the path documents. */
    public ProcessMetrics processMetrics(long numericId) {
        return getJson(Endpoint.PROCESS_METRICS, String.valueOf(numericId), Map.of(), new TypeReference<ProcessMetrics>() { });
    }

    public void bulkKeyPointers(String compositeId, ExecutedContractImport.BulkKeyPointers values) {
        send(Endpoint.BULK_KEY_POINTERS, compositeId, values, null);
    }

    /** Creates an executed contract; never repeated blindly (a dropped answer leaves the outcome unknown). */
    public ContractListItem importExecutedContract(ExecutedContractImport contract) {
        return send(Endpoint.IMPORT_EXECUTED_CONTRACT, null, contract, new TypeReference<ContractListItem>() { });
    }

    /**
     * Creates an executed contract, streaming the PDF into the request body (base64 on the fly): memory use
     * does not grow with the document. {@code fields.fileContent()} is ignored. Never repeated blindly.
     */
    public ContractListItem importExecutedContract(ExecutedContractImport fields, ImportDocument document) {
        return transport.call(Endpoint.IMPORT_EXECUTED_CONTRACT, null, Map.of(),
                new ExecutedContractImportEntity(json, fields, document),
                (body, length) -> readJson(body, new TypeReference<ContractListItem>() { }), retries);
    }

    // ---- documents ------------------------------------------------------------------------------------

    /** A signed URL for the latest version, and that version's id (which tells whether a stored copy is current). */
    public DownloadLink downloadLink(String compositeId) {
        return send(Endpoint.DOWNLOAD_LINK, compositeId, null, new TypeReference<DownloadLink>() { });
    }

    /** The latest version's PDF, streamed to {@code reader} (once per attempt). */
    public <T> T download(String compositeId, DocumentReader<T> reader) {
        return transport.call(Endpoint.DOWNLOAD, compositeId, Map.of(), null, reader::read, retries);
    }

    /**
     * The document behind a signed link: no budget spent, since storage is not SpotDraft's API. A link or a document
     * the client's {@link DownloadPolicy} refuses throws {@link DocumentRefusedException}.
     */
    public <T> T download(String compositeId, DownloadLink link, DocumentReader<T> reader) {
        return transport.fetchSignedUrl(compositeId, link.url(), reader, retries);
    }

    // ---- workspace ------------------------------------------------------------------------------------

    public Page<Counterparty> listCounterparties(int page) {
        return getJson(Endpoint.COUNTERPARTIES, null,
                Map.of("page", String.valueOf(page), "limit", String.valueOf(settings.pageSize())), COUNTERPARTY_PAGE);
    }

    /** How many counterparties the workspace has: one list call with {@code limit=1}. */
    public long countCounterparties() {
        return total(getJson(Endpoint.COUNTERPARTIES, null, Map.of("page", "1", "limit", "1"), COUNTERPARTY_PAGE),
                Endpoint.COUNTERPARTIES);
    }

    private static long total(Page<?> page, Endpoint endpoint) {
        if (page == null || page.totalResults() == null) {
            throw new SpotDraftResponseException(endpoint.describe(), "SpotDraft returned no total_results from "
                    + endpoint.describe(), null);
        }
        return page.totalResults();
    }

    public PagedResults<Counterparty> counterparties() {
        return new PagedResults<>(this::listCounterparties, Counterparty::id);
    }

    public List<ContractType> contractTypes() {
        return orEmpty(getJson(Endpoint.CONTRACT_TYPES, null, Map.of(), CONTRACT_TYPES));
    }

    /**
     * Whether SpotDraft answers this workspace's credentials: one {@code GET contract_types} (a short list), one
     * attempt, no retry, from the request budget like every other call. Throws what that call threw.
     */
    public void probe() {
        transport.callOnce(Endpoint.CONTRACT_TYPES, null, Map.of(), (body, length) -> {
            body.transferTo(java.io.OutputStream.nullOutputStream());
            return null;
        });
    }

    public List<OrganizationEntity> organizationEntities() {
        return orEmpty(getJson(Endpoint.ORGANIZATION_ENTITIES, null, Map.of(), ENTITIES));
    }

    // ---- webhooks -------------------------------------------------------------------------------------

    /** The base64 HMAC key that signs webhook deliveries. A secret: never log it. */
    public String webhookHmacKey() {
        WebhookRegistration.HmacKey key = getJson(Endpoint.WEBHOOK_HMAC_KEY, null, Map.of(),
                new TypeReference<WebhookRegistration.HmacKey>() { });
        if (key == null || key.hmacKey() == null || key.hmacKey().isBlank()) {
            throw new SpotDraftResponseException(Endpoint.WEBHOOK_HMAC_KEY.describe(),
                    "SpotDraft returned no hmac_key from " + Endpoint.WEBHOOK_HMAC_KEY.describe(), null);
        }
        return key.hmacKey();
    }

    public WebhookRegistration.Created registerWebhook(WebhookRegistration.Request request) {
        return send(Endpoint.REGISTER_WEBHOOK, null, request, new TypeReference<WebhookRegistration.Created>() { });
    }

    /** Asks SpotDraft to send again the latest webhook of each contract (numeric ids). */
    public void retriggerLatestWebhooks(List<Long> numericIds) {
        send(Endpoint.RETRIGGER_LATEST_WEBHOOKS, null, Map.of("contract_ids", numericIds), null);
    }

    @Override
    public void close() {
        if (owner != null) {
            // a view: the owner closes the connections they share
            return;
        }
        try {
            transport.close();
        } catch (IOException ignored) {
            // closing idle connections; nothing to recover
        }
    }

    // ---- plumbing -------------------------------------------------------------------------------------

    private <T> T getJson(Endpoint endpoint, String id, Map<String, String> query, TypeReference<T> type) {
        return transport.call(endpoint, id, query, null, (body, length) -> readJson(body, type), retries);
    }

    private <T> T send(Endpoint endpoint, String id, Object payload, TypeReference<T> type) {
        ByteArrayEntity entity = payload == null ? null
                : new ByteArrayEntity(json.writeValueAsBytes(payload), ContentType.APPLICATION_JSON);
        return transport.call(endpoint, id, Map.of(), entity, (body, length) -> type == null ? null : readJson(body, type),
                retries);
    }

    private <T> T readJson(InputStream body, TypeReference<T> type) {
        return json.readValue(body, type);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
