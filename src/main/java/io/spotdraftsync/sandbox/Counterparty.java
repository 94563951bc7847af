package io.spotdraftsync.sandbox;

import java.util.Map;

/** The other party of a contract: an organization or an individual, with one point of contact. */
record Counterparty(int id, String name, boolean individual, String organizationType, Contact contact,
        PostalAddress address, Map<String, Object> customFields, String brandName) {

    Counterparty {
        customFields = JsonValues.freezeMap(customFields);
    }

    record Contact(int id, String firstName, String lastName, String email) {
        String fullName() {
            return lastName.isEmpty() ? firstName : firstName + " " + lastName;
        }
    }
}
