package io.spotdraftsync.spotdraft;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

import javax.sql.DataSource;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * The budget of one workspace kept in PostgreSQL and shared by every process (pod) using the same database: a
 * Bucket4j bucket of capacity one, refilled every {@code (1 s + margin) / N}, stored as the workspace's row of
 * {@code sync_request_budget} and taken through Bucket4j's PostgreSQL integration.
 *
 * <p>Why capacity one: as in {@link LocalRequestBudget}, only evenly spaced grants hold "at most N in any one-second
 * window" while still giving nearly N per second. A take needs the one token, so two takes of any processes are at
 * least the spacing apart, and N + 1 of them span at least one second plus the margin.
 *
 * <p>Why a take only when the token is there, and no reservation: Bucket4j's blocking consume reserves a future
 * slot and sleeps until it, and a caller that wakes late next to one that wakes on time sends two requests closer
 * than the spacing. {@link LocalRequestBudget} guards against that with a log of its own grants, which another
 * process cannot see. Here a caller asks for the token ({@code tryConsumeAndReturnRemaining}), and when it is not
 * there sleeps for the time the refill needs and asks again: the grant is recorded at the moment it is given, in the
 * state every process shares. Inside a process one caller at a time asks (the others queue behind it, in order), so
 * PostgreSQL sees about one short transaction per process per grant, never a busy loop. The cost is the few
 * milliseconds between the token's return and the next ask, paid once per grant.
 *
 * <p>Why {@code SELECT ... FOR UPDATE} rather than advisory locks (Bucket4j offers both): the lock is on the
 * workspace's row, in this deployment's schema, keyed by the workspace name itself. Advisory locks are numbers in
 * one key space for the whole database, shared with other schemas (other deployments), Quartz's and our schema
 * creation and any other application, so a workspace name would have to be hashed into it.
 *
 * <p>Whose clock: Bucket4j computes refills on the caller's clock, and between pods on different nodes an offset of
 * {@code d} lets a grant follow another one {@code d} early. So every process uses PostgreSQL's clock, as seen from
 * here (this process's monotonic clock plus an offset measured against {@code clock_timestamp()} at start and every
 * minute). The margin then covers what remains: the time from the grant to SpotDraft's receipt of the request, which
 * varies by a few milliseconds between processes and requests.
 *
 * <p>The rate and margin are stored with the bucket; each process writes its own with its start time as the
 * configuration version, so the most recently started process's settings apply to all (a rolling update changes the
 * rate of every pod as soon as one new pod takes a token). Give every process the same settings.
 */
public final class PostgresRequestBudget implements RequestBudget {

    /** The table of the budgets, in the job-repository database's current schema. */
    public static final String TABLE = "sync_request_budget";

    private static final Logger log = LoggerFactory.getLogger(PostgresRequestBudget.class);
    private static final String SCRIPT = "db/jobs/request-budget.sql";
    /** Serializes the creation of the table by processes starting at once (an arbitrary number, the same in all). */
    private static final long SCHEMA_LOCK = 0x7370_6462_7564_6774L;
    /** Under this, a wait is not worth a sleep: ask again at once. */
    private static final long SHORTEST_SLEEP_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    /** A statement of a take never waits longer for its row lock or its answer. */
    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(10);

    private final String workspace;
    private final int requestsPerSecond;
    private final PostgresClock clock;
    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final BucketProxy bucket;
    /** One asker per process: the others wait here, in order, instead of asking PostgreSQL too. */
    private final ReentrantLock turn = new ReentrantLock(true);
    /** Told the time of each grant on the shared clock (tests check the spacing there, free of delivery jitter). */
    private final LongConsumer grants;

    /**
     * @param workspace         the bucket's key: every process with the same workspace shares one budget
     * @param requestsPerSecond N, the most requests in any one-second window, all processes together
     * @param windowMargin      added to the one-second window against the jitter between grant and receipt
     * @param dataSource        the job-repository database; must be PostgreSQL
     */
    public PostgresRequestBudget(String workspace, int requestsPerSecond, Duration windowMargin, DataSource dataSource) {
        this(workspace, requestsPerSecond, windowMargin, dataSource, System.currentTimeMillis(), grantTime -> { });
    }

    /**
     * @param configurationVersion the stored rate and margin are replaced by ours when their version is lower
     * @param grants               told the time of each grant, in nanoseconds on PostgreSQL's clock
     */
    PostgresRequestBudget(String workspace, int requestsPerSecond, Duration windowMargin, DataSource dataSource,
            long configurationVersion, LongConsumer grants) {
        if (workspace == null || workspace.isBlank()) {
            throw new IllegalArgumentException("the workspace of a request budget must not be blank");
        }
        if (requestsPerSecond < 1) {
            throw new IllegalArgumentException("requests per second must be at least 1, not " + requestsPerSecond);
        }
        if (windowMargin.isNegative()) {
            throw new IllegalArgumentException("the rate limit margin must not be negative");
        }
        this.workspace = workspace;
        this.requestsPerSecond = requestsPerSecond;
        this.grants = grants;
        createTableIfMissing(dataSource);
        this.clock = new PostgresClock(dataSource);
        Duration spacing = Duration.ofSeconds(1).plus(windowMargin).dividedBy(requestsPerSecond);
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(1).refillGreedy(1, spacing).initialTokens(1).build())
                .build();
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE).idColumn("workspace").stateColumn("state")
                .clientClock(clock)
                .requestTimeout(STATEMENT_TIMEOUT)
                .build();
        this.bucket = buckets.builder()
                .withImplicitConfigurationReplacement(configurationVersion, TokensInheritanceStrategy.AS_IS)
                .build(workspace, () -> configuration);
        log.info("Request budget of workspace {}: {} requests/s (one every {} ms), kept in PostgreSQL ({}) and shared "
                + "by every process; this process's clock is {} ms from PostgreSQL's", workspace, requestsPerSecond,
                spacing.toNanos() / 1e6, TABLE, String.format(Locale.ROOT, "%+.1f", clock.offsetFromLocalWallClockMillis()));
    }

    @Override
    public Duration acquire() throws InterruptedException {
        long started = System.nanoTime();
        turn.lockInterruptibly();
        try {
            clock.resynchronizeIfDue();
            while (true) {
                VerboseResult<ConsumptionProbe> taken = take();
                ConsumptionProbe probe = taken.getValue();
                if (probe.isConsumed()) {
                    grants.accept(taken.getOperationTimeNanos());
                    return Duration.ofNanos(System.nanoTime() - started);
                }
                long wait = probe.getNanosToWaitForRefill();
                if (wait >= SHORTEST_SLEEP_NANOS) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        } finally {
            turn.unlock();
        }
    }

    /** One transaction; the verbose result tells the time the take was decided at (read once the row is locked). */
    private VerboseResult<ConsumptionProbe> take() {
        try {
            return bucket.asVerbose().tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException failure) {
            throw new IllegalStateException("Could not take the request budget of workspace " + workspace + " from "
                    + TABLE + " in the job-repository database (spring.datasource.url; spotdraft.rate-limit.store="
                    + "postgres): " + rootMessage(failure), failure);
        }
    }

    @Override
    public int requestsPerSecond() {
        return requestsPerSecond;
    }

    /** The spacing of grants stored with the workspace's bucket, which every process follows. */
    Duration storedSpacing() {
        return buckets.getProxyConfiguration(workspace)
                .map(stored -> Duration.ofNanos(stored.getBandwidths()[0].getRefillPeriodNanos()))
                .orElseThrow(() -> new IllegalStateException("no bucket stored for workspace " + workspace));
    }

    /** Fails, naming the setting, unless the DataSource is a reachable PostgreSQL; creates the table when missing. */
    private static void createTableIfMissing(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            if (!product.toLowerCase(Locale.ROOT).contains("postgres")) {
                throw new IllegalStateException("spotdraft.rate-limit.store=postgres keeps the request budget in the "
                        + "job-repository database, which must then be PostgreSQL (spring.datasource.url=jdbc:postgresql:"
                        + "//host:5432/db), but it is " + product + ". Set spring.datasource.url, or "
                        + "spotdraft.rate-limit.store=local with a single process.");
            }
            if (tableExists(connection)) {
                return;
            }
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                try (Statement lock = connection.createStatement()) {
                    lock.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
                }
                ScriptUtils.executeSqlScript(connection, new ClassPathResource(SCRIPT));
                connection.commit();
            } catch (SQLException | RuntimeException failure) {
                connection.rollback();
                throw failure;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
            log.info("Created {} (the request budgets shared by every process)", TABLE);
        } catch (SQLException failure) {
            throw new IllegalStateException("spotdraft.rate-limit.store=postgres: could not reach the job-repository "
                    + "database (spring.datasource.url) that keeps the request budget: " + failure.getMessage(), failure);
        }
    }

    /** In the connection's own schema: another schema's table (another deployment's) does not count. */
    private static boolean tableExists(Connection connection) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(null, connection.getSchema(), TABLE, new String[] {"TABLE"})) {
            return tables.next();
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /**
     * PostgreSQL's clock as seen from this process: {@link System#nanoTime()} (monotonic, so an NTP step here changes
     * nothing between two measurements) plus an offset to {@code clock_timestamp()}, measured as the best of five
     * round trips (error at most half the shortest round trip) at start and again every minute.
     */
    private static final class PostgresClock implements TimeMeter {

        private static final long RESYNCHRONIZE_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
        private static final int SAMPLES = 5;

        private final DataSource dataSource;
        private volatile long offsetNanos;
        private volatile long measuredAt;

        PostgresClock(DataSource dataSource) {
            this.dataSource = dataSource;
            try {
                measure();
            } catch (SQLException failure) {
                throw new IllegalStateException("spotdraft.rate-limit.store=postgres: could not read the clock of the "
                        + "job-repository database (spring.datasource.url): " + failure.getMessage(), failure);
            }
        }

        @Override
        public long currentTimeNanos() {
            return System.nanoTime() + offsetNanos;
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }

        void resynchronizeIfDue() {
            if (System.nanoTime() - measuredAt < RESYNCHRONIZE_EVERY_NANOS) {
                return;
            }
            try {
                measure();
            } catch (SQLException failure) {
                // the offset measured last stays good for a long while; the take that follows reports an outage
                log.debug("Could not read PostgreSQL's clock, keeping the last offset: {}", failure.getMessage());
            }
        }

        double offsetFromLocalWallClockMillis() {
            long wallNanos = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
            return (currentTimeNanos() - wallNanos) / 1e6;
        }

        private void measure() throws SQLException {
            long bestRoundTrip = Long.MAX_VALUE;
            long bestOffset = 0;
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                for (int sample = 0; sample < SAMPLES; sample++) {
                    long sent = System.nanoTime();
                    long databaseMicros;
                    try (ResultSet now = statement.executeQuery(
                            "SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint")) {
                        now.next();
                        databaseMicros = now.getLong(1);
                    }
                    long received = System.nanoTime();
                    long roundTrip = received - sent;
                    if (roundTrip < bestRoundTrip) {
                        bestRoundTrip = roundTrip;
                        bestOffset = TimeUnit.MICROSECONDS.toNanos(databaseMicros) - (sent + roundTrip / 2);
                    }
                }
            }
            offsetNanos = bestOffset;
            measuredAt = System.nanoTime();
        }
    }
}
