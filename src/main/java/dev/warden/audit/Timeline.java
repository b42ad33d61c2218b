package dev.warden.audit;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A session reconstructed for an incident review: every entry in log order, subagent events
 * indented under their agent, each PreToolUse decision joined with its outcome (the PostToolUse
 * result or failure with the same {@code tool_use_id}, and any approval events).
 *
 * @param session the session id
 * @param lines   the lines in log order
 */
public record Timeline(String session, List<Line> lines) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    /**
     * One line.
     *
     * @param depth   0 for the main agent, 1 inside a subagent
     * @param record  the entry
     * @param outcome for a decision, the result or failure it led to (null when none was logged)
     */
    public record Line(int depth, AuditRecord record, @Nullable AuditRecord outcome) {}

    public Timeline {
        lines = List.copyOf(lines);
    }

    static Timeline of(List<AuditRecord> records) {
        String session = records.isEmpty() ? "" : records.get(0).sessionId();
        Map<String, AuditRecord> outcomes = new HashMap<>();
        Set<String> decided = new HashSet<>();
        for (AuditRecord r : records) {
            String id = r.text("tool_use_id");
            if (id.isEmpty()) {
                continue;
            }
            if (r.kind().equals(AuditEvents.TOOL_DECISION)) {
                decided.add(id);
            } else if (r.kind().equals(AuditEvents.TOOL_RESULT) || r.kind().equals(AuditEvents.TOOL_FAILURE)) {
                outcomes.putIfAbsent(id, r);
            }
        }
        List<Line> out = new ArrayList<>();
        for (AuditRecord r : records) {
            String id = r.text("tool_use_id");
            boolean outcome = r.kind().equals(AuditEvents.TOOL_RESULT) || r.kind().equals(AuditEvents.TOOL_FAILURE);
            if (outcome && decided.contains(id) && outcomes.get(id) == r) {
                continue; // shown on its decision's line
            }
            int depth = r.agentId() != null || r.agentType() != null ? 1 : 0;
            out.add(new Line(depth, r, r.kind().equals(AuditEvents.TOOL_DECISION) ? outcomes.get(id) : null));
        }
        return new Timeline(session, out);
    }

    /** The timeline as text, one line per entry. */
    public List<String> render() {
        List<String> out = new ArrayList<>(lines.size() + 1);
        out.add("session " + session + " (" + lines.size() + " events)");
        for (Line l : lines) {
            AuditRecord r = l.record();
            StringBuilder sb = new StringBuilder();
            sb.append(TIME.format(r.time())).append("  #").append(r.index()).append("  ");
            sb.append("  ".repeat(l.depth()));
            sb.append(agent(r)).append("  ");
            switch (r.kind()) {
                case AuditEvents.TOOL_DECISION -> {
                    sb.append(r.tool()).append("  ").append(r.decision().toUpperCase(java.util.Locale.ROOT));
                    List<String> rules = r.texts("rules");
                    if (!rules.isEmpty()) {
                        sb.append(" ").append(rules);
                    }
                    String reason = firstReason(r);
                    if (!reason.isEmpty()) {
                        sb.append(" ").append(reason);
                    }
                    sb.append(summary(r));
                    AuditRecord o = l.outcome();
                    if (o != null) {
                        sb.append("  -> ").append(o.text("status"));
                        if (o.number("duration_ms") >= 0) {
                            sb.append(" ").append(o.number("duration_ms")).append(" ms");
                        }
                        if (!o.text("error").isEmpty()) {
                            sb.append(": ").append(oneLine(o.text("error"), 80));
                        }
                    } else if (r.decision().equals("deny")) {
                        sb.append("  -> not run");
                    }
                }
                case AuditEvents.TOOL_RESULT, AuditEvents.TOOL_FAILURE ->
                    sb.append(r.tool()).append("  ").append(r.kind()).append(" ").append(r.text("status"));
                case AuditEvents.APPROVAL_REQUESTED, AuditEvents.APPROVAL_GRANTED, AuditEvents.APPROVAL_REJECTED,
                        AuditEvents.APPROVAL_EXPIRED -> {
                    sb.append(r.kind());
                    if (r.tool() != null) {
                        sb.append(" ").append(r.tool());
                    }
                    if (!r.text("by").isEmpty()) {
                        sb.append(" by ").append(r.text("by"));
                    }
                    if (!r.text("reason").isEmpty()) {
                        sb.append(": ").append(oneLine(r.text("reason"), 80));
                    }
                }
                case AuditEvents.PROMPT -> sb.append("prompt: ").append(oneLine(r.text("prompt_excerpt"), 100));
                default -> sb.append(r.kind());
            }
            out.add(sb.toString());
        }
        return out;
    }

    static String agent(AuditRecord r) {
        if (r.agentId() == null && r.agentType() == null) {
            return "main";
        }
        String id = r.agentId() == null ? "" : r.agentId();
        return (r.agentType() == null ? "subagent" : r.agentType()) + (id.isEmpty() ? "" : "(" + id.substring(0, Math.min(6, id.length())) + ")");
    }

    static String firstReason(AuditRecord r) {
        if (r.data().get("reasons") instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map<?, ?> m
                && m.get("message") instanceof String s) {
            return oneLine(s, 80);
        }
        return "";
    }

    private static String summary(AuditRecord r) {
        if (r.data().get("input") instanceof Map<?, ?> in) {
            Object v = in.get("command");
            if (v == null) {
                v = in.get("file_path");
            }
            if (v == null) {
                v = in.get("url");
            }
            if (v instanceof String s) {
                return "  `" + oneLine(s, 60) + "`";
            }
        }
        return "";
    }

    static String oneLine(String s, int max) {
        String t = s.replace('\n', ' ').replace('\r', ' ');
        return t.length() <= max ? t : t.substring(0, max - 3) + "...";
    }
}
