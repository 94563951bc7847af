package io.spotdraftsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class SpringArgumentsTest {

    @Test
    void dottedNameValuePairsGoToSpringAndTheRestToPicocli() {
        SpringArguments split = SpringArguments.split("sandbox", "--port", "18089",
                "--spotdraft.base-url=http://127.0.0.1:18089", "--contracts=5", "--sync.workspaces.prod.region=us");
        assertThat(split.commandArguments()).containsExactly("sandbox", "--port", "18089", "--contracts=5");
        assertThat(split.propertyArguments()).containsExactly("--spotdraft.base-url=http://127.0.0.1:18089",
                "--sync.workspaces.prod.region=us");
    }

    @Test
    void argumentsAfterDoubleDashStayWithPicocli() {
        SpringArguments split = SpringArguments.split("import", "--", "--a.b=c");
        assertThat(split.commandArguments()).containsExactly("import", "--", "--a.b=c");
        assertThat(split.propertyArguments()).isEmpty();
    }

    @Test
    void aMisspeltSubcommandOptionIsAnError() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new SyncCommandLine());
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute("sandbox", "--prot", "1");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option").contains("--prot");
    }

    @Test
    void anUnknownSubcommandIsAnError() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new SyncCommandLine());
        commandLine.setErr(new PrintWriter(err));
        assertThat(commandLine.execute("exprot")).isEqualTo(2);
        assertThat(err.toString()).contains("exprot");
    }
}
