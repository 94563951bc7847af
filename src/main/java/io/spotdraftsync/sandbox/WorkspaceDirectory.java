package io.spotdraftsync.sandbox;

import java.util.List;
import java.util.Optional;

import io.spotdraftsync.sandbox.OrganizationUser.Role;

/**
 * Who works in the emulated workspace (users with designations, roles and activity) and its published templates.
 * The first users are {@link SyntheticVocabulary#USERS}, who own contracts; the others approve and sign, some
 * with non-ASCII names and addresses, some no longer active.
 */
final class WorkspaceDirectory {

    /** A published template ({@code TemplateResponse}). */
    record Template(int id, String name, int contractTypeId) {
    }

    static final List<OrganizationUser> USERS = List.of(
            new OrganizationUser(17250, "Integration User", "integration@northwind.example", "API integration", true,
                    List.of(OrganizationUser.ADMIN)),
            user(0, "General Counsel", true, OrganizationUser.ADMIN, OrganizationUser.LEGAL, OrganizationUser.SIGNATORY),
            user(1, "Senior Legal Counsel", true, OrganizationUser.LEGAL),
            user(2, "Legal Counsel", true, OrganizationUser.LEGAL),
            user(3, "Head of Sales EMEA", true, OrganizationUser.BUSINESS, OrganizationUser.SIGNATORY),
            user(4, "Procurement Manager", true, OrganizationUser.BUSINESS),
            user(5, "Account Executive", true, OrganizationUser.BUSINESS),
            user(6, "Finance Controller", true, OrganizationUser.FINANCE),
            user(7, "Operations Manager", true, OrganizationUser.BUSINESS),
            new OrganizationUser(17261, "Zoë Müller-Østergaard", "zoë.müller@northwind.example", "Chief Financial Officer",
                    true, List.of(OrganizationUser.FINANCE, OrganizationUser.SIGNATORY)),
            new OrganizationUser(17262, "José Núñez", "josé.núñez@northwind.example", "VP Procurement", true,
                    List.of(OrganizationUser.BUSINESS, OrganizationUser.SIGNATORY)),
            new OrganizationUser(17263, "陈伟", "chen.wei@northwind.example", "Regional Director APAC", true,
                    List.of(OrganizationUser.BUSINESS, OrganizationUser.SIGNATORY)),
            new OrganizationUser(17264, "Łukasz Wróbel", "lukasz.wrobel@northwind.example", "Former Legal Counsel", false,
                    List.of(OrganizationUser.LEGAL)),
            new OrganizationUser(17265, "Ingrid Sæther", "ingrid.saether@northwind.example", null, false, List.of()));

    /** The active users who approve beyond the legal team, by approval kind. */
    static final List<Integer> FINANCE_APPROVERS = List.of(17257, 17261);
    static final List<Integer> BUSINESS_APPROVERS = List.of(17254, 17255, 17262, 17263);
    /** Who signs for the workspace. */
    static final List<Integer> SIGNATORIES = List.of(17251, 17254, 17261, 17262, 17263);

    private WorkspaceDirectory() {
    }

    private static OrganizationUser user(int index, String designation, boolean active, Role... roles) {
        WorkspaceUser user = SyntheticVocabulary.USERS.get(index);
        return new OrganizationUser(user.id(), user.name(), user.email(), designation, active, List.of(roles));
    }

    static Optional<OrganizationUser> user(int id) {
        return USERS.stream().filter(user -> user.id() == id).findFirst();
    }

    static OrganizationUser require(int id) {
        return user(id).orElseThrow(() -> new IllegalStateException("No directory user " + id));
    }

    /** The directory entry of a contract's user; a user unknown to the directory (none today) stays as given. */
    static OrganizationUser of(WorkspaceUser user) {
        return user(user.id()).orElseGet(() -> new OrganizationUser(user.id(), user.name(), user.email(), null, true,
                List.of()));
    }

    /** One or two templates per contract type, named after the type. */
    static List<Template> templates() {
        return SyntheticVocabulary.CONTRACT_TYPES.stream()
                .flatMap(type -> {
                    List<Integer> ids = type.templateIds();
                    return java.util.stream.IntStream.range(0, ids.size())
                            .mapToObj(index -> new Template(ids.get(index),
                                    index == 0 ? type.name() + " (Standard)" : type.name() + " (Short Form)", type.id()));
                })
                .toList();
    }
}
