package dev.warden.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * A path glob in Claude Code's permission-rule syntax, resolved against the project at match
 * time.
 *
 * <ul>
 *   <li>{@code //abs/path} — absolute path from the file-system root;
 *   <li>{@code ~/path} — relative to the home directory;
 *   <li>{@code /path}, {@code ./path}, {@code path/with/slash} — relative to the project root;
 *   <li>{@code name} (no slash) — a base name anywhere, like a gitignore pattern ({@code .env}, {@code *.pem});
 *   <li>{@code **} — any number of directories; {@code *} and {@code ?} — within one segment.
 * </ul>
 * A pattern whose last segment has no wildcard also matches everything beneath it, so
 * {@code ~/.ssh} protects the keys inside.
 */
final class PathPattern {

    enum Root { ABSOLUTE, HOME, PROJECT, ANYWHERE }

    private final String source;
    private final Root root;
    private final String[] segments;
    private final boolean subtree;

    private PathPattern(String source, Root root, String[] segments, boolean subtree) {
        this.source = source;
        this.root = root;
        this.segments = segments;
        this.subtree = subtree;
    }

    /** Compiles a pattern; returns null and adds nothing if it is blank (callers report). */
    static PathPattern compile(String pattern) {
        String p = pattern.strip();
        Root root;
        String rest;
        if (p.startsWith("//")) {
            root = Root.ABSOLUTE;
            rest = p.substring(2);
        } else if (p.equals("~") || p.startsWith("~/")) {
            root = Root.HOME;
            rest = p.length() > 1 ? p.substring(2) : "";
        } else if (p.startsWith("/")) {
            root = Root.PROJECT;
            rest = p.substring(1);
        } else if (p.startsWith("./")) {
            root = Root.PROJECT;
            rest = p.substring(2);
        } else if (p.equals("**") || p.equals("*")) {
            root = Root.ABSOLUTE;
            rest = "**";
        } else if (p.indexOf('/') < 0) {
            root = Root.ANYWHERE;
            rest = p;
        } else {
            root = Root.PROJECT;
            rest = p;
        }
        List<String> segs = new ArrayList<>();
        for (String s : rest.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("**") && !segs.isEmpty() && segs.get(segs.size() - 1).equals("**")) {
                continue;
            }
            segs.add(s);
        }
        boolean subtree = segs.isEmpty() || !Glob.hasWildcard(segs.get(segs.size() - 1));
        return new PathPattern(p, root, segs.toArray(String[]::new), subtree);
    }

    String source() {
        return source;
    }

    /**
     * Whether a canonical absolute path matches.
     *
     * @param path    canonical absolute path ({@code /home/dev/project/src/A.java})
     * @param project the project root, canonical
     * @param home    the home directory, canonical
     */
    boolean matches(String path, String project, String home) {
        if (root == Root.ANYWHERE) {
            int slash = path.lastIndexOf('/');
            String base = path.substring(slash + 1);
            if (segments.length == 1 && Glob.matches(segments[0], base)) {
                return true;
            }
            // "name" also protects what is beneath a directory called name.
            String[] parts = split(path, 0);
            for (String part : parts) {
                if (Glob.matches(segments[0], part)) {
                    return true;
                }
            }
            return false;
        }
        String base = switch (root) {
            case ABSOLUTE -> "";
            case HOME -> home;
            case PROJECT -> project;
            case ANYWHERE -> throw new IllegalStateException();
        };
        int from;
        if (base.isEmpty() || base.equals("/")) {
            from = 0;
        } else {
            if (!path.startsWith(base)) {
                return false;
            }
            if (path.length() > base.length() && path.charAt(base.length()) != '/') {
                return false;
            }
            from = base.length();
        }
        String[] parts = split(path, from);
        return match(parts, 0, 0);
    }

    private static String[] split(String path, int from) {
        List<String> out = new ArrayList<>();
        int i = from;
        int n = path.length();
        while (i < n) {
            while (i < n && path.charAt(i) == '/') {
                i++;
            }
            int j = i;
            while (j < n && path.charAt(j) != '/') {
                j++;
            }
            if (j > i) {
                out.add(path.substring(i, j));
            }
            i = j;
        }
        return out.toArray(String[]::new);
    }

    private boolean match(String[] parts, int pi, int si) {
        if (si == segments.length) {
            return pi == parts.length || subtree;
        }
        String seg = segments[si];
        if (seg.equals("**")) {
            for (int k = pi; k <= parts.length; k++) {
                if (match(parts, k, si + 1)) {
                    return true;
                }
            }
            return false;
        }
        if (pi == parts.length) {
            return false;
        }
        return Glob.matches(seg, parts[pi]) && match(parts, pi + 1, si + 1);
    }

    @Override
    public String toString() {
        return source;
    }
}
