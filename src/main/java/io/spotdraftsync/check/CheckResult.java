package io.spotdraftsync.check;

/**
 * The outcome of one check: the smallest real operation on one connection.
 *
 * @param scope      the workspace it was run for, or {@code -} for a connection every workspace shares
 * @param connection {@code spotdraft}, {@code warehouse}, {@code documents}, {@code job-repository},
 *                   {@code budget-store}, {@code webhook} or {@code configuration}
 * @param check      what was tried, with what it found ({@code credentials accepted (1,000 contracts)})
 * @param fix        null when it passed; else what to do, naming the property, privilege or permission to fix
 */
public record CheckResult(String scope, String connection, String check, String fix) {

    public static final String SHARED = "-";

    public static CheckResult ok(String scope, String connection, String check) {
        return new CheckResult(scope, connection, check, null);
    }

    public static CheckResult failed(String scope, String connection, String check, String fix) {
        return new CheckResult(scope, connection, check, fix == null || fix.isBlank() ? "failed" : fix);
    }

    public boolean passed() {
        return fix == null;
    }
}
