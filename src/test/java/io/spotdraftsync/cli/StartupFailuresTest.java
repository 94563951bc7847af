package io.spotdraftsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad setting stops the start with one line that names the property. */
class StartupFailuresTest {

    private static String errorOf(Path work, String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true));
        try {
            String[] all = new String[args.length + 2];
            all[0] = "export";
            System.arraycopy(args, 0, all, 1, args.length);
            all[all.length - 1] = "--spring.datasource.url=jdbc:h2:file:" + work.resolve("jobs") + ";AUTO_SERVER=TRUE";
            assertThat(SyncCommandLine.execute(all)).isEqualTo(1);
        } finally {
            System.setErr(original);
        }
        return captured.toString().lines().filter(line -> line.startsWith("error: ")).findFirst().orElse("");
    }

    @Test
    void anUnknownRegionNamesTheProperty(@TempDir Path work) {
        assertThat(errorOf(work, "--spotdraft.region=mars"))
                .startsWith("error: invalid value for spotdraft.region:").contains("mars");
    }

    @Test
    void missingCredentialsNameBothProperties(@TempDir Path work) {
        assertThat(errorOf(work, "--spotdraft.region=us"))
                .contains("spotdraft.client-id is required").contains("spotdraft.client-secret is required")
                .doesNotContain("clientId");
    }
}
