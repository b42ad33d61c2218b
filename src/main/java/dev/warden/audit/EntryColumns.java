package dev.warden.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The check that an entry's query columns (time, kind, session, agent, tool, decision,
 * tool_use_id) say what its hashed body says, as full verify runs it: on the verify's worker
 * threads with a streaming parse, rather than with {@code json_extract} on SQLite's single
 * connection thread (two thirds of a full verify's time when it ran there).
 *
 * <p>The rule is the one the writer follows: a column holds the body's member when that member
 * is a string, and NULL otherwise ({@code decision} and {@code tool_use_id} are members of
 * {@code data}); {@code time_ms} is within a millisecond of the body's time. A body that is not
 * a JSON object, or whose time does not parse, is left to the hash check.
 */
final class EntryColumns {

    private static final JsonFactory JSON = new JsonFactory();
    private static final Object NOT_A_STRING = new Object();
    private static final Object NOT_A_STRING_COLUMN = new Object();
    private static final String[] TOP = {"kind", "session", "agent_id", "agent_type", "tool"};

    private EntryColumns() {}

    /**
     * True when the stored columns disagree with the body.
     *
     * @param body    the stored body (UTF-8 JSON)
     * @param columns the stored columns as SQLite's {@code json_array(time_ms, kind, session,
     *                agent_id, agent_type, tool, decision, tool_use_id)}
     */
    static boolean disagree(byte[] body, byte[] columns) {
        Object[] want = new Object[8]; // kind, session, agent_id, agent_type, tool, decision, tool_use_id, time
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                int top = indexOf(name);
                if (top >= 0) {
                    want[top] = member(p, t);
                } else if (name.equals("time")) {
                    want[7] = member(p, t);
                } else if (name.equals("data") && t == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                        String key = p.currentName();
                        JsonToken v = p.nextToken();
                        if (key.equals("decision")) {
                            want[5] = v == JsonToken.VALUE_STRING ? p.getString() : null;
                        } else if (key.equals("tool_use_id")) {
                            want[6] = v == JsonToken.VALUE_STRING ? p.getString() : null;
                        }
                        p.skipChildren();
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (RuntimeException e) {
            return false; // not JSON: the hash check speaks for it
        }
        Object[] have = new Object[8];
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), columns)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                return true;
            }
            JsonToken t = p.nextToken();
            Long timeMs = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
            for (int i = 0; i < 7; i++) {
                t = p.nextToken();
                have[i] = t == JsonToken.VALUE_STRING ? p.getString() : t == JsonToken.VALUE_NULL ? null : NOT_A_STRING_COLUMN;
            }
            have[7] = timeMs;
        } catch (RuntimeException e) {
            return true;
        }
        for (int i = 0; i < 7; i++) {
            if (!Objects.equals(want[i], have[i])) {
                return true;
            }
        }
        if (have[7] == null) {
            return true;
        }
        if (!(want[7] instanceof String time)) {
            return false;
        }
        try {
            Instant at = Instant.parse(time);
            double ms = at.getEpochSecond() * 1000.0 + at.getNano() / 1e6;
            return Math.abs((Long) have[7] - ms) > 1;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static int indexOf(String name) {
        for (int i = 0; i < TOP.length; i++) {
            if (TOP[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static @Nullable Object member(JsonParser p, JsonToken t) {
        if (t == JsonToken.VALUE_STRING) {
            return p.getString();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        p.skipChildren();
        return NOT_A_STRING;
    }
}
