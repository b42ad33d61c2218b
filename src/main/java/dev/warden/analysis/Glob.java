package dev.warden.analysis;

/**
 * Minimal glob matching ({@code *} any run, {@code ?} one character), case-insensitive; no regex.
 * Callers match against short names only: the work grows with the text's length per star.
 */
public final class Glob {

    private Glob() {}

    /** True when {@code glob} matches all of {@code text}. */
    public static boolean matches(String glob, String text) {
        return match(glob, 0, text, 0);
    }

    private static boolean match(String g, int gi, String t, int ti) {
        while (gi < g.length()) {
            char c = g.charAt(gi);
            if (c == '*') {
                while (gi < g.length() && g.charAt(gi) == '*') {
                    gi++;
                }
                if (gi == g.length()) {
                    return true;
                }
                for (int k = ti; k <= t.length(); k++) {
                    if (match(g, gi, t, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (ti >= t.length()) {
                return false;
            }
            if (c != '?' && Character.toLowerCase(c) != Character.toLowerCase(t.charAt(ti))) {
                return false;
            }
            gi++;
            ti++;
        }
        return ti == t.length();
    }
}
