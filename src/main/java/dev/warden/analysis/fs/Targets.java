package dev.warden.analysis.fs;

import dev.warden.analysis.Invocation;
import dev.warden.analysis.Place;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Where a destructive command's operand points, glob-aware: {@code /tmp/*} is the contents of
 * {@code /tmp}, judged like {@code /tmp} itself; {@code build/*.o} is some files inside
 * {@code build}. Globs are never expanded (that would need the file system and a snapshot of
 * it); they are judged by the directory they range over.
 */
record Targets(Path path, Place place, boolean everything, boolean someFiles) {

    private static final Set<String> EVERYTHING = Set.of("*", ".*", "*.*", "**", "{*,.*}", ".[!.]*", "..?*", ".??*", "[!.]*");

    /** The target of one operand, or empty when the operand is dynamic or the directory unknown. */
    static Optional<Targets> of(Invocation inv, String word) {
        int wild = firstWildcard(word);
        if (wild < 0) {
            return inv.path(word).map(p -> new Targets(p, inv.place(p), false, false));
        }
        if (inv.path(word).isEmpty()) {
            return Optional.empty(); // "$TMPDIR"/* may be /*: the glob's directory alone cannot say
        }
        int slash = word.lastIndexOf('/', wild);
        String dir = slash < 0 ? "." : slash == 0 ? "/" : word.substring(0, slash);
        int end = word.indexOf('/', wild);
        String component = word.substring(slash + 1, end < 0 ? word.length() : end);
        // extglob !(keep): every entry but those named, so as broad as *
        boolean all = EVERYTHING.contains(component) || component.startsWith("!(") && component.endsWith(")");
        if (all && end >= 0) {
            // */__pycache__ is one name inside each entry, not every entry; */* is every entry's contents
            String rest = word.substring(end + 1);
            all = rest.isEmpty() || rest.equals(".") || EVERYTHING.contains(rest.endsWith("/")
                    ? rest.substring(0, rest.length() - 1) : rest);
        }
        boolean everything = all;
        // the glob ranges over the directory's entries: through it when it is a link (h/* with h -> ~)
        return inv.path(dir.endsWith("/") ? dir : dir + "/").map(p -> new Targets(p, inv.place(p), everything, !everything));
    }

    /** The first glob character, not counting those inside a parameter expansion ({@code ${X:?}}). */
    static int firstWildcard(String w) {
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (c == '$' && i + 1 < w.length() && w.charAt(i + 1) == '{') {
                int close = w.indexOf('}', i);
                if (close < 0) {
                    return -1;
                }
                i = close;
                continue;
            }
            if (c == '*' || c == '?' || c == '[' || (c == '!' || c == '@' || c == '+') && i + 1 < w.length()
                    && w.charAt(i + 1) == '(') {
                return i; // extglob patterns too: !(x), @(a|b), +(x)
            }
        }
        return -1;
    }
}
