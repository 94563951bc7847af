package io.spotdraftsync.webhook;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the receiver reads from a verified body ({@code ContractActivityDomainModel}): the activity, the numeric
 * contract id and the activity's time. The rest of the body is kept as it came, in the inbox.
 *
 * <p>Accepted: a UTF-8 JSON object with {@code activity} a string (1 to 100 characters, no control characters:
 * it is stored in a column of that size and appears in logs), {@code contract_id} absent, null or an integer,
 * {@code activity_data} absent, null or an object whose {@code timestamp} is absent, null or an ISO-8601 instant
 * ({@code 2026-01-05T10:00:00Z}, an offset instead of {@code Z} allowed) between the years 1 and 9999. Any
 * activity is accepted, also one this version does not know. Everything else is {@link Malformed}, with a detail
 * that names what is wrong and never quotes the body.
 *
 * @param contractId null when the body has none
 * @param activityAt null when the body has none
 */
public record WebhookPayload(String activity, Long contractId, Instant activityAt) {

    static final int MAX_ACTIVITY_LENGTH = 100;

    /** The 37 activities of SpotDraft's OpenAPI {@code ActivityEnum}; others are accepted too, and logged. */
    static final Set<String> KNOWN_ACTIVITIES = Set.of(
            "CONTRACT_VERSION_UPLOADED", "CONTRACT_APPROVAL_COMPLETED", "CONTRACT_APPROVAL_REQUESTED",
            "CONTRACT_CREATED", "CONTRACT_DATA_UPDATED", "CONTRACT_DELETED", "CONTRACT_EXECUTED",
            "CONTRACT_MARK_FOR_EXECUTION", "CONTRACT_SENT_TO_COUNTERPARTY", "CONTRACT_SIGNATURE_DECLINED",
            "CONTRACT_SIGNATURE_REQUESTED", "CONTRACT_SIGNED", "CONTRACT_UNMARK_FOR_EXECUTION", "POSTMARK_EMAIL_EVENT",
            "CONTRACT_KEY_POINTER_UPDATION", "CONTRACT_KEY_POINTER_CREATION", "SIGNING_EMAIL_DELIVERED",
            "SIGNING_EMAIL_OPENED", "SIGNING_EMAIL_NOT_DELIVERED", "SIGNING_EMAIL_LINK_CLICKED",
            "REDLINING_EMAIL_DELIVERED", "REDLINING_EMAIL_OPENED", "REDLINING_EMAIL_NOT_DELIVERED",
            "REDLINING_EMAIL_LINK_CLICKED", "CONTRACT_SIGNATURE_REQUESTED_NOTIFICATION_SENT", "COUNTER_PARTY_CREATED",
            "COUNTER_PARTY_UPDATED", "COUNTER_PARTY_CONTACT_CREATED", "COUNTER_PARTY_CONTACT_UPDATED",
            "COUNTER_PARTY_ADDRESS_CREATED", "COUNTER_PARTY_ADDRESS_UPDATED", "CONTRACT_ACTIVITY_LOG_COMMENT_CREATED",
            "CONTRACT_VOIDED", "CONTRACT_PROCESS_METRIC_UPDATED", "CONTRACT_EXTERNAL_METADATA_CREATED",
            "CONTRACT_EXTERNAL_METADATA_UPDATED", "CONTRACT_ENTITY_UPDATED");

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    /**
     * Strict JSON: no comments, no trailing content, no field given twice (which of two {@code activity} fields
     * counts would be a guess). Thread-safe and shared: building a mapper per delivery would cost more than the
     * parse.
     */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** A signed body that is not the documented JSON: {@code pointer} names the member (JSON Pointer), if one. */
    public static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;
        private final String pointer;

        Malformed(String detail, String pointer) {
            super(detail, null, false, false);
            this.pointer = pointer;
        }

        /** JSON Pointer of the offending member ({@code /contract_id}), or null for the body as a whole. */
        public String pointer() {
            return pointer;
        }
    }

    public boolean knownActivity() {
        return KNOWN_ACTIVITIES.contains(activity);
    }

    /** Reads the raw body; never echoes its content in the exception. */
    public static WebhookPayload parse(byte[] body) throws Malformed {
        if (body.length == 0) {
            throw new Malformed("The body is empty: expected a JSON object", null);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            throw new Malformed("The body is not UTF-8 text: expected a JSON object", null);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException notJson) {
            String original = notJson.getOriginalMessage();
            String what = original != null && original.startsWith("Duplicate") ? "The body has a field given twice"
                    : "The body is not valid JSON";
            throw new Malformed(what + where(notJson.getLocation()), null);
        }
        if (root == null || !root.isObject()) {
            throw new Malformed("The body is JSON but not an object: expected {\"activity\": ..., \"contract_id\": ...}", null);
        }
        return new WebhookPayload(activity(root), contractId(root), activityAt(root));
    }

    private static String activity(JsonNode root) throws Malformed {
        JsonNode node = root.get("activity");
        if (node == null || node.isNull()) {
            throw new Malformed("activity is missing: expected the name of the activity, a string", "/activity");
        }
        if (!node.isString()) {
            throw new Malformed("activity must be a string, was " + kind(node), "/activity");
        }
        String activity = node.stringValue();
        if (activity.isBlank()) {
            throw new Malformed("activity must not be blank", "/activity");
        }
        if (activity.length() > MAX_ACTIVITY_LENGTH) {
            throw new Malformed("activity must be at most " + MAX_ACTIVITY_LENGTH + " characters, was "
                    + activity.length(), "/activity");
        }
        for (int i = 0; i < activity.length(); i++) {
            if (Character.isISOControl(activity.charAt(i))) {
                throw new Malformed("activity must not contain control characters", "/activity");
            }
        }
        return activity;
    }

    private static Long contractId(JsonNode root) throws Malformed {
        JsonNode node = root.get("contract_id");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber()) {
            throw new Malformed("contract_id must be an integer (the numeric contract id), was " + kind(node),
                    "/contract_id");
        }
        if (!node.canConvertToLong()) {
            throw new Malformed("contract_id is an integer out of range (more than 64 bits)", "/contract_id");
        }
        return node.longValue();
    }

    private static Instant activityAt(JsonNode root) throws Malformed {
        JsonNode data = root.get("activity_data");
        if (data == null || data.isNull()) {
            return null;
        }
        if (!data.isObject()) {
            throw new Malformed("activity_data must be an object, was " + kind(data), "/activity_data");
        }
        JsonNode node = data.get("timestamp");
        if (node == null || node.isNull()) {
            return null;
        }
        String pointer = "/activity_data/timestamp";
        if (!node.isString()) {
            throw new Malformed("activity_data.timestamp must be an ISO-8601 instant string such as "
                    + "2026-01-05T10:00:00Z, was " + kind(node), pointer);
        }
        Instant at;
        try {
            at = Instant.parse(node.stringValue());
        } catch (DateTimeParseException notInstant) {
            throw new Malformed("activity_data.timestamp is not an ISO-8601 instant such as 2026-01-05T10:00:00Z "
                    + "(a date, a time, and Z or an offset)", pointer);
        }
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw new Malformed("activity_data.timestamp must be between the years 1 and 9999", pointer);
        }
        return at;
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case BOOLEAN -> "a boolean";
            case NUMBER -> node.isIntegralNumber() ? "an integer" : "a decimal number";
            case STRING -> "a string";
            case NULL, MISSING -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (at line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
