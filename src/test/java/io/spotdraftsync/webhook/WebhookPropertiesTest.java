package io.spotdraftsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.spotdraftsync.cli.SyncCommandLine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/** {@code sync.webhook.*}: defaults, and a bad value stops the start with a message naming the property. */
class WebhookPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(WebhookProperties.class)
    static class Bound {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Bound.class);

    @Test
    void defaults() {
        runner.run(context -> {
            WebhookProperties properties = context.getBean(WebhookProperties.class);
            assertThat(properties.hmacKeyConfigured()).isFalse();
            assertThat(properties.previousHmacKeyConfigured()).isFalse();
            assertThat(properties.maxBody()).isEqualTo(DataSize.ofKilobytes(64));
            assertThat(properties.keyRefreshInterval()).isEqualTo(Duration.ofMinutes(5));
            assertThat(properties.debounce()).isEqualTo(Duration.ofSeconds(2));
            assertThat(properties.maxDelay()).isEqualTo(Duration.ofSeconds(10));
            assertThat(properties.maxContractsPerRun()).isEqualTo(200);
            assertThat(properties.retryDelay()).isEqualTo(Duration.ofSeconds(5));
            assertThat(properties.maxConcurrentReads()).isEqualTo(64);
            assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(properties.keyFetchTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(properties.inboxWriteTimeout()).isEqualTo(Duration.ofSeconds(5));
        });
    }

    @Test
    void anEmptyKeyMeansFetchTheKey() {
        runner.withPropertyValues("sync.webhook.hmac-key=", "sync.webhook.previous-hmac-key=")
                .run(context -> assertThat(context.getBean(WebhookProperties.class).hmacKeyConfigured()).isFalse());
    }

    @Test
    void keysNeverShowInToString() {
        String key = Deliveries.newKey();
        runner.withPropertyValues("sync.webhook.hmac-key=" + key, "sync.webhook.previous-hmac-key=" + key)
                .run(context -> assertThat(context.getBean(WebhookProperties.class).toString())
                        .doesNotContain(key).contains("hmacKey=****"));
    }

    @Test
    void eachBadValueNamesItsProperty() {
        String[][] cases = {
            {"sync.webhook.hmac-key=not base64 at all!", "sync.webhook.hmac-key must be the base64 key"},
            {"sync.webhook.previous-hmac-key=%%%", "sync.webhook.previous-hmac-key must be a base64 key"},
            {"sync.webhook.max-body=0", "sync.webhook.max-body must be more than 0 and at most 16MB"},
            {"sync.webhook.max-body=17MB", "sync.webhook.max-body must be more than 0 and at most 16MB"},
            {"sync.webhook.key-refresh-interval=0s", "sync.webhook.key-refresh-interval must be more than 0"},
            {"sync.webhook.debounce=0s", "sync.webhook.debounce must be more than 0"},
            {"sync.webhook.max-delay=1s", "sync.webhook.max-delay must be at least sync.webhook.debounce"},
            {"sync.webhook.max-contracts-per-run=0", "sync.webhook.max-contracts-per-run must be between 1 and 1000"},
            {"sync.webhook.max-contracts-per-run=1001", "sync.webhook.max-contracts-per-run must be between 1 and 1000"},
            {"sync.webhook.retry-delay=-1s", "sync.webhook.retry-delay must not be negative"},
            {"sync.webhook.max-concurrent-reads=0", "sync.webhook.max-concurrent-reads must be between 1 and 10000"},
            {"sync.webhook.read-timeout=0s", "sync.webhook.read-timeout must be more than 0"},
            {"sync.webhook.key-fetch-timeout=0s", "sync.webhook.key-fetch-timeout must be more than 0"},
            {"sync.webhook.inbox-write-timeout=0s", "sync.webhook.inbox-write-timeout must be more than 0"},
        };
        for (String[] badValue : cases) {
            runner.withPropertyValues(badValue[0]).run(context -> assertThat(context).hasFailed()
                    .getFailure().rootCause().hasMessageContaining(badValue[1]));
        }
        runner.withPropertyValues("sync.webhook.max-body=16MB", "sync.webhook.max-delay=2s")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void failedEventsBackOffFiveTimesByDefaultWithADelayThatDoubles() {
        runner.run(context -> {
            WebhookProperties properties = context.getBean(WebhookProperties.class);
            assertThat(properties.maxAttempts()).isEqualTo(5);
            assertThat(properties.maxRetryDelay()).isEqualTo(Duration.ofMinutes(10));
            assertThat(properties.retention()).isEqualTo(Duration.ofDays(30));
            assertThat(java.util.stream.IntStream.rangeClosed(1, 4).mapToObj(properties::delayAfterAttempt))
                    .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40));
        });
        runner.withPropertyValues("sync.webhook.retry-delay=1m", "sync.webhook.max-retry-delay=3m").run(context ->
                assertThat(java.util.stream.IntStream.rangeClosed(1, 4).mapToObj(context.getBean(WebhookProperties.class)::delayAfterAttempt))
                        .as("capped at max-retry-delay").containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2),
                                Duration.ofMinutes(3), Duration.ofMinutes(3)));
    }

    @Test
    void aWebhookRunTriesEachApiCallThreeTimesByDefault() {
        runner.run(context -> assertThat(context.getBean(WebhookProperties.class).perCallAttempts()).isEqualTo(3));
        runner.withPropertyValues("sync.webhook.per-call-attempts=2")
                .run(context -> assertThat(context.getBean(WebhookProperties.class).perCallAttempts()).isEqualTo(2));
        runner.withPropertyValues("sync.webhook.per-call-attempts=1").run(context -> assertThat(context).hasNotFailed());
        runner.withPropertyValues("sync.webhook.per-call-attempts=10").run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void eachBadAttemptOrRetentionValueNamesItsProperty() {
        String[][] cases = {
            {"sync.webhook.max-attempts=0", "sync.webhook.max-attempts must be between 1 and 100"},
            {"sync.webhook.max-attempts=101", "sync.webhook.max-attempts must be between 1 and 100"},
            {"sync.webhook.per-call-attempts=0", "sync.webhook.per-call-attempts must be between 1 and 10"},
            {"sync.webhook.per-call-attempts=11", "sync.webhook.per-call-attempts must be between 1 and 10"},
            {"sync.webhook.max-retry-delay=1s", "sync.webhook.max-retry-delay must be at least sync.webhook.retry-delay"},
            {"sync.webhook.retention=10m", "sync.webhook.retention must be at least 1h"},
        };
        for (String[] badValue : cases) {
            runner.withPropertyValues(badValue[0]).run(context -> assertThat(context).hasFailed()
                    .getFailure().rootCause().hasMessageContaining(badValue[1]));
        }
    }

    @Test
    @Timeout(120)
    void serveRefusesABadKeyNamingThePropertyWithoutEchoingTheKey(@TempDir Path work) {
        String badKey = "s3cr3t-but-not-base64!";
        PrintStream originalErr = System.err;
        PrintStream originalOut = System.out;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit;
        try {
            System.setErr(new PrintStream(err, true));
            System.setOut(new PrintStream(out, true));
            exit = SyncCommandLine.execute("serve", "--port=0", "--sync.webhook.hmac-key=" + badKey,
                    "--spotdraft.base-url=http://127.0.0.1:9", "--spotdraft.client-id=id", "--spotdraft.client-secret=secret",
                    "--spring.datasource.url=jdbc:h2:file:" + work.resolve("jobs"),
                    "--sync.warehouse.url=jdbc:duckdb:" + work.resolve("warehouse.duckdb"),
                    "--sync.documents.location=file:" + work.resolve("documents"));
        } finally {
            System.setErr(originalErr);
            System.setOut(originalOut);
        }

        assertThat(exit).isEqualTo(1);
        String errorLine = err.toString().lines().filter(line -> line.startsWith("error: ")).findFirst().orElse("");
        assertThat(errorLine).contains("sync.webhook.hmac-key must be the base64 key");
        assertThat(err.toString() + out.toString()).doesNotContain(badKey);
    }
}
