package io.spotdraftsync.streams;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import io.spotdraftsync.spotdraft.Endpoint;

/**
 * The streams of a contract: what the export fetches for a contract beyond its list item, each with its own API
 * cost, switch ({@code sync.streams.<name>.enabled}) and sync state ({@code contract_stream_state}). The one
 * registry of streams: the README's stream table, {@code export --plan} and the switches read it.
 */
public enum ContractStream {

    KEY_POINTERS("key_pointers", Endpoint.CONTRACT_KEY_POINTERS, 1.0, List.of("contract_key_pointers"),
            "every contract listed"),
    /** One call for the signed link; the file itself comes from signed storage, outside the budget, only when its version changed. */
    DOCUMENT("document", Endpoint.DOWNLOAD_LINK, 1.0, List.of("contracts (document_*)", "document store"),
            "every contract listed; downloaded only when the version changed"),
    PROCESS_METRICS("process_metrics", Endpoint.PROCESS_METRICS, 1.0,
            List.of("contract_process_metrics", "contract_signatures", "contracts (executed_at)"),
            "template contracts past DRAFT, whenever they are listed"),
    APPROVALS("approvals", Endpoint.CONTRACT_APPROVALS, 1.0, List.of("contract_approvals", "contract_approval_actions"),
            "template contracts, whenever they are listed"),
    RECIPIENTS("recipients", Endpoint.CONTRACT_RECIPIENTS, 1.0, List.of("contract_recipients"),
            "template contracts, whenever they are listed");

    private final String streamName;
    private final Endpoint endpoint;
    private final double callsPerContract;
    private final List<String> tables;
    private final String fetchedWhen;

    ContractStream(String streamName, Endpoint endpoint, double callsPerContract, List<String> tables, String fetchedWhen) {
        this.streamName = streamName;
        this.endpoint = endpoint;
        this.callsPerContract = callsPerContract;
        this.tables = tables;
        this.fetchedWhen = fetchedWhen;
    }

    /** The name in settings, state rows and logs: {@code key_pointers}, {@code document}, ... */
    public String streamName() {
        return streamName;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** API calls the stream costs for a contract it applies to (at most). */
    public double callsPerContract() {
        return callsPerContract;
    }

    /** Where its data lands. */
    public List<String> tables() {
        return tables;
    }

    public String fetchedWhen() {
        return fetchedWhen;
    }

    /** Every stream is on unless switched off. */
    public boolean enabledByDefault() {
        return true;
    }

    /**
     * Whether the stream has anything for a contract: process metrics exist for template contracts past DRAFT
     * (the endpoint takes the numeric id of a template contract), approvals and recipients for template contracts
     * (historical ones were executed elsewhere); key pointers and documents for every contract.
     */
    public boolean appliesTo(String compositeId, String status) {
        boolean template = compositeId != null && compositeId.startsWith("T-");
        return switch (this) {
            case KEY_POINTERS, DOCUMENT -> true;
            case PROCESS_METRICS -> template && status != null && !"DRAFT".equals(status);
            case APPROVALS, RECIPIENTS -> template;
        };
    }

    /** The stream of a name, accepting {@code key-pointers} for {@code key_pointers} and any case. */
    public static Optional<ContractStream> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String normal = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(stream -> stream.streamName.equals(normal)).findFirst();
    }

    /** "key_pointers, document, ..." for messages. */
    public static String names() {
        return Arrays.stream(values()).map(ContractStream::streamName).collect(Collectors.joining(", "));
    }
}
