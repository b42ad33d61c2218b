package dev.warden.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An entry as stored in the log (already redacted), with its position.
 *
 * @param index     0-based position in the log
 * @param time      when it happened
 * @param kind      the entry kind ({@code tool.decision}, ...; see {@link AuditEvents})
 * @param sessionId the session ({@code ""} outside any session)
 * @param agentId   the subagent id, or null for the main agent
 * @param agentType the subagent type, or null
 * @param tool      the tool, or null
 * @param data      the kind-specific fields
 */
public record AuditRecord(
        long index,
        Instant time,
        String kind,
        String sessionId,
        @Nullable String agentId,
        @Nullable String agentType,
        @Nullable String tool,
        Map<String, @Nullable Object> data) {

    /** A string field of {@link #data}, or "" when absent or not a string. */
    public String text(String field) {
        return data.get(field) instanceof String s ? s : "";
    }

    /** A list-of-strings field of {@link #data} (other element types are rendered as text). */
    public List<String> texts(String field) {
        if (data.get(field) instanceof List<?> l) {
            return l.stream().map(o -> o instanceof Map<?, ?> m && m.get("rule") != null ? String.valueOf(m.get("rule")) : String.valueOf(o)).toList();
        }
        return List.of();
    }

    /** A numeric field of {@link #data}, or -1. */
    public long number(String field) {
        return data.get(field) instanceof Number n ? n.longValue() : -1;
    }

    /** The decision of a {@code tool.decision} entry, or "". */
    public String decision() {
        return text("decision");
    }
}
