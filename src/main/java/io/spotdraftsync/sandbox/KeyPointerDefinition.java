package io.spotdraftsync.sandbox;

import java.util.List;

/**
 * A metadata field definition. Definitions belong to the workspace: one definition (one id) can be used by
 * several contract types.
 *
 * @param options the allowed values of choice fields, empty otherwise
 */
record KeyPointerDefinition(int id, String fieldName, String label, KeyPointerType type, List<String> options,
        Section section) {

    KeyPointerDefinition {
        options = List.copyOf(options);
    }

    KeyPointerValue valueOf(Object value) {
        return new KeyPointerValue(id, value, label, fieldName, type.apiName, type.formatOption());
    }

    /** The UI section a field is shown in. */
    record Section(int id, String type, String name) {
    }
}
