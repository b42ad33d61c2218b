package dev.warden.harness.claude;

import dev.warden.audit.AuditEntry;
import dev.warden.audit.AuditEvents;
import dev.warden.call.Decision;
import dev.warden.call.ToolCall;
import dev.warden.call.WardenException;
import dev.warden.engine.Engine;
import dev.warden.engine.Verdict;
import dev.warden.harness.LightJson;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * Claude Code's hook contract, both directions.
 *
 * <p>Design note. Claude Code reads a hook's exit code 2 as "block" and stdout JSON as the
 * answer; exit 1, a crash or a timeout let the call RUN. So every path here returns an
 * {@link Answer} and never throws: a PreToolUse event that cannot be judged (missing fields,
 * policy broken, record not written) gets a deny in JSON; input that cannot even be read as a
 * hook event (empty, not JSON, too large, unknown event) gets exit 2 with the reason on stderr,
 * because then it is unknown whether the event was a PreToolUse. Other events are recorded and
 * answered with exit 0 and no output, so nothing is blocked by accident (exit 2 on Stop would
 * keep the agent running; on UserPromptSubmit it would eat the prompt).
 */
public final class ClaudeHook {

    /** Largest hook event read from stdin; larger input fails closed. */
    public static final int MAX_INPUT_BYTES = 32 * 1024 * 1024;

    /** Every event Warden registers for and understands. */
    public static final List<String> EVENTS = List.of("PreToolUse", "PermissionRequest", "PostToolUse",
            "PostToolUseFailure", "PostToolBatch", "SessionStart", "SessionEnd", "SubagentStart", "SubagentStop",
            "UserPromptSubmit", "Stop");

    /**
     * The events {@code warden install} registers: all of {@link #EVENTS} but PostToolBatch, which
     * repeats what PostToolUse already recorded. With a command hook every registered event is a
     * process start on the tool call's path, so nothing is registered twice.
     */
    public static final List<String> INSTALLED_EVENTS = EVENTS.stream().filter(e -> !e.equals("PostToolBatch")).toList();

    private static final Set<String> KNOWN = Set.copyOf(EVENTS);

    /**
     * What to give back to Claude Code.
     *
     * @param exitCode 0, or 2 to block (stderr is then the reason); never anything else
     * @param stdout   JSON answer or empty
     * @param stderr   a message for the user/model, or empty
     */
    public record Answer(int exitCode, String stdout, String stderr) {}

    private final Engine engine;
    private final @Nullable String label;
    private final java.util.function.Function<ToolCall, Answer> decider;

    /**
     * @param engine the decision path
     * @param label  the explicit binding label for calls through this hook ({@code WARDEN_LABEL}), or null
     */
    public ClaudeHook(Engine engine, @Nullable String label) {
        this.engine = engine;
        this.label = label == null || label.isBlank() ? null : label;
        this.decider = call -> answer(engine.decide(call));
    }

    /**
     * A hook whose PreToolUse calls are decided by another path (the control plane: quarantine,
     * rate limits and approval gates around {@link Engine#decide}); every other event is handled
     * as the embedded hook handles it.
     *
     * @param decider the PreToolUse answer for a call; must not throw
     */
    public ClaudeHook(Engine engine, @Nullable String label, java.util.function.Function<ToolCall, Answer> decider) {
        this.engine = engine;
        this.label = label == null || label.isBlank() ? null : label;
        this.decider = decider;
    }

    /** Handles one hook event. Never throws. */
    public Answer handle(byte[] input) {
        try {
            return handleUnchecked(input);
        } catch (RuntimeException | StackOverflowError e) {
            return block("internal error while handling the hook event: " + e);
        }
    }

    private Answer handleUnchecked(byte[] input) {
        if (input.length == 0 || isBlank(input)) {
            return block("empty hook input; expected one Claude Code hook event as JSON on stdin");
        }
        if (input.length > MAX_INPUT_BYTES) {
            return block("hook input larger than " + MAX_INPUT_BYTES + " bytes");
        }
        Object parsed;
        try {
            parsed = LightJson.parse(input);
        } catch (JacksonException e) {
            return block("hook input is not valid JSON (" + firstLine(e.getOriginalMessage()) + ")");
        }
        if (!(parsed instanceof Map<?, ?>)) {
            return block("hook input must be a JSON object, got " + (parsed == null ? "null" : parsed instanceof List<?> ? "an array" : "a scalar"));
        }
        @SuppressWarnings("unchecked")
        Map<String, @Nullable Object> event = (Map<String, @Nullable Object>) parsed;
        String name = LightJson.text(event, "hook_event_name");
        if (name == null) {
            return event.containsKey("tool_name")
                    ? deny("hook input has no hook_event_name; a tool call that cannot be identified does not run")
                    : block("hook input has no hook_event_name");
        }
        if (!KNOWN.contains(name)) {
            return block("unknown hook event '" + name + "'; Warden handles " + String.join(", ", EVENTS));
        }
        if (name.equals("PreToolUse")) {
            return preToolUse(event);
        }
        return recordOnly(name, event);
    }

    private Answer preToolUse(Map<String, @Nullable Object> event) {
        ToolCall call;
        try {
            call = toolCall(event, label);
        } catch (WardenException e) {
            return deny(e.getMessage() + "; a call Warden cannot identify does not run");
        }
        return decider.apply(call);
    }

    /**
     * The tool call in a PreToolUse-shaped event (also used by replay and policy tests).
     *
     * @throws WardenException (INVALID_INPUT) naming the missing fields
     */
    public static ToolCall toolCall(Map<String, @Nullable Object> event, @Nullable String label) {
        String tool = LightJson.text(event, "tool_name");
        Map<String, @Nullable Object> input = LightJson.objectField(event, "tool_input");
        String session = LightJson.text(event, "session_id");
        String cwd = LightJson.text(event, "cwd");
        StringBuilder missing = new StringBuilder();
        if (tool == null || tool.isBlank()) {
            missing.append(" tool_name");
        }
        if (input == null) {
            missing.append(" tool_input");
        }
        if (session == null) {
            missing.append(" session_id");
        }
        if (cwd == null || cwd.isBlank()) {
            missing.append(" cwd");
        }
        if (!missing.isEmpty()) {
            throw new WardenException(WardenException.Kind.INVALID_INPUT, "the PreToolUse event lacks required fields:" + missing);
        }
        return new ToolCall("claude", session, LightJson.text(event, "agent_id"), LightJson.text(event, "agent_type"),
                cwd, tool, input, LightJson.text(event, "tool_use_id"), LightJson.text(event, "permission_mode"),
                label == null || label.isBlank() ? null : label);
    }

    /** The PreToolUse answer for a verdict: allow/deny/ask JSON, or nothing in monitor mode. */
    public static Answer answer(Verdict v) {
        if (!v.enforced()) {
            return new Answer(0, "", "");
        }
        Decision d = v.decision();
        String decision = switch (d.effect()) {
            case ALLOW, LOG -> "allow";
            case DENY -> "deny";
            // Until an approval gate answers, a human gate is Claude Code's own prompt.
            case ASK, APPROVE -> "ask";
        };
        return new Answer(0, preToolUseJson(decision, reasonText(v)), "");
    }

    /** The text the model and user see for a decision. */
    public static String reasonText(Verdict v) {
        Decision d = v.decision();
        return switch (d.effect()) {
            case ALLOW, LOG -> "Warden: allowed (profile " + d.profile() + ")" + d.reasons().stream()
                    .filter(r -> r.rule().startsWith("warden.approval")).findFirst().map(r -> ": " + r.message()).orElse("");
            case DENY -> "Warden denied this call: " + d.explain() + " [profile " + d.profile() + "]";
            case APPROVE -> "Warden: this call needs a human's approval: " + d.explain() + " [profile " + d.profile() + "]";
            case ASK -> "Warden asks for confirmation: " + d.explain() + " [profile " + d.profile() + "]";
        };
    }

    /** The PreToolUse answer JSON: {@code allow|deny|ask|defer} and the reason the model sees. */
    public static String preToolUseJson(String decision, String reason) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("hookEventName", "PreToolUse");
        out.put("permissionDecision", decision);
        out.put("permissionDecisionReason", reason);
        return LightJson.write(Map.of("hookSpecificOutput", out));
    }

    private Answer recordOnly(String name, Map<String, @Nullable Object> event) {
        String session = nz(LightJson.text(event, "session_id"));
        String agentId = LightJson.text(event, "agent_id");
        String agentType = LightJson.text(event, "agent_type");
        ToolCall context = new ToolCall("claude", session, agentId, agentType, nz(LightJson.text(event, "cwd")),
                nz(LightJson.text(event, "tool_name")), Map.of(), LightJson.text(event, "tool_use_id"),
                LightJson.text(event, "permission_mode"), label);
        Instant now = engine.clock().instant();
        long duration = event.get("duration_ms") instanceof Number n ? n.longValue() : 0;
        AuditEntry entry = switch (name) {
            case "PostToolUse" -> AuditEvents.toolResult(context, text(event.get("tool_response")), duration, now);
            case "PostToolUseFailure" -> AuditEvents.toolFailure(context, text(event.get("error")),
                    Boolean.TRUE.equals(event.get("is_interrupt")), duration, now);
            case "PostToolBatch" -> AuditEvents.lifecycle("tool.batch", session, agentId, agentType,
                    details(event, "tool_calls"), now);
            case "PermissionRequest" -> new AuditEntry("permission.request", now, session, agentId, agentType,
                    context.tool(), details(event, "tool_input", "permission_mode"));
            case "SessionStart" -> AuditEvents.lifecycle(AuditEvents.SESSION_START, session, agentId, agentType,
                    details(event, "source", "cwd", "model"), now);
            case "SessionEnd" -> AuditEvents.lifecycle(AuditEvents.SESSION_END, session, agentId, agentType,
                    details(event, "reason", "cwd"), now);
            case "SubagentStart" -> AuditEvents.lifecycle(AuditEvents.SUBAGENT_START, session, agentId, agentType,
                    details(event, "cwd"), now);
            case "SubagentStop" -> AuditEvents.lifecycle(AuditEvents.SUBAGENT_STOP, session, agentId, agentType,
                    details(event, "cwd"), now);
            case "UserPromptSubmit" -> AuditEvents.prompt(session, nz(LightJson.text(event, "prompt")), now);
            case "Stop" -> AuditEvents.lifecycle("stop", session, agentId, agentType, details(event, "cwd"), now);
            default -> throw new IllegalStateException(name);
        };
        try {
            engine.record(entry);
            if (name.equals("SessionStart")) {
                return sessionStart(context.cwd());
            }
            return new Answer(0, "", "");
        } catch (RuntimeException e) {
            // Not a tool call: report without blocking anything.
            return new Answer(0, "", "warden: could not record " + name + ": " + e.getMessage());
        }
    }

    /**
     * SessionStart: the session-start checks' notices are shown to the user; a blocking one stops
     * the session ({@code continue: false}).
     */
    private Answer sessionStart(String cwd) {
        List<Engine.StartNotice> notices = engine.sessionStart(cwd);
        if (notices.isEmpty()) {
            return new Answer(0, "", "");
        }
        StringBuilder msg = new StringBuilder();
        boolean block = false;
        for (Engine.StartNotice n : notices) {
            block |= n.block();
            msg.append(msg.isEmpty() ? "" : "\n").append(n.message());
        }
        Map<String, Object> root = new LinkedHashMap<>();
        if (block) {
            root.put("continue", false);
            root.put("stopReason", msg.toString());
        }
        root.put("systemMessage", msg.toString());
        return new Answer(0, LightJson.write(root), "");
    }

    private static Map<String, @Nullable Object> details(Map<String, @Nullable Object> event, String... fields) {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        for (String f : fields) {
            if (event.containsKey(f)) {
                m.put(f, event.get(f));
            }
        }
        return m;
    }

    private static String text(@Nullable Object v) {
        if (v == null) {
            return "";
        }
        return v instanceof String s ? s : LightJson.write(v);
    }

    /** Fail closed when the event may be a PreToolUse but cannot be read: exit 2, reason on stderr. */
    public static Answer block(String why) {
        return new Answer(2, "", "Warden blocked this call: " + why);
    }

    private static Answer deny(String why) {
        return new Answer(0, preToolUseJson("deny", "Warden denied this call: " + why), "");
    }

    private static boolean isBlank(byte[] b) {
        for (byte x : b) {
            if (x != ' ' && x != '\n' && x != '\r' && x != '\t') {
                return false;
            }
        }
        return true;
    }

    private static String firstLine(@Nullable String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    private static String nz(@Nullable String s) {
        return s == null ? "" : s;
    }
}
