package dev.warden.call;

import java.util.Objects;

/**
 * One thing analysis noticed about a call: a force push, a read of a private key, a command it
 * could not parse. Findings are facts, not decisions; the policy turns them into effects.
 *
 * @param id       stable rule-pack id, e.g. {@code git.force-push}; policies refer to it
 * @param severity how bad it is if it goes wrong
 * @param message  what was found, written for the agent and the reviewer
 * @param evidence the part of the call that triggered it (a simple command, a path, a URL)
 * @param hint     what the agent can do instead; empty when there is nothing useful to say
 */
public record Finding(String id, Severity severity, String message, String evidence, String hint) {

    public Finding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(hint, "hint");
    }

    /** The pack this finding belongs to: the part of the id before the first dot. */
    public String category() {
        int dot = id.indexOf('.');
        return dot < 0 ? id : id.substring(0, dot);
    }
}
