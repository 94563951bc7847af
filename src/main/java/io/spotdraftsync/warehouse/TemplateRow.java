package io.spotdraftsync.warehouse;

import java.time.Instant;

/** One contract template of a workspace, for {@code templates}. */
public record TemplateRow(String workspace, long templateId, String templateName, Long contractTypeId, Instant extractedAt,
        String runId) {

    public TemplateRow {
        Rows.requiredText(workspace, "TemplateRow", "workspace");
        Rows.required(extractedAt, "TemplateRow", "extractedAt");
    }
}
