package io.spotdraftsync.sandbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON reading and writing, and the one timestamp format of every answer. */
final class SandboxJson {

    // an imported PDF arrives base64 in one JSON string: 100 MB of PDF is 133 MB of text, over Jackson's default limit
    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(512 * 1024 * 1024).build()).build())
            .build();
    private static final DateTimeFormatter WHOLE_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MICROSECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private SandboxJson() {
    }

    static byte[] write(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    /** @throws IllegalArgumentException when the bytes are not one JSON document */
    static JsonNode read(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (JacksonException malformed) {
            throw new IllegalArgumentException("The body is not valid JSON: " + malformed.getOriginalMessage());
        }
    }

    /** A JSON tree as plain Java values: maps, lists, strings, numbers, booleans, nulls. */
    static Object toJava(JsonNode node) {
        return MAPPER.treeToValue(node, Object.class);
    }

    /**
     * ISO 8601 UTC: whole seconds as {@code 2025-06-07T00:00:00Z} (as SpotDraft's examples), otherwise with
     * microseconds (as its webhook examples), which is the precision change times have.
     */
    static String timestamp(Instant instant) {
        if (instant == null) {
            return null;
        }
        return instant.getNano() == 0 ? WHOLE_SECONDS.format(instant) : MICROSECONDS.format(instant);
    }
}
