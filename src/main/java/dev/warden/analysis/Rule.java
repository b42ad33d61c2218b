package dev.warden.analysis;

import dev.warden.call.Finding;
import dev.warden.call.Severity;
import java.util.Objects;

/**
 * One rule of a rule pack, as the catalog shows it and as findings carry it.
 *
 * @param id          stable id, {@code pack.rule} (e.g. {@code git.force-push}); policies refer to it
 * @param severity    the default severity of its findings (a pack may raise or lower one finding,
 *                    e.g. a force push to a protected branch)
 * @param description what it detects and why it matters, one sentence
 * @param example     a command (or tool input) that triggers it
 * @param hint        what the agent can do instead
 */
public record Rule(String id, Severity severity, String description, String example, String hint) {

    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(example, "example");
        Objects.requireNonNull(hint, "hint");
    }

    /** The pack this rule belongs to: the part of the id before the first dot. */
    public String pack() {
        int dot = id.indexOf('.');
        return dot < 0 ? id : id.substring(0, dot);
    }

    /** A finding of this rule with its default severity and message. */
    public Finding finding(String evidence) {
        return new Finding(id, severity, description, evidence, hint);
    }

    /** A finding of this rule with a specific message. */
    public Finding finding(String message, String evidence) {
        return new Finding(id, severity, message, evidence, hint);
    }

    /** A finding of this rule with a specific severity and message. */
    public Finding finding(Severity severity, String message, String evidence) {
        return new Finding(id, severity, message, evidence, hint);
    }
}
