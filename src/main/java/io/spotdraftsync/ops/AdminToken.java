package io.spotdraftsync.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import io.spotdraftsync.sandbox.EmbeddedSandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

/**
 * The bearer token of the admin API: {@code sync.admin.token}, or, with the embedded sandbox and no token set,
 * a random one written to {@code sync.admin.token-file} for the person at the keyboard. Compared in constant time;
 * never logged.
 */
public final class AdminToken {

    private static final Logger log = LoggerFactory.getLogger(AdminToken.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] expected;

    private AdminToken(String token) {
        this.expected = token.getBytes(StandardCharsets.UTF_8);
    }

    /** The configured token; a generated one (in the token file) with the embedded sandbox; else a failed start. */
    public static AdminToken resolve(AdminProperties properties, Environment environment) {
        if (properties.hasToken()) {
            return new AdminToken(properties.token());
        }
        if (!environment.getProperty(EmbeddedSandbox.ACTIVE_PROPERTY, Boolean.class, false)) {
            throw new AdminTokenRequiredException();
        }
        String generated = generate();
        Path file = write(properties.tokenFile(), generated);
        log.info("Admin API: no sync.admin.token set and the embedded sandbox is in use, so a random token was written to {} "
                + "(owner read/write only). Send it as `Authorization: Bearer $(cat {})`.", file, properties.tokenFile());
        return new AdminToken(generated);
    }

    /**
     * Constant time: {@link MessageDigest#isEqual} loops over the expected token (its first argument) whatever the
     * presented value, with no early exit on the first differing byte or on a different length.
     */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8));
    }

    /** 256 random bits, URL-safe Base64 (43 characters). */
    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Writes the token to a new file, readable and writable by its owner only where the file system has POSIX
     * permissions (the file is created so, never widened then narrowed), then moves it over the old one.
     */
    static Path write(Path target, String token) {
        Path file = target.toAbsolutePath();
        Path directory = file.getParent();
        try {
            Files.createDirectories(directory);
            Path temporary = directory.resolve("." + file.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
            if (Files.getFileStore(directory).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(temporary);
            }
            try {
                Files.writeString(temporary, token, StandardCharsets.US_ASCII);
                try {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException notAtomic) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
            return file;
        } catch (IOException failure) {
            // no cause: the start-up error shows the deepest message, which for an IOException is often a bare path
            throw new IllegalStateException("Could not write the generated admin API token to " + file
                    + " (sync.admin.token-file): " + failure);
        }
    }

    @Override
    public String toString() {
        return "AdminToken[****]";
    }
}
