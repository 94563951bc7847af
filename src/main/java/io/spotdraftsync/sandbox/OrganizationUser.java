package io.spotdraftsync.sandbox;

import java.util.List;

/**
 * A member of the workspace as {@code GET /auth/users/} lists it: the contract users plus colleagues who only
 * approve, sign or have left (inactive).
 */
record OrganizationUser(int id, String name, String email, String designation, boolean active, List<Role> roles) {

    /** A role of the workspace ({@code ExternalUserActiveRolesData}). */
    record Role(int id, String name) {
    }

    static final Role ADMIN = new Role(123, "Admin");
    static final Role LEGAL = new Role(456, "Legal");
    static final Role BUSINESS = new Role(457, "Business User");
    static final Role FINANCE = new Role(458, "Finance");
    static final Role SIGNATORY = new Role(459, "Authorised Signatory");

    OrganizationUser {
        roles = List.copyOf(roles);
    }

    WorkspaceUser asWorkspaceUser() {
        return new WorkspaceUser(id, name, email);
    }
}
