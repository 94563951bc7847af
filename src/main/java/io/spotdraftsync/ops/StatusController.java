package io.spotdraftsync.ops;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/status}: what the status page ({@code /}) shows. Behind the admin token like the rest of
 * {@code /api}, unless {@code sync.status-page.public} is true ({@link StatusPageAccess}).
 */
@RestController
public class StatusController {

    public static final String PATH = "/api/status";

    private final StatusReader reader;

    public StatusController(StatusReader reader) {
        this.reader = reader;
    }

    @GetMapping(PATH)
    public ResponseEntity<StatusView> status() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(reader.read());
    }
}
