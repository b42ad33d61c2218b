package dev.warden.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Filters for reading the log; null means "any". All filters must match.
 *
 * @param session     session id, or a prefix of it (8+ characters)
 * @param agent       subagent id or subagent type; {@code main} selects the main agent
 * @param tool        tool name
 * @param decision    decision of {@code tool.decision} entries ({@code allow|deny|approve|ask})
 * @param rule        a rule id among the entry's {@code rules}
 * @param kind        entry kind, or a kind prefix ending in {@code .} ({@code approval.})
 * @param since       inclusive lower time bound
 * @param until       exclusive upper time bound
 * @param text        a substring of the stored (redacted) entry
 * @param limit       at most this many results (0 = no limit)
 * @param newestFirst order by index descending
 */
public record AuditQuery(
        @Nullable String session,
        @Nullable String agent,
        @Nullable String tool,
        @Nullable String decision,
        @Nullable String rule,
        @Nullable String kind,
        @Nullable Instant since,
        @Nullable Instant until,
        @Nullable String text,
        int limit,
        boolean newestFirst) {

    /** Everything, oldest first. */
    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null, null, null, null, 0, false);
    }

    public AuditQuery withSession(@Nullable String s) {
        return new AuditQuery(s, agent, tool, decision, rule, kind, since, until, text, limit, newestFirst);
    }

    public AuditQuery withKind(@Nullable String k) {
        return new AuditQuery(session, agent, tool, decision, rule, k, since, until, text, limit, newestFirst);
    }

    public AuditQuery withLimit(int l, boolean newest) {
        return new AuditQuery(session, agent, tool, decision, rule, kind, since, until, text, l, newest);
    }

    /** True when a decoded record passes every filter (the store pre-filters; this is the final word). */
    boolean matches(AuditRecord r, String body) {
        if (session != null && !(r.sessionId().equals(session) || session.length() >= 8 && r.sessionId().startsWith(session))) {
            return false;
        }
        if (agent != null) {
            boolean main = r.agentId() == null && r.agentType() == null;
            if (agent.equals("main") ? !main : !(agent.equals(r.agentId()) || agent.equals(r.agentType()))) {
                return false;
            }
        }
        if (tool != null && !tool.equals(r.tool())) {
            return false;
        }
        if (decision != null && !decision.equalsIgnoreCase(r.decision())) {
            return false;
        }
        if (rule != null && !r.texts("rules").contains(rule)) {
            return false;
        }
        if (kind != null && !(kind.endsWith(".") ? r.kind().startsWith(kind) : r.kind().equals(kind))) {
            return false;
        }
        if (since != null && r.time().isBefore(since)) {
            return false;
        }
        if (until != null && !r.time().isBefore(until)) {
            return false;
        }
        return text == null || body.contains(text);
    }
}
