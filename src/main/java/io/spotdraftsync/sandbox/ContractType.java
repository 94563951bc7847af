package io.spotdraftsync.sandbox;

import java.util.List;

/** A workspace contract type and the metadata fields (key pointers) its contracts carry. */
record ContractType(int id, String name, List<KeyPointerDefinition> keyPointers) {

    ContractType {
        keyPointers = List.copyOf(keyPointers);
    }
}
