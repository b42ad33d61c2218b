package dev.warden.audit;

import java.util.List;

/**
 * The outcome of {@link AuditTrail#verify}: every problem found, each naming the entry or range.
 *
 * @param size                 entries in the log
 * @param checkpoints          signed checkpoints that verified against the recomputed tree
 * @param prunedEntries        entries whose bodies were pruned under a signed pruning record
 * @param uncovered            entries after the last signed checkpoint
 * @param problems             what is wrong; empty when the log verifies
 * @param notes                facts worth knowing that are not problems (pruned ranges, ...)
 */
public record VerifyReport(long size, int checkpoints, long prunedEntries, long uncovered, List<Problem> problems, List<String> notes) {

    public VerifyReport {
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    /** True when nothing is wrong. */
    public boolean ok() {
        return problems.isEmpty();
    }

    /** What kind of damage a problem is. */
    public enum Kind {
        /** An entry's content no longer matches its hash, or its columns disagree with its content. */
        ALTERED,
        /** Entries are missing (a gap in the indices, or a body removed without a pruning record). */
        REMOVED,
        /** An entry sits at a position other than the one it was written at. */
        REORDERED,
        /** The log is shorter than a signed checkpoint says it was. */
        TRUNCATED,
        /** A signed root does not match the recomputed tree: something in the range changed. */
        ROOT_MISMATCH,
        /** A checkpoint's signature does not verify, or it is malformed. */
        BAD_SIGNATURE,
        /** A checkpoint belongs to another log or key. */
        FOREIGN,
        /** The stored tree nodes (used for proofs and appends) disagree with the entries. */
        BAD_NODE,
        /** Something unreadable. */
        CORRUPT
    }

    /**
     * One problem.
     *
     * @param kind    what kind
     * @param from    first affected index (or -1 when not about entries)
     * @param to      last affected index, inclusive (or -1)
     * @param message what was found, in words
     */
    public record Problem(Kind kind, long from, long to, String message) {
        @Override
        public String toString() {
            String range = from < 0 ? "" : from == to ? "entry " + from + ": " : "entries " + from + ".." + to + ": ";
            return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + range + message;
        }
    }
}
