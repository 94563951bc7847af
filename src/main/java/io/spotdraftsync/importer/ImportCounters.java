package io.spotdraftsync.importer;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;

/**
 * What the import step did, counted for committed chunks and saved in the step's execution context, so that a
 * resumed run goes on counting where the failed one stopped.
 */
public class ImportCounters implements ItemStream {

    static final String PREFIX = "import.counters.";
    static final String CREATED = PREFIX + "created";
    static final String ALREADY_IMPORTED = PREFIX + "alreadyImported";
    static final String RECOVERED = PREFIX + "recovered";
    static final String REJECTED = PREFIX + "rejected";
    static final String KEY_POINTERS_REJECTED = PREFIX + "keyPointersRejected";

    private final AtomicLong created = new AtomicLong();
    private final AtomicLong alreadyImported = new AtomicLong();
    private final AtomicLong recovered = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong keyPointersRejected = new AtomicLong();

    /** Counts one row; {@code outcome} is one of the counters' names. The step proxy allows methods only. */
    void count(String outcome) {
        switch (outcome) {
            case CREATED -> created.incrementAndGet();
            case ALREADY_IMPORTED -> alreadyImported.incrementAndGet();
            case RECOVERED -> recovered.incrementAndGet();
            case REJECTED -> rejected.incrementAndGet();
            case KEY_POINTERS_REJECTED -> keyPointersRejected.incrementAndGet();
            default -> throw new IllegalArgumentException(outcome);
        }
    }

    @Override
    public void open(ExecutionContext context) {
        created.set(context.getLong(CREATED, 0));
        alreadyImported.set(context.getLong(ALREADY_IMPORTED, 0));
        recovered.set(context.getLong(RECOVERED, 0));
        rejected.set(context.getLong(REJECTED, 0));
        keyPointersRejected.set(context.getLong(KEY_POINTERS_REJECTED, 0));
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(CREATED, created.get());
        context.putLong(ALREADY_IMPORTED, alreadyImported.get());
        context.putLong(RECOVERED, recovered.get());
        context.putLong(REJECTED, rejected.get());
        context.putLong(KEY_POINTERS_REJECTED, keyPointersRejected.get());
    }
}
