package io.spotdraftsync.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import io.spotdraftsync.webhook.WebhookSignature;

/**
 * Webhook benchmarks, run by {@code bench/webhook-load.sh} against a {@code serve} process on loopback.
 *
 * <ul>
 *   <li>{@code load URL BASE64_KEY RATE SECONDS}: an open-loop generator: signed, distinct
 *   {@code CONTRACT_DATA_UPDATED} events sent at a fixed rate; each latency is measured from the moment the
 *   request was due (not when it was sent), so a stalled receiver cannot hide its queueing (no coordinated
 *   omission). Prints achieved deliveries/s, answer codes, p50/p90/p99/max.</li>
 *   <li>{@code freshness JDBC_URL SINCE_ISO}: from the receiver's inbox, the time from each event's arrival to
 *   the commit of the run that loaded its contract (the row is marked done only then), p50/p95/max.</li>
 * </ul>
 */
public final class WebhookLoadBench {

    private static final int SENDERS = 64;

    private WebhookLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "load" -> load(URI.create(args[1]), args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "freshness" -> freshness(args[1], Instant.parse(args[2]));
            case "bodies" -> bodies(args[1], Integer.parseInt(args[2]), java.nio.file.Path.of(args[3]));
            default -> {
                System.err.println("usage: load URL BASE64_KEY RATE SECONDS | freshness JDBC_URL SINCE_ISO");
                System.exit(2);
            }
        }
    }

    static void load(URI url, String base64Key, int rate, int seconds) throws Exception {
        WebhookSignature signature = WebhookSignature.fromBase64Key(base64Key);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Recorder latencies = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
        ConcurrentHashMap<Integer, AtomicLong> codes = new ConcurrentHashMap<>();
        AtomicLong failures = new AtomicLong();
        long total = (long) rate * seconds;
        CountDownLatch answered = new CountDownLatch((int) total);
        long intervalNanos = 1_000_000_000L / rate;
        long runId = System.currentTimeMillis();
        // warm-up: a second at a tenth of the rate, not measured
        for (int i = 0; i < rate / 10; i++) {
            client.send(request(url, signature, runId, -1 - i), HttpResponse.BodyHandlers.discarding());
        }
        // open loop: a pacer puts each request on the queue at its due time; a fixed pool of senders (keep-alive
        // connections) takes them; a request waiting for a free sender counts that wait in its latency
        java.util.concurrent.BlockingQueue<long[]> due = new java.util.concurrent.LinkedBlockingQueue<>();
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(SENDERS);
        for (int t = 0; t < SENDERS; t++) {
            senders.execute(() -> {
                while (true) {
                    long[] next;
                    try {
                        next = due.take();
                    } catch (InterruptedException stop) {
                        return;
                    }
                    try {
                        HttpResponse<Void> response = client.send(request(url, signature, runId, next[0]),
                                HttpResponse.BodyHandlers.discarding());
                        latencies.recordValue(Math.max(0, System.nanoTime() - next[1]));
                        codes.computeIfAbsent(response.statusCode(), code -> new AtomicLong()).incrementAndGet();
                    } catch (Exception failure) {
                        failures.incrementAndGet();
                    }
                    answered.countDown();
                }
            });
        }
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long dueAt = start + i * intervalNanos;
            long wait = dueAt - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            due.add(new long[] {i, dueAt});
        }
        long sentIn = System.nanoTime() - start;
        answered.await(120, TimeUnit.SECONDS);
        senders.shutdownNow();
        long elapsed = System.nanoTime() - start;
        Histogram histogram = latencies.getIntervalHistogram();
        System.out.printf(Locale.ROOT, "webhook load: %,d deliveries at a target of %,d/s for %d s%n", total, rate, seconds);
        System.out.printf(Locale.ROOT, "  sent in %.2f s (%.0f/s); all answered in %.2f s (%.0f/s)%n", sentIn / 1e9,
                total / (sentIn / 1e9), elapsed / 1e9, histogram.getTotalCount() / (elapsed / 1e9));
        System.out.printf(Locale.ROOT, "  answers %s, transport failures %d%n", codes, failures.get());
        System.out.printf(Locale.ROOT, "  latency from due time: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
                ms(histogram.getValueAtPercentile(50)), ms(histogram.getValueAtPercentile(90)),
                ms(histogram.getValueAtPercentile(99)), ms(histogram.getValueAtPercentile(99.9)), ms(histogram.getMaxValue()));
    }

    private static HttpRequest request(URI url, WebhookSignature signature, long runId, long index) {
        // contract ids far above the sandbox's: the worker's runs look them up and find nothing to load
        byte[] bytes = body(runId, index).getBytes(StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header(WebhookSignature.HEADER, signature.sign(bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
    }

    private static String body(long runId, long index) {
        long contractId = 50_000_000L + Math.floorMod(index, 5_000);
        return String.format(Locale.ROOT, "{\"activity\":\"CONTRACT_DATA_UPDATED\",\"activity_data\":{\"performed_by\":"
                + "{\"name\":\"Bench\",\"email\":\"bench@example.com\"},\"timestamp\":\"%s\"},\"contract_id\":%d,"
                + "\"contract_title\":\"Bench %d-%d\",\"contract_status\":\"DRAFT\",\"contract_kind\":\"TEMPLATE_CONTRACT\"}",
                Instant.ofEpochMilli(runId).plusNanos(Math.abs(index) * 1000), contractId, runId, index);
    }

    /** Writes {@code count} signed, distinct events as a Lua file for {@code bench/webhook-wrk.lua}. */
    static void bodies(String base64Key, int count, java.nio.file.Path luaFile) throws Exception {
        WebhookSignature signature = WebhookSignature.fromBase64Key(base64Key);
        long runId = System.currentTimeMillis();
        StringBuilder lua = new StringBuilder("bodies = {}\nsignatures = {}\n");
        for (int i = 0; i < count; i++) {
            HttpRequest request = request(URI.create("http://localhost/"), signature, runId, i);
            String body = body(runId, i);
            lua.append("bodies[").append(i + 1).append("] = [[").append(body).append("]]\n");
            lua.append("signatures[").append(i + 1).append("] = \"")
                    .append(request.headers().firstValue(WebhookSignature.HEADER).orElseThrow()).append("\"\n");
        }
        java.nio.file.Files.writeString(luaFile, lua);
    }

    static void freshness(String jdbcUrl, Instant since) throws Exception {
        Histogram histogram = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
        long pending;
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
                Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT received_at, processed_at FROM webhook_inbox "
                    + "WHERE status = 'done' AND contract_id < 50000000 AND received_at >= TIMESTAMP WITH TIME ZONE '" + since + "'")) {
                while (rows.next()) {
                    Instant received = rows.getObject(1, java.time.OffsetDateTime.class).toInstant();
                    Instant processed = rows.getObject(2, java.time.OffsetDateTime.class).toInstant();
                    histogram.recordValue(Math.max(0, Duration.between(received, processed).toMillis()));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM webhook_inbox WHERE status = 'pending'")) {
                rows.next();
                pending = rows.getLong(1);
            }
        }
        System.out.printf(Locale.ROOT, "webhook to warehouse (arrival to the commit of its run): %d events, p50 %.2f s, "
                + "p95 %.2f s, max %.2f s; still pending %d%n", histogram.getTotalCount(),
                histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(95) / 1000.0,
                histogram.getMaxValue() / 1000.0, pending);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
