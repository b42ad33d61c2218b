package dev.warden.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Jackson at the edge of the audit package: parse stored entries, turn trees into plain values. */
final class JsonValues {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private JsonValues() {}

    static JsonNode parse(String json) {
        return MAPPER.readTree(json);
    }

    /** A JSON tree as plain Java values: Map, List, String, Long/BigInteger, Double/BigDecimal, Boolean, null. */
    static @Nullable Object toJava(@Nullable JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isObject()) {
            LinkedHashMap<String, @Nullable Object> m = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                m.put(e.getKey(), toJava(e.getValue()));
            }
            return m;
        }
        if (n.isArray()) {
            ArrayList<@Nullable Object> l = new ArrayList<>(n.size());
            for (JsonNode c : n) {
                l.add(toJava(c));
            }
            return l;
        }
        if (n.isString()) {
            return n.asString();
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToLong() ? (Object) n.asLong() : n.bigIntegerValue();
        }
        if (n.isNumber()) {
            return n.decimalValue();
        }
        return n.toString();
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asString();
    }

    static @Nullable String textOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }
}
