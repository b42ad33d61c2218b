package dev.warden.audit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The canonical JSON form that audit entries are hashed in. Two equal values always produce the
 * same bytes, so a leaf hash is a function of the entry's content alone.
 *
 * <p>The form (close to RFC 8785, JCS):
 * <ul>
 *   <li>UTF-8, no insignificant whitespace;</li>
 *   <li>object members sorted by key, comparing UTF-16 code units ({@link String#compareTo});
 *       members whose value is {@code null} are left out (absent and null mean the same);</li>
 *   <li>strings escape only {@code "}, {@code \}, and control characters below U+0020
 *       ({@code \b \f \n \r \t}, else {@code \}{@code u00XX} in lower-case hex); everything else
 *       is written as UTF-8; an unpaired surrogate becomes U+FFFD;</li>
 *   <li>numbers: integers in plain decimal; a non-integral finite number as the shortest plain
 *       decimal of its value ({@code 1.5}, {@code 0.001}, never an exponent); an integral
 *       floating value is written as an integer ({@code 2.0 -> 2}); NaN and infinities, which
 *       JSON cannot hold, as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"};</li>
 *   <li>{@link Instant} as its ISO-8601 string; an {@link Optional} as its content or null;
 *       arrays and collections as arrays; maps with non-string keys use {@code String.valueOf(key)};
 *       Jackson {@link JsonNode} trees as the JSON they hold; any other object as its
 *       {@code toString()}.</li>
 * </ul>
 * Writing never fails on content, so an odd value can never stop Warden from recording a call.
 */
public final class CanonicalJson {

    private static final int MAX_DEPTH = 200;

    private CanonicalJson() {}

    /** The canonical text of a JSON-like value. */
    public static String write(@Nullable Object value) {
        StringBuilder sb = new StringBuilder(128);
        append(sb, value, 0);
        return sb.toString();
    }

    /** The canonical UTF-8 bytes of a JSON-like value. */
    public static byte[] bytes(@Nullable Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    static void append(StringBuilder sb, @Nullable Object v, int depth) {
        if (depth > MAX_DEPTH) {
            // Hostile nesting: record a marker instead of overflowing the stack.
            string(sb, "[too deep]");
            return;
        }
        switch (v) {
            case null -> sb.append("null");
            case String s -> string(sb, s);
            case Boolean b -> sb.append(b.booleanValue());
            case Integer i -> sb.append(i.intValue());
            case Long l -> sb.append(l.longValue());
            case Short s -> sb.append(s.shortValue());
            case Byte b -> sb.append(b.byteValue());
            case BigInteger bi -> sb.append(bi);
            case Double d -> number(sb, d);
            case Float f -> number(sb, f.doubleValue());
            case BigDecimal bd -> decimal(sb, bd);
            case Number n -> number(sb, n.doubleValue());
            case Map<?, ?> m -> object(sb, m, depth);
            case Collection<?> c -> {
                sb.append('[');
                boolean first = true;
                for (Object o : c) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    append(sb, o, depth + 1);
                }
                sb.append(']');
            }
            case Object[] a -> append(sb, Arrays.asList(a), depth);
            case Instant t -> string(sb, t.toString());
            case Optional<?> o -> append(sb, o.orElse(null), depth);
            case JsonNode n -> node(sb, n, depth);
            case Enum<?> e -> string(sb, e.name().toLowerCase(java.util.Locale.ROOT));
            case Character c -> string(sb, c.toString());
            default -> string(sb, v.toString());
        }
    }

    private static void object(StringBuilder sb, Map<?, ?> m, int depth) {
        ArrayList<Map.Entry<String, Object>> members = new ArrayList<>(m.size());
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (e.getValue() != null) {
                members.add(Map.entry(String.valueOf(e.getKey()), e.getValue()));
            }
        }
        members.sort(Map.Entry.comparingByKey());
        sb.append('{');
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                if (members.get(i).getKey().equals(members.get(i - 1).getKey())) {
                    continue; // two keys with the same text (e.g. 1 and "1"): first wins
                }
                sb.append(',');
            }
            string(sb, members.get(i).getKey());
            sb.append(':');
            append(sb, members.get(i).getValue(), depth + 1);
        }
        sb.append('}');
    }

    private static void node(StringBuilder sb, JsonNode n, int depth) {
        if (n.isObject()) {
            java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                if (!e.getValue().isNull() && !e.getValue().isMissingNode()) {
                    m.put(e.getKey(), e.getValue());
                }
            }
            object(sb, m, depth);
        } else if (n.isArray()) {
            ArrayList<Object> l = new ArrayList<>(n.size());
            for (JsonNode c : n) {
                l.add(c);
            }
            append(sb, l, depth);
        } else if (n.isString()) {
            string(sb, n.asString());
        } else if (n.isBoolean()) {
            sb.append(n.asBoolean());
        } else if (n.isIntegralNumber()) {
            sb.append(n.bigIntegerValue());
        } else if (n.isNumber()) {
            decimal(sb, n.decimalValue());
        } else if (n.isNull() || n.isMissingNode()) {
            sb.append("null");
        } else {
            string(sb, n.toString());
        }
    }

    private static void number(StringBuilder sb, double d) {
        if (Double.isNaN(d)) {
            string(sb, "NaN");
        } else if (Double.isInfinite(d)) {
            string(sb, d > 0 ? "Infinity" : "-Infinity");
        } else if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
            sb.append((long) d); // also turns -0.0 into 0
        } else {
            // BigDecimal.valueOf uses Double.toString: the shortest decimal that reads back.
            decimal(sb, BigDecimal.valueOf(d));
        }
    }

    private static void decimal(StringBuilder sb, BigDecimal bd) {
        BigDecimal s = bd.signum() == 0 ? BigDecimal.ZERO : bd.stripTrailingZeros();
        if (s.scale() <= 0) {
            sb.append(s.toBigInteger());
        } else {
            sb.append(s.toPlainString());
        }
    }

    static void string(StringBuilder sb, String s) {
        sb.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                    } else if (Character.isHighSurrogate(c)) {
                        if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                            sb.append(c).append(s.charAt(++i));
                        } else {
                            sb.append('\uFFFD');
                        }
                    } else if (Character.isLowSurrogate(c)) {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
