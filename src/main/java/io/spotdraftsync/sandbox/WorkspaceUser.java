package io.spotdraftsync.sandbox;

/** A member of the emulated workspace: creator, business user or legal user of contracts. */
record WorkspaceUser(int id, String name, String email) {
}
