package io.spotdraftsync.spotdraft.model;

/** A contract type of the workspace; ids differ between UAT and production. */
public record ContractType(Long id, String name) {
}
