package io.spotdraftsync.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.spotdraftsync.testsupport.MutableClock;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** One line per minute per source and reason, and a count of the ones left out. */
class SampledLogTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final Logger logger = (Logger) LoggerFactory.getLogger("sampled-log-test-" + System.nanoTime());
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final SampledLog log = new SampledLog(logger, "Requests refused", Duration.ofMinutes(1), clock);

    @BeforeEach
    void capture() {
        lines.start();
        logger.addAppender(lines);
        logger.setAdditive(false);
    }

    private List<String> messages() {
        synchronized (lines.list) {
            return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    @Test
    void theFirstIsLoggedAtOnceTheRestOfTheMinuteCountedInOneLineAtItsEnd() {
        for (int i = 0; i < 100; i++) {
            log.warn("10.0.0.1", "forged", "refused {} from {}", i, "10.0.0.1");
        }
        assertThat(messages()).containsExactly("refused 0 from 10.0.0.1");

        clock.advance(Duration.ofSeconds(59));
        log.endPeriods();
        assertThat(messages()).hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        log.endPeriods();
        assertThat(messages()).containsExactly("refused 0 from 10.0.0.1",
                "Requests refused (forged) from 10.0.0.1: 99 more in the last 60 s, not logged one by one");
    }

    @Test
    void aFloodGivesOneLineAMinuteAndAQuietSourceIsForgotten() {
        log.warn("10.0.0.1", "forged", "first");
        for (int minute = 0; minute < 3; minute++) {
            log.warn("10.0.0.1", "forged", "more");
            log.warn("10.0.0.1", "forged", "more");
            clock.advance(Duration.ofMinutes(1));
            log.endPeriods();
        }
        assertThat(messages()).hasSize(4).allMatch(line -> line.equals("first") || line.contains("2 more"));

        // a minute with nothing: forgotten, so the next one is logged at once again
        clock.advance(Duration.ofMinutes(1));
        log.endPeriods();
        log.warn("10.0.0.1", "forged", "again");
        assertThat(messages()).hasSize(5).last().isEqualTo("again");
    }

    @Test
    void eachSourceAndReasonHasItsOwnLine() {
        log.warn("10.0.0.1", "forged", "a");
        log.warn("10.0.0.1", "too-large", "b");
        log.warn("10.0.0.2", "forged", "c");
        log.warn("10.0.0.2", "forged", "d");

        assertThat(messages()).containsExactly("a", "b", "c");
    }

    @Test
    void sourcesBeyondTheBoundAreCountedTogether() {
        for (int i = 0; i < SampledLog.MAX_SOURCES + 500; i++) {
            log.warn("10.0." + (i / 256) + "." + (i % 256), "forged", "from {}", i);
        }
        clock.advance(Duration.ofMinutes(1));
        log.endPeriods();

        List<String> logged = messages();
        assertThat(logged).hasSize(SampledLog.MAX_SOURCES + 2);
        assertThat(logged.get(SampledLog.MAX_SOURCES)).isEqualTo("from " + SampledLog.MAX_SOURCES);
        assertThat(logged).last().isEqualTo("Requests refused (forged) from other sources: 499 more in the last 60 s, "
                + "not logged one by one");
    }
}
