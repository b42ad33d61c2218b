package dev.warden.policy;

/**
 * Wildcard matching for one string: {@code *} matches any run of characters, {@code ?} one.
 * Iterative with a single back-track point, so it is O(n·m) in the worst case and allocation
 * free; safe on hostile subjects (patterns come from policy).
 */
final class Glob {

    private Glob() {}

    static boolean hasWildcard(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
    }

    static boolean matches(String pattern, String subject) {
        return matches(pattern, 0, pattern.length(), subject, 0, subject.length());
    }

    static boolean matches(String p, int pStart, int pEnd, String s, int sStart, int sEnd) {
        int pi = pStart;
        int si = sStart;
        int starP = -1;
        int starS = -1;
        while (si < sEnd) {
            if (pi < pEnd) {
                char c = p.charAt(pi);
                if (c == '*') {
                    starP = pi++;
                    starS = si;
                    continue;
                }
                if (c == '?' || c == s.charAt(si)) {
                    pi++;
                    si++;
                    continue;
                }
            }
            if (starP >= 0) {
                pi = starP + 1;
                si = ++starS;
                continue;
            }
            return false;
        }
        while (pi < pEnd && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == pEnd;
    }
}
