package dev.warden.supply;

import java.util.List;

/**
 * The supply-chain check at session start, for the SessionStart hook to show the user and record
 * in the audit log.
 *
 * @param status  what was found
 * @param action  what policy asks the hook to do with it
 * @param changes the items that differ from the lock
 * @param message one paragraph for the user (empty when clean or off)
 */
public record SessionCheck(Status status, Action action, List<Change> changes, String message) {

    public SessionCheck {
        changes = List.copyOf(changes);
    }

    /** What the check found. */
    public enum Status {
        /** The project has no {@code warden.lock}: supply checks are off. */
        OFF,
        /** Everything reachable is as reviewed. */
        CLEAN,
        /** Something is new, changed or could not be verified. */
        DRIFT,
        /** The lock itself is unreadable or malformed. */
        ERROR
    }

    /** What the hook should do. */
    public enum Action {
        /** Nothing to say. */
        NONE,
        /** Tell the user (and the audit log); the session goes on. */
        WARN,
        /** Refuse the session (or tell the user it is blocked), per policy. */
        BLOCK
    }

    /** What to do on drift at session start. */
    public enum OnDrift { WARN, BLOCK }

    static SessionCheck off() {
        return new SessionCheck(Status.OFF, Action.NONE, List.of(), "");
    }
}
