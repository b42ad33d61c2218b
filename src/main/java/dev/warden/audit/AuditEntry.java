package dev.warden.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One record for the audit log, before redaction.
 *
 * @param kind      what happened: {@code tool.decision}, {@code tool.result}, {@code tool.failure},
 *                  {@code session.start}, {@code session.end}, {@code subagent.start},
 *                  {@code subagent.stop}, {@code prompt}, {@code stop}, {@code permission.request},
 *                  {@code approval.requested|granted|rejected|expired}, {@code policy.loaded},
 *                  {@code quarantine}, {@code freeze}, {@code drift}, ...
 * @param time      when it happened
 * @param sessionId the harness session ({@code ""} for events outside any session)
 * @param agentId   the subagent id, or null for the main agent / no agent
 * @param agentType the subagent type, or null
 * @param tool      the tool name for tool events, or null
 * @param data      the rest, as JSON-like values (String, Number, Boolean, List, Map); for
 *                  {@code tool.decision}: {@code decision}, {@code rules}, {@code reasons},
 *                  {@code profile}, {@code policy}, {@code mode}, {@code latency_us}, {@code input},
 *                  {@code findings}, {@code tool_use_id}, {@code cwd}
 */
public record AuditEntry(
        String kind,
        Instant time,
        String sessionId,
        @Nullable String agentId,
        @Nullable String agentType,
        @Nullable String tool,
        Map<String, @Nullable Object> data) {

    public AuditEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(data, "data");
    }
}
