package dev.warden.client;

import org.jspecify.annotations.Nullable;

/**
 * Just enough JSON for the thin client: a strict syntax check of one object, string quoting,
 * and reading one top-level string field — without loading a JSON library into the hook process.
 */
final class MiniJson {

    private MiniJson() {}

    /** True when {@code s} is exactly one well-formed JSON object (whitespace around allowed). */
    static boolean isObject(String s) {
        Parser p = new Parser(s);
        try {
            p.ws();
            if (p.peek() != '{') {
                return false;
            }
            p.value(0);
            p.ws();
            return p.i == s.length();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** A top-level string field of an object, or null (best effort, for error messages). */
    static @Nullable String field(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + java.util.regex.Pattern.quote(name)
                + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.){0,500})\"").matcher(json);
        return m.find() ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : null;
    }

    private static final class Parser {
        final String s;
        int i;

        Parser(String s) {
            this.s = s;
        }

        char peek() {
            if (i >= s.length()) {
                throw new IllegalArgumentException("end");
            }
            return s.charAt(i);
        }

        void ws() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\n' || s.charAt(i) == '\r' || s.charAt(i) == '\t')) {
                i++;
            }
        }

        void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("expected " + c);
            }
            i++;
        }

        void value(int depth) {
            if (depth > 200) {
                throw new IllegalArgumentException("too deep");
            }
            ws();
            char c = peek();
            switch (c) {
                case '{' -> {
                    i++;
                    ws();
                    if (peek() == '}') {
                        i++;
                        return;
                    }
                    while (true) {
                        ws();
                        string();
                        ws();
                        expect(':');
                        value(depth + 1);
                        ws();
                        if (peek() == ',') {
                            i++;
                            continue;
                        }
                        expect('}');
                        return;
                    }
                }
                case '[' -> {
                    i++;
                    ws();
                    if (peek() == ']') {
                        i++;
                        return;
                    }
                    while (true) {
                        value(depth + 1);
                        ws();
                        if (peek() == ',') {
                            i++;
                            continue;
                        }
                        expect(']');
                        return;
                    }
                }
                case '"' -> string();
                case 't' -> literal("true");
                case 'f' -> literal("false");
                case 'n' -> literal("null");
                default -> number();
            }
        }

        void literal(String word) {
            if (!s.startsWith(word, i)) {
                throw new IllegalArgumentException("bad literal");
            }
            i += word.length();
        }

        void number() {
            int start = i;
            if (peek() == '-') {
                i++;
            }
            while (i < s.length() && "0123456789.eE+-".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            if (i == start || !Character.isDigit(s.charAt(i - 1))) {
                throw new IllegalArgumentException("bad number");
            }
        }

        void string() {
            expect('"');
            while (true) {
                char c = peek();
                i++;
                if (c == '"') {
                    return;
                }
                if (c < 0x20) {
                    throw new IllegalArgumentException("control character in string");
                }
                if (c == '\\') {
                    char e = peek();
                    i++;
                    if (e == 'u') {
                        for (int k = 0; k < 4; k++) {
                            if (Character.digit(peek(), 16) < 0) {
                                throw new IllegalArgumentException("bad escape");
                            }
                            i++;
                        }
                    } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                        throw new IllegalArgumentException("bad escape");
                    }
                }
            }
        }
    }
}
