package io.spotdraftsync.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The lines of {@code check}: aligned columns, {@code ok} or {@code FAILED: <what to do>}, never a secret. */
class CheckReportTest {

    private static final List<CheckResult> RESULTS = List.of(
            CheckResult.ok(CheckResult.SHARED, "warehouse", "connect (duckdb)"),
            CheckResult.ok("uat", "spotdraft", "credentials accepted (1,000 contracts)"),
            CheckResult.failed("production", "documents", "scratch object deleted", "access denied: grant s3:DeleteObject"));

    @Test
    void eachResultIsOneAlignedLineEndingInOkOrWhatToDo() {
        assertThat(CheckReport.lines(RESULTS, List.of())).containsExactly(
                "-           warehouse  connect (duckdb)                        ok",
                "uat         spotdraft  credentials accepted (1,000 contracts)  ok",
                "production  documents  scratch object deleted                  FAILED: access denied: grant s3:DeleteObject");
    }

    @Test
    void theSummarySaysHowManyFailed() {
        assertThat(CheckReport.summary(RESULTS)).isEqualTo("1 of 3 checks FAILED: fix what they name and run check again.");
        assertThat(CheckReport.summary(RESULTS.subList(0, 2))).isEqualTo("All 2 checks passed.");
        assertThat(CheckReport.allPassed(RESULTS)).isFalse();
        assertThat(CheckReport.allPassed(RESULTS.subList(0, 2))).isTrue();
    }

    @Test
    void aSecretEchoedInAMessageIsMaskedTheLongestFirst() {
        List<CheckResult> echoed = List.of(CheckResult.failed("ws", "warehouse", "connect",
                "password authentication failed for 's3cr3t-pass' and 's3cr3t-pass-long'"));

        List<String> lines = CheckReport.lines(echoed, List.of("s3cr3t-pass", "s3cr3t-pass-long", "ab"));

        assertThat(lines).singleElement().asString()
                .doesNotContain("s3cr3t")
                .endsWith("FAILED: password authentication failed for '****' and '****'");
    }

    @Test
    void aMultiLineDriverMessageStaysOnTheCheckLine() {
        assertThat(CheckReport.lines(List.of(CheckResult.failed("-", "warehouse", "load",
                "ERROR: permission denied for schema s\n  Position: 14\r\n: GRANT CREATE ON SCHEMA s")), List.of()))
                .containsExactly("-  warehouse  load  FAILED: ERROR: permission denied for schema s Position: 14 : GRANT CREATE ON SCHEMA s");
    }

    @Test
    void aFailureWithoutAnExplanationStillSaysFailed() {
        assertThat(CheckReport.lines(List.of(CheckResult.failed("ws", "webhook", "delivery", " ")), List.of()))
                .containsExactly("ws  webhook  delivery  FAILED: failed");
    }
}
