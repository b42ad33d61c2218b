/**
 * The control plane's state, in the embedded SQLite database {@code WARDEN_HOME/state.db}:
 * tokens (hashed), approval requests and their votes, grants, sessions and quarantines.
 * The audit log is not here: it stays in {@code audit.db}, owned by {@code dev.warden.audit}.
 */
@NullMarked
package dev.warden.store;

import org.jspecify.annotations.NullMarked;
