package dev.warden.analysis;

import org.jspecify.annotations.Nullable;

/**
 * Whether a process selector ({@code pgrep -f ward}, {@code pkill -f 'w.rden'}, {@code grep arde},
 * {@code pidof java}) picks Warden's own process. pgrep and grep match anywhere in the command
 * line, so a part of the name, or of the class Warden's Java process runs, selects it too. Used by
 * the self-protection pack for one command and by the shell reader for a whole call
 * ({@code p=$(pgrep -f warden); kill $p}).
 */
public final class GuardSelectors {

    /** What Warden's process command line holds that a pattern may be written against. */
    private static final String[] SUBJECTS = {"warden", "dev.warden.cli.main"};

    /** A one-character bracket class, the usual way to keep grep from matching itself. */
    private static final java.util.regex.Pattern BRACKET = java.util.regex.Pattern.compile("\\[(.)\\]");

    private GuardSelectors() {}

    /** The text with one-character bracket classes written out ({@code [w]arden} is {@code warden}). */
    public static String unbracket(String text) {
        return text.indexOf('[') < 0 ? text : BRACKET.matcher(text).replaceAll("$1");
    }

    /**
     * The pattern a process selector in the lower-cased text is given, when it matches Warden's
     * process; else null.
     */
    public static @Nullable String selectsGuard(String lowerText) {
        boolean selector = false;
        for (String raw : lowerText.split("[\\s|;&()`$<>]+")) {
            String t = raw.replace("'", "").replace("\"", "");
            if (t.isEmpty()) {
                continue;
            }
            String base = t.substring(t.lastIndexOf('/') + 1);
            if (base.equals("pgrep") || base.equals("pkill") || base.equals("grep") || base.equals("egrep")
                    || base.equals("pidof") || base.equals("killall") || base.equals("awk") || base.equals("gawk")
                    || base.equals("mawk")) {
                selector = true;
                continue;
            }
            if (!selector || t.startsWith("-")) {
                continue;
            }
            selector = false;
            if (t.length() > 2 && t.charAt(0) == '/' && t.indexOf('/', 1) > 1) {
                t = t.substring(1, t.indexOf('/', 1)); // awk '/java/{print $6}': the lines the regex selects
            }
            if (t.length() >= 3 && t.length() <= 64 && matchesGuard(t) || t.equals("java")) {
                return t; // (java: Warden's server is a Java process; every one of them is killed)
            }
        }
        return null;
    }

    private static boolean matchesGuard(String pattern) {
        boolean regex = false;
        for (int i = 0; i < pattern.length(); i++) {
            regex |= ".*+?[]^$\\".indexOf(pattern.charAt(i)) >= 0;
        }
        for (String subject : SUBJECTS) {
            if (subject.contains(pattern)) {
                return true;
            }
        }
        if (!regex) {
            return false;
        }
        try {
            java.util.regex.Pattern p = java.util.regex.Pattern.compile(pattern);
            // every pattern against the six letters of the name; against the class name only a pattern
            // with few repetitions and none of a group, whose matching time stays small on 19 letters
            return p.matcher("warden").find() || tame(pattern) && p.matcher(SUBJECTS[1]).find();
        } catch (RuntimeException e) {
            return false; // not a valid pattern: grep would refuse it too
        }
    }

    /** At most three repetition operators, none applied to a group. */
    private static boolean tame(String pattern) {
        int repeats = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '+' || c == '?' || c == '{') {
                repeats++;
                if (i > 0 && pattern.charAt(i - 1) == ')') {
                    return false;
                }
            }
        }
        return repeats <= 3;
    }
}
