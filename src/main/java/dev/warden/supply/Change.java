package dev.warden.supply;

import dev.warden.call.Finding;
import java.util.List;

/**
 * How one item differs from the lock.
 *
 * @param item     the item id
 * @param kind     {@code mcp}, {@code skill}, {@code agent}, {@code plugin}
 * @param status   what kind of difference
 * @param what     readable differences ({@code tools.send_email.description changed}) or the reason it
 *                 could not be checked
 * @param findings risks in the new content (hidden instructions, shadowing, unpinned launches)
 */
public record Change(String item, String kind, Status status, List<String> what, List<Finding> findings) {

    public Change {
        what = List.copyOf(what);
        findings = List.copyOf(findings);
    }

    /** The kinds of difference. */
    public enum Status {
        /** Reachable but not in the lock: never reviewed. */
        NEW,
        /** In the lock, but its content identity differs: drift. */
        CHANGED,
        /** In the lock, no longer reachable. Harmless; approve it to drop the entry. */
        REMOVED,
        /** In the lock, but its current content could not be established (probe failed, unreadable). */
        UNVERIFIED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** True for differences that mean "not what was reviewed" (everything except {@link Status#REMOVED}). */
    public boolean blocking() {
        return status != Status.REMOVED;
    }
}
