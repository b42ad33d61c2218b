package dev.warden.cli;

import dev.warden.call.WardenException;

/**
 * Every exit code {@code warden} uses, and the one place exceptions become exit codes.
 *
 * <p>Code 2 is special: Claude Code reads exit 2 from a hook as "block this call". Only
 * {@code warden hook} returns it, and only on purpose; usage errors use 64, never picocli's 2.
 */
public final class ExitCodes {

    /** Success; for checks: everything verified. */
    public static final int OK = 0;
    /** The command ran and found problems (tampering, failed tests, drift, doctor findings). */
    public static final int FAILED = 1;
    /** Hook answer "block" (Claude Code contract). Only {@code warden hook} returns it. */
    public static final int HOOK_BLOCK = 2;
    /** Bad command line (unknown flag, missing argument). */
    public static final int USAGE = 64;
    /** Bad input data: malformed JSON/YAML, a policy that does not compile. */
    public static final int DATA = 65;
    /** A needed service is unavailable (server unreachable, database locked). */
    public static final int UNAVAILABLE = 69;
    /** Internal error. */
    public static final int INTERNAL = 70;
    /** Not permitted (wrong role or token). */
    public static final int FORBIDDEN = 77;

    private ExitCodes() {}

    /** Maps a failure to its exit code. */
    public static int of(Throwable t) {
        if (t instanceof WardenException w) {
            return switch (w.kind()) {
                case INVALID_INPUT, INVALID_POLICY -> DATA;
                case FORBIDDEN -> FORBIDDEN;
                case NOT_FOUND, CONFLICT, INTEGRITY -> FAILED;
                case UNAVAILABLE -> UNAVAILABLE;
                case INTERNAL -> INTERNAL;
            };
        }
        return INTERNAL;
    }
}
