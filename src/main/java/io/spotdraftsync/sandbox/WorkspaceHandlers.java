package io.spotdraftsync.sandbox;

import java.util.List;
import java.util.Map;

/** Reference data endpoints: counterparties, contract types, organization entities, metadata definitions. */
final class WorkspaceHandlers {

    private static final String EMAIL_FILTER = "filter__client_email_address";

    private final Workspace workspace;

    WorkspaceHandlers(Workspace workspace) {
        this.workspace = workspace;
    }

    /** {@code GET /counter_parties/}: paged like the contract list; filters by contact e-mail. */
    ApiResponse counterparties(ApiRequest request) {
        int page = request.query().positiveInt("page", 1);
        int limit = Math.min(ContractListHandler.MAX_LIMIT,
                request.query().positiveInt("limit", ContractListHandler.DEFAULT_LIMIT));
        request.query().all().keySet().stream()
                .filter(name -> name.startsWith("filter") && !name.equals(EMAIL_FILTER))
                .findFirst()
                .ifPresent(name -> {
                    throw ApiException.badRequest("Unknown counterparty filter '" + name + "'; the sandbox supports "
                            + EMAIL_FILTER);
                });
        List<Counterparty> matches = workspace.counterparties().stream()
                .filter(counterparty -> request.query().first(EMAIL_FILTER)
                        .map(email -> email.equals(counterparty.contact().email()))
                        .orElse(true))
                .toList();
        long from = (long) (page - 1) * limit;
        List<Map<String, Object>> results = from >= matches.size()
                ? List.of()
                : matches.subList((int) from, (int) Math.min(matches.size(), from + limit)).stream()
                        .map(ApiRepresentations::counterparty)
                        .toList();
        return ApiResponse.ok(ApiRepresentations.page(page, limit, matches.size(), results));
    }

    /** {@code GET /contract_types/}: a bare array. */
    ApiResponse contractTypes(ApiRequest request) {
        return ApiResponse.ok(workspace.contractTypes().stream().map(ApiRepresentations::contractType).toList());
    }

    /** {@code GET /organizations/entities/}: a bare array. */
    ApiResponse entities(ApiRequest request) {
        return ApiResponse.ok(workspace.entities().stream().map(ApiRepresentations::entity).toList());
    }

    /** {@code GET /key_pointers/?contract_type_id=}: the metadata definitions of one contract type. */
    ApiResponse keyPointerDefinitions(ApiRequest request) {
        String typeId = request.query().first("contract_type_id")
                .orElseThrow(() -> ApiException.badRequest("contract_type_id is required"));
        ContractType type;
        try {
            type = workspace.contractType(Integer.parseInt(typeId.trim()))
                    .orElseThrow(() -> ApiException.badRequest("contract_type_id: no contract type with id " + typeId));
        } catch (NumberFormatException notANumber) {
            throw ApiException.badRequest("contract_type_id must be an integer");
        }
        return ApiResponse.ok(type.keyPointers().stream().map(ApiRepresentations::keyPointerDefinition).toList());
    }
}
