package io.spotdraftsync.sandbox;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import tools.jackson.databind.JsonNode;

/**
 * Checks JSON against the schemas of an OpenAPI 3.0 document: $ref, allOf/anyOf/oneOf, type, enum, required,
 * properties, items and the date-time format. Nulls are accepted for optional properties, as SpotDraft documents
 * ("optional fields may be omitted or returned as null"). Enough to hold the sandbox to the vendor's shapes.
 */
final class OpenApiSchemas {

    private final Map<String, Object> document;

    private OpenApiSchemas(Map<String, Object> document) {
        this.document = document;
    }

    static OpenApiSchemas load(Path location) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(16 * 1024 * 1024);
        try (Reader reader = Files.newBufferedReader(location, StandardCharsets.UTF_8)) {
            return new OpenApiSchemas(new Yaml(options).load(reader));
        }
    }

    /** The JSON schema of an operation's answer. */
    Map<String, Object> response(String path, String method, int status) {
        return map(at("paths", path, method.toLowerCase(), "responses", Integer.toString(status), "content",
                "application/json", "schema"));
    }

    /** The JSON schema of an operation's request body. */
    Map<String, Object> requestBody(String path, String method) {
        return map(at("paths", path, method.toLowerCase(), "requestBody", "content", "application/json", "schema"));
    }

    /** Violations of {@code schema} by {@code value}, empty when it conforms. */
    List<String> violations(JsonNode value, Map<String, Object> schema) {
        List<String> violations = new ArrayList<>();
        check(value, schema, "$", violations);
        return violations;
    }

    private void check(JsonNode value, Map<String, Object> schema, String where, List<String> violations) {
        if (schema.containsKey("$ref")) {
            check(value, resolve((String) schema.get("$ref")), where, violations);
            return;
        }
        for (Object part : list(schema.get("allOf"))) {
            check(value, map(part), where, violations);
        }
        List<Object> alternatives = new ArrayList<>(list(schema.get("anyOf")));
        alternatives.addAll(list(schema.get("oneOf")));
        if (!alternatives.isEmpty() && alternatives.stream().noneMatch(alternative ->
                map(alternative).equals(Map.of("type", "null")) ? value.isNull()
                        : violations(value, map(alternative)).isEmpty())) {
            violations.add(where + ": matches none of " + alternatives);
        }
        Object type = schema.get("type");
        if (type == null || value.isNull()) {
            return;
        }
        boolean typeMatches = switch ((String) type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isString();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
        if (!typeMatches) {
            violations.add(where + ": expected " + type + ", found " + value);
            return;
        }
        if (schema.containsKey("enum") && value.isString() && !list(schema.get("enum")).contains(value.stringValue())) {
            violations.add(where + ": " + value + " is not one of " + schema.get("enum"));
        }
        if ("date-time".equals(schema.get("format")) && value.isString()) {
            try {
                OffsetDateTime.parse(value.stringValue());
            } catch (DateTimeParseException notDateTime) {
                violations.add(where + ": not an ISO 8601 date-time: " + value);
            }
        }
        if (value.isObject()) {
            for (Object required : list(schema.get("required"))) {
                if (!value.has((String) required) || value.get((String) required).isNull()) {
                    violations.add(where + ": required property '" + required + "' is missing");
                }
            }
            Map<String, Object> properties = map(schema.getOrDefault("properties", Map.of()));
            properties.forEach((name, propertySchema) -> {
                if (value.has(name)) {
                    check(value.get(name), map(propertySchema), where + "." + name, violations);
                }
            });
        }
        if (value.isArray() && schema.containsKey("items")) {
            int index = 0;
            for (JsonNode item : value.values()) {
                check(item, map(schema.get("items")), where + "[" + index++ + "]", violations);
            }
        }
    }

    private Map<String, Object> resolve(String reference) {
        if (!reference.startsWith("#/")) {
            throw new IllegalArgumentException("Only local references are supported: " + reference);
        }
        return map(at(reference.substring(2).split("/")));
    }

    private Object at(String... keys) {
        Object node = document;
        for (String key : keys) {
            node = map(node).get(key);
            if (node == null) {
                throw new IllegalArgumentException("The document has no " + String.join(" / ", keys));
            }
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        return node == null ? List.of() : (List<Object>) node;
    }
}
