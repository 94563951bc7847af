package io.spotdraftsync.check;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

import io.spotdraftsync.jobs.Failures;
import io.spotdraftsync.warehouse.MergeResult;
import io.spotdraftsync.warehouse.Tables;
import io.spotdraftsync.warehouse.Warehouse;
import io.spotdraftsync.warehouse.WarehouseProperties;

/**
 * The warehouse: connect; the schema exists or can be created; the migrations are applied or can be; a scratch table
 * is created in the schema, loaded with one row through the load plan every chunk takes (staging: inserts, DuckDB's
 * Appender, or on Snowflake a gzip JSON-lines file PUT to the stage and COPY INTO a temporary table; then the MERGE),
 * and dropped. A failure says which privilege or object is missing.
 */
public final class WarehouseCheck {

    static final String CONNECTION = "warehouse";
    /** Scratch tables start with this, so that one left by a killed check is recognisable. */
    public static final String SCRATCH_PREFIX = "spotdraft_sync_check_";

    private final Supplier<Warehouse> warehouses;
    private final WarehouseProperties properties;

    /** @param warehouses makes the warehouse of {@code properties}, not migrated (its creation connects nowhere) */
    public WarehouseCheck(Supplier<Warehouse> warehouses, WarehouseProperties properties) {
        this.warehouses = warehouses;
        this.properties = properties;
    }

    public List<CheckResult> run() {
        List<CheckResult> results = new ArrayList<>();
        Warehouse warehouse;
        try {
            warehouse = warehouses.get();
        } catch (RuntimeException invalid) {
            results.add(failed("configured", Failures.rootMessage(invalid)));
            return results;
        }
        try (warehouse) {
            String dialect = warehouse.dialect();
            if (!step(results, "connect (" + dialect + ")", () -> {
                if ("duckdb".equals(dialect)) {
                    // the readiness probe's check() opens an existing file only; a first run creates it
                    warehouse.schemaExists();
                    return null;
                }
                Warehouse.Availability availability = warehouse.check();
                if (availability == Warehouse.Availability.LOCKED_ELSEWHERE) {
                    throw new IllegalStateException("another process holds the DuckDB file " + properties.url()
                            + " (an analyst's connection?): loads wait sync.warehouse.duckdb-lock-wait for it");
                }
                return null;
            }, failure -> connectFix(dialect, failure))) {
                return results;
            }
            String schema = schemaName(dialect);
            boolean[] created = {false};
            if (!step(results, "schema " + schema + " exists or can be created", () -> {
                if (!warehouse.schemaExists()) {
                    warehouse.createSchema();
                    created[0] = true;
                    if (!warehouse.schemaExists()) {
                        throw new IllegalStateException("schema " + schema + " does not exist");
                    }
                }
                return null;
            }, failure -> schemaFix(dialect, schema, failure))) {
                return results;
            }
            if (created[0]) {
                results.set(results.size() - 1, CheckResult.ok(CheckResult.SHARED, CONNECTION, "schema " + schema + " created"));
            }
            List<String> pending = new ArrayList<>();
            if (!step(results, "migrations applied or can be", () -> {
                pending.addAll(warehouse.pendingMigrations());
                if (!pending.isEmpty()) {
                    warehouse.migrate();
                }
                return null;
            }, failure -> privilegeFix(dialect, schema, "apply the migrations of sql/" + dialect + "/", failure))) {
                return results;
            }
            results.set(results.size() - 1, CheckResult.ok(CheckResult.SHARED, CONNECTION, pending.isEmpty()
                    ? "migrations applied" : "migrations applied now (" + pending.size() + " scripts, up to " + pending.get(pending.size() - 1) + ")"));
            String table = SCRATCH_PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            if (!step(results, "scratch table " + table + " created", () -> {
                warehouse.createScratchTable(table);
                return null;
            }, failure -> privilegeFix(dialect, schema, "create a table", failure))) {
                return results;
            }
            try {
                String load = "snowflake".equals(dialect) ? "loaded (PUT to " + stage() + ", COPY INTO, MERGE)" : "loaded (staging, MERGE)";
                step(results, "scratch table " + load, () -> {
                    Instant now = Instant.now();
                    MergeResult first = warehouse.loadScratchTable(table, List.of(
                            new Tables.ScratchRow("check", "row-1", "{\"check\":1}", now, "check"),
                            new Tables.ScratchRow("check", "row-1", "{\"check\":2}", now, "check")));
                    if (first.inserted() != 1 || first.duplicates() != 1) {
                        throw new IllegalStateException("the MERGE of two staged rows of one key inserted " + first.inserted()
                                + " row(s) and dropped " + first.duplicates() + " duplicate(s), expected 1 and 1");
                    }
                    return null;
                }, failure -> loadFix(dialect, schema, failure));
            } finally {
                step(results, "scratch table dropped", () -> {
                    warehouse.dropScratchTable(table);
                    return null;
                }, failure -> privilegeFix(dialect, schema, "drop the table it created (" + table + ": drop it by hand)", failure));
            }
        } catch (RuntimeException closeFailed) {
            // closing a pool does not fail a check that passed
        }
        return results;
    }

    @FunctionalInterface
    interface Step {
        Object run() throws Exception;
    }

    @FunctionalInterface
    interface Fix {
        String of(Exception failure);
    }

    private static boolean step(List<CheckResult> results, String check, Step step, Fix fix) {
        try {
            step.run();
            results.add(CheckResult.ok(CheckResult.SHARED, CONNECTION, check));
            return true;
        } catch (Exception failure) {
            results.add(CheckResult.failed(CheckResult.SHARED, CONNECTION, check, fix.of(failure)));
            return false;
        }
    }

    private static CheckResult failed(String check, String fix) {
        return CheckResult.failed(CheckResult.SHARED, CONNECTION, check, fix);
    }

    private String schemaName(String dialect) {
        if (properties.schema() != null && !properties.schema().isBlank()) {
            return properties.schema();
        }
        return switch (dialect) {
            case "postgresql" -> "public";
            case "duckdb" -> "main";
            default -> "(the user's default)";
        };
    }

    private String stage() {
        return "~".equals(properties.stage()) ? "@~" : "@" + properties.stage();
    }

    private String user() {
        return properties.username() == null || properties.username().isBlank() ? "the user" : properties.username();
    }

    private String connectFix(String dialect, Exception failure) {
        String message = Failures.rootMessage(failure);
        return switch (dialect) {
            case "duckdb" -> "cannot open " + properties.url() + " (" + message + "): check sync.warehouse.url and that this "
                    + "process may write the file and its folder";
            case "snowflake" -> "cannot connect (" + message + "): check sync.warehouse.url (the account URL), "
                    + "sync.warehouse.username, and sync.warehouse.password or sync.warehouse.private-key-file"
                    + (lower(message).contains("role") ? "; sync.warehouse.role must be granted to the user" : "");
            default -> "cannot connect (" + message + "): check sync.warehouse.url, sync.warehouse.username and "
                    + "sync.warehouse.password, and that this network reaches the database";
        };
    }

    private String schemaFix(String dialect, String schema, Exception failure) {
        String message = Failures.rootMessage(failure);
        if ("snowflake".equals(dialect)) {
            return "schema " + schema + " is not there for this role (" + message + "): create it beforehand and GRANT USAGE ON "
                    + "DATABASE " + orPlaceholder(properties.database(), "<database>") + " and USAGE ON SCHEMA " + schema
                    + " TO ROLE " + orPlaceholder(properties.role(), "<role>") + " (sync.warehouse.database, sync.warehouse.schema)";
        }
        if (insufficientPrivilege(failure)) {
            return user() + " may not create schema " + schema + " (" + message + "): create it beforehand (CREATE SCHEMA "
                    + schema + " AUTHORIZATION " + user() + ") or GRANT CREATE ON DATABASE to " + user()
                    + "; or set sync.warehouse.schema to a schema that exists";
        }
        return "schema " + schema + " (sync.warehouse.schema) is missing and could not be created: " + message;
    }

    private String privilegeFix(String dialect, String schema, String what, Exception failure) {
        String message = Failures.rootMessage(failure);
        String lower = lower(message);
        if ("snowflake".equals(dialect)) {
            if (lower.contains("no active warehouse") || lower.contains("warehouse") && lower.contains("does not exist")) {
                return warehouseUsageFix(message);
            }
            if (lower.contains("insufficient privileges") || lower.contains("not authorized")) {
                return "the role may not " + what + " in schema " + schema + " (" + message + "): GRANT USAGE ON DATABASE "
                        + orPlaceholder(properties.database(), "<database>") + ", USAGE ON SCHEMA " + schema
                        + " and CREATE TABLE ON SCHEMA " + schema + " TO ROLE " + orPlaceholder(properties.role(), "<role>");
            }
            return "could not " + what + " (" + message + ")";
        }
        if (insufficientPrivilege(failure)) {
            return user() + " lacks CREATE on schema " + schema + ", needed to " + what + " (" + message + "): GRANT CREATE ON SCHEMA "
                    + schema + " TO " + user() + " (or run with the user that owns the tables)";
        }
        return "could not " + what + " (" + message + ")";
    }

    private String loadFix(String dialect, String schema, Exception failure) {
        String message = Failures.rootMessage(failure);
        // the statement that failed is named in the outer messages ("put stg_... failed on snowflake: ...")
        String lower = lower(failure.getMessage()) + " " + lower(message);
        if ("snowflake".equals(dialect)) {
            if (lower.contains("no active warehouse")) {
                return warehouseUsageFix(message);
            }
            if (lower.contains("put stg_") || lower.contains("copy stg_") || lower.contains("stage")) {
                return "the stage " + stage() + " (sync.warehouse.stage) refused the load file (" + message + "): GRANT READ, WRITE ON "
                        + "STAGE " + properties.stage() + " TO ROLE " + orPlaceholder(properties.role(), "<role>")
                        + " (the user's own stage ~ needs no grant)";
            }
            if (lower.contains("insufficient privileges") || lower.contains("not authorized")) {
                return "the role may not create the temporary staging table or MERGE into the scratch table (" + message
                        + "): GRANT CREATE TABLE ON SCHEMA " + schema + " TO ROLE " + orPlaceholder(properties.role(), "<role>");
            }
            return "the load failed (" + message + ")";
        }
        if (insufficientPrivilege(failure)) {
            return user() + " may not create the temporary staging table or MERGE into a table it created (" + message
                    + "): GRANT TEMPORARY ON DATABASE to " + user() + ", and CREATE ON SCHEMA " + schema;
        }
        return "the load failed (" + message + ")";
    }

    private String warehouseUsageFix(String message) {
        return "no usable virtual warehouse (" + message + "): set sync.warehouse.warehouse and GRANT USAGE ON WAREHOUSE "
                + orPlaceholder(properties.warehouse(), "<warehouse>") + " TO ROLE " + orPlaceholder(properties.role(), "<role>");
    }

    /** PostgreSQL's insufficient_privilege (42501), wherever it is in the chain. */
    private static boolean insufficientPrivilege(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "42501".equals(sql.getSQLState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return lower(String.valueOf(failure.getMessage())).contains("permission denied");
    }

    private static String orPlaceholder(String value, String placeholder) {
        return value == null || value.isBlank() ? placeholder : value;
    }

    private static String lower(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }
}
