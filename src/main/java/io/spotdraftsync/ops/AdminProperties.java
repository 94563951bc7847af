package io.spotdraftsync.ops;

import java.nio.file.Path;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The admin API ({@code /api}) of {@code serve}.
 *
 * @param token     the bearer token every {@code /api} request must carry ({@code Authorization: Bearer <token>}); at
 *                  least {@value #MIN_TOKEN_LENGTH} printable ASCII characters, no spaces. Required when a SpotDraft
 *                  workspace is configured; with the embedded sandbox and no token, one is generated into
 *                  {@code tokenFile}. Never logged.
 * @param tokenFile where a generated token is written (owner read/write only), relative to the working directory
 */
@ConfigurationProperties("sync.admin")
@Validated
public record AdminProperties(
        String token,
        @DefaultValue("data/admin-token") @NotNull(message = "sync.admin.token-file must not be empty") Path tokenFile) {

    public static final int MIN_TOKEN_LENGTH = 16;

    /** A blank token (an empty environment variable) counts as none. */
    public boolean hasToken() {
        return token != null && !token.isBlank();
    }

    @AssertTrue(message = "sync.admin.token must be at least " + MIN_TOKEN_LENGTH + " printable ASCII characters with no spaces "
            + "(generate one with: openssl rand -hex 32)")
    public boolean isTokenWellFormed() {
        return !hasToken() || wellFormed(token);
    }

    static boolean wellFormed(String token) {
        return token.length() >= MIN_TOKEN_LENGTH && token.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    /** The token never reaches a log line, also not through {@code toString()}. */
    @Override
    public String toString() {
        return "AdminProperties[token=" + (hasToken() ? "****" : "unset") + ", tokenFile=" + tokenFile + "]";
    }
}
