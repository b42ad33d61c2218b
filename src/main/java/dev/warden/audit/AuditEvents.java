package dev.warden.audit;

import dev.warden.call.Analysis;
import dev.warden.call.Decision;
import dev.warden.call.Finding;
import dev.warden.call.Reason;
import dev.warden.call.ToolCall;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The entries the rest of Warden writes, one factory per kind; this class is the schema of
 * {@link AuditEntry#data()} (docs/audit.md has the same table). Every factory leaves redaction
 * to the log: pass values as they are.
 *
 * <table>
 * <caption>Kinds and their data fields</caption>
 * <tr><td>{@code tool.decision}</td><td>decision, rules, reasons[{rule,effect,message,part,hint}],
 *     profile, policy, mode, latency_us, input, findings[{id,severity,message,evidence}],
 *     tool_use_id, cwd, harness</td></tr>
 * <tr><td>{@code tool.result}</td><td>tool_use_id, status=ok, duration_ms, output_sha256,
 *     output_bytes, output_excerpt</td></tr>
 * <tr><td>{@code tool.failure}</td><td>tool_use_id, status=failed|interrupted, duration_ms, error</td></tr>
 * <tr><td>{@code approval.requested|granted|rejected|expired}</td><td>tool_use_id, call_digest,
 *     by, reason, expires_at</td></tr>
 * <tr><td>{@code session.start|session.end}</td><td>source | reason, cwd</td></tr>
 * <tr><td>{@code subagent.start|subagent.stop}</td><td>(agent on the entry)</td></tr>
 * <tr><td>{@code prompt}</td><td>prompt_sha256, prompt_excerpt</td></tr>
 * <tr><td>{@code policy.loaded|policy.changed}</td><td>policy, previous, files</td></tr>
 * <tr><td>{@code quarantine|freeze}</td><td>scope, active, reason, by</td></tr>
 * <tr><td>{@code drift}</td><td>subject, expected, actual, action</td></tr>
 * <tr><td>{@code audit.pruned}</td><td>from, to, before, archive, archive_sha256, root_at_to, ranges</td></tr>
 * </table>
 */
public final class AuditEvents {

    /** Excerpts of outputs and prompts are cut to this many characters (after redaction of the whole). */
    public static final int EXCERPT_CHARS = 2000;

    public static final String TOOL_DECISION = "tool.decision";
    public static final String TOOL_RESULT = "tool.result";
    public static final String TOOL_FAILURE = "tool.failure";
    public static final String APPROVAL_REQUESTED = "approval.requested";
    public static final String APPROVAL_GRANTED = "approval.granted";
    public static final String APPROVAL_REJECTED = "approval.rejected";
    public static final String APPROVAL_EXPIRED = "approval.expired";
    public static final String SESSION_START = "session.start";
    public static final String SESSION_END = "session.end";
    public static final String SUBAGENT_START = "subagent.start";
    public static final String SUBAGENT_STOP = "subagent.stop";
    public static final String PROMPT = "prompt";
    public static final String POLICY_LOADED = "policy.loaded";
    public static final String POLICY_CHANGED = "policy.changed";
    public static final String QUARANTINE = "quarantine";
    public static final String FREEZE = "freeze";
    public static final String DRIFT = "drift";

    private AuditEvents() {}

    /**
     * A PreToolUse decision (every one, allow included: denials and attempts are the point).
     *
     * @param policyHash the compiled policy's version hash
     * @param latencyUs  time Warden took to decide
     */
    public static AuditEntry toolDecision(ToolCall call, Decision decision, Analysis analysis, String policyHash,
            long latencyUs, Instant time) {
        Map<String, @Nullable Object> d = new LinkedHashMap<>();
        d.put("decision", decision.effect().label());
        d.put("rules", decision.rules());
        d.put("reasons", reasons(decision.reasons()));
        d.put("profile", decision.profile());
        d.put("policy", policyHash);
        d.put("mode", call.permissionMode());
        d.put("latency_us", latencyUs);
        d.put("input", call.input());
        d.put("findings", findings(analysis.findings()));
        d.put("tool_use_id", call.toolUseId());
        d.put("cwd", call.cwd());
        d.put("harness", call.harness());
        return new AuditEntry(TOOL_DECISION, time, call.sessionId(), call.agentId(), call.agentType(), call.tool(), d);
    }

    /** A PostToolUse result: a digest of the output and a (redacted) excerpt. */
    public static AuditEntry toolResult(ToolCall call, String output, long durationMs, Instant time) {
        Map<String, @Nullable Object> d = new LinkedHashMap<>();
        d.put("tool_use_id", call.toolUseId());
        d.put("status", "ok");
        d.put("duration_ms", durationMs);
        d.put("output_sha256", sha256(output));
        d.put("output_bytes", output.getBytes(StandardCharsets.UTF_8).length);
        d.put("output_excerpt", excerpt(output));
        return new AuditEntry(TOOL_RESULT, time, call.sessionId(), call.agentId(), call.agentType(), call.tool(), d);
    }

    /** A PostToolUseFailure: the tool ran and failed, or was interrupted. */
    public static AuditEntry toolFailure(ToolCall call, String error, boolean interrupted, long durationMs, Instant time) {
        Map<String, @Nullable Object> d = new LinkedHashMap<>();
        d.put("tool_use_id", call.toolUseId());
        d.put("status", interrupted ? "interrupted" : "failed");
        d.put("duration_ms", durationMs);
        d.put("error", excerpt(error));
        return new AuditEntry(TOOL_FAILURE, time, call.sessionId(), call.agentId(), call.agentType(), call.tool(), d);
    }

    /**
     * An approval event.
     *
     * @param kind       one of the {@code APPROVAL_*} kinds
     * @param callDigest the digest of the exact call the approval is bound to
     * @param by         who decided (null for requested/expired)
     */
    public static AuditEntry approval(String kind, ToolCall call, String callDigest, @Nullable String by,
            @Nullable String reason, @Nullable Instant expiresAt, Instant time) {
        if (!kind.startsWith("approval.")) {
            throw new IllegalArgumentException("not an approval kind: " + kind);
        }
        Map<String, @Nullable Object> d = new LinkedHashMap<>();
        d.put("tool_use_id", call.toolUseId());
        d.put("call_digest", callDigest);
        d.put("by", by);
        d.put("reason", reason);
        d.put("expires_at", expiresAt);
        return new AuditEntry(kind, time, call.sessionId(), call.agentId(), call.agentType(), call.tool(), d);
    }

    /** Session or subagent lifecycle ({@code SESSION_*}, {@code SUBAGENT_*}). */
    public static AuditEntry lifecycle(String kind, String sessionId, @Nullable String agentId, @Nullable String agentType,
            Map<String, @Nullable Object> details, Instant time) {
        return new AuditEntry(kind, time, sessionId, agentId, agentType, null, new LinkedHashMap<>(details));
    }

    /** A user prompt: its digest and a redacted excerpt. */
    public static AuditEntry prompt(String sessionId, String prompt, Instant time) {
        Map<String, @Nullable Object> d = new LinkedHashMap<>();
        d.put("prompt_sha256", sha256(prompt));
        d.put("prompt_excerpt", excerpt(prompt));
        return new AuditEntry(PROMPT, time, sessionId, null, null, null, d);
    }

    /** A policy load or change. */
    public static AuditEntry policy(boolean changed, String policyHash, @Nullable String previousHash, List<String> files, Instant time) {
        Map<String, @Nullable Object> d = new LinkedHashMap<>();
        d.put("policy", policyHash);
        d.put("previous", previousHash);
        d.put("files", files);
        return new AuditEntry(changed ? POLICY_CHANGED : POLICY_LOADED, time, "", null, null, null, d);
    }

    /** A quarantine or freeze switched on or off ({@code QUARANTINE} or {@code FREEZE}). */
    public static AuditEntry control(String kind, String scope, boolean active, String reason, @Nullable String by, Instant time) {
        Map<String, @Nullable Object> d = new LinkedHashMap<>();
        d.put("scope", scope);
        d.put("active", active);
        d.put("reason", reason);
        d.put("by", by);
        return new AuditEntry(kind, time, "", null, null, null, d);
    }

    /** Configuration or supply-chain drift (an MCP server, a skill, a settings file changed). */
    public static AuditEntry drift(String subject, String expected, String actual, String action, Instant time) {
        Map<String, @Nullable Object> d = new LinkedHashMap<>();
        d.put("subject", subject);
        d.put("expected", expected);
        d.put("actual", actual);
        d.put("action", action);
        return new AuditEntry(DRIFT, time, "", null, null, null, d);
    }

    private static List<Map<String, Object>> reasons(List<Reason> reasons) {
        List<Map<String, Object>> out = new ArrayList<>(reasons.size());
        for (Reason r : reasons) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", r.rule());
            m.put("effect", r.effect().label());
            m.put("message", r.message());
            m.put("part", r.part());
            m.put("hint", r.hint());
            out.add(m);
        }
        return out;
    }

    private static List<Map<String, Object>> findings(List<Finding> findings) {
        List<Map<String, Object>> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", f.id());
            m.put("severity", f.severity().label());
            m.put("message", f.message());
            m.put("evidence", f.evidence());
            out.add(m);
        }
        return out;
    }

    static String sha256(String s) {
        return HexFormat.of().formatHex(Merkle.sha256().digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The first {@link #EXCERPT_CHARS} characters. The log redacts the excerpt; the cut itself may
     * split a secret, so a partial token is still caught by the high-entropy and prefix detectors
     * when long enough, and is too short to be useful otherwise.
     */
    static String excerpt(String s) {
        if (s.length() <= EXCERPT_CHARS) {
            return s;
        }
        int end = EXCERPT_CHARS;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "...[" + (s.length() - end) + " more chars]";
    }
}
