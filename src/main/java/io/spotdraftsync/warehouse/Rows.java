package io.spotdraftsync.warehouse;

import java.util.Objects;

/** Checks shared by the row records. */
final class Rows {

    private Rows() {
    }

    static <T> T required(T value, String record, String field) {
        return Objects.requireNonNull(value, () -> record + "." + field + " is required");
    }

    static String requiredText(String value, String record, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(record + "." + field + " is required");
        }
        return value;
    }
}
