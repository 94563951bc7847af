package io.spotdraftsync.spotdraft.model;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A user of the workspace with their roles ({@code PublicMinimalUserWithRolesResponse}). The schema names the user
 * in {@code name}; the documented example gives {@code first_name} and {@code last_name}: both are read.
 */
public record WorkspaceUser(
        Long id,
        String email,
        String name,
        @JsonProperty("first_name") String firstName,
        @JsonProperty("last_name") String lastName,
        String designation,
        List<Map<String, Object>> roles,
        @JsonProperty("is_active") Boolean active) {

    /** {@code name}, else first and last name joined; null when there is neither. */
    public String fullName() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        String joined = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
        return joined.isEmpty() ? null : joined;
    }
}
