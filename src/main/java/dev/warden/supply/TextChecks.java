package dev.warden.supply;

import dev.warden.call.Finding;
import dev.warden.call.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks text that reaches the model unseen by the user — MCP tool descriptions, Skill and
 * subagent bodies — for tool poisoning: instructions aimed at the model, invisible Unicode, and
 * references to other servers' tools.
 *
 * <p>Design note: every check runs in time linear in the text. Invisible characters are found in
 * one pass over code points; phrases by {@code indexOf} over a normalised copy (lower case,
 * invisible characters removed so they cannot split a phrase, whitespace collapsed); the few
 * proximity patterns use only bounded quantifiers, so the regex engine's backtracking is bounded
 * by a constant per position. Texts longer than {@link #MAX_TEXT} are themselves a finding and are
 * scanned only up to that length.
 */
final class TextChecks {

    static final String HIDDEN = "supply.hidden-instructions";
    static final String INVISIBLE = "supply.invisible-unicode";
    static final String OVERSIZED = "supply.oversized-description";

    /**
     * Longer descriptions are reported and scanned up to here. Real tool descriptions and Skill
     * bodies are a few KiB; the proximity patterns cost a bounded constant per position, and
     * this bound keeps a hostile text's scan well under a second.
     */
    static final int MAX_TEXT = 64 * 1024;

    private static final String HINT = "Do not approve this item; ask a reviewer to read the full text "
            + "(`warden supply review`) and remove or replace the server or skill.";

    /** Imperatives aimed at the model, in normalised form. */
    private static final List<String> PHRASES = List.of(
            "ignore previous instructions", "ignore all previous", "ignore the previous", "ignore prior instructions",
            "ignore all prior", "ignore your instructions", "ignore the above", "disregard previous", "disregard all prior",
            "disregard the above", "disregard your instructions", "forget previous instructions", "forget your instructions",
            "override your instructions", "new instructions:", "do not tell the user", "don't tell the user",
            "do not inform the user", "don't inform the user", "do not mention", "don't mention", "never mention",
            "without telling the user", "without informing the user", "without the user knowing", "the user must not know",
            "the user should not know", "hide this from the user", "keep this secret from", "do not reveal",
            "don't reveal", "<important>", "</important>", "<system>", "[system]", "<|im_start|>", "system prompt:",
            "it is very important that you", "you must always", "before any other tool");

    private static final Pattern BEFORE_TOOL = Pattern.compile(
            "\\bbefore (?:using|calling|you use|you call|invoking) (?:this|the|any) tool\\b[^.!?]{0,60}?"
                    + "\\b(?:read|call|use|send|run|fetch|pass|include|open|cat|load)\\b");

    private static final Pattern SENSITIVE_READ = Pattern.compile(
            "\\b(?:read|cat|open|load|include|access|fetch|get|send|upload|attach|pass|provide)\\w{0,4}\\b[^.!?]{0,60}?"
                    + "(?:~/\\.ssh|\\.ssh/|id_rsa|id_ed25519|id_ecdsa|~/\\.aws|\\.aws/credentials|/etc/passwd|/etc/shadow|"
                    + "\\.npmrc|\\.netrc|\\.git-credentials|\\.kube/config|\\.env\\b|mcp\\.json|claude_desktop_config|"
                    + "private key|api key|access token|credentials)");

    private static final Pattern SENSITIVE_PATH = Pattern.compile(
            "(?:~/\\.ssh|id_rsa\\b|id_ed25519\\b|\\.aws/credentials|/etc/shadow|\\.git-credentials)");

    private static final Pattern SEND_TO_TARGET = Pattern.compile(
            "\\b(?:send|forward|upload|post|exfiltrate|copy|transmit|leak|report|mail|e-mail|email)\\w{0,4}\\b[^.!?]{0,80}?"
                    + "\\b(?:to|at)\\b[ :]{0,3}(?:[\\w.+-]{1,64}@[\\w-]{1,64}\\.[\\w.]{2,32}|https?://[^\\s]{1,128})");

    private static final Pattern BCC = Pattern.compile(
            "\\b(?:bcc|cc)\\b[^.!?]{0,60}?[\\w.+-]{1,64}@[\\w-]{1,64}\\.[\\w.]{2,32}");

    private static final Pattern COVERT = Pattern.compile(
            "\\b(?:always|also|secretly|silently|quietly|covertly)\\b (?:send|forward|bcc|cc|include|copy|upload|add)\\b");

    private TextChecks() {}

    /**
     * Scans one text.
     *
     * @param text             the text (a tool description, a Skill body)
     * @param where            what it is, for messages ({@code tool 'x' of server 'y'}, {@code skill 'deploy'})
     * @param otherServerTools tool names of OTHER servers; mentioning a distinctive one is a finding
     */
    static List<Finding> scan(String text, String where, Set<String> otherServerTools) {
        List<Finding> out = new ArrayList<>();
        String t = text;
        if (t.length() > MAX_TEXT) {
            out.add(new Finding(OVERSIZED, Severity.HIGH,
                    where + " is " + t.length() + " characters long; only the first " + MAX_TEXT + " were checked",
                    where, HINT));
            t = t.substring(0, MAX_TEXT);
        }
        Invisible inv = invisible(t);
        if (inv.count > 0) {
            String msg = where + " contains " + inv.count + " invisible Unicode character(s) (" + inv.kinds
                    + "), first at offset " + inv.firstOffset;
            if (!inv.tagText.isEmpty()) {
                msg += "; text hidden in tag characters: \"" + snippet(inv.tagText) + "\"";
            }
            out.add(new Finding(INVISIBLE, inv.tagText.isEmpty() ? Severity.HIGH : Severity.CRITICAL, msg,
                    where, HINT));
        }
        String norm = normalise(t);
        if (!inv.tagText.isEmpty()) {
            norm = norm + " " + normalise(inv.tagText);
        }
        for (String p : PHRASES) {
            int at = norm.indexOf(p);
            if (at >= 0) {
                out.add(hidden(where, "addresses the model: \"" + snippetAround(norm, at, p.length()) + "\""));
                break;
            }
        }
        matchOnce(out, BEFORE_TOOL, norm, where, "tells the model to act before using a tool");
        matchOnce(out, SENSITIVE_READ, norm, where, "asks for a sensitive file or secret");
        if (out.stream().noneMatch(f -> f.message().contains("sensitive file"))) {
            matchOnce(out, SENSITIVE_PATH, norm, where, "mentions a sensitive file");
        }
        matchOnce(out, SEND_TO_TARGET, norm, where, "asks to send data to an address");
        matchOnce(out, BCC, norm, where, "asks to copy messages to an address");
        matchOnce(out, COVERT, norm, where, "asks for a covert extra action");
        int mcp = norm.indexOf("mcp__");
        if (mcp >= 0) {
            out.add(hidden(where, "refers to another MCP tool: \"" + snippetAround(norm, mcp, 5) + "\""));
        } else {
            for (String other : otherServerTools) {
                if (distinctive(other) && containsWord(norm, other.toLowerCase(Locale.ROOT))) {
                    out.add(new Finding(HIDDEN, Severity.HIGH,
                            where + " refers to tool '" + other + "' of another server", where, HINT));
                    break;
                }
            }
        }
        return out;
    }

    private static void matchOnce(List<Finding> out, Pattern p, String norm, String where, String what) {
        Matcher m = p.matcher(norm);
        if (m.find()) {
            out.add(hidden(where, what + ": \"" + snippet(m.group()) + "\""));
        }
    }

    private static Finding hidden(String where, String what) {
        return new Finding(HIDDEN, Severity.CRITICAL, where + " " + what, where, HINT);
    }

    /** Tool names specific enough that a mention is not an ordinary word ({@code create_issue}, not {@code echo}). */
    private static boolean distinctive(String name) {
        return name.length() >= 6 && (name.indexOf('_') > 0 || name.indexOf('-') > 0);
    }

    private static boolean containsWord(String haystack, String word) {
        int from = 0;
        while (true) {
            int at = haystack.indexOf(word, from);
            if (at < 0) {
                return false;
            }
            int end = at + word.length();
            boolean startOk = at == 0 || !isWordChar(haystack.charAt(at - 1));
            boolean endOk = end == haystack.length() || !isWordChar(haystack.charAt(end));
            if (startOk && endOk) {
                return true;
            }
            from = at + 1;
        }
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }

    /** Lower case, invisible characters removed, typographic quotes straightened, whitespace collapsed. */
    static String normalise(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (invisibleKind(cp) != null) {
                continue;
            }
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                if (!space && !sb.isEmpty()) {
                    sb.append(' ');
                }
                space = true;
                continue;
            }
            space = false;
            if (cp == 0x2018 || cp == 0x2019) {
                cp = '\'';
            } else if (cp == 0x201C || cp == 0x201D) {
                cp = '"';
            }
            sb.appendCodePoint(Character.toLowerCase(cp));
        }
        return sb.toString();
    }

    /** What kind of invisible character a code point is, or null for a visible one. */
    static String invisibleKind(int cp) {
        if (cp >= 0xE0000 && cp <= 0xE007F) {
            return "tag";
        }
        if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F
                || cp == 0x061C) {
            return "bidi";
        }
        if ((cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF || (cp >= 0x2061 && cp <= 0x2064)
                || cp == 0x00AD || cp == 0x180E || cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x3164
                || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF)) {
            return "zero-width";
        }
        return null;
    }

    private record Invisible(int count, String kinds, int firstOffset, String tagText) {}

    private static Invisible invisible(String s) {
        int count = 0;
        int first = -1;
        java.util.TreeSet<String> kinds = new java.util.TreeSet<>();
        StringBuilder tags = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            String kind = invisibleKind(cp);
            if (kind != null) {
                count++;
                kinds.add(kind + " U+" + Integer.toHexString(cp).toUpperCase(Locale.ROOT));
                if (first < 0) {
                    first = i;
                }
                if (kind.equals("tag") && cp >= 0xE0020 && cp <= 0xE007E && tags.length() < 4096) {
                    tags.append((char) (cp - 0xE0000));
                }
            }
            i += Character.charCount(cp);
        }
        String k = kinds.size() > 4 ? String.join(", ", kinds.stream().limit(4).toList()) + ", ..." : String.join(", ", kinds);
        return new Invisible(count, k, first, tags.toString());
    }

    private static String snippetAround(String s, int at, int len) {
        int from = Math.max(0, at - 20);
        int to = Math.min(s.length(), at + len + 40);
        return snippet(s.substring(from, to));
    }

    /** At most 120 printable characters; anything invisible shown as an escape. */
    static String snippet(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 120; ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (invisibleKind(cp) != null || Character.isISOControl(cp)) {
                sb.append(String.format("\\u%04X", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        }
        return sb.length() >= 120 ? sb + "..." : sb.toString();
    }
}
