package dev.warden.harness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON in and out for commands and the server: one shared databind mapper, and JSON trees as
 * plain Java values. The hook path uses {@link LightJson} instead (see there why).
 */
public final class Json {

    /** The shared mapper (thread-safe). Not used on the hook path. */
    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    /**
     * A JSON tree as plain Java values: Map (insertion-ordered, unmodifiable), List, String,
     * Long (integers), Double (other numbers), Boolean, or null.
     */
    public static @Nullable Object toJava(@Nullable JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, @Nullable Object> m = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                m.put(e.getKey(), toJava(e.getValue()));
            }
            return Collections.unmodifiableMap(m);
        }
        if (node.isArray()) {
            List<@Nullable Object> l = new ArrayList<>(node.size());
            for (JsonNode n : node) {
                l.add(toJava(n));
            }
            return Collections.unmodifiableList(l);
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.toString();
    }

    /** An object node as a map; an empty map for anything else. */
    @SuppressWarnings("unchecked")
    public static Map<String, @Nullable Object> object(@Nullable JsonNode node) {
        Object o = toJava(node);
        return o instanceof Map<?, ?> m ? (Map<String, @Nullable Object>) m : Map.of();
    }

    /** A string field, or null when absent or not a string. */
    public static @Nullable String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isString() ? v.stringValue() : null;
    }
}
