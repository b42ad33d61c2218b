package dev.warden.analysis.shell;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The syntax tree of a Bash script, as far as Warden needs it: every construct that can run a
 * command is kept, everything else (arithmetic, test expressions, case patterns) is kept only for
 * the substitutions inside it, which do run.
 */
final class Syntax {

    private Syntax() {}

    /** A piece of a script that runs commands. */
    sealed interface Node permits Seq, AndOr, Pipe, Simple, Group, If, Loop, For, Case, FuncDef, Cond, Timed, Coproc {}

    /** {@code time pipeline}: reported with {@code time} in {@code via}, like {@code /usr/bin/time}. */
    record Timed(Node body) implements Node {}

    /**
     * {@code coproc [NAME] command}: the command runs with its standard input and output
     * connected to pipes the rest of the script writes and reads, unseen here.
     */
    record Coproc(Node body, String text) implements Node {}

    /** Commands separated by {@code ;}, {@code &} or newlines: each runs. */
    record Seq(List<Node> items) implements Node {}

    /** {@code a && b || c}: the first runs, the others depend on it. */
    record AndOr(List<Node> items) implements Node {}

    /** {@code a | b |& c}, possibly negated or timed. */
    record Pipe(List<Node> elements, String text) implements Node {}

    /** A simple command: assignments, words and redirections in any order. */
    record Simple(List<Assign> assigns, List<Word> words, List<Redir> redirs, String text) implements Node {}

    /** {@code ( list )} or {@code { list; }} with trailing redirections. */
    record Group(Node body, boolean subshell, List<Redir> redirs) implements Node {}

    /** {@code if c1; then b1; elif c2; then b2; else e; fi}. */
    record If(List<Node> conditions, List<Node> bodies, @Nullable Node otherwise, List<Redir> redirs) implements Node {}

    /** {@code while}/{@code until} loops, and arithmetic {@code for ((;;))} (condition is a {@link Cond}). */
    record Loop(Node condition, Node body, List<Redir> redirs) implements Node {}

    /** {@code for NAME in WORDS; do body; done} (also {@code select}); words null means {@code "$@"}. */
    record For(String name, @Nullable List<Word> words, Node body, List<Redir> redirs) implements Node {}

    /** {@code case WORD in pat|pat) body ;; esac}. */
    record Case(Word subject, List<Word> patterns, List<Node> bodies, List<Redir> redirs) implements Node {}

    /** {@code name() body} or {@code function name body}. */
    record FuncDef(String name, Node body, String text) implements Node {}

    /** {@code [[ ... ]]} and {@code (( ... ))}: no command runs, but substitutions in the words do. */
    record Cond(List<Word> words) implements Node {}

    /** {@code NAME=value}, {@code NAME+=value} or {@code NAME=(a b c)}. */
    record Assign(String name, @Nullable Word value, @Nullable List<Word> array, String text) {}

    /**
     * A redirection. {@code op} includes a leading descriptor as written ({@code 2>}, {@code 2>&});
     * {@code target} is null for heredocs, whose body arrives in {@code heredoc}.
     */
    record Redir(String op, @Nullable Word target, @Nullable Heredoc heredoc) {}

    /** A heredoc whose body is read after the end of its line; mutable only while parsing. */
    static final class Heredoc {
        final String delimiter;
        final boolean quoted;
        final boolean stripTabs;
        Word body = Word.EMPTY;
        boolean terminated;

        Heredoc(String delimiter, boolean quoted, boolean stripTabs) {
            this.delimiter = delimiter;
            this.quoted = quoted;
            this.stripTabs = stripTabs;
        }
    }

    /**
     * A word before expansion.
     *
     * @param parts  its pieces in order
     * @param text   its source text
     * @param braces true when it has an unquoted {@code {} that brace expansion may act on
     */
    record Word(List<Part> parts, String text, boolean braces) {
        static final Word EMPTY = new Word(List.of(), "", false);

        /** The literal value when the word has no expansions at all, else null. */
        @Nullable String literal() {
            if (parts.size() == 1 && parts.get(0) instanceof Lit l && (l.quoted() || !braces)) {
                return l.text();
            }
            StringBuilder sb = new StringBuilder();
            for (Part p : parts) {
                if (!(p instanceof Lit l) || (!l.quoted() && braces)) {
                    return null;
                }
                sb.append(l.text());
            }
            return sb.toString();
        }

        /** True when the word is exactly this unquoted text (reserved words, {@code ]]}). */
        boolean is(String plain) {
            return parts.size() == 1 && parts.get(0) instanceof Lit l && !l.quoted() && l.text().equals(plain);
        }
    }

    /** A piece of a word. */
    sealed interface Part permits Lit, Param, Sub, Arith, ProcSub {}

    /** Literal text; {@code quoted} text takes no part in brace expansion or field splitting. */
    record Lit(String text, boolean quoted) implements Part {}

    /**
     * {@code $name}, {@code ${name}}, {@code ${name:-word}} ...
     *
     * @param name   the parameter name ({@code X}, {@code 1}, {@code @}, ...)
     * @param op     the operator ({@code :-}, {@code #}, {@code /}, {@code len} for {@code ${#x}},
     *               {@code !} for {@code ${!x}}), or empty
     * @param arg    the operator's word, when it has one
     * @param index  the array subscript ({@code ${a[i]}}), which is evaluated
     * @param quoted inside double quotes
     */
    record Param(String name, String op, @Nullable Word arg, @Nullable Word index, boolean quoted, String text)
            implements Part {}

    /** {@code $( )} or backticks: the body runs. */
    record Sub(Node body, boolean quoted, String text) implements Part {}

    /** {@code $(( ))}: not a command, but substitutions inside it run. */
    record Arith(Word inner, boolean quoted, String text) implements Part {}

    /** {@code <( )} or {@code >( )}: the body runs; the word becomes a path. */
    record ProcSub(Node body, char direction, String text) implements Part {}
}
