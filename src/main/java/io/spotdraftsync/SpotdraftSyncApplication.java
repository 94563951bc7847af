package io.spotdraftsync;

import io.spotdraftsync.cli.SyncCommandLine;

/** Entry point of the executable jar: a picocli command line whose subcommands start Spring contexts. */
public final class SpotdraftSyncApplication {

    private SpotdraftSyncApplication() {
    }

    public static void main(String[] args) {
        System.exit(SyncCommandLine.execute(args));
    }
}
