package io.spotdraftsync.warehouse;

import java.time.Instant;

/**
 * One user of a workspace, for {@code users}.
 *
 * @param roles JSON text (an array of roles), or null
 */
public record UserRow(String workspace, long userId, String email, String userName, String designation, Boolean isActive,
        String roles, Instant extractedAt, String runId) {

    public UserRow {
        Rows.requiredText(workspace, "UserRow", "workspace");
        Rows.required(extractedAt, "UserRow", "extractedAt");
    }
}
