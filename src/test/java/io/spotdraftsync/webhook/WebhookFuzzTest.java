package io.spotdraftsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded fuzz of {@code POST /webhooks/spotdraft} on the real {@code serve} context: thousands of random
 * bodies (random bytes, random JSON-ish documents with right and wrong field types, huge strings, unicode,
 * duplicated fields, trailing garbage) under random, garbled or missing signatures, content types and framings.
 *
 * <p>The generator labels what it makes (valid event or not, which contract, activity and time), so each answer
 * is predicted exactly: never a 5xx, 401 for every unsigned or mis-signed body and never a row for it, 400 for
 * every signed body that is not the documented JSON, 413 past {@code max-body}, and every correctly signed valid
 * event stored (202), once (200 for a duplicate). The inbox is counted after every request.
 *
 * <p>Reproduce or extend: {@code -Dwebhook.fuzz.seed=...} and {@code -Dwebhook.fuzz.cases=...}.
 */
class WebhookFuzzTest {

    private static final long SEED = Long.getLong("webhook.fuzz.seed", 20_260_105L);
    private static final int CASES = Integer.getInteger("webhook.fuzz.cases", 2_500);
    private static final int MAX_BODY = 32 * 1024;
    private static final String KEY = Deliveries.newKey();

    private static final String[] KNOWN = WebhookPayload.KNOWN_ACTIVITIES.toArray(String[]::new);
    private static final String[] CONTENT_TYPES = {"application/json", "application/json; charset=utf-8",
        "application/json; charset=ISO-8859-1", "text/plain", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=----x", "application/octet-stream", "foo/bar;;;=", null};

    @TempDir
    static Path work;
    private static SpotDraftSandbox sandbox;
    private static ServeContext serve;

    @BeforeAll
    static void start() {
        sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(5).seed(12).requestsPerSecond(0).build());
        serve = ServeContext.start(sandbox, work, Map.of("sync.webhook.hmac-key", KEY, "sync.webhook.max-body", MAX_BODY + "B"));
    }

    @AfterAll
    static void stop() {
        if (serve != null) {
            serve.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    /** A literal JSON token, written as is (numbers Jackson must see as written: 1e3, 12.0, 30 digits). */
    private record Raw(String text) {
    }

    /** What the generator made: the body, and whether it is a valid event and which. */
    private record Body(byte[] bytes, boolean valid, Long contractId, String activity, Instant at, String what) {
    }

    private record Expected(int status, boolean stored) {
    }

    /** Dedupe as the inbox does it: the same body, or the same contract, activity and time (all three known). */
    private final Set<String> storedBodies = new HashSet<>();
    private final Set<String> storedEvents = new HashSet<>();
    private final List<Body> validBodies = new ArrayList<>();

    @Test
    void randomDeliveriesAreAnsweredAsPredictedAndOnlyValidSignedEventsAreStored() throws Exception {
        Random random = new Random(SEED);
        Map<Integer, Integer> statuses = new TreeMap<>();
        long rows = serve.rows();
        for (int index = 0; index < CASES; index++) {
            Body body = body(random);
            String contentType = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
            boolean chunked = random.nextInt(10) == 0;
            Signature signature = signature(random, body.bytes());

            Expected expected = expect(body, signature, chunked);
            HttpRequest.Builder request = serve.request(null, contentType);
            signature.headers().forEach(request::header);
            request.POST(chunked
                    ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.bytes()))
                    : HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
            HttpResponse<String> response = serve.send(request.build());

            String context = "case " + index + " of seed " + SEED + ": " + body.what() + ", " + body.bytes().length
                    + " bytes, signature " + signature.what() + ", content type " + contentType + (chunked ? ", chunked" : "")
                    + ", body starts " + preview(body.bytes()) + ", answer " + response.body();
            assertThat(response.statusCode()).as(context).isEqualTo(expected.status());
            if (expected.status() >= 400) {
                assertThat(response.headers().firstValue("Content-Type")).as(context).hasValue("application/problem+json");
            }
            if (expected.stored()) {
                rows++;
            }
            assertThat(serve.rows()).as(context).isEqualTo(rows);
            statuses.merge(response.statusCode(), 1, Integer::sum);
        }
        System.out.println("Webhook fuzz, seed " + SEED + ", " + CASES + " cases, answers by status: " + statuses);
        // the generator reaches every answer, so each of the rules above was exercised
        assertThat(statuses).containsKeys(200, 202, 400, 401, 413);
        assertThat(statuses.get(202)).isGreaterThan(CASES / 5);
        assertThat(serve.rows()).isEqualTo(storedBodies.size());
    }

    /** The server's order of checks: length, header, length read, signature, JSON, dedupe. */
    private Expected expect(Body body, Signature signature, boolean chunked) {
        int length = body.bytes().length;
        if (!chunked && length > MAX_BODY) {
            return new Expected(413, false);
        }
        if (signature.missing()) {
            return new Expected(401, false);
        }
        if (length > MAX_BODY) {
            return new Expected(413, false);
        }
        if (!signature.valid()) {
            return new Expected(401, false);
        }
        if (!body.valid()) {
            return new Expected(400, false);
        }
        String hash = WebhookInbox.sha256(body.bytes());
        String event = body.contractId() != null && body.at() != null
                ? body.contractId() + "|" + body.activity() + "|" + body.at() : null;
        if (storedBodies.contains(hash) || (event != null && storedEvents.contains(event))) {
            return new Expected(200, false);
        }
        storedBodies.add(hash);
        if (event != null) {
            storedEvents.add(event);
        }
        validBodies.add(body);
        return new Expected(202, true);
    }

    // ---- signatures --------------------------------------------------------------------------------------

    private record Signature(List<String> headerPairs, boolean valid, boolean missing, String what) {
        /** name, value, name, value, ... */
        List<String[]> pairs() {
            List<String[]> pairs = new ArrayList<>();
            for (int i = 0; i < headerPairs.size(); i += 2) {
                pairs.add(new String[] {headerPairs.get(i), headerPairs.get(i + 1)});
            }
            return pairs;
        }

        Map<String, String> headers() {
            Map<String, String> headers = new LinkedHashMap<>();
            pairs().forEach(pair -> headers.put(pair[0], pair[1]));
            return headers;
        }
    }

    private static Signature signature(Random random, byte[] body) {
        String header = WebhookSignature.HEADER;
        String right = Deliveries.sign(KEY, body);
        int pick = random.nextInt(100);
        if (pick < 70) {
            return new Signature(List.of(header, right), true, false, "right");
        }
        if (pick < 74) {
            return new Signature(List.of(header, right.toUpperCase(Locale.ROOT)), true, false, "right, upper case");
        }
        if (pick < 77) {
            return new Signature(List.of(header.toLowerCase(Locale.ROOT), right), true, false, "right, header name lower case");
        }
        if (pick < 82) {
            return new Signature(List.of(), false, true, "missing");
        }
        if (pick < 84) {
            return new Signature(List.of(header, ""), false, true, "empty");
        }
        if (pick < 88) {
            return new Signature(List.of(header, Deliveries.sign(Deliveries.newKey(), body)), false, false, "another key");
        }
        if (pick < 91) {
            byte[] other = body.clone();
            if (other.length == 0) {
                other = new byte[] {'x'};
            } else {
                other[random.nextInt(other.length)] ^= 1;
            }
            return new Signature(List.of(header, Deliveries.sign(KEY, other)), false, false, "of another body");
        }
        if (pick < 94) {
            char[] digits = right.toCharArray();
            int at = random.nextInt(digits.length);
            digits[at] = digits[at] == 'f' ? '0' : (char) (digits[at] == '9' ? 'a' : digits[at] + 1);
            return new Signature(List.of(header, new String(digits)), false, false, "one digit off");
        }
        if (pick < 96) {
            return new Signature(List.of(header, random.nextBoolean() ? right.substring(0, 127) : right + "0"), false, false,
                    "wrong length");
        }
        if (pick < 98) {
            StringBuilder garbage = new StringBuilder();
            int length = 1 + random.nextInt(200);
            for (int i = 0; i < length; i++) {
                garbage.append((char) (0x21 + random.nextInt(0x7E - 0x21 + 1)));
            }
            return new Signature(List.of(header, garbage.toString()), false, false, "garbage");
        }
        return new Signature(List.of(header, "sha512=" + right), false, false, "prefixed");
    }

    // ---- bodies ------------------------------------------------------------------------------------------

    private Body body(Random random) {
        int kind = random.nextInt(100);
        if (kind < 12) {
            return randomBytes(random);
        }
        if (kind < 17) {
            return new Body(json(random, randomValue(random, 3, true)).getBytes(StandardCharsets.UTF_8), false, null, null,
                    null, "JSON, not an object");
        }
        if (kind < 22 && !validBodies.isEmpty()) {
            Body earlier = validBodies.get(random.nextInt(validBodies.size()));
            return new Body(earlier.bytes(), true, earlier.contractId(), earlier.activity(), earlier.at(), "an earlier body again");
        }
        if (kind < 26 && !validBodies.isEmpty()) {
            Body earlier = validBodies.get(random.nextInt(validBodies.size()));
            if (earlier.contractId() != null && earlier.at() != null) {
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("activity", earlier.activity());
                event.put("contract_id", earlier.contractId());
                event.put("activity_data", Map.of("timestamp", earlier.at().toString()));
                event.put("contract_title", unicode(random, 1 + random.nextInt(30)));
                return new Body(json(random, event).getBytes(StandardCharsets.UTF_8), true, earlier.contractId(),
                        earlier.activity(), earlier.at(), "an earlier event in another body");
            }
        }
        return randomEvent(random);
    }

    private static Body randomBytes(Random random) {
        int length = random.nextInt(10) == 0 ? random.nextInt(MAX_BODY * 2) : random.nextInt(3000);
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        if (length > 0) {
            // never the start of a JSON object (nor white space or a byte order mark before one)
            while (bytes[0] == '{' || bytes[0] == ' ' || bytes[0] == '\t' || bytes[0] == '\n' || bytes[0] == '\r'
                    || bytes[0] == (byte) 0xEF) {
                bytes[0] = (byte) random.nextInt(256);
            }
        }
        return new Body(bytes, false, null, null, null, "random bytes");
    }

    private static Body randomEvent(Random random) {
        Map<String, Object> event = new LinkedHashMap<>();
        boolean valid = true;
        StringBuilder what = new StringBuilder("event:");

        // activity
        String activity = null;
        int pick = random.nextInt(100);
        if (pick < 60) {
            activity = KNOWN[random.nextInt(KNOWN.length)];
            event.put("activity", activity);
        } else if (pick < 68) {
            activity = upperSnake(random, 1 + random.nextInt(40));
            event.put("activity", activity);
            what.append(" unknown activity");
        } else if (pick < 74) {
            String text = unicode(random, 1 + random.nextInt(60));
            boolean ok = !text.isBlank() && text.length() <= WebhookPayload.MAX_ACTIVITY_LENGTH
                    && text.chars().noneMatch(c -> Character.isISOControl(c));
            activity = ok ? text : null;
            valid &= ok;
            event.put("activity", text);
            what.append(" unicode activity").append(ok ? "" : " (blank)");
        } else if (pick < 76) {
            activity = "A".repeat(WebhookPayload.MAX_ACTIVITY_LENGTH);
            event.put("activity", activity);
            what.append(" activity of 100 characters");
        } else if (pick < 78) {
            event.put("activity", "B".repeat(WebhookPayload.MAX_ACTIVITY_LENGTH + 1));
            valid = false;
            what.append(" activity of 101 characters");
        } else if (pick < 81) {
            event.put("activity", random.nextBoolean() ? "" : "   ");
            valid = false;
            what.append(" blank activity");
        } else if (pick < 83) {
            event.put("activity", "CONTRACT_" + (char) random.nextInt(0x20) + "CREATED");
            valid = false;
            what.append(" activity with a control character");
        } else if (pick < 89) {
            event.put("activity", wrongType(random));
            valid = false;
            what.append(" activity not a string");
        } else if (pick < 92) {
            event.put("activity", null);
            valid = false;
            what.append(" activity null");
        } else {
            valid = false;
            what.append(" no activity");
        }

        // contract_id
        Long contractId = null;
        pick = random.nextInt(100);
        if (pick < 62) {
            contractId = (long) (1 + random.nextInt(5_000));
            event.put("contract_id", contractId);
        } else if (pick < 70) {
            what.append(" no contract_id");
        } else if (pick < 74) {
            event.put("contract_id", null);
            what.append(" contract_id null");
        } else if (pick < 84) {
            long[] edges = {0, -1, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MAX_VALUE + 1L};
            contractId = edges[random.nextInt(edges.length)];
            event.put("contract_id", contractId);
            what.append(" contract_id ").append(contractId);
        } else {
            Object[] wrong = {new Raw("12.5"), new Raw("12.0"), new Raw("1e3"), "123",
                new Raw(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE).toString()), new Raw("1".repeat(30)),
                true, List.of(1), Map.of("id", 1)};
            Object value = wrong[random.nextInt(wrong.length)];
            event.put("contract_id", value);
            valid = false;
            what.append(" contract_id not an integer (").append(value).append(')');
        }

        // activity_data.timestamp
        Instant at = null;
        pick = random.nextInt(100);
        if (pick < 8) {
            what.append(" no activity_data");
        } else if (pick < 12) {
            event.put("activity_data", null);
        } else if (pick < 16) {
            Object notAnObject = wrongType(random);
            event.put("activity_data", notAnObject instanceof Map ? "x" : notAnObject);
            valid = false;
            what.append(" activity_data not an object");
        } else {
            Map<String, Object> data = new LinkedHashMap<>();
            if (random.nextBoolean()) {
                data.put("performed_by", Map.of("name", unicode(random, 1 + random.nextInt(20)), "email", "x@example.com"));
            }
            int form = random.nextInt(100);
            if (form < 66) {
                at = Instant.ofEpochSecond(946_684_800L + (long) (random.nextDouble() * 1_000_000_000L),
                        new int[] {0, 123_000_000, 123_456_000}[random.nextInt(3)]);
                data.put("timestamp", at.toString());
            } else if (form < 76) {
                at = Instant.ofEpochSecond(946_684_800L + (long) (random.nextDouble() * 1_000_000_000L));
                int offsetMinutes = (random.nextInt(27) - 12) * 60 + (random.nextBoolean() ? 30 : 0);
                data.put("timestamp", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                        at.atOffset(ZoneOffset.ofTotalSeconds(offsetMinutes * 60))));
                what.append(" timestamp with an offset");
            } else if (form < 79) {
                at = random.nextBoolean() ? Instant.parse("0001-01-01T00:00:00Z") : Instant.parse("9999-12-31T23:59:59Z");
                data.put("timestamp", at.toString());
                what.append(" timestamp at the edge of the range");
            } else if (form < 85) {
                what.append(" no timestamp");
            } else if (form < 88) {
                data.put("timestamp", null);
                what.append(" timestamp null");
            } else {
                Object[] wrong = {"2026-01-05T10:00:00", "2026-01-05", "yesterday", "", "2026-13-01T00:00:00Z",
                    "+10000-01-01T00:00:00Z", "2026-01-05 10:00:00Z", new Raw("1767607200"), false,
                    Map.of("seconds", 1), List.of("2026-01-05T10:00:00Z")};
                Object value = wrong[random.nextInt(wrong.length)];
                data.put("timestamp", value);
                valid = false;
                what.append(" timestamp not an instant (").append(value).append(')');
            }
            event.put("activity_data", data);
        }

        // other members: random names and values, unicode, nesting, sometimes a huge string
        int extra = random.nextInt(8);
        for (int i = 0; i < extra; i++) {
            String name = random.nextBoolean() ? "x_" + upperSnake(random, 1 + random.nextInt(10)) : "u" + unicode(random, 1 + random.nextInt(10));
            event.putIfAbsent(name, randomValue(random, 1 + random.nextInt(6), false));
        }
        if (random.nextInt(25) == 0) {
            event.put("contract_title", unicode(random, 5_000 + random.nextInt(35_000)));
            what.append(" huge string");
        }

        String text = json(random, event);
        if (random.nextInt(50) == 0 && !event.isEmpty()) {
            // a member given twice
            String name = event.keySet().iterator().next();
            text = text.substring(0, text.lastIndexOf('}')) + "," + quote(random, name) + ":1}";
            valid = false;
            what.append(" a member twice");
        } else if (random.nextInt(50) == 0) {
            text = text + new String[] {" x", "}", ",{}", "{}", "\u0000"}[random.nextInt(5)];
            valid = false;
            what.append(" trailing content");
        } else if (random.nextInt(30) == 0) {
            text = text + "\r\n\t ";
        }
        return new Body(text.getBytes(StandardCharsets.UTF_8), valid, valid ? contractId : null, valid ? activity : null,
                valid ? at : null, what.toString());
    }

    private static Object wrongType(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> (long) random.nextInt(100);
            case 1 -> random.nextBoolean();
            case 2 -> List.of("CONTRACT_CREATED");
            case 3 -> Map.of("name", "CONTRACT_CREATED");
            default -> new Raw("3.25");
        };
    }

    private static Object randomValue(Random random, int depth, boolean topLevel) {
        int pick = random.nextInt(topLevel ? 6 : 9);
        if (depth <= 0 && pick < 2) {
            pick = 2 + random.nextInt(4);
        }
        return switch (pick) {
            case 0 -> {
                List<Object> list = new ArrayList<>();
                int size = random.nextInt(5);
                for (int i = 0; i < size; i++) {
                    list.add(randomValue(random, depth - 1, false));
                }
                yield list;
            }
            case 1 -> {
                Map<String, Object> map = new LinkedHashMap<>();
                int size = random.nextInt(5);
                for (int i = 0; i < size; i++) {
                    map.putIfAbsent(unicode(random, 1 + random.nextInt(8)), randomValue(random, depth - 1, false));
                }
                yield map;
            }
            case 2 -> unicode(random, random.nextInt(40));
            case 3 -> random.nextLong();
            case 4 -> new Raw(Double.toString(random.nextGaussian() * 1e6));
            case 5 -> random.nextBoolean() ? Boolean.TRUE : null;
            case 6 -> new Raw("-0.0e-5");
            case 7 -> "\\\"/\b\f\n\r\t\u2028\u2029";
            default -> new Raw("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]");
        };
    }

    private static String upperSnake(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(random.nextInt(6) == 0 ? '_' : (char) ('A' + random.nextInt(26)));
        }
        return text.toString();
    }

    /** Code points from ASCII, Latin, Cyrillic, Arabic, CJK, emoji, combining marks, white space and controls. */
    private static String unicode(Random random, int length) {
        int[][] ranges = {{0x20, 0x7E}, {0xA0, 0x24F}, {0x400, 0x4FF}, {0x600, 0x6FF}, {0x4E00, 0x9FFF},
            {0x1F300, 0x1FAFF}, {0x300, 0x36F}, {0x2000, 0x200F}, {0x0, 0x1F}, {0x7F, 0x9F}, {0xFFF0, 0xFFFD}};
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            int[] range = ranges[random.nextInt(ranges.length)];
            text.appendCodePoint(range[0] + random.nextInt(range[1] - range[0] + 1));
        }
        return text.toString();
    }

    // ---- a JSON writer with random (valid) white space and escapes ----------------------------------------

    private static String json(Random random, Object value) {
        StringBuilder out = new StringBuilder();
        write(random, value, out);
        return out.toString();
    }

    private static void write(Random random, Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Raw raw) {
            out.append(raw.text());
        } else if (value instanceof String text) {
            out.append(quote(random, text));
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                space(random, out);
                out.append(quote(random, (String) entry.getKey()));
                space(random, out);
                out.append(':');
                space(random, out);
                write(random, entry.getValue(), out);
                space(random, out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                space(random, out);
                write(random, list.get(i), out);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException(value.getClass().getName());
        }
    }

    private static void space(Random random, StringBuilder out) {
        if (random.nextInt(8) == 0) {
            out.append(new String[] {" ", "\n", "\t", "\r\n  "}[random.nextInt(4)]);
        }
    }

    /** A JSON string: controls always escaped; non-ASCII and '/' escaped sometimes. */
    private static String quote(Random random, String text) {
        boolean escapeAll = random.nextInt(6) == 0;
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '/' -> out.append(escapeAll ? "\\/" : "/");
                default -> {
                    if (c < 0x20 || (escapeAll && c > 0x7E)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String preview(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
        return text.replaceAll("\\p{Cntrl}", "?");
    }
}
