package dev.warden.analysis.shell;

import dev.warden.analysis.shell.Syntax.AndOr;
import dev.warden.analysis.shell.Syntax.Arith;
import dev.warden.analysis.shell.Syntax.Assign;
import dev.warden.analysis.shell.Syntax.Case;
import dev.warden.analysis.shell.Syntax.Cond;
import dev.warden.analysis.shell.Syntax.Coproc;
import dev.warden.analysis.shell.Syntax.For;
import dev.warden.analysis.shell.Syntax.FuncDef;
import dev.warden.analysis.shell.Syntax.Group;
import dev.warden.analysis.shell.Syntax.Heredoc;
import dev.warden.analysis.shell.Syntax.If;
import dev.warden.analysis.shell.Syntax.Lit;
import dev.warden.analysis.shell.Syntax.Loop;
import dev.warden.analysis.shell.Syntax.Node;
import dev.warden.analysis.shell.Syntax.Param;
import dev.warden.analysis.shell.Syntax.Part;
import dev.warden.analysis.shell.Syntax.Pipe;
import dev.warden.analysis.shell.Syntax.ProcSub;
import dev.warden.analysis.shell.Syntax.Redir;
import dev.warden.analysis.shell.Syntax.Seq;
import dev.warden.analysis.shell.Syntax.Simple;
import dev.warden.analysis.shell.Syntax.Sub;
import dev.warden.analysis.shell.Syntax.Word;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads Bash source into a {@link Syntax} tree.
 *
 * <p>Design note. A hand-written recursive-descent reader over the source characters, one pass,
 * no backtracking except one bounded retry ({@code $((} that turns out to be {@code $( (}).
 * It follows Bash's own reading order where it matters for security: quote removal rules per
 * context (unquoted, double quotes, {@code $'...'}, backticks, heredoc bodies), heredoc bodies
 * read at the next newline (also inside {@code $( )}), reserved words only in command position,
 * {@code $( )} parsed recursively in place so that {@code case} patterns and nested quotes
 * inside it work. Every character read costs a {@link Budget} step and every nested construct a
 * depth level, so hostile input ends in {@link Budget.Exceeded}, never in a stack overflow or a
 * long loop.
 *
 * <p>On a syntax error the top-level commands completed before it are kept ({@link #error()}
 * says what went wrong): a script that breaks half-way still shows what its first half runs.
 */
final class Reader {

    /** A syntax error at a position; the reader stops there. */
    static final class SyntaxError extends RuntimeException {
        final int position;

        SyntaxError(String message, int position) {
            super(message, null, false, false);
            this.position = position;
        }
    }

    private static final String[] STOP_WORDS = {"}", "then", "else", "elif", "fi", "do", "done", "esac"};

    private final String src;
    private final int end;
    private final Budget budget;
    private int pos;
    private final List<Heredoc> pending = new ArrayList<>(1);
    private final List<String> problems = new ArrayList<>(0);
    private @Nullable SyntaxError error;

    Reader(String src, Budget budget) {
        this.src = src;
        this.end = src.length();
        this.budget = budget;
    }

    /** The syntax error that stopped reading, if any. */
    @Nullable SyntaxError error() {
        return error;
    }

    /** Problems that did not stop reading (unterminated heredoc), for findings. */
    List<String> problems() {
        return problems;
    }

    /** Reads the whole source as a script. Keeps the completed top-level commands on error. */
    Node script() {
        int depth = budget.depth();
        List<Node> done = new ArrayList<>(2);
        try {
            while (true) {
                skipLinebreaks();
                if (pos >= end) {
                    break;
                }
                if (atListEnd()) {
                    throw new SyntaxError("unexpected '" + peekToken() + "'", pos);
                }
                done.add(andOr());
                skipBlanks();
                if (pos >= end) {
                    break;
                }
                char c = src.charAt(pos);
                if (c == ';' && !caseEnd()) {
                    pos++;
                } else if (c == '&') {
                    pos++;
                } else if (c == '\n') {
                    newline();
                } else if (c != '#') {
                    throw new SyntaxError("unexpected '" + peekToken() + "'", pos);
                }
            }
            if (!pending.isEmpty()) {
                readHeredocs();
            }
        } catch (SyntaxError e) {
            error = e;
            budget.restore(depth);
        }
        return done.size() == 1 ? done.get(0) : new Seq(done);
    }

    /** Reads the source as the body of an unquoted heredoc: only {@code $}, backquote and {@code \} are special. */
    Word heredocBody() {
        int depth = budget.depth();
        try {
            return readPlainText();
        } catch (SyntaxError e) {
            error = e;
            budget.restore(depth);
            return new Word(List.of(new Lit(src, true)), src, false);
        }
    }

    // ---------------------------------------------------------------- lists and commands

    private Node list() {
        List<Node> items = new ArrayList<>(2);
        while (true) {
            skipLinebreaks();
            if (pos >= end || atListEnd()) {
                break;
            }
            items.add(andOr());
            skipBlanks();
            if (pos >= end) {
                break;
            }
            char c = src.charAt(pos);
            if (c == ';') {
                if (caseEnd()) {
                    break;
                }
                pos++;
            } else if (c == '&') {
                pos++;
            } else if (c == '\n') {
                newline();
            } else if (c != '#') {
                break;
            }
        }
        return items.size() == 1 ? items.get(0) : new Seq(items);
    }

    private boolean caseEnd() {
        return pos + 1 < end && src.charAt(pos) == ';' && (src.charAt(pos + 1) == ';' || src.charAt(pos + 1) == '&');
    }

    private boolean atListEnd() {
        char c = src.charAt(pos);
        if (c == ')' || caseEnd()) {
            return true;
        }
        String kw = peekKeyword();
        if (kw == null) {
            return false;
        }
        for (String s : STOP_WORDS) {
            if (s.equals(kw)) {
                return true;
            }
        }
        return false;
    }

    private Node andOr() {
        Node first = pipeline();
        List<Node> items = null;
        while (true) {
            skipBlanks();
            if (pos + 1 < end && ((src.charAt(pos) == '&' && src.charAt(pos + 1) == '&')
                    || (src.charAt(pos) == '|' && src.charAt(pos + 1) == '|'))) {
                pos += 2;
                skipLinebreaks();
                if (items == null) {
                    items = new ArrayList<>(3);
                    items.add(first);
                }
                items.add(pipeline());
            } else {
                break;
            }
        }
        return items == null ? first : new AndOr(items);
    }

    private Node pipeline() {
        skipBlanks();
        int start = pos;
        boolean prefixed = false;
        boolean timed = false;
        while (true) {
            String kw = peekKeyword();
            if ("!".equals(kw)) {
                pos++;
                prefixed = true;
            } else if ("time".equals(kw)) {
                timed = true;
                pos += 4;
                skipBlanks();
                if (src.startsWith("-p", pos) && (pos + 2 >= end || isDelim(src.charAt(pos + 2)))) {
                    pos += 2;
                }
                prefixed = true;
            } else {
                break;
            }
            skipBlanks();
        }
        if (prefixed && (pos >= end || atPipelineEnd())) {
            // `time` or `!` alone is a valid (empty) pipeline
            return new Seq(List.of());
        }
        Node first = command();
        List<Node> elements = null;
        while (true) {
            skipBlanks();
            if (pos < end && src.charAt(pos) == '|' && (pos + 1 >= end || src.charAt(pos + 1) != '|')) {
                pos += (pos + 1 < end && src.charAt(pos + 1) == '&') ? 2 : 1;
                skipLinebreaks();
                if (elements == null) {
                    elements = new ArrayList<>(3);
                    elements.add(first);
                }
                elements.add(command());
            } else {
                break;
            }
        }
        Node node = elements == null ? first : new Pipe(elements, src.substring(start, pos).strip());
        return timed ? new Syntax.Timed(node) : node;
    }

    private boolean atPipelineEnd() {
        char c = src.charAt(pos);
        return c == '\n' || c == ';' || c == '&' || c == '|' || c == ')';
    }

    private Node command() {
        skipBlanks();
        budget.step();
        if (pos >= end) {
            throw new SyntaxError("a command is missing at the end", pos);
        }
        char c = src.charAt(pos);
        if (c == '(') {
            if (pos + 1 < end && src.charAt(pos + 1) == '(') {
                int save = pos;
                Word arith = tryArith(pos + 2);
                if (arith != null) {
                    return withRedirs(new Cond(List.of(arith)));
                }
                pos = save;
            }
            pos++;
            budget.enter();
            Node body = list();
            expect(')', "unterminated subshell '('");
            budget.exit();
            return new Group(body, true, trailingRedirs());
        }
        String kw = peekKeyword();
        if (kw != null) {
            switch (kw) {
                case "{" -> {
                    pos++;
                    budget.enter();
                    Node body = list();
                    expectKeyword("}");
                    budget.exit();
                    return new Group(body, false, trailingRedirs());
                }
                case "if" -> {
                    return ifClause();
                }
                case "while", "until" -> {
                    pos += kw.length();
                    budget.enter();
                    Node cond = list();
                    expectKeyword("do");
                    Node body = list();
                    expectKeyword("done");
                    budget.exit();
                    return new Loop(cond, body, trailingRedirs());
                }
                case "for", "select" -> {
                    pos += kw.length();
                    return forClause();
                }
                case "case" -> {
                    pos += 4;
                    return caseClause();
                }
                case "function" -> {
                    int start = pos;
                    pos += 8;
                    skipBlanks();
                    Word name = readWord();
                    if (name == null) {
                        throw new SyntaxError("function name expected", pos);
                    }
                    skipBlanks();
                    if (src.startsWith("()", pos)) {
                        pos += 2;
                    } else if (pos < end && src.charAt(pos) == '(') {
                        pos++;
                        skipBlanks();
                        expect(')', "')' expected after '('");
                    }
                    return funcBody(name, start);
                }
                case "[[" -> {
                    pos += 2;
                    return withRedirs(condClause());
                }
                case "coproc" -> {
                    int start = pos;
                    pos += 6;
                    skipBlanks();
                    int save = pos;
                    Word name = readWord();
                    skipBlanks();
                    if (name == null || name.literal() == null || pos >= end
                            || !(src.charAt(pos) == '{' || src.charAt(pos) == '(')) {
                        pos = save;
                    }
                    Node body = command();
                    return new Coproc(body, src.substring(start, pos));
                }
                case "then", "else", "elif", "fi", "do", "done", "esac", "}", "in" ->
                    throw new SyntaxError("unexpected '" + kw + "'", pos);
                default -> { }
            }
        }
        return simple();
    }

    private Node withRedirs(Cond cond) {
        List<Redir> r = trailingRedirs();
        if (r.isEmpty()) {
            return cond;
        }
        return new Group(cond, false, r);
    }

    private Node ifClause() {
        pos += 2;
        budget.enter();
        List<Node> conds = new ArrayList<>(2);
        List<Node> bodies = new ArrayList<>(2);
        Node otherwise = null;
        conds.add(list());
        expectKeyword("then");
        bodies.add(list());
        while (true) {
            String kw = peekKeyword();
            if ("elif".equals(kw)) {
                pos += 4;
                conds.add(list());
                expectKeyword("then");
                bodies.add(list());
            } else if ("else".equals(kw)) {
                pos += 4;
                otherwise = list();
            } else {
                expectKeyword("fi");
                break;
            }
        }
        budget.exit();
        return new If(conds, bodies, otherwise, trailingRedirs());
    }

    private Node forClause() {
        budget.enter();
        skipBlanks();
        if (src.startsWith("((", pos)) {
            Word arith = tryArith(pos + 2);
            if (arith == null) {
                throw new SyntaxError("unterminated 'for (('", pos);
            }
            skipBlanks();
            if (pos < end && src.charAt(pos) == ';') {
                pos++;
            }
            skipLinebreaks();
            Node body = loopBody();
            budget.exit();
            return new Loop(new Cond(List.of(arith)), body, trailingRedirs());
        }
        Word nameWord = readWord();
        String name = nameWord == null ? null : nameWord.literal();
        if (name == null || !isName(name)) {
            throw new SyntaxError("'for' needs a variable name", pos);
        }
        skipLinebreaks();
        List<Word> words = null;
        if ("in".equals(peekKeyword())) {
            pos += 2;
            words = new ArrayList<>();
            while (true) {
                skipBlanks();
                if (pos >= end) {
                    throw new SyntaxError("unterminated 'for'", pos);
                }
                char c = src.charAt(pos);
                if (c == ';' || c == '\n') {
                    if (c == ';') {
                        pos++;
                    }
                    break;
                }
                Word w = readWord();
                if (w == null) {
                    throw new SyntaxError("unexpected '" + peekToken() + "' in 'for'", pos);
                }
                words.add(w);
            }
        } else if (pos < end && src.charAt(pos) == ';') {
            pos++;
        }
        skipLinebreaks();
        Node body = loopBody();
        budget.exit();
        return new For(name, words, body, trailingRedirs());
    }

    private Node loopBody() {
        String kw = peekKeyword();
        if ("{".equals(kw)) {
            pos++;
            Node body = list();
            expectKeyword("}");
            return body;
        }
        expectKeyword("do");
        Node body = list();
        expectKeyword("done");
        return body;
    }

    private Node caseClause() {
        budget.enter();
        skipBlanks();
        Word subject = readWord();
        if (subject == null) {
            throw new SyntaxError("'case' needs a word", pos);
        }
        skipLinebreaks();
        expectKeyword("in");
        List<Word> patterns = new ArrayList<>();
        List<Node> bodies = new ArrayList<>();
        while (true) {
            skipLinebreaks();
            if (pos >= end) {
                throw new SyntaxError("unterminated 'case'", pos);
            }
            if ("esac".equals(peekKeyword())) {
                pos += 4;
                break;
            }
            if (src.charAt(pos) == '(') {
                pos++;
            }
            while (true) {
                skipBlanks();
                Word p = readWord();
                if (p == null) {
                    throw new SyntaxError("case pattern expected", pos);
                }
                patterns.add(p);
                skipBlanks();
                if (pos < end && src.charAt(pos) == '|') {
                    pos++;
                    continue;
                }
                break;
            }
            expect(')', "')' expected after case pattern");
            bodies.add(list());
            skipLinebreaks();
            if (caseEnd()) {
                pos += 2;
                if (pos < end && src.charAt(pos) == '&') {
                    pos++;
                }
            } else if (!"esac".equals(peekKeyword())) {
                throw new SyntaxError("';;' or 'esac' expected", pos);
            }
        }
        budget.exit();
        return new Case(subject, patterns, bodies, trailingRedirs());
    }

    private Cond condClause() {
        List<Word> words = new ArrayList<>();
        while (true) {
            skipBlanksAndNewlines();
            if (pos >= end) {
                throw new SyntaxError("unterminated '[['", pos);
            }
            if (src.startsWith("]]", pos) && (pos + 2 >= end || isDelim(src.charAt(pos + 2)))) {
                pos += 2;
                return new Cond(words);
            }
            Word w = readWord();
            if (w == null) {
                budget.step();
                pos++; // an operator inside [[ ]]: && || ( ) < > !
            } else {
                words.add(w);
            }
        }
    }

    private Node funcBody(Word name, int start) {
        skipLinebreaks();
        budget.enter();
        Node body = command();
        budget.exit();
        String n = name.literal();
        return new FuncDef(n == null ? name.text() : n, body, src.substring(start, pos).strip());
    }

    private Node simple() {
        budget.parsed();
        int start = pos;
        List<Assign> assigns = null;
        List<Word> words = null;
        List<Redir> redirs = null;
        while (true) {
            skipBlanks();
            if (pos >= end) {
                break;
            }
            char c = src.charAt(pos);
            Redir r = tryRedirect();
            if (r != null) {
                if (redirs == null) {
                    redirs = new ArrayList<>(2);
                }
                redirs.add(r);
                continue;
            }
            if (c == '\n' || c == ';' || c == '&' || c == '|' || c == ')'
                    || ((c == '<' || c == '>') && (pos + 1 >= end || src.charAt(pos + 1) != '('))) {
                break;
            }
            if (c == '#') {
                skipComment();
                break;
            }
            if (c == '(') {
                if (words != null && words.size() == 1 && assigns == null && redirs == null) {
                    int save = pos;
                    pos++;
                    skipBlanks();
                    if (pos < end && src.charAt(pos) == ')') {
                        pos++;
                        return funcBody(words.get(0), start);
                    }
                    pos = save;
                }
                throw new SyntaxError("unexpected '('", pos);
            }
            int wstart = pos;
            Word w = readWord();
            if (w == null) {
                throw new SyntaxError("unexpected '" + peekToken() + "'", pos);
            }
            int eq = assignmentEq(w);
            if (eq > 0 && pos < end && src.charAt(pos) == '(' && w.text().length() == eq + 1) {
                List<Word> array = arrayItems();
                String name = w.text().substring(0, src.charAt(wstart + eq - 1) == '+' ? eq - 1 : eq);
                if (words == null) {
                    if (assigns == null) {
                        assigns = new ArrayList<>(2);
                    }
                    assigns.add(new Assign(name, null, array, src.substring(wstart, pos)));
                } else {
                    words.addAll(array);
                }
                continue;
            }
            Assign subscripted = words == null && eq < 0 ? subscriptAssignment(w) : null;
            if (words == null && (eq > 0 || subscripted != null)) {
                if (assigns == null) {
                    assigns = new ArrayList<>(2);
                }
                assigns.add(subscripted != null ? subscripted : assignment(w, eq));
                continue;
            }
            if (words == null) {
                words = new ArrayList<>(4);
            }
            if (words.size() >= Budget.MAX_WORDS) {
                throw new Budget.Exceeded("a command has more than " + Budget.MAX_WORDS + " words");
            }
            words.add(w);
        }
        if (assigns == null && words == null && redirs == null) {
            throw new SyntaxError("a command is missing before '" + peekToken() + "'", pos);
        }
        String text = src.substring(start, pos).strip();
        return new Simple(assigns == null ? List.of() : assigns, words == null ? List.of() : words,
                redirs == null ? List.of() : redirs, text);
    }

    /** Index of '=' when the word is NAME=..., NAME+=... or NAME[...]=..., else -1. */
    private static int assignmentEq(Word w) {
        if (w.parts().isEmpty() || !(w.parts().get(0) instanceof Lit l) || l.quoted()) {
            return -1;
        }
        String t = l.text();
        int n = t.length();
        if (n == 0 || !(Character.isLetter(t.charAt(0)) || t.charAt(0) == '_') || t.charAt(0) > 127) {
            return -1;
        }
        int i = 1;
        while (i < n && (t.charAt(i) == '_' || (t.charAt(i) < 128 && Character.isLetterOrDigit(t.charAt(i))))) {
            i++;
        }
        if (i < n && t.charAt(i) == '[') {
            int close = t.indexOf(']', i);
            if (close < 0) {
                return -1;
            }
            i = close + 1;
        }
        if (i < n && t.charAt(i) == '+' && i + 1 < n && t.charAt(i + 1) == '=') {
            return i + 1;
        }
        return i < n && t.charAt(i) == '=' ? i : -1;
    }

    /**
     * {@code a[$i]=x}, {@code m["$k"]+=1}: an element assignment whose subscript holds variables or
     * quoted text (a subscript with a command substitution stays a word, judged as one). Null when
     * the word is not one.
     */
    private static @Nullable Assign subscriptAssignment(Word w) {
        List<Part> parts = w.parts();
        if (parts.size() < 2 || !(parts.get(0) instanceof Lit first) || first.quoted()) {
            return null;
        }
        String t = first.text();
        int open = t.indexOf('[');
        if (open <= 0 || t.indexOf(']') >= 0 || !isName(t.substring(0, open))) {
            return null;
        }
        for (int k = 1; k < parts.size(); k++) {
            Part p = parts.get(k);
            if (p instanceof Lit l && !l.quoted() && l.text().indexOf(']') >= 0) {
                int close = l.text().indexOf(']');
                String after = l.text().substring(close + 1);
                boolean append = after.startsWith("+=");
                if (!after.startsWith("=") && !append) {
                    return null;
                }
                List<Part> rest = new ArrayList<>(parts.size() - k);
                String value = after.substring(append ? 2 : 1);
                if (!value.isEmpty()) {
                    rest.add(new Lit(value, false));
                }
                rest.addAll(parts.subList(k + 1, parts.size()));
                int eqAt = w.text().indexOf(append ? "]+=" : "]=");
                String valueText = eqAt < 0 ? "" : w.text().substring(eqAt + (append ? 3 : 2));
                Word v = rest.isEmpty() ? Word.EMPTY : new Word(rest, valueText, false);
                String name = t.substring(0, open);
                return new Assign(append ? name + "+" : name, v, null, w.text());
            }
            if (!(p instanceof Lit) && !(p instanceof Param q && q.arg() == null && q.index() == null)) {
                return null; // a[$(cmd)]=x: the substitution runs; left as a word
            }
        }
        return null;
    }

    private static Assign assignment(Word w, int eq) {
        Lit first = (Lit) w.parts().get(0);
        String t = first.text();
        int nameEnd = t.charAt(eq - 1) == '+' ? eq - 1 : eq;
        int bracket = t.indexOf('[');
        String name = t.substring(0, bracket >= 0 && bracket < nameEnd ? bracket : nameEnd);
        List<Part> rest = new ArrayList<>(w.parts().size());
        if (eq + 1 < t.length()) {
            rest.add(new Lit(t.substring(eq + 1), false));
        }
        rest.addAll(w.parts().subList(1, w.parts().size()));
        String valueText = w.text().length() > eq ? w.text().substring(Math.min(eq + 1, w.text().length())) : "";
        // brace expansion does not apply to assignment values
        Word value = new Word(rest, valueText, false);
        if (rest.isEmpty()) {
            value = Word.EMPTY;
        }
        boolean append = nameEnd != eq;
        return new Assign(append ? name + "+" : name, value, null, w.text());
    }

    private List<Word> arrayItems() {
        pos++; // (
        budget.enter();
        List<Word> items = new ArrayList<>();
        while (true) {
            skipBlanksAndNewlines();
            if (pos >= end) {
                throw new SyntaxError("unterminated array '('", pos);
            }
            if (src.charAt(pos) == ')') {
                pos++;
                break;
            }
            if (src.charAt(pos) == '#') {
                skipComment();
                continue;
            }
            Word w = readWord();
            if (w == null) {
                throw new SyntaxError("unexpected '" + peekToken() + "' in array", pos);
            }
            items.add(w);
        }
        budget.exit();
        return items;
    }

    private List<Redir> trailingRedirs() {
        List<Redir> out = null;
        while (true) {
            skipBlanks();
            if (pos >= end) {
                break;
            }
            Redir r = tryRedirect();
            if (r == null) {
                break;
            }
            if (out == null) {
                out = new ArrayList<>(2);
            }
            out.add(r);
        }
        return out == null ? List.of() : out;
    }

    // ---------------------------------------------------------------- redirections and heredocs

    private @Nullable Redir tryRedirect() {
        int start = pos;
        int i = pos;
        while (i < end && src.charAt(i) >= '0' && src.charAt(i) <= '9' && i - pos < 4) {
            i++;
        }
        if (i == pos && i < end && src.charAt(i) == '{') {
            // {varname}>file
            int j = i + 1;
            while (j < end && (Character.isLetterOrDigit(src.charAt(j)) || src.charAt(j) == '_') && j - i < 64) {
                j++;
            }
            if (j > i + 1 && j < end && src.charAt(j) == '}' && j + 1 < end
                    && (src.charAt(j + 1) == '<' || src.charAt(j + 1) == '>')) {
                i = j + 1;
            }
        }
        if (i >= end) {
            return null;
        }
        char c = src.charAt(i);
        String op;
        if (c == '&' && i == pos && i + 1 < end && src.charAt(i + 1) == '>') {
            op = i + 2 < end && src.charAt(i + 2) == '>' ? "&>>" : "&>";
        } else if (c == '>') {
            if (i + 1 < end && src.charAt(i + 1) == '(' && i == pos) {
                return null; // process substitution
            }
            char d = i + 1 < end ? src.charAt(i + 1) : 0;
            op = d == '>' ? ">>" : d == '|' ? ">|" : d == '&' ? ">&" : ">";
        } else if (c == '<') {
            if (i + 1 < end && src.charAt(i + 1) == '(' && i == pos) {
                return null;
            }
            char d = i + 1 < end ? src.charAt(i + 1) : 0;
            if (d == '<') {
                char e = i + 2 < end ? src.charAt(i + 2) : 0;
                op = e == '<' ? "<<<" : e == '-' ? "<<-" : "<<";
            } else {
                op = d == '&' ? "<&" : d == '>' ? "<>" : "<";
            }
        } else {
            return null;
        }
        String prefix = src.substring(start, i);
        pos = i + op.length();
        skipBlanks();
        Word target = readWord();
        if (target == null) {
            throw new SyntaxError("redirection '" + prefix + op + "' has no target", pos);
        }
        if (op.equals("<<") || op.equals("<<-")) {
            Heredoc h = new Heredoc(delimiterText(target), isQuoted(target), op.equals("<<-"));
            pending.add(h);
            return new Redir(prefix + op, null, h);
        }
        return new Redir(prefix + op, target, null);
    }

    private static boolean isQuoted(Word w) {
        for (Part p : w.parts()) {
            if (p instanceof Lit l && l.quoted()) {
                return true;
            }
        }
        return false;
    }

    private static String delimiterText(Word w) {
        StringBuilder sb = new StringBuilder();
        for (Part p : w.parts()) {
            if (p instanceof Lit l) {
                sb.append(l.text());
            } else if (p instanceof Param pr) {
                sb.append(pr.text());
            } else if (p instanceof Sub s) {
                sb.append(s.text());
            } else if (p instanceof Arith a) {
                sb.append(a.text());
            } else if (p instanceof ProcSub ps) {
                sb.append(ps.text());
            }
        }
        return sb.toString();
    }

    private void newline() {
        pos++;
        if (!pending.isEmpty()) {
            readHeredocs();
        }
    }

    private void readHeredocs() {
        List<Heredoc> docs = new ArrayList<>(pending);
        pending.clear();
        for (Heredoc h : docs) {
            StringBuilder body = new StringBuilder();
            boolean found = false;
            while (pos < end) {
                int from = pos;
                if (h.stripTabs) {
                    while (from < end && src.charAt(from) == '\t') {
                        from++;
                    }
                }
                int nl = src.indexOf('\n', from);
                int lineEnd = nl < 0 ? end : nl;
                budget.step(lineEnd - pos + 1);
                int next = nl < 0 ? end : nl + 1;
                if (!h.quoted && continues(lineEnd)) {
                    // unquoted: bash joins a line ending in an unescaped backslash with the next one
                    // before comparing it with the delimiter ("E\" then an empty line is "E")
                    StringBuilder logical = new StringBuilder();
                    int at = from;
                    while (nl >= 0 && continues(lineEnd)) {
                        logical.append(src, at, lineEnd - 1);
                        at = nl + 1;
                        nl = src.indexOf('\n', at);
                        lineEnd = nl < 0 ? end : nl;
                        budget.step(lineEnd - at + 1);
                    }
                    logical.append(src, at, lineEnd);
                    next = nl < 0 ? end : nl + 1;
                    if (logical.toString().equals(h.delimiter)) {
                        pos = next;
                        found = true;
                        break;
                    }
                    body.append(src, from, next);
                    pos = next;
                    continue;
                }
                if (lineEnd - from == h.delimiter.length() && src.startsWith(h.delimiter, from)) {
                    pos = next;
                    found = true;
                    break;
                }
                body.append(src, from, next);
                pos = next;
            }
            h.terminated = found;
            if (!found) {
                problems.add("here-document '" + h.delimiter + "' is not terminated");
            }
            String text = body.toString();
            if (h.quoted) {
                h.body = new Word(List.of(new Lit(text, true)), text, false);
            } else {
                budget.enter();
                Reader inner = new Reader(text, budget);
                h.body = inner.heredocBody();
                if (inner.error != null && error == null) {
                    problems.add("in here-document '" + h.delimiter + "': " + inner.error.getMessage());
                }
                budget.exit();
            }
        }
    }

    /** Whether the line ending at {@code lineEnd} ends in an odd run of backslashes (a line continuation). */
    private boolean continues(int lineEnd) {
        int i = lineEnd;
        while (i > pos && src.charAt(i - 1) == '\\') {
            i--;
        }
        return ((lineEnd - i) & 1) == 1;
    }

    // ---------------------------------------------------------------- words

    /**
     * Reads one word at the current position, or returns null when an operator or the end is
     * there. Quote removal happens here; expansions become parts.
     */
    private @Nullable Word readWord() {
        int start = pos;
        WordBuilder wb = new WordBuilder();
        while (pos < end) {
            char c = src.charAt(pos);
            budget.step();
            switch (c) {
                case ' ', '\t', '\n', ';', '&', '|', ')' -> {
                    return wb.build(start);
                }
                case '<', '>' -> {
                    if (pos + 1 < end && src.charAt(pos + 1) == '(' && wb.isEmpty()) {
                        readProcSub(wb, c);
                    } else {
                        return wb.build(start);
                    }
                }
                case '(' -> {
                    if (!wb.isEmpty() && extglobBefore()) {
                        readBalancedLiteral(wb);
                    } else {
                        return wb.build(start);
                    }
                }
                case '\\' -> {
                    if (pos + 1 < end) {
                        char d = src.charAt(pos + 1);
                        pos += 2;
                        if (d != '\n') {
                            wb.lit(d, true);
                        }
                    } else {
                        pos++;
                        wb.lit('\\', true);
                    }
                }
                case '\'' -> {
                    int close = src.indexOf('\'', pos + 1);
                    if (close < 0) {
                        throw new SyntaxError("unterminated single quote", pos);
                    }
                    budget.step(close - pos);
                    wb.lit(src, pos + 1, close, true);
                    pos = close + 1;
                }
                case '"' -> readDouble(wb);
                case '$' -> readDollar(wb, false);
                case '`' -> readBacktick(wb, false);
                default -> {
                    int s = pos;
                    boolean brace = c == '{';
                    pos++;
                    while (pos < end) {
                        char d = src.charAt(pos);
                        if (!plain(d)) {
                            break;
                        }
                        brace |= d == '{';
                        pos++;
                    }
                    budget.step(pos - s);
                    wb.braces |= brace;
                    wb.lit(src, s, pos, false);
                }
            }
        }
        return wb.build(start);
    }

    private static boolean plain(char c) {
        return switch (c) {
            case ' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>', '\\', '\'', '"', '$', '`', '?', '*', '+', '@', '!' ->
                false;
            default -> true;
        };
    }

    private boolean extglobBefore() {
        char p = src.charAt(pos - 1);
        return p == '?' || p == '*' || p == '+' || p == '@' || p == '!';
    }

    /** Extended glob {@code @(a|b)}: kept as literal text. */
    private void readBalancedLiteral(WordBuilder wb) {
        int s = pos;
        int depth = 0;
        while (pos < end) {
            char c = src.charAt(pos);
            budget.step();
            if (c == '\\') {
                pos += 2;
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    pos++;
                    wb.lit(src, s, pos, false);
                    return;
                }
            }
            pos++;
        }
        throw new SyntaxError("unterminated pattern '('", s);
    }

    private void readProcSub(WordBuilder wb, char direction) {
        int start = pos;
        pos += 2;
        budget.enter();
        Node body = list();
        expect(')', "unterminated process substitution");
        budget.exit();
        wb.part(new ProcSub(body, direction, src.substring(start, pos)));
    }

    private void readDouble(WordBuilder wb) {
        int start = pos;
        pos++;
        wb.markQuoted();
        while (true) {
            if (pos >= end) {
                throw new SyntaxError("unterminated double quote", start);
            }
            char c = src.charAt(pos);
            budget.step();
            switch (c) {
                case '"' -> {
                    pos++;
                    return;
                }
                case '\\' -> {
                    if (pos + 1 < end) {
                        char d = src.charAt(pos + 1);
                        if (d == '$' || d == '`' || d == '"' || d == '\\') {
                            wb.lit(d, true);
                        } else if (d != '\n') {
                            wb.lit('\\', true);
                            wb.lit(d, true);
                        }
                        pos += 2;
                    } else {
                        pos++;
                        wb.lit('\\', true);
                    }
                }
                case '$' -> readDollar(wb, true);
                case '`' -> readBacktick(wb, true);
                default -> {
                    int s = pos;
                    pos++;
                    while (pos < end) {
                        char d = src.charAt(pos);
                        if (d == '"' || d == '\\' || d == '$' || d == '`') {
                            break;
                        }
                        pos++;
                    }
                    budget.step(pos - s);
                    wb.lit(src, s, pos, true);
                }
            }
        }
    }

    /** Text where only {@code $}, backquote and {@code \} are special: heredoc bodies. */
    private Word readPlainText() {
        WordBuilder wb = new WordBuilder();
        wb.markQuoted();
        while (pos < end) {
            char c = src.charAt(pos);
            budget.step();
            if (c == '\\' && pos + 1 < end) {
                char d = src.charAt(pos + 1);
                if (d == '$' || d == '`' || d == '\\') {
                    wb.lit(d, true);
                } else if (d != '\n') {
                    wb.lit('\\', true);
                    wb.lit(d, true);
                }
                pos += 2;
            } else if (c == '$') {
                readDollar(wb, true);
            } else if (c == '`') {
                readBacktick(wb, true);
            } else {
                int s = pos;
                pos++;
                while (pos < end && src.charAt(pos) != '\\' && src.charAt(pos) != '$' && src.charAt(pos) != '`') {
                    pos++;
                }
                budget.step(pos - s);
                wb.lit(src, s, pos, true);
            }
        }
        return wb.build(0);
    }

    private void readDollar(WordBuilder wb, boolean quoted) {
        int start = pos;
        if (pos + 1 >= end) {
            pos++;
            wb.lit('$', quoted);
            return;
        }
        char d = src.charAt(pos + 1);
        switch (d) {
            case '(' -> {
                if (pos + 2 < end && src.charAt(pos + 2) == '(') {
                    Word inner = tryArith(pos + 3);
                    if (inner != null) {
                        wb.part(new Arith(inner, quoted, src.substring(start, pos)));
                        return;
                    }
                    pos = start;
                }
                pos += 2;
                budget.enter();
                Node body = list();
                skipLinebreaks();
                expect(')', "unterminated command substitution '$('");
                budget.exit();
                wb.part(new Sub(body, quoted, src.substring(start, pos)));
            }
            case '[' -> {
                // obsolete $[ arithmetic ]
                pos += 2;
                Word inner = arithUntil(']');
                wb.part(new Arith(inner, quoted, src.substring(start, pos)));
            }
            case '{' -> readBraceParam(wb, quoted);
            case '\'' -> {
                if (quoted) {
                    pos++;
                    wb.lit('$', true);
                } else {
                    readAnsiC(wb);
                }
            }
            case '"' -> {
                if (quoted) {
                    pos++;
                    wb.lit('$', true);
                } else {
                    pos++;
                    readDouble(wb);
                }
            }
            default -> {
                if (d == '_' || (d < 128 && Character.isLetter(d))) {
                    int s = pos + 1;
                    int i = s + 1;
                    while (i < end && (src.charAt(i) == '_' || (src.charAt(i) < 128 && Character.isLetterOrDigit(src.charAt(i))))) {
                        i++;
                    }
                    budget.step(i - s);
                    pos = i;
                    wb.part(new Param(src.substring(s, i), "", null, null, quoted, src.substring(start, i)));
                } else if ((d >= '0' && d <= '9') || "@*#?-$!".indexOf(d) >= 0) {
                    pos += 2;
                    wb.part(new Param(String.valueOf(d), "", null, null, quoted, src.substring(start, pos)));
                } else {
                    pos++;
                    wb.lit('$', quoted);
                }
            }
        }
    }

    private void readBraceParam(WordBuilder wb, boolean quoted) {
        int start = pos;
        pos += 2;
        budget.enter();
        String op = "";
        if (pos < end && src.charAt(pos) == '#' && pos + 1 < end && src.charAt(pos + 1) != '}') {
            op = "len";
            pos++;
        } else if (pos < end && src.charAt(pos) == '!' && pos + 1 < end && src.charAt(pos + 1) != '}') {
            op = "!";
            pos++;
        }
        int s = pos;
        if (pos < end && (src.charAt(pos) == '_' || (src.charAt(pos) < 128 && Character.isLetter(src.charAt(pos))))) {
            while (pos < end && (src.charAt(pos) == '_' || (src.charAt(pos) < 128 && Character.isLetterOrDigit(src.charAt(pos))))) {
                pos++;
            }
        } else if (pos < end && Character.isDigit(src.charAt(pos))) {
            while (pos < end && Character.isDigit(src.charAt(pos))) {
                pos++;
            }
        } else if (pos < end && "@*#?-$!".indexOf(src.charAt(pos)) >= 0) {
            pos++;
        } else {
            throw new SyntaxError("bad substitution '${'", start);
        }
        budget.step(pos - s);
        String name = src.substring(s, pos);
        Word index = null;
        if (pos < end && src.charAt(pos) == '[') {
            pos++;
            index = arithUntil(']');
        }
        Word arg = null;
        if (pos < end && src.charAt(pos) != '}') {
            String opFound = matchOp();
            if (opFound == null) {
                throw new SyntaxError("bad substitution '" + src.substring(start, Math.min(end, pos + 1)) + "'", start);
            }
            op = op.isEmpty() ? opFound : op + opFound;
            arg = readParamArg(quoted);
        }
        expect('}', "unterminated '${'");
        budget.exit();
        wb.part(new Param(name, op, arg, index, quoted, src.substring(start, pos)));
    }

    private static final String[] PARAM_OPS = {
        ":-", ":=", ":?", ":+", "##", "%%", "//", "/#", "/%", "^^", ",,", "-", "=", "?", "+", "#", "%", "/",
        "^", ",", ":", "@"};

    private @Nullable String matchOp() {
        for (String op : PARAM_OPS) {
            if (src.startsWith(op, pos)) {
                pos += op.length();
                return op;
            }
        }
        return null;
    }

    /** The word after a {@code ${x OP word}} operator, up to the matching brace. */
    private Word readParamArg(boolean quoted) {
        int start = pos;
        WordBuilder wb = new WordBuilder();
        int depth = 0;
        while (true) {
            if (pos >= end) {
                throw new SyntaxError("unterminated '${'", start);
            }
            char c = src.charAt(pos);
            budget.step();
            switch (c) {
                case '}' -> {
                    if (depth == 0) {
                        return wb.build(start);
                    }
                    depth--;
                    pos++;
                    wb.lit('}', quoted);
                }
                case '{' -> {
                    depth++;
                    pos++;
                    wb.lit('{', quoted);
                }
                case '\\' -> {
                    if (pos + 1 < end) {
                        char d = src.charAt(pos + 1);
                        if (d != '\n') {
                            wb.lit(d, true);
                        }
                        pos += 2;
                    } else {
                        pos++;
                    }
                }
                case '\'' -> {
                    if (quoted) {
                        pos++;
                        wb.lit('\'', true);
                    } else {
                        int close = src.indexOf('\'', pos + 1);
                        if (close < 0) {
                            throw new SyntaxError("unterminated single quote", pos);
                        }
                        budget.step(close - pos);
                        wb.lit(src, pos + 1, close, true);
                        pos = close + 1;
                    }
                }
                case '"' -> readDouble(wb);
                case '$' -> readDollar(wb, quoted);
                case '`' -> readBacktick(wb, quoted);
                default -> {
                    pos++;
                    wb.lit(c, quoted);
                }
            }
        }
    }

    /**
     * Arithmetic text up to {@code ))} starting at {@code from}; returns null (position
     * unchanged) when there is no matching {@code ))}, so the caller can read {@code $( (} instead.
     */
    private @Nullable Word tryArith(int from) {
        int save = pos;
        int savedDepth = budget.depth();
        pos = from;
        try {
            budget.enter();
            WordBuilder wb = new WordBuilder();
            wb.markQuoted();
            int depth = 0;
            while (pos < end) {
                char c = src.charAt(pos);
                budget.step();
                if (c == '(') {
                    depth++;
                    pos++;
                    wb.lit(c, true);
                } else if (c == ')') {
                    if (depth == 0) {
                        if (pos + 1 < end && src.charAt(pos + 1) == ')') {
                            pos += 2;
                            budget.exit();
                            return wb.build(from);
                        }
                        break;
                    }
                    depth--;
                    pos++;
                    wb.lit(c, true);
                } else if (c == '$') {
                    readDollar(wb, true);
                } else if (c == '`') {
                    readBacktick(wb, true);
                } else {
                    pos++;
                    wb.lit(c, true);
                }
            }
            budget.exit();
        } catch (SyntaxError e) {
            budget.restore(savedDepth);
        }
        pos = save;
        return null;
    }

    private Word arithUntil(char close) {
        int start = pos;
        WordBuilder wb = new WordBuilder();
        wb.markQuoted();
        int depth = 0;
        while (true) {
            if (pos >= end) {
                throw new SyntaxError("unterminated '" + (close == ']' ? "[" : "(") + "'", start);
            }
            char c = src.charAt(pos);
            budget.step();
            if (c == close && depth == 0) {
                pos++;
                return wb.build(start);
            }
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
            if (c == '$') {
                readDollar(wb, true);
            } else if (c == '`') {
                readBacktick(wb, true);
            } else {
                pos++;
                wb.lit(c, true);
            }
        }
    }

    private void readBacktick(WordBuilder wb, boolean quoted) {
        int start = pos;
        pos++;
        StringBuilder inner = new StringBuilder();
        while (true) {
            if (pos >= end) {
                throw new SyntaxError("unterminated backquote", start);
            }
            char c = src.charAt(pos);
            budget.step();
            if (c == '`') {
                pos++;
                break;
            }
            if (c == '\\' && pos + 1 < end) {
                char d = src.charAt(pos + 1);
                if (d == '`' || d == '$' || d == '\\' || (quoted && d == '"')) {
                    inner.append(d);
                    pos += 2;
                    continue;
                }
            }
            inner.append(c);
            pos++;
        }
        budget.enter();
        Reader r = new Reader(inner.toString(), budget);
        Node body = r.script();
        budget.exit();
        if (r.error != null) {
            throw new SyntaxError("in backquotes: " + r.error.getMessage(), start);
        }
        problems.addAll(r.problems);
        wb.part(new Sub(body, quoted, src.substring(start, pos)));
    }

    private void readAnsiC(WordBuilder wb) {
        int start = pos;
        pos += 2;
        StringBuilder sb = new StringBuilder();
        boolean truncated = false;
        while (true) {
            if (pos >= end) {
                throw new SyntaxError("unterminated $' quote", start);
            }
            char c = src.charAt(pos);
            budget.step();
            if (c == '\'') {
                pos++;
                break;
            }
            if (c != '\\' || pos + 1 >= end) {
                if (!truncated) {
                    sb.append(c);
                }
                pos++;
                continue;
            }
            char d = src.charAt(pos + 1);
            pos += 2;
            int cp;
            switch (d) {
                case 'a' -> cp = 7;
                case 'b' -> cp = 8;
                case 'e', 'E' -> cp = 27;
                case 'f' -> cp = 12;
                case 'n' -> cp = '\n';
                case 'r' -> cp = '\r';
                case 't' -> cp = '\t';
                case 'v' -> cp = 11;
                case '\\', '\'', '"', '?' -> cp = d;
                case 'x' -> cp = number(16, 2);
                case 'u' -> cp = number(16, 4);
                case 'U' -> cp = number(16, 8);
                case 'c' -> {
                    if (pos < end) {
                        cp = src.charAt(pos) & 0x1f;
                        pos++;
                    } else {
                        cp = '\\';
                    }
                }
                default -> {
                    if (d >= '0' && d <= '7') {
                        pos--;
                        cp = number(8, 3);
                    } else {
                        if (!truncated) {
                            sb.append('\\');
                        }
                        cp = d;
                    }
                }
            }
            if (cp < 0) {
                // \x with no hex digit: Bash keeps the text
                if (!truncated) {
                    sb.append('\\').append(d);
                }
                continue;
            }
            if (cp == 0) {
                truncated = true; // Bash ends the string at NUL
            }
            if (!truncated) {
                if (d == 'x' || (d >= '0' && d <= '7')) {
                    sb.append((char) (cp & 0xff));
                } else {
                    sb.appendCodePoint(Character.isValidCodePoint(cp) ? cp : 0xfffd);
                }
            }
        }
        wb.lit(sb, true);
        if (truncated) {
            wb.nulCut = true;
        }
    }

    private int number(int radix, int maxDigits) {
        int v = 0;
        int n = 0;
        while (n < maxDigits && pos < end && Character.digit(src.charAt(pos), radix) >= 0) {
            v = v * radix + Character.digit(src.charAt(pos), radix);
            pos++;
            n++;
        }
        return n == 0 ? -1 : v;
    }

    // ---------------------------------------------------------------- small helpers

    private void skipBlanks() {
        while (pos < end) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t') {
                pos++;
            } else if (c == '\\' && pos + 1 < end && src.charAt(pos + 1) == '\n') {
                pos += 2;
            } else {
                break;
            }
        }
    }

    private void skipBlanksAndNewlines() {
        while (true) {
            skipBlanks();
            if (pos < end && src.charAt(pos) == '\n') {
                newline();
            } else {
                break;
            }
        }
    }

    /** Blanks, newlines (reading pending heredocs) and comments. */
    private void skipLinebreaks() {
        while (true) {
            skipBlanks();
            if (pos >= end) {
                return;
            }
            char c = src.charAt(pos);
            if (c == '\n') {
                newline();
            } else if (c == '#') {
                skipComment();
            } else {
                return;
            }
        }
    }

    private void skipComment() {
        int nl = src.indexOf('\n', pos);
        int stop = nl < 0 ? end : nl;
        budget.step(stop - pos);
        pos = stop;
    }

    private static boolean isDelim(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '<' || c == '>'
                || c == '(' || c == ')';
    }

    /** A reserved word at the current position, or null. */
    private @Nullable String peekKeyword() {
        int i = pos;
        int limit = Math.min(end, pos + 9);
        while (i < limit) {
            char c = src.charAt(i);
            if (isDelim(c) || c == '\'' || c == '"' || c == '\\' || c == '$' || c == '`') {
                break;
            }
            i++;
        }
        if (i == pos || (i < end && !isDelim(src.charAt(i)) && i == limit)) {
            return null;
        }
        if (i < end && !isDelim(src.charAt(i))) {
            return null;
        }
        return switch (src.substring(pos, i)) {
            case "{" -> "{";
            case "}" -> "}";
            case "!" -> "!";
            case "[[" -> "[[";
            case "if" -> "if";
            case "then" -> "then";
            case "elif" -> "elif";
            case "else" -> "else";
            case "fi" -> "fi";
            case "for" -> "for";
            case "select" -> "select";
            case "while" -> "while";
            case "until" -> "until";
            case "do" -> "do";
            case "done" -> "done";
            case "case" -> "case";
            case "esac" -> "esac";
            case "in" -> "in";
            case "function" -> "function";
            case "time" -> "time";
            case "coproc" -> "coproc";
            default -> null;
        };
    }

    private String peekToken() {
        if (pos >= end) {
            return "end of input";
        }
        int i = pos + 1;
        while (i < end && i - pos < 12 && !isDelim(src.charAt(i))) {
            i++;
        }
        return src.substring(pos, i);
    }

    private void expect(char c, String message) {
        skipBlanks();
        if (pos >= end || src.charAt(pos) != c) {
            throw new SyntaxError(message, pos);
        }
        pos++;
    }

    private void expectKeyword(String kw) {
        skipLinebreaks();
        if (!kw.equals(peekKeyword())) {
            throw new SyntaxError("'" + kw + "' expected, found '" + peekToken() + "'", pos);
        }
        pos += kw.length();
    }

    static boolean isName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == '_' || (c < 128 && (Character.isLetter(c) || (i > 0 && Character.isDigit(c))));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Accumulates the parts of one word, merging adjacent literal text of the same quoting. */
    private final class WordBuilder {
        private final List<Part> parts = new ArrayList<>(2);
        private final StringBuilder lit = new StringBuilder();
        private boolean litQuoted;
        private boolean quotedEmpty;
        /** An empty quoted string ('' or "") not yet in a part: it still makes a field. */
        private boolean pendingEmpty;
        boolean braces;
        /** A {@code $'...'} string was cut at a NUL; {@link #afterNul} when the word goes on after it. */
        boolean nulCut;
        private boolean afterNul;

        boolean isEmpty() {
            return parts.isEmpty() && lit.isEmpty() && !quotedEmpty;
        }

        void markQuoted() {
            quotedEmpty = true;
            pendingEmpty |= lit.isEmpty();
        }

        void lit(char c, boolean quoted) {
            afterNul |= nulCut;
            if (!lit.isEmpty() && litQuoted != quoted) {
                flush();
            }
            litQuoted = quoted;
            lit.append(c);
        }

        void lit(CharSequence s, boolean quoted) {
            afterNul |= nulCut && !s.isEmpty();
            if (!lit.isEmpty() && litQuoted != quoted) {
                flush();
            }
            if (quoted) {
                quotedEmpty = true;
                pendingEmpty |= s.isEmpty() && lit.isEmpty();
            }
            litQuoted = quoted;
            lit.append(s);
        }

        void lit(String s, int from, int to, boolean quoted) {
            afterNul |= nulCut && from < to;
            if (!lit.isEmpty() && litQuoted != quoted) {
                flush();
            }
            if (quoted) {
                quotedEmpty = true;
                pendingEmpty |= from == to && lit.isEmpty();
            }
            litQuoted = quoted;
            lit.append(s, from, to);
        }

        void part(Part p) {
            afterNul |= nulCut;
            flush();
            parts.add(p);
        }

        private void flush() {
            if (!lit.isEmpty()) {
                parts.add(new Lit(lit.toString(), litQuoted));
                lit.setLength(0);
            } else if (pendingEmpty) {
                parts.add(new Lit("", true));
            }
            pendingEmpty = false;
        }

        @Nullable Word build(int start) {
            flush();
            if (afterNul) {
                // Bash drops the rest of the $'...' string only; zsh keeps the NUL in the word and
                // exec() ends the program's view of it there: rm$'\0'X is rmX in Bash, rm in zsh.
                problems.add("a $'...' string holds a NUL character: Bash ends that string there but keeps the rest of '"
                        + src.substring(start, pos) + "', while zsh and the program see the word end at the NUL,"
                        + " so what runs depends on the shell");
            }
            if (parts.isEmpty()) {
                if (!quotedEmpty) {
                    return null;
                }
                parts.add(new Lit("", true));
            }
            return new Word(List.copyOf(parts), src.substring(start, pos), braces);
        }
    }
}
