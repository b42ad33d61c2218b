package dev.warden.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Maps entries to OCSF API Activity events (class 6003, category 6 Application Activity) with the
 * Security Control profile's {@code action}/{@code action_id} and {@code disposition}/{@code
 * disposition_id}. Tool decisions and approval events are exported; other kinds are skipped.
 *
 * <p>Mapping of Warden's decision to OCSF: allow = Allowed/Allowed (1/1); deny = Denied/Blocked
 * (2/2); approve (held for a human) = Unknown/Delayed (0/14); ask (the harness asks its user) =
 * Unknown/Other "Asked user" (0/99); approval granted = Allowed/Approved (1/8); rejected =
 * Denied/Rejected (2/25); expired = Denied/Blocked (2/2, timeouts deny); requested =
 * Unknown/Delayed (0/14).
 */
final class OcsfExport {

    static final String OCSF_VERSION = "1.3.0";
    private final String origin;

    OcsfExport(String origin) {
        this.origin = origin;
    }

    private record Outcome(int actionId, String action, int dispositionId, String disposition) {}

    @Nullable Map<String, Object> event(AuditRecord r) {
        Outcome o = outcome(r);
        if (o == null) {
            return null;
        }
        String tool = r.tool() == null ? "" : r.tool();
        int activity = activity(tool);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("category_uid", 6);
        e.put("category_name", "Application Activity");
        e.put("class_uid", 6003);
        e.put("class_name", "API Activity");
        e.put("activity_id", activity);
        e.put("activity_name", activityName(activity));
        e.put("type_uid", 600300 + activity);
        e.put("type_name", "API Activity: " + activityName(activity));
        e.put("time", r.time().toEpochMilli());
        e.put("action_id", o.actionId());
        e.put("action", o.action());
        e.put("disposition_id", o.dispositionId());
        e.put("disposition", o.disposition());
        boolean denied = o.actionId() == 2;
        e.put("severity_id", denied ? 3 : 1);
        e.put("severity", denied ? "Medium" : "Informational");
        e.put("status_id", denied ? 2 : 1);
        e.put("status", denied ? "Failure" : "Success");
        e.put("is_alert", denied);
        String msg = Timeline.firstReason(r);
        e.put("message", msg.isEmpty() ? r.kind() + " " + tool : msg);
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("uid", r.agentId() == null ? "main" : r.agentId());
        user.put("name", r.agentType() == null ? "main" : r.agentType());
        user.put("type", "Other");
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("user", user);
        actor.put("session", Map.of("uid", r.sessionId()));
        actor.put("app_name", r.text("harness").isEmpty() ? "claude-code" : r.text("harness"));
        e.put("actor", actor);
        Map<String, Object> api = new LinkedHashMap<>();
        api.put("operation", tool);
        api.put("service", Map.of("name", service(tool)));
        if (!r.text("tool_use_id").isEmpty()) {
            api.put("request", Map.of("uid", r.text("tool_use_id")));
        }
        e.put("api", api);
        e.put("src_endpoint", Map.of("name", r.text("harness").isEmpty() ? "claude-code" : r.text("harness")));
        if (!r.text("profile").isEmpty() || !r.text("policy").isEmpty()) {
            Map<String, Object> policy = new LinkedHashMap<>();
            policy.put("name", r.text("profile"));
            policy.put("uid", r.text("policy"));
            policy.put("desc", String.join(", ", r.texts("rules")));
            e.put("policy", policy);
        }
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("name", "Warden");
        product.put("vendor_name", "Warden");
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("version", OCSF_VERSION);
        meta.put("product", product);
        meta.put("uid", origin + "/" + r.index());
        meta.put("log_name", "warden-audit");
        meta.put("sequence", r.index());
        meta.put("event_code", r.kind());
        meta.put("profiles", List.of("security_control"));
        e.put("metadata", meta);
        Map<String, Object> unmapped = new LinkedHashMap<>();
        unmapped.put("warden_kind", r.kind());
        unmapped.put("warden_decision", r.decision());
        unmapped.put("rules", r.texts("rules"));
        if (r.data().get("latency_us") != null) {
            unmapped.put("latency_us", r.data().get("latency_us"));
        }
        if (!r.text("by").isEmpty()) {
            unmapped.put("approver", r.text("by"));
        }
        e.put("unmapped", unmapped);
        return e;
    }

    private static @Nullable Outcome outcome(AuditRecord r) {
        switch (r.kind()) {
            case AuditEvents.TOOL_DECISION -> {
                return switch (r.decision()) {
                    case "allow" -> new Outcome(1, "Allowed", 1, "Allowed");
                    case "deny" -> new Outcome(2, "Denied", 2, "Blocked");
                    case "approve" -> new Outcome(0, "Unknown", 14, "Delayed");
                    case "ask" -> new Outcome(0, "Unknown", 99, "Asked user");
                    default -> new Outcome(0, "Unknown", 0, "Unknown");
                };
            }
            case AuditEvents.APPROVAL_REQUESTED -> {
                return new Outcome(0, "Unknown", 14, "Delayed");
            }
            case AuditEvents.APPROVAL_GRANTED -> {
                return new Outcome(1, "Allowed", 8, "Approved");
            }
            case AuditEvents.APPROVAL_REJECTED -> {
                return new Outcome(2, "Denied", 25, "Rejected");
            }
            case AuditEvents.APPROVAL_EXPIRED -> {
                return new Outcome(2, "Denied", 2, "Blocked");
            }
            default -> {
                return null;
            }
        }
    }

    /** OCSF API Activity: 1 Create, 2 Read, 3 Update, 4 Delete, 99 Other. */
    private static int activity(String tool) {
        return switch (tool) {
            case "Read", "Glob", "Grep", "LS", "WebFetch", "WebSearch" -> 2;
            case "Write" -> 1;
            case "Edit", "MultiEdit", "NotebookEdit" -> 3;
            default -> 99;
        };
    }

    private static String activityName(int id) {
        return switch (id) {
            case 1 -> "Create";
            case 2 -> "Read";
            case 3 -> "Update";
            case 4 -> "Delete";
            default -> "Other";
        };
    }

    private static String service(String tool) {
        if (tool.startsWith("mcp__")) {
            int end = tool.indexOf("__", 5);
            return "mcp:" + (end < 0 ? tool.substring(5) : tool.substring(5, end));
        }
        return tool.toLowerCase(Locale.ROOT).isEmpty() ? "warden" : "claude-code";
    }
}
