package io.spotdraftsync.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Parses the list endpoint's {@code filter__<field>[<$op>]=value} parameters and {@code query=} into one
 * predicate. An unknown field, operator or malformed value is a 400 naming it, so a client's typo never
 * silently widens a query.
 *
 * <p>A contract without a value for the field (no execution date, say) matches only {@code $ne}.
 */
final class ContractListFilter {

    private static final Pattern FILTER = Pattern.compile("filter__([A-Za-z0-9_]+)(?:\\[([^\\]]*)\\])?");
    private static final Pattern SPACE_BEFORE_OFFSET = Pattern.compile("(\\d) (\\d{2}:?\\d{2})$");

    enum Operator {
        EQ("$eq"), NE("$ne"), IN("$in"), GT("$gt"), GTE("$gte"), LT("$lt"), LTE("$lte");

        final String token;

        Operator(String token) {
            this.token = token;
        }

        boolean compares() {
            return this == GT || this == GTE || this == LT || this == LTE;
        }
    }

    /** How a field's filter values are read. */
    private enum ValueType {
        CONTRACT_ID, STATUS, KIND, TEXT, NUMBER, INSTANT;

        boolean ordered() {
            return this == NUMBER || this == INSTANT;
        }
    }

    private enum Field {
        CONTRACT_ID("contract_id", ValueType.CONTRACT_ID, StoredContract::id),
        DISPLAY_STATUS("display_status", ValueType.STATUS, StoredContract::status),
        CONTRACT_KIND("contract_kind", ValueType.KIND, StoredContract::kind),
        CONTRACT_TYPE_NAME("contract_type_name", ValueType.TEXT, contract -> contract.type().name()),
        CONTRACT_TYPE_ID("contract_type_id", ValueType.NUMBER, contract -> (long) contract.type().id()),
        CLIENT_NAME("client_name", ValueType.TEXT,
                contract -> contract.counterparty() == null ? null : contract.counterparty().name()),
        CONTRACT_REFERENCE_ID("contract_reference_id", ValueType.TEXT, StoredContract::referenceId),
        ENTITY_NAME("entity_name", ValueType.TEXT, contract -> contract.entity().name()),
        CREATED_AT("created_at", ValueType.INSTANT, StoredContract::created),
        EXECUTION_DATE("execution_date", ValueType.INSTANT, StoredContract::executedAt),
        EXPIRING_AT("expiring_at", ValueType.INSTANT, StoredContract::expiringAt),
        LAST_UPDATED_ON("last_updated_on", ValueType.INSTANT, StoredContract::lastUpdated);

        final String apiName;
        final ValueType type;
        final Function<StoredContract, Object> value;

        Field(String apiName, ValueType type, Function<StoredContract, Object> value) {
            this.apiName = apiName;
            this.type = type;
            this.value = value;
        }
    }

    private ContractListFilter() {
    }

    /** Every filter parameter and the free-text query, combined with AND. */
    static Predicate<StoredContract> parse(QueryParameters query) {
        Predicate<StoredContract> all = contract -> true;
        for (Map.Entry<String, List<String>> parameter : query.all().entrySet()) {
            String name = parameter.getKey();
            if (name.equals("query")) {
                all = all.and(textSearch(parameter.getValue()));
            } else if (name.startsWith("filter")) {
                for (String value : parameter.getValue()) {
                    all = all.and(filter(name, value));
                }
            }
        }
        return all;
    }

    private static Predicate<StoredContract> textSearch(List<String> terms) {
        Predicate<StoredContract> all = contract -> true;
        for (String term : terms) {
            String needle = term.trim().toLowerCase(Locale.ROOT);
            all = all.and(contract -> contract.name().toLowerCase(Locale.ROOT).contains(needle)
                    || contract.counterpartyName().toLowerCase(Locale.ROOT).contains(needle));
        }
        return all;
    }

    private static Predicate<StoredContract> filter(String parameter, String rawValue) {
        Matcher matcher = FILTER.matcher(parameter);
        if (!matcher.matches()) {
            throw ApiException.badRequest("Unknown filter parameter '" + parameter
                    + "': expected filter__<field> or filter__<field>[$op]");
        }
        Field field = Arrays.stream(Field.values())
                .filter(candidate -> candidate.apiName.equals(matcher.group(1)))
                .findFirst()
                .orElseThrow(() -> ApiException.badRequest("Unknown filter field '" + matcher.group(1) + "' in '"
                        + parameter + "'; the sandbox supports " + Arrays.stream(Field.values())
                                .map(known -> known.apiName).collect(Collectors.joining(", "))));
        Operator operator = operator(parameter, matcher.group(2));
        if (operator.compares() && !field.type.ordered()) {
            throw ApiException.badRequest("Operator " + operator.token + " is not supported for filter__"
                    + field.apiName + " (use $eq, $ne or $in)");
        }
        if (operator == Operator.IN) {
            List<Object> accepted = splitList(rawValue).stream().map(item -> value(field, parameter, item)).toList();
            return contract -> accepted.contains(field.value.apply(contract));
        }
        Object expected = value(field, parameter, rawValue);
        return contract -> {
            Object actual = field.value.apply(contract);
            return switch (operator) {
                case EQ -> expected.equals(actual);
                case NE -> !expected.equals(actual);
                default -> actual != null && matchesComparison(operator, compare(actual, expected));
            };
        };
    }

    private static Operator operator(String parameter, String token) {
        if (token == null) {
            return Operator.EQ;
        }
        return Arrays.stream(Operator.values())
                .filter(candidate -> candidate.token.equals(token))
                .findFirst()
                .orElseThrow(() -> ApiException.badRequest("Unknown filter operator '" + token + "' in '" + parameter
                        + "'; use one of $eq, $ne, $in, $gt, $gte, $lt, $lte"));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object actual, Object expected) {
        return ((Comparable) actual).compareTo(expected);
    }

    private static boolean matchesComparison(Operator operator, int comparison) {
        return switch (operator) {
            case GT -> comparison > 0;
            case GTE -> comparison >= 0;
            case LT -> comparison < 0;
            case LTE -> comparison <= 0;
            default -> throw new IllegalArgumentException(operator + " is not a comparison");
        };
    }

    private static Object value(Field field, String parameter, String raw) {
        String text = field.type == ValueType.TEXT ? raw : raw.trim();
        try {
            return switch (field.type) {
                case CONTRACT_ID -> ContractId.parse(text).orElseThrow(IllegalArgumentException::new);
                case STATUS -> ContractStatus.valueOf(text);
                case KIND -> ContractKind.valueOf(text);
                case TEXT -> text;
                case NUMBER -> Long.parseLong(text);
                case INSTANT -> instant(text);
            };
        } catch (IllegalArgumentException | DateTimeParseException invalid) {
            throw ApiException.badRequest("Invalid value '" + raw + "' for " + parameter + ": expected "
                    + expectation(field.type));
        }
    }

    private static String expectation(ValueType type) {
        return switch (type) {
            case CONTRACT_ID -> "a composite contract id such as T-123 or H-123";
            case STATUS -> "one of " + Arrays.toString(ContractStatus.values());
            case KIND -> "one of " + Arrays.toString(ContractKind.values());
            case TEXT -> "text";
            case NUMBER -> "an integer";
            case INSTANT -> "an ISO 8601 date-time such as 2025-06-07T00:00:00Z";
        };
    }

    /**
     * ISO 8601 with or without offset (UTC assumed) or a bare date (its start, UTC). A '+' of an offset that
     * arrived unencoded was decoded to a space: it is put back.
     */
    static Instant instant(String text) {
        String repaired = SPACE_BEFORE_OFFSET.matcher(text).replaceFirst("$1+$2");
        try {
            return OffsetDateTime.parse(repaired).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(repaired).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                return LocalDate.parse(repaired).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
        }
    }

    /** Splits on commas; {@code \,} is a literal comma inside a value, as SpotDraft documents. */
    private static List<String> splitList(String raw) {
        List<String> items = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length() && raw.charAt(i + 1) == ',') {
                current.append(',');
                i++;
            } else if (c == ',') {
                items.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        items.add(current.toString());
        return items;
    }
}
