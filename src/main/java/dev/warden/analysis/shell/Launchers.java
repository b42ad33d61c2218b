package dev.warden.analysis.shell;

import dev.warden.analysis.shell.Evaluator.Arg;
import dev.warden.analysis.shell.Evaluator.Ctx;
import dev.warden.analysis.shell.Unwrapper.Opts;
import dev.warden.call.Command.Redirect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Project and developer-tool launchers: environment managers that run a command inside their
 * environment ({@code uv run}, {@code poetry run}, {@code pdm run}, {@code hatch run},
 * {@code conda run}, {@code bundle exec}, {@code devbox run}, {@code mise exec}, {@code nix-shell
 * --run}), runners of shell text ({@code hyperfine}, {@code watchexec}, {@code pee},
 * {@code concurrently}, {@code nodemon --exec}), wrappers ({@code dotenv --}, {@code shx}),
 * debuggers told to run their program ({@code lldb -o run -- PROG}), Maven's
 * {@code exec:exec}, packages that are other commands under a new name ({@code del-cli} is
 * {@code rm -rf}), inline TypeScript ({@code tsx -e}, {@code ts-node -e}) and zx scripts
 * ({@code $`cmd`} runs cmd), and {@code deno run npm:PKG}.
 *
 * <p>Design note. Each launcher is reported as itself first (its own pack may judge it:
 * {@code bundle exec rake db:drop}, {@code uv run --with pkg}), and what it runs is then read
 * as a command or a script of its own, labelled with the launcher, so {@code poetry run rm -rf ~}
 * is judged as {@code rm -rf ~}. Option tables only need to find the operand; an unknown option
 * is taken as a flag, so at worst its value is read as the program (reading a harmless word
 * costs nothing).
 */
final class Launchers {

    private final Evaluator ev;
    private final Unwrapper un;

    Launchers(Evaluator ev, Unwrapper un) {
        this.ev = ev;
        this.un = un;
    }

    /** Reads {@code prog} when it is one of these launchers; false otherwise (nothing reported). */
    boolean read(String prog, List<Arg> a, List<Redirect> redirs, String text, Ctx ctx,
            @Nullable Map<String, String> env) {
        int n = a.size();
        String sub = n > 1 ? a.get(1).value() : "";
        switch (prog) {
            case "uv" -> {
                int s = Opts.scan(a, 1, "", UV_GLOBAL).index;
                if (s >= n || !a.get(s).value().equals("run")) {
                    return false;
                }
                Opts o = Opts.scan(a, s + 1, "pw", UV_RUN);
                Ctx in = Unwrapper.inDirectory(ctx, Unwrapper.optionValue(a, s + 1, o.index, '\0', "directory"));
                if (o.has('m') || o.hasLong("module")) {
                    List<Arg> py = new ArrayList<>(List.of(Arg.of("python"), Arg.of("-m")));
                    py.addAll(a.subList(o.index, n));
                    return rest(a, py, redirs, text, in, "uv run", env);
                }
                return rest(a, o.index, redirs, text, in, "uv run", env);
            }
            case "poetry" -> {
                int s = Opts.scan(a, 1, "CP", Set.of("directory", "project")).index;
                if (s >= n || !a.get(s).value().equals("run")) {
                    return false;
                }
                Opts o = Opts.scan(a, s + 1, "CP", Set.of("directory", "project"));
                return rest(a, o.index, redirs, text, ctx, "poetry run", env);
            }
            case "pdm" -> {
                int s = Opts.scan(a, 1, "p", Set.of("project", "config")).index;
                if (s >= n || !a.get(s).value().equals("run")) {
                    return false;
                }
                Opts o = Opts.scan(a, s + 1, "p", Set.of("project", "venv"));
                return rest(a, o.index, redirs, text, ctx, "pdm run", env);
            }
            case "hatch" -> {
                int s = Opts.scan(a, 1, "ep", Set.of("env", "project", "data-dir", "cache-dir", "config")).index;
                if (s >= n || !a.get(s).value().equals("run")) {
                    return false;
                }
                Opts o = Opts.scan(a, s + 1, "e", Set.of("env"));
                if (o.index < n) {
                    // hatch run ENV:CMD runs CMD in the environment ENV
                    List<Arg> cmd = new ArrayList<>(a.subList(o.index, n));
                    Arg first = cmd.get(0);
                    int colon = first.value().indexOf(':');
                    if (colon > 0 && first.value().indexOf('/') < 0) {
                        cmd.set(0, Unwrapper.cut(first, colon + 1));
                    }
                    return rest(a, cmd, redirs, text, ctx, "hatch run", env);
                }
                return rest(a, n, redirs, text, ctx, "hatch run", env);
            }
            case "conda", "mamba", "micromamba" -> {
                if (!sub.equals("run")) {
                    return false;
                }
                Opts o = Opts.scan(a, 2, "npraeC", Set.of("name", "prefix", "cwd", "root-prefix", "attach", "env",
                        "label", "rc-file"));
                Ctx in = Unwrapper.inDirectory(ctx, Unwrapper.optionValue(a, 2, o.index, '\0', "cwd"));
                return rest(a, o.index, redirs, text, in, prog + " run", env);
            }
            case "bundle", "bundler" -> {
                if (!sub.equals("exec") && !sub.equals("ex")) {
                    return false;
                }
                return rest(a, Opts.scan(a, 2, "", Set.of("gemfile")).index, redirs, text, ctx, "bundle exec", env);
            }
            case "devbox" -> {
                if (!sub.equals("run")) {
                    return false;
                }
                Opts o = Opts.scan(a, 2, "ce", Set.of("config", "env", "env-file", "environment"));
                return rest(a, o.index, redirs, text, ctx, "devbox run", env);
            }
            case "mise", "rtx" -> {
                if (!sub.equals("exec") && !sub.equals("x")) {
                    return false;
                }
                return mise(a, redirs, text, ctx, env, prog + " " + sub);
            }
            case "asdf" -> {
                if (!sub.equals("exec")) {
                    return false;
                }
                return rest(a, 2, redirs, text, ctx, "asdf exec", env);
            }
            case "nix-shell" -> {
                return shellTextOption(a, redirs, text, ctx, Set.of("--run", "--command"), "nix-shell --run");
            }
            case "nix" -> {
                // nix develop / nix shell PKGS -c CMD ARGS: CMD runs in the environment
                if (!sub.equals("develop") && !sub.equals("shell")) {
                    return false;
                }
                for (int i = 2; i < n; i++) {
                    String t = a.get(i).value();
                    if (t.equals("-c") || t.equals("--command")) {
                        return rest(a, i + 1, redirs, text, ctx, "nix " + sub + " -c", env);
                    }
                }
                return false;
            }
            case "entr" -> entr(a, redirs, text, ctx);
            case "gdb", "cuda-gdb" -> {
                gdbArgs(a, text, ctx);
                return false; // gdb itself (and its -ex shell commands) is read with the other tools
            }
            case "hyperfine" -> hyperfine(a, redirs, text, ctx);
            case "watchexec" -> watchexec(a, redirs, text, ctx);
            case "pee" -> {
                ev.emitFinal(a, redirs, text, ctx);
                for (int i = 1; i < n; i++) {
                    if (!a.get(i).value().startsWith("--")) {
                        script(a.get(i), ctx.via("pee", false), "pee", text);
                    }
                }
            }
            case "lldb" -> lldb(a, redirs, text, ctx);
            case "mispipe" -> {
                // moreutils: mispipe CMD1 CMD2 runs "CMD1 | CMD2" with sh
                ev.emitFinal(a, redirs, text, ctx);
                for (int i = 1; i < n; i++) {
                    script(a.get(i), ctx.via("mispipe", false), "mispipe", text);
                }
            }
            case "buildah" -> {
                // buildah unshare [-m SRC:DEST] CMD: CMD runs here, as root of a user namespace
                if (!sub.equals("unshare")) {
                    return false;
                }
                return rest(a, Opts.scan(a, 2, "m", Set.of("mount")).index, redirs, text, ctx, "buildah unshare", env);
            }
            case "mvn", "mvnw" -> {
                return maven(a, redirs, text, ctx);
            }
            case "concurrently", "conc" -> concurrently(a, redirs, text, ctx);
            case "nodemon" -> {
                ev.emitFinal(a, redirs, text, ctx);
                for (int i = 1; i < n; i++) {
                    String t = a.get(i).value();
                    if ((t.equals("--exec") || t.equals("-x")) && i + 1 < n) {
                        script(a.get(++i), ctx.via("nodemon --exec", false), "nodemon --exec", text);
                    } else if (t.startsWith("--exec=")) {
                        script(Unwrapper.cut(a.get(i), 7), ctx.via("nodemon --exec", false), "nodemon --exec", text);
                    }
                }
            }
            case "dotenv", "dotenv-cli" -> {
                Opts o = Opts.scan(a, 1, "evcp", Set.of());
                return rest(a, o.index, redirs, text, ctx, prog, env);
            }
            case "shx" -> {
                return rest(a, Opts.scan(a, 1, "", Set.of()).index, redirs, text, ctx, "shx", env);
            }
            case "del-cli", "del" -> {
                // del-cli deletes the files and directories it is given, recursively: rimraf
                ev.emitFinal(a, redirs, text, ctx);
                List<Arg> rm = new ArrayList<>();
                rm.add(Arg.of("rimraf"));
                for (int i = 1; i < n; i++) {
                    if (!a.get(i).value().startsWith("-")) {
                        rm.add(a.get(i));
                    }
                }
                if (rm.size() > 1) {
                    ev.emitFinal(rm, List.of(), text, ctx.via(prog, false));
                }
            }
            case "tsx", "ts-node", "ts-node-esm", "esno", "esbuild-register" -> {
                return typescript(a, redirs, text, ctx, prog);
            }
            case "zx" -> zx(a, redirs, text, ctx);
            case "deno" -> {
                return denoNpm(a, redirs, text, ctx, env);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Reports the launcher, then continues with its operand at {@code i} (nothing more when there is none). */
    private boolean rest(List<Arg> a, int i, List<Redirect> redirs, String text, Ctx ctx, String label,
            @Nullable Map<String, String> env) {
        return rest(a, i < a.size() ? new ArrayList<>(a.subList(i, a.size())) : List.of(), redirs, text, ctx, label,
                env);
    }

    private boolean rest(List<Arg> a, List<Arg> cmd, List<Redirect> redirs, String text, Ctx ctx, String label,
            @Nullable Map<String, String> env) {
        ev.emitFinal(a, redirs, text, ctx);
        if (!cmd.isEmpty()) {
            un.unwrap(new ArrayList<>(cmd), redirs, text, ctx.via(label, false), env);
        }
        return true;
    }

    private void script(Arg code, Ctx ctx, String label, String text) {
        un.script(code, ctx.withStdin(null).withRedirsCleared(), label, text, null);
    }

    private static final Set<String> UV_GLOBAL = Set.of("directory", "project", "cache-dir", "config-file", "color",
            "python-preference", "python-fetch", "allow-insecure-host");
    private static final Set<String> UV_RUN = Set.of("with", "with-editable", "with-requirements", "python",
            "package", "extra", "no-extra", "group", "no-group", "only-group", "env-file", "directory", "project",
            "index", "default-index", "index-url", "extra-index-url", "find-links", "index-strategy",
            "keyring-provider", "resolution", "prerelease", "fork-strategy", "exclude-newer", "config-setting",
            "no-build-isolation-package", "no-binary-package", "no-build-package", "link-mode", "reinstall-package",
            "upgrade-package", "refresh-package", "cache-dir", "config-file", "color", "python-platform",
            "python-preference", "allow-insecure-host", "exclude-newer-package");

    /**
     * {@code mise exec [TOOL@VERSION...] -- CMD...} and {@code mise exec -c 'CMD'}: without
     * {@code --} the words are tools to install, and mise starts a shell.
     */
    private boolean mise(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx, @Nullable Map<String, String> env,
            String label) {
        int n = a.size();
        Arg dir = null;
        for (int i = 2; i < n; i++) {
            String t = a.get(i).value();
            if (t.equals("--")) {
                return rest(a, i + 1, redirs, text, Unwrapper.inDirectory(ctx, dir), label, env);
            }
            if ((t.equals("-c") || t.equals("--command")) && i + 1 < n) {
                ev.emitFinal(a, redirs, text, ctx);
                script(a.get(i + 1), Unwrapper.inDirectory(ctx, dir).via(label + " -c", false), label + " -c", text);
                return true;
            }
            if (t.startsWith("--command=")) {
                ev.emitFinal(a, redirs, text, ctx);
                script(Unwrapper.cut(a.get(i), 10), Unwrapper.inDirectory(ctx, dir).via(label + " -c", false),
                        label + " -c", text);
                return true;
            }
            if ((t.equals("-C") || t.equals("--cd")) && i + 1 < n) {
                dir = a.get(++i);
            }
        }
        return false;
    }

    /** A tool whose option ({@code nix-shell --run CMD}) is shell text; false when none is given. */
    private boolean shellTextOption(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx, Set<String> options,
            String label) {
        List<Arg> codes = new ArrayList<>();
        for (int i = 1; i < a.size(); i++) {
            String t = a.get(i).value();
            int eq = t.indexOf('=');
            if (options.contains(t) && i + 1 < a.size()) {
                codes.add(a.get(++i));
            } else if (eq > 0 && options.contains(t.substring(0, eq))) {
                codes.add(Unwrapper.cut(a.get(i), eq + 1));
            }
        }
        if (codes.isEmpty()) {
            return false;
        }
        ev.emitFinal(a, redirs, text, ctx);
        for (Arg c : codes) {
            script(c, ctx.via(label, false), label, text);
        }
        return true;
    }

    // ---------------------------------------------------------------- benchmark and watch runners

    private static final Set<String> HYPERFINE_COMMANDS = Set.of("setup", "prepare", "cleanup", "conclude",
            "reference");
    private static final Map<Character, String> HYPERFINE_SHORT = Map.of('s', "setup", 'p', "prepare", 'c',
            "cleanup", 'w', "warmup", 'm', "min-runs", 'M', "max-runs", 'r', "runs", 'S', "shell", 'u', "time-unit",
            'n', "command-name");
    private static final Set<String> HYPERFINE_VALUED = Set.of("warmup", "min-runs", "max-runs", "runs", "shell",
            "time-unit", "command-name", "style", "sort", "export-asciidoc", "export-csv", "export-json",
            "export-markdown", "export-orgmode", "output", "input", "parameter-step-size", "setup", "prepare",
            "cleanup", "conclude", "reference", "min-benchmarking-time");

    /**
     * {@code hyperfine [options] CMD...}: every operand is a command line run by the shell (or
     * split into words with {@code -N}), as are {@code --setup}, {@code --prepare},
     * {@code --cleanup}, {@code --conclude} and {@code --reference}.
     */
    private void hyperfine(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx) {
        ev.emitFinal(a, redirs, text, ctx);
        Ctx in = ctx.via("hyperfine", false);
        int n = a.size();
        boolean operands = false;
        for (int i = 1; i < n; i++) {
            String t = a.get(i).value();
            if (!operands && t.equals("--")) {
                operands = true;
                continue;
            }
            if (operands || !t.startsWith("-") || t.length() == 1) {
                script(a.get(i), in, "hyperfine", text);
                continue;
            }
            String name;
            Arg value = null;
            if (t.startsWith("--")) {
                int eq = t.indexOf('=');
                name = eq < 0 ? t.substring(2) : t.substring(2, eq);
                if (eq > 0) {
                    value = Unwrapper.cut(a.get(i), eq + 1);
                }
            } else {
                name = HYPERFINE_SHORT.getOrDefault(t.charAt(1), "");
                if (t.length() > 2 && !name.isEmpty()) {
                    value = Unwrapper.cut(a.get(i), 2);
                }
                if (t.equals("-P")) {
                    i += 3; // --parameter-scan VAR MIN MAX
                    continue;
                }
                if (t.equals("-L") || t.equals("-D")) {
                    i += t.equals("-L") ? 2 : 1;
                    continue;
                }
            }
            if (name.equals("parameter-scan")) {
                i += 3;
                continue;
            }
            if (name.equals("parameter-list")) {
                i += 2;
                continue;
            }
            if (value == null && HYPERFINE_VALUED.contains(name) && i + 1 < n) {
                value = a.get(++i);
            }
            if (value != null && HYPERFINE_COMMANDS.contains(name)) {
                script(value, in, "hyperfine --" + name, text);
            }
        }
    }

    private static final Set<String> WATCHEXEC_VALUED_SHORT = Set.of("-w", "-W", "-F", "-e", "-f", "-j", "-i", "-s",
            "-d", "-E", "-o", "-S", "-C");
    private static final Set<String> WATCHEXEC_VALUED = Set.of("watch", "watch-non-recursive", "watch-file", "exts",
            "filter", "filter-prog", "ignore", "ignore-file", "filter-file", "shell", "signal", "debounce",
            "delay-run", "env", "workdir", "stop-signal", "stop-timeout", "on-busy-update", "poll", "project-origin",
            "emit-events-to", "log-file", "color", "timeout", "fs-events", "socket", "wrap-process", "notify");

    /**
     * {@code watchexec [options] [--] CMD...}: the command words are joined and run by the shell
     * ({@code --shell=none}/{@code -n} runs them directly, which reads the same) on every change.
     */
    private void watchexec(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx) {
        ev.emitFinal(a, redirs, text, ctx);
        int n = a.size();
        int i = 1;
        Arg dir = null;
        while (i < n) {
            String t = a.get(i).value();
            if (t.equals("--")) {
                i++;
                break;
            }
            if (!t.startsWith("-") || t.length() == 1) {
                break;
            }
            if (t.startsWith("--")) {
                int eq = t.indexOf('=');
                String name = eq < 0 ? t.substring(2) : t.substring(2, eq);
                if (name.equals("workdir")) {
                    dir = eq > 0 ? Unwrapper.cut(a.get(i), eq + 1) : i + 1 < n ? a.get(i + 1) : null;
                }
                i += eq < 0 && WATCHEXEC_VALUED.contains(name) ? 2 : 1;
            } else {
                i += WATCHEXEC_VALUED_SHORT.contains(t) ? 2 : 1;
            }
        }
        if (i < n) {
            script(Unwrapper.join(a, i), Unwrapper.inDirectory(ctx, dir).via("watchexec", false), "watchexec", text);
        }
    }

    /**
     * {@code entr [-acdnprsz] UTILITY ARGS}: runs UTILITY with ARGS each time a file named on
     * standard input changes ({@code /_} is that file's name); with {@code -s} UTILITY is a
     * shell command line.
     */
    private void entr(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx) {
        ev.emitFinal(a, redirs, text, ctx);
        int n = a.size();
        int i = 1;
        boolean shell = false;
        while (i < n && a.get(i).value().startsWith("-") && a.get(i).value().length() > 1) {
            if (a.get(i).value().equals("--")) {
                i++;
                break;
            }
            shell |= a.get(i).value().indexOf('s') > 0;
            i++;
        }
        if (i >= n) {
            return;
        }
        Ctx in = ctx.via("entr", false).withStdin(null);
        if (shell) {
            script(a.get(i), in, "entr -s", text);
            return;
        }
        List<Arg> cmd = new ArrayList<>();
        for (Arg x : a.subList(i, n)) {
            cmd.add(x.value().equals("/_") ? new Arg("/_", true, true, x.taint()) : x);
        }
        un.unwrap(cmd, List.of(), text, in, null);
    }

    private static final Pattern GDB_RUN = Pattern.compile("\\s*(r|run|start|starti)(\\s.*)?", Pattern.DOTALL);

    /**
     * {@code gdb -ex run --args PROG ARGS}: a {@code run} (or {@code start}) command starts PROG
     * with ARGS, which is read as a command of its own. Without one, gdb only loads PROG.
     */
    private void gdbArgs(List<Arg> a, String text, Ctx ctx) {
        int n = a.size();
        boolean runs = false;
        for (int i = 1; i < n; i++) {
            String t = a.get(i).value();
            if (Set.of("-ex", "--ex", "-eval-command", "--eval-command").contains(t) && i + 1 < n) {
                runs |= GDB_RUN.matcher(a.get(++i).value()).matches();
            } else if (t.startsWith("--eval-command=") || t.startsWith("-eval-command=")) {
                runs |= GDB_RUN.matcher(t.substring(t.indexOf('=') + 1)).matches();
            } else if ((t.equals("--args") || t.equals("-args")) && runs && i + 1 < n) {
                un.unwrap(new ArrayList<>(a.subList(i + 1, n)), List.of(), text, ctx.via("gdb run", false), null);
                return;
            } else if (t.equals("--args") || t.equals("-args")) {
                return;
            }
        }
    }

    // ---------------------------------------------------------------- debuggers, build tools

    private static final Pattern LLDB_RUN = Pattern.compile("\\s*(r|run|process\\s+launch|pro\\w*\\s+la\\w*)(\\s.*)?",
            Pattern.DOTALL);
    private static final Pattern LLDB_SHELL = Pattern.compile("\\s*(?:platform\\s+shell|pla\\w*\\s+sh\\w*)\\s+(.*)",
            Pattern.DOTALL);
    private static final Set<String> LLDB_VALUED = Set.of("-o", "--one-line", "-O", "--one-line-before-file", "-k",
            "--one-line-on-crash", "-K", "--source-on-crash", "-s", "--source", "-S", "--source-before-file", "-a",
            "--arch", "-f", "--file", "-c", "--core", "-p", "--attach-pid", "-n", "--attach-name", "-l",
            "--script-language", "-L", "--repl-language", "-r", "--repl", "-R");

    /**
     * {@code lldb [-o CMD...] [--] PROG ARGS}: a {@code run}/{@code process launch} command
     * starts PROG with ARGS, and {@code platform shell CMD} runs CMD on the host.
     */
    private void lldb(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx) {
        ev.emitFinal(a, redirs, text, ctx);
        int n = a.size();
        boolean runs = false;
        Arg file = null;
        int prog = -1;
        for (int i = 1; i < n; i++) {
            String t = a.get(i).value();
            if (t.equals("--")) {
                prog = i + 1;
                break;
            }
            if (LLDB_VALUED.contains(t) && i + 1 < n) {
                Arg v = a.get(++i);
                if (t.startsWith("-o") || t.startsWith("-O") || t.startsWith("--one-line") || t.startsWith("-k")
                        || t.startsWith("--one-line-on")) {
                    runs |= LLDB_RUN.matcher(v.value()).matches();
                    Matcher m = LLDB_SHELL.matcher(v.value());
                    if (m.matches()) {
                        script(Unwrapper.cut(v, m.start(1)), ctx.via("lldb platform shell", false),
                                "lldb platform shell", text);
                    }
                }
                if (t.equals("-f") || t.equals("--file")) {
                    file = v;
                }
                continue;
            }
            if (!t.startsWith("-") && prog < 0) {
                prog = i;
                break;
            }
        }
        if (!runs) {
            return;
        }
        List<Arg> cmd = new ArrayList<>();
        if (file != null) {
            cmd.add(file);
        }
        if (prog >= 0 && prog < n) {
            cmd.addAll(a.subList(prog, n));
        }
        if (!cmd.isEmpty()) {
            un.unwrap(cmd, List.of(), text, ctx.via("lldb run", false), null);
        }
    }

    /**
     * {@code mvn exec:exec -Dexec.executable=PROG -Dexec.args='ARGS'}: the exec plugin runs PROG
     * with ARGS (split on blanks, quotes honoured); false when the call runs no such goal.
     */
    private boolean maven(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx) {
        boolean exec = false;
        Arg executable = null;
        Arg args = null;
        for (int i = 1; i < a.size(); i++) {
            Arg x = a.get(i);
            String t = x.value();
            if (t.equals("exec:exec") || t.startsWith("exec:exec@")
                    || t.startsWith("org.codehaus.mojo:exec-maven-plugin:") && t.endsWith(":exec")) {
                exec = true;
            }
            int d = t.startsWith("-D") ? 2 : -1;
            if (t.equals("-D") && i + 1 < a.size()) {
                x = a.get(++i);
                t = x.value();
                d = 0;
            }
            if (d < 0) {
                continue;
            }
            if (t.startsWith("exec.executable=", d)) {
                executable = Unwrapper.cut(x, d + 16);
            } else if (t.startsWith("exec.args=", d)) {
                args = Unwrapper.cut(x, d + 10);
            } else if (t.startsWith("exec.commandlineArgs=", d)) {
                args = Unwrapper.cut(x, d + 21);
            }
        }
        if (!exec || executable == null) {
            return false;
        }
        ev.emitFinal(a, redirs, text, ctx);
        String line = executable.value() + (args == null ? "" : " " + args.value());
        script(new Arg(line, executable.dynamic() || args != null && args.dynamic(),
                executable.opaque() && args == null, executable.taint() | (args == null ? 0 : args.taint())),
                ctx.via("mvn exec:exec", false), "mvn exec:exec", text);
        return true;
    }

    // ---------------------------------------------------------------- node tools

    private static final Set<String> CONCURRENTLY_VALUED = Set.of("-n", "--names", "--name-separator", "-c",
            "--prefix-colors", "-p", "--prefix", "-l", "--prefix-length", "-t", "--timestamp-format", "-s",
            "--success", "-m", "--max-processes", "--restart-tries", "--restart-after", "--default-input-target",
            "--hide", "--teardown", "--pad-prefix", "--handle-input");

    /**
     * {@code concurrently [options] CMD...}: each operand is a shell command line; {@code npm:x}
     * (and {@code yarn:}, {@code pnpm:}, {@code bun:}) is {@code npm run x}; {@code --teardown}
     * commands run at the end.
     */
    private void concurrently(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx) {
        ev.emitFinal(a, redirs, text, ctx);
        Ctx in = ctx.via("concurrently", false);
        int n = a.size();
        for (int i = 1; i < n; i++) {
            String t = a.get(i).value();
            if (t.startsWith("-") && t.length() > 1) {
                if (t.equals("--teardown") && i + 1 < n) {
                    script(a.get(++i), in, "concurrently --teardown", text);
                } else if (CONCURRENTLY_VALUED.contains(t) && t.indexOf('=') < 0) {
                    i++;
                }
                continue;
            }
            Arg cmd = a.get(i);
            Matcher m = RUNNER_SHORTHAND.matcher(t);
            if (m.matches()) {
                cmd = Unwrapper.cut(cmd, 0);
                cmd = new Arg(m.group(1) + " run " + m.group(2), cmd.dynamic(), false, cmd.taint());
            }
            script(cmd, in, "concurrently", text);
        }
    }

    private static final Pattern RUNNER_SHORTHAND = Pattern.compile("(npm|yarn|pnpm|bun|node):(\\S+)(?s).*");

    /**
     * {@code tsx -e CODE}, {@code ts-node -e CODE} ({@code --eval}, {@code -p}/{@code --print}):
     * the TypeScript is JavaScript to Warden's reading of inline code, so it is read as
     * {@code node -e}. False without inline code (a script file runs: nothing more to see).
     */
    private boolean typescript(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx, String prog) {
        int n = a.size();
        for (int i = 1; i < n; i++) {
            String t = a.get(i).value();
            Arg code = null;
            if (Set.of("-e", "--eval", "-p", "--print", "-pe").contains(t) && i + 1 < n) {
                code = a.get(i + 1);
            } else if (t.startsWith("--eval=") || t.startsWith("--print=")) {
                code = Unwrapper.cut(a.get(i), t.indexOf('=') + 1);
            } else if (!t.startsWith("-")) {
                break; // the script file: what follows are its arguments
            }
            if (code != null) {
                ev.emitFinal(a, redirs, text, ctx);
                List<Arg> node = new ArrayList<>(List.of(Arg.of("node"), Arg.of("-e"), code));
                un.unwrap(node, List.of(), text, ctx.via(prog + " -e", false).withStdin(null), null);
                return true;
            }
        }
        return false;
    }

    private static final Pattern ZX_TEMPLATE = Pattern.compile("\\$`((?:[^`\\\\]|\\\\.)*)`");

    /**
     * {@code zx} with its script on standard input (a here-string or a piped text) or in
     * {@code --eval}: every {@code $`cmd`} template runs {@code cmd} through the shell, and the
     * rest is JavaScript, read like {@code node -e}. An interpolated {@code ${x}} is a value
     * only known at run time.
     */
    private void zx(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx) {
        ev.emitFinal(a, redirs, text, ctx);
        String code = null;
        boolean file = false;
        for (int i = 1; i < a.size(); i++) {
            String t = a.get(i).value();
            if ((t.equals("-e") || t.equals("--eval")) && i + 1 < a.size()) {
                code = a.get(i + 1).value();
                break;
            }
            if (t.startsWith("--eval=")) {
                code = t.substring(7);
                break;
            }
            if (!t.startsWith("-")) {
                file = true;
                break;
            }
        }
        if (code == null && !file) {
            code = Unwrapper.stdinScript(redirs);
            if (code == null) {
                code = Unwrapper.stdinScript(ctx.redirs());
            }
            Evaluator.Stdin in = ctx.stdin();
            if (code == null && in != null && in.known() != null) {
                code = Payloads.text(in.known());
            }
        }
        if (code == null) {
            return;
        }
        Ctx inner = ctx.via("zx", false).withStdin(null).withRedirsCleared();
        Matcher m = ZX_TEMPLATE.matcher(code);
        while (m.find()) {
            String cmd = m.group(1).replaceAll("\\$\\{[^}]*}", "\"\\${ZX_VALUE}\"");
            script(Arg.of(cmd), inner, "zx $``", text);
        }
        InlineCode.scan(code, Interpreters.Lang.NODE, ev, un, inner, text);
    }

    /**
     * {@code deno run [options] npm:PKG[@VERSION][/BIN] ARGS}: Deno runs the npm package's
     * program, as {@code npx PKG ARGS} does. False for any other deno call.
     */
    private boolean denoNpm(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx,
            @Nullable Map<String, String> env) {
        int n = a.size();
        if (n < 3 || !a.get(1).value().equals("run")) {
            return false;
        }
        int i = 2;
        while (i < n && a.get(i).value().startsWith("-")) {
            String t = a.get(i).value();
            i += Set.of("-c", "--config", "--import-map", "--cert", "--location", "--seed", "--ext", "--lock",
                    "--env-file", "--inspect", "--v8-flags").contains(t) ? 2 : 1;
        }
        if (i >= n || !a.get(i).value().startsWith("npm:")) {
            return false;
        }
        String spec = a.get(i).value().substring(4);
        String bin = null;
        int slash = spec.indexOf('/', spec.startsWith("@") ? spec.indexOf('/') + 1 : 0);
        if (slash > 0) {
            bin = spec.substring(slash + 1);
            spec = spec.substring(0, slash);
        }
        if (spec.startsWith("@") && spec.indexOf('/') > 0) {
            spec = spec.substring(spec.indexOf('/') + 1);
        }
        int at = spec.indexOf('@', 1);
        if (at > 0) {
            spec = spec.substring(0, at);
        }
        List<Arg> cmd = new ArrayList<>();
        cmd.add(new Arg(bin != null && !bin.isEmpty() ? bin : spec, a.get(i).dynamic(), a.get(i).opaque(),
                a.get(i).taint()));
        cmd.addAll(a.subList(i + 1, n));
        return rest(a, cmd, redirs, text, ctx, "deno run npm:", env);
    }
}
