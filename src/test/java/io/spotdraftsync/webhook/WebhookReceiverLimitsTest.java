package io.spotdraftsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a caller without the key can cost the receiver of the real {@code serve} context, over HTTP: bodies bigger than
 * the default {@code max-body}, bodies that trickle in, more of them than {@code max-concurrent-reads}, bodies refused
 * unread, on a web server of four request threads; and what a 404 gives away.
 */
class WebhookReceiverLimitsTest {

    private static final String KEY = Deliveries.newKey();
    private static final int MAX_CONCURRENT_READS = 4;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(4);
    private static final int REQUEST_THREADS = 4;
    private static final AtomicLong CONTRACT_IDS = new AtomicLong(70_000);

    @TempDir
    static Path work;
    private static SpotDraftSandbox sandbox;
    private static ServeContext serve;

    private final List<Socket> sockets = new ArrayList<>();
    private final ExecutorService readers = Executors.newCachedThreadPool();

    @BeforeAll
    static void start() {
        sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(5).seed(12).requestsPerSecond(0).build());
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("sync.webhook.hmac-key", KEY);
        // sync.webhook.max-body is left at its default
        properties.put("sync.webhook.max-concurrent-reads", MAX_CONCURRENT_READS);
        properties.put("sync.webhook.read-timeout", READ_TIMEOUT.toSeconds() + "s");
        properties.put("server.tomcat.threads.max", REQUEST_THREADS);
        properties.put("server.tomcat.threads.min-spare", 1);
        serve = ServeContext.start(sandbox, work, properties);
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

    @AfterEach
    void closeSockets() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        readers.shutdownNow();
        serve.clearInbox();
    }

    /** An answer's status line and when it came, in ms after {@code sentAt}. */
    private record Answer(String statusLine, long afterMillis) {
    }

    private Socket post(String path, String signature, long declaredLength, byte[] sent) throws IOException {
        Socket socket = RawHttp.post(serve.endpoint(), path, signature, declaredLength, sent);
        sockets.add(socket);
        return socket;
    }

    private CompletableFuture<Answer> answerOf(Socket socket, long sentAt) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                String status = RawHttp.statusLine(socket.getInputStream());
                return new Answer(status, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt));
            } catch (IOException failed) {
                throw new UncheckedIOException(failed);
            }
        }, readers);
    }

    private static byte[] signedEvent() {
        return Deliveries.event("CONTRACT_EXECUTED", CONTRACT_IDS.incrementAndGet(), Instant.parse("2026-03-01T10:00:00Z"));
    }

    @Test
    void theDefaultMaxBodyRefusesA65KbBodyWith413() throws Exception {
        byte[] body = Deliveries.padded(signedEvent(), 65 * 1024);
        byte[] fits = Deliveries.padded(signedEvent(), 64 * 1024);

        HttpResponse<String> refused = serve.post(body, Deliveries.sign(KEY, body));
        HttpResponse<String> accepted = serve.post(fits, Deliveries.sign(KEY, fits));

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("65536 bytes (sync.webhook.max-body)");
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(serve.rows()).isEqualTo(1);
    }

    @Test
    void slowBodiesBeyondMaxConcurrentReadsAreRefusedQuicklyWhileAValidDeliveryStillSucceeds() throws Exception {
        double busyBefore = serve.deliveries("busy");
        double tooSlowBefore = serve.deliveries("too-slow");
        byte[] firstBytes = "{\"activity\"".getBytes(StandardCharsets.UTF_8);
        long sentAt = System.nanoTime();
        // signed-looking bodies that stop after 11 of their 1000 bytes: two more than there are slots
        List<CompletableFuture<Answer>> slow = new ArrayList<>();
        for (int i = 0; i < MAX_CONCURRENT_READS + 2; i++) {
            slow.add(answerOf(post(WebhookEndpoint.PATH, RawHttp.FORGED_SIGNATURE, 1000, firstBytes), sentAt));
        }
        // and as many again as there are request threads, refused before their body (which never comes) is read
        List<CompletableFuture<Answer>> refusedUnread = new ArrayList<>();
        for (int i = 0; i < REQUEST_THREADS; i++) {
            refusedUnread.add(answerOf(post(WebhookEndpoint.PATH, null, 1000, firstBytes), sentAt));
            refusedUnread.add(answerOf(post(WebhookEndpoint.PATH + "/nosuch", RawHttp.FORGED_SIGNATURE, 1000, firstBytes),
                    sentAt));
        }
        List<Answer> unread = new ArrayList<>();
        for (CompletableFuture<Answer> answer : refusedUnread) {
            unread.add(answer.get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        }

        // a delivery as SpotDraft sends one (head and body in one write) while the slow ones still wait
        byte[] event = signedEvent();
        long validSentAt = System.nanoTime();
        Answer valid = answerOf(post(WebhookEndpoint.PATH, Deliveries.sign(KEY, event), event.length, event), validSentAt)
                .get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        long answeredSlowBeforeTheValidOne = slow.stream().filter(CompletableFuture::isDone).count();

        List<Answer> slowAnswers = new ArrayList<>();
        for (CompletableFuture<Answer> answer : slow) {
            slowAnswers.add(answer.get(READ_TIMEOUT.toMillis() * 4, TimeUnit.MILLISECONDS));
        }
        System.out.printf("refused unread: %s%nslow: %s%nvalid: %s%n", unread, slowAnswers, valid);

        assertThat(unread).extracting(Answer::statusLine).containsOnly("HTTP/1.1 401 ", "HTTP/1.1 404 ");
        assertThat(valid.statusLine()).isEqualTo("HTTP/1.1 202 ");
        assertThat(answeredSlowBeforeTheValidOne).as("slow bodies answered when the valid one was: the two refused")
                .isEqualTo(2);
        assertThat(slowAnswers).filteredOn(answer -> answer.statusLine().equals("HTTP/1.1 503 "))
                .hasSize(2).allSatisfy(answer -> assertThat(answer.afterMillis()).isLessThan(READ_TIMEOUT.toMillis() / 2));
        assertThat(slowAnswers).filteredOn(answer -> answer.statusLine().equals("HTTP/1.1 408 "))
                .hasSize(MAX_CONCURRENT_READS)
                .allSatisfy(answer -> assertThat(answer.afterMillis()).isGreaterThanOrEqualTo(READ_TIMEOUT.toMillis() - 500));
        assertThat(serve.deliveries("busy")).isEqualTo(busyBefore + 2);
        assertThat(serve.deliveries("too-slow")).isEqualTo(tooSlowBefore + MAX_CONCURRENT_READS);
        assertThat(serve.rows()).isEqualTo(1);
    }

    @Test
    void aBodyTricklingInIsRefusedWith408AtTheReadTimeoutCountedFromItsStart() throws Exception {
        Socket socket = post(WebhookEndpoint.PATH, RawHttp.FORGED_SIGNATURE, 1000, new byte[] {'{'});
        long sentAt = System.nanoTime();
        // one byte every 200 ms: never silent long enough for a socket read timeout
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        OutputStream out = socket.getOutputStream();
        trickle.scheduleAtFixedRate(() -> {
            try {
                out.write(' ');
                out.flush();
            } catch (IOException closedByTheServer) {
                throw new UncheckedIOException(closedByTheServer);
            }
        }, 200, 200, TimeUnit.MILLISECONDS);
        try {
            Answer answer = answerOf(socket, sentAt).get(READ_TIMEOUT.toMillis() * 4, TimeUnit.MILLISECONDS);

            System.out.println("trickling body: " + answer);
            assertThat(answer.statusLine()).isEqualTo("HTTP/1.1 408 ");
            assertThat(answer.afterMillis()).isBetween(READ_TIMEOUT.toMillis() - 500, READ_TIMEOUT.toMillis() * 2);
        } finally {
            trickle.shutdownNow();
        }
    }

    @Test
    void aDeliveryToAnUnknownWorkspaceIs404WithoutNamingTheConfiguredWorkspaces() throws Exception {
        byte[] event = signedEvent();

        HttpResponse<String> response = serve.send(HttpRequest.newBuilder(URI.create(serve.endpoint() + "/nosuch"))
                .header(WebhookSignature.HEADER, Deliveries.sign(KEY, event))
                .POST(HttpRequest.BodyPublishers.ofByteArray(event)).build());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("No workspace of that name receives webhooks here")
                .doesNotContain(ServeContext.WORKSPACE);
        assertThat(serve.rows()).isZero();
    }
}
