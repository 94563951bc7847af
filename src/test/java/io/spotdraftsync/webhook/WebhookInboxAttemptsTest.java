package io.spotdraftsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.spotdraftsync.jobs.JobRepositorySchema;
import io.spotdraftsync.testsupport.MutableClock;
import io.spotdraftsync.testsupport.PostgresScratchSchema;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The claim, fail and purge side of the webhook inbox, on the embedded H2 and on PostgreSQL (the two job-repository
 * databases), with a clock the test moves: failed attempts wait, new events come first, the last attempt sets an
 * event aside, an operator retries or discards it, and finished events are purged after the retention, except what
 * de-duplication needs.
 */
class WebhookInboxAttemptsTest {

    private static final String WORKSPACE = "acme";
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final int MAX_ATTEMPTS = 5;

    private PostgresScratchSchema postgres;

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of(Named.of("H2", "h2")), Arguments.of(Named.of("PostgreSQL", "postgresql")));
    }

    private DataSource database(String kind) throws Exception {
        DataSource dataSource;
        if (kind.equals("h2")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:inbox-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
            dataSource = h2;
        } else {
            postgres = PostgresScratchSchema.create("inbox");
            dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), postgres.url(), PostgresScratchSchema.USER, "");
        }
        new JobRepositorySchema(dataSource).afterPropertiesSet();
        // a second start finds the columns there: the schema scripts are re-runnable
        new JobRepositorySchema(dataSource).afterPropertiesSet();
        return dataSource;
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static long store(WebhookInbox inbox, long contract, String activity, Instant at) {
        String body = "{\"activity\":\"" + activity + "\",\"contract_id\":" + contract + ",\"activity_data\":{\"timestamp\":\"" + at + "\"}}";
        assertThat(inbox.record(WORKSPACE, contract, activity, at, body.getBytes(StandardCharsets.UTF_8), at))
                .isEqualTo(WebhookInbox.Recorded.NEW);
        return inbox.pending(WORKSPACE, 1000).stream().mapToLong(InboxEvent::id).max().orElseThrow();
    }

    private static List<Long> ids(List<InboxEvent> events) {
        return events.stream().map(InboxEvent::id).toList();
    }

    private static Duration backoff(int attempts) {
        return Duration.ofSeconds(5).multipliedBy(1L << (attempts - 1));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aFailedEventWaitsLongerAfterEachAttemptAndIsSetAsideAfterTheLast(String kind) throws Exception {
        WebhookInbox inbox = new WebhookInbox(new JdbcTemplate(database(kind)));
        long failing = store(inbox, 7, "CONTRACT_EDITED", T0);
        Instant now = T0.plusSeconds(1);
        List<Instant> attemptsAt = new java.util.ArrayList<>();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            List<InboxEvent> due = inbox.due(WORKSPACE, 10, now);
            assertThat(ids(due)).as("due at attempt %d", attempt).containsExactly(failing);
            attemptsAt.add(now);
            WebhookInbox.FailedAttempt recorded = inbox.recordFailedAttempt(due, "GET .../T-7/key_pointers failed after 3 attempts: HTTP 500.",
                    now, MAX_ATTEMPTS, WebhookInboxAttemptsTest::backoff);
            InboxEvent after = inbox.find(failing).orElseThrow();
            assertThat(after.attempts()).isEqualTo(attempt);
            assertThat(after.lastError()).contains("HTTP 500");
            if (attempt < MAX_ATTEMPTS) {
                assertThat(recorded).isEqualTo(new WebhookInbox.FailedAttempt(1, 0));
                assertThat(after.status()).isEqualTo("pending");
                assertThat(after.nextAttemptAt()).isEqualTo(now.plus(backoff(attempt)));
                assertThat(inbox.due(WORKSPACE, 10, after.nextAttemptAt().minusMillis(1))).as("waiting").isEmpty();
                now = after.nextAttemptAt();
            } else {
                assertThat(recorded).isEqualTo(new WebhookInbox.FailedAttempt(0, 1));
                assertThat(after.status()).isEqualTo("failed");
                assertThat(after.nextAttemptAt()).isNull();
            }
        }
        assertThat(attemptsAt).containsExactly(T0.plusSeconds(1), T0.plusSeconds(6), T0.plusSeconds(16), T0.plusSeconds(36),
                T0.plusSeconds(76));
        assertThat(inbox.due(WORKSPACE, 10, now.plus(Duration.ofDays(1)))).as("a failed event is never due").isEmpty();
        WebhookInbox.Backlog backlog = inbox.backlog(WORKSPACE);
        assertThat(backlog.pending()).isZero();
        assertThat(backlog.failed()).isEqualTo(1);
        assertThat(ids(backlog.failedEvents())).containsExactly(failing);
        assertThat(ids(inbox.withStatus(WORKSPACE, "failed", 10))).containsExactly(failing);

        // retried by an operator: due at once, attempts counted from zero; it cannot be discarded while pending
        assertThat(inbox.retry(failing)).isTrue();
        assertThat(inbox.retry(failing)).as("only a failed event").isFalse();
        assertThat(inbox.discard(failing, now)).as("only a failed event").isFalse();
        assertThat(inbox.due(WORKSPACE, 10, now)).singleElement()
                .satisfies(event -> assertThat(event.attempts()).isZero());
        inbox.recordFailedAttempt(inbox.due(WORKSPACE, 10, now), "again", now, 1, WebhookInboxAttemptsTest::backoff);
        assertThat(inbox.discard(failing, now)).isTrue();
        InboxEvent discarded = inbox.find(failing).orElseThrow();
        assertThat(discarded.status()).isEqualTo("discarded");
        assertThat(discarded.processedAt()).isEqualTo(now);
        assertThat(inbox.backlog(WORKSPACE).failed()).isZero();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void newEventsComeBeforeEventsThatFailedBefore(String kind) throws Exception {
        WebhookInbox inbox = new WebhookInbox(new JdbcTemplate(database(kind)));
        long old = store(inbox, 1, "CONTRACT_EDITED", T0);
        inbox.recordFailedAttempt(inbox.due(WORKSPACE, 10, T0), "boom", T0, MAX_ATTEMPTS, WebhookInboxAttemptsTest::backoff);
        long newer = store(inbox, 2, "CONTRACT_EDITED", T0.plusSeconds(1));
        long newest = store(inbox, 3, "CONTRACT_EDITED", T0.plusSeconds(2));
        assertThat(ids(inbox.due(WORKSPACE, 10, T0.plusSeconds(2)))).as("the failed one waits").containsExactly(newer, newest);
        assertThat(ids(inbox.due(WORKSPACE, 10, T0.plusSeconds(10)))).containsExactly(newer, newest, old);
        assertThat(inbox.backlog(WORKSPACE)).satisfies(backlog -> {
            assertThat(backlog.pending()).isEqualTo(3);
            assertThat(backlog.retrying()).isEqualTo(1);
            assertThat(backlog.oldestReceivedAt()).isEqualTo(T0);
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void finishedEventsArePurgedAfterTheRetentionExceptTheNewestOfEachContract(String kind) throws Exception {
        WebhookInbox inbox = new WebhookInbox(new JdbcTemplate(database(kind)));
        MutableClock clock = new MutableClock(T0);
        Duration retention = Duration.ofDays(30);
        InboxRetention purge = new InboxRetention(inbox, WORKSPACE, retention, Duration.ofHours(1), clock);

        long olderOfOne = store(inbox, 1, "CONTRACT_CREATED", T0);
        long newestOfOne = store(inbox, 1, "CONTRACT_EDITED", T0.plusSeconds(10));
        long onlyOfTwo = store(inbox, 2, "CONTRACT_EDITED", T0);
        long pendingOfThree = store(inbox, 3, "CONTRACT_EDITED", T0);
        long failedOfFour = store(inbox, 4, "CONTRACT_EDITED", T0);
        long discardedOfFive = store(inbox, 5, "CONTRACT_EDITED", T0);
        long pendingOfFive = store(inbox, 5, "CONTRACT_SIGNED", T0.plusSeconds(20));
        String noContract = "{\"activity\":\"WORKSPACE_PING\"}";
        inbox.record(WORKSPACE, null, "WORKSPACE_PING", null, noContract.getBytes(StandardCharsets.UTF_8), T0);
        long withoutContract = inbox.pending(WORKSPACE, 1000).stream().filter(event -> event.contractId() == null)
                .findFirst().orElseThrow().id();
        inbox.markDone(List.of(olderOfOne, newestOfOne, onlyOfTwo, withoutContract), "export-acme-run-1", T0.plusSeconds(30));
        inbox.recordFailedAttempt(List.of(inbox.find(failedOfFour).orElseThrow(), inbox.find(discardedOfFive).orElseThrow()),
                "boom", T0.plusSeconds(30), 1, WebhookInboxAttemptsTest::backoff);
        inbox.discard(discardedOfFive, T0.plusSeconds(40));

        clock.advance(retention.minusSeconds(60));
        assertThat(purge.purgeIfDue()).as("nothing is older than the retention yet").isZero();

        clock.advance(Duration.ofSeconds(120));
        assertThat(purge.purgeIfDue()).as("purged at most once an hour").isZero();

        clock.advance(Duration.ofHours(1).minusSeconds(60));
        assertThat(purge.purgeIfDue()).isEqualTo(3);
        Map<Long, String> left = new java.util.TreeMap<>();
        inbox.withStatus(null, "done", 100).forEach(event -> left.put(event.id(), "done"));
        inbox.withStatus(null, "pending", 100).forEach(event -> left.put(event.id(), "pending"));
        inbox.withStatus(null, "failed", 100).forEach(event -> left.put(event.id(), "failed"));
        inbox.withStatus(null, "discarded", 100).forEach(event -> left.put(event.id(), "discarded"));
        assertThat(left).as("purged: the older event of contract 1, the discarded event of contract 5, the event without a contract")
                .containsOnlyKeys(newestOfOne, onlyOfTwo, pendingOfThree, failedOfFour, pendingOfFive);

        // SpotDraft sends a contract's latest event again (re_trigger_latest): still a duplicate after the purge
        String latest = "{\"activity\":\"CONTRACT_EDITED\",\"contract_id\":1,\"activity_data\":{\"timestamp\":\""
                + T0.plusSeconds(10) + "\"}}";
        assertThat(inbox.record(WORKSPACE, 1L, "CONTRACT_EDITED", T0.plusSeconds(10), latest.getBytes(StandardCharsets.UTF_8),
                clock.instant())).isEqualTo(WebhookInbox.Recorded.DUPLICATE);
    }
}
