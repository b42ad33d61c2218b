package dev.warden.policy;

import dev.warden.call.Command;

/**
 * A Bash command pattern in Claude Code's syntax, matched against one simple command (after
 * unwrapping, with the program reduced to its base name, words joined by single spaces).
 *
 * <ul>
 *   <li>{@code *} — any command;
 *   <li>{@code git push:*} or {@code git push *} — the words {@code git push} followed by anything
 *       (or nothing); {@code git pushx} does not match;
 *   <li>{@code git status} — exactly that command;
 *   <li>{@code git * main} — {@code *} matches any characters.
 * </ul>
 */
final class CommandPattern {

    private final String source;
    private final String prefix;
    private final boolean isPrefix;
    private final boolean glob;

    private CommandPattern(String source, String prefix, boolean isPrefix, boolean glob) {
        this.source = source;
        this.prefix = prefix;
        this.isPrefix = isPrefix;
        this.glob = glob;
    }

    static CommandPattern compile(String pattern) {
        String p = pattern.strip().replaceAll("\\s+", " ");
        if (p.equals("*") || p.equals(":*")) {
            return new CommandPattern(pattern, "", true, false);
        }
        if (p.endsWith(":*")) {
            String head = p.substring(0, p.length() - 2).strip();
            return new CommandPattern(pattern, head, true, Glob.hasWildcard(head));
        }
        if (p.endsWith(" *")) {
            String head = p.substring(0, p.length() - 2).strip();
            return new CommandPattern(pattern, head, true, Glob.hasWildcard(head));
        }
        return new CommandPattern(pattern, p, false, Glob.hasWildcard(p));
    }

    String source() {
        return source;
    }

    boolean any() {
        return isPrefix && prefix.isEmpty();
    }

    boolean matches(Command command) {
        if (any()) {
            return true;
        }
        return matches(line(command));
    }

    /** Matches a command line already normalised ({@code program args...}). */
    boolean matches(String line) {
        if (any()) {
            return true;
        }
        if (glob) {
            if (Glob.matches(prefix, line)) {
                return true;
            }
            return isPrefix && Glob.matches(prefix + " *", line);
        }
        if (!isPrefix) {
            return line.equals(prefix);
        }
        return line.equals(prefix) || (line.startsWith(prefix) && line.charAt(prefix.length()) == ' ');
    }

    /** The normalised line of a command: base name of the program, then the arguments. */
    static String line(Command command) {
        StringBuilder sb = new StringBuilder(command.program());
        for (String a : command.args()) {
            sb.append(' ').append(a);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return source;
    }
}
