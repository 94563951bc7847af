package io.spotdraftsync.check;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Formats check results, one line each ({@code ok} or {@code FAILED: <what to do>}), and the closing line. Pure: the
 * same results give the same text. Every secret value given is masked wherever it would appear (a driver or a
 * server may echo one in an error message), so that no line ever prints one.
 */
public final class CheckReport {

    static final String MASK = "****";
    /** Secrets shorter than this are not searched for: they would mask ordinary words. */
    private static final int SHORTEST_MASKED_SECRET = 4;

    private CheckReport() {
    }

    /** One line per result, columns aligned over the results given. */
    public static List<String> lines(List<CheckResult> results, Collection<String> secrets) {
        int scopeWidth = results.stream().map(CheckResult::scope).mapToInt(String::length).max().orElse(1);
        int connectionWidth = results.stream().map(CheckResult::connection).mapToInt(String::length).max().orElse(1);
        int checkWidth = Math.min(60, results.stream().map(CheckResult::check).mapToInt(String::length).max().orElse(1));
        List<String> lines = new ArrayList<>();
        for (CheckResult result : results) {
            // one line per check, whatever line breaks a driver's message has
            String status = result.passed() ? "ok" : "FAILED: " + result.fix().strip().replaceAll("\\s*\\R\\s*", " ");
            String line = String.format(Locale.ROOT, "%-" + scopeWidth + "s  %-" + connectionWidth + "s  %-" + checkWidth + "s  %s",
                    result.scope(), result.connection(), result.check(), status);
            lines.add(masked(line.stripTrailing(), secrets));
        }
        return lines;
    }

    /** The closing line: how many passed, and what the exit code will say. */
    public static String summary(List<CheckResult> results) {
        long failed = results.stream().filter(result -> !result.passed()).count();
        if (failed == 0) {
            return String.format(Locale.ROOT, "All %d checks passed.", results.size());
        }
        return String.format(Locale.ROOT, "%d of %d checks FAILED: fix what they name and run check again.", failed, results.size());
    }

    public static boolean allPassed(List<CheckResult> results) {
        return results.stream().allMatch(CheckResult::passed);
    }

    /** {@code text} with every secret (longest first, so that one containing another is masked whole) replaced. */
    public static String masked(String text, Collection<String> secrets) {
        String result = text;
        List<String> ordered = secrets.stream()
                .filter(secret -> secret != null && secret.strip().length() >= SHORTEST_MASKED_SECRET)
                .map(String::strip)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        for (String secret : ordered) {
            result = result.replace(secret, MASK);
        }
        return result;
    }
}
