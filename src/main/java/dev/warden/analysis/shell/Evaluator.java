package dev.warden.analysis.shell;

import dev.warden.analysis.shell.Syntax.AndOr;
import dev.warden.analysis.shell.Syntax.Arith;
import dev.warden.analysis.shell.Syntax.Assign;
import dev.warden.analysis.shell.Syntax.Case;
import dev.warden.analysis.shell.Syntax.Cond;
import dev.warden.analysis.shell.Syntax.For;
import dev.warden.analysis.shell.Syntax.FuncDef;
import dev.warden.analysis.shell.Syntax.Group;
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
import dev.warden.call.Command;
import dev.warden.call.Command.Redirect;
import dev.warden.call.Finding;
import dev.warden.call.Severity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Walks a {@link Syntax} tree the way Bash would run it and reports every simple command.
 *
 * <p>Design note. Expansion follows Bash's order — brace expansion, then parameter, command and
 * arithmetic substitution, then field splitting on {@code IFS}, then quote removal (done by the
 * reader) — because the obfuscations this exists to see through live exactly in those steps
 * ({@code rm$IFS-rf$IFS/}, {@code {rm,-rf,/}}, {@code X=rm; $X}). Variables are tracked only
 * when the script itself sets them to literal text; anything else stays as its source text and
 * is marked dynamic, so nothing is ever silently replaced by a guess. Assignments on a branch
 * that may not run (after {@code &&}, inside {@code if}, loops, {@code case}) make the variable
 * unknown afterwards, so an attacker cannot hide the real value behind a branch.
 *
 * <p>Each node returns its standard output when that is statically known (literal
 * {@code echo}/{@code printf}, decoders applied to known input); that is how
 * {@code echo cm0gLXJmIC8= | base64 -d | sh} is decoded and read.
 */
final class Evaluator {

    /** One word after expansion. Unknown parts keep their source text in {@code value}. */
    record Arg(String value, boolean dynamic, boolean opaque, int taint) {
        static Arg of(String s) {
            return new Arg(s, false, false, 0);
        }
    }

    /** What a command's standard input is, when it reads a pipe or a here-document. */
    record Stdin(int taint, byte @Nullable [] known, String evidence, boolean pipe) {}

    /**
     * Where commands run: the variables, the launchers around them, extra redirections from
     * enclosing groups, their standard input.
     */
    record Ctx(Env env, List<String> via, boolean remote, List<Redirect> redirs, @Nullable Stdin stdin) {
        Ctx withEnv(Env e) {
            return new Ctx(e, via, remote, redirs, stdin);
        }

        Ctx withStdin(@Nullable Stdin s) {
            return new Ctx(env, via, remote, redirs, s);
        }

        Ctx withRedirs(List<Redirect> more) {
            if (more.isEmpty()) {
                return this;
            }
            List<Redirect> all = new ArrayList<>(redirs.size() + more.size());
            all.addAll(redirs);
            all.addAll(more);
            return new Ctx(env, via, remote, all, stdin);
        }

        Ctx withRedirsCleared() {
            return redirs.isEmpty() ? this : new Ctx(env, via, remote, List.of(), stdin);
        }

        Ctx via(String launcher, boolean remoteToo) {
            List<String> v = new ArrayList<>(via.size() + 1);
            v.addAll(via);
            v.add(launcher);
            return new Ctx(env, v, remote || remoteToo, redirs, stdin);
        }
    }

    final Budget budget;
    final List<Command> commands = new ArrayList<>();
    /** Simple commands and assignments read, including those that report no command. */
    int statements;
    /** Payload kinds (see {@link Payloads}) of each command, parallel to {@link #commands}. */
    final List<Integer> kinds = new ArrayList<>();
    private final Map<String, Finding> findings = new LinkedHashMap<>();
    private final Unwrapper unwrapper;

    /** A function and where it was defined. */
    private record Defined(FuncDef def, Ctx ctx) {}

    private final Map<String, Defined> functions = new LinkedHashMap<>();

    /** What a file written earlier in the call holds: its text when known, else the taint of what wrote it. */
    record Written(byte @Nullable [] content, int taint, String evidence) {}

    /** Files this call writes, by path resolved against its directory changes (see {@link #fileKey}). */
    private final Map<String, Written> written = new HashMap<>();
    /** The output of each input process substitution ({@code <(...)}), by its text. */
    private final Map<String, Written> procsubs = new HashMap<>();

    /** An output process substitution ({@code >(...)}) whose body runs once the writer is known. */
    private record PendingOut(Node body, Ctx ctx, String text) {}

    private final List<PendingOut> pending = new ArrayList<>();
    private final java.util.Set<String> called = new java.util.HashSet<>();

    /** The directory the script starts in and the home directory, when the caller knows them. */
    private final @Nullable String base;
    private final @Nullable String home;

    Evaluator(Budget budget) {
        this(budget, null, null);
    }

    Evaluator(Budget budget, @Nullable String base, @Nullable String home) {
        this.budget = budget;
        this.base = base;
        this.home = home;
        this.unwrapper = new Unwrapper(this);
    }

    /**
     * A file's key: {@link #keyOf} anchored at the starting directory when known, so that
     * {@code x.sh}, {@code "$PWD"/x.sh}, {@code ~+/x.sh} and {@code /home/user/project/x.sh} name
     * the same file.
     */
    @Nullable String fileKey(List<String> cds, String word) {
        String w = word;
        if (w.startsWith("$PWD/")) {
            w = w.substring(5);
        } else if (w.startsWith("${PWD}/")) {
            w = w.substring(7);
        } else if (w.startsWith("~+/")) {
            w = w.substring(3);
        } else if (home != null && (w.equals("~") || w.startsWith("~/"))) {
            w = home + w.substring(1);
        }
        if (base == null) {
            return keyOf(cds, w);
        }
        List<String> all = new ArrayList<>(cds.size() + 1);
        all.add(base);
        for (String d : cds) {
            if (d.equals("$PWD") || d.equals("${PWD}") || d.equals("~+") || d.equals("\"$PWD\"")) {
                continue; // cd "$PWD": where it already is
            }
            String e = d.startsWith("$PWD/") ? d.substring(5) : d.startsWith("~+/") ? d.substring(3) : d;
            all.add(home != null && (e.equals("~") || e.startsWith("~/")) ? home + e.substring(1) : e);
        }
        return keyOf(all, w);
    }

    /**
     * Reads the functions the script defines but never calls by name (they may still run: from
     * a trap, through a variable, in a later call), once, with unknown arguments.
     */
    void finish() {
        for (Defined d : List.copyOf(functions.values())) {
            if (!called.contains(d.def().name())) {
                called.add(d.def().name());
                budget.enter();
                run(d.def().body(), d.ctx().via("function " + d.def().name(), false));
                budget.exit();
            }
        }
    }

    /**
     * A call of a function defined earlier: its body runs here, with the call's words as
     * {@code $1...} (Bash shares the caller's variables), so {@code f() { rm -rf "$1"; }; f ~}
     * is {@code rm -rf ~}. A function calling itself is not read again.
     */
    private byte @Nullable [] call(Simple s, Ctx ctx) {
        Word first = s.words().get(0);
        String name = first.literal();
        Defined d = name == null ? null : functions.get(name);
        if (d == null || ctx.via().contains("function " + name)) {
            return NOT_HANDLED;
        }
        called.add(name);
        List<@Nullable String> words = new ArrayList<>();
        words.add(name);
        for (int i = 1; i < s.words().size(); i++) {
            for (Arg a : expand(s.words().get(i), ctx, true)) {
                words.add(a.dynamic() ? null : a.value());
            }
        }
        Env env = ctx.env();
        List<String> saved = env.positional;
        env.positional(words);
        budget.enter();
        try {
            run(d.def().body(), ctx.via("function " + name, false).withRedirs(redirects(s.redirs(), ctx)));
        } finally {
            budget.exit();
            env.positional = saved;
        }
        return null;
    }

    List<Finding> findings() {
        return List.copyOf(findings.values());
    }

    void finding(String id, Severity severity, String message, String evidence, String hint) {
        String ev = evidence.length() > 500 ? evidence.substring(0, 500) + "…" : evidence;
        String key = id + '\u0000' + ev;
        Finding old = findings.get(key);
        if (old == null || old.severity().compareTo(severity) < 0) {
            findings.put(key, new Finding(id, severity, message, ev, hint));
        }
    }

    // ---------------------------------------------------------------- scripts from strings

    /**
     * Parses and runs a script that some launcher will execute ({@code bash -c}, {@code eval},
     * a decoded payload, a heredoc fed to a shell).
     */
    byte @Nullable [] runScript(String code, Ctx ctx, String what) {
        budget.enter();
        try {
            budget.step(code.length() / 4 + 1);
            Reader r = new Reader(code, budget);
            Node n = r.script();
            reportProblems(r, code, what);
            return run(n, ctx);
        } finally {
            budget.exit();
        }
    }

    void reportProblems(Reader r, String code, String what) {
        if (r.error() != null) {
            Reader.SyntaxError e = r.error();
            finding(Findings.UNPARSEABLE, Severity.HIGH,
                    "could not parse " + what + ": " + e.getMessage() + " (at character " + e.position + ")",
                    code, Findings.UNPARSEABLE_HINT);
        }
        for (String p : r.problems()) {
            finding(Findings.UNPARSEABLE, Severity.HIGH, "could not parse " + what + ": " + p, code,
                    Findings.UNPARSEABLE_HINT);
        }
    }

    // ---------------------------------------------------------------- nodes

    /** Runs a node; returns its standard output when statically known. */
    byte @Nullable [] run(Node node, Ctx ctx) {
        int waiting = pending.size();
        byte[] out = node(node, ctx);
        drain(waiting, null, 0);
        return out;
    }

    /**
     * Runs the bodies of the output process substitutions queued since {@code from}: each reads
     * what its writer writes ({@code known}, or a pipe Warden cannot see when null).
     */
    private void drain(int from, byte @Nullable [] known, int taint) {
        while (pending.size() > from) {
            PendingOut p = pending.remove(pending.size() - 1);
            budget.enter();
            run(p.body(), p.ctx().withStdin(new Stdin(taint, known, p.text(), true)));
            budget.exit();
        }
    }

    private byte @Nullable [] node(Node node, Ctx ctx) {
        budget.step();
        return switch (node) {
            case Simple s -> simple(s, ctx);
            case Pipe p -> pipe(p, ctx);
            case Seq s -> {
                byte[] out = new byte[0];
                boolean known = true;
                for (Node n : s.items()) {
                    byte[] o = run(n, ctx);
                    if (o == null) {
                        known = false;
                    } else if (known) {
                        out = Payloads.concat(out, o);
                    }
                }
                yield known ? out : null;
            }
            case AndOr a -> {
                run(a.items().get(0), ctx);
                Env branch = ctx.env().copy();
                Ctx bctx = ctx.withEnv(branch);
                for (int i = 1; i < a.items().size(); i++) {
                    run(a.items().get(i), bctx);
                }
                ctx.env().mergeBranch(branch);
                yield null;
            }
            case Group g -> {
                List<Redirect> r = redirects(g.redirs(), ctx);
                Ctx inner = compound(ctx, r);
                if (g.subshell()) {
                    inner = inner.withEnv(ctx.env().copy());
                }
                budget.enter();
                int before = commands.size();
                byte[] out = run(g.body(), inner);
                if (commands.size() == before && !r.isEmpty()) {
                    // `[[ -f x ]] > /dev/sda` still opens the file
                    emitFinal(List.of(), List.of(), "", inner);
                }
                int taint = 0;
                for (int k = before; k < commands.size(); k++) {
                    taint |= kinds.get(k);
                }
                boolean redirected = false;
                for (Redirect x : r) {
                    if (STDOUT.contains(x.op()) && !x.target().startsWith(">(")) {
                        // { echo a; echo b; } > x.sh: the file holds the group's output
                        store(x.target(), x.op().endsWith(">>"), out, taint, "> " + x.target(), ctx.env().cds());
                        redirected = true;
                    }
                }
                if (redirected) {
                    out = new byte[0];
                }
                budget.exit();
                yield out;
            }
            case If i -> {
                Ctx inner = compound(ctx, redirects(i.redirs(), ctx));
                budget.enter();
                run(i.conditions().get(0), inner);
                Env branch = ctx.env().copy();
                Ctx b = inner.withEnv(branch);
                for (int k = 1; k < i.conditions().size(); k++) {
                    run(i.conditions().get(k), b);
                }
                for (Node body : i.bodies()) {
                    Env one = ctx.env().copy();
                    run(body, inner.withEnv(one));
                    branch.mergeBranch(one);
                    ctx.env().mergeBranch(one);
                }
                if (i.otherwise() != null) {
                    Env one = ctx.env().copy();
                    run(i.otherwise(), inner.withEnv(one));
                    ctx.env().mergeBranch(one);
                }
                ctx.env().mergeBranch(branch);
                budget.exit();
                yield null;
            }
            case Loop l -> {
                Ctx inner = compound(ctx, redirects(l.redirs(), ctx));
                budget.enter();
                Env branch = ctx.env().copy();
                Ctx b = inner.withEnv(branch);
                run(l.condition(), b);
                run(l.body(), b);
                ctx.env().mergeBranch(branch);
                budget.exit();
                yield null;
            }
            case For f -> {
                forLoop(f, ctx);
                yield null;
            }
            case Case c -> {
                Ctx inner = compound(ctx, redirects(c.redirs(), ctx));
                budget.enter();
                expand(c.subject(), ctx, false);
                Env branch = ctx.env().copy();
                for (Word p : c.patterns()) {
                    expand(p, inner.withEnv(branch), false);
                }
                for (Node body : c.bodies()) {
                    Env one = ctx.env().copy();
                    run(body, inner.withEnv(one));
                    branch.mergeBranch(one);
                }
                ctx.env().mergeBranch(branch);
                budget.exit();
                yield null;
            }
            case FuncDef f -> {
                // The body runs when the function is called: read there, with the call's
                // arguments; a function never called by name is read at the end (see finish()).
                functions.put(f.name(), new Defined(f, ctx.withEnv(ctx.env().copy())));
                yield null;
            }
            case Syntax.Timed t -> run(t.body(), ctx.via("time", false));
            case Syntax.Coproc c -> {
                // its input is a pipe the rest of the script writes to: `coproc bash` is a shell reading unseen input
                run(c.body(), ctx.withStdin(new Stdin(0, null, c.text(), true)).withEnv(ctx.env().copy())
                        .via("coproc", false));
                yield null;
            }
            case Cond c -> {
                List<String> values = new ArrayList<>(c.words().size());
                boolean arith = c.words().size() == 1; // (( expr ))
                for (Word w : c.words()) {
                    List<Arg> v = expand(w, ctx, false);
                    values.add(v.isEmpty() ? "" : v.get(0).value());
                    arith |= ARITH_TESTS.contains(w.text());
                }
                for (String v : values) {
                    if (arith) {
                        arithmetic(v, ctx, v, 0);
                    } else {
                        subscript(v, ctx, v, "a test Bash evaluates");
                    }
                }
                yield null;
            }
        };
    }

    /** The operators of {@code [[ ]]} whose operands are arithmetic expressions. */
    private static final java.util.Set<String> ARITH_TESTS = java.util.Set.of("-eq", "-ne", "-lt", "-le", "-gt", "-ge");

    /**
     * The context of a compound command's body: its redirections, and its standard input when
     * they give one the call shows ({@code { sh; } <<< 'cmd'}, {@code (bash) < x.sh} for a file
     * written here, {@code while sh; do ...; done 3<<< 'cmd' <&3}).
     */
    private Ctx compound(Ctx ctx, List<Redirect> r) {
        Ctx inner = ctx.withRedirs(r);
        Map<String, Written> own = opened(r, ctx);
        for (Redirect x : r) {
            Written w = switch (x.op()) {
                case "<<<", "0<<<" -> new Written((x.target() + "\n").getBytes(StandardCharsets.UTF_8), 0, x.target());
                case "<<", "<<-", "0<<", "0<<-" -> new Written(x.target().getBytes(StandardCharsets.UTF_8), 0, "here-document");
                case "<", "0<" -> writtenFile(x.target(), ctx.env().cds());
                case "<&", "0<&" -> own.getOrDefault(x.target(), descriptors.get(x.target()));
                default -> null;
            };
            if (w != null) {
                return inner.withStdin(new Stdin(w.taint(), w.content(), w.evidence(), true));
            }
        }
        return inner;
    }

    /**
     * The descriptors a command's own redirections open for reading, by number: {@code 3<<< text},
     * {@code 3<< doc}, {@code 3< file} for a file written earlier in the call.
     */
    private Map<String, Written> opened(List<Redirect> redirs, Ctx ctx) {
        Map<String, Written> m = null;
        for (Redirect r : redirs) {
            String op = r.op();
            int k = 0;
            while (k < op.length() && Character.isDigit(op.charAt(k))) {
                k++;
            }
            if (k == 0 || op.substring(0, k).equals("0")) {
                continue;
            }
            Written w = switch (op.substring(k)) {
                case "<<<" -> new Written((r.target() + "\n").getBytes(StandardCharsets.UTF_8), 0, r.target());
                case "<<", "<<-" -> new Written(r.target().getBytes(StandardCharsets.UTF_8), 0, "here-document");
                case "<" -> writtenFile(r.target(), ctx.env().cds());
                default -> null;
            };
            if (w != null) {
                if (m == null) {
                    m = new HashMap<>(2);
                }
                m.put(op.substring(0, k), w);
            }
        }
        return m == null ? Map.of() : m;
    }

    private void forLoop(For f, Ctx ctx) {
        Ctx inner = compound(ctx, redirects(f.redirs(), ctx));
        budget.enter();
        List<Arg> items = new ArrayList<>();
        if (f.words() != null) {
            for (Word w : f.words()) {
                items.addAll(expand(w, ctx, true));
            }
        }
        boolean allKnown = f.words() != null && items.size() <= 8;
        for (Arg a : items) {
            // a glob is expanded at run time into names it matches: the pattern stands for each
            // of them (for f in ~/.ssh/id_*; do cat "$f"; done reads what cat ~/.ssh/id_* reads)
            allKnown &= !a.dynamic();
        }
        Env branch = ctx.env().copy();
        if (allKnown && !items.isEmpty()) {
            // A short literal list: read the body once per value, so `for c in rm; do $c -rf /; done` shows rm.
            for (Arg a : items) {
                Env one = ctx.env().copy();
                one.set(f.name(), a.value());
                run(f.body(), inner.withEnv(one));
                branch.mergeBranch(one);
            }
        } else {
            Env one = ctx.env().copy();
            one.set(f.name(), null);
            run(f.body(), inner.withEnv(one));
            branch.mergeBranch(one);
        }
        ctx.env().mergeBranch(branch);
        ctx.env().set(f.name(), null);
        budget.exit();
    }

    private byte @Nullable [] pipe(Pipe p, Ctx ctx) {
        int taint = 0;
        byte[] known = null;
        Stdin in = ctx.stdin();
        byte[] out = null;
        for (int i = 0; i < p.elements().size(); i++) {
            Node el = p.elements().get(i);
            if (i > 0) {
                in = new Stdin(taint | (in == null ? 0 : in.taint()), known, p.text(), true);
            }
            int before = commands.size();
            // every element of a pipeline runs in its own subshell, except the last one under
            // lastpipe (scripts have no job control, so `true | cd ~` moves the script itself)
            boolean inShell = i == p.elements().size() - 1 && ctx.env().shopt("lastpipe");
            out = run(el, ctx.withStdin(in).withEnv(inShell ? ctx.env() : ctx.env().copy()));
            for (int k = before; k < commands.size(); k++) {
                taint |= kinds.get(k);
            }
            known = out;
        }
        return out;
    }

    private byte @Nullable [] simple(Simple s, Ctx ctx) {
        Env env = ctx.env();
        statements++;
        if (env.shopt("keyword") && s.words().size() > 1) {
            String moved = keywordAssignments(s);
            if (moved != null && !moved.isEmpty()) {
                return runScript(moved, ctx, "a command run under set -k");
            }
            if (moved != null) {
                // NAME=value words Warden could not move into the command's environment: never read as plain arguments
                finding(Findings.UNPARSEABLE, Severity.HIGH, "could not read the assignments of a command run under set -k",
                        s.text(), Findings.UNPARSEABLE_HINT);
            }
        }
        if (s.words().isEmpty()) {
            for (Assign a : s.assigns()) {
                assign(a, ctx, env);
                String v = env.get(a.name().endsWith("+") ? a.name().substring(0, a.name().length() - 1) : a.name());
                checkVariable(a.name(), v == null || v == Env.UNKNOWN ? null : v, s.text(), ctx);
            }
            List<Redirect> r = redirects(s.redirs(), ctx);
            if (!r.isEmpty()) {
                // `> file` alone truncates the file: report it as a command with no program
                emitFinal(List.of(), r, s.text(), ctx);
            }
            return s.redirs().isEmpty() ? new byte[0] : null;
        }
        Map<String, String> prefix = null;
        for (Assign a : s.assigns()) {
            // Prefix assignments are expanded (their substitutions run) and passed to the program.
            String v = assignValue(a, ctx);
            if (prefix == null) {
                prefix = new HashMap<>(4);
            }
            prefix.put(a.name(), v == null ? Env.UNKNOWN : v);
            String raw = a.value() == null ? "" : a.value().text();
            // SHELL="$PWD"/e names a file by where the script is, as a command word would
            checkVariable(a.name(), v == null && a.name().equals("SHELL")
                    && (raw.startsWith("$PWD/") || raw.startsWith("${PWD}/") || raw.startsWith("\"$PWD\"/")) ? raw : v,
                    s.text(), ctx);
        }
        byte[] aliased = alias(s, ctx);
        if (aliased != NOT_HANDLED) {
            return aliased;
        }
        byte[] function = call(s, ctx);
        if (function != NOT_HANDLED) {
            return function;
        }
        int waiting = pending.size();
        List<Arg> argv = new ArrayList<>(s.words().size() + 2);
        for (Word w : s.words()) {
            argv.addAll(expand(w, ctx, true));
        }
        List<Redirect> redirs = redirects(s.redirs(), ctx);
        if (!renamed.isEmpty() && !argv.isEmpty() && !argv.get(0).dynamic()) {
            String real = renamedProgram(argv.get(0).value(), ctx, s.text());
            if (real != null) {
                argv.set(0, Arg.of(real)); // ln -s /bin/rm d; ./d -rf ~ is rm -rf ~
            }
        }
        if (!moved.isEmpty() && !argv.isEmpty() && DELETERS.contains(argv.get(0).value())) {
            movedBack(argv, ctx); // mv src /tmp/x && rm -rf /tmp/x deletes src
        }
        Map<String, String> saved = null;
        if (prefix != null && !argv.isEmpty() && !argv.get(0).dynamic() && TEMPORARY_FOR.contains(argv.get(0).value())) {
            // CDPATH=~ cd .ssh, IFS=/ read a b: the assignment holds while the builtin runs
            saved = new HashMap<>(4);
            for (Map.Entry<String, String> e : prefix.entrySet()) {
                saved.put(e.getKey(), ctx.env().own(e.getKey()));
                ctx.env().set(e.getKey(), e.getValue() == Env.UNKNOWN ? null : e.getValue());
            }
        }
        if (!argv.isEmpty() && !argv.get(0).dynamic()) {
            builtinEffects(argv, ctx, s.text(), redirs);
        }
        Stdin fed = null;
        Map<String, Written> opens = opened(redirs, ctx);
        for (int i = 0; i < redirs.size(); i++) {
            Redirect r = redirs.get(i);
            boolean fromFd = (r.op().equals("<&") || r.op().equals("0<&"))
                    && (opens.containsKey(r.target()) || descriptors.containsKey(r.target()));
            if (r.op().equals("<") || r.op().equals("0<") || fromFd) {
                // cmd <&3 after exec 3< FILE, or sh 3<<< 'cmd' <&3: standard input is what descriptor 3 holds
                Written w = fromFd ? opens.getOrDefault(r.target(), descriptors.get(r.target()))
                        : writtenFile(r.target(), ctx.env().cds());
                if (w != null) {
                    // cmd < <(...) or cmd < file-written-here: standard input is that text
                    redirs = new ArrayList<>(redirs);
                    if (w.content() != null) {
                        redirs.set(i, new Redirect("<<", Payloads.text(w.content())));
                    } else {
                        redirs.remove(i);
                        fed = new Stdin(w.taint(), null, w.evidence(), true);
                    }
                    break;
                }
            }
        }
        if (fed == null && ctx.stdin() == null && !descriptors.isEmpty() && descriptors.containsKey("0")
                && !Unwrapper.hasInputRedirect(redirs)) {
            Written w0 = descriptors.get("0");
            fed = new Stdin(w0.taint(), w0.content(), w0.evidence(), true);
        }
        Ctx cctx = fed == null ? ctx : ctx.withStdin(fed);
        int before = commands.size();
        for (Map.Entry<String, Written> e : opens.entrySet()) {
            // bash /proc/self/fd/3 3< x.sh: the descriptor's path names what it was opened on
            procsubs.put("/proc/self/fd/" + e.getKey(), e.getValue());
            procsubs.put("/dev/fd/" + e.getKey(), e.getValue());
        }
        unwrapper.unwrap(argv, redirs, s.text(), cctx, prefix);
        if (saved != null) {
            for (Map.Entry<String, String> e : saved.entrySet()) {
                ctx.env().restore(e.getKey(), e.getValue());
            }
        }
        for (String fd : opens.keySet()) {
            procsubs.remove("/proc/self/fd/" + fd);
            procsubs.remove("/dev/fd/" + fd);
        }
        byte[] out = null;
        byte[] in = null;
        int taint = cctx.stdin() == null ? 0 : cctx.stdin().taint();
        for (int k = before; k < commands.size(); k++) {
            taint |= kinds.get(k);
        }
        Command c = commands.size() > before ? commands.get(before) : null;
        byte[] writes = null;
        if (commands.size() == before + 1) {
            in = stdinOf(c, cctx);
            out = Payloads.output(c, argv, in);
            if (out == null && !written.isEmpty() && c.program().equals("cat") && !c.args().isEmpty() && c.via().isEmpty()) {
                out = filesWritten(c.args(), ctx.env().cds()); // "$(cat f)" is "$(<f)"
            }
            writes = writes(c, argv, in);
        }
        if (c != null) {
            remember(c, s.redirs().isEmpty() ? List.of() : redirs, writes, in, taint, s.text());
        }
        // >(...) in this command: a redirection target reads its output, a tee file reads tee's input
        while (pending.size() > waiting) {
            PendingOut p = pending.remove(pending.size() - 1);
            byte[] known = null;
            if (c != null) {
                for (Redirect r : redirs) {
                    if (r.target().equals(p.text()) && STDOUT.contains(r.op())) {
                        known = writes;
                    }
                }
                if (c.program().equals("tee") && c.args().contains(p.text())) {
                    known = in;
                }
            }
            budget.enter();
            run(p.body(), p.ctx().withStdin(new Stdin(taint, known, p.text(), true)));
            budget.exit();
        }
        if (c != null && writes != null && c.via().isEmpty() && !ctx.redirs().isEmpty()) {
            boolean own = false;
            for (Redirect r : redirs) {
                own |= STDOUT.contains(r.op());
            }
            if (!own) {
                return writes; // { echo a; echo b; } > f: the group's redirection takes this output
            }
        }
        return out;
    }

    private static final java.util.regex.Pattern ASSIGNMENT_WORD = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\+?=.*",
            java.util.regex.Pattern.DOTALL);

    /**
     * Under {@code set -k} (keyword), every {@code NAME=value} word of a command is an assignment
     * in its environment, not an argument ({@code git fetch GIT_SSH_COMMAND=...}): the command
     * written the way Bash runs it, those words first; null when it has none, empty when Warden
     * cannot find them in the command's text.
     */
    private static @Nullable String keywordAssignments(Simple s) {
        List<Word> args = s.words().subList(1, s.words().size());
        if (args.stream().noneMatch(w -> ASSIGNMENT_WORD.matcher(w.text()).matches())) {
            return null;
        }
        String text = s.text();
        int from = text.indexOf(s.words().get(0).text()) + s.words().get(0).text().length();
        if (from < s.words().get(0).text().length()) {
            return ""; // the words are not where the text says: unknown
        }
        StringBuilder front = new StringBuilder();
        String rest = text.substring(from);
        for (Word w : args) {
            int at = rest.indexOf(w.text());
            if (at < 0) {
                return "";
            }
            if (ASSIGNMENT_WORD.matcher(w.text()).matches()) {
                front.append(w.text()).append(' ');
                rest = rest.substring(0, at) + rest.substring(at + w.text().length());
            }
        }
        return front + text.substring(0, from) + rest;
    }

    /** The text of files this call wrote with known contents, one after the other; null if any is not one. */
    private byte @Nullable [] filesWritten(List<String> names, List<String> cds) {
        byte[] all = new byte[0];
        for (String name : names) {
            Written w = name.startsWith("-") || names.size() > 8 ? null : writtenFile(name, cds);
            if (w == null || w.content() == null) {
                return null;
            }
            all = Payloads.concat(all, w.content());
        }
        return all;
    }

    /** Names in the string literals of inline code that writes files ({@code perl -e 'open F,">x"'}), by key. */
    private @Nullable Map<String, String> inlineWrites;

    /** Records a string literal of inline code that writes files: a later run of that name is a run of unseen text. */
    void inlineWrote(String literal, String evidence) {
        String name = literal.strip();
        while (!name.isEmpty() && (name.charAt(0) == '>' || name.charAt(0) == '+' || name.charAt(0) == '<')) {
            name = name.substring(1).strip(); // perl's ">x", "+>x", ">>x"
        }
        if (name.isEmpty() || name.length() > 256 || name.indexOf(' ') >= 0 || name.indexOf('\n') >= 0) {
            return;
        }
        if (inlineWrites == null) {
            inlineWrites = new HashMap<>(4);
        }
        if (inlineWrites.size() < 64) {
            inlineWrites.putIfAbsent(name, evidence);
        }
    }

    /** Redirections of standard output to a file. */
    private static final java.util.Set<String> STDOUT = java.util.Set.of(">", ">|", "1>", "1>|", "&>", ">>", "1>>",
            "&>>", ">&");

    /** What a command writes to its standard output when it is not redirected, if known. */
    private static byte @Nullable [] writes(Command c, List<Arg> argv, byte @Nullable [] in) {
        List<Redirect> kept = new ArrayList<>(c.redirects().size());
        for (Redirect r : c.redirects()) {
            if (!r.op().contains(">")) {
                kept.add(r);
            }
        }
        return Payloads.output(new Command(c.argv(), c.text(), List.of(), kept, false), argv, in);
    }

    /**
     * Remembers the files a command writes ({@code > f}, {@code >> f}, {@code tee f}), with their
     * text when known, so that a later command of the call that runs one is read with it.
     */
    private void remember(Command c, List<Redirect> own, byte @Nullable [] out, byte @Nullable [] in, int taint,
            String text) {
        for (Redirect r : own) {
            if ((r.op().equals(">&") || r.op().equals("1>&")) && outputs.containsKey(r.target())) {
                // echo ... >&3 after exec 3>x.sh: appended to x.sh
                store(outputs.get(r.target()), true, out, taint, text, c.cds());
            } else if (STDOUT.contains(r.op()) && !r.target().startsWith(">(")) {
                store(r.target(), r.op().endsWith(">>"), out, taint, text, c.cds());
            }
        }
        rememberOther(c, in, taint, text);
        if (c.program().equals("tee")) {
            boolean append = false;
            for (String a : c.args()) {
                if (a.equals("-a") || a.equals("--append")) {
                    append = true;
                } else if (!a.startsWith("-") && !a.startsWith(">(")) {
                    store(a, append, in, taint, text, c.cds());
                }
            }
        }
    }

    private void store(String target, boolean append, byte @Nullable [] content, int taint, String text,
            List<String> cds) {
        String key = fileKey(cds, target);
        if (key == null || written.size() > 64) {
            return;
        }
        Written old = written.get(key);
        if (append && old != null) {
            content = old.content() == null || content == null ? null : Payloads.concat(old.content(), content);
            taint |= old.taint();
        }
        if (content != null && content.length > Budget.MAX_VALUE) {
            content = null;
        }
        if (content != null) {
            judgeText(key, Payloads.text(content), text);
        }
        written.put(key, new Written(content, taint, text));
    }

    /**
     * Text whose danger is in what it says rather than where it goes: a certificate authority
     * trusted for every host in known_hosts, a Java agent in gradle.properties, mise hooks that
     * run on entering the directory.
     */
    private void judgeText(String key, String content, String text) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        if (name.equals("known_hosts") && content.contains("@cert-authority")) {
            finding("fs.persistence", Severity.HIGH, "makes SSH trust every host key a certificate authority signs "
                    + "(@cert-authority in known_hosts)", text, "leave SSH trust settings to the user");
        } else if (name.equals("gradle.properties") && (content.contains("-javaagent") || content.contains("-agentpath"))) {
            finding("fs.persistence", Severity.HIGH, "makes every Gradle build load a Java agent (gradle.properties)",
                    text, "run the agent explicitly in one build instead");
        } else if (name.equals("settings.json") && (key.contains("/.vscode/") || key.contains("/Code/User/")
                || key.contains("/Cursor/User/") || key.contains("/VSCodium/User/"))
                && (content.contains("terminal.integrated.profiles") || content.contains("terminal.integrated.shell")
                        || content.contains("defaultInterpreterPath") || content.contains("terminal.integrated.env")
                        || content.contains("\"command\"") || content.contains("Path\":\"/tmp")
                        || content.contains("path\":\"/tmp"))) {
            finding("fs.persistence", key.contains("/.vscode/") ? Severity.MEDIUM : Severity.HIGH,
                    "sets a program the editor runs (terminal profile, interpreter) in its settings", text,
                    "leave editor settings that name programs to the user");
        } else if ((name.equals("mise.toml") || name.equals(".mise.toml") || name.equals("config.toml") && key.contains("/mise/"))
                && content.contains("[hooks]")) {
            finding("fs.persistence", Severity.MEDIUM, "adds mise hooks, which run commands whenever the directory is "
                    + "entered", text, "run the command now instead");
        }
    }

    /**
     * The start-up file a shell reads from a home the call moved here ({@code HOME=$PWD bash -i},
     * {@code ZDOTDIR=. zsh}) when the call wrote one, or null.
     */
    @Nullable String startupFile(String text, List<String> cds) {
        if (written.isEmpty()) {
            return null;
        }
        for (String var : List.of("HOME=", "XDG_CONFIG_HOME=", "ZDOTDIR=")) {
            // HOME=/tmp/h bash -l with /tmp/h/.profile written here, XDG_CONFIG_HOME=/tmp/x fish
            int at = text.indexOf(var);
            if (at < 0 || at > 0 && (Character.isLetterOrDigit(text.charAt(at - 1)) || text.charAt(at - 1) == '_')) {
                continue;
            }
            String dir = text.substring(at + var.length()).split("[\\s;&|]", 2)[0].replace("\"", "");
            if (dir.startsWith("$")) {
                continue;
            }
            List<String> names = var.equals("HOME=") ? List.of(".zshenv", ".zshrc", ".zprofile", ".bashrc", ".bash_profile",
                    ".bash_login", ".profile", ".config/fish/config.fish")
                    : var.equals("ZDOTDIR=") ? List.of(".zshenv", ".zshrc", ".zprofile", ".zlogin")
                    : List.of("fish/config.fish");
            for (String rc : names) {
                String f = (dir.endsWith("/") ? dir : dir + "/") + rc;
                if (writtenFile(f, cds) != null) {
                    return f;
                }
            }
        }
        if (!(text.contains("HOME=$PWD") || text.contains("HOME=.") || text.contains("ZDOTDIR=")
                || text.contains("HOME=\"$PWD\"") || text.contains("HOME=${PWD}"))) {
            return null;
        }
        for (String rc : List.of(".zshenv", ".zshrc", ".zprofile", ".bashrc", ".bash_profile", ".bash_login", ".profile")) {
            if (writtenFile(rc, cds) != null) {
                return rc;
            }
        }
        return null;
    }

    /**
     * gawk looks a program file named without a slash up in the directories of {@code AWKPATH}
     * (set for the command or exported), and tries the name with {@code .awk} appended: the file
     * this call wrote there, or null.
     */
    private @Nullable Written onAwkPath(String name, Ctx ctx, String text, List<String> cds) {
        List<String> dirs = new ArrayList<>(List.of("."));
        String exported = ctx.env().get("AWKPATH");
        if (exported != null && exported != Env.UNKNOWN) {
            dirs.addAll(List.of(exported.split(":")));
        }
        for (int at = text.indexOf("AWKPATH="); at >= 0; at = text.indexOf("AWKPATH=", at + 8)) {
            String value = text.substring(at + 8).split("[\\s;&|]", 2)[0].replace("\"", "").replace("'", "");
            dirs.addAll(List.of(value.split(":")));
        }
        for (String dir : dirs) {
            for (String file : List.of(name, name + ".awk")) {
                Written w = dir.isEmpty() ? null : writtenFile(dir.endsWith("/") ? dir + file : dir + "/" + file, cds);
                if (w != null) {
                    return w;
                }
            }
        }
        return null;
    }

    /** True once the call has written a file Warden follows (cheap test before looking one up). */
    boolean wroteFiles() {
        return !written.isEmpty();
    }

    /**
     * The file a word names, when this call wrote it earlier or it is an input process
     * substitution; null for any other file.
     */
    @Nullable Written writtenFile(String word, List<String> cds) {
        Written p = procsubs.get(word);
        if (p != null) {
            return p;
        }
        String key = fileKey(cds, word);
        if (key == null) {
            return null;
        }
        Written w = written.get(key);
        if (w == null && dev.warden.analysis.Glob.isGlob(key) && key.length() <= 256) {
            // bash ./*.sh, source x.s?: the pattern matches a file this call wrote
            for (Map.Entry<String, Written> e : written.entrySet()) {
                if (dev.warden.analysis.Glob.matches(key, e.getKey())) {
                    return e.getValue();
                }
            }
        }
        return w;
    }

    /**
     * A file's path as far as the script shows it: the directory changes in effect, then the
     * word, with {@code .} and {@code ..} folded; null when a change is unknown.
     */
    static @Nullable String keyOf(List<String> cds, String word) {
        if (word.isEmpty() || word.startsWith(">(") || word.startsWith("<(")) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        List<String> all = new ArrayList<>(cds);
        all.add(word);
        int root = 0; // parts.get(0) is "/" or "~" once the path is absolute
        for (String d : all) {
            if (d.equals(Command.UNKNOWN_DIR) || d.isEmpty()) {
                return null;
            }
            char c0 = d.charAt(0);
            if (c0 == '/' || c0 == '~' || c0 == '$') {
                parts.clear();
                parts.add(c0 == '/' ? "" : d.split("/", 2)[0]);
                root = 1;
                d = d.indexOf('/') < 0 ? "" : d.substring(d.indexOf('/') + 1);
            }
            for (String seg : d.split("/")) {
                if (seg.isEmpty() || seg.equals(".")) {
                    continue;
                }
                if (seg.equals("..") && root == 1 && parts.size() == 1 && parts.get(0).isEmpty()) {
                    continue; // the parent of / is /
                }
                if (seg.equals("..") && parts.size() > root && !parts.get(parts.size() - 1).equals("..")) {
                    parts.remove(parts.size() - 1);
                } else {
                    parts.add(seg);
                }
            }
        }
        return String.join("/", parts);
    }

    private static byte @Nullable [] stdinOf(Command c, Ctx ctx) {
        for (Redirect r : c.redirects()) {
            if (r.op().equals("<<<")) {
                return (r.target() + "\n").getBytes(StandardCharsets.UTF_8);
            }
            if (r.op().equals("<<") || r.op().equals("<<-")) {
                return r.target().getBytes(StandardCharsets.UTF_8);
            }
        }
        return ctx.stdin() == null ? null : ctx.stdin().known();
    }

    /** Shell builtins that change variables the rest of the script reads. */
    private static final byte[] NOT_HANDLED = new byte[0];

    /**
     * A command whose first word, unquoted, names an alias defined earlier in the script runs
     * the alias's text with the rest of the line ({@code alias x='rm -rf'; x ~} is
     * {@code rm -rf ~}). Bash expands aliases only when {@code expand_aliases} is on and only on
     * later lines; Warden expands them wherever they could run, and never an alias inside its
     * own expansion (as Bash).
     */
    private byte @Nullable [] alias(Simple s, Ctx ctx) {
        Word first = s.words().get(0);
        String name = first.parts().size() == 1 && first.parts().get(0) instanceof Lit l && !l.quoted()
                && !first.braces() ? l.text() : null;
        if (name == null) {
            return NOT_HANDLED;
        }
        String value = ctx.env().aliasOf(name);
        String label = "alias " + name;
        if (value == null || ctx.via().contains(label)) {
            return NOT_HANDLED;
        }
        String text = s.text();
        int at = s.assigns().isEmpty() ? text.indexOf(first.text()) : text.lastIndexOf(first.text());
        if (at < 0) {
            return NOT_HANDLED;
        }
        int end = at + first.text().length();
        String expanded = text.substring(0, at) + value;
        // an alias whose value ends in a blank makes the next word an alias too (alias r='rm -rf ')
        for (int k = 1; k < s.words().size() && (value.endsWith(" ") || value.endsWith("\t")); k++) {
            Word w = s.words().get(k);
            String next = w.parts().size() == 1 && w.parts().get(0) instanceof Lit l && !l.quoted() && !w.braces()
                    ? l.text() : null;
            value = next == null ? null : ctx.env().aliasOf(next);
            int wat = text.indexOf(w.text(), end);
            if (value == null || wat < 0 || ctx.via().contains("alias " + next)) {
                break;
            }
            expanded += text.substring(end, wat) + value;
            end = wat + w.text().length();
        }
        expanded += text.substring(end);
        return runScript(expanded, ctx.via(label, false), "the alias " + name);
    }

    private void builtinEffects(List<Arg> argv, Ctx ctx, String text, List<Redirect> redirs) {
        while (argv.size() > 1 && (argv.get(0).value().equals("builtin") || argv.get(0).value().equals("command"))
                && !argv.get(1).dynamic() && !argv.get(1).value().startsWith("-")) {
            argv = argv.subList(1, argv.size()); // builtin set -k, command printf -v PATH: the builtin itself
        }
        String cmd = argv.get(0).value();
        Env env = ctx.env();
        switch (cmd) {
            case "export", "declare", "typeset", "local", "readonly" -> {
                boolean ref = false;
                boolean integer = false;
                for (int i = 1; i < argv.size(); i++) {
                    Arg a = argv.get(i);
                    String v = a.value();
                    if (v.startsWith("-") || v.startsWith("+")) {
                        ref |= v.startsWith("-") && v.indexOf('n') > 0;
                        integer |= v.startsWith("-") && v.indexOf('i') > 0;
                        continue;
                    }
                    int eq = v.indexOf('=');
                    String name = eq < 0 ? v : v.substring(0, eq);
                    if (name.endsWith("+")) {
                        name = name.substring(0, name.length() - 1);
                    }
                    subscript(name, ctx, text, "the variable name given to '" + cmd + "'");
                    if (!Reader.isName(name)) {
                        if (a.dynamic() && eq != 0) {
                            // declare "$name=value" with a name only known at run time: it may be PATH
                            env.set("PATH", null);
                        }
                        continue;
                    }
                    if (ref && eq < 0) {
                        env.unboundRef(name, true); // declare -n r: the next r=NAME names the target
                        continue;
                    }
                    if (ref && eq >= 0 && !a.dynamic()) {
                        // declare -n r=HOME: "$r" reads HOME
                        String target = v.substring(eq + 1);
                        subscript(target, ctx, text, "the target of the nameref " + name);
                        if (Reader.isName(target)) {
                            env.ref(name, target);
                        } else {
                            env.set(name, null);
                        }
                        continue;
                    }
                    if (integer) {
                        env.integer(name);
                    }
                    if (eq >= 0) {
                        if (integer || env.isInteger(name)) {
                            arithmetic(v.substring(eq + 1), ctx, text, 0);
                        }
                        env.set(name, a.dynamic() ? null : v.substring(eq + 1));
                        checkVariable(name, a.dynamic() ? null : v.substring(eq + 1), text, ctx);
                    }
                    if (cmd.equals("export")) {
                        env.export(name);
                    }
                }
            }
            case "let" -> {
                for (int i = 1; i < argv.size(); i++) {
                    arithmetic(argv.get(i).value(), ctx, text, 0);
                }
            }
            case "test", "[" -> {
                for (int i = 2; i < argv.size(); i++) {
                    if (argv.get(i - 1).value().equals("-v")) {
                        subscript(argv.get(i).value(), ctx, text, "the variable name given to 'test -v'");
                    }
                }
            }
            case "set" -> {
                // set -k / set -o keyword: NAME=value words anywhere in a command are assignments
                for (int i = 1; i < argv.size(); i++) {
                    String v = argv.get(i).value();
                    if ((v.equals("-o") || v.equals("+o")) && i + 1 < argv.size()) {
                        if (argv.get(++i).value().equals("keyword")) {
                            env.shopt("keyword", v.equals("-o"));
                        }
                    } else if (v.equals("--") || v.equals("-")) {
                        break;
                    } else if ((v.startsWith("-") || v.startsWith("+")) && v.indexOf('k') > 0) {
                        env.shopt("keyword", v.startsWith("-"));
                    }
                }
            }
            case "shopt" -> {
                // shopt -s NAME, shopt -so keyword (-o: the options of set -o)
                boolean on = false;
                boolean off = false;
                int i = 1;
                for (; i < argv.size() && argv.get(i).value().startsWith("-"); i++) {
                    on |= argv.get(i).value().indexOf('s') > 0;
                    off |= argv.get(i).value().indexOf('u') > 0;
                }
                for (; i < argv.size() && (on || off); i++) {
                    env.shopt(argv.get(i).value(), on);
                }
            }
            case "unset" -> {
                for (int i = 1; i < argv.size(); i++) {
                    String v = argv.get(i).value();
                    subscript(v, ctx, text, "the variable name given to 'unset'");
                    if (Reader.isName(v)) {
                        env.set(v, "");
                    }
                }
            }
            case "read", "mapfile", "readarray", "getopts", "printf" -> {
                for (int i = 1; i < argv.size(); i++) {
                    String v = argv.get(i).value();
                    boolean named = !cmd.equals("printf") || (i > 1 && argv.get(i - 1).value().equals("-v"));
                    if (cmd.equals("printf") && v.startsWith("-v") && v.length() > 2 && i == 1) {
                        // printf -vPATH FORMAT ...: the name attached to the option
                        v = v.substring(2);
                        named = true;
                    }
                    if (named) {
                        subscript(v, ctx, text, "the variable name given to '" + cmd + "'");
                    }
                    if (Reader.isName(v) && named) {
                        String value = cmd.equals("printf") ? printfV(argv, i) : null;
                        if (cmd.equals("read") && value == null && i == argv.size() - 1 && names(argv) == 1) {
                            // read -r f <<< ~/.bashrc: one name takes the first line shown
                            String input = readInput(redirs, ctx);
                            if (input != null) {
                                int nl = input.indexOf('\n');
                                value = (nl < 0 ? input : input.substring(0, nl)).strip();
                            }
                        } else if (cmd.equals("read") && value == null && names(argv) > 1 && !argv.contains(Arg.of("-a"))) {
                            // IFS=/ read -r a b <<< '.ssh/id_rsa': the first line split on IFS, the last name
                            // taking the rest
                            value = readField(argv, i, readInput(redirs, ctx), env);
                        }
                        if (env.isInteger(v)) {
                            // declare -i n; read n: the text read is evaluated as arithmetic
                            String input = value != null ? value : cmd.equals("read") ? readInput(redirs, ctx) : null;
                            if (input != null) {
                                arithmetic(input.strip(), ctx, text, 0);
                            }
                        }
                        env.set(v, value);
                        // printf -v BASH_ENV ..., read -r GIT_EXTERNAL_DIFF <<< ...: set like an assignment
                        checkVariable(v, value, text, ctx);
                    }
                }
            }
            case "alias" -> {
                for (int i = 1; i < argv.size(); i++) {
                    String v = argv.get(i).value();
                    int eq = v.indexOf('=');
                    if (eq > 0) {
                        runScript(v.substring(eq + 1), ctx.via("alias", false).withStdin(null), "alias");
                        if (!argv.get(i).dynamic() && Reader.isName(v.substring(0, eq).replace('-', '_'))) {
                            env.alias(v.substring(0, eq), v.substring(eq + 1));
                        }
                    }
                }
            }
            default -> { }
        }
    }

    /** How many variable names a {@code read} is given (its operands that are not options or their values). */
    /** The field of the first input line that the name at {@code at} receives, or null when unknown. */
    private static @Nullable String readField(List<Arg> argv, int at, @Nullable String input, Env env) {
        String ifs = env.get("IFS");
        if (input == null || ifs == Env.UNKNOWN || argv.get(at).dynamic()) {
            return null;
        }
        ifs = ifs == null ? " \t\n" : ifs;
        int index = 0;
        int total = names(argv);
        for (int k = 1; k < at; k++) {
            String v = argv.get(k).value();
            if (v.equals("-p") || v.equals("-d") || v.equals("-n") || v.equals("-N") || v.equals("-t") || v.equals("-u")
                    || v.equals("-i")) {
                k++;
            } else if (!v.startsWith("-")) {
                index++;
            }
        }
        int nl = input.indexOf('\n');
        String line = nl < 0 ? input : input.substring(0, nl);
        List<String> fields = new ArrayList<>();
        int pos = 0;
        // IFS white space (blank, tab) around fields is dropped; any other IFS character ends a field
        while (pos < line.length() && (line.charAt(pos) == ' ' || line.charAt(pos) == '\t') && ifs.indexOf(line.charAt(pos)) >= 0) {
            pos++;
        }
        while (pos <= line.length() && fields.size() < total - 1) {
            int end = pos;
            while (end < line.length() && ifs.indexOf(line.charAt(end)) < 0) {
                end++;
            }
            if (end >= line.length()) {
                break;
            }
            fields.add(line.substring(pos, end));
            pos = end + 1;
            while (pos < line.length() && (line.charAt(pos) == ' ' || line.charAt(pos) == '\t') && ifs.indexOf(line.charAt(pos)) >= 0) {
                pos++;
            }
        }
        fields.add(pos <= line.length() ? line.substring(Math.min(pos, line.length())).strip() : "");
        return index < fields.size() ? fields.get(index) : "";
    }

    /** Builtins during which a prefix assignment ({@code IFS=/ read}) is in effect for the shell itself. */
    private static final java.util.Set<String> TEMPORARY_FOR = java.util.Set.of("cd", "pushd", "read", "mapfile",
            "readarray", "eval", "source", ".");

    private static int names(List<Arg> argv) {
        int n = 0;
        for (int i = 1; i < argv.size(); i++) {
            String v = argv.get(i).value();
            if (v.equals("-p") || v.equals("-d") || v.equals("-n") || v.equals("-N") || v.equals("-t") || v.equals("-u")
                    || v.equals("-a") || v.equals("-i")) {
                i++;
            } else if (!v.startsWith("-")) {
                n++;
            }
        }
        return n;
    }

    /** What {@code read} reads when the script shows it: a here-string, a heredoc, or known input. */
    private static @Nullable String readInput(List<Redirect> redirs, Ctx ctx) {
        for (Redirect r : redirs) {
            if (r.op().equals("<<<") || r.op().equals("<<") || r.op().equals("<<-")) {
                return r.target();
            }
        }
        byte[] in = ctx.stdin() == null ? null : ctx.stdin().known();
        return in == null ? null : Payloads.text(in);
    }

    /** {@code printf -v NAME FORMAT ARGS}: the text assigned, when format and arguments are literal. */
    private static @Nullable String printfV(List<Arg> argv, int name) {
        if (name != 2 || argv.size() < 4) {
            return null;
        }
        List<String> rest = new ArrayList<>();
        rest.add("printf");
        for (int k = 3; k < argv.size(); k++) {
            if (argv.get(k).dynamic()) {
                return null;
            }
            rest.add(argv.get(k).value());
        }
        byte[] out = Payloads.output(new Command(rest, "", List.of(), List.of(), false), List.of(), null);
        return out == null ? null : Payloads.text(out);
    }

    /**
     * {@code a[$(cmd)]}: a name with a subscript, and a command substitution after its bracket.
     * A linear scan (no regex: the text is the agent's, up to the size limit). With
     * {@code atStart} the name must begin the text.
     */
    static boolean substitutedSubscript(String s, boolean atStart) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '[' && i > 0 && (Character.isLetterOrDigit(s.charAt(i - 1)) || s.charAt(i - 1) == '_')) {
                int start = i - 1;
                while (start > 0 && (Character.isLetterOrDigit(s.charAt(start - 1)) || s.charAt(start - 1) == '_')) {
                    start--;
                }
                while (start < i && !(Character.isLetter(s.charAt(start)) || s.charAt(start) == '_')) {
                    start++; // a name cannot begin with a digit: 1a[ holds the name a
                }
                if (start < i && (!atStart || start == 0)) {
                    return s.indexOf("$(", i) >= 0 || s.indexOf('`', i) >= 0;
                }
                if (atStart) {
                    return false;
                }
            }
        }
        return false;
    }
    private static final java.util.regex.Pattern IDENT = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * A variable name given to a builtin ({@code declare}, {@code read}, {@code printf -v},
     * {@code test -v}, {@code unset}): Bash evaluates an array subscript in it, command
     * substitutions included, even when the name was quoted.
     */
    private void subscript(String name, Ctx ctx, String text, String where) {
        int open = name.indexOf('[');
        if (open > 0 && Reader.isName(name.substring(0, open)) && substitutedSubscript(name, true)) {
            hiddenSubstitution(name, ctx, text, where);
            return;
        }
        int close = name.lastIndexOf(']');
        if (open > 0 && close > open && Reader.isName(name.substring(0, open))) {
            // unset a[x]: the subscript is arithmetic, so the value of x is evaluated in turn
            arithmetic(name.substring(open + 1, close), ctx, text, 0);
        }
    }

    /**
     * Text that Bash evaluates as arithmetic ({@code $((x))}, {@code ((x))}, {@code let},
     * {@code [[ x -eq 1 ]]}, an integer variable, an array index): an array subscript in it runs
     * its command substitutions, and so does one in the value of any variable it names, since
     * Bash evaluates a variable's value as an expression in turn. So {@code x='a[$(rm -rf ~)]';
     * echo $((x))} runs {@code rm -rf ~}.
     */
    private void arithmetic(String expr, Ctx ctx, String text, int depth) {
        arithmetic(expr, ctx, text, depth, new java.util.HashSet<>());
    }

    private void arithmetic(String expr, Ctx ctx, String text, int depth, java.util.Set<String> seenNames) {
        if (expr.isEmpty() || depth > 4) {
            return;
        }
        budget.step(expr.length());
        if (substitutedSubscript(expr, false)) {
            hiddenSubstitution(expr, ctx, text, "an expression Bash evaluates as arithmetic");
            return;
        }
        java.util.regex.Matcher m = IDENT.matcher(expr);
        int seen = 0;
        while (m.find() && seen++ < 16) {
            if (!seenNames.add(m.group())) {
                continue;
            }
            String v = ctx.env().get(m.group());
            if (v != null && v != Env.UNKNOWN && !v.equals(expr)) {
                arithmetic(v, ctx, text, depth + 1, seenNames);
            }
        }
    }

    /** Reads the command substitutions hidden in an array subscript and says how they were hidden. */
    private void hiddenSubstitution(String expr, Ctx ctx, String text, String where) {
        String key = "subscript\u0000" + expr;
        if (ctx.via().contains(key)) {
            return;
        }
        finding(Findings.OBFUSCATED, Severity.HIGH, "the array subscript in '" + expr + "' (" + where
                + ") runs a command substitution when Bash evaluates it, which hides the command", text,
                "run the command plainly instead of inside an array subscript");
        runScript(": " + expr, ctx.via(key, false).withStdin(null).withRedirsCleared(),
                "the command substitution in an array subscript");
    }

    private void assign(Assign a, Ctx ctx, Env env) {
        String name = a.name();
        boolean append = name.endsWith("+");
        if (append) {
            name = name.substring(0, name.length() - 1);
        }
        if (a.array() != null) {
            List<String> items = new ArrayList<>();
            boolean known = true;
            for (Word w : a.array()) {
                for (Arg x : expand(w, ctx, true)) {
                    known &= !x.dynamic();
                    items.add(x.value());
                }
            }
            env.setArray(name, known ? items : null);
            return;
        }
        String v = assignValue(a, ctx);
        String key = assignedSubscript(a);
        if (key != null) {
            String k = unquote(key);
            if (name.equals("BASH_ALIASES")) {
                // BASH_ALIASES[x]='rm -rf ~' defines the alias x, as alias x='rm -rf ~' does
                if (v != null) {
                    runScript(v, ctx.via("alias", false).withStdin(null), "alias");
                    if (Reader.isName(k.replace('-', '_'))) {
                        env.alias(k, v);
                    }
                }
                return;
            }
            if (name.equals("BASH_CMDS")) {
                // BASH_CMDS[ls]=/bin/rm: ls now runs /bin/rm, as after hash -p /bin/rm ls
                env.hash(k, v == null ? Env.UNKNOWN : v);
                return;
            }
            // the subscript of an indexed array's element is arithmetic: a[x]=1 evaluates x
            arithmetic(key, ctx, a.text(), 0);
        }
        if (v != null && env.isInteger(name)) {
            arithmetic(v, ctx, a.text(), 0);
        }
        if (key == null && env.unboundRef(name)) {
            // declare -n r; r=HOME: the first assignment to an unbound nameref names its target
            if (v != null && Reader.isName(v)) {
                env.ref(name, v);
            }
            return;
        }
        if (append && v != null) {
            String old = env.get(name);
            v = old == null ? v : old == Env.UNKNOWN ? null : old + v;
        }
        env.set(name, v);
    }

    /** The subscript written in an assignment's target ({@code a[i]=1}: {@code i}), or null. */
    private static @Nullable String assignedSubscript(Assign a) {
        String bare = a.name().endsWith("+") ? a.name().substring(0, a.name().length() - 1) : a.name();
        String t = a.text();
        if (t.length() <= bare.length() || t.charAt(bare.length()) != '[' || !t.startsWith(bare)) {
            return null;
        }
        int close = t.indexOf(']', bare.length());
        return close < 0 ? null : t.substring(bare.length() + 1, close);
    }

    /** A subscript's text without its quotes ({@code ['x']}, {@code ["x"]}). */
    private static String unquote(String k) {
        if (k.length() >= 2 && (k.charAt(0) == '\'' || k.charAt(0) == '"') && k.charAt(k.length() - 1) == k.charAt(0)) {
            return k.substring(1, k.length() - 1);
        }
        return k;
    }

    private @Nullable String assignValue(Assign a, Ctx ctx) {
        if (a.value() == null) {
            return "";
        }
        List<Arg> v = expand(a.value(), ctx, false);
        if (v.isEmpty()) {
            return "";
        }
        return v.get(0).dynamic() ? null : v.get(0).value();
    }

    List<Redirect> redirects(List<Redir> rs, Ctx ctx) {
        if (rs.isEmpty()) {
            return List.of();
        }
        List<Redirect> out = new ArrayList<>(rs.size());
        for (Redir r : rs) {
            Word w = r.heredoc() != null ? r.heredoc().body : r.target();
            String target;
            if (w == null) {
                target = "";
            } else if (r.heredoc() != null || r.op().endsWith("<<<")) {
                // here-documents and here-strings are not split
                List<Arg> v = expand(w, ctx, false);
                target = v.isEmpty() ? "" : v.get(0).value();
            } else {
                // Bash splits a redirection's word too and uses it when it makes exactly one field:
                // > $(echo " /dev/sda") writes /dev/sda. Several fields are an "ambiguous redirect".
                List<Arg> v = expand(w, ctx, true);
                target = v.size() == 1 ? v.get(0).value() : join(v);
            }
            out.add(new Redirect(r.op(), target));
        }
        return out;
    }

    private static String join(List<Arg> v) {
        StringBuilder sb = new StringBuilder();
        for (Arg a : v) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(a.value());
        }
        return sb.toString();
    }

    /** Variables that make the shell or other programs load or run code. */
    private static final java.util.Set<String> CODE_VARS = java.util.Set.of(
            "PROMPT_COMMAND", "GIT_SSH_COMMAND", "GIT_PROXY_COMMAND", "GIT_EXTERNAL_DIFF", "GIT_EDITOR",
            "GIT_SEQUENCE_EDITOR", "GIT_PAGER", "EDITOR", "VISUAL", "PAGER", "MANPAGER", "LESSOPEN", "LESSCLOSE",
            "BROWSER", "SSH_ASKPASS", "SUDO_ASKPASS", "GIT_ASKPASS", "FCEDIT", "PS0", "PS1", "PS2", "PS4",
            // programs a build or client runs: a path or a command line
            "GIT_SSH", "RUSTC_WRAPPER", "RUSTC_WORKSPACE_WRAPPER", "CARGO_BUILD_RUSTC", "CARGO_BUILD_RUSTC_WRAPPER",
            "RUSTC", "CC", "CXX", "CPP", "LD", "AR", "FC", "NPM_CONFIG_SCRIPT_SHELL", "npm_config_script_shell",
            "GIT_DIFF_OPTS", "SVN_EDITOR", "HGEDITOR", "KUBE_EDITOR", "TAR_OPTIONS", "NPM_CONFIG_NODE_OPTIONS",
            "npm_config_node_options", "FZF_DEFAULT_COMMAND", "FZF_CTRL_T_COMMAND", "FZF_ALT_C_COMMAND",
            "SKIM_DEFAULT_COMMAND", "GIT_EXTERNAL_DIFF_TOOL", "DIFFPROG", "MERGETOOL", "TERMINAL", "EXINIT",
            "SYSTEMD_EDITOR", "SYSTEMD_PAGER", "AWS_PAGER", "GH_PAGER", "GH_BROWSER", "GH_EDITOR", "GLAB_PAGER",
            "PSQL_PAGER", "MYSQL_PAGER", "BAT_PAGER", "DELTA_PAGER", "VAULT_EDITOR", "HGMERGE", "CVS_RSH", "RSYNC_RSH",
            "RSYNC_CONNECT_PROG", "CCACHE_PREFIX", "CCACHE_COMPILER", "MAKEFILES", "VAGRANT_VAGRANTFILE");
    private static final java.util.Set<String> LOADER_VARS = java.util.Set.of(
            "LD_PRELOAD", "LD_AUDIT", "LD_LIBRARY_PATH", "DYLD_INSERT_LIBRARIES", "DYLD_LIBRARY_PATH", "BASH_ENV",
            "ENV", "PERL5OPT", "PERL5LIB", "PERLLIB", "PYTHONSTARTUP", "PYTHONINSPECT", "NODE_OPTIONS", "RUBYOPT",
            "RUBYLIB", "SHELLOPTS", "BASHOPTS", "GCONV_PATH", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "GIT_EXEC_PATH",
            "GIT_TEMPLATE_DIR", "GIT_CONFIG_GLOBAL", "GIT_CONFIG", "PROMPT_COMMAND");

    private static final java.util.regex.Pattern LINKER_FLAG = java.util.regex.Pattern.compile(
            "(?:-C\\s*linker=|-fuse-ld=)(\\S+)");
    private static final java.util.regex.Pattern TAR_COMMAND = java.util.regex.Pattern.compile(
            "--(?:to-command|checkpoint-action=exec|use-compress-program|info-script|new-volume-script|rsh-command)=((?:'[^']*'|(?:\\\\ |\\S)++))");

    /** Variables that hold a runtime's command-line options: only some options load code. */
    private static final java.util.Set<String> OPTION_VARS = java.util.Set.of("NODE_OPTIONS", "JAVA_TOOL_OPTIONS",
            "_JAVA_OPTIONS", "RUBYOPT", "PERL5OPT");

    /**
     * How much an options variable can inject: options that load or expose code (a preloaded
     * module, an agent, a debugger port, a command run on error) are high; memory and warning
     * settings ({@code --max-old-space-size=4096}, {@code -Xmx2g}, {@code -W0}) are nothing; an
     * unknown value could be anything.
     */
    private static @Nullable Severity optionsSeverity(String name, @Nullable String value) {
        if (value == null) {
            return Severity.HIGH;
        }
        for (String word : value.split("[ \t\n]+")) {
            boolean loads = switch (name) {
                case "NODE_OPTIONS" -> word.equals("-r") || word.startsWith("--require") || word.startsWith("--import")
                        || word.startsWith("--loader") || word.startsWith("--experimental-loader")
                        || word.startsWith("--inspect") || word.startsWith("-r") && word.length() > 2;
                case "RUBYOPT" -> word.startsWith("-r") || word.startsWith("-I");
                case "PERL5OPT" -> word.startsWith("-M") || word.startsWith("-m") || word.startsWith("-d")
                        || word.startsWith("-I");
                default -> word.startsWith("-javaagent") || word.startsWith("-agentlib") || word.startsWith("-agentpath")
                        || word.startsWith("-Xbootclasspath") || word.contains("OnOutOfMemoryError")
                        || word.contains("OnError") || word.startsWith("-Djava.system.class.loader")
                        || word.startsWith("-Djdk.attach") || word.startsWith("-Xrun") || word.startsWith("-Xdebug");
            };
            if (loads) {
                return Severity.HIGH;
            }
        }
        return null;
    }

    /**
     * A variable assignment that changes what code runs: loader and start-up variables
     * ({@code LD_PRELOAD}, {@code BASH_ENV}, ...) are findings, and variables that hold a command
     * ({@code PROMPT_COMMAND}, {@code GIT_SSH_COMMAND}, {@code EDITOR}, ...) are read as scripts.
     */
    void checkVariable(String name, @Nullable String value, String text, Ctx ctx) {
        // declare -n g=GIT_SSH_COMMAND; g=...: the value lands in the nameref's target
        String n = ctx.env().resolve(name.endsWith("+") ? name.substring(0, name.length() - 1) : name);
        if (value != null && value.length() <= Budget.MAX_VALUE && (value.contains("[$(") || value.contains("[`"))) {
            // x='a[$(cmd)]': Bash runs cmd wherever the value is used as a number (an integer or
            // array variable, an index, a test, RANDOM=...), and there are too many such places
            // to follow the value into each: it is read as running
            int open = value.indexOf('[');
            int close = value.indexOf(']', open);
            if (open > 0 && close > open && Reader.isName(value.substring(0, open))) {
                hiddenSubstitution(value.substring(0, close + 1), ctx, text, "a value Bash runs when it is used as a number");
            }
        }
        if (LOADER_VARS.contains(n) || n.startsWith("BASH_FUNC_")) {
            Severity severity = OPTION_VARS.contains(n) ? optionsSeverity(n, value)
                    : n.equals("LD_LIBRARY_PATH") || n.equals("DYLD_LIBRARY_PATH") || n.equals("PERL5LIB")
                            || n.equals("PERLLIB") || n.equals("RUBYLIB") ? Severity.MEDIUM : Severity.HIGH;
            if (severity != null) {
                finding(Findings.ENV_INJECTION, severity,
                        "setting " + n + " makes programs load or run code chosen here", text, Findings.ENV_HINT);
            }
        }
        if (value != null && value.startsWith("() {")) {
            finding(Findings.ENV_INJECTION, Severity.HIGH,
                    "the value of " + n + " is an exported function definition (the Shellshock form)", text,
                    Findings.ENV_HINT);
            int close = value.indexOf('}');
            if (close > 0 && close + 1 < value.length()) {
                runScript(value.substring(close + 1), ctx.via(n + "=", false).withStdin(null).withRedirsCleared(),
                        "the value of " + n);
            }
            int last = value.lastIndexOf('}');
            if (last > 4) {
                // the function is exported to be called (env 'BASH_FUNC_ls%%=() { ...; }' bash -c ls): its body runs
                runScript(value.substring(4, last), ctx.via(n + "=", false).withStdin(null).withRedirsCleared(),
                        "the function exported in " + n);
            }
            return;
        }
        boolean runner = n.startsWith("CARGO_TARGET_") && (n.endsWith("_RUNNER") || n.endsWith("_LINKER"));
        if (value != null && n.equals("SHELL") && value.indexOf('/') >= 0
                && !Unwrapper.SHELLS.contains(value.substring(value.lastIndexOf('/') + 1))) {
            // SHELL=./e script / flock -c / make: the program run as "the shell"
            runScript(value, ctx.via(n + "=", false).withStdin(null).withRedirsCleared(), "the value of " + n);
        }
        if (value != null && n.equals("GOFLAGS")) {
            // GOFLAGS=-toolexec=CMD (or -exec=CMD): go runs CMD in front of every tool or test binary
            for (String flag : value.split("\\s+")) {
                int eq = flag.indexOf('=');
                if (eq > 0 && (flag.startsWith("-toolexec=") || flag.startsWith("-exec="))) {
                    runScript(flag.substring(eq + 1), ctx.via(n + "=", false).withStdin(null).withRedirsCleared(),
                            "the program in " + n);
                }
            }
        }
        if (value != null && (n.equals("RUSTFLAGS") || n.equals("CARGO_ENCODED_RUSTFLAGS") || n.equals("CGO_LDFLAGS"))) {
            java.util.regex.Matcher m = LINKER_FLAG.matcher(value);
            while (m.find()) {
                runScript(m.group(1), ctx.via(n + "=", false).withStdin(null).withRedirsCleared(), "the linker in " + n);
            }
        }
        if (value != null && (n.equals("PYTHONBREAKPOINT") || n.equals("PERL5DB") || n.equals("RUBY_DEBUG_INIT_SCRIPT"))
                && !value.isBlank() && !value.equals("0") && !value.startsWith("pdb.") && !value.startsWith("ipdb.")) {
            finding(Findings.ENV_INJECTION, Severity.HIGH, "setting " + n + " makes the program run code chosen here",
                    text, Findings.ENV_HINT);
        }
        if (value != null && value.contains("$(shell ")) {
            // CFLAGS='$(shell rm -rf ~)' make: make expands a variable from the environment like its own
            int at = value.indexOf("$(shell ") + 8;
            int end = value.indexOf(')', at);
            if (end > at) {
                runScript(value.substring(at, end), ctx.via(n + "=", false).withStdin(null).withRedirsCleared(),
                        "make's $(shell) in " + n);
            }
        }
        if (value != null && n.equals("TAR_OPTIONS")) {
            // --to-command=CMD, --checkpoint-action=exec=CMD, --use-compress-program=CMD
            java.util.regex.Matcher m = TAR_COMMAND.matcher(value);
            while (m.find()) {
                String cmd = m.group(1).replace("\\ ", " ");
                runScript(cmd.startsWith("'") && cmd.endsWith("'") && cmd.length() > 1 ? cmd.substring(1, cmd.length() - 1)
                        : cmd, ctx.via(n + "=", false).withStdin(null).withRedirsCleared(), "a command in TAR_OPTIONS");
            }
            return;
        }
        if (value != null && (n.equals("NPM_CONFIG_NODE_OPTIONS") || n.equals("npm_config_node_options"))) {
            checkVariable("NODE_OPTIONS", value, text, ctx);
            return;
        }
        if (value != null && (CODE_VARS.contains(n) || runner) && !value.isBlank()) {
            String code = value;
            while (n.startsWith("LESS") && (code.startsWith("|") || code.startsWith("-"))) {
                code = code.substring(1); // LESSOPEN='||cmd %s', '|-cmd %s': the pipe marks before the command
            }
            if (n.startsWith("PS")) {
                if (!code.contains("$(") && !code.contains("`")) {
                    return;
                }
                code = "echo \"" + code.replace("\"", "\\\"") + "\"";
            }
            runScript(code, ctx.via(n + "=", false).withStdin(null).withRedirsCleared(), "the value of " + n);
        }
    }

    // ---------------------------------------------------------------- emitting

    /** Reports a final command (launchers already unwrapped). */
    void emitFinal(List<Arg> argv, List<Redirect> redirs, String text, Ctx ctx) {
        budget.command();
        List<String> values = new ArrayList<>(argv.size());
        for (Arg a : argv) {
            values.add(a.value());
        }
        List<Redirect> all = redirs;
        if (!ctx.redirs().isEmpty()) {
            all = new ArrayList<>(redirs);
            all.addAll(ctx.redirs());
        }
        java.util.Set<String> workedOut = java.util.Set.of();
        for (int i = 1; i < argv.size(); i++) {
            Arg a = argv.get(i);
            if (!a.dynamic() && (a.taint() & Payloads.SUBST) != 0) {
                if (workedOut.isEmpty()) {
                    workedOut = new java.util.HashSet<>(2);
                }
                workedOut.add(a.value());
            }
        }
        if (!argv.isEmpty() && Unwrapper.base(values.get(0)).equals("psql")) {
            // psql -f FILE runs the SQL in FILE: hand it to the SQL reading as if it were piped in
            String sql = psqlFile(values, ctx.env().cds());
            if (sql != null) {
                all = new ArrayList<>(all);
                all.add(new Redirect("<<", sql));
            }
        }
        if (!argv.isEmpty() && !written.isEmpty()) {
            values = withWrittenSources(values, ctx.env().cds());
            String diff = patchFile(values, ctx.env().cds());
            if (diff != null) {
                all = new ArrayList<>(all);
                all.add(new Redirect("<<", diff)); // git apply p.diff: the patch's text, so its targets are judged
            }
        }
        if (!argv.isEmpty()) {
            values = withListedFiles(values, all, ctx);
        }
        Command c = new Command(values, text, ctx.via(), all, ctx.remote(), workedOut, ctx.env().cds());
        commands.add(c);
        kinds.add(Payloads.kind(c));
        if (!argv.isEmpty() && !ctx.remote()) {
            runsWritten(c, argv, ctx);
        }
        if (!argv.isEmpty()) {
            changeDirectory(argv, text, ctx.env());
            positionalBuiltins(argv, ctx.env());
            Arg first = argv.get(0);
            if (first.dynamic() && (first.taint() & Payloads.DYNAMIC_DIR) == 0) {
                finding(Findings.DYNAMIC, Severity.HIGH,
                        "the program that runs is only known at run time: '" + first.value() + "'",
                        text, Findings.DYNAMIC_HINT);
            }
            if ((first.taint() & (Payloads.DOWNLOAD | Payloads.DECODE)) != 0) {
                pipeToShell(first.taint(), text, "the command word is computed from");
            }
        }
    }

    /**
     * An install whose sources are in a file this call wrote, read as if they were on the command
     * line so the package rules see them: {@code pip install -r r.txt} with {@code --index-url} in
     * r.txt, {@code npm install} with a dependency on a tarball URL in the package.json written here.
     */
    private List<String> withWrittenSources(List<String> a, List<String> cds) {
        String prog = Unwrapper.base(a.get(0));
        List<String> extra = new ArrayList<>();
        if ((prog.startsWith("pip") || prog.equals("uv")) && a.contains("install")) {
            for (int i = 1; i + 1 < a.size(); i++) {
                if (a.get(i).equals("-r") || a.get(i).equals("--requirement") || a.get(i).equals("-c")) {
                    Written w = writtenFile(a.get(i + 1), cds);
                    if (w != null && w.content() != null) {
                        for (String line : Payloads.text(w.content()).split("\n")) {
                            String l = line.strip();
                            if (l.startsWith("-") || l.contains("://") || l.startsWith("git+")) {
                                extra.addAll(List.of(l.split("\\s+")));
                            }
                        }
                    }
                }
            }
        } else if ((prog.equals("npm") || prog.equals("pnpm") || prog.equals("yarn") || prog.equals("bun"))
                && a.size() <= 3 && (a.size() == 1 || a.contains("install") || a.contains("i") || a.contains("ci"))) {
            Written w = writtenFile("package.json", cds);
            if (w != null && w.content() != null && w.content().length <= Budget.MAX_VALUE) {
                try {
                    tools.jackson.databind.JsonNode root = JSON.readTree(Payloads.text(w.content()));
                    for (String field : List.of("dependencies", "devDependencies", "optionalDependencies")) {
                        tools.jackson.databind.JsonNode deps = root.get(field);
                        if (deps != null && deps.isObject()) {
                            for (var e : deps.properties()) {
                                String spec = e.getValue().asString("");
                                if (spec.contains("://") || spec.startsWith("git") || spec.contains("/") && !spec.startsWith("file:")
                                        && !spec.startsWith("workspace:") && !spec.startsWith("npm:")) {
                                    extra.add(spec);
                                }
                            }
                        }
                    }
                } catch (RuntimeException unreadable) {
                    // an unreadable package.json is judged where its scripts are read
                }
            }
        }
        if (extra.isEmpty()) {
            return a;
        }
        List<String> out = new ArrayList<>(a);
        out.addAll(extra.subList(0, Math.min(extra.size(), 32)));
        return out;
    }

    /**
     * {@code tar -T list}, {@code tar --files-from=-}, {@code zip -@}: archivers told which files to
     * take by a list. When the list is a file this call wrote or known text on standard input, its
     * names are added as operands, so the path rules see what is archived (a key, a credentials file).
     */
    private List<String> withListedFiles(List<String> a, List<Redirect> redirs, Ctx ctx) {
        String prog = Unwrapper.base(a.get(0));
        boolean tar = prog.equals("tar") || prog.equals("bsdtar") || prog.equals("gtar");
        boolean cpio = prog.equals("cpio") || prog.equals("pax");
        if (!tar && !cpio && !prog.equals("zip")) {
            return a;
        }
        String list = null;
        for (int i = 1; i < a.size(); i++) {
            String v = a.get(i);
            // cpio -o, cpio -p, pax -w: the names of the files to take come on standard input
            boolean names = cpio && (v.equals("--create") || v.equals("--pass-through") || prog.equals("pax") && v.equals("-w")
                    || v.startsWith("-") && !v.startsWith("--") && (v.indexOf('o') > 0 || v.indexOf('p') > 0));
            String f = tar && (v.equals("-T") || v.equals("--files-from")) && i + 1 < a.size() ? a.get(i + 1)
                    : tar && v.startsWith("--files-from=") ? v.substring(13)
                    : prog.equals("zip") && v.equals("-@") || names ? "-" : null;
            if (f == null) {
                continue;
            }
            if (f.equals("-")) {
                for (Redirect r : redirs) {
                    if (r.op().equals("<<") || r.op().equals("<<<")) {
                        list = r.target();
                    }
                }
                if (list == null && ctx.stdin() != null && ctx.stdin().known() != null) {
                    list = Payloads.text(ctx.stdin().known());
                }
            } else {
                Written w = writtenFile(f, ctx.env().cds());
                list = w == null || w.content() == null ? null : Payloads.text(w.content());
            }
        }
        if (list == null || list.length() > 8192) {
            return a;
        }
        List<String> out = new ArrayList<>(a);
        for (String l : list.split("\n")) {
            if (!l.isBlank() && out.size() < a.size() + 32) {
                out.add(l.strip());
            }
        }
        return out;
    }

    /** The text of the patch file a {@code git apply}/{@code git am}/{@code patch -i} names, when this call wrote it. */
    private @Nullable String patchFile(List<String> a, List<String> cds) {
        String prog = Unwrapper.base(a.get(0));
        int from;
        if (prog.equals("git")) {
            int sub = a.indexOf("apply") >= 0 ? a.indexOf("apply") : a.indexOf("am");
            if (sub < 0) {
                return null;
            }
            from = sub + 1;
        } else if (prog.equals("patch")) {
            for (int i = 1; i < a.size(); i++) {
                String v = a.get(i);
                String f = (v.equals("-i") || v.equals("--input")) && i + 1 < a.size() ? a.get(i + 1)
                        : v.startsWith("--input=") ? v.substring(8) : null;
                Written w = f == null ? null : writtenFile(f, cds);
                if (w != null && w.content() != null) {
                    return Payloads.text(w.content());
                }
            }
            return null;
        } else {
            return null;
        }
        for (int i = from; i < a.size(); i++) {
            Written w = a.get(i).startsWith("-") ? null : writtenFile(a.get(i), cds);
            if (w != null && w.content() != null) {
                return Payloads.text(w.content());
            }
        }
        return null;
    }

    private @Nullable String psqlFile(List<String> a, List<String> cds) {
        for (int i = 1; i < a.size(); i++) {
            String v = a.get(i);
            String f = v.equals("-f") || v.equals("--file") ? (i + 1 < a.size() ? a.get(i + 1) : null)
                    : v.startsWith("--file=") ? v.substring(7) : v.startsWith("-f") && v.length() > 2 ? v.substring(2) : null;
            if (f != null) {
                Written w = writtenFile(f, cds);
                if (w != null && w.content() != null) {
                    return Payloads.text(w.content());
                }
            }
        }
        return null;
    }

    /**
     * A command that runs a file this call wrote (or an input process substitution): a shell
     * given it as its script, {@code source}, the file run as a program, {@code make} with a
     * Makefile written here, {@code npm pkg set scripts.x=...}. The file's text is read as the
     * program would read it; a file whose text is not known here is a finding, like piping
     * unseen input into a shell.
     */
    /** A warnings filter naming a category in a module: {@code ignore::mod.Category}. */
    private static final java.util.regex.Pattern PY_WARNING_MODULE = java.util.regex.Pattern.compile(
            "::([A-Za-z_][A-Za-z0-9_]{0,63})\\.[A-Za-z_]");

    /**
     * Build files written in the call that a build tool runs: CMake's {@code execute_process}
     * and custom commands, Ninja's {@code command =} lines. True when one was read.
     */
    private boolean buildFiles(String prog, List<String> a, Ctx inner, List<String> cds, String text) {
        String dir = ".";
        for (int i = 1; i < a.size(); i++) {
            if ((a.get(i).equals("-S") || a.get(i).equals("-C") && !prog.equals("cmake")) && i + 1 < a.size()) {
                dir = a.get(++i);
            } else if (prog.equals("cmake") && java.util.Set.of("-B", "-G", "-T", "-A", "-C", "--preset").contains(a.get(i))) {
                i++; // cmake -S . -B build: the build directory (and a generator, toolset, cache) is not the source
            } else if (!a.get(i).startsWith("-") && prog.equals("cmake")) {
                dir = a.get(i);
            }
        }
        String name = prog.equals("cmake") ? dir + "/CMakeLists.txt" : dir + "/build.ninja";
        Written w = writtenFile(name, cds);
        if (w == null) {
            return false;
        }
        if (w.content() == null) {
            pipeToShell(w.taint(), w.evidence() + " … " + text, prog + " runs commands from " + name + ", written from");
            return true;
        }
        java.util.regex.Matcher m = (prog.equals("cmake") ? CMAKE_COMMAND : NINJA_COMMAND).matcher(Payloads.text(w.content()));
        while (m.find()) {
            runScript(m.group(1), inner.via(prog + " " + name, false), "a command in " + name);
        }
        return true;
    }

    private static final java.util.regex.Pattern CMAKE_COMMAND = java.util.regex.Pattern.compile(
            "\\bCOMMAND\\s+([^)\\n]+)");
    private static final java.util.regex.Pattern NINJA_COMMAND = java.util.regex.Pattern.compile(
            "(?m)^\\s+command\\s*=\\s*(.+)$");

    /** Modules a Python snippet imports: {@code import a, b} and {@code from a import x} name {@code a}. */
    private static final java.util.regex.Pattern PY_IMPORT = java.util.regex.Pattern.compile(
            "(?:^|[;\\n]|\\s)(?:import|from)\\s+([A-Za-z_][A-Za-z0-9_]{0,63})");

    /** Copies and links of system programs made in this call, by path: {@code ./x} -> {@code sh}. */
    private final Map<String, String> renamed = new HashMap<>();

    /** Directories programs are installed in: a copy or link of one of their files is that program. */
    private static final List<String> PROGRAM_DIRS = List.of("/bin/", "/usr/bin/", "/usr/local/bin/", "/sbin/",
            "/usr/sbin/", "/opt/homebrew/bin/", "/usr/local/sbin/");

    /**
     * {@code ln -s /bin/sh ./x}, {@code cp /bin/bash x}, {@code install /bin/rm d}: remembers that
     * the new name runs that program.
     */
    private void rememberRename(String prog, List<String> a, List<String> cds) {
        if (!(prog.equals("ln") || prog.equals("cp") || prog.equals("install")) || a.size() < 3 || renamed.size() > 64) {
            return;
        }
        List<String> ops = new ArrayList<>(2);
        for (int i = 1; i < a.size(); i++) {
            if (!a.get(i).startsWith("-")) {
                ops.add(a.get(i));
            }
        }
        if (ops.size() != 2) {
            return;
        }
        String src = ops.get(0);
        String real = null;
        for (String dir : PROGRAM_DIRS) {
            if (src.startsWith(dir) && src.indexOf('/', dir.length()) < 0 && src.length() > dir.length()) {
                real = src.substring(dir.length());
            }
        }
        if (real == null) {
            return;
        }
        String dest = ops.get(1);
        String key = fileKey(cds, dest.endsWith("/") ? dest + real : dest);
        if (key != null) {
            renamed.put(key, real);
        }
    }

    /**
     * The system program a command word names through a copy or link this call made: by path
     * ({@code ./x}), or by name when the call put that directory on PATH ({@code PATH=.:$PATH ls}).
     */
    private @Nullable String renamedProgram(String word, Ctx ctx, String text) {
        List<String> cds = ctx.env().cds();
        if (word.indexOf('/') >= 0) {
            String key = fileKey(cds, word);
            return key == null ? null : renamed.get(key);
        }
        if (!text.contains("PATH=") && ctx.env().get("PATH") == null) {
            return null;
        }
        for (Map.Entry<String, String> e : renamed.entrySet()) {
            String k = e.getKey();
            if (k.equals(word) || k.endsWith("/" + word)) {
                return e.getValue();
            }
        }
        return null;
    }

    private void runsWritten(Command c, List<Arg> argv, Ctx ctx) {
        String prog = dev.warden.analysis.Invocation.normalise(c.program());
        List<String> a = c.argv();
        List<String> cds = ctx.env().cds();
        rememberRename(prog, a, cds);
        if (copyWritten(prog, a, cds, c.text())) {
            return;
        }
        if ((prog.equals("perl") || prog.equals("pnpm") || prog.equals("yarn")) && !written.isEmpty()
                && loadsWrittenCode(prog, a, ctx.withStdin(null).withRedirsCleared(), cds, c.text())) {
            return; // perl -Mx with x.pm written here, pnpm install with a .pnpmfile.cjs written here
        }
        if (prog.startsWith("perl") && !written.isEmpty()
                && inlineLoadsWritten(prog, a, ctx.withStdin(null).withRedirsCleared(), cds, c.text())) {
            return; // perl -e 'require "./x.pl"' (perl is also an in-place editor, below)
        }
        if (MODIFIERS.contains(prog) && !written.isEmpty()) {
            // cp evil x.sh, sed -i ... x.sh: what Warden saw written is no longer what the file holds
            boolean inPlace = false;
            for (String x : a) {
                inPlace |= x.startsWith("-i") || x.startsWith("--in-place") || x.startsWith("-pi") || x.startsWith("-ni");
            }
            for (int i = 1; i < a.size(); i++) {
                String v = a.get(i);
                if (prog.equals("ex") && (v.equals("-S") || v.equals("-u") || v.equals("-s") || v.equals("-c"))) {
                    i++; // ex -S x.vim reads the script; it edits only its file operands
                    continue;
                }
                boolean changes = switch (prog) {
                    case "cp", "mv", "install", "ln", "rsync", "scp", "rclone" -> i == a.size() - 1;
                    case "tar" -> extracts(a); // tar cf t.tar x.sh reads x.sh; only extracting writes
                    case "dd" -> v.startsWith("of=");
                    case "sed", "gsed", "perl" -> inPlace;
                    default -> true;
                };
                String key = changes ? fileKey(cds, v.startsWith("of=") ? v.substring(3) : v) : null;
                if (key != null && written.containsKey(key)) {
                    written.put(key, new Written(null, Payloads.kind(c), c.text()));
                }
            }
            return;
        }
        if (prog.equals("npm") || prog.equals("pnpm") || prog.equals("yarn") || prog.equals("bun")) {
            for (int i = 1; i < a.size(); i++) {
                // npm --script-shell=./e run build, --node-options='--require ./e.js': options as the variables
                String o = a.get(i).startsWith("--config.") ? "--" + a.get(i).substring(9) : a.get(i); // pnpm --config.KEY=V
                String v = o.contains("=") ? o.substring(o.indexOf('=') + 1) : i + 1 < a.size() ? a.get(i + 1) : null;
                if (o.startsWith("--script-shell") && v != null) {
                    checkVariable("npm_config_script_shell", v, c.text(), ctx);
                } else if (o.startsWith("--node-options") && v != null) {
                    checkVariable("NODE_OPTIONS", v, c.text(), ctx);
                } else if ((o.startsWith("--userconfig") || o.startsWith("--globalconfig")) && v != null) {
                    // an npmrc this call wrote: each key=value is the npm_config_ variable of that name
                    Written w = writtenFile(v, cds);
                    for (String line : w == null || w.content() == null ? new String[0] : Payloads.text(w.content()).split("\n")) {
                        int eq = line.indexOf('=');
                        if (eq > 0 && !line.startsWith("#") && !line.startsWith(";")) {
                            checkVariable("npm_config_" + line.substring(0, eq).strip().replace('-', '_'),
                                    unquote(line.substring(eq + 1).strip()), c.text(), ctx);
                        }
                    }
                }
            }
            if (prog.equals("npm")) {
                npmScripts(a, ctx, c.text());
            }
            packageScripts(a, ctx, c.text(), prog);
            return;
        }
        if (prog.equals("make") || prog.equals("gmake")) {
            makefile(a, ctx, c.text());
            return;
        }
        if (runsWrittenSource(c, ctx, prog, a, cds)) {
            return;
        }
        String file = programFile(c, ctx, prog, a, cds);
        if (file == null && prog.equals("run-parts") && a.size() > 1) {
            // run-parts DIR runs every executable in DIR: one this call wrote is run
            String dir = fileKey(cds, a.get(a.size() - 1));
            for (String k : written.keySet()) {
                if (dir != null && k.startsWith(dir + "/") && k.indexOf('/', dir.length() + 1) < 0) {
                    file = k;
                    break;
                }
            }
        }
        int rest = file == null ? a.size() : 0;
        boolean sourced = false;
        if (file != null) {
            // a file written here, run through PATH, node_modules/.bin or as a shell's rc file
        } else if (Unwrapper.SHELLS.contains(prog)) {
            ShellOptions.Read o = ShellOptions.read(prog, argv);
            if (!o.command() && !o.stdin() && o.operand() < a.size()) {
                file = a.get(o.operand());
                rest = o.operand();
            }
        } else if ((prog.equals("source") || prog.equals(".")) && a.size() > 1) {
            file = a.get(1);
            rest = 1;
            sourced = true;
        } else if (a.get(0).indexOf('/') >= 0) {
            file = a.get(0);
            rest = 0;
        }
        if (file == null) {
            return;
        }
        Written w = writtenFile(file, cds);
        if (w == null && inlineWrites != null) {
            String by = inlineWrites.get(file);
            if (by == null && file.startsWith("./")) {
                by = inlineWrites.get(file.substring(2));
            }
            if (by != null) {
                w = new Written(null, 0, by); // perl -e 'open F,">x"; print F ...'; bash x
            }
        }
        if (w == null) {
            return;
        }
        String what = "'" + file + "', written earlier in the same command";
        String fk = fileKey(cds, file);
        if (w.content() == null && fk != null && compiled.contains(fk)) {
            finding(Findings.PIPE_TO_SHELL, Severity.MEDIUM, "runs " + what + " by compiling source written in the "
                    + "same command: native code Warden cannot read", w.evidence() + " … " + c.text(),
                    "write the source as its own step so it can be reviewed, then build and run it");
            return;
        }
        if (w.content() == null) {
            if (!procsubs.containsKey(file)) {
                pipeToShell(w.taint(), w.evidence() + " … " + c.text(), "runs " + what + " from");
            }
            return;
        }
        if ((w.taint() & (Payloads.DOWNLOAD | Payloads.DECODE)) != 0) {
            pipeToShell(w.taint(), w.evidence() + " … " + c.text(), "runs " + what + " from");
        }
        String key = fileKey(cds, file);
        if (!reading.add(key == null ? file : key)) {
            return; // a script that runs itself: read once
        }
        try {
            readWritten(c, argv, ctx, prog, file, rest, sourced, w, what);
        } finally {
            reading.remove(key == null ? file : key);
        }
    }

    /** The files being read now, so that a script that runs itself is read once. */
    private final java.util.Set<String> reading = new java.util.HashSet<>();

    private void readWritten(Command c, List<Arg> argv, Ctx ctx, String prog, String file, int rest, boolean sourced,
            Written w, String what) {
        String code = Payloads.text(w.content());
        Interpreters.Lang lang = rest == 0 ? shebang(code) : null;
        String direct = rest == 0 && lang == null ? shebangCommand(code, file) : null;
        if (direct != null) {
            // #!/usr/bin/env -S rm -rf ~ : the kernel runs the #! line's program with the file as its last word
            runScript(direct, ctx.via("#! " + file, false).withStdin(null).withRedirsCleared(), "the #! line of " + what);
            return;
        }
        if (lang != null) {
            InlineCode.scan(code, lang, this, unwrapper, ctx.via(lang.label, false).withStdin(null).withRedirsCleared(),
                    c.text());
            return;
        }
        Ctx inner;
        if (sourced) {
            inner = ctx.via("source " + file, false).withRedirsCleared();
        } else {
            Env child = ctx.env().child(null);
            List<@Nullable String> positional = new ArrayList<>();
            for (int k = rest; k < argv.size(); k++) {
                positional.add(argv.get(k).dynamic() ? null : argv.get(k).value());
            }
            child.positional(positional);
            inner = ctx.withEnv(child).via(prog + " " + file, false).withStdin(null).withRedirsCleared();
        }
        runScript(code, inner, "the script " + what);
    }

    /** Where files this call moved came from: the destination's key, and the source (a key, or the word). */
    private final Map<String, String> moved = new HashMap<>();
    private static final java.util.Set<String> DELETERS = java.util.Set.of("rm", "rmdir", "unlink", "shred", "srm",
            "trash", "trash-put", "gio", "rimraf");

    /**
     * Arguments naming a file this call moved elsewhere are judged as the file's old name too
     * (added after them: the new name keeps what else is known about it, such as a link).
     */
    private void movedBack(List<Arg> argv, Ctx ctx) {
        List<String> cds = ctx.env().cds();
        for (int i = 1, n = argv.size(); i < n; i++) {
            Arg x = argv.get(i);
            if (x.dynamic() || x.value().startsWith("-")) {
                continue;
            }
            String key = fileKey(cds, x.value());
            if (key == null) {
                continue;
            }
            for (Map.Entry<String, String> m : moved.entrySet()) {
                if (key.equals(m.getKey()) || key.startsWith(m.getKey() + "/")) {
                    argv.add(new Arg(m.getValue() + key.substring(m.getKey().length()), false, false, x.taint()));
                    break;
                }
            }
        }
    }

    /** True when a tar command extracts ({@code xf}, {@code -xzf}, {@code --extract}). */
    private static boolean extracts(List<String> a) {
        for (int i = 1; i < a.size(); i++) {
            String v = a.get(i);
            if (v.equals("--extract") || v.equals("--get")) {
                return true;
            }
            if (!v.startsWith("--") && (v.startsWith("-") || i == 1) && v.indexOf('x') >= 0
                    && v.chars().allMatch(ch -> Character.isLetter(ch) || ch == '-')) {
                return true;
            }
        }
        return false;
    }

    /** Archives this call made from files it wrote: the archive's key, and each member's path and text. */
    private final Map<String, Map<String, Written>> archives = new HashMap<>();

    /**
     * {@code tar cf t.tar a} remembers the written files it packs; {@code tar xf t.tar -C d} puts
     * them back under d, so running {@code d/a} is judged by the text written into {@code a}.
     */
    private void archive(List<String> a, List<String> cds, String text) {
        if (a.size() < 2) {
            return;
        }
        char mode = 0;
        String file = null;
        String dir = null;
        List<String> members = new ArrayList<>();
        List<String> pending = new ArrayList<>(2); // option letters of a cluster waiting for their value
        for (int i = 1; i < a.size(); i++) {
            String v = a.get(i);
            if (!pending.isEmpty()) {
                String opt = pending.remove(0);
                file = opt.equals("f") ? v : file;
                dir = opt.equals("C") ? v : dir;
                continue;
            }
            if (v.startsWith("--")) {
                int eq = v.indexOf('=');
                String name = eq < 0 ? v.substring(2) : v.substring(2, eq);
                String value = eq < 0 ? null : v.substring(eq + 1);
                switch (name) {
                    case "create" -> mode = 'c';
                    case "extract", "get" -> mode = 'x';
                    case "file" -> file = value != null ? value : i + 1 < a.size() ? a.get(++i) : null;
                    case "directory" -> dir = value != null ? value : i + 1 < a.size() ? a.get(++i) : null;
                    default -> { }
                }
                continue;
            }
            boolean cluster = v.startsWith("-") && v.length() > 1
                    || i == 1 && !v.isEmpty() && v.chars().allMatch(Character::isLetter); // tar cf: old-style letters
            if (cluster) {
                String letters = v.startsWith("-") ? v.substring(1) : v;
                for (int k = 0; k < letters.length(); k++) {
                    char ch = letters.charAt(k);
                    if (ch == 'c' || ch == 'x') {
                        mode = ch;
                    } else if (ch == 'f' || ch == 'C') {
                        if (v.startsWith("-") && k + 1 < letters.length()) {
                            // -fNAME, -Cdir: the rest of the cluster is the value
                            file = ch == 'f' ? letters.substring(k + 1) : file;
                            dir = ch == 'C' ? letters.substring(k + 1) : dir;
                            break;
                        }
                        pending.add(String.valueOf(ch));
                    } else if ("bTXgLNV".indexOf(ch) >= 0) {
                        pending.add(String.valueOf(ch));
                    }
                }
                continue;
            }
            members.add(v);
        }
        String key = file == null ? null : fileKey(cds, file);
        if (key == null) {
            return;
        }
        if (mode == 'c') {
            Map<String, Written> packed = new HashMap<>();
            String base = dir == null ? "" : dir + "/";
            for (String m : members) {
                String mk = fileKey(cds, base + m);
                if (mk == null) {
                    continue;
                }
                for (Map.Entry<String, Written> e : written.entrySet()) {
                    if (e.getKey().equals(mk)) {
                        packed.put(m, e.getValue());
                    } else if (e.getKey().startsWith(mk + "/")) {
                        packed.put(m + e.getKey().substring(mk.length()), e.getValue());
                    }
                }
            }
            if (!packed.isEmpty() && archives.size() < 8) {
                archives.put(key, packed);
            }
        } else if (mode == 'x') {
            Map<String, Written> packed = archives.get(key);
            if (packed == null) {
                return;
            }
            String base = dir == null ? "" : dir + "/";
            for (Map.Entry<String, Written> e : packed.entrySet()) {
                String out = fileKey(cds, base + e.getKey());
                if (out != null && written.size() <= 64) {
                    Written w = e.getValue();
                    written.put(out, new Written(w.content(), w.taint(), w.evidence() + " … " + text));
                }
            }
        }
    }

    /** {@code mv SRC DEST} (one source): remembered so that deleting DEST is judged as deleting SRC. */
    private void rememberMove(List<String> a, List<String> cds) {
        List<String> ops = new ArrayList<>(2);
        for (int i = 1; i < a.size(); i++) {
            String v = a.get(i);
            if (v.equals("-t") || v.equals("--target-directory") || v.equals("-S") || v.equals("--suffix")) {
                return;
            }
            if (!v.startsWith("-") || v.equals("-")) {
                ops.add(v);
            }
        }
        if (ops.size() != 2 || moved.size() > 16) {
            return;
        }
        String src = fileKey(cds, ops.get(0));
        String dest = fileKey(cds, ops.get(1));
        if (src == null || dest == null || src.equals(dest)) {
            return;
        }
        String from = src.startsWith("/") ? src : ops.get(0);
        moved.put(dest, from);
        String name = src.substring(src.lastIndexOf('/') + 1);
        moved.put(dest + "/" + name, from); // mv src /tmp/ (an existing directory): /tmp/src
    }

    /** The names of standard input as a file argument. */
    private static final java.util.Set<String> STDIN_NAMES = java.util.Set.of("/dev/stdin", "-", "/dev/fd/0",
            "/proc/self/fd/0");

    /** Programs that change a file named among their arguments. */
    private static final java.util.Set<String> MODIFIERS = java.util.Set.of("cp", "mv", "install", "ln", "rsync", "dd",
            "sed", "gsed", "perl", "patch", "truncate", "ed", "ex", "curl", "wget", "unzip", "tar", "scp", "rclone",
            "sponge");

    /** git aliases this call defined that stand for other git commands ({@code git config alias.pf 'push -f'}). */
    final Map<String, String> gitAliases = new HashMap<>();
    /** How deep git alias expansion is (an alias may name another one, once). */
    int aliasDepth;

    /** Descriptors opened for writing with {@code exec N>FILE}: the descriptor, and the file as written. */
    private final Map<String, String> outputs = new HashMap<>();

    /** Descriptors opened for reading on a file this call wrote ({@code exec 3< <(...)}), by number. */
    private final Map<String, Written> descriptors = new HashMap<>();

    /** Files this call compiled from source it wrote: running one runs code Warden cannot read. */
    private final java.util.Set<String> compiled = new java.util.HashSet<>();

    /**
     * {@code cp SRC DEST}, {@code ln -s SRC DEST}, {@code install}, {@code mv}: when SRC is a file
     * this call wrote (or a process substitution), DEST holds the same text. Copying any other
     * file onto a name is left to {@link #MODIFIERS}.
     */
    private boolean copyWritten(String prog, List<String> a, List<String> cds, String text) {
        if (prog.equals("dd")) {
            // dd if=x.sh of=y.sh: a copy
            String in = null;
            String out = null;
            for (String v : a) {
                in = v.startsWith("if=") ? v.substring(3) : in;
                out = v.startsWith("of=") ? v.substring(3) : out;
            }
            Written w = in == null ? null : writtenFile(in, cds);
            String key = out == null ? null : fileKey(cds, out);
            if (w != null && key != null && written.size() <= 64) {
                written.put(key, new Written(w.content(), w.taint(), w.evidence() + " … " + text));
                return true;
            }
            return false;
        }
        boolean localRsync = prog.equals("rsync") && a.stream().skip(1).noneMatch(v -> !v.startsWith("-") && v.indexOf(':') > 0);
        if (!(prog.equals("cp") || prog.equals("ln") || prog.equals("install") || prog.equals("mv") || localRsync)
                || a.size() < 3) {
            return false; // (rsync a b without a host: a local copy)
        }
        // the operands, without option values (install -m 755 a b, cp -S .bak a b, cp -t DIR a b)
        List<String> sources = new ArrayList<>(a.size());
        String targetDir = null;
        for (int i = 1; i < a.size(); i++) {
            String v = a.get(i);
            if (v.equals("-t") || v.equals("--target-directory")) {
                targetDir = i + 1 < a.size() ? a.get(++i) : null;
            } else if (v.startsWith("--target-directory=")) {
                targetDir = v.substring(19);
            } else if (v.equals("-S") || v.equals("--suffix") || prog.equals("install")
                    && (v.equals("-m") || v.equals("-o") || v.equals("-g") || v.equals("--mode") || v.equals("--owner")
                            || v.equals("--group"))) {
                i++;
            } else if (!v.startsWith("-") || v.equals("-")) {
                sources.add(v);
            }
        }
        if (sources.isEmpty() || targetDir == null && sources.size() < 2) {
            return false;
        }
        String dest = targetDir != null ? targetDir : sources.remove(sources.size() - 1);
        boolean intoDir = targetDir != null || dest.endsWith("/") || sources.size() > 1;
        for (String v : sources) {
            String srcKey = fileKey(cds, v);
            if (srcKey == null) {
                continue;
            }
            String base = srcKey.substring(srcKey.lastIndexOf('/') + 1);
            // cp -r . ../b, mv x.sh y/: every file written under the source lands under the destination
            boolean copied = false;
            for (Map.Entry<String, Written> e : new ArrayList<>(written.entrySet())) {
                String k = e.getKey();
                String destKey = null;
                if (k.startsWith(srcKey + "/")) {
                    destKey = fileKey(cds, dest + "/" + (intoDir ? base + "/" : "") + k.substring(srcKey.length() + 1));
                } else if (k.equals(srcKey) && intoDir) {
                    destKey = fileKey(cds, dest + "/" + base);
                }
                if (destKey != null && written.size() <= 64) {
                    written.put(destKey, new Written(e.getValue().content(), e.getValue().taint(),
                            e.getValue().evidence() + " … " + text));
                    copied = true;
                }
            }
            if (copied) {
                return true;
            }
        }
        for (String v : sources) {
            Written w = writtenFile(v, cds);
            if (w != null) {
                // cp a d: d may be a file or a directory that exists already
                String inDir = fileKey(cds, dest + "/" + v.substring(v.lastIndexOf('/') + 1));
                for (String key : intoDir ? java.util.Arrays.asList(inDir) : java.util.Arrays.asList(fileKey(cds, dest), inDir)) {
                    if (key != null && written.size() <= 64) {
                        written.put(key, new Written(w.content(), w.taint(), w.evidence() + " … " + text));
                    }
                }
                return true;
            }
        }
        return false;
    }

    /**
     * Writes that are not redirections: {@code sort -o FILE}, {@code uniq IN OUT}, awk's
     * {@code print > "FILE"}, a compiler's output, {@code exec 3< FILE}. Their text is taken from
     * the input when the program only reorders lines, and is unknown otherwise: running such a
     * file later is then a finding, never silence.
     */
    private void rememberOther(Command c, byte @Nullable [] in, int taint, String text) {
        String prog = dev.warden.analysis.Invocation.normalise(c.program());
        List<String> a = c.argv();
        List<String> cds = c.cds();
        switch (prog) {
            case "sort", "shuf" -> {
                for (int i = 1; i < a.size(); i++) {
                    String v = a.get(i);
                    String out = v.equals("-o") && i + 1 < a.size() ? a.get(i + 1)
                            : v.startsWith("--output=") ? v.substring(9) : v.startsWith("-o") && v.length() > 2 ? v.substring(2) : null;
                    if (out != null) {
                        byte[] known = null; // (shuf: the input's lines in an unknown order)
                        if (in != null && a.size() == 3 && prog.equals("sort")) {
                            String[] lines = Payloads.text(in).split("\n");
                            java.util.Arrays.sort(lines);
                            known = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
                        }
                        store(out, false, known, taint, text, cds);
                    }
                }
            }
            case "uniq" -> {
                List<String> ops = new ArrayList<>();
                for (int i = 1; i < a.size(); i++) {
                    String v = a.get(i);
                    if (v.equals("-f") || v.equals("-s") || v.equals("-w")) {
                        i++;
                    } else if (!v.startsWith("-") || v.equals("-")) {
                        ops.add(v);
                    }
                }
                if (ops.size() == 2) {
                    Written src = writtenFile(ops.get(0), cds);
                    // uniq only drops repeated adjacent lines: the input's text is what may run
                    store(ops.get(1), false, src != null ? src.content() : in, taint, text, cds);
                }
            }
            case "awk", "gawk", "mawk", "nawk" -> {
                for (int i = 1; i < a.size(); i++) {
                    java.util.regex.Matcher m = AWK_OUT.matcher(a.get(i));
                    while (m.find()) {
                        store(m.group(1), false, null, taint, text, cds);
                    }
                }
            }
            case "mv" -> rememberMove(a, cds);
            case "tar", "gtar", "bsdtar" -> archive(a, cds, text);
            case "split" -> {
                // split [OPTIONS] [INPUT [PREFIX]]: the pieces PREFIXaa, PREFIXab ... (or 00, 01 with -d)
                // hold the input's text; each is given all of it (running any piece is judged by the whole)
                List<String> ops = new ArrayList<>(2);
                boolean numeric = false;
                for (int i = 1; i < a.size(); i++) {
                    String v = a.get(i);
                    if (v.equals("-l") || v.equals("-b") || v.equals("-n") || v.equals("-C") || v.equals("-a")
                            || v.equals("--additional-suffix") || v.equals("--filter") || v.equals("-t")) {
                        i++;
                    } else if (v.equals("-d") || v.equals("--numeric-suffixes")) {
                        numeric = true;
                    } else if (!v.startsWith("-") || v.equals("-")) {
                        ops.add(v);
                    }
                }
                String input = ops.isEmpty() ? "-" : ops.get(0);
                String prefix = ops.size() > 1 ? ops.get(1) : "x";
                Written src = input.equals("-") ? null : writtenFile(input, cds);
                byte[] content = input.equals("-") ? in : src == null ? null : src.content();
                if (input.equals("-") ? in != null || taint != 0 : src != null) {
                    for (String suffix : numeric ? List.of("00", "01", "02") : List.of("aa", "ab", "ac")) {
                        store(prefix + suffix, false, content, taint | (src == null ? 0 : src.taint()), text, cds);
                    }
                }
            }
            case "cp", "install" -> {
                // cp /dev/stdin x.sh <<< 'text', install -m 755 /dev/stdin x.sh: the input, copied
                String dest = a.get(a.size() - 1);
                for (int i = 1; i < a.size() - 1; i++) {
                    if (STDIN_NAMES.contains(a.get(i)) && !dest.startsWith("-")) {
                        store(dest, false, in, taint, text, cds);
                        break;
                    }
                }
            }
            case "dd" -> {
                String out = null;
                boolean fromStdin = true;
                for (int i = 1; i < a.size(); i++) {
                    String v = a.get(i);
                    out = v.startsWith("of=") ? v.substring(3) : out;
                    fromStdin &= !v.startsWith("if=") || STDIN_NAMES.contains(v.substring(3));
                }
                if (out != null && fromStdin) {
                    store(out, false, in, taint, text, cds); // echo ... | dd of=x.sh: the input
                }
            }
            case "gcc", "cc", "clang", "g++", "c++", "clang++", "rustc", "go", "tcc", "zig" -> compiledFrom(prog, a, cds, text);
            case "sponge" -> {
                // echo ... | sponge x.sh: the input, soaked up and written
                boolean append = false;
                for (int i = 1; i < a.size(); i++) {
                    append |= a.get(i).equals("-a");
                    if (!a.get(i).startsWith("-")) {
                        store(a.get(i), append, in, taint, text, cds);
                    }
                }
            }
            case "sed", "gsed" -> {
                // sed -n 'w x.sh', sed 's/a/b/w x.sh': the script's w command writes a file Warden does not follow
                for (int i = 1; i < a.size(); i++) {
                    if (a.get(i).indexOf('w') < 0 && a.get(i).indexOf('W') < 0) {
                        continue; // no write command: nothing to split
                    }
                    for (String f : sedWrites(a.get(i))) {
                        storeUnknown(f, taint, text, cds);
                    }
                }
            }
            case "ed", "red", "ex" -> {
                // printf 'a\n...\n.\nw x.sh\nq\n' | ed -s: the editor's own w command
                String script = in == null ? "" : Payloads.text(in);
                for (String line : script.split("\n")) {
                    editorWrite(line.strip(), a, taint, text, cds);
                }
                for (int i = 1; i + 1 < a.size(); i++) {
                    if (a.get(i).equals("-c")) {
                        editorWrite(a.get(i + 1).strip(), a, taint, text, cds);
                    }
                }
            }
            case "vim", "vi", "nvim", "view", "gvim" -> {
                // vim -es +"put ='...'" +'wq! x.sh': commands given on the command line write files
                for (int i = 1; i < a.size(); i++) {
                    String v = a.get(i);
                    String cmd = v.startsWith("+") ? v.substring(1)
                            : (v.equals("-c") || v.equals("--cmd")) && i + 1 < a.size() ? a.get(++i) : null;
                    for (String part : cmd == null ? new String[0] : cmd.split("\\|")) {
                        editorWrite(part.strip(), a, taint, text, cds);
                    }
                }
            }
            case "xxd" -> {
                // xxd -r -p - x.sh: the second operand is the output
                List<String> ops = new ArrayList<>(2);
                boolean reverse = false;
                for (int i = 1; i < a.size(); i++) {
                    String v = a.get(i);
                    reverse |= v.equals("-r") || v.equals("-revert") || v.startsWith("-r") && v.length() <= 3;
                    if (v.equals("-c") || v.equals("-g") || v.equals("-l") || v.equals("-s") || v.equals("-o")
                            || v.equals("-n") || v.equals("-cols") || v.equals("-len") || v.equals("-seek")) {
                        i++;
                    } else if (!v.startsWith("-") || v.equals("-")) {
                        ops.add(v);
                    }
                }
                if (reverse && ops.size() == 2) {
                    storeUnknown(ops.get(1), taint, text, cds);
                }
            }
            case "socat" -> {
                // socat - CREATE:x.sh: an address that is a file to write
                for (int i = 1; i < a.size(); i++) {
                    String v = a.get(i);
                    int colon = v.indexOf(':');
                    String type = colon > 0 ? v.substring(0, colon).toUpperCase(java.util.Locale.ROOT) : "";
                    if (type.equals("CREATE") || type.equals("CREAT") || type.equals("OPEN") || type.equals("GOPEN")) {
                        int comma = v.indexOf(',', colon);
                        storeUnknown(v.substring(colon + 1, comma < 0 ? v.length() : comma), taint, text, cds);
                    }
                }
            }
            case "exec" -> {
                if (a.size() == 1) {
                    for (Redirect r : c.redirects()) {
                        if (r.op().equals("<") || r.op().equals("0<")) {
                            // exec < FILE: every later command reads FILE on its standard input
                            Written w = writtenFile(r.target(), cds);
                            if (w != null) {
                                descriptors.put("0", w);
                            }
                        } else if (r.op().equals("<<") || r.op().equals("<<<")) {
                            // (a file written here arrives as its text)
                            descriptors.put("0", new Written(r.target().getBytes(StandardCharsets.UTF_8), 0, c.text()));
                        } else if (r.op().matches("[0-9]+<<[<-]?")) {
                            // exec 5<<<'TEXT', exec 5<<EOF: later commands' <&5 read that text
                            String fd = r.op().substring(0, r.op().indexOf('<'));
                            String body = r.op().endsWith("<<<") ? r.target() + "\n" : r.target();
                            descriptors.put(fd, new Written(body.getBytes(StandardCharsets.UTF_8), 0, c.text()));
                        } else if (r.op().matches("[0-9]+<")) {
                            Written w = writtenFile(r.target(), cds);
                            if (w != null) {
                                descriptors.put(r.op().substring(0, r.op().length() - 1), w);
                            }
                        } else if (r.op().matches("[3-9]>>?") && outputs.size() < 8) {
                            // exec 3>x.sh: later commands' >&3 write into x.sh
                            String fd = r.op().substring(0, 1);
                            outputs.put(fd, r.target());
                            if (!r.op().endsWith(">>")) {
                                store(r.target(), false, new byte[0], 0, c.text(), cds);
                            }
                        }
                    }
                }
            }
            default -> outputOptions(a, taint, text, cds);
        }
    }

    /**
     * {@code tool --out x.sh}, {@code openssl base64 -d -out x.sh}, {@code -o FILE}: a file the
     * program writes with text Warden does not know. Only matters when the call later runs it.
     */
    private void outputOptions(List<String> a, int taint, String text, List<String> cds) {
        for (int i = 1; i < a.size(); i++) {
            String v = a.get(i);
            if (v.length() < 2 || v.charAt(0) != '-') {
                continue;
            }
            int eq = v.indexOf('=');
            String name = eq > 0 ? v.substring(0, eq) : v;
            if (name.equals("-o") || name.equals("-out") || name.equals("--out") || name.equals("--output")
                    || name.equals("--outfile") || name.equals("-outfile") || name.equals("--output-file")
                    || name.equals("--out-file")) {
                String f = eq > 0 ? v.substring(eq + 1) : i + 1 < a.size() ? a.get(i + 1) : null;
                if (f != null && !f.isEmpty() && !f.equals("-") && !f.startsWith("/dev/")) {
                    storeUnknown(f, taint, text, cds);
                }
            }
        }
    }

    /** Records a file written with text Warden does not know, unless it already knows more about it. */
    private void storeUnknown(String target, int taint, String text, List<String> cds) {
        String key = fileKey(cds, target);
        if (key != null && !written.containsKey(key)) {
            store(target, false, null, taint, text, cds);
        }
    }

    /** The files a sed script's {@code w} commands and {@code s///w} flags write. */
    private static List<String> sedWrites(String script) {
        List<String> out = List.of();
        String[] words = script.split("[\\s;]+");
        for (int i = 0; i + 1 < words.length; i++) {
            String w = words[i];
            int end = w.length() - 1;
            if (end >= 0 && (w.charAt(end) == 'w' || w.charAt(end) == 'W')
                    && (end == 0 || "0123456789$/}gpiI".indexOf(w.charAt(end - 1)) >= 0)) {
                if (out.isEmpty()) {
                    out = new ArrayList<>();
                }
                out.add(words[i + 1]);
            }
        }
        return out;
    }

    /** An ed/ex/vim command that writes: {@code w x.sh}, {@code wq! x.sh}, {@code saveas x}, or a bare write of the file operand. */
    private void editorWrite(String cmd, List<String> a, int taint, String text, List<String> cds) {
        int sp = 0;
        while (sp < cmd.length() && (Character.isLetter(cmd.charAt(sp)) || cmd.charAt(sp) == '!')) {
            sp++;
        }
        String verb = cmd.substring(0, sp).replace("!", "");
        if (!(verb.equals("w") || verb.equals("wq") || verb.equals("x") || verb.equals("write") || verb.equals("W")
                || verb.equals("sav") || verb.equals("saveas") || verb.equals("xit") || verb.equals("exit")
                || verb.equals("up") || verb.equals("update") || verb.equals("wn"))) {
            return;
        }
        String file = cmd.substring(sp).strip();
        if (!file.isEmpty()) {
            storeUnknown(file.startsWith(">>") ? file.substring(2).strip() : file, taint, text, cds);
            return;
        }
        for (int i = 1; i < a.size(); i++) {
            String v = a.get(i);
            if (!v.startsWith("-") && !v.startsWith("+") && (i == 1 || !a.get(i - 1).equals("-c"))) {
                storeUnknown(v, taint, text, cds); // the file being edited, written back
            }
        }
    }

    /** awk's {@code print ... > "file"} and {@code >> "file"}: output to a named file. */
    private static final java.util.regex.Pattern AWK_OUT = java.util.regex.Pattern.compile(">>?\\s*\"([^\"]+)\"");

    /** {@code gcc x.c -o x}, {@code go build -o x x.go}, {@code rustc x.rs}: an output built from a source written here. */
    private void compiledFrom(String prog, List<String> a, List<String> cds, String text) {
        if (prog.equals("go") && (a.size() < 2 || !a.get(1).equals("build"))) {
            return;
        }
        String out = null;
        String source = null;
        for (int i = prog.equals("go") ? 2 : 1; i < a.size(); i++) {
            String v = a.get(i);
            if (v.equals("-o") && i + 1 < a.size()) {
                out = a.get(++i);
            } else if (v.startsWith("-o") && v.length() > 2 && !prog.equals("go")) {
                out = v.substring(2);
            } else if (!v.startsWith("-") && writtenFile(v, cds) != null) {
                source = v;
            }
        }
        if (source == null) {
            return; // the project's own sources: an ordinary build
        }
        if (out == null) {
            String base = source.substring(source.lastIndexOf('/') + 1);
            out = prog.equals("rustc") || prog.equals("go") ? base.replaceFirst("\\.[^.]*$", "") : "a.out";
        }
        String key = fileKey(cds, out);
        if (key != null && written.size() <= 64) {
            written.put(key, new Written(null, 0, text));
            compiled.add(key);
        }
    }

    /** A shell's {@code --rcfile FILE}/{@code --init-file FILE} when the call wrote FILE, or null. */
    @Nullable String rcFileWritten(List<String> a, List<String> cds) {
        for (int i = 1; i + 1 < a.size(); i++) {
            if ((a.get(i).equals("--rcfile") || a.get(i).equals("--init-file") || a.get(i).equals("-rcfile"))
                    && writtenFile(a.get(i + 1), cds) != null) {
                return a.get(i + 1);
            }
        }
        return null;
    }

    /**
     * Where a program that is not named by path finds a file this call wrote: a command word
     * found through a PATH the call changed ({@code PATH=.:$PATH tool}), a package runner's
     * {@code node_modules/.bin}, a shell's {@code --rcfile}/{@code --init-file}. Null otherwise.
     */
    private @Nullable String programFile(Command c, Ctx ctx, String prog, List<String> a, List<String> cds) {
        String word = a.get(0);
        if (Unwrapper.SHELLS.contains(prog)) {
            String rc = rcFileWritten(a, cds);
            return rc != null ? rc : startupFile(c.text(), cds);
        }
        if (word.indexOf('/') >= 0 || written.isEmpty()) {
            return null;
        }
        for (String v : c.via()) {
            if (v.startsWith("npx") || v.startsWith("npm") || v.startsWith("pnpm") || v.startsWith("yarn")
                    || v.startsWith("bunx")) {
                String bin = "node_modules/.bin/" + word;
                if (writtenFile(bin, cds) != null) {
                    return bin;
                }
            }
        }
        if ((c.text().contains("PATH=") || ctx.env().get("PATH") != null) && writtenFile(word, cds) != null) {
            return word; // the call put its own directory on PATH
        }
        String path = ctx.env().get("PATH");
        int at = c.text().indexOf("PATH=");
        if (at >= 0 && (at == 0 || Character.isWhitespace(c.text().charAt(at - 1)))) {
            String rest = c.text().substring(at + 5);
            int sp = 0;
            while (sp < rest.length() && !Character.isWhitespace(rest.charAt(sp))) {
                sp++;
            }
            path = rest.substring(0, sp).replace("\"", "").replace("'", "");
        }
        for (String dir : path == null || path.length() > 4096 ? new String[0] : path.split(":")) {
            // PATH=$PWD/bin:$PATH git status with bin/git written earlier: that file runs, not git
            String d = dir.replace("${PWD}", ".").replace("$PWD", ".");
            if (!d.isEmpty() && d.indexOf('$') < 0 && writtenFile(d + "/" + word, cds) != null) {
                return d + "/" + word;
            }
        }
        if (ctx.env().own("PATH") == Env.UNKNOWN) {
            // the script set PATH to something only known at run time (PATH=$PWD/b:$PATH, printf -v
            // PATH, read PATH, a nameref): a file it wrote under the program's name may be what runs
            for (String k : written.keySet()) {
                if (k.endsWith("/" + word)) {
                    return k;
                }
            }
        }
        return null;
    }

    /**
     * Programs that read a source file the call wrote: {@code python -m MOD} (MOD.py),
     * {@code awk -f}, TypeScript runners, {@code pytest} (conftest.py, test files),
     * {@code pip install .} (setup.py), {@code just}, {@code deno task}, and {@code java X.java} /
     * {@code go run x.go}, whose source Warden does not read. True when handled.
     */
    private boolean runsWrittenSource(Command c, Ctx ctx, String prog, List<String> a, List<String> cds) {
        String text = c.text();
        Ctx inner = ctx.withStdin(null).withRedirsCleared();
        boolean defined = definitions(c, prog, a, inner, cds, text);
        if (awkStdinProgram(c, prog, a, ctx, text)) {
            return true;
        }
        if (prog.equals("just")) {
            for (int i = 1; i + 1 < a.size(); i++) {
                String f = a.get(i + 1);
                Written sub = procsubs.get(f);
                if ((a.get(i).equals("--justfile") || a.get(i).equals("-f")) && sub != null && sub.content() != null) {
                    // just -f <(printf 'x:\n  cmd\n') x: the recipes are what the substitution prints
                    runScript(justRecipes(Payloads.text(sub.content())), inner.via("just", false),
                            "the recipes of a justfile given as a process substitution");
                    return true;
                }
                if ((a.get(i).equals("--justfile") || a.get(i).equals("-f")) && (f.equals("/dev/stdin") || f.equals("-"))) {
                    // just --justfile /dev/stdin x <<< 'x: ...': the recipes are what comes in
                    for (Redirect r : c.redirects()) {
                        if (r.op().startsWith("<<")) {
                            runScript(justRecipes(r.target()), inner.via("just", false),
                                    "the recipes of a justfile given on standard input");
                            return true;
                        }
                    }
                }
            }
        }
        if (written.isEmpty()) {
            return defined; // (the tool's other files are still read below when the call wrote some)
        }
        if (pluginWritten(prog, a, inner, text)) {
            return true;
        }
        if ((prog.equals("cmake") || prog.equals("ninja") || prog.equals("samu")) && buildFiles(prog, a, inner, cds, text)) {
            return true;
        }
        if (prog.equals("cargo") && a.size() > 1 && java.util.Set.of("build", "run", "test", "check", "b", "r", "t", "c", "bench",
                "install").contains(a.get(1)) && writtenWith(".rs") != null) {
            finding(Findings.PIPE_TO_SHELL, Severity.MEDIUM, "cargo compiles and runs '" + writtenWith(".rs") + "', Rust "
                    + "written in the same command (build.rs, tests, sources): native code Warden cannot read", text,
                    "write the Rust source as its own step so it can be reviewed, then build");
            return true;
        }
        if (loadsWrittenCode(prog, a, inner, cds, text)) {
            return true;
        }
        if (inlineLoadsWritten(prog, a, inner, cds, text)) {
            return true;
        }
        if (Interpreters.lang(prog) == Interpreters.Lang.PYTHON) {
            boolean read = false;
            java.util.regex.Matcher warn = PY_WARNING_MODULE.matcher(text);
            while (warn.find()) {
                // -W ignore::mod.Category / PYTHONWARNINGS: the warnings filter imports mod
                if (writtenFile(warn.group(1) + ".py", cds) != null) {
                    read |= readSource(warn.group(1) + ".py", Interpreters.Lang.PYTHON, inner, cds, text, "warnings filter");
                }
            }
            for (int i = 1; i < a.size(); i++) {
                String v = a.get(i);
                if (v.equals("-c") && i + 1 < a.size()) {
                    // import json with a json.py written here: the import runs the written module
                    java.util.regex.Matcher m = PY_IMPORT.matcher(a.get(i + 1));
                    while (m.find()) {
                        if (writtenFile(m.group(1) + ".py", cds) != null) {
                            read |= readSource(m.group(1) + ".py", Interpreters.Lang.PYTHON, inner, cds, text, "import");
                        }
                    }
                    break;
                }
                if (v.equals("-m") || v.equals("-W") || v.equals("-X")) {
                    break;
                }
                if (!v.startsWith("-")) {
                    // python3 DIR or python3 . runs DIR/__main__.py
                    String main = (v.endsWith("/") ? v : v + "/") + "__main__.py";
                    if (writtenFile(main, cds) != null) {
                        return readSource(main, Interpreters.Lang.PYTHON, inner, cds, text, "python DIR");
                    }
                    break;
                }
            }
            for (String hook : List.of("sitecustomize.py", "usercustomize.py")) {
                if (text.contains("PYTHONPATH") && writtenFile(hook, cds) != null) {
                    read |= readSource(hook, Interpreters.Lang.PYTHON, inner, cds, text, "PYTHONPATH " + hook);
                }
            }
            if (read) {
                return true;
            }
            for (int i = 1; i + 1 < a.size(); i++) {
                if (a.get(i).equals("-m")) {
                    String mod = a.get(i + 1).replace('.', '/');
                    if (mod.equals("pytest") || mod.equals("unittest")) {
                        return pytest(inner, cds, text);
                    }
                    if (mod.equals("nox") || mod.equals("invoke")) {
                        return readSource(mod.equals("nox") ? "noxfile.py" : "tasks.py", Interpreters.Lang.PYTHON, inner,
                                cds, text, mod);
                    }
                    if (mod.equals("pip") && a.subList(i + 2, a.size()).contains("install")) {
                        return readSource("setup.py", Interpreters.Lang.PYTHON, inner, cds, text, "pip install");
                    }
                    return readSource(mod + ".py", Interpreters.Lang.PYTHON, inner, cds, text, "python -m")
                            || readSource(mod + "/__main__.py", Interpreters.Lang.PYTHON, inner, cds, text, "python -m");
                }
            }
            return false;
        }
        switch (prog) {
            case "awk", "gawk", "mawk", "nawk" -> {
                for (int i = 1; i + 1 < a.size(); i++) {
                    // -f FILE, and gawk's -E/--exec and -i/--include, which load a program file too
                    if (a.get(i).equals("-f") || a.get(i).equals("--file") || a.get(i).equals("-E") || a.get(i).equals("--exec")
                            || a.get(i).equals("-i") || a.get(i).equals("--include")) {
                        Written w = writtenFile(a.get(i + 1), cds);
                        if (w == null && a.get(i + 1).indexOf('/') < 0) {
                            w = onAwkPath(a.get(i + 1), ctx, text, cds);
                        }
                        if (w != null && w.content() != null) {
                            // the program file's text, judged as the awk program it is
                            Arg program = Arg.of(Payloads.text(w.content()));
                            emitFinal(List.of(Arg.of(prog), program), List.of(), text, ctx.via(prog + " -f", false));
                            new ToolCommands(this, unwrapper).awkCommands(program, ctx.via(prog + " -f", false), text);
                            return true;
                        } else if (w != null) {
                            unknownSource(w, a.get(i + 1), text);
                            return true;
                        }
                    }
                }
                return false;
            }
            case "pytest", "py.test" -> {
                return pytest(inner, cds, text);
            }
            // tools that run project files they find by name: a file this call wrote is read as their code
            case "nox" -> {
                return readSource("noxfile.py", Interpreters.Lang.PYTHON, inner, cds, text, "nox");
            }
            case "invoke", "inv" -> {
                return readSource("tasks.py", Interpreters.Lang.PYTHON, inner, cds, text, "invoke");
            }
            case "scons" -> {
                return readSource("SConstruct", Interpreters.Lang.PYTHON, inner, cds, text, "scons")
                        || readSource("SConscript", Interpreters.Lang.PYTHON, inner, cds, text, "scons");
            }
            case "rake" -> {
                return readSource("Rakefile", Interpreters.Lang.RUBY, inner, cds, text, "rake")
                        || readSource("rakefile", Interpreters.Lang.RUBY, inner, cds, text, "rake");
            }
            case "meson", "tclsh", "wish", "elixir", "iex", "mix", "erl", "escript", "rscript", "julia", "racket",
                 "guile", "sbcl", "clisp" -> {
                // build files and scripts in languages Warden does not read: a medium finding, never silence
                List<String> names = switch (prog) {
                    case "meson" -> List.of("meson.build", "meson_options.txt");
                    case "mix" -> List.of("mix.exs");
                    default -> a.size() > 1 ? a.subList(1, a.size()) : List.of();
                };
                // (the toolchain's own sources first: a benign mix.exs is no reason to leave a task under lib/ unread)
                return toolchainSource(prog, cds, text, inner) || unreadable(prog, names, "runs", cds, text);
            }
            case "pip", "pip3" -> {
                return a.contains("install") && (a.contains(".") || a.contains("-e"))
                        && readSource("setup.py", Interpreters.Lang.PYTHON, inner, cds, text, "pip install");
            }
            case "tsx", "ts-node", "ts-node-esm", "esno", "esr", "deno" -> {
                int from = 1;
                if (prog.equals("deno")) {
                    if (a.size() > 2 && a.get(1).equals("task")) {
                        return denoTask(a.get(2), inner, cds, text);
                    }
                    if (a.size() < 2 || !a.get(1).equals("run")) {
                        return false;
                    }
                    from = 2;
                }
                for (int i = from; i < a.size(); i++) {
                    if (!a.get(i).startsWith("-")) {
                        return readSource(a.get(i), Interpreters.Lang.NODE, inner, cds, text, prog);
                    }
                }
                return false;
            }
            case "just" -> {
                for (String n : List.of("justfile", "Justfile", ".justfile")) {
                    Written w = writtenFile(n, cds);
                    if (w != null) {
                        if (w.content() == null) {
                            unknownSource(w, n, text);
                        } else {
                            runScript(justRecipes(Payloads.text(w.content())), inner.via("just", false),
                                    "the recipes of the justfile '" + n + "', written earlier in the same command");
                        }
                        return true;
                    }
                }
                return false;
            }
            case "java", "go" -> {
                int from = prog.equals("go") ? 2 : 1;
                if (prog.equals("go") && a.size() >= 2 && (a.get(1).equals("test") || a.get(1).equals("generate"))) {
                    // go test compiles and runs the package's *_test.go files (and their init functions)
                    for (Map.Entry<String, Written> e : written.entrySet()) {
                        String base = e.getKey().substring(e.getKey().lastIndexOf('/') + 1);
                        if (base.endsWith(".go")) {
                            finding(Findings.PIPE_TO_SHELL, Severity.MEDIUM, "'go " + a.get(1) + "' builds and runs '" + base
                                    + "', Go source written earlier in the same command, which Warden does not read",
                                    e.getValue().evidence() + " … " + text,
                                    "write the source as its own step so it can be reviewed, then run it");
                            return true;
                        }
                    }
                    return false;
                }
                if (prog.equals("go") && (a.size() < 2 || !a.get(1).equals("run"))) {
                    return false;
                }
                for (int i = from; i < a.size(); i++) {
                    String v = a.get(i);
                    if ((v.endsWith(".java") || v.endsWith(".go")) && writtenFile(v, cds) != null) {
                        Written w = writtenFile(v, cds);
                        finding(Findings.PIPE_TO_SHELL, Severity.MEDIUM, "'" + prog + "' runs '" + v + "', source written "
                                + "earlier in the same command, which Warden does not read", w.evidence() + " … " + text,
                                "write the source as its own step so it can be reviewed, then run it");
                        return true;
                    }
                }
                return false;
            }
            default -> {
                return toolchainSource(prog, cds, text, inner);
            }
        }
    }

    /** Tools that run {@code TOOL-SUB} found on PATH for a subcommand they do not have themselves. */
    private static final java.util.Set<String> PLUGIN_HOSTS = java.util.Set.of("git", "cargo", "kubectl", "oc", "helm",
            "docker", "gh", "az", "krew", "npm", "asdf", "mise");

    /**
     * {@code PATH=$PWD/b:$PATH cargo x} with {@code b/cargo-x} written, {@code git --exec-path=b fetch
     * https://...} with {@code b/git-remote-https} written: the tool runs the file this call wrote.
     */
    private boolean pluginWritten(String prog, List<String> a, Ctx inner, String text) {
        if (!PLUGIN_HOSTS.contains(prog)) {
            return false;
        }
        String execPath = null;
        String sub = null;
        List<String> names = new ArrayList<>(2);
        for (int i = 1; i < a.size(); i++) {
            String v = a.get(i);
            if (v.startsWith("--exec-path=")) {
                execPath = v.substring(12);
            } else if (v.contains("://") && prog.equals("git")) {
                names.add("git-remote-" + v.substring(0, v.indexOf("://"))); // the transport helper for the URL's scheme
            } else if (sub == null && !v.startsWith("-") && (i == 1 || !a.get(i - 1).startsWith("-") || a.get(i - 1).contains("="))) {
                sub = v;
            }
        }
        if (sub != null && sub.length() < 64) {
            names.add(prog + "-" + sub);
        }
        boolean pathChanged = inner.env().own("PATH") != null || text.contains("PATH=");
        for (Map.Entry<String, Written> e : written.entrySet()) {
            String k = e.getKey();
            String base = k.substring(k.lastIndexOf('/') + 1);
            String dir = k.lastIndexOf('/') < 0 ? "" : k.substring(0, k.lastIndexOf('/'));
            boolean reachable = pathChanged || execPath != null && (execPath.endsWith(dir) || execPath.endsWith(dir + "/"));
            if (reachable && names.contains(base)) {
                if (e.getValue().content() == null) {
                    unknownSource(e.getValue(), base, text);
                } else {
                    runScript(Payloads.text(e.getValue().content()), inner.via(prog + " " + base, false),
                            "'" + base + "', written earlier in the same command and run by " + prog);
                }
                return true;
            }
        }
        return false;
    }

    /** What toolchains that Warden does not read compile or run from the project: file suffixes and names. */
    private static final Map<String, List<String>> TOOLCHAIN_SOURCES = Map.ofEntries(
            Map.entry("mix", List.of(".ex", ".exs")), Map.entry("elixir", List.of(".ex", ".exs")),
            Map.entry("dotnet", List.of(".csproj", ".fsproj", ".vbproj", ".proj", ".sln", ".targets", ".props", ".cs", ".fs",
                    ".fsx", ".csx", ".vb")),
            Map.entry("msbuild", List.of(".csproj", ".fsproj", ".vbproj", ".proj", ".sln", ".targets", ".props")),
            Map.entry("xbuild", List.of(".csproj", ".proj", ".sln", ".targets")),
            Map.entry("dotnet-script", List.of(".csx")), Map.entry("fsharpi", List.of(".fsx")),
            Map.entry("zig", List.of(".zig")), Map.entry("composer", List.of("composer.json")),
            Map.entry("crystal", List.of(".cr")), Map.entry("shards", List.of(".cr", "shard.yml")),
            Map.entry("nim", List.of(".nim", ".nims")), Map.entry("nimble", List.of(".nim", ".nims", ".nimble")),
            Map.entry("swift", List.of(".swift")), Map.entry("swiftc", List.of(".swift")),
            Map.entry("kotlinc", List.of(".kt", ".kts")), Map.entry("kotlin", List.of(".kt", ".kts")),
            Map.entry("scala", List.of(".scala", ".sc")), Map.entry("scala-cli", List.of(".scala", ".sc")),
            Map.entry("amm", List.of(".sc")), Map.entry("sbt", List.of(".scala", ".sbt")),
            Map.entry("ant", List.of(".xml")), Map.entry("dune", List.of(".ml", "dune")),
            Map.entry("ocaml", List.of(".ml")), Map.entry("dart", List.of(".dart")), Map.entry("gleam", List.of(".gleam")),
            Map.entry("v", List.of(".v")), Map.entry("odin", List.of(".odin")), Map.entry("haxe", List.of(".hx", ".hxml")),
            Map.entry("rdmd", List.of(".d")), Map.entry("dmd", List.of(".d")), Map.entry("ldc2", List.of(".d")),
            Map.entry("dub", List.of(".d", "dub.json", "dub.sdl")),
            Map.entry("stack", List.of(".hs")), Map.entry("cabal", List.of(".hs", ".cabal")),
            Map.entry("runghc", List.of(".hs")), Map.entry("runhaskell", List.of(".hs")),
            Map.entry("julia", List.of(".jl")), Map.entry("rscript", List.of(".R", ".r")),
            Map.entry("clojure", List.of(".clj", "deps.edn")), Map.entry("clj", List.of(".clj", "deps.edn")),
            Map.entry("lein", List.of(".clj")), Map.entry("jbang", List.of(".java")), Map.entry("escript", List.of(".erl")),
            Map.entry("rebar3", List.of(".erl", "rebar.config")), Map.entry("erlc", List.of(".erl")),
            Map.entry("pwsh", List.of(".ps1", ".psm1")), Map.entry("powershell", List.of(".ps1", ".psm1")));

    /**
     * A toolchain of {@link #TOOLCHAIN_SOURCES} after the call wrote source of its kind ({@code
     * printf ... > x.zig; zig run x.zig}, a task under lib/ then {@code mix x}, a project file then
     * {@code dotnet msbuild}): code Warden does not read is about to run, a medium finding.
     */
    private boolean toolchainSource(String prog, List<String> cds, String text, Ctx inner) {
        List<String> kinds = TOOLCHAIN_SOURCES.get(prog);
        if (kinds == null) {
            return false;
        }
        if (prog.equals("dotnet") && !(text.contains(" run") || text.contains(" test"))) {
            // dotnet build compiles C# without running it; project files run their targets
            kinds = kinds.stream().filter(k -> !k.equals(".cs") && !k.equals(".fs") && !k.equals(".vb")).toList();
        }
        if (prog.equals("composer") && composerScripts(cds, text, inner)) {
            return true;
        }
        for (Map.Entry<String, Written> e : written.entrySet()) {
            String base = e.getKey().substring(e.getKey().lastIndexOf('/') + 1);
            byte[] content = e.getValue().content();
            for (String k : kinds) {
                // code whose text shows no process, network, write or delete is left to run, as inline code is
                if ((k.startsWith(".") ? base.endsWith(k) && base.length() > k.length() : base.equals(k))
                        && (content == null || dev.warden.analysis.exec.ExecRules.sideEffects(Payloads.text(content), prog))) {
                    finding(Findings.PIPE_TO_SHELL, content == null ? Severity.HIGH : Severity.MEDIUM,
                            "'" + prog + "' builds or runs '" + base + "', written earlier in the same command in a "
                                    + "language Warden does not read, and it "
                                    + (content == null ? "holds text Warden did not see" : "runs, fetches, writes or deletes"),
                            e.getValue().evidence() + " … " + text,
                            "write the source as its own step so it can be reviewed, then run it");
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A composer.json this call wrote: composer runs its {@code scripts} (by name, and on install,
     * update and autoload events), so every script is read as shell, {@code @php x} as {@code php x}.
     */
    private boolean composerScripts(List<String> cds, String text, Ctx inner) {
        Written w = writtenFile("composer.json", cds);
        if (w == null) {
            return false;
        }
        if (w.content() == null) {
            unknownSource(w, "composer.json", text);
            return true;
        }
        tools.jackson.databind.JsonNode scripts;
        try {
            tools.jackson.databind.JsonNode n = JSON.readTree(Payloads.text(w.content()));
            scripts = n == null ? null : n.path("scripts");
        } catch (tools.jackson.core.JacksonException e) {
            unknownSource(w, "composer.json", text);
            return true;
        }
        if (scripts == null || !scripts.isObject()) {
            return false;
        }
        for (tools.jackson.databind.JsonNode v : scripts) {
            for (tools.jackson.databind.JsonNode line : v.isArray() ? v : List.of(v)) {
                String code = line.isString() ? line.asString() : null;
                if (code != null && (!code.startsWith("@") || code.startsWith("@php "))) {
                    runScript(code.startsWith("@php ") ? code.substring(1) : code,
                            inner.via("composer scripts", false), "a script of the composer.json written "
                                    + "earlier in the same command");
                }
            }
        }
        return true;
    }

    /** Definition files a tool reads by its own name for them. */
    private static final Map<String, List<String>> DEFINITION_FILES = Map.ofEntries(
            Map.entry("task", List.of("Taskfile.yml", "Taskfile.yaml", "taskfile.yml", "taskfile.yaml", "Taskfile.dist.yml")),
            Map.entry("tox", List.of("tox.ini")),
            Map.entry("poe", List.of("pyproject.toml", "poe_tasks.toml")),
            Map.entry("honcho", List.of("Procfile")), Map.entry("foreman", List.of("Procfile")),
            Map.entry("overmind", List.of("Procfile")), Map.entry("hivemind", List.of("Procfile")),
            Map.entry("earthly", List.of("Earthfile")),
            Map.entry("tilt", List.of("Tiltfile")),
            Map.entry("terragrunt", List.of("terragrunt.hcl")),
            Map.entry("cdktf", List.of("cdktf.json")),
            Map.entry("doxygen", List.of("Doxyfile")),
            Map.entry("devcontainer", List.of(".devcontainer/devcontainer.json", ".devcontainer.json")),
            Map.entry("vagrant", List.of("Vagrantfile")),
            Map.entry("docker", List.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml",
                    "docker-bake.hcl", "docker-bake.json")),
            Map.entry("docker-compose", List.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml")),
            Map.entry("podman-compose", List.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml")),
            Map.entry("buf", List.of("buf.gen.yaml", "buf.gen.yml", "buf.yaml")),
            Map.entry("mise", List.of("mise.toml", ".mise.toml", "mise.local.toml", ".config/mise.toml")),
            Map.entry("devbox", List.of("devbox.json")), Map.entry("nix-shell", List.of("shell.nix", "default.nix")),
            Map.entry("snakemake", List.of("Snakefile", "workflow/Snakefile")), Map.entry("mlflow", List.of("MLproject")),
            Map.entry("pm2", List.of("ecosystem.config.js", "ecosystem.config.cjs", "ecosystem.json")),
            Map.entry("kind", List.of()));
    /** Definition files found by their extension. */
    private static final Map<String, List<String>> DEFINITION_SUFFIXES = Map.ofEntries(
            Map.entry("terraform", List.of(".tf", ".tf.json")), Map.entry("tofu", List.of(".tf", ".tf.json")),
            Map.entry("packer", List.of(".pkr.hcl", ".pkr.json")), Map.entry("qmake", List.of(".pro", ".pri")),
            Map.entry("cmake", List.of(".cmake", "CMakeLists.txt", "CMakePresets.json", "CMakeUserPresets.json")),
            Map.entry("ctest", List.of(".cmake")), Map.entry("cue", List.of("_tool.cue")),
            Map.entry("ansible-playbook", List.of(".yml", ".yaml")), Map.entry("erb", List.of(".erb")),
            Map.entry("sphinx-build", List.of("conf.py")), Map.entry("mkdocs", List.of(".py")),
            Map.entry("pdftex", List.of(".tex")), Map.entry("pdflatex", List.of(".tex")),
            Map.entry("xelatex", List.of(".tex")), Map.entry("lualatex", List.of(".tex")),
            Map.entry("latex", List.of(".tex")), Map.entry("latexmk", List.of(".tex")), Map.entry("tex", List.of(".tex")));
    /** Options that name a definition file. */
    private static final java.util.Set<String> FILE_OPTIONS = java.util.Set.of("-f", "--file", "-c", "--config",
            "--override-config", "-C", "-S", "-W", "--workflows", "-i", "--inventory", "--compose-file", "-t",
            "--taskfile", "--vagrantfile");

    /**
     * Definition files a tool is about to act on, when Warden can see their text (written in the
     * call, or given on standard input with {@code -f -}): the commands they run on the host are
     * read as commands, the host paths they mount are judged as mounts (see {@link Definitions}).
     */
    private boolean definitions(Command c, String prog, List<String> a, Ctx inner, List<String> cds, String text) {
        String tool = prog.startsWith("./") ? prog.substring(2) : prog;
        boolean compose = tool.equals("docker") && (a.contains("compose") || a.contains("stack") || a.contains("bake"))
                || tool.equals("docker-compose") || tool.equals("podman-compose") || tool.equals("podman") && a.contains("compose");
        boolean tex = tool.endsWith("tex") || tool.equals("latexmk");
        if (tex && a.stream().noneMatch(x -> x.contains("shell-escape") || x.equals("-enable-write18"))) {
            return false; // without -shell-escape, \write18 does not run
        }
        boolean act = tool.equals("act");
        if (act && a.stream().noneMatch(x -> x.contains("-self-hosted"))) {
            return false; // act runs steps in containers, unless told to run them on this machine
        }
        List<String> names = DEFINITION_FILES.get(compose ? "docker" : tool);
        List<String> suffixes = DEFINITION_SUFFIXES.get(tool);
        boolean explicit = compose || act || tool.equals("kind") || tool.equals("devcontainer") || tool.equals("ansible-inventory")
                || tool.equals("vagrant");
        if (names == null && suffixes == null && !explicit) {
            return false;
        }
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        for (int i = 1; i < a.size(); i++) {
            String v = a.get(i);
            String f = FILE_OPTIONS.contains(v) && i + 1 < a.size() ? a.get(i + 1)
                    : v.startsWith("--config=") || v.startsWith("--file=") || v.startsWith("--override-config=")
                            ? v.substring(v.indexOf('=') + 1) : null;
            if (tex && v.contains("\\write18{")) {
                texts.put("the command line", v); // pdflatex -shell-escape '\immediate\write18{cmd}\end'
                continue;
            }
            if (f == null && !v.startsWith("-") && (suffixes != null && suffixes.stream().anyMatch(v::endsWith) || tex)) {
                f = v; // ansible-playbook p.yml, erb x.erb, pdftex x.tex (not terraform show q.tfplan: its own output)
            }
            if (f == null) {
                continue;
            }
            if (f.equals("-")) {
                for (Redirect r : c.redirects()) {
                    if (r.op().startsWith("<<")) {
                        texts.put("standard input", r.target()); // docker compose -f - up <<< '...'
                    }
                }
                continue;
            }
            Written w = writtenFile(f, cds);
            if (w != null && w.content() != null) {
                texts.put(f, Payloads.text(w.content()));
            } else if (w != null) {
                unknownSource(w, f, text);
                return true;
            }
        }
        if (tool.equals("vagrant") && text.contains("VAGRANT_VAGRANTFILE=")) {
            String v = text.substring(text.indexOf("VAGRANT_VAGRANTFILE=") + 20).split("[\\s;&|]", 2)[0];
            Written w = writtenFile(v, cds);
            if (w != null && w.content() != null) {
                texts.put(v, Payloads.text(w.content()));
            }
        }
        for (String n : names == null ? List.<String>of() : names) {
            Written w = texts.isEmpty() ? writtenFile(n, cds) : null;
            if (w != null && w.content() != null) {
                texts.put(n, Payloads.text(w.content()));
            }
        }
        if (suffixes != null && texts.isEmpty()) {
            for (Map.Entry<String, Written> e : written.entrySet()) {
                for (String suffix : suffixes) {
                    if (e.getKey().endsWith(suffix) && e.getValue().content() != null && texts.size() < 16) {
                        texts.put(e.getKey().substring(e.getKey().lastIndexOf('/') + 1), Payloads.text(e.getValue().content()));
                    }
                }
            }
        }
        if (texts.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, String> e : texts.entrySet()) {
            String body = e.getValue();
            Ctx via = inner.via(tool + " " + e.getKey(), false);
            String what = "the commands '" + tool + "' runs from " + e.getKey();
            if (tool.equals("ansible-inventory") || body.startsWith("#!")) {
                runScript(body, via, what); // an executable inventory, a script given as the file
                continue;
            }
            if (tool.equals("vagrant")) {
                InlineCode.scan(body, Interpreters.Lang.RUBY, this, unwrapper, via, text); // a Vagrantfile is Ruby
            } else if (tool.equals("sphinx-build") || tool.equals("mkdocs")) {
                InlineCode.scan(body, Interpreters.Lang.PYTHON, this, unwrapper, via, text);
                continue;
            } else if (tool.equals("erb")) {
                InlineCode.scan(body.replace("<%=", "\n").replace("<%", "\n").replace("%>", "\n"), Interpreters.Lang.RUBY,
                        this, unwrapper, via, text);
            }
            boolean containerOnly = compose || tool.equals("kind") || tool.equals("vagrant");
            List<Definitions.Found> found = containerOnly ? List.of()
                    : e.getKey().endsWith("Procfile") || tool.equals("honcho") || tool.equals("foreman")
                            || tool.equals("overmind") || tool.equals("hivemind") ? Definitions.perLine(body, true)
                    : tool.equals("earthly") ? Definitions.perLine(body, false) : Definitions.commands(body);
            for (Definitions.Found f : found) {
                if (f.argv().size() > 1) {
                    unwrapper.unwrapArgv(f.argv(), text, via);
                } else {
                    runScript(f.line(), via, what);
                }
            }
            for (String m : Definitions.mounts(body)) {
                // the host path the definition mounts, judged like docker run -v
                emitFinal(List.of(Arg.of("docker"), Arg.of("run"), Arg.of("-v"), Arg.of(m + ":/mnt"), Arg.of("image")),
                        List.of(), text, via);
            }
            if ((compose || tool.equals("kind")) && Definitions.privileged(body)) {
                emitFinal(List.of(Arg.of("docker"), Arg.of("run"), Arg.of("--privileged"), Arg.of("image")), List.of(), text, via);
            }
            if (tool.equals("terraform") || tool.equals("tofu") || tool.equals("terragrunt")) {
                // file("~/.aws/credentials"), data "local_file" { filename = ... }: read while planning
                for (String line : body.split("\n", 4096)) {
                    int f = line.indexOf("file(");
                    String l = line.strip();
                    int fn = l.indexOf("filename");
                    List<String> strs = f >= 0 ? Definitions.strings(line.substring(f)) : fn >= 0
                            ? Definitions.strings(l.substring(fn)) : List.of();
                    if (!strs.isEmpty()) {
                        emitFinal(List.of(Arg.of("cat"), Arg.of(strs.get(0))), List.of(), text, via);
                    }
                }
                int backend = body.indexOf("backend \"http\"");
                int address = backend < 0 ? -1 : body.indexOf("address", backend);
                List<String> url = address < 0 ? List.of() : Definitions.strings(body.substring(address, Math.min(body.length(),
                        address + 512)));
                if (!url.isEmpty() && url.get(0).contains("://")) {
                    // the state (secrets in plain text) goes to that address on init and every apply
                    emitFinal(List.of(Arg.of("curl"), Arg.of("-T"), Arg.of("terraform.tfstate"), Arg.of(url.get(0))), List.of(),
                            text, via);
                }
            }
            for (String v : containerOnly ? List.<String>of() : Definitions.strings(body)) {
                if (v.startsWith("/tmp/") || v.startsWith("/var/tmp/") || v.startsWith("/dev/shm/")) {
                    finding("exec.temp-program", Severity.MEDIUM, "'" + tool + "' takes '" + v + "' from " + e.getKey()
                            + ": a file in a temporary directory it will load or run", text,
                            "keep programs and build includes in the project, where they can be reviewed");
                    break;
                }
            }
            for (String line : body.split("\n", 4096)) {
                String l = line.strip();
                int colon = l.indexOf(':');
                String v = colon > 0 ? l.substring(colon + 1).strip() : "";
                if ((l.startsWith("path:") || l.startsWith("- path:")) && (v.startsWith("/tmp/") || v.startsWith("/dev/shm/"))) {
                    finding("exec.temp-program", Severity.MEDIUM, "'" + tool + "' runs the plugin '" + v + "' from a "
                            + "temporary directory", text, "keep plugins in the project, where they can be reviewed");
                    break;
                }
            }
        }
        return true;
    }

    /** JavaScript tools that load their configuration, plugins, set-up files or tests as code. */
    private static final java.util.Set<String> JS_TOOLS = java.util.Set.of("jest", "vitest", "mocha", "webpack",
            "webpack-cli", "eslint", "rollup", "vite", "babel", "prettier", "next", "nuxt", "nuxi", "astro", "playwright",
            "cypress", "ava", "karma", "gulp", "grunt", "parcel", "tsup", "stylelint", "postcss", "tailwindcss", "nodemon",
            "svelte-kit", "remix", "storybook", "ng", "vue-cli-service", "react-scripts", "craco", "jasmine", "tap", "c8",
            "nyc", "docusaurus", "eleventy", "gatsby", "hexo", "wrangler", "electron", "electron-builder", "knip",
            "commitlint", "lint-staged", "semantic-release", "release-it", "changeset", "size-limit", "esbuild", "tsx",
            "pulumi", "cdk", "cdktf");
    /** Python tools that import modules of the project: a written .py file is read as the code they load. */
    private static final java.util.Set<String> PY_TOOLS = java.util.Set.of("flask", "uvicorn", "gunicorn", "hypercorn",
            "daphne", "celery", "fab", "doit", "locust", "streamlit", "pylint", "mypy", "dmypy", "pyright", "gradio",
            "panel", "dagster", "prefect", "airflow", "kedro", "sphinx-build", "mkdocs", "pelican", "scrapy", "behave",
            "robot", "invoke", "nox", "hatch", "pdm", "rye", "pixi", "poetry", "jupyter", "ipython");
    /** Ruby tools that load Ruby files of the project (config.ru, Brewfile, Gemfile, Guardfile). */
    private static final java.util.Set<String> RB_TOOLS = java.util.Set.of("rackup", "puma", "unicorn", "thin", "brew",
            "guard", "rails", "rake", "rspec", "cucumber", "jekyll", "middleman", "fastlane", "pod", "danger");

    /** Runners that take the tool's name as their next word ({@code npx jest}, {@code pnpm exec vitest}). */
    private static final java.util.Set<String> JS_RUNNERS = java.util.Set.of("npx", "pnpx", "bunx", "pnpm", "yarn", "bun");
    /** Files in languages Warden does not read that build tools load as code, by tool. */
    private static final Map<String, List<String>> BUILD_FILES = Map.ofEntries(
            Map.entry("ant", List.of("build.xml")),
            Map.entry("gradle", List.of("build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts",
                    "init.gradle")),
            Map.entry("gradlew", List.of("build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts")),
            Map.entry("mvn", List.of("pom.xml", ".mvn/extensions.xml", ".mvn/jvm.config")),
            Map.entry("mvnw", List.of("pom.xml", ".mvn/extensions.xml", ".mvn/wrapper/maven-wrapper.properties")),
            Map.entry("sbt", List.of("build.sbt", "project/plugins.sbt")),
            Map.entry("lein", List.of("project.clj")),
            Map.entry("bazel", List.of("BUILD", "BUILD.bazel", "WORKSPACE", "MODULE.bazel", ".bazelrc")),
            Map.entry("dotnet", List.of("Directory.Build.props", "Directory.Build.targets")),
            Map.entry("swift", List.of("Package.swift")));

    /** A file this call wrote whose name ends with {@code suffix}, or null. */
    private @Nullable String writtenWith(String suffix) {
        for (String k : written.keySet()) {
            if (k.endsWith(suffix)) {
                return k.substring(k.lastIndexOf('/') + 1);
            }
        }
        return null;
    }

    /**
     * Tools that load files of the project as code, when this call wrote those files: a
     * JavaScript tool's configuration, plugins and tests ({@code jest.config.js} then
     * {@code npx jest}, {@code .pnpmfile.cjs} then {@code pnpm install}, a test file then
     * {@code node --test}) are read as JavaScript; a Gemfile before {@code bundle}, a module
     * named by {@code ruby -r}/{@code perl -M}, a pytest plugin, {@code .pdbrc} are read in their
     * language; {@code node --env-file}'s {@code NODE_OPTIONS} is judged as that variable; build
     * files in languages Warden does not read (build.xml, build.gradle, pom.xml) ask.
     */
    private boolean loadsWrittenCode(String prog, List<String> a, Ctx inner, List<String> cds, String text) {
        String tool = prog;
        int at = 1;
        if (JS_RUNNERS.contains(prog)) {
            while (at < a.size() && (a.get(at).startsWith("-") || a.get(at).equals("exec") || a.get(at).equals("run")
                    || a.get(at).equals("dlx") || a.get(at).equals("x"))) {
                at++;
            }
            String next = at < a.size() ? Unwrapper.base(a.get(at)) : "";
            boolean install = next.isEmpty() || next.equals("install") || next.equals("i") || next.equals("add")
                    || next.equals("ci");
            tool = install && (prog.equals("pnpm") || prog.equals("yarn") || prog.equals("bun")) ? "install" : next;
        }
        boolean nodeTest = prog.equals("node") && (a.contains("--test") || a.stream().anyMatch(x -> x.startsWith("--env-file")));
        if (JS_TOOLS.contains(tool) || tool.equals("install") || nodeTest) {
            boolean any = false;
            for (Map.Entry<String, Written> e : new ArrayList<>(written.entrySet())) {
                String k = e.getKey();
                String base = k.substring(k.lastIndexOf('/') + 1);
                if (base.endsWith(".js") || base.endsWith(".cjs") || base.endsWith(".mjs") || base.endsWith(".ts")
                        || base.endsWith(".mts") || base.endsWith(".cts") || base.endsWith(".jsx") || base.endsWith(".tsx")) {
                    any = true;
                    if (e.getValue().content() == null) {
                        unknownSource(e.getValue(), base, text);
                    } else {
                        InlineCode.scan(Payloads.text(e.getValue().content()), Interpreters.Lang.NODE, this, unwrapper,
                                inner.via(tool, false), text);
                    }
                }
            }
            for (int i = 1; prog.equals("node") && i < a.size(); i++) {
                String f = a.get(i).startsWith("--env-file=") ? a.get(i).substring(11)
                        : a.get(i).equals("--env-file") && i + 1 < a.size() ? a.get(i + 1) : null;
                Written w = f == null ? null : writtenFile(f, cds);
                if (w != null && w.content() != null) {
                    for (String line : Payloads.text(w.content()).split("\n")) {
                        int eq = line.indexOf('=');
                        if (eq > 0) {
                            checkVariable(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()), text, inner);
                        }
                    }
                    any = true;
                }
            }
            return any;
        }
        boolean read = false;
        if (PY_TOOLS.contains(prog) || RB_TOOLS.contains(prog) || prog.equals("latexmk")) {
            // flask --app x, uvicorn x:app, gunicorn.conf.py, .pylintrc's init-hook, config.ru, Brewfile, .latexmkrc
            Interpreters.Lang lang = PY_TOOLS.contains(prog) ? Interpreters.Lang.PYTHON
                    : prog.equals("latexmk") ? Interpreters.Lang.PERL : Interpreters.Lang.RUBY;
            for (Map.Entry<String, Written> e : new ArrayList<>(written.entrySet())) {
                String base = e.getKey().substring(e.getKey().lastIndexOf('/') + 1);
                boolean code = lang == Interpreters.Lang.PYTHON ? base.endsWith(".py") || base.equals(".pylintrc")
                        || base.equals("pylintrc") || base.equals("mypy.ini")
                        : lang == Interpreters.Lang.PERL ? base.equals(".latexmkrc") || base.equals("latexmkrc")
                        : base.endsWith(".rb") || base.equals("config.ru") || base.equals("Brewfile") || base.equals("Gemfile")
                                || base.equals("Guardfile") || base.equals("Rakefile") || base.equals("Fastfile")
                                || base.equals("Podfile") || base.equals("Dangerfile");
                if (!code) {
                    continue;
                }
                read = true;
                if (e.getValue().content() == null) {
                    unknownSource(e.getValue(), base, text);
                    continue;
                }
                String body = Payloads.text(e.getValue().content());
                if (base.contains("pylintrc") || base.equals("mypy.ini")) {
                    // init-hook="python code" (the plugin files themselves are .py files, read above)
                    StringBuilder hooks = new StringBuilder();
                    for (String line : body.split("\n")) {
                        String l = line.strip();
                        if (l.startsWith("init-hook")) {
                            int eq = l.indexOf('=');
                            hooks.append(unquote(l.substring(eq + 1).strip())).append('\n');
                        }
                    }
                    body = hooks.toString();
                }
                InlineCode.scan(body, lang, this, unwrapper, inner.via(prog, false), text);
            }
            for (int i = 1; prog.equals("pylint") && i < a.size(); i++) {
                String v = a.get(i);
                String hook = v.startsWith("--init-hook=") ? v.substring(12) : v.equals("--init-hook") && i + 1 < a.size()
                        ? a.get(i + 1) : null;
                if (hook != null) {
                    InlineCode.scan(hook, Interpreters.Lang.PYTHON, this, unwrapper, inner.via("pylint --init-hook", false),
                            text);
                    read = true;
                }
            }
            if (read) {
                return true;
            }
        }
        for (int i = 1; i < a.size(); i++) {
            String v = a.get(i);
            String mod = prog.equals("ruby") && (v.equals("-r") || v.equals("--require")) && i + 1 < a.size() ? a.get(i + 1)
                    : prog.equals("ruby") && v.startsWith("-r") && v.length() > 2 ? v.substring(2)
                    : prog.equals("perl") && (v.startsWith("-M") || v.startsWith("-m")) && v.length() > 2 ? v.substring(2)
                    : null;
            if (mod == null) {
                continue;
            }
            if (prog.equals("perl")) {
                int eq = mod.indexOf('=');
                String file = (eq > 0 ? mod.substring(0, eq) : mod).replace("::", "/") + ".pm";
                read |= readSource(file, Interpreters.Lang.PERL, inner, cds, text, "perl -M");
            } else {
                read |= readSource(mod.endsWith(".rb") ? mod : mod + ".rb", Interpreters.Lang.RUBY, inner, cds, text, "ruby -r");
            }
        }
        if (read) {
            return true;
        }
        for (int i = 1; prog.equals("claude") && i + 1 < a.size(); i++) {
            if (a.get(i).equals("--settings")) {
                // claude --settings FILE written here: judged as the same settings given inline
                Written w = writtenFile(a.get(i + 1), cds);
                if (w != null && w.content() != null) {
                    emitFinal(List.of(Arg.of("claude"), Arg.of("--settings"), Arg.of(Payloads.text(w.content()))), List.of(),
                            text, inner.via("claude --settings", false));
                    return true;
                }
            }
        }
        for (String rcVar : List.of("IRBRC=", "PSQLRC=", "PYTHONSTARTUP=")) {
            // IRBRC=.irbrc irb, PSQLRC=FILE psql: the start-up file this call wrote runs first
            int rcAt = text.indexOf(rcVar);
            if (rcAt < 0) {
                continue;
            }
            String f = text.substring(rcAt + rcVar.length()).split("[\\s;&|]", 2)[0].replace("\"", "");
            Written w = writtenFile(f, cds);
            if (w == null) {
                continue;
            }
            if (w.content() == null) {
                unknownSource(w, f, text);
            } else if (rcVar.equals("PSQLRC=")) {
                for (String line : Payloads.text(w.content()).split("\n")) {
                    if (line.strip().startsWith("\\!")) {
                        runScript(line.strip().substring(2), inner.via("psqlrc", false), "a psql \\! line");
                    }
                }
            } else {
                InlineCode.scan(Payloads.text(w.content()), rcVar.equals("IRBRC=") ? Interpreters.Lang.RUBY
                        : Interpreters.Lang.PYTHON, this, unwrapper, inner.via(rcVar, false), text);
            }
            return true;
        }
        if (prog.equals("direnv") && a.contains("allow")) {
            // direnv allow: the .envrc runs in the user's shell on every entry; one written here is read now
            Written w = writtenFile(".envrc", cds);
            if (w != null && w.content() != null) {
                runScript(Payloads.text(w.content()), inner.via("direnv .envrc", false), "the .envrc direnv now trusts");
                return true;
            } else if (w != null) {
                unknownSource(w, ".envrc", text);
                return true;
            }
        }
        if (prog.equals("cookiecutter") || prog.equals("copier")) {
            // a local template's hooks (hooks/pre_gen_project.sh, post_gen_project.py) run when it is rendered
            for (Map.Entry<String, Written> e : new ArrayList<>(written.entrySet())) {
                String k = e.getKey();
                if (k.contains("/hooks/")) {
                    read = true;
                    if (e.getValue().content() == null) {
                        unknownSource(e.getValue(), k, text);
                    } else if (k.endsWith(".py")) {
                        InlineCode.scan(Payloads.text(e.getValue().content()), Interpreters.Lang.PYTHON, this, unwrapper,
                                inner.via(prog + " hook", false), text);
                    } else {
                        runScript(Payloads.text(e.getValue().content()), inner.via(prog + " hook", false), "the hook " + k);
                    }
                }
            }
            return read;
        }
        if ((prog.equals("pip") || prog.equals("pip3") || prog.equals("uv")) && a.contains("install") && a.contains(".")) {
            Written pyproject = writtenFile("pyproject.toml", cds);
            if (pyproject != null && (pyproject.content() == null || Payloads.text(pyproject.content()).contains("backend-path"))) {
                // an in-tree build backend: pip imports the project's own Python to build it
                for (Map.Entry<String, Written> e : new ArrayList<>(written.entrySet())) {
                    if (e.getKey().endsWith(".py") && e.getValue().content() != null) {
                        read = true;
                        InlineCode.scan(Payloads.text(e.getValue().content()), Interpreters.Lang.PYTHON, this, unwrapper,
                                inner.via("pip build backend", false), text);
                    }
                }
                if (read) {
                    return true;
                }
            }
        }
        if (prog.equals("bundle") || prog.equals("bundler")) {
            return readSource("Gemfile", Interpreters.Lang.RUBY, inner, cds, text, "bundle")
                    || readSource("gems.rb", Interpreters.Lang.RUBY, inner, cds, text, "bundle");
        }
        if (prog.equals("rspec")) {
            for (String k : new ArrayList<>(written.keySet())) {
                String base = k.substring(k.lastIndexOf('/') + 1);
                if (base.endsWith("_spec.rb") || base.equals("spec_helper.rb") || base.equals(".rspec")) {
                    read |= readSource(k, Interpreters.Lang.RUBY, inner, cds, text, "rspec");
                }
            }
            return read;
        }
        if (Interpreters.lang(prog) == Interpreters.Lang.PYTHON && a.contains("pdb")) {
            Written w = writtenFile(".pdbrc", cds);
            if (w != null && w.content() != null) {
                // .pdbrc lines are debugger commands; '!' and plain statements run as Python
                StringBuilder py = new StringBuilder();
                for (String line : Payloads.text(w.content()).split("\n")) {
                    py.append(line.startsWith("!") ? line.substring(1) : line).append('\n');
                }
                InlineCode.scan(py.toString(), Interpreters.Lang.PYTHON, this, unwrapper, inner.via("pdb", false), text);
                return true;
            } else if (w != null) {
                unknownSource(w, ".pdbrc", text);
                return true;
            }
        }
        if (text.contains("PYTEST_PLUGINS=") || (prog.equals("pytest") || a.contains("pytest")) && a.contains("-p")) {
            int eq = text.indexOf("PYTEST_PLUGINS=");
            List<String> plugins = new ArrayList<>();
            if (eq >= 0) {
                String v = text.substring(eq + 15).split("[\\s;&|]", 2)[0];
                plugins.addAll(List.of(unquote(v).split(",")));
            }
            for (int i = 1; i + 1 < a.size(); i++) {
                if (a.get(i).equals("-p")) {
                    plugins.add(a.get(i + 1));
                }
            }
            for (String m : plugins) {
                read |= readSource(m.strip().replace('.', '/') + ".py", Interpreters.Lang.PYTHON, inner, cds, text, "pytest -p");
            }
            if (read) {
                return true;
            }
        }
        List<String> files = BUILD_FILES.get(prog.startsWith("./") ? prog.substring(2) : prog);
        return files != null && unreadable(prog, files, "loads", cds, text);
    }

    /**
     * A file among {@code names} this call wrote that {@code prog} runs or loads, in a language
     * Warden does not read: a finding (medium, high when even its text is unknown), never silence.
     */
    private boolean unreadable(String prog, List<String> names, String verb, List<String> cds, String text) {
        for (String n : names) {
            Written w = n.startsWith("-") ? null : writtenFile(n, cds);
            if (w != null && w.content() != null && !dev.warden.analysis.exec.ExecRules.sideEffects(Payloads.text(w.content()), prog)) {
                return true; // its text shows no process, network, write or delete: it runs, as inline code would
            }
            if (w != null) {
                finding(Findings.PIPE_TO_SHELL, w.content() == null ? Severity.HIGH : Severity.MEDIUM,
                        "'" + prog + "' " + verb + " '" + n + "', written earlier in the same command in a language "
                                + "Warden does not read", w.evidence() + " … " + text,
                        "write the file as its own step so it can be reviewed, then run it");
                return true;
            }
        }
        return false;
    }

    /** Reads {@code name}, when this call wrote it, as code of {@code lang}. False when it did not write it. */
    private boolean readSource(String name, Interpreters.Lang lang, Ctx inner, List<String> cds, String text, String how) {
        Written w = writtenFile(name, cds);
        if (w == null) {
            return false;
        }
        if (w.content() == null) {
            unknownSource(w, name, text);
        } else {
            if ((w.taint() & (Payloads.DOWNLOAD | Payloads.DECODE)) != 0) {
                pipeToShell(w.taint(), w.evidence() + " … " + text, "'" + how + "' runs '" + name + "' from");
            }
            InlineCode.scan(Payloads.text(w.content()), lang, this, unwrapper, inner.via(lang.label, false), text);
        }
        return true;
    }

    /** {@code awk -f /dev/stdin <<< 'PROGRAM'}, {@code ... | awk -f -}: the program is what comes in. True when read. */
    private boolean awkStdinProgram(Command c, String prog, List<String> a, Ctx ctx, String text) {
        if (!(prog.equals("awk") || prog.equals("gawk") || prog.equals("mawk") || prog.equals("nawk"))) {
            return false;
        }
        for (int i = 1; i + 1 < a.size(); i++) {
            if ((a.get(i).equals("-f") || a.get(i).equals("--file")) && STDIN_NAMES.contains(a.get(i + 1))) {
                byte[] known = stdinOf(c, ctx);
                if (known == null && ctx.stdin() == null) {
                    return false; // nothing known comes in (a terminal, a file redirected in)
                }
                if (known == null) {
                    pipeToShell(ctx.stdin().taint(), ctx.stdin().evidence() + " … " + text, "awk runs a program read from");
                } else {
                    Arg program = Arg.of(Payloads.text(known));
                    Ctx inner = ctx.withStdin(null).withRedirsCleared().via(prog + " -f -", false);
                    emitFinal(List.of(Arg.of(prog), program), List.of(), text, inner);
                    new ToolCommands(this, unwrapper).awkCommands(program, inner, text);
                }
                return true;
            }
        }
        return false;
    }

    /**
     * Inline code that loads a file this call wrote: {@code node -e 'require("./x")'},
     * {@code perl -e 'require "./x.pl"'}, {@code ruby -e 'load "x.rb"'}, {@code lua -e
     * 'dofile("x.lua")'}, {@code php -r 'include "x.php";'}, awk's {@code @include "x.awk"}. The
     * file is read as code of the interpreter's language. True when one was found.
     */
    private boolean inlineLoadsWritten(String prog, List<String> a, Ctx inner, List<String> cds, String text) {
        Interpreters.Lang lang = Interpreters.lang(prog);
        boolean awk = prog.equals("awk") || prog.equals("gawk") || prog.equals("mawk") || prog.equals("nawk");
        if (lang == null && !awk || lang == Interpreters.Lang.JVM) {
            return false;
        }
        String code = null;
        for (int i = 1; i < a.size() && code == null; i++) {
            String v = a.get(i);
            if (awk) {
                if (v.equals("-f") || v.equals("--file") || v.equals("-E") || v.equals("--exec")) {
                    return false;
                }
                if (v.equals("-v") || v.equals("-F") || v.equals("-W") || v.equals("-i") || v.equals("--include")) {
                    i++;
                } else if (!v.startsWith("-")) {
                    code = v;
                }
            } else if ((v.equals("-e") || v.equals("-E") || v.equals("-c") || v.equals("-r") || v.equals("--eval")
                    || v.equals("-p") || v.equals("--print")) && i + 1 < a.size()) {
                code = a.get(i + 1);
            }
        }
        if (code == null) {
            return false;
        }
        boolean read = false;
        for (Map.Entry<String, Written> e : new ArrayList<>(written.entrySet())) {
            String k = e.getKey();
            String base = k.substring(k.lastIndexOf('/') + 1);
            int dot = base.lastIndexOf('.');
            String stem = dot > 0 ? base.substring(0, dot) : base;
            String ext = dot > 0 ? base.substring(dot) : "";
            boolean ofLanguage = awk ? ext.equals(".awk") || ext.isEmpty() : switch (lang) {
                case NODE, DENO, BUN -> ext.equals(".js") || ext.equals(".cjs") || ext.equals(".mjs") || ext.equals(".ts");
                case PERL -> ext.equals(".pl") || ext.equals(".pm");
                case RUBY -> ext.equals(".rb");
                case PHP -> ext.equals(".php") || ext.equals(".inc");
                case LUA -> ext.equals(".lua");
                case PYTHON -> ext.equals(".py");
                default -> false;
            };
            // require("x") finds node_modules/x/index.js (or its main): the package's name is what the code names
            int nm = lang != null && lang.js() ? k.indexOf("node_modules/") : -1;
            String pkg = null;
            if (nm >= 0) {
                String after = k.substring(nm + 13);
                int cut = after.startsWith("@") ? after.indexOf('/', after.indexOf('/') + 1) : after.indexOf('/');
                pkg = cut < 0 ? after.replaceFirst("\\.[cm]?js$", "") : after.substring(0, cut);
            }
            boolean named = pkg != null && (code.contains("\"" + pkg + "\"") || code.contains("'" + pkg + "'")
                    || code.contains("\"" + pkg + "/") || code.contains("'" + pkg + "/"));
            if (!ofLanguage || !(named || code.contains(base) || code.contains("./" + stem + "\"") || code.contains("./" + stem + "'")
                    || code.contains("\"" + stem + "\"") || code.contains("'" + stem + "'"))) {
                continue;
            }
            read = true;
            Written w = e.getValue();
            if (w.content() == null) {
                unknownSource(w, base, text);
            } else if (awk) {
                Arg program = Arg.of(Payloads.text(w.content()));
                emitFinal(List.of(Arg.of(prog), program), List.of(), text, inner.via(prog + " @include", false));
                new ToolCommands(this, unwrapper).awkCommands(program, inner.via(prog + " @include", false), text);
            } else {
                readSource(k, lang, inner, cds, text, prog + " loads");
            }
        }
        return read;
    }

    private void unknownSource(Written w, String name, String text) {
        pipeToShell(w.taint(), w.evidence() + " … " + text, "runs '" + name + "', written earlier in the same command from");
    }

    /** pytest imports conftest.py and test files from the tree: those this call wrote are read as Python. */
    private boolean pytest(Ctx inner, List<String> cds, String text) {
        boolean any = false;
        for (Map.Entry<String, Written> e : new ArrayList<>(written.entrySet())) {
            String base = e.getKey().substring(e.getKey().lastIndexOf('/') + 1);
            if (base.equals("conftest.py") || base.startsWith("test_") && base.endsWith(".py") || base.endsWith("_test.py")) {
                any = true;
                if (e.getValue().content() == null) {
                    unknownSource(e.getValue(), base, text);
                } else {
                    InlineCode.scan(Payloads.text(e.getValue().content()), Interpreters.Lang.PYTHON, this, unwrapper,
                            inner.via("pytest", false), text);
                }
            }
        }
        return any;
    }

    /** The recipe lines of a justfile (indented lines under a {@code name:} header), as shell lines. */
    static String justRecipes(String justfile) {
        StringBuilder sb = new StringBuilder();
        for (String line : justfile.split("\n")) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                String r = line.strip();
                while (!r.isEmpty() && (r.charAt(0) == '@' || r.charAt(0) == '-')) {
                    r = r.substring(1);
                }
                sb.append(r.replaceAll("\\{\\{[^}]*\\}\\}", "x")).append('\n');
            }
        }
        return sb.toString();
    }

    /** {@code deno task NAME} with a deno.json(c) this call wrote: the task's value is a shell line. */
    private boolean denoTask(String name, Ctx inner, List<String> cds, String text) {
        for (String n : List.of("deno.json", "deno.jsonc")) {
            Written w = writtenFile(n, cds);
            if (w == null) {
                continue;
            }
            if (w.content() == null) {
                unknownSource(w, n, text);
                return true;
            }
            try {
                tools.jackson.databind.JsonNode tasks = JSON.readTree(Payloads.text(w.content())).path("tasks");
                tools.jackson.databind.JsonNode t = tasks.path(name);
                String line = t.isString() ? t.asString() : t.path("command").isString() ? t.path("command").asString() : null;
                if (line != null) {
                    runScript(line, inner.via("deno task " + name, false), "the deno task " + name + " of '" + n
                            + "', written earlier in the same command");
                }
            } catch (RuntimeException e) {
                unknownSource(w, n, text); // not JSON Warden can read: what the task runs is unknown
            }
            return true;
        }
        return false;
    }

    /**
     * The command a {@code #!} line runs when its program is neither a shell nor an interpreter
     * Warden reads ({@code #!/bin/rm -rf}, {@code #!/usr/bin/env -S rm -rf ~}), with the file
     * appended as the kernel does; null otherwise.
     */
    private static @Nullable String shebangCommand(String code, String file) {
        if (!code.startsWith("#!")) {
            return null;
        }
        int nl = code.indexOf('\n');
        String line = (nl < 0 ? code : code.substring(0, nl)).substring(2).strip();
        if (line.isEmpty() || line.length() > 4096) {
            return null;
        }
        String[] words = line.split("[ \t]+");
        String prog = Unwrapper.base(words[0]);
        int from = 0;
        if (prog.equals("env")) {
            from = 1;
            while (from < words.length && words[from].startsWith("-")) {
                from++;
            }
            if (from >= words.length) {
                return null;
            }
            prog = Unwrapper.base(words[from]);
        }
        if (Unwrapper.SHELLS.contains(prog) || Interpreters.lang(prog) != null) {
            return null;
        }
        return String.join(" ", java.util.Arrays.copyOfRange(words, from, words.length)) + " " + file;
    }

    /** The interpreter a {@code #!} line names, when it is not a shell. */
    private static Interpreters.@Nullable Lang shebang(String code) {
        if (!code.startsWith("#!")) {
            return null;
        }
        int nl = code.indexOf('\n');
        String line = nl < 0 ? code : code.substring(0, nl);
        String[] words = line.substring(2).strip().split("[ \t]+");
        String prog = Unwrapper.base(words[0]);
        if (prog.equals("env") && words.length > 1) {
            for (int i = 1; i < words.length; i++) {
                if (!words[i].startsWith("-")) {
                    prog = Unwrapper.base(words[i]);
                    break;
                }
            }
        }
        return Interpreters.lang(prog);
    }

    /**
     * {@code npm pkg set scripts.x=CODE} and {@code npm set-script x CODE}: the value is a shell
     * line that {@code npm run x} (or a lifecycle hook) runs, so it is read as a script here.
     */
    private void npmScripts(List<String> a, Ctx ctx, String text) {
        if (a.size() > 3 && a.get(1).equals("pkg") && a.get(2).equals("set")) {
            boolean json = a.contains("--json");
            for (int i = 3; i < a.size(); i++) {
                String v = a.get(i);
                int eq = v.indexOf('=');
                if (eq < 0 || v.startsWith("-")) {
                    continue;
                }
                String key = v.substring(0, eq);
                String value = v.substring(eq + 1);
                String name = null;
                if (key.startsWith("scripts.") && key.length() > 8) {
                    name = key.substring(8);
                } else if (key.startsWith("scripts[") && key.endsWith("]")) {
                    // npm's key syntax also takes scripts[x] and scripts["x"]
                    name = key.substring(8, key.length() - 1).replace("\"", "").replace("'", "");
                } else if (key.equals("scripts") && json) {
                    // --json scripts='{"x":"CODE"}': every value is a script
                    for (Map.Entry<String, String> e : jsonScripts(value).entrySet()) {
                        npmScript(e.getKey(), e.getValue(), ctx);
                    }
                    continue;
                }
                if (name == null) {
                    continue;
                }
                if (json) {
                    String parsed = jsonString(value);
                    value = parsed == null ? value : parsed;
                }
                npmScript(name, value, ctx);
            }
        } else if (a.size() > 3 && a.get(1).equals("set-script")) {
            npmScript(a.get(2), a.get(3), ctx);
        }
    }

    private void npmScript(String name, String code, Ctx ctx) {
        runScript(code, ctx.via("npm scripts." + name, false).withStdin(null).withRedirsCleared(),
                "the npm script " + name);
    }

    private static final tools.jackson.databind.ObjectMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
            .build();

    /** The string members of a JSON object (a package.json's {@code scripts}); empty when it is not one. */
    private static Map<String, String> jsonScripts(String json) {
        try {
            return jsonScripts(JSON.readTree(json));
        } catch (tools.jackson.core.JacksonException e) {
            return Map.of(); // not JSON: npm refuses it too
        }
    }

    private static Map<String, String> jsonScripts(tools.jackson.databind.@Nullable JsonNode n) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (n != null && n.isObject()) {
            for (Map.Entry<String, tools.jackson.databind.JsonNode> e : n.properties()) {
                if (e.getValue().isString() && out.size() < 64) {
                    out.put(e.getKey(), e.getValue().asString());
                }
            }
        }
        return out;
    }

    private static @Nullable String jsonString(String json) {
        try {
            tools.jackson.databind.JsonNode n = JSON.readTree(json);
            return n != null && n.isString() ? n.asString() : null;
        } catch (tools.jackson.core.JacksonException e) {
            return null;
        }
    }

    /**
     * {@code npm install}, {@code npm test}, {@code npm run x} (and pnpm, yarn) with a
     * package.json this call wrote: the lifecycle scripts the command runs ({@code preinstall},
     * {@code postinstall}, {@code prepare}; {@code pretest}, {@code test}; {@code prex},
     * {@code x}, {@code postx}) are shell lines, read here. A package.json written from unseen
     * text is a finding, like a script piped into a shell.
     */
    private void packageScripts(List<String> a, Ctx ctx, String text, String prog) {
        String dir = null;
        String sub = null;
        String target = null;
        for (int i = 1; i < a.size(); i++) {
            String v = a.get(i);
            if (v.equals("--")) {
                break;
            }
            if ((v.equals("--prefix") || v.equals("-C") || v.equals("--dir") || v.equals("--cwd")) && i + 1 < a.size()) {
                dir = a.get(++i);
            } else if (v.startsWith("--prefix=") || v.startsWith("--dir=") || v.startsWith("--cwd=")) {
                dir = v.substring(v.indexOf('=') + 1);
            } else if (v.startsWith("-")) {
                continue;
            } else if (sub == null) {
                sub = v;
            } else if (target == null) {
                target = v;
                break;
            }
        }
        if (sub == null) {
            if (!prog.equals("yarn")) {
                return;
            }
            sub = "install"; // a bare yarn installs
        }
        List<String> names = switch (sub) {
            case "install", "i", "in", "ins", "inst", "insta", "instal", "isnt", "isnta", "isntal", "isntall", "add",
                 "ci", "clean-install", "ic", "install-clean", "isntall-clean" ->
                    target != null && !prog.equals("npm")
                            ? List.of() // pnpm/yarn add PKG: the root's own scripts do not run
                            : List.of("preinstall", "install", "postinstall", "prepublish", "preprepare", "prepare",
                                    "postprepare");
            case "test", "t", "tst" -> List.of("pretest", "test", "posttest");
            case "start" -> List.of("prestart", "start", "poststart");
            case "stop" -> List.of("prestop", "stop", "poststop");
            case "restart" -> List.of("prerestart", "restart", "postrestart", "prestop", "stop", "poststop",
                    "prestart", "start", "poststart");
            case "install-test", "it" -> List.of("preinstall", "install", "postinstall", "prepare", "pretest", "test",
                    "posttest");
            case "pack" -> List.of("prepack", "prepare", "postpack");
            // publish runs these even with --dry-run; version and rebuild/link run theirs too
            case "publish", "pub" -> List.of("prepublishOnly", "prepack", "prepare", "postpack", "publish", "postpublish");
            case "version" -> List.of("preversion", "version", "postversion");
            case "rebuild", "rb", "link", "ln" -> List.of("preinstall", "install", "postinstall", "prepare");
            case "run", "run-script", "rum", "urn", "exec" -> sub.equals("exec") || target == null ? List.of()
                    : List.of("pre" + target, target, "post" + target);
            default -> prog.equals("yarn") || prog.equals("pnpm") ? List.of("pre" + sub, sub, "post" + sub) : List.of();
        };
        if (names.isEmpty()) {
            return;
        }
        List<String> cds = ctx.env().cds();
        if (dir != null) {
            cds = new ArrayList<>(cds);
            cds.add(dir);
        }
        Written w = writtenFile("package.json", cds);
        if (w == null) {
            return;
        }
        String what = "the package.json written earlier in the same command";
        if (w.content() == null) {
            pipeToShell(w.taint(), w.evidence() + " … " + text, "'" + prog + " " + sub + "' runs scripts of " + what
                    + " from");
            return;
        }
        Map<String, String> scripts;
        try {
            tools.jackson.databind.JsonNode n = JSON.readTree(Payloads.text(w.content()));
            scripts = jsonScripts(n == null ? null : n.path("scripts"));
        } catch (tools.jackson.core.JacksonException e) {
            // Warden's parser and the package manager's may disagree: what it would run is unknown
            pipeToShell(w.taint(), w.evidence() + " … " + text, "'" + prog + " " + sub + "' runs scripts of " + what
                    + ", which Warden cannot read, from");
            return;
        }
        if (!reading.add("package.json")) {
            return;
        }
        try {
            for (String name : names) {
                String code = scripts.get(name);
                if (code != null) {
                    runScript(code, ctx.via(prog + " scripts." + name, false).withStdin(null).withRedirsCleared(),
                            "the script '" + name + "' of " + what);
                }
            }
        } finally {
            reading.remove("package.json");
        }
    }

    /**
     * {@code make} with a Makefile this call wrote: its recipe lines are shell lines, read with
     * the Makefile's simple variable definitions set and {@code $$} as {@code $}.
     */
    private void makefile(List<String> a, Ctx ctx, String text) {
        if (a.contains("-n") || a.contains("--just-print") || a.contains("--dry-run") || a.contains("--recon")) {
            return; // make -n prints the recipes instead of running them
        }
        String dir = null;
        String file = null;
        for (int i = 1; i < a.size(); i++) {
            String v = a.get(i);
            if ((v.equals("-f") || v.equals("--file") || v.equals("--makefile")) && i + 1 < a.size()) {
                file = a.get(++i);
            } else if (v.startsWith("--file=") || v.startsWith("--makefile=")) {
                file = v.substring(v.indexOf('=') + 1);
            } else if (v.startsWith("-f") && v.length() > 2) {
                file = v.substring(2);
            } else if ((v.equals("-C") || v.equals("--directory")) && i + 1 < a.size()) {
                dir = a.get(++i);
            } else if (v.startsWith("--directory=")) {
                dir = v.substring(12); // make --directory=s
            } else if (v.startsWith("-C") && v.length() > 2) {
                dir = v.substring(2);
            }
        }
        List<String> cds = ctx.env().cds();
        if (dir != null) {
            cds = new ArrayList<>(cds);
            cds.add(dir);
        }
        Written w = null;
        String name = file;
        for (String n : file != null ? List.of(file) : List.of("GNUmakefile", "makefile", "Makefile")) {
            w = writtenFile(n, cds);
            name = n;
            if (w != null) {
                break;
            }
        }
        if (w == null) {
            return;
        }
        String what = "the Makefile '" + name + "', written earlier in the same command";
        if (w.content() == null) {
            pipeToShell(w.taint(), w.evidence() + " … " + text, "'make' runs recipes of " + what + " from");
            return;
        }
        Map<String, String> vars = new HashMap<>(MAKE_DEFAULTS);
        StringBuilder recipes = new StringBuilder();
        List<String> lines = new ArrayList<>(List.of(Payloads.text(w.content()).replace("\\\n", " ").split("\n")));
        included(lines, cds, text);
        for (String line : lines) {
            java.util.regex.Matcher m = MAKE_VAR.matcher(line);
            if (!line.startsWith("\t") && m.matches()) {
                vars.put(m.group(1), m.group(2).strip());
            }
        }
        for (String line : lines) {
            if (line.startsWith("\t")) {
                String r = line.substring(1).stripLeading();
                while (!r.isEmpty() && "@-+".indexOf(r.charAt(0)) >= 0) {
                    r = r.substring(1);
                }
                recipes.append(makeRefs(makeRefs(r, vars, false), vars, true)).append('\n');
            } else {
                // $(shell CMD) outside a recipe runs while make reads the file, even under -n
                for (String call : shellCalls(line)) {
                    recipes.append(makeRefs(makeRefs(call, vars, false), vars, true)).append('\n');
                }
                // all: deps ; cmd: a recipe on the rule's own line, after a semicolon
                int colon = line.indexOf(':');
                int semi = colon > 0 ? line.indexOf(';', colon) : -1;
                if (semi > 0 && !line.startsWith("#") && !MAKE_VAR.matcher(line).matches()
                        && (line.indexOf('=') < 0 || line.indexOf('=') > semi)) {
                    String r = line.substring(semi + 1).stripLeading();
                    while (!r.isEmpty() && "@-+".indexOf(r.charAt(0)) >= 0) {
                        r = r.substring(1);
                    }
                    recipes.append(makeRefs(makeRefs(r, vars, false), vars, true)).append('\n');
                }
            }
        }
        if (!recipes.isEmpty() && reading.add("make:" + name)) {
            try {
                runScript(recipes.toString(), ctx.via("make", false).withStdin(null).withRedirsCleared(),
                        "the recipes of " + what);
            } finally {
                reading.remove("make:" + name);
            }
        }
    }

    /**
     * Adds the lines of the makefiles that {@code include}, {@code -include} or {@code sinclude}
     * name, when this call wrote them (two levels deep); one written from unseen text is a finding.
     */
    private void included(List<String> lines, List<String> cds, String text) {
        for (int depth = 0, from = 0; depth < 2; depth++) {
            int to = lines.size();
            for (int k = from; k < to && lines.size() < 4096; k++) {
                java.util.regex.Matcher m = MAKE_INCLUDE.matcher(lines.get(k));
                if (!m.matches()) {
                    continue;
                }
                for (String f : m.group(1).strip().split("\\s+")) {
                    Written inc = f.isEmpty() ? null : writtenFile(f, cds);
                    if (inc != null && inc.content() != null) {
                        lines.addAll(List.of(Payloads.text(inc.content()).replace("\\\n", " ").split("\n")));
                    } else if (inc != null) {
                        pipeToShell(inc.taint(), inc.evidence() + " … " + text, "'make' includes the makefile '" + f
                                + "', written earlier in the same command from");
                    }
                }
            }
            from = to;
        }
    }

    private static final java.util.regex.Pattern MAKE_INCLUDE =
            java.util.regex.Pattern.compile("\\s*(?:-include|sinclude|include)\\s+(.*)");

    /** The commands of the {@code $(shell CMD)} calls in one makefile line. */
    private static List<String> shellCalls(String line) {
        List<String> out = new ArrayList<>();
        int at = 0;
        while (out.size() < 16) {
            int a = line.indexOf("$(shell ", at);
            int b = line.indexOf("${shell ", at);
            int i = a < 0 ? b : b < 0 ? a : Math.min(a, b);
            if (i < 0) {
                break;
            }
            int close = matching(line, i + 1);
            out.add(close < 0 ? line.substring(i + 8) : line.substring(i + 8, close));
            at = close < 0 ? line.length() : close;
        }
        return out;
    }

    /** Variables make defines itself, so that {@code $(MAKE) -C sub} and {@code $(CC) -c x.c} name their program. */
    private static final Map<String, String> MAKE_DEFAULTS = Map.of("MAKE", "make", "CC", "cc", "CXX", "g++", "RM",
            "rm -f", "AR", "ar", "AS", "as", "LD", "ld", "INSTALL", "install", "SHELL", "/bin/sh", "CPP", "cc -E");

    private static final java.util.regex.Pattern MAKE_VAR =
            java.util.regex.Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*[:?]?:?=(.*)");

    /**
     * A recipe line with make's own expansions in shell form: a variable the Makefile defines is
     * replaced by its text (two rounds, so one variable may use another), any other
     * {@code $(X)} is {@code ${X}}, {@code $(shell cmd)} is {@code $(cmd)}, {@code $$} is {@code $}.
     */
    static String makeRefs(String r, Map<String, String> vars, boolean last) {
        StringBuilder sb = new StringBuilder(r.length());
        for (int i = 0; i < r.length(); i++) {
            char ch = r.charAt(i);
            if (ch == '$' && i + 1 < r.length()) {
                char n = r.charAt(i + 1);
                if (n == '$') {
                    sb.append(last ? "$" : "$$");
                    i++;
                    continue;
                }
                int close = n == '(' || n == '{' ? matching(r, i + 1) : -1;
                String inner = close < 0 ? "" : r.substring(i + 2, close);
                String v = Reader.isName(inner) ? vars.get(inner) : null;
                if (v != null) {
                    sb.append(v); // a variable the Makefile defines is its text
                    i = close;
                    continue;
                }
                if (last && inner.startsWith("shell ")) {
                    sb.append("$(").append(inner.substring(6)).append(')'); // $(shell cmd) runs cmd
                    i = close;
                    continue;
                }
                if (last && Reader.isName(inner)) {
                    sb.append("${").append(inner).append('}'); // from make's environment
                    i = close;
                    continue;
                }
                if (last && "@<^*?%".indexOf(n) >= 0) {
                    sb.append("target"); // automatic variables: file names
                    i++;
                    continue;
                }
                if (last && close > 0 && !inner.contains("shell") && !inner.contains("`")) {
                    // $(SRC:.c=.o), $(wildcard *.c), $($*): text make computes, never a command
                    sb.append("make-value");
                    i = close;
                    continue;
                }
            }
            sb.append(ch);
        }
        return sb.toString();
    }

    /** The index of the bracket closing the one at {@code open}, counting nested ones; -1 when unclosed. */
    private static int matching(String r, int open) {
        char o = r.charAt(open);
        char c = o == '(' ? ')' : '}';
        int depth = 0;
        for (int k = open; k < r.length(); k++) {
            char x = r.charAt(k);
            if (x == o) {
                depth++;
            } else if (x == c && --depth == 0) {
                return k;
            }
        }
        return -1;
    }

    /**
     * {@code shift [n]} and {@code set -- words} change {@code $1...}: {@code f() { shift; git
     * "$@"; }; f x reset --hard} runs {@code git reset --hard}.
     */
    private static void positionalBuiltins(List<Arg> argv, Env env) {
        String p = argv.get(0).value();
        if (p.equals("shift") && env.positional != null) {
            int n = 1;
            if (argv.size() > 1) {
                Arg count = argv.get(1);
                try {
                    n = count.dynamic() ? -1 : Integer.parseInt(count.value());
                } catch (NumberFormatException e) {
                    n = -1;
                }
            }
            List<String> pos = env.positional;
            if (n < 0) {
                env.positional = null; // shifted by an unknown amount: unknown
            } else if (n < pos.size()) {
                List<String> rest = new ArrayList<>(pos.size() - n);
                rest.add(pos.get(0));
                rest.addAll(pos.subList(1 + n, pos.size()));
                env.positional = rest;
            }
        } else if (p.equals("set") && argv.size() > 1 && argv.get(1).value().equals("--")) {
            List<@Nullable String> words = new ArrayList<>(argv.size() - 1);
            words.add(env.positional == null || env.positional.isEmpty() ? "sh" : env.positional.get(0));
            for (int i = 2; i < argv.size(); i++) {
                words.add(argv.get(i).dynamic() ? null : argv.get(i).value());
            }
            env.positional(words);
        }
    }

    /**
     * Follows {@code cd} and {@code pushd} in the shell that runs them: the commands after them
     * in that shell (not in the shell around a subshell, nor after a branch that may not have
     * run) carry the change, and a target Warden cannot follow makes the directory unknown.
     */
    /** A CDPATH given a value in front of the command ({@code CDPATH=/x cd y}); an empty one changes nothing. */

    private static void changeDirectory(List<Arg> argv, String text, Env env) {
        String p = argv.get(0).value();
        if (argv.size() == 1 && env.shopt("autocd") && !p.equals("cd") && !p.equals("pushd") && !p.equals("popd")) {
            // autocd (interactive shells): a command that is only a directory's name is cd to it;
            // ~, .., / always are, any other word may be a directory or a program
            env.cd(p.equals("~") || p.equals("..") || p.equals("/") || p.equals(".") ? p : Command.UNKNOWN_DIR);
            return;
        }
        if (!p.equals("cd") && !p.equals("pushd") && !p.equals("popd")) {
            return;
        }
        if (p.equals("popd") || text.contains("HOME=")) {
            // the directory stack, or cd relative to another home (CDPATH=... cd: the assignment is in env)
            env.cd(Command.UNKNOWN_DIR);
            return;
        }
        Arg target = null;
        for (int i = 1; i < argv.size(); i++) {
            Arg a = argv.get(i);
            String v = a.value();
            if (v.equals("--")) {
                target = i + 1 < argv.size() ? argv.get(i + 1) : null;
                break;
            }
            if (v.length() > 1 && (v.charAt(0) == '-' || v.charAt(0) == '+') && !a.dynamic()) {
                if (Character.isDigit(v.charAt(1))) {
                    env.cd(Command.UNKNOWN_DIR); // pushd +1: the directory stack
                    return;
                }
                continue; // -P, -L, -e
            }
            target = a;
            break;
        }
        if (target == null) {
            env.cd(p.equals("cd") ? "~" : Command.UNKNOWN_DIR); // cd: home; pushd: swaps the top two
            return;
        }
        String v = target.value();
        if (env.shopt("cdable_vars") && !target.dynamic() && Reader.isName(v) && env.get(v) != null) {
            // cdable_vars: cd NAME goes to $NAME when ./NAME is not a directory
            String value = env.get(v);
            env.cd(value == Env.UNKNOWN || value.isEmpty() ? Command.UNKNOWN_DIR : value);
            return;
        }
        String cdpath = env.ambient("CDPATH") ? null : env.get("CDPATH");
        if (cdpath != null && !cdpath.isEmpty() && !v.isEmpty() && v.charAt(0) != '/' && v.charAt(0) != '~'
                && !v.equals(".") && !v.equals("..") && !v.startsWith("./") && !v.startsWith("../")) {
            // CDPATH set by the script: cd NAME goes to the first CDPATH entry holding NAME, and
            // only falls back to ./NAME; which one exists is only known at run time, so the first
            // entry is taken as where it goes (CDPATH=~ cd .ssh goes to ~/.ssh when there is one)
            String entry = cdpath == Env.UNKNOWN ? null : cdpath.split(":", 2)[0];
            env.cd(entry == null ? Command.UNKNOWN_DIR : entry.isEmpty() || entry.equals(".") ? v
                    : (entry.endsWith("/") ? entry : entry + "/") + v);
            return;
        }
        // an unknown value stays as written ("$(git rev-parse --show-toplevel)", "$d"): the analyzer
        // knows a few such places and treats the rest as unknown
        env.cd(v.equals("-") || v.isEmpty() ? Command.UNKNOWN_DIR : v);
    }

    /**
     * What {@code mktemp} prints: a new name under the temporary directory ({@code -p DIR} or a
     * template with a directory places it there); null for anything else or an unknown place.
     */
    private static @Nullable String mktemp(Command c) {
        if (!c.program().equals("mktemp") || !c.via().isEmpty() && !c.via().equals(List.of("command"))) {
            return null;
        }
        String dir = null;
        String template = null;
        boolean inTmp = false; // -t, --tmpdir: the template is a name under $TMPDIR
        List<String> a = c.args();
        for (int i = 0; i < a.size(); i++) {
            String x = a.get(i);
            if (x.startsWith("--tmpdir=")) {
                dir = x.substring(9);
            } else if (x.equals("--tmpdir")) {
                inTmp = true;
            } else if (x.equals("--suffix")) {
                i++;
            } else if (x.startsWith("--") && !x.equals("--")) {
                continue; // --directory, --dry-run, --quiet, --suffix=S
            } else if (x.startsWith("-") && x.length() > 1 && !x.equals("--")) {
                inTmp |= x.indexOf('t') > 0;
                if (x.endsWith("p")) {
                    dir = i + 1 < a.size() ? a.get(++i) : null;
                    if (dir == null) {
                        return null;
                    }
                }
            } else if (!x.equals("--")) {
                template = x;
            }
        }
        if (dir != null && (dir.isEmpty() || dir.indexOf('$') >= 0 || dir.indexOf('`') >= 0)
                || template != null && (template.indexOf('$') >= 0 || template.indexOf('`') >= 0)) {
            return null;
        }
        if (template == null) {
            return (dir == null ? "/tmp" : dir) + "/tmp.XXXXXXXXXX";
        }
        if (template.indexOf('/') >= 0) {
            return dir == null && !inTmp ? template : null;
        }
        return dir != null ? dir + "/" + template : inTmp ? "/tmp/" + template : template;
    }

    /**
     * A command that prints where something already is: the repository root, the package
     * manager's bin directory, a tool's prefix.
     */
    /** What {@code which X}, {@code command -v X} or {@code type -P X} prints for a plain program name X. */
    private static @Nullable String located(Command c) {
        String p = dev.warden.analysis.Invocation.normalise(c.program());
        List<String> a = c.args();
        String name = p.equals("which") && a.size() == 1 ? a.get(0)
                : (p.equals("command") || p.equals("type")) && a.size() == 2
                        && (a.get(0).equals("-v") || a.get(0).equals("-P") || a.get(0).equals("-p")) ? a.get(1) : null;
        if (name == null || !c.via().isEmpty() || !name.matches("[A-Za-z0-9._+-]{1,64}")) {
            return null;
        }
        return "/usr/bin/" + name;
    }

    /**
     * What {@code ls PATTERN...} prints when every operand is a glob: the paths the patterns
     * match, which Warden reads as the patterns themselves (one per line). Null for anything
     * else: a directory's listing is bare names, and options may change what is printed.
     */
    private static @Nullable String listed(Command c) {
        if (!c.via().isEmpty() || !dev.warden.analysis.Invocation.normalise(c.program()).equals("ls")) {
            return null;
        }
        List<String> ops = new ArrayList<>(2);
        for (String a : c.args()) {
            if (a.startsWith("-")) {
                if (!a.matches("-[1dAartS]+")) {
                    return null;
                }
            } else if (a.indexOf('*') >= 0 || a.indexOf('?') >= 0 || a.indexOf('[') >= 0) {
                ops.add(a);
            } else {
                return null;
            }
        }
        return ops.isEmpty() ? null : String.join("\n", ops);
    }

    private static boolean locator(Command c) {
        String p = dev.warden.analysis.Invocation.normalise(c.program());
        List<String> a = c.args();
        String first = a.isEmpty() ? "" : a.get(0);
        return switch (p) {
            case "pwd", "dirname", "realpath", "readlink" -> true;
            case "git" -> a.contains("rev-parse");
            case "npm", "pnpm", "yarn" -> first.equals("bin") || first.equals("root") || first.equals("prefix");
            case "go" -> first.equals("env");
            case "brew" -> first.equals("--prefix") || first.equals("--repository");
            case "xcode-select" -> first.equals("-p") || first.equals("--print-path");
            case "rustc" -> first.equals("--print");
            default -> false;
        };
    }


    void pipeToShell(int taint, String evidence, String what) {
        if ((taint & Payloads.DECODE) != 0) {
            finding(Findings.PIPE_TO_SHELL, Severity.CRITICAL, what + " a decoded payload", evidence,
                    Findings.PIPE_HINT);
        } else if ((taint & Payloads.DOWNLOAD) != 0) {
            finding(Findings.PIPE_TO_SHELL, Severity.HIGH, what + " downloaded content", evidence,
                    Findings.PIPE_HINT);
        } else if ((taint & Payloads.SETUP) != 0) {
            finding(Findings.PIPE_TO_SHELL, Severity.LOW, what + " shell set-up code generated by a tool", evidence,
                    Findings.PIPE_HINT);
        } else {
            finding(Findings.PIPE_TO_SHELL, Severity.MEDIUM, what + " input that is not visible here", evidence,
                    Findings.PIPE_HINT);
        }
    }

    // ---------------------------------------------------------------- expansion

    /**
     * Expands a word. With {@code split}, brace expansion and field splitting apply and the
     * result may have any number of fields; without, exactly one field comes back.
     */
    List<Arg> expand(Word w, Ctx ctx, boolean split) {
        if (split && w.braces()) {
            List<List<Part>> alts = Braces.expand(w.parts(), budget);
            if (alts.size() != 1) {
                List<Arg> out = new ArrayList<>();
                for (List<Part> alt : alts) {
                    Fields f = new Fields(true, ctx.env());
                    for (Part p : alt) {
                        part(p, f, ctx);
                    }
                    f.end();
                    out.addAll(f.out);
                    if (out.size() > Budget.MAX_FIELDS) {
                        throw new Budget.Exceeded("a word expands to more than " + Budget.MAX_FIELDS + " words");
                    }
                }
                return out;
            }
        }
        // fast path: one literal part
        if (w.parts().size() == 1 && w.parts().get(0) instanceof Lit l && (l.quoted() || !split || !w.braces())) {
            return List.of(Arg.of(l.text()));
        }
        Fields f = new Fields(split, ctx.env());
        for (Part p : w.parts()) {
            part(p, f, ctx);
        }
        f.end();
        if (!split && f.out.isEmpty()) {
            return List.of(Arg.of(""));
        }
        return f.out;
    }

    private void part(Part p, Fields f, Ctx ctx) {
        budget.step();
        switch (p) {
            case Lit l -> f.literal(l.text(), l.quoted());
            case Param pr -> param(pr, f, ctx);
            case Sub s -> {
                int before = commands.size();
                budget.enter();
                byte[] out = run(s.body(), ctx.withStdin(null).withEnv(ctx.env().copy()).withRedirsCleared());
                budget.exit();
                int taint = Payloads.SUBST;
                for (int k = before; k < commands.size(); k++) {
                    taint |= kinds.get(k);
                }
                if (commands.size() == before + 1 && Payloads.shellSetup(commands.get(before))) {
                    taint |= Payloads.SETUP;
                }
                String made = commands.size() == before + 1 ? mktemp(commands.get(before)) : null;
                if (made != null) {
                    // $(mktemp -d): a new, empty temporary file or directory; not a value to distrust
                    f.value(made, s.quoted(), taint & ~Payloads.SUBST);
                } else if (out != null && out.length <= Budget.MAX_VALUE) {
                    String text = Payloads.text(out);
                    int e = text.length();
                    while (e > 0 && text.charAt(e - 1) == '\n') {
                        e--;
                    }
                    f.value(text.substring(0, e), s.quoted(), taint);
                } else if (commands.size() == before + 1 && located(commands.get(before)) != null) {
                    // $(which rm), $(command -v bash): where the program is installed
                    f.value(located(commands.get(before)), s.quoted(), taint & ~Payloads.SUBST);
                } else if (commands.size() == before + 1 && listed(commands.get(before)) != null) {
                    // $(ls ~/.ssh/id_*): the names the patterns match, each standing for what it matches
                    f.value(listed(commands.get(before)), s.quoted(), taint);
                } else {
                    boolean locates = commands.size() == before + 1 && locator(commands.get(before));
                    f.dynamic(s.text(), taint, s.quoted(), s.quoted() && locates);
                }
            }
            case Arith a -> {
                List<Arg> in = expand(a.inner(), ctx, false);
                if (!in.isEmpty()) {
                    arithmetic(in.get(0).value(), ctx, a.text(), 0);
                }
                f.dynamic(a.text(), 0, true, false);
            }
            case ProcSub ps -> {
                if (ps.direction() == '>') {
                    // >(sh): the body reads what the command around it writes there, known only
                    // once that command is read (see simple())
                    pending.add(new PendingOut(ps.body(), ctx.withEnv(ctx.env().copy()).withRedirsCleared(), ps.text()));
                    f.procsub(ps.text(), Payloads.PROCSUB);
                    return;
                }
                int before = commands.size();
                budget.enter();
                byte[] out = run(ps.body(), ctx.withStdin(null).withEnv(ctx.env().copy()).withRedirsCleared());
                budget.exit();
                int taint = Payloads.PROCSUB;
                for (int k = before; k < commands.size(); k++) {
                    taint |= kinds.get(k);
                }
                if (commands.size() == before + 1 && Payloads.shellSetup(commands.get(before))) {
                    taint |= Payloads.SETUP;
                }
                procsubs.put(ps.text(), new Written(out, taint, ps.text()));
                f.procsub(ps.text(), taint);
            }
        }
    }

    /** The element at a literal index, counted from the end when negative; "" past the end; null when not a number. */
    private static @Nullable String element(List<String> arr, String idx) {
        try {
            int i = Integer.parseInt(idx.strip());
            int at = i < 0 ? arr.size() + i : i;
            return at >= 0 && at < arr.size() ? arr.get(at) : "";
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code ${a[@]:OFFSET[:LENGTH]}} of known literal numbers (negative from the end), or null. */
    private static @Nullable List<String> slice(List<String> arr, @Nullable String spec) {
        if (spec == null || spec == Env.UNKNOWN) {
            return null;
        }
        String[] parts = spec.split(":", -1);
        try {
            int offset = Integer.parseInt(parts[0].strip());
            int from = offset < 0 ? Math.max(0, arr.size() + offset) : Math.min(offset, arr.size());
            int to = arr.size();
            if (parts.length > 1) {
                int length = Integer.parseInt(parts[1].strip());
                to = length < 0 ? Math.max(from, arr.size() + length) : Math.min(arr.size(), from + length);
            }
            return parts.length > 2 ? null : arr.subList(from, to);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void param(Param p, Fields f, Ctx ctx) {
        Env env = ctx.env();
        String name = env.resolve(p.name());
        if (!name.equals(p.name()) && p.op().isEmpty() && p.index() == null) {
            // a nameref: "$r" is "$HOME"
            p = new Param(name, "", null, null, p.quoted(), "${" + name + "}");
        }
        if (p.index() != null) {
            List<Arg> idx = expand(p.index(), ctx, false);
            if (!idx.isEmpty() && !idx.get(0).value().equals("@") && !idx.get(0).value().equals("*")) {
                arithmetic(idx.get(0).value(), ctx, p.text(), 0);
            }
        }
        // "$@", "${a[@]}": several fields
        if (p.op().isEmpty() && (name.equals("@") || name.equals("*")) && p.index() == null) {
            List<String> pos = env.positional;
            if (pos != null && !pos.contains(Env.UNKNOWN)) {
                List<String> args = pos.subList(Math.min(1, pos.size()), pos.size());
                // positional parameters hold words written literally at the call (f rm x,
                // sh -c '"$@"' _ rm x): a program named there is not built here
                f.written = true;
                f.many(args, p.quoted(), name.equals("*"));
                f.written = false;
                return;
            }
            f.dynamic(p.text(), 0);
            return;
        }
        if (p.index() != null && p.op().isEmpty()) {
            List<String> arr = env.array(name);
            String idx = p.index().literal();
            if (arr != null && idx != null) {
                if (idx.equals("@") || idx.equals("*")) {
                    f.many(arr, p.quoted(), idx.equals("*"));
                    return;
                }
                String element = element(arr, idx);
                if (element != null) {
                    f.value(element, p.quoted(), 0);
                    return;
                }
            }
            f.dynamic(p.text(), 0);
            return;
        }
        String v;
        if (p.index() != null) {
            // ${a[1]%x}, ${a[-1]#*/}, ${a[@]:1}: the operator applies to the element or the elements
            List<String> arr = env.array(name);
            String idx = p.index().literal();
            if (arr != null && idx != null && (idx.equals("@") || idx.equals("*")) && p.op().equals("len")) {
                f.value(String.valueOf(arr.size()), p.quoted(), 0); // ${#a[@]}: how many elements
                return;
            }
            if (arr != null && idx != null && (idx.equals("@") || idx.equals("*")) && p.op().equals(":")) {
                List<String> slice = slice(arr, p.arg() == null ? null : expandArg(p, ctx));
                if (slice != null) {
                    f.many(slice, p.quoted(), idx.equals("*"));
                    return;
                }
            }
            String element = arr == null || idx == null ? null : element(arr, idx);
            if (element == null) {
                f.dynamic(p.text(), 0);
                return;
            }
            v = element;
        } else {
            v = lookup(name, env);
        }
        String op = p.op();
        f.written = op.isEmpty() && !name.isEmpty() && Character.isDigit(name.charAt(0)) && v != Env.UNKNOWN;
        String result;
        switch (op) {
            case "" -> result = v;
            case "len" -> result = v == null || v == Env.UNKNOWN ? Env.UNKNOWN : String.valueOf(v.length());
            case "!" -> {
                if (v != null && v != Env.UNKNOWN) {
                    subscript(v, ctx, p.text(), "an indirect expansion");
                } else if (v == Env.UNKNOWN) {
                    // ${!v} with v read at run time (compgen -v | while read v): any variable's value, the
                    // secrets in the environment among them, as printenv prints them
                    emitFinal(List.of(Arg.of("printenv")), List.of(), p.text(), ctx.via("${!" + name + "}", false));
                }
                String target = v == null || v == Env.UNKNOWN || !Reader.isName(v) ? null : lookup(v, env);
                result = target == null ? Env.UNKNOWN : target;
            }
            case ":-", "-", ":=", "=" -> {
                boolean useDefault = v == null || (op.startsWith(":") && v.isEmpty());
                if (v == Env.UNKNOWN) {
                    result = Env.UNKNOWN;
                    expandArg(p, ctx);
                } else if (useDefault && !op.endsWith("=") && p.arg() != null) {
                    // the default word keeps its own quoting: ${y:-"a b"} is one field
                    for (Part q : p.arg().parts()) {
                        part(q, f, ctx);
                    }
                    return;
                } else if (useDefault) {
                    result = expandArg(p, ctx);
                    if (op.endsWith("=") && result != null) {
                        env.set(name, result);
                    }
                } else {
                    result = v;
                }
            }
            case ":+", "+" -> {
                if (v == Env.UNKNOWN) {
                    result = Env.UNKNOWN;
                    expandArg(p, ctx);
                } else if (v == null || (op.startsWith(":") && v.isEmpty())) {
                    result = "";
                } else if (p.arg() != null) {
                    for (Part q : p.arg().parts()) {
                        part(q, f, ctx);
                    }
                    return;
                } else {
                    result = expandArg(p, ctx);
                }
            }
            case ":?", "?" -> {
                expandArg(p, ctx);
                result = v == null ? Env.UNKNOWN : v;
            }
            default -> {
                String arg = expandArg(p, ctx);
                if (op.equals("@") && "P".equals(arg) && v != null && v != Env.UNKNOWN
                        && (v.contains("$(") || v.contains("`"))) {
                    // ${x@P} expands x as a prompt: its command substitutions run
                    finding(Findings.OBFUSCATED, Severity.HIGH, "'" + p.text()
                            + "' expands the variable as a prompt, which runs the command substitutions in its value",
                            v, "run the command plainly instead of through a prompt expansion");
                    runScript("echo \"" + v.replace("\"", "\\\"") + "\"", ctx.via("${@P}", false).withStdin(null)
                            .withRedirsCleared(), "the prompt expansion of " + name);
                }
                if (op.equals(":") && arg != null) {
                    // ${y:x}, ${a[@]:x:n}: the offset and length are arithmetic expressions
                    for (String e : arg.split(":", 2)) {
                        arithmetic(e.strip(), ctx, p.text(), 0);
                    }
                }
                if (op.startsWith("/") && arg != null && p.arg() != null && p.arg().text().indexOf('\\') >= 0) {
                    // ${d/\/a\/b/x}: an escaped slash belongs to the pattern, so the split between
                    // pattern and replacement is only known from the text as written
                    String[] pr = escapedPattern(p.arg().text());
                    result = v == null || v == Env.UNKNOWN || pr == null ? Env.UNKNOWN : Params.replace(v, op, pr[0], pr[1]);
                } else {
                    result = v == null || v == Env.UNKNOWN || arg == null ? Env.UNKNOWN : Params.apply(v, op, arg);
                }
            }
        }
        if (result == null || result == Env.UNKNOWN) {
            boolean ambient = op.isEmpty() && env.ambient(name);
            String text = p.text();
            if (!env.ambient(name) && v == Env.UNKNOWN
                    && dev.warden.analysis.PathResolver.TEMP_VARIABLES.contains(name)) {
                // TMP=$(something); rm -rf "$TMP": the script's value, not the machine's temporary
                // directory, which is how the rules read a bare $TMP
                text = "${" + name + ":+set-by-the-script}";
            }
            f.dynamic(text, 0, p.quoted() || ambient, ambient);
        } else {
            f.value(result, p.quoted(), 0);
        }
        f.written = false;
    }

    private @Nullable String lookup(String name, Env env) {
        if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
            List<String> pos = env.positional;
            if (pos == null) {
                return Env.UNKNOWN;
            }
            int i = Integer.parseInt(name.length() > 6 ? "999999" : name);
            return i < pos.size() ? pos.get(i) : "";
        }
        if (name.length() == 1 && "@*#?-$!".indexOf(name.charAt(0)) >= 0) {
            if (name.equals("#") && env.positional != null) {
                return String.valueOf(Math.max(0, env.positional.size() - 1));
            }
            return Env.UNKNOWN;
        }
        String v = env.get(name);
        if (v == Env.UNKNOWN && home != null && name.equals("HOME")) {
            return home; // f=$HOME/.aws/credentials; cat "$f": the home Warden was told, unless the script set another
        }
        if (v == Env.UNKNOWN && base != null && name.equals("PWD") && env.cds().isEmpty()) {
            return base; // p=$PWD; cat "${p%/project}/x": the directory the call starts in, before any cd
        }
        return v;
    }

    /** The operator word of {@code ${x op word}} as one string, or null when not literal. */
    /**
     * The pattern and replacement of {@code ${x/PATTERN/STRING}} written with backslashes: the
     * pattern's escaped slashes are literal slashes, and the first unescaped slash starts STRING.
     * Null (unknown) for text with quotes, expansions or wildcards.
     */
    private static String @Nullable [] escapedPattern(String raw) {
        StringBuilder pat = new StringBuilder();
        int i = 0;
        for (; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if ("'\"$`*?[".indexOf(c) >= 0) {
                return null;
            }
            if (c == '\\' && i + 1 < raw.length()) {
                pat.append(raw.charAt(++i));
            } else if (c == '/') {
                break;
            } else {
                pat.append(c);
            }
        }
        StringBuilder rep = new StringBuilder();
        for (int k = i + 1; k < raw.length(); k++) {
            char c = raw.charAt(k);
            if ("'\"$`".indexOf(c) >= 0) {
                return null;
            }
            rep.append(c == '\\' && k + 1 < raw.length() ? raw.charAt(++k) : c);
        }
        return new String[] {pat.toString(), rep.toString()};
    }

    private @Nullable String expandArg(Param p, Ctx ctx) {
        if (p.arg() == null) {
            return "";
        }
        List<Arg> v = expand(p.arg(), ctx, false);
        if (v.isEmpty()) {
            return "";
        }
        return v.get(0).dynamic() ? null : v.get(0).value();
    }

    /** Builds the fields of one word: literal text, field splitting of unquoted expansions. */
    private final class Fields {
        final List<Arg> out = new ArrayList<>(1);
        private final boolean split;
        private final Env env;
        private final StringBuilder sb = new StringBuilder();
        private boolean started;
        private boolean dynamic;
        private boolean literal;
        private int taint;
        /** The length of {@link #sb} after the last character an expansion put there; 0 for none. */
        private int expandedTo;
        /** The current field starts or ends where an expansion was split into fields. */
        private boolean splitHere;
        /** The value being added was written literally elsewhere (a positional parameter). */
        boolean written;
        /** The length of {@link #sb} after the last unknown expansion. */
        private int dynamicTo;
        /** An unknown expansion in the current field may split into several words. */
        private boolean splittable;
        /** An unknown expansion in the current field is not a known place. */
        private boolean unplaced;

        Fields(boolean split, Env env) {
            this.split = split;
            this.env = env;
        }

        void literal(String s, boolean quoted) {
            sb.append(s);
            if (quoted || !s.isEmpty()) {
                started = true;
            }
            literal |= !s.isEmpty();
        }

        void dynamic(String text, int t) {
            dynamic(text, t, false, false);
        }

        /**
         * An expansion whose value is unknown. {@code whole}: it cannot split into several words
         * (quoted, or a variable the agent's environment sets), so a literal name after it is the
         * program's name. {@code knownPlace}: it names a directory the agent did not make up (such
         * a variable, or a quoted locator like {@code "$(git rev-parse --show-toplevel)"}); a
         * directory computed in the script ({@code d=$(mktemp -d); "$d/x"}) is not one.
         */
        void dynamic(String text, int t, boolean whole, boolean knownPlace) {
            budget.step(text.length());
            sb.append(text);
            started = true;
            dynamic = true;
            taint |= t;
            expandedTo = sb.length();
            dynamicTo = sb.length();
            splittable |= !whole;
            unplaced |= !knownPlace;
        }

        void procsub(String text, int t) {
            sb.append(text);
            started = true;
            literal = true;
            taint |= t;
        }

        /** A known expansion result: split on IFS when unquoted. */
        void value(String v, boolean quoted, int t) {
            budget.step(v.length());
            taint |= t;
            if (quoted || !split) {
                sb.append(v);
                started = true;
                literal = true;
                if (!v.isEmpty() && !written) {
                    expandedTo = sb.length();
                }
                return;
            }
            String ifs = env.get("IFS");
            if (ifs == null || ifs == Env.UNKNOWN) {
                ifs = " \t\n";
            }
            if (ifs.isEmpty()) {
                sb.append(v);
                if (!v.isEmpty()) {
                    started = true;
                    literal = true;
                    if (!written) {
                        expandedTo = sb.length();
                    }
                }
                return;
            }
            int n = v.length();
            int i = 0;
            while (i < n) {
                char c = v.charAt(i);
                if (ifs.indexOf(c) >= 0) {
                    boolean white = c == ' ' || c == '\t' || c == '\n';
                    splitHere |= !written;
                    if (white) {
                        end();
                        taint |= t;
                        while (i + 1 < n && ifs.indexOf(v.charAt(i + 1)) >= 0
                                && (v.charAt(i + 1) == ' ' || v.charAt(i + 1) == '\t' || v.charAt(i + 1) == '\n')) {
                            i++;
                        }
                    } else {
                        started = true;
                        end();
                        taint |= t;
                    }
                    splitHere |= !written;
                } else {
                    sb.append(c);
                    started = true;
                    literal = true;
                    if (!written) {
                        expandedTo = sb.length();
                    }
                }
                i++;
            }
        }

        /** "$@"-like: each element its own field when quoted (or split when unquoted). */
        void many(List<String> items, boolean quoted, boolean star) {
            if (quoted && star) {
                // "${x[*]}", "$*": joined by the first character of IFS (nothing when IFS is empty)
                String ifs = env.get("IFS");
                String sep = ifs == null || ifs == Env.UNKNOWN ? " " : ifs.isEmpty() ? "" : ifs.substring(0, 1);
                value(String.join(sep, items), true, 0);
                return;
            }
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    end();
                }
                value(items.get(i), quoted, 0);
            }
        }

        void end() {
            if (started) {
                // an expansion wrote part of the program's own name (after the last '/'), or
                // split the word into fields: the name was built, not written
                if (splitHere || expandedTo > sb.lastIndexOf("/") + 1) {
                    taint |= Payloads.COMPUTED;
                }
                // "$DIR"/bin/tool, $HOME/.cargo/bin/cargo: only the directory is unknown
                int slash = sb.lastIndexOf("/");
                if (dynamic && !splittable && slash >= dynamicTo && slash + 1 < sb.length()) {
                    taint |= unplaced ? Payloads.DYNAMIC_DIR : Payloads.DYNAMIC_DIR | Payloads.KNOWN_PLACE;
                }
                out.add(new Arg(sb.toString(), dynamic, dynamic && !literal, taint));
                if (out.size() > Budget.MAX_FIELDS) {
                    throw new Budget.Exceeded("a word expands to more than " + Budget.MAX_FIELDS + " words");
                }
            }
            sb.setLength(0);
            started = false;
            dynamic = false;
            literal = false;
            taint = 0;
            expandedTo = 0;
            splitHere = false;
            dynamicTo = 0;
            splittable = false;
            unplaced = false;
        }
    }
}
