package io.spotdraftsync.reconcile;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.spotdraftsync.spotdraft.SpotDraftClient;
import io.spotdraftsync.spotdraft.model.ContractListItem;
import io.spotdraftsync.warehouse.StoredContract;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The comparison of SpotDraft's list with the warehouse: pure, so it is tested on its own. Repairs are the
 * contracts to export again; deletions the ones to flag, each confirmed gone by a lookup by id: a live row the
 * full listing left out but the lookup returned is a listing miss, never a deletion.
 *
 * @param listed      how many contracts SpotDraft listed
 * @param storedLive  how many live (not deleted) rows the warehouse held
 * @param documentsToFetchAgain repairs whose stored document the store does not hold as recorded
 *                    ({@code --verify-documents}), whatever their finding
 */
public record ReconcilePlan(int listed, int storedLive, Map<String, Finding> findings, List<ContractListItem> repairs,
        List<String> deletions, Set<String> documentsToFetchAgain) {

    public ReconcilePlan(int listed, int storedLive, Map<String, Finding> findings, List<ContractListItem> repairs,
            List<String> deletions) {
        this(listed, storedLive, findings, repairs, deletions, Set.of());
    }

    private static final JsonMapper JSON = SpotDraftClient.jsonMapper();

    /** The warehouse's live rows that the full listing did not show: what a lookup by id must confirm gone. */
    public static List<String> unlisted(List<ContractListItem> listedContracts, Map<String, StoredContract> stored) {
        Set<String> listed = new HashSet<>();
        listedContracts.forEach(item -> listed.add(item.id()));
        List<String> unlisted = new ArrayList<>();
        for (StoredContract row : stored.values()) {
            if (!row.deleted() && !listed.contains(row.contractId())) {
                unlisted.add(row.contractId());
            }
        }
        return unlisted;
    }

    /**
     * Compares the listed contracts with what the warehouse holds for the workspace.
     *
     * @param listingMisses        what the lookup by id of the {@link #unlisted} rows returned: contracts SpotDraft
     *                             still has although its full listing left them out
     * @param changedSinceLastSync contracts SpotDraft reports changed since the last export or reconciliation
     *                             started: changes the list does not show (key pointers, a new document version)
     * @param documentStale        with {@code --deep}: contracts whose current document version is not the stored one
     */
    public static ReconcilePlan compare(List<ContractListItem> listedContracts, List<ContractListItem> listingMisses,
            Map<String, StoredContract> stored, Set<String> changedSinceLastSync, Set<String> documentStale) {
        Map<String, Finding> findings = new LinkedHashMap<>();
        List<ContractListItem> repairs = new ArrayList<>();
        Map<String, ContractListItem> listed = new HashMap<>();
        for (ContractListItem item : listedContracts) {
            listed.put(item.id(), item);
            StoredContract row = stored.get(item.id());
            Finding finding = row == null ? Finding.MISSING
                    : row.deleted() ? Finding.RESTORED
                    : differs(item, row) || changedSinceLastSync.contains(item.id()) ? Finding.STALE
                    : documentStale.contains(item.id()) ? Finding.DOCUMENT_STALE
                    : null;
            if (finding != null) {
                findings.put(item.id(), finding);
                repairs.add(item);
            }
        }
        Set<String> stillThere = new HashSet<>();
        for (ContractListItem item : listingMisses) {
            StoredContract row = stored.get(item.id());
            // only the live rows the listing left out were looked up; anything else the lookup returned is no miss
            if (row == null || row.deleted() || listed.containsKey(item.id()) || !stillThere.add(item.id())) {
                continue;
            }
            findings.put(item.id(), Finding.LISTING_MISS);
            if (differs(item, row) || changedSinceLastSync.contains(item.id()) || documentStale.contains(item.id())) {
                repairs.add(item);
            }
        }
        List<String> deletions = new ArrayList<>();
        int storedLive = 0;
        for (StoredContract row : stored.values()) {
            if (!row.deleted()) {
                storedLive++;
                if (!listed.containsKey(row.contractId()) && !stillThere.contains(row.contractId())) {
                    deletions.add(row.contractId());
                    findings.put(row.contractId(), Finding.DELETED);
                }
            }
        }
        return new ReconcilePlan(listedContracts.size(), storedLive, findings, repairs, deletions);
    }

    /** What the run does about each finding, by contract, as {@code reconcile_findings.action} records it. */
    public Map<String, String> actions() {
        Set<String> repaired = new HashSet<>();
        repairs.forEach(item -> repaired.add(item.id()));
        Map<String, String> actions = new LinkedHashMap<>();
        findings.forEach((id, finding) -> actions.put(id, finding != Finding.LISTING_MISS ? finding.action()
                : repaired.contains(id) ? "kept, re-exported (stale)" : "kept"));
        return actions;
    }

    /** Anything the list shows that the warehouse holds differently. */
    static boolean differs(ContractListItem item, StoredContract row) {
        return !Objects.equals(item.contractStatus(), row.contractStatus())
                || !Objects.equals(item.contractName(), row.contractName())
                || !Objects.equals(item.contractTypeId(), row.contractTypeId())
                || !Objects.equals(item.contractTypeName(), row.contractTypeName())
                || !Objects.equals(item.counterPartyName(), row.counterPartyName())
                || !sameJson(item.externalMetadata(), row.externalMetadata());
    }

    /** Parsed trees, so key order and spacing (normalized differently by each warehouse) never count. */
    private static boolean sameJson(Map<String, Object> listed, String stored) {
        JsonNode fromList = listed == null || listed.isEmpty() ? null : JSON.valueToTree(listed);
        JsonNode fromWarehouse = stored == null ? null : JSON.readTree(stored);
        if (fromWarehouse != null && (fromWarehouse.isNull() || (fromWarehouse.isObject() && fromWarehouse.isEmpty()))) {
            fromWarehouse = null;
        }
        return Objects.equals(fromList, fromWarehouse);
    }

    /**
     * This plan, plus the listed contracts whose stored document the store does not hold as the warehouse records it:
     * each is repaired with its document fetched again ({@link Finding#DOCUMENT_MISMATCH} unless it has another finding).
     * A contract no longer listed is left alone (it is soft-deleted, with its document).
     */
    public ReconcilePlan withDocumentMismatches(Set<String> mismatched, List<ContractListItem> listedContracts) {
        if (mismatched.isEmpty()) {
            return this;
        }
        Map<String, Finding> allFindings = new LinkedHashMap<>(findings);
        List<ContractListItem> allRepairs = new ArrayList<>(repairs);
        Set<String> fetchAgain = new HashSet<>();
        for (ContractListItem item : listedContracts) {
            if (mismatched.contains(item.id())) {
                fetchAgain.add(item.id());
                allFindings.putIfAbsent(item.id(), Finding.DOCUMENT_MISMATCH);
                // a listing miss that is not stale has no repair yet: its document still needs one
                if (allRepairs.stream().noneMatch(repair -> repair.id().equals(item.id()))) {
                    allRepairs.add(item);
                }
            }
        }
        return new ReconcilePlan(listed, storedLive, allFindings, allRepairs, deletions, Set.copyOf(fetchAgain));
    }

    public Map<Finding, Integer> countsByFinding() {
        Map<Finding, Integer> counts = new EnumMap<>(Finding.class);
        findings.values().forEach(finding -> counts.merge(finding, 1, Integer::sum));
        return counts;
    }

    /**
     * True when the deletions (each confirmed gone by id) are many enough, or the listing empty enough, to suspect
     * the wrong workspace or credentials rather than real deletions.
     */
    public boolean looksLikeMassDeletion(double maxDeleteFraction) {
        if (deletions.isEmpty()) {
            return false;
        }
        return listed == 0 || deletions.size() > maxDeleteFraction * storedLive;
    }
}
