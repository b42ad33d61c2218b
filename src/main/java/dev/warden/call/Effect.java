package dev.warden.call;

import java.util.Locale;
import java.util.Optional;

/**
 * What a rule asks for, ordered by precedence: a stronger effect always wins when several rules
 * match ({@code deny > approve > ask > allow}). {@link #LOG} records a match and never decides.
 */
public enum Effect {
    /** Record that the rule matched; does not influence the decision. */
    LOG,
    /** Let the call run. */
    ALLOW,
    /** Let the harness ask its user (Claude Code's own prompt). */
    ASK,
    /** Hold the call until a human approves this exact call. */
    APPROVE,
    /** The call does not run. */
    DENY;

    /** The lower-case name used in policy files, hook answers and the audit log. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stronger of two effects. */
    public Effect max(Effect other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /** Parses a policy-file label ({@code allow|deny|approve|ask|log}), case-insensitive. */
    public static Optional<Effect> parse(String label) {
        for (Effect e : values()) {
            if (e.label().equalsIgnoreCase(label.strip())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
