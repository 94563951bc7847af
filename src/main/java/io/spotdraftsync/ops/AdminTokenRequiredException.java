package io.spotdraftsync.ops;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** {@code serve} with a SpotDraft workspace and no {@code sync.admin.token}: the start stops here. */
public class AdminTokenRequiredException extends IllegalStateException {

    static final String MESSAGE = "sync.admin.token is required by serve when a SpotDraft workspace is configured: set it "
            + "(env SYNC_ADMIN_TOKEN) to a secret of at least " + AdminProperties.MIN_TOKEN_LENGTH + " characters, for example "
            + "from `openssl rand -hex 32`; every /api request then sends `Authorization: Bearer <token>`";

    public AdminTokenRequiredException() {
        super(MESSAGE);
    }

    /** Reports it as Spring Boot reports a bad setting (description and action), not as a stack trace. */
    public static final class Analyzer extends AbstractFailureAnalyzer<AdminTokenRequiredException> {
        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, AdminTokenRequiredException cause) {
            return new FailureAnalysis(cause.getMessage(),
                    "Set sync.admin.token (or the environment variable SYNC_ADMIN_TOKEN). Only with the embedded sandbox "
                            + "(no spotdraft.* connection settings) is a token generated into sync.admin.token-file.", cause);
        }
    }
}
