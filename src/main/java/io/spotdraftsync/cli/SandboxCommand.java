package io.spotdraftsync.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** Placeholder: the sandbox work replaces this class. */
@Command(name = "sandbox", description = "Serve the SpotDraft emulator until stopped.")
public class SandboxCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
