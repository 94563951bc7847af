package io.spotdraftsync.warehouse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned DDL script, {@code V<version>__<name>.sql}.
 *
 * @param location where it came from, for messages ({@code sql/duckdb/V001__contracts.sql})
 * @param checksum SHA-256 of its text with line endings normalized, so a checkout with CRLF is not an edit
 */
public record MigrationScript(long version, String fileName, String location, String text, String checksum) {

    private static final Pattern NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_.-]+)\\.sql");

    public static MigrationScript of(String location, String text) {
        String fileName = location.substring(location.lastIndexOf('/') + 1);
        Matcher matcher = NAME.matcher(fileName);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("A migration script is named V<version>__<name>.sql, not " + location);
        }
        return new MigrationScript(Long.parseLong(matcher.group(1)), fileName, location, text, checksum(text));
    }

    static String checksum(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(text.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The statements of the script: split at semicolons outside quotes and comments; comment-only pieces dropped.
     * The scripts hold plain DDL (no procedural blocks), which is all this needs to understand.
     */
    public List<String> statements() {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean hasCode = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-') {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end;
                continue;
            }
            if (c == '\'' || c == '"') {
                int end = i + 1;
                while (end < text.length()) {
                    if (text.charAt(end) == c) {
                        if (end + 1 < text.length() && text.charAt(end + 1) == c) {
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    end++;
                }
                current.append(text, i, Math.min(end + 1, text.length()));
                hasCode = true;
                i = end + 1;
                continue;
            }
            if (c == ';') {
                if (hasCode) {
                    statements.add(current.toString().trim());
                }
                current.setLength(0);
                hasCode = false;
            } else {
                current.append(c);
                hasCode |= !Character.isWhitespace(c);
            }
            i++;
        }
        if (hasCode) {
            statements.add(current.toString().trim());
        }
        return statements;
    }
}
