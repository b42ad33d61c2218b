package dev.warden.audit;

import dev.warden.call.WardenException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The stored (and hashed) form of an entry: canonical JSON with the members
 * {@code agent_id, agent_type, data, index, kind, session, time, tool, v} (null members absent).
 *
 * <p>The index is part of the hashed entry, so an entry moved to another position names the
 * position it belongs to and verify can say exactly what was reordered. Because {@code index}
 * sorts after {@code data} and before {@code kind}, the canonical text is
 * {@code prefix + ,"index":N, + suffix}: callers build the two halves on their own thread and
 * the single writer only splices in the number it assigns.
 */
final class EntryCodec {

    static final int VERSION = 1;

    private EntryCodec() {}

    /** The two halves of a canonical entry around its index. */
    record Halves(String prefix, String suffix, AuditEntry entry) {
        String body(long index) {
            return prefix + ",\"index\":" + index + "," + suffix;
        }
    }

    static Halves halves(AuditEntry e) {
        StringBuilder p = new StringBuilder(256);
        p.append('{');
        if (e.agentId() != null) {
            CanonicalJson.string(p, "agent_id");
            p.append(':');
            CanonicalJson.string(p, e.agentId());
            p.append(',');
        }
        if (e.agentType() != null) {
            CanonicalJson.string(p, "agent_type");
            p.append(':');
            CanonicalJson.string(p, e.agentType());
            p.append(',');
        }
        p.append("\"data\":");
        CanonicalJson.append(p, e.data(), 1);
        StringBuilder s = new StringBuilder(128);
        s.append("\"kind\":");
        CanonicalJson.string(s, e.kind());
        s.append(",\"session\":");
        CanonicalJson.string(s, e.sessionId());
        s.append(",\"time\":");
        CanonicalJson.string(s, e.time().toString());
        if (e.tool() != null) {
            s.append(",\"tool\":");
            CanonicalJson.string(s, e.tool());
        }
        s.append(",\"v\":").append(VERSION).append('}');
        return new Halves(p.toString(), s.toString(), e);
    }

    /** Parses a stored body; throws INTEGRITY when it is not an entry. */
    static AuditRecord decode(long storedIndex, String body) {
        JsonNode n;
        try {
            n = JsonValues.parse(body);
        } catch (RuntimeException ex) {
            throw new WardenException(WardenException.Kind.INTEGRITY, "entry " + storedIndex + " is not valid JSON");
        }
        if (!n.isObject() || n.get("index") == null || n.get("kind") == null || n.get("time") == null) {
            throw new WardenException(WardenException.Kind.INTEGRITY, "entry " + storedIndex + " is not an audit entry");
        }
        Instant time;
        try {
            time = Instant.parse(n.get("time").asString());
        } catch (DateTimeParseException ex) {
            throw new WardenException(WardenException.Kind.INTEGRITY, "entry " + storedIndex + " has a malformed time");
        }
        @SuppressWarnings("unchecked")
        Map<String, @Nullable Object> data = n.get("data") != null && n.get("data").isObject()
                ? (Map<String, @Nullable Object>) JsonValues.toJava(n.get("data"))
                : new LinkedHashMap<>();
        return new AuditRecord(
                n.get("index").asLong(),
                time,
                n.get("kind").asString(),
                JsonValues.text(n, "session"),
                JsonValues.textOrNull(n, "agent_id"),
                JsonValues.textOrNull(n, "agent_type"),
                JsonValues.textOrNull(n, "tool"),
                data);
    }

    /** The body's claimed index, read without a full parse; -1 when absent. */
    static long claimedIndex(String body) {
        int i = body.lastIndexOf(",\"index\":"); // members after index hold no nested objects
        if (i < 0) {
            return -1;
        }
        long v = 0;
        int j = i + 9;
        boolean any = false;
        while (j < body.length() && Character.isDigit(body.charAt(j))) {
            v = v * 10 + (body.charAt(j) - '0');
            j++;
            any = true;
        }
        return any ? v : -1;
    }
}
