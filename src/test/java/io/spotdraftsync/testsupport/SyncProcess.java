package io.spotdraftsync.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.spotdraftsync.SpotdraftSyncApplication;

/**
 * {@code java ... SpotdraftSyncApplication <arguments>} in a child process, as a user runs it, its output appended to
 * a log file; and the signals a user or Kubernetes sends it.
 */
public final class SyncProcess {

    private SyncProcess() {
    }

    public static Process start(Path log, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), SpotdraftSyncApplication.class.getName()));
        command.addAll(arguments);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Ctrl-C: SIGINT, which the JDK's {@link Process} API cannot send. */
    public static void interrupt(Process process) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -INT " + process.pid() + " failed");
        }
    }

    /** The last lines of a log, for assertion messages. */
    public static String tail(Path log) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
