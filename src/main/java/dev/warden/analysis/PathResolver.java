package dev.warden.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns the words agents write ({@code ~/x}, {@code ../y}, {@code $HOME/.ssh}) into canonical
 * absolute paths.
 *
 * <p>Design note: resolution is lexical first (tilde, {@code $HOME}/{@code $PWD}, {@code .} and
 * {@code ..}) because it is cheap and works for files that do not exist yet; {@link #real(Path)}
 * then follows symbolic links through the longest prefix that exists, so a link pointing at
 * {@code ~/.ssh/id_rsa} is seen as the key it is. A word whose value the shell decides at run
 * time (a command substitution, an unknown variable) has no path: callers treat it as unknown,
 * never as harmless.
 */
public final class PathResolver {

    private PathResolver() {}

    /**
     * The absolute, lexically normalised path a shell word names, or empty when the word depends
     * on run-time values other than {@code $HOME} and {@code $PWD}.
     *
     * @param word the word after quote removal
     * @param cwd  the working directory the word is relative to
     * @param home the user's home, for {@code ~} and {@code $HOME}
     */
    public static Optional<Path> resolve(String word, Path cwd, Path home) {
        if (word.isEmpty()) {
            return Optional.empty();
        }
        String w = word;
        if (w.indexOf("$(pwd)") >= 0 || w.indexOf("`pwd`") >= 0) {
            w = w.replace("$(pwd)", cwd.toString()).replace("`pwd`", cwd.toString());
        }
        if (w.indexOf('$') >= 0 || w.indexOf('`') >= 0) {
            w = substitute(w, cwd, home);
            if (w == null) {
                return Optional.empty();
            }
        }
        if (w.length() >= 3 && w.charAt(1) == ':' && (w.charAt(2) == '\\' || w.charAt(2) == '/')
                && (w.charAt(0) | 0x20) >= 'a' && (w.charAt(0) | 0x20) <= 'z') {
            // a Windows drive path, as Git Bash (MSYS) converts it: C:\\Users is /c/Users
            w = "/" + Character.toLowerCase(w.charAt(0)) + w.substring(2).replace('\\', '/');
        }
        try {
            Path p;
            if (w.charAt(0) == '~') {
                p = tilde(w, cwd, home);
                if (p == null) {
                    return Optional.empty();
                }
            } else if (w.startsWith("/proc/self/cwd") && (w.length() == 14 || w.charAt(14) == '/')) {
                // the process's working directory and root, spelled through /proc
                p = cwd.resolve(w.length() > 15 ? w.substring(15) : ".");
            } else if (w.startsWith("/proc/self/root/") || w.equals("/proc/self/root")) {
                p = Path.of(w.length() > 15 ? w.substring(15) : "/");
            } else if (w.charAt(0) == '/') {
                p = Path.of(w);
            } else {
                p = cwd.resolve(w);
            }
            return Optional.of(p.normalize());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** Expands {@code ~}, {@code ~/x}, {@code ~+}, {@code ~user}; null for {@code ~-} (unknown). */
    private static @Nullable Path tilde(String w, Path cwd, Path home) {
        int slash = w.indexOf('/');
        String head = slash < 0 ? w : w.substring(0, slash);
        String rest = slash < 0 ? "" : w.substring(slash + 1);
        Path base;
        if (head.equals("~")) {
            base = home;
        } else if (head.equals("~+")) {
            base = cwd;
        } else if (head.equals("~-") || head.length() > 1 && (Character.isDigit(head.charAt(1))
                || head.charAt(1) == '+' || head.charAt(1) == '-')) {
            return null; // OLDPWD or the directory stack: unknown here
        } else {
            Path parent = home.getParent();
            base = (parent == null ? Path.of("/home") : parent).resolve(head.substring(1));
        }
        return rest.isEmpty() ? base : base.resolve(rest);
    }

    /** Replaces $HOME, ${HOME}, $PWD, ${PWD}; null when any other expansion remains. */
    private static @Nullable String substitute(String w, Path cwd, Path home) {
        StringBuilder sb = new StringBuilder(w.length() + 16);
        int i = 0;
        while (i < w.length()) {
            char c = w.charAt(i);
            if (c == '`') {
                return null;
            }
            if (c != '$') {
                sb.append(c);
                i++;
                continue;
            }
            String rest = w.substring(i + 1);
            String name;
            int len;
            if (rest.startsWith("{")) {
                int close = rest.indexOf('}');
                if (close < 0) {
                    return null;
                }
                name = rest.substring(1, close);
                len = close + 1;
            } else {
                int j = 0;
                while (j < rest.length() && (Character.isLetterOrDigit(rest.charAt(j)) || rest.charAt(j) == '_')) {
                    j++;
                }
                name = rest.substring(0, j);
                len = j;
            }
            // ${TMPDIR:-/tmp}, ${TMPDIR-/tmp}, ${TMPDIR:?}: the variable, and what an unset one yields
            String fallback = null;
            int op = 0;
            while (op < name.length() && (Character.isLetterOrDigit(name.charAt(op)) || name.charAt(op) == '_')) {
                op++;
            }
            if (op > 0 && op < name.length()) {
                int f = name.charAt(op) == ':' ? op + 1 : op;
                if (f >= name.length() || name.charAt(f) != '-' && name.charAt(f) != '?') {
                    return null;
                }
                fallback = name.substring(f);
                name = name.substring(0, op);
            }
            String after = w.substring(i + 1 + len);
            switch (name) {
                case "HOME" -> sb.append(home);
                case "PWD" -> sb.append(cwd);
                case "USER", "LOGNAME" -> {
                    // the account's name: the last part of its home (/tmp/pytest-of-$USER)
                    Path account = home.getFileName();
                    if (account == null || fallback != null) {
                        return null;
                    }
                    sb.append(account);
                }
                case "TMPDIR", "TMP", "TEMP", "TEMPDIR" -> {
                    if (!tempReading(sb, fallback, after)) {
                        return null;
                    }
                    sb.append("/tmp");
                }
                default -> {
                    return null;
                }
            }
            i += 1 + len;
        }
        return sb.toString();
    }

    /**
     * Whether a temporary-directory variable may be read as {@code /tmp}. It is unset on most
     * Linux machines, and then {@code "$TMPDIR"/*} is {@code /*}: the temporary reading only
     * holds when the shell stops on an unset variable ({@code ${TMPDIR:?}}), falls back to a
     * temporary directory ({@code ${TMPDIR:-/tmp}}), or when the unset reading is harmless too —
     * an ordinary name at the root ({@code $TMPDIR/build} is {@code /build}), not the root itself,
     * a glob over it or a system directory.
     */
    private static boolean tempReading(CharSequence before, @Nullable String fallback, String rest) {
        if (fallback != null) {
            return fallback.startsWith("?") || fallback.equals("-/tmp") || fallback.startsWith("-/tmp/")
                    || fallback.equals("-/var/tmp");
        }
        return unsetReadingHarmless(before + rest);
    }

    /** The variables that name the temporary directory, unset on most Linux machines. */
    public static final Set<String> TEMP_VARIABLES = Set.of("TMPDIR", "TEMPDIR", "TEMP", "TMP");

    /** True for a word that is a temporary-directory variable alone: {@code $TMPDIR}, {@code ${TMP}}. */
    public static boolean bareTempVariable(String word) {
        String w = word.startsWith("${") && word.endsWith("}") ? word.substring(2, word.length() - 1)
                : word.startsWith("$") ? word.substring(1) : "";
        return TEMP_VARIABLES.contains(w);
    }

    /**
     * What a word becomes when its temporary-directory variable is unset, if that is harmful
     * ({@code "$TMPDIR"/*} is {@code /*}); null otherwise.
     */
    public static @Nullable String unsetTempReading(String word) {
        String w = word;
        for (String name : TEMP_VARIABLES) {
            w = w.replace("${" + name + "}", "");
            int at;
            while ((at = w.indexOf("$" + name)) >= 0) {
                int end = at + 1 + name.length();
                if (end < w.length() && (Character.isLetterOrDigit(w.charAt(end)) || w.charAt(end) == '_')) {
                    break; // $TMPDIR_X is another variable
                }
                w = w.substring(0, at) + w.substring(end);
            }
        }
        return w.equals(word) || unsetReadingHarmless(w) ? null : w;
    }

    /** True when a path that lost a leading variable still names something harmless to remove. */
    static boolean unsetReadingHarmless(String unset) {
        if (unset.isEmpty()) {
            return true; // the word disappears (or is "", which rm refuses)
        }
        if (unset.charAt(0) != '/') {
            return false;
        }
        int end = unset.indexOf('/', 1);
        String first = end < 0 ? unset.substring(1) : unset.substring(1, end);
        if (first.isEmpty() || first.equals(".") || first.equals("..") || first.indexOf('$') >= 0) {
            return false;
        }
        for (int k = 0; k < first.length(); k++) {
            char ch = first.charAt(k);
            if (ch == '*' || ch == '?' || ch == '[' || ch == '{') {
                return false;
            }
        }
        return !ROOT_DIRECTORIES.contains(first);
    }

    /** Top-level directories of Linux and macOS systems. */
    private static final Set<String> ROOT_DIRECTORIES = Set.of("bin", "boot", "dev", "etc", "home",
            "lib", "lib32", "lib64", "libx32", "media", "mnt", "opt", "proc", "root", "run", "sbin", "srv", "sys", "tmp",
            "usr", "var", "snap", "nix", "Users", "System", "Library", "Applications", "Volumes", "private", "cores",
            "workspace", "workspaces", "app", "data", "c", "d");

    /**
     * Follows symbolic links through the longest prefix of {@code p} that exists; the rest is
     * appended unchanged. Returns {@code p} itself when nothing exists or the file system refuses.
     */
    public static Path real(Path p) {
        try {
            return p.toRealPath(); // the common case: the file exists, one realpath(3) call
        } catch (IOException | SecurityException e) {
            // missing (a file about to be written) or unreadable: follow the longest existing prefix
        }
        Path existing = p.getParent();
        Path tail = p.getFileName();
        while (existing != null) {
            try {
                if (Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                    Path r = existing.toRealPath();
                    return tail == null ? r : r.resolve(tail).normalize();
                }
            } catch (IOException | SecurityException e) {
                return p; // dangling link or unreadable: keep the lexical path
            }
            Path name = existing.getFileName();
            if (name == null) {
                return p;
            }
            tail = tail == null ? name : name.resolve(tail);
            existing = existing.getParent();
        }
        return p;
    }

    /**
     * Whether {@code s} is written only with the characters file names usually are (letters,
     * digits, {@code . / _ - + @}): a path, not code, a pattern or prose.
     */
    public static boolean plainName(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!(Character.isLetterOrDigit(ch) || ch == '.' || ch == '/' || ch == '_' || ch == '-' || ch == '+'
                    || ch == '@')) {
                return false;
            }
        }
        return true;
    }
}
