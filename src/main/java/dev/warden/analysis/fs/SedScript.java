package dev.warden.analysis.fs;

import java.util.ArrayList;
import java.util.List;

/**
 * The files a sed script itself names: {@code r}/{@code R} read a file into the output,
 * {@code w}/{@code W} and the {@code w} flag of {@code s///} write one. A small walk over sed's
 * grammar (addresses, commands, {@code s} and {@code y} with their delimiters, text and label
 * arguments), enough to tell {@code s/a w b/c/} (no file) from {@code s/a/b/w out} (a file).
 * The file name runs to the end of the line, as in sed.
 */
final class SedScript {

    /** A file a script reads ({@code read}) or writes. */
    record FileUse(String file, boolean read) {}

    private SedScript() {}

    static List<FileUse> files(String script) {
        List<FileUse> out = new ArrayList<>(1);
        int n = script.length();
        int i = 0;
        while (i < n) {
            char ch = script.charAt(i);
            if (ch == ';' || ch == '\n' || ch == '{' || ch == '}' || ch == '!' || Character.isWhitespace(ch)) {
                i++;
                continue;
            }
            i = skipAddress(script, i);
            if (i >= n) {
                break;
            }
            char cmd = script.charAt(i);
            if (cmd == '{' || cmd == '}' || cmd == ';' || cmd == '\n' || Character.isWhitespace(cmd) || cmd == '!') {
                continue;
            }
            i++;
            switch (cmd) {
                case 's' -> {
                    if (i >= n) {
                        return out;
                    }
                    char d = script.charAt(i);
                    i = skipDelimited(script, skipDelimited(script, i + 1, d), d);
                    while (i < n && "gpiImMe0123456789".indexOf(script.charAt(i)) >= 0) {
                        i++;
                    }
                    if (i < n && script.charAt(i) == 'w') {
                        i = fileName(script, i + 1, false, out);
                    }
                }
                case 'y' -> {
                    if (i >= n) {
                        return out;
                    }
                    char d = script.charAt(i);
                    i = skipDelimited(script, skipDelimited(script, i + 1, d), d);
                }
                case 'r', 'R' -> i = fileName(script, i, true, out);
                case 'w', 'W' -> i = fileName(script, i, false, out);
                case 'a', 'i', 'c', 'e', 'b', 't', 'T', ':', 'q', 'Q', 'l', 'L' -> i = lineEnd(script, i, cmd == ':' || cmd == 'a'
                        || cmd == 'i' || cmd == 'c' || cmd == 'e');
                default -> { }
            }
        }
        return out;
    }

    private static int skipAddress(String s, int i) {
        int n = s.length();
        while (i < n) {
            char ch = s.charAt(i);
            if (Character.isDigit(ch) || ch == '$' || ch == ',' || ch == '~' || ch == '+' || ch == ' ' || ch == '!') {
                i++;
            } else if (ch == '/') {
                i = skipDelimited(s, i + 1, '/');
                while (i < n && (s.charAt(i) == 'I' || s.charAt(i) == 'M')) {
                    i++;
                }
            } else if (ch == '\\' && i + 1 < n) {
                i = skipDelimited(s, i + 2, s.charAt(i + 1));
            } else {
                return i;
            }
        }
        return i;
    }

    /** Index just past the next unescaped {@code d} at or after {@code i}. */
    private static int skipDelimited(String s, int i, char d) {
        int n = s.length();
        while (i < n) {
            char ch = s.charAt(i);
            if (ch == '\\') {
                i += 2;
                continue;
            }
            if (ch == d) {
                return i + 1;
            }
            i++;
        }
        return n;
    }

    /** Commands whose argument runs to the end of the line, or (labels, numbers) to ';' as well. */
    private static int lineEnd(String s, int i, boolean wholeLine) {
        int n = s.length();
        while (i < n && s.charAt(i) != '\n' && (wholeLine || s.charAt(i) != ';' && s.charAt(i) != '}')) {
            i++;
        }
        return i;
    }

    private static int fileName(String s, int i, boolean read, List<FileUse> out) {
        int n = s.length();
        while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        int end = s.indexOf('\n', i);
        end = end < 0 ? n : end;
        String f = s.substring(i, end).strip();
        if (!f.isEmpty()) {
            out.add(new FileUse(f, read));
        }
        return end;
    }
}
