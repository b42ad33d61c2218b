package dev.warden.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/** Shared test fixtures: a stepping clock, entries, logs in a temp home. */
final class AuditFixtures {

    static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    private AuditFixtures() {}

    /** A clock that advances one millisecond per read. */
    static InstantSource steppingClock() {
        AtomicLong ms = new AtomicLong(T0.toEpochMilli());
        return () -> Instant.ofEpochMilli(ms.getAndIncrement());
    }

    static AuditLog log(Path home) {
        return AuditLog.builder(home).clock(steppingClock()).checkpointEvery(10).checkpointInterval(Duration.ofDays(1)).open();
    }

    static AuditEntry decision(int i, String session, @Nullable String agentId, String tool, String decision, String rule) {
        Map<String, @Nullable Object> d = new LinkedHashMap<>();
        d.put("decision", decision);
        d.put("rules", rule.isEmpty() ? List.of() : List.of(rule));
        d.put("reasons", rule.isEmpty() ? List.of() : List.of(Map.of("rule", rule, "effect", decision, "message", "because " + rule, "part", "", "hint", "")));
        d.put("profile", "default");
        d.put("policy", "p1");
        d.put("latency_us", 40 + i);
        d.put("input", Map.of("command", "echo " + i));
        d.put("tool_use_id", "toolu_" + session + "_" + i);
        d.put("cwd", "/work/project");
        return new AuditEntry("tool.decision", T0.plusSeconds(i), session, agentId, agentId == null ? null : "general-purpose", tool, d);
    }

    static AuditEntry result(int i, String session, @Nullable String agentId, String tool, boolean failed) {
        Map<String, @Nullable Object> d = new LinkedHashMap<>();
        d.put("tool_use_id", "toolu_" + session + "_" + i);
        d.put("status", failed ? "failed" : "ok");
        d.put("duration_ms", 12);
        if (failed) {
            d.put("error", "Exit code 1");
        }
        return new AuditEntry(failed ? "tool.failure" : "tool.result", T0.plusSeconds(i).plusMillis(500), session, agentId,
                agentId == null ? null : "general-purpose", tool, d);
    }

    static AuditEntry simple(int i) {
        return decision(i, "sess-" + (i % 3), i % 4 == 0 ? "agent" + (i % 2) : null, i % 2 == 0 ? "Bash" : "Read",
                i % 5 == 0 ? "deny" : "allow", i % 5 == 0 ? "git.force-push" : "");
    }
}
