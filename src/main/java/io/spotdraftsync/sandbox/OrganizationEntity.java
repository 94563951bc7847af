package io.spotdraftsync.sandbox;

/** One of the workspace's own legal entities (the party that is not the counterparty). */
record OrganizationEntity(int id, String name, String referenceId, int jurisdictionId, String jurisdictionName,
        String jurisdictionCode, int organizationTypeId, String organizationTypeName, PostalAddress address,
        boolean primary) {
}
