package io.spotdraftsync.schedule;

/**
 * A schedule file that cannot be used: its message names the file, the line and the field, e.g.
 * {@code jobs/export-incremental.yml line 3: cron 'every 15 min' is not a valid Quartz cron expression (...)}.
 * It stops the start of {@code serve}, and the command line prints it as is.
 */
public class ScheduleFileException extends RuntimeException {

    private final String file;
    private final int line;

    /** @param line 1-based; 0 when the problem is the file as a whole */
    public ScheduleFileException(String file, int line, String problem) {
        super(file + (line > 0 ? " line " + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    /** 1-based; 0 when the problem is the file as a whole. */
    public int line() {
        return line;
    }
}
