package dev.warden.call;

/**
 * The one exception type of Warden. The {@link Kind} says what went wrong; the CLI maps it to an
 * exit code in {@code dev.warden.cli.ExitCodes} and the server to an HTTP status, each in one place.
 * Deny is never an exception: it is a {@link Decision}.
 */
public class WardenException extends RuntimeException {

    /** What went wrong, in the terms callers act on. */
    public enum Kind {
        /** The input (a file, a request body, hook JSON) is malformed. */
        INVALID_INPUT,
        /** A policy file does not compile; the message lists every problem with file:line:col. */
        INVALID_POLICY,
        /** The caller is not allowed to do this (wrong role, own approval, bad token). */
        FORBIDDEN,
        /** The thing asked for does not exist. */
        NOT_FOUND,
        /** The request conflicts with the current state (already decided, replayed). */
        CONFLICT,
        /** A needed service or resource cannot be reached (server down, database locked). */
        UNAVAILABLE,
        /** Tampering or corruption detected (audit log, lock file). */
        INTEGRITY,
        /** A bug or an environment problem Warden cannot classify. */
        INTERNAL
    }

    private final Kind kind;

    public WardenException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public WardenException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
