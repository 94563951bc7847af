package io.spotdraftsync.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spotdraftsync.warehouse.ChunkLoad;
import io.spotdraftsync.warehouse.Column;
import io.spotdraftsync.warehouse.ColumnType;
import io.spotdraftsync.warehouse.ContractRow;
import io.spotdraftsync.warehouse.MergeResult;
import io.spotdraftsync.warehouse.SqlDialect;
import io.spotdraftsync.warehouse.Tables;
import io.spotdraftsync.warehouse.Warehouse;
import io.spotdraftsync.warehouse.WarehouseFactory;
import io.spotdraftsync.warehouse.WarehouseProperties;

import org.slf4j.LoggerFactory;

/**
 * MERGE of many contract rows through the loader ({@link WarehouseFactory}, {@link Warehouse#loadChunk}) into
 * DuckDB and PostgreSQL, against a baseline of row-by-row JDBC inserts (one {@code executeUpdate} per row,
 * autocommit) into a table of the same shape. Not a test: {@code bench/warehouse-merge.sh [rows] [baseline-rows]}
 * runs it; {@code WarehouseMergeBenchTest} runs it tiny so that it keeps working.
 *
 * <p>For each database and each chunk size, in a scratch warehouse of its own (a DuckDB file in a temporary
 * directory; a PostgreSQL schema {@code bench_merge_<random>} in db {@code test}, dropped at the end):
 * <ol>
 * <li>first load: {@code rows} new contracts, chunk after chunk, as the export writes them;</li>
 * <li>update pass: the same {@code rows} contracts extracted again (newer {@code _extracted_at}), every
 * {@code changed-every}-th of them changed (status and name), the others as stored.</li>
 * </ol>
 * Rows are generated per chunk, never held all at once. A phase that runs longer than {@code --phase-limit} stops
 * there and is reported as partial (its rows/s over the rows it did); a partial first load is completed with the
 * largest chunk size, untimed, so that the update pass still meets a full table.
 *
 * <p>Options after the two positional arguments: {@code --chunks=100,10000} {@code --changed-every=10}
 * {@code --phase-limit=900s} {@code --databases=duckdb,postgresql} {@code --postgres-url=...}
 * {@code --postgres-user=postgres} {@code --ceiling=true}.
 */
public final class WarehouseMergeBench {

    static final String WORKSPACE = "bench";
    static final String BASELINE_TABLE = "baseline_contracts";
    static final String CEILING_TABLE = "ceiling_contracts";
    static final Instant FIRST_EXTRACT = Instant.parse("2026-01-10T08:00:00.123456Z");
    static final Instant SECOND_EXTRACT = FIRST_EXTRACT.plus(1, ChronoUnit.DAYS);
    private static final String[] STATUSES = {"DRAFT", "REDLINING", "SIGN", "EXECUTED", "ON_HOLD", "VOIDED"};
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);

    public record Options(long rows, int baselineRows, List<Integer> chunkSizes, int changedEvery, Duration phaseLimit,
            List<String> databases, String postgresUrl, String postgresUser, boolean ceiling) {

        public static Options parse(String... args) {
            long rows = 1_000_000;
            int baselineRows = 20_000;
            List<Integer> chunks = List.of(100, 10_000);
            int changedEvery = 10;
            Duration limit = Duration.ofSeconds(900);
            List<String> databases = List.of("duckdb", "postgresql");
            String url = "jdbc:postgresql://127.0.0.1:5432/test";
            String user = "postgres";
            boolean ceiling = true;
            int positional = 0;
            for (String arg : args) {
                if (!arg.startsWith("--")) {
                    long value = Long.parseLong(arg.replace("_", "").replace(",", ""));
                    switch (positional++) {
                        case 0 -> rows = value;
                        case 1 -> baselineRows = Math.toIntExact(value);
                        default -> throw new IllegalArgumentException("at most two numbers: rows and baseline rows, not " + arg);
                    }
                    continue;
                }
                int equals = arg.indexOf('=');
                if (equals < 0) {
                    throw new IllegalArgumentException("options are --name=value: " + arg);
                }
                String name = arg.substring(2, equals);
                String value = arg.substring(equals + 1);
                switch (name) {
                    case "chunks" -> chunks = Arrays.stream(value.split(",")).map(String::trim).map(Integer::parseInt).toList();
                    case "changed-every" -> changedEvery = Integer.parseInt(value);
                    case "phase-limit" -> limit = Duration.parse("PT" + value.toUpperCase(Locale.ROOT));
                    case "databases" -> databases = Arrays.stream(value.split(",")).map(String::trim).toList();
                    case "postgres-url" -> url = value;
                    case "postgres-user" -> user = value;
                    case "ceiling" -> ceiling = Boolean.parseBoolean(value);
                    default -> throw new IllegalArgumentException("unknown option --" + name);
                }
            }
            return new Options(rows, baselineRows, chunks, changedEvery, limit, databases, url, user, ceiling);
        }

        public Options {
            if (rows < 1 || baselineRows < 1 || changedEvery < 1 || chunkSizes.isEmpty()
                    || chunkSizes.stream().anyMatch(size -> size < 1)) {
                throw new IllegalArgumentException("rows, baseline rows, chunk sizes and changed-every must be positive");
            }
            for (String database : databases) {
                if (!database.equals("duckdb") && !database.equals("postgresql")) {
                    throw new IllegalArgumentException("databases are duckdb and postgresql, not " + database);
                }
            }
            chunkSizes = List.copyOf(chunkSizes);
            databases = List.copyOf(databases);
        }

        long changedRows() {
            return rows / changedEvery;
        }

        int largestChunk() {
            return chunkSizes.stream().max(Comparator.naturalOrder()).orElseThrow();
        }
    }

    /** One timed phase. {@code rowsDone < rowsPlanned} when the phase limit stopped it. */
    public record Phase(String database, String name, int chunkSize, long rowsPlanned, long rowsDone, long nanos,
            MergeResult merged) {

        public double seconds() {
            return nanos / 1e9;
        }

        public double rowsPerSecond() {
            return rowsDone / seconds();
        }

        public boolean complete() {
            return rowsDone == rowsPlanned;
        }
    }

    /** What a round (one chunk size) left in the contracts table: read back with plain SQL after the run. */
    public record TableCheck(String database, int chunkSize, long contractRows, long amendedRows, long syncedBySecondPass) {
    }

    public record Report(Options options, List<Phase> phases, List<TableCheck> checks, List<String> notes,
            long baselineRowsStored, Duration elapsed) {

        public List<Phase> phases(String database) {
            return phases.stream().filter(phase -> phase.database().equals(database)).toList();
        }

        public Phase baseline(String database) {
            return phases(database).stream().filter(phase -> phase.name().equals(BASELINE)).findFirst().orElseThrow();
        }
    }

    static final String BASELINE = "baseline row-by-row INSERT";
    static final String CEILING = "ceiling INSERT..SELECT";
    static final String FIRST_LOAD = "first load (MERGE)";
    static final String UPDATE_PASS = "update pass (MERGE)";

    private final Options options;
    private final PrintStream progress;
    private final List<Phase> phases = new ArrayList<>();
    private final List<TableCheck> checks = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private long baselineRowsStored;

    WarehouseMergeBench(Options options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    public static void main(String[] args) throws Exception {
        quietLogging();
        Options options = Options.parse(args);
        Report report = run(options, System.err);
        print(report, System.out);
        if (!failures(report).isEmpty()) {
            System.exit(1);
        }
    }

    public static Report run(Options options, PrintStream progress) throws Exception {
        return new WarehouseMergeBench(options, progress).run();
    }

    private Report run() throws Exception {
        long start = System.nanoTime();
        for (String database : options.databases()) {
            try (Scratch scratch = database.equals("duckdb") ? new DuckDbScratch() : new PostgresScratch(options)) {
                progress.println("[" + database + "] scratch: " + scratch.describe());
                baseline(scratch);
                if (options.ceiling()) {
                    ceiling(scratch);
                }
                for (int chunkSize : options.chunkSizes()) {
                    round(scratch, chunkSize);
                }
            }
        }
        return new Report(options, List.copyOf(phases), List.copyOf(checks), List.copyOf(notes), baselineRowsStored,
                Duration.ofNanos(System.nanoTime() - start));
    }

    // ---------------------------------------------------------------- the loader

    private void round(Scratch scratch, int chunkSize) throws SQLException {
        String database = scratch.dialect().name();
        scratch.resetWarehouse();
        try (Warehouse warehouse = WarehouseFactory.create(scratch.warehouseProperties(), new SimpleMeterRegistry())) {
            warehouse.migrate();
            Phase first = mergePhase(warehouse, database, FIRST_LOAD, chunkSize, FIRST_EXTRACT, "bench-run-1", false);
            if (!first.complete()) {
                int topUp = options.largestChunk();
                progress.printf("[%s] first load at chunk %d stopped after %s rows; topping up with chunk %d (untimed)%n",
                        database, chunkSize, count(first.rowsDone()), topUp);
                load(warehouse, database, "top-up", topUp, first.rowsDone() + 1, FIRST_EXTRACT, "bench-run-1", false, null);
                notes.add(String.format("%s, chunk %d: first load stopped by the phase limit (%s) after %s of %s rows; the "
                        + "rest was loaded untimed at chunk %d before the update pass", database, chunkSize,
                        options.phaseLimit(), count(first.rowsDone()), count(first.rowsPlanned()), topUp));
            }
            Phase update = mergePhase(warehouse, database, UPDATE_PASS, chunkSize, SECOND_EXTRACT, "bench-run-2", true);
            if (!update.complete()) {
                notes.add(String.format("%s, chunk %d: update pass stopped by the phase limit (%s) after %s of %s rows",
                        database, chunkSize, options.phaseLimit(), count(update.rowsDone()), count(update.rowsPlanned())));
            }
        }
        try (Connection connection = scratch.connect(); Statement statement = connection.createStatement()) {
            long rows = single(statement, "SELECT COUNT(*) FROM contracts WHERE workspace = '" + WORKSPACE + "'");
            long amended = single(statement, "SELECT COUNT(*) FROM contracts WHERE contract_name LIKE '% (amended)'");
            long second = single(statement, "SELECT COUNT(*) FROM contracts WHERE _run_id = 'bench-run-2'");
            checks.add(new TableCheck(database, chunkSize, rows, amended, second));
        }
    }

    private Phase mergePhase(Warehouse warehouse, String database, String name, int chunkSize, Instant extractedAt,
            String runId, boolean amend) {
        long start = System.nanoTime();
        long deadline = start + options.phaseLimit().toNanos();
        MergeResult[] merged = {MergeResult.NONE};
        long done = load(warehouse, database, name, chunkSize, 1, extractedAt, runId, amend, deadline, merged);
        Phase phase = new Phase(database, name, chunkSize, options.rows(), done, System.nanoTime() - start, merged[0]);
        phases.add(phase);
        progress.printf("[%s] %s, chunk %d: %s rows in %.1f s, %,.0f rows/s (%d inserted, %d updated, %d unchanged)%n",
                database, name, chunkSize, count(done), phase.seconds(), phase.rowsPerSecond(), phase.merged().inserted(),
                phase.merged().updated(), phase.merged().unchanged());
        return phase;
    }

    private long load(Warehouse warehouse, String database, String name, int chunkSize, long from, Instant extractedAt,
            String runId, boolean amend, Long deadline) {
        return load(warehouse, database, name, chunkSize, from, extractedAt, runId, amend, deadline, new MergeResult[] {MergeResult.NONE});
    }

    /** Loads contracts {@code from..rows} chunk by chunk; returns the number of the last one loaded. */
    private long load(Warehouse warehouse, String database, String name, int chunkSize, long from, Instant extractedAt,
            String runId, boolean amend, Long deadline, MergeResult[] merged) {
        long start = System.nanoTime();
        long nextReport = start + PROGRESS_EVERY.toNanos();
        long next = from;
        while (next <= options.rows()) {
            int size = (int) Math.min(chunkSize, options.rows() - next + 1);
            List<ContractRow> chunk = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                long number = next + i;
                chunk.add(contract(number, extractedAt, runId, amend && isAmended(number)));
            }
            merged[0] = merged[0].plus(warehouse.loadChunk(ChunkLoad.contractsOnly(chunk)).contracts());
            next += size;
            long now = System.nanoTime();
            if (now >= nextReport) {
                progress.printf("[%s] %s, chunk %d: %s rows, %,.0f rows/s so far%n", database, name, chunkSize,
                        count(next - from), (next - from) / ((now - start) / 1e9));
                nextReport = now + PROGRESS_EVERY.toNanos();
            }
            if (deadline != null && now >= deadline) {
                break;
            }
        }
        return next - 1;
    }

    boolean isAmended(long number) {
        return number % options.changedEvery() == 0;
    }

    /** Contract number {@code n} (id {@code T-n}), shaped like an export's row; amended: new status and name. */
    static ContractRow contract(long n, Instant extractedAt, String runId, boolean amended) {
        String status = STATUSES[(int) ((n + (amended ? 1 : 0)) % STATUSES.length)];
        Instant created = FIRST_EXTRACT.minusSeconds(600 + n * 37);
        String sha = sha(n);
        return ContractRow.builder(WORKSPACE, "T-" + n, extractedAt)
                .contractNumericId(n)
                .contractName("Master services agreement " + n + (amended ? " (amended)" : ""))
                .contractStatus(status)
                .contractKind("TEMPLATE")
                .contractTypeId(n % 20 + 1)
                .contractTypeName("Contract type " + (n % 20 + 1))
                .counterPartyName("Counterparty " + n % 5000 + " Ltd")
                .referenceId("REF-" + n)
                .contractLink("https://app.spotdraft.com/contracts/v2/" + n)
                .createdByUserName("User " + n % 50)
                .createdByUserEmail("user" + n % 50 + "@example.com")
                .createdAt(created)
                .executedAt(status.equals("EXECUTED") ? created.plus(3, ChronoUnit.DAYS) : null)
                .externalMetadata("{\"crm_id\": \"CRM-" + n + "\", \"region\": \"" + (n % 2 == 0 ? "EU" : "US") + "\"}")
                .documentKey(WORKSPACE + "/T-" + n + "/1-" + sha + ".pdf")
                .documentSha256(sha)
                .documentBytes(50_000 + n % 100_000)
                .documentVersionId("1")
                .runId(runId)
                .build();
    }

    /** 64 hex digits that differ per contract (not a real digest: the loader does not care). */
    private static String sha(long n) {
        StringBuilder hex = new StringBuilder(64);
        long x = n;
        for (int i = 0; i < 4; i++) {
            x = x * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
            long z = (x ^ (x >>> 29)) * 0xBF58476D1CE4E5B9L;
            String part = Long.toHexString(z ^ (z >>> 32));
            hex.append("0".repeat(16 - part.length())).append(part);
        }
        return hex.toString();
    }

    // ---------------------------------------------------------------- the baseline and the ceiling

    /** The naive way: one INSERT per row, autocommit, into a table like {@code contracts}. */
    private void baseline(Scratch scratch) throws SQLException {
        SqlDialect dialect = scratch.dialect();
        List<Column<ContractRow>> columns = Tables.CONTRACTS.columns();
        String insert = "INSERT INTO " + BASELINE_TABLE + " (" + columns.stream().map(Column::name).collect(Collectors.joining(", "))
                + ") VALUES (" + columns.stream().map(column -> column.type() == ColumnType.JSON ? dialect.jsonFromText("?") : "?")
                        .collect(Collectors.joining(", ")) + ")";
        try (Connection connection = scratch.connectBaseline()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(likeContracts(dialect, BASELINE_TABLE));
            }
            connection.setAutoCommit(true);
            long start = System.nanoTime();
            try (PreparedStatement statement = connection.prepareStatement(insert)) {
                for (long n = 1; n <= options.baselineRows(); n++) {
                    ContractRow row = contract(n, FIRST_EXTRACT, "bench-baseline", false);
                    Instant syncedAt = Instant.now();
                    for (int i = 0; i < columns.size(); i++) {
                        bind(statement, i + 1, columns.get(i).type(), columns.get(i).value().of(row, syncedAt));
                    }
                    statement.executeUpdate();
                }
            }
            long nanos = System.nanoTime() - start;
            Phase phase = new Phase(dialect.name(), BASELINE, 1, options.baselineRows(), options.baselineRows(), nanos,
                    new MergeResult(options.baselineRows(), 0, 0, 0));
            phases.add(phase);
            try (Statement statement = connection.createStatement()) {
                baselineRowsStored += single(statement, "SELECT COUNT(*) FROM " + BASELINE_TABLE);
                statement.execute("DROP TABLE " + BASELINE_TABLE);
            }
            progress.printf("[%s] %s: %s rows in %.1f s, %,.0f rows/s%n", dialect.name(), BASELINE,
                    count(options.baselineRows()), phase.seconds(), phase.rowsPerSecond());
        }
    }

    /**
     * What the database itself can write: {@code rows} contracts generated inside it ({@code INSERT ... SELECT}
     * from a series) into an empty table like {@code contracts}; no client, no staging, no MERGE.
     */
    private void ceiling(Scratch scratch) throws SQLException {
        SqlDialect dialect = scratch.dialect();
        String i = "CAST(g.i AS " + dialect.columnType(ColumnType.TEXT) + ")";
        String status = "CASE g.i % 6 " + java.util.stream.IntStream.range(0, STATUSES.length)
                .mapToObj(k -> "WHEN " + k + " THEN '" + STATUSES[k] + "'").collect(Collectors.joining(" ")) + " END";
        String created = "(TIMESTAMPTZ '2026-01-10 07:50:00+00' - g.i * INTERVAL '37 seconds')";
        String sha = "md5(" + i + ") || md5('x' || " + i + ")";
        String insert = "INSERT INTO " + CEILING_TABLE + " ("
                + Tables.CONTRACTS.columns().stream().map(Column::name).collect(Collectors.joining(", ")) + ") SELECT "
                + String.join(", ",
                        "'T-' || " + i, "g.i", "'" + WORKSPACE + "'", "'Master services agreement ' || " + i, status,
                        "'TEMPLATE'", "g.i % 20 + 1", "'Contract type ' || CAST(g.i % 20 + 1 AS " + dialect.columnType(ColumnType.TEXT) + ")",
                        "'Counterparty ' || CAST(g.i % 5000 AS " + dialect.columnType(ColumnType.TEXT) + ") || ' Ltd'",
                        "'REF-' || " + i, "'https://app.spotdraft.com/contracts/v2/' || " + i,
                        "'User ' || CAST(g.i % 50 AS " + dialect.columnType(ColumnType.TEXT) + ")",
                        "'user' || CAST(g.i % 50 AS " + dialect.columnType(ColumnType.TEXT) + ") || '@example.com'",
                        created, "CASE WHEN g.i % 6 = 3 THEN " + created + " + INTERVAL '3 days' END",
                        dialect.jsonFromText("'{\"crm_id\": \"CRM-' || " + i + " || '\", \"region\": \"EU\"}'"),
                        "'" + WORKSPACE + "/T-' || " + i + " || '/1-' || " + sha + " || '.pdf'", sha, "50000 + g.i % 100000", "'1'",
                        "TIMESTAMPTZ '2026-01-10 08:00:00.123456+00'", "CURRENT_TIMESTAMP", "'bench-ceiling'")
                + " FROM generate_series(1, " + options.rows() + ") AS g(i)";
        try (Connection connection = scratch.connectBaseline(); Statement statement = connection.createStatement()) {
            statement.execute(likeContracts(dialect, CEILING_TABLE));
            connection.setAutoCommit(true);
            long start = System.nanoTime();
            statement.executeUpdate(insert);
            long nanos = System.nanoTime() - start;
            long stored = single(statement, "SELECT COUNT(*) FROM " + CEILING_TABLE);
            statement.execute("DROP TABLE " + CEILING_TABLE);
            Phase phase = new Phase(dialect.name(), CEILING, (int) Math.min(Integer.MAX_VALUE, options.rows()), options.rows(),
                    stored, nanos, new MergeResult((int) stored, 0, 0, 0));
            phases.add(phase);
            progress.printf("[%s] %s: %s rows in %.1f s, %,.0f rows/s%n", dialect.name(), CEILING, count(stored),
                    phase.seconds(), phase.rowsPerSecond());
        }
    }

    /** A table of the shape of {@code contracts}: its columns and types, NOT NULLs, default and primary key. */
    private static String likeContracts(SqlDialect dialect, String table) {
        String columns = Tables.CONTRACTS.columns().stream()
                .map(column -> column.name() + " " + dialect.columnType(column.type())
                        + (Stream.of("contract_id", "workspace", "_extracted_at", "_synced_at").anyMatch(column.name()::equals)
                                ? " NOT NULL" : ""))
                .collect(Collectors.joining(", "));
        return "CREATE TABLE " + table + " (" + columns + ", _deleted " + dialect.columnType(ColumnType.BOOLEAN)
                + " NOT NULL DEFAULT FALSE, _deleted_at " + dialect.columnType(ColumnType.TIMESTAMP)
                + ", PRIMARY KEY (workspace, contract_id))";
    }

    private static void bind(PreparedStatement statement, int index, ColumnType type, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, switch (type) {
                case BIGINT -> Types.BIGINT;
                case TIMESTAMP -> Types.TIMESTAMP_WITH_TIMEZONE;
                default -> Types.VARCHAR;
            });
            return;
        }
        switch (type) {
            case BIGINT -> statement.setLong(index, ((Number) value).longValue());
            case TIMESTAMP -> statement.setObject(index, ((Instant) value).atOffset(ZoneOffset.UTC));
            default -> statement.setString(index, value.toString());
        }
    }

    private static long single(Statement statement, String query) throws SQLException {
        try (ResultSet results = statement.executeQuery(query)) {
            results.next();
            return results.getLong(1);
        }
    }

    // ---------------------------------------------------------------- the report

    /** What the run left behind that is not as it must be; empty when every count is right. */
    public static List<String> failures(Report report) {
        Options options = report.options();
        List<String> failures = new ArrayList<>();
        for (TableCheck check : report.checks()) {
            String where = check.database() + ", chunk " + check.chunkSize() + ": ";
            Phase update = report.phases(check.database()).stream()
                    .filter(phase -> phase.name().equals(UPDATE_PASS) && phase.chunkSize() == check.chunkSize())
                    .findFirst().orElseThrow();
            long amendedExpected = update.rowsDone() / options.changedEvery();
            if (check.contractRows() != options.rows()) {
                failures.add(where + check.contractRows() + " contracts stored, " + options.rows() + " expected");
            }
            if (check.amendedRows() != amendedExpected || check.syncedBySecondPass() != amendedExpected) {
                failures.add(where + check.amendedRows() + " amended rows and " + check.syncedBySecondPass()
                        + " rows written by the update pass, " + amendedExpected + " expected");
            }
            if (update.merged().updated() != amendedExpected || update.merged().unchanged() != update.rowsDone() - amendedExpected) {
                failures.add(where + "the loader reported " + update.merged() + " for the update pass");
            }
        }
        for (Phase phase : report.phases()) {
            if (phase.name().equals(FIRST_LOAD) && phase.merged().inserted() != phase.rowsDone()) {
                failures.add(phase.database() + ", chunk " + phase.chunkSize() + ": first load inserted "
                        + phase.merged().inserted() + " of " + phase.rowsDone());
            }
        }
        long baselineExpected = (long) options.baselineRows() * options.databases().size();
        if (report.baselineRowsStored() != baselineExpected) {
            failures.add("baseline: " + report.baselineRowsStored() + " rows stored, " + baselineExpected + " expected");
        }
        return failures;
    }

    public static void print(Report report, PrintStream out) {
        Options options = report.options();
        out.printf("Warehouse MERGE through the loader: %s contract rows per phase, chunk sizes %s, update pass with every %d%s "
                + "row changed; baseline %s row-by-row INSERTs (autocommit)%n", count(options.rows()),
                options.chunkSizes().stream().map(String::valueOf).collect(Collectors.joining(", ")), options.changedEvery(),
                ordinalSuffix(options.changedEvery()), count(options.baselineRows()));
        out.printf("%-10s | %-26s | %6s | %9s | %8s | %9s | %9s | %9s | %9s | %s%n", "database", "phase", "chunk", "rows",
                "seconds", "rows/s", "inserted", "updated", "unchanged", "x baseline");
        for (String database : options.databases()) {
            double baseline = report.baseline(database).rowsPerSecond();
            for (Phase phase : report.phases(database)) {
                boolean measuredOnce = phase.name().equals(BASELINE) || phase.name().equals(CEILING);
                out.printf("%-10s | %-26s | %6s | %9s | %8.1f | %9s | %9s | %9s | %9s | %s%n", database, phase.name(),
                        measuredOnce ? "-" : String.valueOf(phase.chunkSize()),
                        count(phase.rowsDone()) + (phase.complete() ? "" : "*"), phase.seconds(),
                        count(Math.round(phase.rowsPerSecond())),
                        count(phase.merged().inserted()), count(phase.merged().updated()), count(phase.merged().unchanged()),
                        String.format("%.1f", phase.rowsPerSecond() / baseline));
            }
        }
        for (TableCheck check : report.checks()) {
            out.printf("check %s chunk %d: %s contracts stored, %s amended, %s written by the update pass%n", check.database(),
                    check.chunkSize(), count(check.contractRows()), count(check.amendedRows()), count(check.syncedBySecondPass()));
        }
        out.printf("check baseline: %s rows stored%n", count(report.baselineRowsStored()));
        for (String note : report.notes()) {
            out.println("* " + note);
        }
        List<String> failures = failures(report);
        for (String failure : failures) {
            out.println("FAILED " + failure);
        }
        out.printf("%s in %.1f s%n", failures.isEmpty() ? "all counts right" : failures.size() + " counts wrong",
                report.elapsed().toMillis() / 1000.0);
    }

    private static String ordinalSuffix(int n) {
        return n % 100 >= 11 && n % 100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** The loader logs every statement at DEBUG: not what a benchmark wants on its console. */
    private static void quietLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    // ---------------------------------------------------------------- scratch databases

    private interface Scratch extends AutoCloseable {
        SqlDialect dialect();

        String describe();

        /** Forgets the previous round's warehouse: the next one starts empty. */
        void resetWarehouse() throws SQLException;

        WarehouseProperties warehouseProperties();

        /** A connection to the current warehouse's tables (closed before the next warehouse call). */
        Connection connect() throws SQLException;

        /** A connection where the baseline and ceiling tables go. */
        Connection connectBaseline() throws SQLException;

        @Override
        void close() throws SQLException;
    }

    /** DuckDB files in a temporary directory: one for the baseline, one per round; all deleted at the end. */
    private static final class DuckDbScratch implements Scratch {
        private final Path directory;
        private Path file;
        private int round;

        DuckDbScratch() {
            try {
                directory = Files.createTempDirectory("warehouse-merge-bench-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public SqlDialect dialect() {
            return SqlDialect.forUrl("jdbc:duckdb:");
        }

        @Override
        public String describe() {
            return "DuckDB files under " + directory;
        }

        @Override
        public void resetWarehouse() {
            deleteFile();
            file = directory.resolve("round-" + (++round) + ".duckdb");
        }

        @Override
        public WarehouseProperties warehouseProperties() {
            return WarehouseProperties.of("jdbc:duckdb:" + file);
        }

        @Override
        public Connection connect() throws SQLException {
            return DriverManager.getConnection("jdbc:duckdb:" + file, new Properties());
        }

        @Override
        public Connection connectBaseline() throws SQLException {
            return DriverManager.getConnection("jdbc:duckdb:" + directory.resolve("baseline.duckdb"), new Properties());
        }

        private void deleteFile() {
            if (file == null) {
                return;
            }
            try {
                Files.deleteIfExists(file);
                Files.deleteIfExists(Path.of(file + ".wal"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** One schema {@code bench_merge_<random>} in the PostgreSQL database: emptied between rounds, dropped at the end. */
    private static final class PostgresScratch implements Scratch {
        private final String url;
        private final String user;
        private final String schema;

        PostgresScratch(Options options) throws SQLException {
            this.url = options.postgresUrl();
            this.user = options.postgresUser();
            this.schema = "bench_merge_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            admin("CREATE SCHEMA " + schema);
        }

        @Override
        public SqlDialect dialect() {
            return SqlDialect.forUrl(url);
        }

        @Override
        public String describe() {
            return "PostgreSQL schema " + schema + " at " + url;
        }

        @Override
        public void resetWarehouse() throws SQLException {
            admin("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            admin("CREATE SCHEMA " + schema);
        }

        @Override
        public WarehouseProperties warehouseProperties() {
            return WarehouseProperties.of(url).withCredentials(user, null).withSchema(schema);
        }

        @Override
        public Connection connect() throws SQLException {
            Connection connection = DriverManager.getConnection(url, user, "");
            connection.setSchema(schema);
            return connection;
        }

        @Override
        public Connection connectBaseline() throws SQLException {
            return connect();
        }

        private void admin(String sql) throws SQLException {
            try (Connection connection = DriverManager.getConnection(url, user, ""); Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }

        @Override
        public void close() throws SQLException {
            admin("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
