package dev.warden.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns tool decisions into OpenTelemetry GenAI {@code execute_tool} spans in OTLP/JSON.
 *
 * <p>A span starts at the PreToolUse decision and ends at the PostToolUse result or failure with
 * the same {@code tool_use_id}; a denied call is a zero-length span with status ERROR. Joining is
 * done in a bounded window ({@link #WINDOW} open calls, oldest flushed first), so memory stays
 * constant however long the log is. Trace id: the first 16 bytes of SHA-256(session); span id:
 * the first 8 bytes of SHA-256(tool_use_id, or the entry index). Attributes follow the GenAI
 * semantic conventions ({@code gen_ai.operation.name=execute_tool}, {@code gen_ai.tool.name},
 * {@code gen_ai.tool.call.id}, {@code gen_ai.tool.type}, {@code gen_ai.agent.id},
 * {@code gen_ai.agent.name}, {@code gen_ai.conversation.id}) plus {@code warden.*} ones.
 */
final class OtelExport {

    static final int WINDOW = 10_000;
    static final String HEADER = "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\","
            + "\"value\":{\"stringValue\":\"warden\"}}]},\"scopeSpans\":[{\"scope\":{\"name\":\"dev.warden.audit\"},\"spans\":[";
    static final String FOOTER = "]}]}]}\n";

    private final Consumer<String> out;
    private final Runnable header;
    private final Runnable footer;
    private final LinkedHashMap<String, AuditRecord> open = new LinkedHashMap<>();
    private long written;

    OtelExport(Consumer<String> out, Runnable header, Runnable footer) {
        this.out = out;
        this.header = header;
        this.footer = footer;
    }

    void accept(AuditRecord r) {
        String id = r.text("tool_use_id");
        if (r.kind().equals(AuditEvents.TOOL_DECISION)) {
            if (id.isEmpty() || !r.decision().equals("allow") && !r.decision().equals("ask") && !r.decision().equals("approve")) {
                emit(r, null); // no outcome will follow
                return;
            }
            AuditRecord prev = open.put(id, r);
            if (prev != null) {
                emit(prev, null);
            }
            if (open.size() > WINDOW) {
                Iterator<Map.Entry<String, AuditRecord>> it = open.entrySet().iterator();
                emit(it.next().getValue(), null);
                it.remove();
            }
        } else if (r.kind().equals(AuditEvents.TOOL_RESULT) || r.kind().equals(AuditEvents.TOOL_FAILURE)) {
            AuditRecord d = open.remove(id);
            if (d != null) {
                emit(d, r);
            }
        }
    }

    /** Flushes the calls still open and closes the document; returns spans written. */
    long finish() {
        for (AuditRecord d : open.values()) {
            emit(d, null);
        }
        open.clear();
        if (written == 0) {
            header.run();
        }
        footer.run();
        return written;
    }

    private void emit(AuditRecord d, AuditRecord o) {
        if (written == 0) {
            header.run();
        } else {
            out.accept(",");
        }
        out.accept(CanonicalJson.write(span(d, o)));
        written++;
    }

    static Map<String, Object> span(AuditRecord d, AuditRecord o) {
        String tool = d.tool() == null ? "" : d.tool();
        String callId = d.text("tool_use_id");
        long start = nanos(d.time());
        long end = start;
        if (o != null) {
            end = Math.max(start, nanos(o.time()));
            if (o.number("duration_ms") >= 0 && end == start) {
                end = start + o.number("duration_ms") * 1_000_000L;
            }
        }
        List<Map<String, Object>> attrs = new ArrayList<>();
        attr(attrs, "gen_ai.operation.name", "execute_tool");
        attr(attrs, "gen_ai.tool.name", tool);
        attr(attrs, "gen_ai.tool.type", tool.startsWith("mcp__") ? "extension" : "function");
        if (!callId.isEmpty()) {
            attr(attrs, "gen_ai.tool.call.id", callId);
        }
        attr(attrs, "gen_ai.conversation.id", d.sessionId());
        if (d.agentId() != null) {
            attr(attrs, "gen_ai.agent.id", d.agentId());
        }
        if (d.agentType() != null) {
            attr(attrs, "gen_ai.agent.name", d.agentType());
        }
        attr(attrs, "warden.decision", d.decision());
        attr(attrs, "warden.rules", String.join(",", d.texts("rules")));
        attr(attrs, "warden.profile", d.text("profile"));
        Map<String, Object> idx = new LinkedHashMap<>();
        idx.put("key", "warden.audit.index");
        idx.put("value", Map.of("intValue", Long.toString(d.index())));
        attrs.add(idx);
        Map<String, Object> status = new LinkedHashMap<>();
        boolean failed = o != null && o.kind().equals(AuditEvents.TOOL_FAILURE);
        if (d.decision().equals("deny")) {
            status.put("code", 2);
            status.put("message", "denied by Warden: " + Timeline.firstReason(d));
            attr(attrs, "error.type", "warden.denied");
        } else if (failed) {
            status.put("code", 2);
            status.put("message", Timeline.oneLine(o.text("error"), 200));
            attr(attrs, "error.type", "tool_error");
        } else {
            status.put("code", o == null ? 0 : 1);
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("traceId", hexId(d.sessionId().isEmpty() ? "no-session" : d.sessionId(), 16));
        s.put("spanId", hexId(callId.isEmpty() ? "index:" + d.index() : callId, 8));
        s.put("name", "execute_tool " + tool);
        s.put("kind", 1); // SPAN_KIND_INTERNAL
        s.put("startTimeUnixNano", Long.toString(start));
        s.put("endTimeUnixNano", Long.toString(end));
        s.put("attributes", attrs);
        s.put("status", status);
        return s;
    }

    private static void attr(List<Map<String, Object>> attrs, String key, String value) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("key", key);
        a.put("value", Map.of("stringValue", value));
        attrs.add(a);
    }

    private static long nanos(java.time.Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    static String hexId(String seed, int bytes) {
        byte[] h = Merkle.sha256().digest(seed.getBytes(StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(h, 0, bytes);
    }
}
