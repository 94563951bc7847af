package io.spotdraftsync.spotdraft;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Query filters of the contract list: {@code filter__<field>[$op]=value}. Immutable; each method returns a
 * new filter.
 */
public final class ContractFilter {

    /** Operators SpotDraft documents; {@code $in} takes a comma-separated list. */
    public enum Operator {
        EQ("$eq"), NE("$ne"), IN("$in"), GT("$gt"), GTE("$gte"), LT("$lt"), LTE("$lte");

        private final String token;

        Operator(String token) {
            this.token = token;
        }
    }

    private static final Set<String> DATE_FIELDS = Set.of("created_at", "execution_date", "expiring_at", "last_updated_on");
    private static final Pattern FIELD = Pattern.compile("^[a-z][a-z0-9_]*$");
    private static final ContractFilter NONE = new ContractFilter(Map.of(), null);

    private final Map<String, String> parameters;
    private final String query;

    private ContractFilter(Map<String, String> parameters, String query) {
        this.parameters = parameters;
        this.query = query;
    }

    public static ContractFilter none() {
        return NONE;
    }

    /** {@code filter__last_updated_on[$gte]}: the incremental watermark (inclusive, never a strict {@code >}). */
    public ContractFilter lastUpdatedOnAtLeast(Instant watermark) {
        return where("last_updated_on", Operator.GTE, watermark);
    }

    /** {@code filter__contract_id[$in]}: composite ids such as T-12 and H-12. */
    public ContractFilter contractIdIn(Collection<String> compositeIds) {
        if (compositeIds.isEmpty()) {
            throw new IllegalArgumentException("contract_id[$in] needs at least one id");
        }
        return where("contract_id", Operator.IN, String.join(",", compositeIds));
    }

    /** {@code filter__display_status}: DRAFT, REDLINING, SIGN, EXECUTED, ON_HOLD or VOIDED. */
    public ContractFilter displayStatus(String status) {
        return where("display_status", Operator.EQ, status);
    }

    /** Free-text search ({@code query=}). */
    public ContractFilter query(String text) {
        return new ContractFilter(parameters, text);
    }

    public ContractFilter where(String field, Operator operator, Instant value) {
        if (!DATE_FIELDS.contains(field)) {
            throw new IllegalArgumentException(field + " is not a date field of the contract list; date fields: " + DATE_FIELDS);
        }
        return where(field, operator, DateTimeFormatter.ISO_INSTANT.format(value));
    }

    public ContractFilter where(String field, Operator operator, String value) {
        if (field == null || !FIELD.matcher(field).matches()) {
            throw new IllegalArgumentException("Not a filter field name: " + field);
        }
        if (value == null) {
            throw new IllegalArgumentException("filter__" + field + " needs a value");
        }
        String name = "filter__" + field + (operator == Operator.EQ ? "" : "[" + operator.token + "]");
        Map<String, String> next = new LinkedHashMap<>(parameters);
        next.put(name, value);
        return new ContractFilter(Map.copyOf(next), query);
    }

    /** Query parameters, unencoded, in a stable order. */
    public Map<String, String> toQueryParameters() {
        Map<String, String> all = new java.util.TreeMap<>(parameters);
        if (query != null) {
            all.put("query", query);
        }
        return all;
    }

    @Override
    public String toString() {
        return toQueryParameters().toString();
    }
}
