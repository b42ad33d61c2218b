package dev.warden.harness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * JSON for the hook path: jackson-core's streaming parser straight into plain Java values
 * (Map, List, String, Long, Double, Boolean, null), and a small writer for answers.
 *
 * <p>Design note. The hook runs in a fresh process per tool call. Building Jackson's databind
 * mapper costs tens of milliseconds there (hundreds of classes to initialise), the streaming
 * parser a fraction of that; so this class must not touch {@link Json#MAPPER}.
 */
public final class LightJson {

    private LightJson() {}

    /** Deepest nesting {@link #parse} accepts; hook events are a few levels deep. */
    public static final int MAX_DEPTH = 200;


    private static final class Streaming {
        static final tools.jackson.core.json.JsonFactory FACTORY = new tools.jackson.core.json.JsonFactory();
    }

    /**
     * Parses one JSON document into plain Java values (see {@link Json#toJava}). Trailing content
     * after the document is an error.
     *
     * @throws tools.jackson.core.JacksonException when the input is not one valid JSON document or
     *         nests deeper than {@link #MAX_DEPTH}
     */
    public static @Nullable Object parse(byte[] json) {
        try (tools.jackson.core.JsonParser p = Streaming.FACTORY.createParser(
                tools.jackson.core.ObjectReadContext.empty(), json)) {
            tools.jackson.core.JsonToken t = p.nextToken();
            if (t == null) {
                throw new tools.jackson.core.exc.StreamReadException(p, "no JSON document");
            }
            Object v = value(p, t, 0);
            if (p.nextToken() != null) {
                throw new tools.jackson.core.exc.StreamReadException(p, "trailing content after the JSON document");
            }
            return v;
        }
    }

    private static @Nullable Object value(tools.jackson.core.JsonParser p, tools.jackson.core.JsonToken t, int depth) {
        if (depth > MAX_DEPTH) {
            throw new tools.jackson.core.exc.StreamReadException(p, "JSON nested deeper than " + MAX_DEPTH);
        }
        return switch (t) {
            case START_OBJECT -> {
                Map<String, @Nullable Object> m = new LinkedHashMap<>();
                tools.jackson.core.JsonToken k;
                while ((k = p.nextToken()) == tools.jackson.core.JsonToken.PROPERTY_NAME) {
                    String name = p.currentName();
                    m.put(name, value(p, p.nextToken(), depth + 1));
                }
                yield Collections.unmodifiableMap(m);
            }
            case START_ARRAY -> {
                List<@Nullable Object> l = new ArrayList<>();
                tools.jackson.core.JsonToken n;
                while ((n = p.nextToken()) != tools.jackson.core.JsonToken.END_ARRAY) {
                    l.add(value(p, n, depth + 1));
                }
                yield Collections.unmodifiableList(l);
            }
            case VALUE_STRING -> p.getString();
            case VALUE_NUMBER_INT -> p.getNumberType() == tools.jackson.core.JsonParser.NumberType.BIG_INTEGER
                    ? p.getDoubleValue() : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new tools.jackson.core.exc.StreamReadException(p, "unexpected " + t);
        };
    }

    /** Writes plain Java values (Map, List, String, Number, Boolean, null) as compact JSON. */
    public static String write(@Nullable Object value) {
        StringBuilder sb = new StringBuilder(128);
        write(sb, value);
        return sb.toString();
    }

    private static void write(StringBuilder sb, @Nullable Object v) {
        switch (v) {
            case null -> sb.append("null");
            case String s -> quote(sb, s);
            case Boolean b -> sb.append(b.booleanValue());
            case Long n -> sb.append(n.longValue());
            case Integer n -> sb.append(n.intValue());
            case Double d when d.isNaN() || d.isInfinite() -> sb.append("null");
            case Number n -> sb.append(n);
            case Map<?, ?> m -> {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    quote(sb, String.valueOf(e.getKey()));
                    sb.append(':');
                    write(sb, e.getValue());
                }
                sb.append('}');
            }
            case List<?> l -> {
                sb.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    write(sb, l.get(i));
                }
                sb.append(']');
            }
            default -> quote(sb, v.toString());
        }
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** A string field of a parsed object, or null when absent or not a string. */
    public static @Nullable String text(Map<String, @Nullable Object> object, String field) {
        return object.get(field) instanceof String s ? s : null;
    }

    /** An object field of a parsed object, or null. */
    @SuppressWarnings("unchecked")
    public static @Nullable Map<String, @Nullable Object> objectField(Map<String, @Nullable Object> object, String field) {
        return object.get(field) instanceof Map<?, ?> m ? (Map<String, @Nullable Object>) m : null;
    }

}
