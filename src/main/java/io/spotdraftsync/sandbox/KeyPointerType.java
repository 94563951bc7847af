package io.spotdraftsync.sandbox;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * The data types of metadata values. The {@code apiName} is what {@code data_type} shows; compound values follow
 * the shapes of SpotDraft's contract data: currency {@code {"type":"USD","value":12000.0}} and duration
 * {@code {"type":"MONTHS","value":12,"days":360}}.
 */
enum KeyPointerType {
    STRING("string"),
    INTEGER("int"),
    DECIMAL("float"),
    BOOLEAN("boolean"),
    DATE("date"),
    CHOICE("enum"),
    MULTIPLE_CHOICE("array of options"),
    TEXT_LIST("array of strings"),
    CURRENCY("currency"),
    DURATION("duration");

    static final List<String> DURATION_UNITS = List.of("DAYS", "MONTHS", "YEARS");

    final String apiName;

    KeyPointerType(String apiName) {
        this.apiName = apiName;
    }

    Map<String, Object> formatOption() {
        return switch (this) {
            case DATE -> Map.of("date_format", "YYYY-MM-DD");
            case DECIMAL -> Map.of("decimal_places", 2);
            case CURRENCY -> {
                Map<String, Object> option = new LinkedHashMap<>();
                option.put("decimal_places", 2);
                option.put("display", "CODE");
                yield option;
            }
            default -> Map.of();
        };
    }

    /**
     * Converts a value sent by a client into the stored form.
     *
     * @throws IllegalArgumentException with a message saying what is expected
     */
    Object parse(JsonNode value, List<String> options) {
        return switch (this) {
            case STRING -> requireString(value, "a string");
            case INTEGER -> {
                if (!value.isIntegralNumber()) {
                    throw new IllegalArgumentException("expected an integer");
                }
                yield value.longValue();
            }
            case DECIMAL -> {
                if (!value.isNumber()) {
                    throw new IllegalArgumentException("expected a number");
                }
                yield value.doubleValue();
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw new IllegalArgumentException("expected true or false");
                }
                yield value.booleanValue();
            }
            case DATE -> {
                String text = requireString(value, "a date YYYY-MM-DD");
                try {
                    yield LocalDate.parse(text).toString();
                } catch (DateTimeParseException notADate) {
                    throw new IllegalArgumentException("expected a date YYYY-MM-DD");
                }
            }
            case CHOICE -> requireOption(requireString(value, "one of " + options), options);
            case MULTIPLE_CHOICE -> {
                List<String> chosen = stringList(value, "a list of options among " + options);
                chosen.forEach(choice -> requireOption(choice, options));
                yield chosen;
            }
            case TEXT_LIST -> stringList(value, "a list of strings");
            case CURRENCY -> parseCurrency(value);
            case DURATION -> parseDuration(value);
        };
    }

    private static Map<String, Object> parseCurrency(JsonNode value) {
        String expected = "an object {\"type\": <ISO currency code>, \"value\": <number>}";
        if (!value.isObject() || !value.path("type").isString() || !value.path("value").isNumber()
                || !value.path("type").stringValue().matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("expected " + expected);
        }
        Map<String, Object> currency = new LinkedHashMap<>();
        currency.put("type", value.path("type").stringValue());
        currency.put("value", value.path("value").doubleValue());
        return currency;
    }

    private static Map<String, Object> parseDuration(JsonNode value) {
        String expected = "an object {\"type\": DAYS|MONTHS|YEARS, \"value\": <integer>, \"days\": <integer>}";
        if (!value.isObject() || !value.path("value").isIntegralNumber()
                || !DURATION_UNITS.contains(value.path("type").asString(""))) {
            throw new IllegalArgumentException("expected " + expected);
        }
        String unit = value.path("type").stringValue();
        long amount = value.path("value").longValue();
        JsonNode days = value.path("days");
        if (!days.isMissingNode() && !days.isIntegralNumber()) {
            throw new IllegalArgumentException("expected " + expected);
        }
        return duration(unit, amount, days.isMissingNode() ? approximateDays(unit, amount) : days.longValue());
    }

    static Map<String, Object> duration(String unit, long amount, long days) {
        Map<String, Object> duration = new LinkedHashMap<>();
        duration.put("type", unit);
        duration.put("value", amount);
        duration.put("days", days);
        return duration;
    }

    static long approximateDays(String unit, long amount) {
        return switch (unit) {
            case "YEARS" -> amount * 365;
            case "MONTHS" -> amount * 30;
            default -> amount;
        };
    }

    private static String requireString(JsonNode value, String expected) {
        if (!value.isString()) {
            throw new IllegalArgumentException("expected " + expected);
        }
        return value.stringValue();
    }

    private static String requireOption(String choice, List<String> options) {
        if (!Set.copyOf(options).contains(choice)) {
            throw new IllegalArgumentException("'" + choice + "' is not one of " + options);
        }
        return choice;
    }

    private static List<String> stringList(JsonNode value, String expected) {
        if (!value.isArray()) {
            throw new IllegalArgumentException("expected " + expected);
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value.values()) {
            items.add(requireString(item, expected));
        }
        return items;
    }
}
