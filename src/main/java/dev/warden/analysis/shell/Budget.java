package dev.warden.analysis.shell;

/**
 * The hard bounds on the work one {@link ShellParser#parse} call may do, shared by every nested
 * parse and unwrap of that call. The step counter is the time budget: deterministic (the same
 * input always stops at the same place) and cheap to check, unlike a wall clock.
 *
 * <p>One step is roughly one character read, one character produced by an expansion, or one
 * node visited. Reading also stops at {@link #MAX_COMMANDS} simple commands and {@link #MAX_WORDS}
 * words in one command, before anything is built for the rest. Measured with
 * {@code ShellParserBench} on the 2-core build machine, the worst hostile shapes at the size limit
 * take a few milliseconds (median 0.3–4.7 ms; a single 256 KiB word full of expansions is the
 * slowest), while no real command line comes near any bound.
 */
final class Budget {

    /** Largest script read at all, in chars; beyond it nothing is parsed. */
    static final int MAX_INPUT = 256 * 1024;
    /** Nesting of constructs plus launcher unwrapping plus nested parses. */
    static final int MAX_DEPTH = 24;
    /** Simple commands reported. */
    static final int MAX_COMMANDS = 2_000;
    /** Total steps (about 12 per input char at the size limit). */
    static final int MAX_STEPS = 3_000_000;
    /** Longest value a tracked variable may hold; longer values become unknown. */
    static final int MAX_VALUE = 64 * 1024;
    /** Most words one simple command may have as written. */
    static final int MAX_WORDS = 10_000;
    /** Most fields one word may expand into (brace expansion). */
    static final int MAX_FIELDS = 1_024;

    /** Thrown inside the parser when a bound is exceeded; caught in {@link ShellParser}. */
    static final class Exceeded extends RuntimeException {
        final String what;

        Exceeded(String what) {
            super(what, null, false, false);
            this.what = what;
        }
    }

    private final int maxSteps;
    private int steps;
    private int depth;
    private int maxDepthSeen;
    private int commands;
    private int parsed;

    Budget(int maxSteps) {
        this.maxSteps = maxSteps;
    }

    void step() {
        if (++steps > maxSteps) {
            throw new Exceeded("work budget of " + maxSteps + " steps exceeded");
        }
    }

    void step(int n) {
        steps += n;
        if (steps > maxSteps || steps < 0) {
            throw new Exceeded("work budget of " + maxSteps + " steps exceeded");
        }
    }

    void enter() {
        if (++depth > MAX_DEPTH) {
            throw new Exceeded("nesting deeper than " + MAX_DEPTH + " levels");
        }
        if (depth > maxDepthSeen) {
            maxDepthSeen = depth;
        }
    }

    void exit() {
        depth--;
    }

    int depth() {
        return depth;
    }

    /** Restores the depth after an error unwound nested levels without leaving them. */
    void restore(int savedDepth) {
        depth = savedDepth;
    }

    /** One simple command read: a script with more than the command limit is not worth reading on. */
    void parsed() {
        if (++parsed > MAX_COMMANDS) {
            throw new Exceeded("more than " + MAX_COMMANDS + " commands");
        }
    }

    void command() {
        if (++commands > MAX_COMMANDS) {
            throw new Exceeded("more than " + MAX_COMMANDS + " commands");
        }
    }

    int steps() {
        return steps;
    }
}
