package io.spotdraftsync.sandbox;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v2.1/public/contracts/}: filtered, paged, in the store's listing order. Under a listing glitch
 * ({@link FaultSettings#listingGlitch()}), a listing that is not a lookup by id leaves some live contracts out, its
 * {@code total_results} included, as a lagging search index would.
 */
final class ContractListHandler implements ApiRouter.Handler {

    static final int DEFAULT_LIMIT = 10;
    /** Larger limits are clamped, not refused (SpotDraft's own client caps at 100). */
    static final int MAX_LIMIT = 100;

    /** {@code filter__contract_id} with or without an operator: a lookup by id, spared by the listing glitch. */
    private static final Pattern BY_CONTRACT_ID = Pattern.compile("filter__contract_id(\\[.*\\])?");

    private final ContractStore store;
    private final BooleanSupplier listingSuppressed;
    private final FaultInjector faults;

    ContractListHandler(ContractStore store, BooleanSupplier listingSuppressed, FaultInjector faults) {
        this.store = store;
        this.listingSuppressed = listingSuppressed;
        this.faults = faults;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        int page = request.query().positiveInt("page", 1);
        int limit = Math.min(MAX_LIMIT, request.query().positiveInt("limit", DEFAULT_LIMIT));
        Predicate<StoredContract> filter = ContractListFilter.parse(request.query());
        if (listingSuppressed.getAsBoolean()) {
            return ApiResponse.ok(ApiRepresentations.page(page, limit, 0, List.of()));
        }
        List<StoredContract> listing = store.listing();
        if (request.query().all().keySet().stream().noneMatch(name -> BY_CONTRACT_ID.matcher(name).matches())) {
            Set<ContractId> hidden = faults.hiddenFromListing(listing);
            if (!hidden.isEmpty()) {
                filter = filter.and(contract -> !hidden.contains(contract.id()));
            }
        }
        List<StoredContract> matches = listing.stream().filter(filter).toList();
        long from = (long) (page - 1) * limit;
        List<Map<String, Object>> results = from >= matches.size()
                ? List.of()
                : matches.subList((int) from, (int) Math.min(matches.size(), from + limit)).stream()
                        .map(ApiRepresentations::contractListItem)
                        .toList();
        return ApiResponse.ok(ApiRepresentations.page(page, limit, matches.size(), results));
    }
}
