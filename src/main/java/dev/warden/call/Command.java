package dev.warden.call;

import java.util.List;
import java.util.Set;

/**
 * One simple command that the shell would execute, after quote removal and after unwrapping
 * launchers ({@code sudo}, {@code env}, {@code bash -c}, {@code xargs}, {@code find -exec}, ...).
 *
 * @param argv      the words as the program receives them; {@code argv.get(0)} is the program as
 *                  written (possibly a path such as {@code /bin/rm})
 * @param text      the source text this command came from, for explanations
 * @param via       the launchers it was unwrapped from, outermost first (e.g. {@code ["sudo", "bash -c"]})
 * @param redirects redirections attached to it
 * @param remote    true when it runs on another machine or container ({@code ssh host CMD},
 *                  {@code docker exec}), so local paths in it do not refer to this machine
 * @param workedOut the arguments whose value Warden worked out itself from a command substitution
 *                  ({@code rm -rf x$(echo /)}): rules may let such a value raise a finding, never
 *                  clear one
 * @param cds       the directory changes in effect where it runs, oldest first: the operands of the
 *                  {@code cd}/{@code pushd} commands of its shell and the shells around it
 *                  ({@code ~}, {@code ..}, {@code $HOME/x}), each relative to the one before;
 *                  {@link #UNKNOWN_DIR} where the directory became unknown ({@code cd -}, a
 *                  {@code cd} on a branch that may not have run). Empty: the call's own directory.
 */
public record Command(List<String> argv, String text, List<String> via, List<Redirect> redirects, boolean remote,
        Set<String> workedOut, List<String> cds) {

    /** Marks, in {@link #cds()}, a directory change Warden cannot follow. */
    public static final String UNKNOWN_DIR = "\u0000unknown";

    public Command {
        argv = List.copyOf(argv);
        via = List.copyOf(via);
        redirects = List.copyOf(redirects);
        workedOut = Set.copyOf(workedOut);
        cds = List.copyOf(cds);
    }

    /** A command none of whose arguments Warden worked out itself, in the call's own directory. */
    public Command(List<String> argv, String text, List<String> via, List<Redirect> redirects, boolean remote) {
        this(argv, text, via, redirects, remote, Set.of(), List.of());
    }

    /** A command with no launchers and no redirects; convenient in tests. */
    public static Command of(String... argv) {
        return new Command(List.of(argv), String.join(" ", argv), List.of(), List.of(), false);
    }

    /** The program's base name: {@code /usr/bin/git} and {@code git} are both {@code git}. */
    public String program() {
        if (argv.isEmpty()) {
            return "";
        }
        String p = argv.get(0);
        int slash = p.lastIndexOf('/');
        return slash < 0 ? p : p.substring(slash + 1);
    }

    /** The arguments after the program. */
    public List<String> args() {
        return argv.isEmpty() ? List.of() : argv.subList(1, argv.size());
    }

    /** The argv joined by single spaces, the form permission patterns such as {@code git push:*} match. */
    public String line() {
        StringBuilder sb = new StringBuilder();
        for (String a : argv) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(a);
        }
        return sb.toString();
    }

    /**
     * A redirection such as {@code > out.txt} or {@code 2>&1}.
     *
     * @param op     the operator as written: {@code >}, {@code >>}, {@code <}, {@code &>}, {@code >|}, {@code <<}, {@code <<<}, ...
     * @param target the word after the operator after quote removal (a path, a descriptor, or heredoc body)
     */
    public record Redirect(String op, String target) {}
}
