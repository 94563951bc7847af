package io.spotdraftsync.sandbox;

/** An address as counterparties and organization entities carry it. */
record PostalAddress(int id, String lineOne, String city, String state, String zipcode, String countryName,
        String countryCode) {
}
