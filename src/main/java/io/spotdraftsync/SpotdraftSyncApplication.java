package io.spotdraftsync;

import io.spotdraftsync.cli.SyncCommandLine;

/** Entry point of the executable jar: a picocli command line whose subcommands start Spring contexts. */
public final class SpotdraftSyncApplication {

    /**
     * H2's server sockets, among them the one {@code AUTO_SERVER=TRUE} opens on the embedded job repository so that a
     * CLI command can use the file while {@code serve} has it open, listen here only. H2 listens on every interface
     * otherwise. Read once, when H2 first loads: set before anything else runs.
     */
    static final String H2_BIND_ADDRESS = "h2.bindAddress";

    private SpotdraftSyncApplication() {
    }

    public static void main(String[] args) {
        if (System.getProperty(H2_BIND_ADDRESS) == null) {
            System.setProperty(H2_BIND_ADDRESS, "127.0.0.1");
        }
        System.exit(SyncCommandLine.execute(args));
    }
}
