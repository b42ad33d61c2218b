package dev.warden.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
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
            int dash = name.indexOf(":-");
            if (dash > 0) {
                name = name.substring(0, dash); // ${TMPDIR:-/tmp}: judged by the variable we know
            }
            switch (name) {
                case "HOME" -> sb.append(home);
                case "PWD" -> sb.append(cwd);
                case "TMPDIR", "TMP", "TEMP", "TEMPDIR" -> sb.append("/tmp");
                default -> {
                    return null;
                }
            }
            i += 1 + len;
        }
        return sb.toString();
    }

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
}
