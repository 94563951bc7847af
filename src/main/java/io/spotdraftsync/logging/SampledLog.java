package io.spotdraftsync.logging;

import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;

/**
 * WARN lines about refused requests, at most one per period (a minute) for each source (the caller's address) and
 * reason: whoever sends a thousand forged requests a second cannot flood the log, and what was left out is still
 * counted. The first refusal of a source and reason is logged at once; the ones after it within the period are only
 * counted; when the period ends with some counted, one line says how many ({@code 99 more ... not logged one by one})
 * and a new period starts; a period that ends with none forgets the source.
 *
 * <p>At most {@value #MAX_SOURCES} sources and reasons are followed at once; refusals of further ones are counted
 * together under {@value #OTHER_SOURCES}, so that many addresses cannot grow the memory without bound. Thread-safe.
 * Logback's and Log4j's rate filters are per message or global, not per source with a count: hence this class.
 */
public final class SampledLog {

    public static final Duration DEFAULT_PERIOD = Duration.ofMinutes(1);
    static final int MAX_SOURCES = 1_000;
    static final String OTHER_SOURCES = "other sources";

    /** Ends the periods of every instance; an instance no longer used is let go (weakly referenced). */
    private static final ScheduledExecutorService PERIOD_ENDS = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "sampled-log");
        thread.setDaemon(true);
        return thread;
    });
    private static final Duration TICK = Duration.ofSeconds(1);

    private record Key(String source, String reason) {
    }

    private static final class Period {
        Instant start;
        long suppressed;

        Period(Instant start) {
            this.start = start;
        }
    }

    private final Logger logger;
    private final String what;
    private final Duration period;
    private final Clock clock;
    private final Map<Key, Period> periods = new LinkedHashMap<>();

    /**
     * @param what the refusals in a few words, for the line that counts the ones not logged ("Webhook deliveries
     *             refused")
     */
    public SampledLog(Logger logger, String what) {
        this(logger, what, DEFAULT_PERIOD, Clock.systemUTC());
    }

    public SampledLog(Logger logger, String what, Duration period, Clock clock) {
        this.logger = logger;
        this.what = what;
        this.period = period;
        this.clock = clock;
        WeakReference<SampledLog> self = new WeakReference<>(this);
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        task.set(PERIOD_ENDS.scheduleWithFixedDelay(() -> {
            SampledLog log = self.get();
            if (log != null) {
                log.endPeriods();
            } else if (task.get() != null) {
                task.get().cancel(false);
            }
        }, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * Logs {@code format} with {@code arguments} at WARN unless a line of this source and reason was logged in the
     * current period; counts it otherwise.
     */
    public void warn(String source, String reason, String format, Object... arguments) {
        Instant now = clock.instant();
        List<String> ended;
        boolean first;
        synchronized (this) {
            ended = endPeriods(now);
            Key key = new Key(source, reason);
            if (!periods.containsKey(key) && periods.size() >= MAX_SOURCES) {
                key = new Key(OTHER_SOURCES, reason);
            }
            Period current = periods.get(key);
            first = current == null;
            if (first) {
                periods.put(key, new Period(now));
            } else {
                current.suppressed++;
            }
        }
        ended.forEach(logger::warn);
        if (first) {
            logger.warn(format, arguments);
        }
    }

    /** Ends the periods that are over: a line for each that counted refusals; called every second, and by tests. */
    public void endPeriods() {
        List<String> ended;
        synchronized (this) {
            ended = endPeriods(clock.instant());
        }
        ended.forEach(logger::warn);
    }

    private List<String> endPeriods(Instant now) {
        List<String> lines = new ArrayList<>();
        for (Iterator<Map.Entry<Key, Period>> entries = periods.entrySet().iterator(); entries.hasNext();) {
            Map.Entry<Key, Period> entry = entries.next();
            Period current = entry.getValue();
            if (now.isBefore(current.start.plus(period))) {
                continue;
            }
            if (current.suppressed == 0) {
                entries.remove();
                continue;
            }
            lines.add(what + " (" + entry.getKey().reason() + ") from " + entry.getKey().source() + ": "
                    + current.suppressed + " more in the last " + seconds(Duration.between(current.start, now))
                    + ", not logged one by one");
            current.start = now;
            current.suppressed = 0;
        }
        return lines;
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + " s";
    }
}
