package dev.warden.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Minimal glob matching ({@code *} any run, {@code ?} one character, {@code [abc]}/{@code [a-z]}/
 * {@code [!x]} one of a set), case-insensitive; no regex, no backtracking beyond the last star.
 *
 * <p>{@link #candidates} answers the question a glob raises before it runs: which of the names
 * that matter could it reach? {@code rm -rf .g?t} is {@code rm -rf .git} wherever a .git exists.
 */
public final class Glob {

    private Glob() {}

    /** True when {@code glob} matches all of {@code text}. */
    public static boolean matches(String glob, String text) {
        return match(glob, 0, text, 0);
    }

    /** True when the word holds a glob character Bash expands. */
    public static boolean isGlob(String word) {
        return word.indexOf('*') >= 0 || word.indexOf('?') >= 0 || word.indexOf('[') >= 0 || word.contains("@(");
    }

    /**
     * Names worth resolving a pattern to: what deleting, reading or writing it would make a
     * finding of (history, keys, credentials, start-up files, Warden's and the agent's own
     * files, source directories).
     */
    private static final List<String> NAMES = List.of(".git", "objects", "refs", "hooks", "packed-refs", "HEAD",
            ".ssh", "id_rsa", "id_ed25519", "id_ecdsa", "authorized_keys", ".aws", "credentials", ".env", ".envrc",
            ".bashrc", ".bash_profile", ".profile", ".zshrc", ".zshenv", ".zprofile", ".bash_login", ".claude",
            ".warden", "settings.json", "settings.local.json", ".npmrc", ".netrc", ".pypirc", ".git-credentials",
            ".pgpass", ".docker", "config.json", ".kube", "config", ".gnupg", ".config", "src", "lib", "app", ".github",
            "workflows", "CLAUDE.md", ".mcp.json", "warden", ".vimrc", ".gitconfig", "Documents", "Desktop",
            ".claude.json", "skills", "agents");

    private static final int MAX_CANDIDATES = 16;
    /** The option "no directory here" for a {@code **} segment. */
    private static final String SKIP = "\u0000";

    /**
     * The concrete paths a path with glob segments may stand for, among {@link #NAMES}: each
     * globbed segment is replaced by every listed name it matches. A segment of only {@code *}
     * and {@code ?} is left alone: it means every entry, which the rules judge as such. Empty
     * when the path has no such segment or nothing listed matches.
     */
    public static List<String> candidates(String path) {
        return candidates(path, false);
    }

    /**
     * As {@link #candidates(String)}; with {@code dotglob} (the script set {@code shopt -s dotglob}
     * or {@code GLOBIGNORE}) a pattern's {@code ?}, {@code *} and classes match a leading dot too.
     */
    public static List<String> candidates(String path, boolean dotglob) {
        List<String> out = new ArrayList<>();
        if (!isGlob(path) || path.length() > 4096) {
            return out;
        }
        String[] segs = path.split("/", -1);
        List<String> partial = new ArrayList<>(List.of(""));
        boolean expanded = false;
        for (int i = 0; i < segs.length; i++) {
            String seg = segs[i];
            List<String> next = new ArrayList<>();
            List<String> options = new ArrayList<>();
            // only a pattern with some literal part (.g?t, ~/.bash?c) says which name it aims at
            boolean literal = seg.chars().anyMatch(ch -> ch != '*' && ch != '?');
            int at = seg.indexOf("@(");
            int close = at < 0 ? -1 : seg.indexOf(')', at);
            if (close > at + 2 && seg.length() <= 64) {
                // extglob @(a|b): each alternative spelled out
                for (String alt : seg.substring(at + 2, close).split("\\|")) {
                    String spelled = seg.substring(0, at) + alt + seg.substring(close + 1);
                    if (!isGlob(spelled)) {
                        options.add(spelled);
                    }
                }
            } else if (isGlob(seg) && literal && seg.length() <= 64) {
                for (String name : NAMES) {
                    // Bash's globs match a leading dot only when the pattern spells it
                    if ((dotglob || name.charAt(0) != '.' || seg.charAt(0) == '.') && matches(seg, name)) {
                        options.add(name);
                    }
                }
            }
            if (options.isEmpty()) {
                options.add(seg);
            } else {
                expanded = true;
            }
            if (seg.equals("**")) {
                // globstar: ** also matches no directory at all (**/.git reaches ./.git)
                options.add(SKIP);
                expanded = true;
            }
            for (String p : partial) {
                for (String o : options) {
                    if (next.size() < MAX_CANDIDATES) {
                        // a leading ** that matches nothing leaves a relative path relative (./x, not /x)
                        next.add(o.equals(SKIP) ? (i == 0 ? "." : p) : i == 0 ? o : p + "/" + o);
                    }
                }
            }
            partial = next;
        }
        if (expanded) {
            for (String p : partial) {
                if (!p.equals(path)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /**
     * Wildcard matching in O(glob × text): on a mismatch only the last {@code *} is retried one
     * character further (no recursion), so patterns like {@code *a*a*a*...b} from a hostile
     * command cannot make it explode.
     */
    private static boolean match(String g, int gi0, String t, int ti0) {
        int gi = gi0;
        int ti = ti0;
        int star = -1;
        int mark = 0;
        while (ti < t.length()) {
            if (gi < g.length() && g.charAt(gi) == '*') {
                star = gi++;
                mark = ti;
                continue;
            }
            int next = gi < g.length() ? one(g, gi, t.charAt(ti)) : -1;
            if (next >= 0) {
                gi = next;
                ti++;
            } else if (star >= 0) {
                gi = star + 1;
                ti = ++mark;
            } else {
                return false;
            }
        }
        while (gi < g.length() && g.charAt(gi) == '*') {
            gi++;
        }
        return gi == g.length();
    }

    /** The index after the one-character token at {@code gi} when it matches {@code ch}, else -1. */
    private static int one(String g, int gi, char ch) {
        char c = g.charAt(gi);
        if (c == '[') {
            int close = g.indexOf(']', gi + 2);
            if (close > 0) {
                return inClass(g.substring(gi + 1, close), ch) ? close + 1 : -1;
            }
        }
        return c == '?' || Character.toLowerCase(c) == Character.toLowerCase(ch) ? gi + 1 : -1;
    }

    /** Whether {@code ch} is in a bracket expression's set ({@code abc}, {@code a-z}, {@code !x}). */
    private static boolean inClass(String set, char ch) {
        boolean negate = !set.isEmpty() && (set.charAt(0) == '!' || set.charAt(0) == '^');
        String s = negate ? set.substring(1) : set;
        char c = Character.toLowerCase(ch);
        boolean in = false;
        for (int i = 0; i < s.length(); i++) {
            char a = Character.toLowerCase(s.charAt(i));
            if (i + 2 < s.length() && s.charAt(i + 1) == '-') {
                char b = Character.toLowerCase(s.charAt(i + 2));
                in |= c >= a && c <= b;
                i += 2;
            } else {
                in |= a == c;
            }
        }
        return in != negate;
    }
}
