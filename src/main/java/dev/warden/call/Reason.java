package dev.warden.call;

import java.util.Objects;

/**
 * Why a decision came out as it did, in words the agent can act on.
 *
 * @param rule    the id of the rule, finding or profile check that matched (e.g.
 *                {@code git.force-push}, {@code profile.tools}, {@code team/no-prod-db})
 * @param effect  what that rule asked for
 * @param message what was matched and why it matters
 * @param part    the part of the call it is about (a simple command, a path, a host); may be empty
 * @param hint    what to do instead; may be empty
 */
public record Reason(String rule, Effect effect, String message, String part, String hint) {

    public Reason {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(part, "part");
        Objects.requireNonNull(hint, "hint");
    }

    /** One line for the agent: {@code [rule] message (in: part). Instead: hint}. */
    public String explain() {
        StringBuilder sb = new StringBuilder().append('[').append(rule).append("] ").append(message);
        if (!part.isEmpty()) {
            sb.append(" (in: ").append(part).append(')');
        }
        if (!hint.isEmpty()) {
            sb.append(". Instead: ").append(hint);
        }
        return sb.toString();
    }
}
