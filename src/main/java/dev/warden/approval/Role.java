package dev.warden.approval;

import java.util.Locale;
import java.util.Optional;

/** What a credential may do. Agents' and humans' credentials never overlap. */
public enum Role {
    /** A hook or SDK callback: may ask for decisions, nothing else. */
    AGENT,
    /** A human who may approve or reject gated calls, and read their team's audit. */
    APPROVER,
    /** A human who may do everything an approver does, plus freeze, release and manage tokens. */
    ADMIN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String s) {
        for (Role r : values()) {
            if (r.label().equals(s.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** True for the human roles. */
    public boolean human() {
        return this != AGENT;
    }
}
