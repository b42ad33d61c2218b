package dev.warden.supply;

import dev.warden.call.WardenException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON in and out for the supply chain: lenient reading of other tools' configuration files
 * (comments and trailing commas, as VS Code writes them), canonical JSON for digests, and SHA-256.
 */
final class Json {

    /** Configuration files larger than this are reported, not read: no client writes them. */
    static final long MAX_CONFIG_BYTES = 8L << 20;

    static final JsonMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    static final JsonMapper PRETTY = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private Json() {}

    /**
     * Reads a JSON file; the message of the exception says what is wrong and where, without
     * quoting the content (configuration files hold secrets).
     */
    static JsonNode read(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_CONFIG_BYTES) {
                throw new WardenException(WardenException.Kind.INVALID_INPUT,
                        file + ": too large to be a configuration file (" + size + " bytes)");
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length == 0 || new String(bytes, StandardCharsets.UTF_8).isBlank()) {
                throw new WardenException(WardenException.Kind.INVALID_INPUT, file + ": empty file");
            }
            return LENIENT.readTree(bytes);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new WardenException(WardenException.Kind.INVALID_INPUT, file + ": not valid JSON" + where);
        } catch (IOException e) {
            throw new WardenException(WardenException.Kind.INVALID_INPUT, file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** Converts a tree to plain Java values (Map with sorted keys, List, String, Number, Boolean, null). */
    static @Nullable Object plain(@Nullable JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, @Nullable Object> m = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                m.put(e.getKey(), plain(e.getValue()));
            }
            return m;
        }
        if (node.isArray()) {
            List<@Nullable Object> l = new ArrayList<>();
            for (JsonNode v : node.values()) {
                l.add(plain(v));
            }
            return l;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        return node.asString();
    }

    /**
     * Canonical JSON: object keys sorted, no whitespace, numbers in plain decimal form without
     * trailing zeros, strings escaped minimally. Two servers that send the same values in a
     * different key order or number spelling produce the same bytes, hence the same digest.
     */
    static String canonical(@Nullable Object value) {
        StringBuilder sb = new StringBuilder();
        writeCanonical(sb, value);
        return sb.toString();
    }

    private static void writeCanonical(StringBuilder sb, @Nullable Object v) {
        switch (v) {
            case null -> sb.append("null");
            case String s -> quote(sb, s);
            case Boolean b -> sb.append(b);
            case BigDecimal d -> sb.append(number(d));
            case Double d when d.isNaN() || d.isInfinite() -> quote(sb, d.toString());
            case Float f when f.isNaN() || f.isInfinite() -> quote(sb, f.toString());
            case Number n -> sb.append(number(new BigDecimal(n.toString())));
            case Map<?, ?> m -> {
                TreeMap<String, @Nullable Object> sorted = new TreeMap<>();
                m.forEach((k, val) -> sorted.put(String.valueOf(k), val));
                sb.append('{');
                boolean first = true;
                for (Map.Entry<String, @Nullable Object> e : sorted.entrySet()) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    quote(sb, e.getKey());
                    sb.append(':');
                    writeCanonical(sb, e.getValue());
                }
                sb.append('}');
            }
            case Collection<?> c -> {
                sb.append('[');
                boolean first = true;
                for (Object o : c) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    writeCanonical(sb, o);
                }
                sb.append(']');
            }
            case JsonNode n -> writeCanonical(sb, plain(n));
            default -> quote(sb, v.toString());
        }
    }

    private static String number(BigDecimal d) {
        if (d.signum() == 0) {
            return "0";
        }
        return d.stripTrailingZeros().toPlainString();
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
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** {@code sha256:<hex>} of the UTF-8 bytes of a string. */
    static String sha256(String s) {
        return sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code sha256:<hex>} of bytes. */
    static String sha256(byte[] bytes) {
        return "sha256:" + HexFormat.of().formatHex(digester().digest(bytes));
    }

    /** {@code sha256:<hex>} of the canonical JSON of a value. */
    static String digestOf(@Nullable Object value) {
        return sha256(canonical(value));
    }

    static MessageDigest digester() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new WardenException(WardenException.Kind.INTERNAL, "SHA-256 unavailable", e);
        }
    }

    /** An insertion-ordered map, for JSON output whose field order a human reads. */
    static Map<String, @Nullable Object> ordered() {
        return new LinkedHashMap<>();
    }

    /** The string value of a field, or null when absent or not a string. */
    static @Nullable String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isString() ? v.asString() : null;
    }
}
