package io.spotdraftsync.sandbox;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/** {@code GET /api/v2.1/public/contracts/}: filtered, paged, in the store's listing order. */
final class ContractListHandler implements ApiRouter.Handler {

    static final int DEFAULT_LIMIT = 10;
    /** Larger limits are clamped, not refused (SpotDraft's own client caps at 100). */
    static final int MAX_LIMIT = 100;

    private final ContractStore store;
    private final BooleanSupplier listingSuppressed;

    ContractListHandler(ContractStore store, BooleanSupplier listingSuppressed) {
        this.store = store;
        this.listingSuppressed = listingSuppressed;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        int page = request.query().positiveInt("page", 1);
        int limit = Math.min(MAX_LIMIT, request.query().positiveInt("limit", DEFAULT_LIMIT));
        Predicate<StoredContract> filter = ContractListFilter.parse(request.query());
        if (listingSuppressed.getAsBoolean()) {
            return ApiResponse.ok(ApiRepresentations.page(page, limit, 0, List.of()));
        }
        List<StoredContract> matches = store.listing().stream().filter(filter).toList();
        long from = (long) (page - 1) * limit;
        List<Map<String, Object>> results = from >= matches.size()
                ? List.of()
                : matches.subList((int) from, (int) Math.min(matches.size(), from + limit)).stream()
                        .map(ApiRepresentations::contractListItem)
                        .toList();
        return ApiResponse.ok(ApiRepresentations.page(page, limit, matches.size(), results));
    }
}
