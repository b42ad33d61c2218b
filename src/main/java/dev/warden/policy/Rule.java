package dev.warden.policy;

import dev.warden.call.Effect;
import java.util.List;

/**
 * A policy rule as written.
 *
 * @param id      stable id, shown in every decision it causes
 * @param effect  what it asks for when it matches
 * @param match   Claude Code-style matchers; the rule applies when any matches (or always when empty)
 * @param when    a CEL condition, or empty
 * @param message what to tell the agent
 * @param hint    what the agent can do instead
 * @param layer   where it was defined
 * @param at      file:line of its definition
 * @param approval for {@code effect: approve}: the rule's own gate, or null for {@code settings.approval}
 */
public record Rule(String id, Effect effect, List<String> match, String when, String message, String hint,
        Layer layer, String at, @org.jspecify.annotations.Nullable Approval approval) {
    public Rule {
        match = List.copyOf(match);
    }
}
