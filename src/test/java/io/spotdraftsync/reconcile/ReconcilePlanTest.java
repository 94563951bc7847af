package io.spotdraftsync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.spotdraftsync.spotdraft.model.ContractListItem;
import io.spotdraftsync.warehouse.StoredContract;

import org.junit.jupiter.api.Test;

class ReconcilePlanTest {

    private static ContractListItem listed(String id, String status, Map<String, Object> externalMetadata) {
        return new ContractListItem(id, Instant.EPOCH, "Name " + id, null, status, null, "Acme", "NDA", 7L, externalMetadata,
                null, null, null, null);
    }

    private static StoredContract stored(String id, String status, String externalMetadata, boolean deleted) {
        return new StoredContract(id, status, "Name " + id, 7L, "NDA", "Acme", externalMetadata, "k", "sha", 10L, "1", null,
                deleted, Instant.EPOCH);
    }

    @Test
    void classifiesEveryDifference() {
        ReconcilePlan plan = ReconcilePlan.compare(
                List.of(listed("T-1", "EXECUTED", Map.of()), listed("T-2", "SIGN", Map.of()), listed("T-3", "DRAFT", Map.of()),
                        listed("T-4", "DRAFT", Map.of()), listed("T-5", "DRAFT", Map.of()), listed("T-6", "DRAFT", Map.of())),
                List.of(),
                Map.of("T-2", stored("T-2", "REDLINING", null, false),
                        "T-3", stored("T-3", "DRAFT", null, true),
                        "T-4", stored("T-4", "DRAFT", null, false),
                        "T-5", stored("T-5", "DRAFT", null, false),
                        "T-6", stored("T-6", "DRAFT", "{}", false),
                        "T-9", stored("T-9", "DRAFT", null, false)),
                Set.of("T-5"), Set.of("T-6"));

        assertThat(plan.findings()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "T-1", Finding.MISSING, "T-2", Finding.STALE, "T-3", Finding.RESTORED, "T-5", Finding.STALE,
                "T-6", Finding.DOCUMENT_STALE, "T-9", Finding.DELETED));
        assertThat(plan.repairs()).extracting(ContractListItem::id).containsExactly("T-1", "T-2", "T-3", "T-5", "T-6");
        assertThat(plan.deletions()).containsExactly("T-9");
        assertThat(plan.storedLive()).isEqualTo(5);
    }

    @Test
    void aLiveRowTheListingLeftOutButTheLookupByIdReturnedIsAListingMissNeverADeletion() {
        Map<String, StoredContract> stored = Map.of(
                "T-1", stored("T-1", "DRAFT", null, false),
                "T-2", stored("T-2", "DRAFT", null, false),
                "T-3", stored("T-3", "DRAFT", null, false),
                "T-4", stored("T-4", "DRAFT", null, false),
                "T-5", stored("T-5", "DRAFT", null, true));
        List<ContractListItem> listed = List.of(listed("T-1", "DRAFT", Map.of()));
        assertThat(ReconcilePlan.unlisted(listed, stored)).as("live rows only").containsExactlyInAnyOrder("T-2", "T-3", "T-4");

        // T-2 unchanged, T-3 stale, T-4 not returned by id; T-9 was never asked about
        ReconcilePlan plan = ReconcilePlan.compare(listed, List.of(listed("T-2", "DRAFT", Map.of()), listed("T-3", "SIGN", Map.of()),
                listed("T-9", "DRAFT", Map.of())), stored, Set.of(), Set.of());

        assertThat(plan.findings()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "T-2", Finding.LISTING_MISS, "T-3", Finding.LISTING_MISS, "T-4", Finding.DELETED));
        assertThat(plan.deletions()).containsExactly("T-4");
        assertThat(plan.repairs()).extracting(ContractListItem::id).containsExactly("T-3");
        assertThat(plan.actions()).containsEntry("T-2", "kept").containsEntry("T-3", "kept, re-exported (stale)")
                .containsEntry("T-4", "soft-deleted");
        assertThat(plan.countsByFinding()).containsEntry(Finding.LISTING_MISS, 2).containsEntry(Finding.DELETED, 1);
    }

    @Test
    void theGuardCountsOnlyConfirmedDeletions() {
        Map<String, StoredContract> tenRows = new java.util.HashMap<>();
        List<ContractListItem> returnedById = new java.util.ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            tenRows.put("T-" + i, stored("T-" + i, "DRAFT", null, false));
            returnedById.add(listed("T-" + i, "DRAFT", Map.of()));
        }
        // the listing came back empty but every contract answers by id: nothing to delete, nothing to refuse
        ReconcilePlan plan = ReconcilePlan.compare(List.of(), returnedById, tenRows, Set.of(), Set.of());

        assertThat(plan.deletions()).isEmpty();
        assertThat(plan.looksLikeMassDeletion(0.1)).isFalse();
    }

    @Test
    void externalMetadataComparesAsJsonTreesNotText() {
        ContractListItem item = listed("T-1", "DRAFT", Map.of("crm", "006", "stage", Map.of("a", 1, "b", 2)));
        assertThat(ReconcilePlan.differs(item, stored("T-1", "DRAFT", "{\"stage\": {\"b\": 2, \"a\": 1}, \"crm\": \"006\"}", false)))
                .isFalse();
        assertThat(ReconcilePlan.differs(item, stored("T-1", "DRAFT", "{\"crm\": \"007\", \"stage\": {\"a\": 1, \"b\": 2}}", false)))
                .isTrue();
        assertThat(ReconcilePlan.differs(listed("T-1", "DRAFT", Map.of()), stored("T-1", "DRAFT", null, false))).isFalse();
    }

    @Test
    void theGuardWeighsDeletionsAgainstLiveRows() {
        Map<String, StoredContract> tenRows = new java.util.HashMap<>();
        for (int i = 1; i <= 10; i++) {
            tenRows.put("T-" + i, stored("T-" + i, "DRAFT", null, false));
        }
        List<ContractListItem> nine = new java.util.ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            nine.add(listed("T-" + i, "DRAFT", Map.of()));
        }
        assertThat(ReconcilePlan.compare(nine, List.of(), tenRows, Set.of(), Set.of()).looksLikeMassDeletion(0.1)).isFalse();
        assertThat(ReconcilePlan.compare(nine.subList(0, 8), List.of(), tenRows, Set.of(), Set.of()).looksLikeMassDeletion(0.1)).isTrue();
        assertThat(ReconcilePlan.compare(List.of(), List.of(), tenRows, Set.of(), Set.of()).looksLikeMassDeletion(1.0)).isTrue();
        assertThat(ReconcilePlan.compare(List.of(), List.of(), Map.of(), Set.of(), Set.of()).looksLikeMassDeletion(0.1)).isFalse();
    }
}
