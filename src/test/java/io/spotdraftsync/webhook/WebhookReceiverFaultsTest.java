package io.spotdraftsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Logger;

import javax.sql.DataSource;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spotdraftsync.testsupport.MutableClock;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The receiver's answers when what it depends on hangs or breaks, over HTTP to the endpoint in an embedded Tomcat:
 * a key API that does not answer, an inbox whose database hangs or whose writer dies; and how often a flood of
 * forged deliveries reaches the log.
 */
class WebhookReceiverFaultsTest {

    private static final String KEY = Deliveries.newKey();
    private static final Duration KEY_FETCH_TIMEOUT = Duration.ofMillis(500);
    private static final Duration INBOX_WRITE_TIMEOUT = Duration.ofMillis(500);
    private static final WebhookEndpoint.Limits LIMITS = new WebhookEndpoint.Limits(64 * 1024, 64, Duration.ofSeconds(10));

    @TempDir
    Path work;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final FaultyDataSource database = new FaultyDataSource();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        database.release.countDown();
        for (AutoCloseable closeable : closing) {
            closeable.close();
        }
    }

    /** The inbox's H2 database; {@link #hang} or {@link #die} make the next connections do so. */
    private static final class FaultyDataSource implements DataSource {
        private final JdbcDataSource h2 = new JdbcDataSource();
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicReference<String> fault = new AtomicReference<>();

        FaultyDataSource() {
            h2.setURL("jdbc:h2:mem:inbox-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
            new ResourceDatabasePopulator(new ClassPathResource("db/jobs/webhook-inbox.sql")).execute(h2);
        }

        void hang() {
            fault.set("hang");
        }

        void die() {
            fault.set("die");
        }

        void heal() {
            fault.set(null);
        }

        @Override
        public Connection getConnection() throws SQLException {
            String now = fault.get();
            if ("hang".equals(now)) {
                try {
                    // a database that takes the connection request and never answers, until the test ends
                    release.await();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            } else if ("die".equals(now)) {
                throw new OutOfMemoryError("simulated: the inbox writer dies");
            }
            return h2.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        long rows() {
            Long count = new JdbcTemplate(h2).queryForObject("SELECT COUNT(*) FROM webhook_inbox", Long.class);
            return count == null ? 0 : count;
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }

    private URI start(WebhookKeys keys, List<String> workspaces) throws Exception {
        List<WebhookEndpoint.Receiver> receivers = workspaces.stream()
                .map(name -> new WebhookEndpoint.Receiver(name, keys, new WebhookMetrics(registry, name))).toList();
        WebhookEndpoint endpoint = new WebhookEndpoint(receivers,
                new WebhookInbox(new JdbcTemplate(database), INBOX_WRITE_TIMEOUT), LIMITS, clock);
        WebhookTomcat tomcat = WebhookTomcat.start(endpoint, work);
        closing.add(tomcat);
        return tomcat.endpoint();
    }

    private URI start(WebhookKeys keys) throws Exception {
        return start(keys, List.of("acme"));
    }

    private static WebhookKeys configuredKey() {
        return WebhookKeys.of(List.of(KEY), () -> null, Duration.ofMinutes(5), KEY_FETCH_TIMEOUT, Clock.systemUTC());
    }

    private HttpResponse<String> post(URI endpoint, byte[] body, String signature) throws Exception {
        return http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(20))
                .header(WebhookSignature.HEADER, signature).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static byte[] event(long contractId) {
        return Deliveries.event("CONTRACT_EXECUTED", contractId, Instant.parse("2026-03-01T09:00:00Z"));
    }

    @Test
    void aKeyFetchThatHangsAnswers503WithRetryAfterQuicklyAndIsMadeOnce() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch never = new CountDownLatch(1);
        Supplier<String> hangingApi = () -> {
            calls.incrementAndGet();
            try {
                never.await();
            } catch (InterruptedException interrupted) {
                throw new IllegalStateException("given up", interrupted);
            }
            return KEY;
        };
        URI endpoint = start(WebhookKeys.of(List.of(), hangingApi, Duration.ofMinutes(5), KEY_FETCH_TIMEOUT, Clock.systemUTC()));
        ExecutorService senders = Executors.newFixedThreadPool(10);
        closing.add(senders::shutdownNow);

        long started = System.nanoTime();
        List<Future<HttpResponse<String>>> first = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            byte[] body = event(100 + i);
            first.add(senders.submit(() -> post(endpoint, body, Deliveries.sign(KEY, body))));
        }
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : first) {
            answers.add(answer.get(20, TimeUnit.SECONDS));
        }
        long firstMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        long laterStarted = System.nanoTime();
        byte[] later = event(200);
        HttpResponse<String> meanwhile = post(endpoint, later, Deliveries.sign(KEY, later));
        long laterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - laterStarted);
        System.out.printf("10 deliveries while the key fetch hangs: answered within %d ms; one more after: %d ms; "
                + "key fetches: %d%n", firstMillis, laterMillis, calls.get());

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(answer.body()).contains("signing key could not be fetched");
        });
        assertThat(firstMillis).as("no delivery waits beyond the key-fetch-timeout (500 ms)").isLessThan(3_000);
        assertThat(meanwhile.statusCode()).isEqualTo(503);
        assertThat(meanwhile.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(laterMillis).as("after the given-up fetch, no wait at all").isLessThan(1_000);
        assertThat(calls).hasValue(1);
        assertThat(registry.get(WebhookMetrics.DELIVERIES).tag("outcome", "unavailable").counter().count()).isEqualTo(11);
        assertThat(database.rows()).isZero();
    }

    @Test
    void anInboxWriteThatTimesOutAnswers503WithRetryAfterAndALaterDeliverySucceeds() throws Exception {
        URI endpoint = start(configuredKey());
        byte[] first = event(300);
        byte[] second = event(301);

        database.hang();
        long started = System.nanoTime();
        HttpResponse<String> timedOut = post(endpoint, first, Deliveries.sign(KEY, first));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        // the database still hangs for the writer that asked it first; new connections are answered again
        database.heal();
        HttpResponse<String> later = post(endpoint, second, Deliveries.sign(KEY, second));
        System.out.printf("inbox write that hangs: %d in %d ms; a later delivery: %d%n", timedOut.statusCode(), millis,
                later.statusCode());

        assertThat(timedOut.statusCode()).isEqualTo(503);
        assertThat(timedOut.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(timedOut.body()).contains("could not be stored");
        assertThat(millis).as("the inbox-write-timeout (500 ms), not minutes").isLessThan(3_000);
        assertThat(later.statusCode()).as("a new writer took over from the stuck one").isEqualTo(202);
        assertThat(database.rows()).isEqualTo(1);
    }

    @Test
    void aDeadInboxWriterAnswers503WithRetryAfterAndIsRestarted() throws Exception {
        URI endpoint = start(configuredKey());
        byte[] first = event(400);
        byte[] second = event(401);

        database.die();
        long started = System.nanoTime();
        HttpResponse<String> died = post(endpoint, first, Deliveries.sign(KEY, first));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        database.heal();
        HttpResponse<String> later = post(endpoint, second, Deliveries.sign(KEY, second));
        HttpResponse<String> again = post(endpoint, first, Deliveries.sign(KEY, first));
        System.out.printf("inbox writer killed by an Error: %d in %d ms; a later delivery: %d; the first sent again: %d%n",
                died.statusCode(), millis, later.statusCode(), again.statusCode());

        assertThat(died.statusCode()).isEqualTo(503);
        assertThat(died.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(millis).isLessThan(3_000);
        assertThat(later.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(database.rows()).isEqualTo(2);
    }

    @Test
    void aHundredForgedSignaturesFromOneSourceLogOneLineAndThenTheirCount() throws Exception {
        URI endpoint = start(configuredKey());
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(WebhookEndpoint.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        closing.add(() -> logger.detachAppender(lines));

        for (int i = 0; i < 100; i++) {
            byte[] body = event(500 + i);
            assertThat(post(endpoint, body, Deliveries.sign(Deliveries.newKey(), body)).statusCode()).isEqualTo(401);
        }
        List<String> duringTheMinute = messages(lines);
        clock.advance(Duration.ofMinutes(1));
        // the minute is over: the count comes on its own, without another refusal
        await().atMost(Duration.ofSeconds(10)).until(() -> messages(lines).size() == 2);
        List<String> afterIt = messages(lines);
        afterIt.forEach(System.out::println);

        assertThat(duringTheMinute).singleElement().asString()
                .startsWith("Webhook delivery refused (invalid-signature) from 127.0.0.1:");
        assertThat(afterIt.get(1)).isEqualTo("Webhook deliveries refused (invalid-signature) from 127.0.0.1: 99 more in "
                + "the last 60 s, not logged one by one");
        assertThat(registry.get(WebhookMetrics.DELIVERIES).tag("outcome", "invalid-signature").counter().count())
                .isEqualTo(100);
    }

    @Test
    void aDeliveryToTheBarePathWithSeveralWorkspacesIs404WithoutNamingThem() throws Exception {
        URI endpoint = start(configuredKey(), List.of("acme-uat", "acme-prod"));
        byte[] body = event(700);

        HttpResponse<String> bare = post(endpoint, body, Deliveries.sign(KEY, body));
        HttpResponse<String> unknown = post(URI.create(endpoint + "/acme"), body, Deliveries.sign(KEY, body));

        assertThat(bare.statusCode()).isEqualTo(404);
        assertThat(bare.body()).contains("POST to /webhooks/spotdraft/{workspace}").doesNotContain("acme-");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("No workspace of that name").doesNotContain("acme-");
        assertThat(database.rows()).isZero();
    }

    private static List<String> messages(ListAppender<ILoggingEvent> appender) {
        synchronized (appender.list) {
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
