package dev.warden.analysis.shell;

import dev.warden.analysis.shell.Evaluator.Arg;
import dev.warden.analysis.shell.Evaluator.Ctx;
import dev.warden.analysis.shell.Evaluator.Stdin;
import dev.warden.call.Command.Redirect;
import dev.warden.call.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Unwraps launchers: commands whose job is to run another command.
 *
 * <p>Design note. Rule packs look only at the final program's argv, so every launcher that
 * merely runs its operand ({@code sudo}, {@code env}, {@code nice}, {@code timeout}, {@code xargs},
 * ...) is consumed and recorded in {@code via}, outermost first, and the loop continues with the
 * operand until a real program is left. Launchers that take a <em>script string</em>
 * ({@code bash -c}, {@code eval}, {@code su -c}, {@code watch}, {@code ssh host CMD}) hand it back
 * to the reader, so the script's commands appear as commands of their own. Programs that act
 * themselves and also launch ({@code find -exec}, {@code ssh}, {@code docker exec},
 * {@code python -c}) are reported as they are <em>and</em> their inner commands are reported.
 * Option tables are per launcher, because skipping an option's argument wrongly would make the
 * argument look like the program ({@code sudo -u root rm}: the program is {@code rm}, not
 * {@code root}). Each unwrap level costs a depth level, so {@code sudo sudo sudo ...} ends in
 * {@code shell.too-complex}, not a deep stack.
 */
final class Unwrapper {

    private final Evaluator ev;

    Unwrapper(Evaluator ev) {
        this.ev = ev;
    }

    /** The operand to continue with. */
    record Next(List<Arg> argv, Ctx ctx, @Nullable Map<String, String> env) {}

    static final Set<String> SHELLS = Set.of(
            "sh", "bash", "zsh", "dash", "ksh", "mksh", "ash", "fish", "rbash", "yash", "posh", "tcsh", "csh",
            "lksh", "pdksh", "oksh", "hush", "osh", "ysh", "nu", "xonsh", "elvish");

    /** Unwraps and reports one simple command. {@code env} holds prefix assignments ({@code X=1 cmd}). */
    void unwrap(List<Arg> argv, List<Redirect> redirs, String text, Ctx ctx, @Nullable Map<String, String> env) {
        int levels = 0;
        try {
            while (true) {
                if (argv.isEmpty() || argv.get(0).dynamic() && (argv.get(0).taint() & Payloads.DYNAMIC_DIR) == 0) {
                    if (!argv.isEmpty() && argv.get(0).opaque() && (argv.get(0).taint() & Payloads.SUBST) != 0
                            && ctx.stdin() != null) {
                        // `$(cat)` and the like as a program: nothing more to see
                    }
                    ev.emitFinal(argv, redirs, text, ctx);
                    return;
                }
                ev.budget.enter();
                levels++;
                String written = argv.get(0).value();
                String hashed = written.indexOf('/') < 0 && !argv.get(0).dynamic() && !BUILTINS.contains(written)
                        && (levels == 1 || !ctx.via().isEmpty() && HASH_LOOKUP.contains(ctx.via().getLast()))
                        ? ctx.env().hashed(written) : null;
                if (hashed != null) {
                    // hash -p PATH NAME: the shell runs PATH for NAME without looking at PATH
                    argv = new ArrayList<>(argv);
                    argv.set(0, hashed == Env.UNKNOWN ? new Arg("$HASHED_" + written, true, true, 0) : Arg.of(hashed));
                    ctx = ctx.via("hash -p " + written, false);
                    written = argv.get(0).value();
                }
                int taint = argv.get(0).taint();
                if (argv.get(0).dynamic() && (taint & Payloads.KNOWN_PLACE) == 0) {
                    ev.finding(Findings.DYNAMIC, Severity.HIGH, "runs '" + base(written)
                            + "' from a directory only known at run time: '" + written + "'", text,
                            Findings.DYNAMIC_HINT);
                }
                if ((taint & Payloads.COMPUTED) != 0) {
                    ev.finding(Findings.COMPUTED, Severity.MEDIUM, "the program's name is built from variables or "
                            + "substitutions (the shell runs '" + written + "'), which hides it from a reader", text,
                            Findings.DYNAMIC_HINT);
                }
                if (written.indexOf('/') >= 0) {
                    String why = unusualPath(written);
                    if (why != null) {
                        ev.finding(Findings.UNUSUAL_PATH, Severity.MEDIUM, "runs '" + base(written) + "' through " + why
                                + ", which hides what runs", text, Findings.PATH_HINT);
                    }
                }
                Next next = step(argv, redirs, text, ctx, env);
                if (next == null) {
                    return;
                }
                argv = next.argv();
                ctx = next.ctx();
                env = next.env();
            }
        } finally {
            for (int i = 0; i < levels; i++) {
                ev.budget.exit();
            }
        }
    }

    /**
     * Why a program path is an unusual way to reach a program, or null: through {@code /proc}
     * ({@code /proc/self/root/bin/sh}, {@code /proc/1/cwd/x}), through {@code ..} up to a system
     * directory ({@code ../../usr/bin/curl}: nobody climbs to {@code /usr/bin} but to disguise the
     * name), or an absolute path with {@code ..}, {@code .} or empty segments ({@code /usr/bin/../bin/rm}).
     * The packs still judge the program by its base name.
     */
    static @Nullable String unusualPath(String p) {
        if (p.startsWith("/proc/") || p.startsWith("/dev/fd/")) {
            return "the process file system ('" + p + "')";
        }
        if (p.startsWith("/")) {
            if (p.contains("/../") || p.contains("/./") || p.indexOf("//") >= 0) {
                return "the roundabout path '" + p + "'";
            }
            return null;
        }
        int ups = 0;
        int i = 0;
        while (true) {
            if (p.startsWith("../", i)) {
                ups++;
                i += 3;
            } else if (p.startsWith("./", i)) {
                i += 2;
            } else {
                break;
            }
        }
        if (ups == 0) {
            return null;
        }
        String tail = p.substring(i);
        if (tail.startsWith("usr/") || tail.startsWith("sbin/") || tail.startsWith("proc/") || tail.startsWith("etc/")
                || tail.startsWith("dev/") || ups >= 3 && tail.startsWith("bin/") || tail.contains("/../")) {
            return "'..' up to a system directory ('" + p + "')";
        }
        return null;
    }

    static String base(String program) {
        int slash = program.lastIndexOf('/');
        return slash < 0 ? program : program.substring(slash + 1);
    }

    private @Nullable Next step(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx, @Nullable Map<String, String> env) {
        // the packs' normalised name: macOS and Windows file systems ignore case, so BASH finds
        // bash there, and Git Bash runs bash.exe as bash
        String prog = dev.warden.analysis.Invocation.normalise(a.get(0).value());
        int n = a.size();
        if (n > 1 && (prog.equals("npm") || prog.equals("pnpm") || prog.equals("yarn") || prog.equals("bun"))) {
            String sub = a.get(1).value();
            if (sub.equals("exec") || sub.equals("x") && (prog.equals("npm") || prog.equals("bun"))
                    || sub.equals("dlx") && (prog.equals("pnpm") || prog.equals("yarn"))) {
                packageRunner(a, 2, redirs, text, ctx, prog + " " + sub);
                return null;
            }
        }
        switch (prog) {
            case "sudo", "sudoedit" -> {
                Opts o = Opts.scan(a, 1, "CDgpRrTtUu", SUDO_LONG);
                if (prog.equals("sudoedit") || o.has('e') || o.hasLong("edit")) {
                    return done(a, redirs, text, ctx);
                }
                return after(a, o.index, redirs, text, inDirectory(ctx, optionValue(a, 1, o.index, 'D', "chdir")),
                        "sudo", env, true);
            }
            case "doas" -> {
                return after(a, Opts.scan(a, 1, "uC", Set.of()).index, redirs, text, ctx, "doas", env, false);
            }
            case "pkexec" -> {
                return after(a, Opts.scan(a, 1, "", Set.of("user")).index, redirs, text, ctx, "pkexec", env, false);
            }
            case "env" -> {
                return env(a, redirs, text, ctx, env);
            }
            case "command" -> {
                Opts o = Opts.scan(a, 1, "", Set.of());
                if (o.has('v') || o.has('V')) {
                    return done(a, redirs, text, ctx);
                }
                return after(a, o.index, redirs, text, ctx, "command", env, false);
            }
            case "builtin" -> {
                return after(a, 1, redirs, text, ctx, "builtin", env, false);
            }
            case "exec" -> {
                return exec(a, redirs, text, ctx, env);
            }
            case "nice" -> {
                int i = 1;
                while (i < n) {
                    String t = a.get(i).value();
                    if (t.equals("--")) {
                        i++;
                        break;
                    }
                    if (t.equals("-n") || isLong(t, "adjustment")) {
                        i += 2;
                    } else if (t.startsWith("-") && t.length() > 1) {
                        i++;
                    } else {
                        break;
                    }
                }
                return after(a, i, redirs, text, ctx, "nice", env, false);
            }
            case "ssh-agent", "dbus-run-session" -> {
                // ssh-agent CMD, dbus-run-session -- CMD: run CMD with the agent or bus set up
                Opts o = Opts.scan(a, 1, "aEt", Set.of("config-file", "exit-with-session"));
                return o.index >= a.size() ? done(a, redirs, text, ctx)
                        : after(a, o.index, redirs, text, ctx, prog, env, false);
            }
            case "nohup", "setsid", "unbuffer", "torsocks", "caffeinate", "chronic", "catchsegv", "nocache" -> {
                return after(a, Opts.scan(a, 1, prog.equals("caffeinate") ? "tw" : "", Set.of()).index, redirs, text,
                        ctx, prog, env, false);
            }
            case "time" -> {
                return after(a, Opts.scan(a, 1, "fo", Set.of("format", "output")).index, redirs, text, ctx, "time",
                        env, false);
            }
            case "timeout" -> {
                Opts o = Opts.scan(a, 1, "sk", Set.of("signal", "kill-after"));
                return after(a, o.index + 1, redirs, text, ctx, "timeout", env, false);
            }
            case "stdbuf" -> {
                return after(a, Opts.scan(a, 1, "ioe", Set.of("input", "output", "error")).index, redirs, text, ctx,
                        "stdbuf", env, false);
            }
            case "ionice" -> {
                Opts o = Opts.scan(a, 1, "cnpPu", Set.of("class", "classdata", "pid", "pgid", "uid"));
                if (o.has('p') || o.has('P') || o.has('u')) {
                    return done(a, redirs, text, ctx);
                }
                return after(a, o.index, redirs, text, ctx, "ionice", env, false);
            }
            case "chrt" -> {
                Opts o = Opts.scan(a, 1, "T", Set.of("sched-runtime", "sched-period", "sched-deadline"));
                if (o.has('p')) {
                    return done(a, redirs, text, ctx);
                }
                return after(a, o.index + 1, redirs, text, ctx, "chrt", env, false);
            }
            case "taskset" -> {
                Opts o = Opts.scan(a, 1, "", Set.of());
                if (o.has('p') || o.hasLong("pid")) {
                    return done(a, redirs, text, ctx);
                }
                return after(a, o.index + 1, redirs, text, ctx, "taskset", env, false);
            }
            case "chroot" -> {
                Opts o = Opts.scan(a, 1, "", Set.of("userspec", "groups"));
                if (o.index + 1 >= n) {
                    return done(a, redirs, text, ctx);
                }
                return after(a, o.index + 1, redirs, text, ctx, "chroot", env, false);
            }
            case "flock" -> {
                return flock(a, redirs, text, ctx, env);
            }
            case "emulate" -> {
                // zsh: emulate [-lLR] [{+|-}o opt] [sh|ksh|csh|zsh [flags] [-c CODE]]: CODE runs under the emulation
                for (int i = 2; i + 1 < n; i++) {
                    String t = a.get(i).value();
                    if (t.equals("-c") || t.length() > 2 && t.charAt(0) == '-' && t.charAt(1) != '-' && t.endsWith("c")
                            && t.indexOf('o') < 0) {
                        script(a.get(i + 1), ctx.via("emulate", false).withRedirs(redirs), "emulate -c", text, null);
                        return null;
                    }
                }
                return done(a, redirs, text, ctx);
            }
            case "strace", "ltrace" -> {
                for (int k = 1; k + 1 < n; k++) {
                    String ov = a.get(k).value().equals("-o") ? a.get(k + 1).value() : "";
                    if (ov.startsWith("|") || ov.startsWith("!")) {
                        // -o '|CMD': the trace is piped into CMD, run by the shell
                        script(cut(a.get(k + 1), 1), ctx.via(prog + " -o", false).withStdin(null).withRedirsCleared(),
                                prog + " -o", text, null);
                    }
                }
                Opts o = Opts.scan(a, 1, prog.equals("strace") ? "oepsuEaPIbXUS" : "oepsunlAaLwDF",
                        Set.of("output", "expr", "attach", "string-limit", "user", "env", "trace", "signal"));
                if (o.index >= n) {
                    return done(a, redirs, text, ctx);
                }
                return after(a, o.index, redirs, text, ctx, prog, env, false);
            }
            case "busybox", "toybox" -> {
                if (n < 2 || a.get(1).value().startsWith("-")) {
                    return done(a, redirs, text, ctx);
                }
                return after(a, 1, redirs, text, ctx, prog, env, false);
            }
            case "xargs" -> {
                return xargs(a, redirs, text, ctx, env);
            }
            case "parallel" -> {
                parallel(a, redirs, text, ctx);
                return null;
            }
            case "watch" -> {
                Opts o = Opts.scan(a, 1, "nq", Set.of("interval", "equexit"));
                if (o.index >= n) {
                    return done(a, redirs, text, ctx);
                }
                if (o.has('x') || o.hasLong("exec")) {
                    return after(a, o.index, redirs, text, ctx, "watch", env, false);
                }
                script(join(a, o.index), ctx.via("watch", false).withRedirs(redirs), "watch", text, null);
                return null;
            }
            case "eval" -> {
                int i = n > 1 && a.get(1).value().equals("--") ? 2 : 1;
                if (i >= n) {
                    return done(a, redirs, text, ctx);
                }
                // eval runs in the current shell: same variables
                script(join(a, i), ctx.via("eval", false).withRedirs(redirs), "eval", text, null);
                return null;
            }
            case "trap" -> {
                return trap(a, redirs, text, ctx);
            }
            case "mapfile", "readarray" -> {
                return mapfile(a, redirs, text, ctx, prog);
            }
            case "hash" -> {
                return hash(a, redirs, text, ctx);
            }
            case "sg" -> {
                return sg(a, redirs, text, ctx);
            }
            case "start-stop-daemon" -> {
                return startStopDaemon(a, redirs, text, ctx, env);
            }
            case "systemd-run", "setpriv", "chpst", "faketime", "firejail", "proxychains", "proxychains4",
                 "dbus-launch", "xvfb-run", "valgrind", "daemonize", "mpirun", "mpiexec", "srun", "prlimit", "choom" -> {
                return launcher(a, redirs, text, ctx, env, prog);
            }
            case "sshpass", "tini", "tini-static", "dumb-init", "envchain", "cpulimit" -> {
                return launcher(a, redirs, text, ctx, env, prog);
            }
            case "doppler", "op", "infisical", "dotenvx", "aws-vault", "chamber", "fnm", "stack", "opam", "direnv",
                 "rbenv", "pyenv", "nodenv", "goenv", "volta", "pixi", "rye", "pueue", "sops", "perf", "cabal", "guix", "flox",
                 "distrobox", "toolbox" -> {
                int s = launchSubcommand(a, prog);
                return s < 0 ? done(a, redirs, text, ctx) : subcommandLauncher(a, s, redirs, text, ctx, env, prog);
            }
            case "xterm", "uxterm", "urxvt", "rxvt", "konsole", "gnome-terminal", "xfce4-terminal", "terminator",
                 "alacritty", "kitty", "x-terminal-emulator", "mate-terminal", "lxterminal", "tilix", "foot", "st",
                 "wezterm" -> {
                return terminal(a, redirs, text, ctx, env, prog);
            }
            case "su", "runuser" -> {
                return su(a, redirs, text, ctx, env, prog);
            }
            case "script" -> {
                for (int i = 1; i < n; i++) {
                    String t = a.get(i).value();
                    Arg code = null;
                    String full = t.startsWith("--") ? longOption(SCRIPT_LONG, t.indexOf('=') < 0 ? t.substring(2)
                            : t.substring(2, t.indexOf('='))) : null;
                    if ((t.equals("-c") || "command".equals(full) && t.indexOf('=') < 0) && i + 1 < n) {
                        code = a.get(i + 1);
                    } else if ("command".equals(full)) {
                        code = cut(a.get(i), t.indexOf('=') + 1);
                    } else if (t.startsWith("-") && !t.startsWith("--") && t.length() > 2) {
                        // a cluster: -qc CMD, -cCMD; E I O B T m take an argument too
                        for (int k = 1; k < t.length(); k++) {
                            char c = t.charAt(k);
                            if (c == 'c') {
                                code = k + 1 < t.length() ? cut(a.get(i), k + 1) : i + 1 < n ? a.get(i + 1) : null;
                                break;
                            }
                            if ("EIOBTm".indexOf(c) >= 0) {
                                break;
                            }
                        }
                    }
                    if (code != null) {
                        ev.emitFinal(a, redirs, text, ctx); // script itself writes its typescript file (-a FILE)
                        script(code, ctx.via("script", false).withRedirs(redirs), "script -c", text, null);
                        return null;
                    }
                }
                // without -c, script starts $SHELL, which reads what is piped in as commands
                if (stdinScript(redirs) != null || ctx.stdin() != null && ctx.stdin().pipe()) {
                    stdinToShell(a, redirs, text, ctx, null, "script");
                    return null;
                }
                return done(a, redirs, text, ctx);
            }
            case "find" -> {
                find(a, redirs, text, ctx);
                return null;
            }
            case "npx", "bunx", "pnpx" -> {
                packageRunner(a, 1, redirs, text, ctx, prog);
                return null;
            }

            case "ssh" -> {
                ssh(a, redirs, text, ctx);
                return null;
            }
            case "pssh", "parallel-ssh", "pdsh", "clush", "dsh" -> {
                manyHosts(a, redirs, text, ctx, prog);
                return null;
            }
            case "docker", "podman", "nerdctl", "docker-compose" -> {
                return container(a, redirs, text, ctx, prog);
            }
            case "heroku" -> {
                // heroku run 'rake db:drop' -a app: the command runs in a one-off dyno of that app
                if (n > 2 && (a.get(1).value().equals("run") || a.get(1).value().equals("run:detached"))) {
                    int k = 2;
                    while (k < n && a.get(k).value().startsWith("-")) {
                        String t = a.get(k).value();
                        k += t.length() == 2 || t.equals("--app") || t.equals("--remote") || t.equals("--size")
                                || t.equals("--env") || t.equals("--type") ? 2 : 1;
                    }
                    if (k < n) {
                        ev.emitFinal(a, redirs, text, ctx);
                        Ctx remote = new Ctx(new Env(), ctx.via(), true, List.of(), null).via("heroku run", true);
                        script(join(a, k), remote, "the command run in the app's dyno", text, null);
                        return null;
                    }
                }
                return done(a, redirs, text, ctx);
            }
            case "fly", "flyctl", "gcloud" -> {
                // fly ssh console -C CMD, gcloud compute ssh HOST --command CMD: CMD runs on that machine
                boolean fly = !prog.equals("gcloud");
                if (n > 2 && (fly ? a.get(1).value().equals("ssh") && a.get(2).value().equals("console")
                        : a.get(1).value().equals("compute") && a.get(2).value().equals("ssh"))) {
                    for (int k = 3; k < n; k++) {
                        String t = a.get(k).value();
                        Arg cmd = (t.equals("-C") || t.equals("--command")) && k + 1 < n ? a.get(k + 1)
                                : t.startsWith("--command=") ? cut(a.get(k), 10) : null;
                        if (cmd != null) {
                            ev.emitFinal(a, redirs, text, ctx);
                            Ctx remote = new Ctx(new Env(), ctx.via(), true, List.of(), null).via(prog + " ssh", true);
                            script(cmd, remote, "the command run on the remote machine", text, null);
                            return null;
                        }
                    }
                }
                return done(a, redirs, text, ctx);
            }
            case "knife" -> {
                if (n > 1 && a.get(1).value().equals("ssh")) {
                    knifeSsh(a, redirs, text, ctx);
                    return null;
                }
                return done(a, redirs, text, ctx);
            }
            case "kubectl", "oc" -> {
                return kubectl(a, redirs, text, ctx, prog);
            }
            default -> {
                if (SHELLS.contains(prog)) {
                    shell(a, redirs, text, ctx, env, prog);
                    return null;
                }
                if (prog.equals("source") || prog.equals(".")) {
                    source(a, redirs, text, ctx);
                    return null;
                }
                if (new Launchers(ev, this).read(prog, a, redirs, text, ctx, env)) {
                    return null;
                }
                if (new ToolCommands(ev, this).read(prog, a, redirs, text, ctx, env)) {
                    return null;
                }
                Interpreters.Lang lang = Interpreters.lang(prog);
                if (lang != null) {
                    new Interpreters(ev, this).run(lang, a, redirs, text, ctx);
                    return null;
                }
                return done(a, redirs, text, ctx);
            }
        }
    }


    /** Launchers after which the shell still looks the program up in its hash table. */
    private static final Set<String> HASH_LOOKUP = Set.of("command", "exec");

    /** Shell builtins, which the hash table never replaces. */
    private static final Set<String> BUILTINS = Set.of("cd", "echo", "printf", "read", "test", "[", "type", "hash",
            "command", "builtin", "exec", "eval", "source", ".", "export", "set", "unset", "trap", "alias", "kill",
            "pwd", "true", "false", ":", "local", "declare", "typeset", "readonly", "shift", "return", "exit", "wait",
            "mapfile", "readarray", "ulimit", "umask", "jobs", "fg", "bg", "let", "getopts", "times", "shopt", "enable");

    /**
     * The value of the short option {@code c} or the long option {@code name} among the
     * options in {@code [from, to)} (attached or the next word), or null.
     */
    static @Nullable Arg optionValue(List<Arg> a, int from, int to, char c, String name) {
        Arg found = null;
        for (int i = from; i < to && i < a.size(); i++) {
            String t = a.get(i).value();
            if (t.startsWith("--")) {
                int eq = t.indexOf('=');
                String l = eq < 0 ? t.substring(2) : t.substring(2, eq);
                if (l.length() >= 2 && name.startsWith(l)) {
                    found = eq >= 0 ? cut(a.get(i), eq + 1) : i + 1 < a.size() ? a.get(i + 1) : null;
                }
            } else if (t.length() > 1 && t.charAt(0) == '-' && t.charAt(1) == c) {
                found = t.length() > 2 ? cut(a.get(i), 2) : i + 1 < a.size() ? a.get(i + 1) : null;
            }
        }
        return found;
    }

    /**
     * {@code trap [-lpP] [--] [ACTION SIGNAL...]}: ACTION is shell code run when the signal
     * arrives (EXIT: when the shell ends). {@code -l}, {@code -p} and {@code -P} only print;
     * a single operand, {@code -} or an empty action resets or ignores the signals.
     */
    private @Nullable Next trap(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx) {
        int n = a.size();
        int i = 1;
        while (i < n) {
            String t = a.get(i).value();
            if (t.equals("--")) {
                i++;
                break;
            }
            if (t.length() > 1 && t.charAt(0) == '-' && t.substring(1).chars().allMatch(c -> c == 'l' || c == 'p' || c == 'P')) {
                return done(a, redirs, text, ctx);
            }
            break;
        }
        if (n - i >= 2 && !a.get(i).value().equals("-") && !(a.get(i).value().isEmpty() && !a.get(i).dynamic())) {
            ev.emitFinal(a, redirs, text, ctx);
            script(a.get(i), ctx.via("trap", false), "trap", text, null);
            return null;
        }
        return done(a, redirs, text, ctx);
    }

    /**
     * {@code mapfile}/{@code readarray} with {@code -C CALLBACK}: the callback is shell code run
     * every {@code -c} lines with the index and the line appended ({@code -C 'rm -rf'} deletes
     * each file named by a line).
     */
    private @Nullable Next mapfile(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx, String prog) {
        int n = a.size();
        Arg code = null;
        for (int i = 1; i < n && code == null; i++) {
            String t = a.get(i).value();
            if (t.equals("--") || t.length() < 2 || t.charAt(0) != '-') {
                break;
            }
            for (int k = 1; k < t.length(); k++) {
                char c = t.charAt(k);
                if ("dnOsuCc".indexOf(c) >= 0) {
                    Arg arg = k + 1 < t.length() ? cut(a.get(i), k + 1) : i + 1 < n ? a.get(i + 1) : null;
                    if (k + 1 >= t.length()) {
                        i++;
                    }
                    if (c == 'C') {
                        code = arg;
                    }
                    break;
                }
            }
        }
        ev.emitFinal(a, redirs, text, ctx);
        if (code != null) {
            Arg call = code.opaque() ? code
                    : new Arg(code.value() + " \"${MAPFILE_INDEX}\" \"${MAPFILE_LINE}\"", code.dynamic(), false, code.taint());
            script(call, ctx.via(prog + " -C", false), prog + " -C", text, null);
        }
        return null;
    }

    /**
     * {@code hash -p PATH NAME...}: from now on this shell runs PATH for NAME, so a later
     * {@code ls -c 'rm -rf ~'} after {@code hash -p /bin/sh ls} is {@code /bin/sh -c}.
     * {@code hash -r} forgets; {@code -d}, {@code -t} and {@code -l} only remove or print.
     */
    private @Nullable Next hash(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx) {
        int n = a.size();
        Arg path = null;
        boolean other = false;
        int i = 1;
        while (i < n) {
            String t = a.get(i).value();
            if (t.equals("--")) {
                i++;
                break;
            }
            if (t.length() < 2 || t.charAt(0) != '-') {
                break;
            }
            boolean took = false;
            for (int k = 1; k < t.length(); k++) {
                char c = t.charAt(k);
                if (c == 'p') {
                    path = k + 1 < t.length() ? cut(a.get(i), k + 1) : i + 1 < n ? a.get(i + 1) : null;
                    took = k + 1 >= t.length();
                    break;
                }
                if (c == 'r') {
                    ctx.env().forgetHashed();
                } else {
                    other = true; // -d, -t, -l
                }
            }
            i += took ? 2 : 1;
        }
        ev.emitFinal(a, redirs, text, ctx);
        if (path != null && !other) {
            for (int k = i; k < n; k++) {
                Arg name = a.get(k);
                if (name.dynamic() || name.value().indexOf('/') >= 0) {
                    continue;
                }
                ctx.env().hash(name.value(), path.opaque() ? Env.UNKNOWN : path.value());
                if (!base(path.value()).startsWith(name.value())) { // python -> python3 is no disguise
                    ev.finding("exec.shadow-command", Severity.MEDIUM, "'hash -p' makes '" + name.value()
                            + "' run '" + path.value() + "' in this shell", text,
                            "run '" + path.value() + "' by its own name");
                }
            }
        }
        return null;
    }

    private static final Set<String> AST_GREP = Set.of("run", "scan", "test", "new", "lsp", "completions", "help");

    /** {@code sg [-] GROUP [-c] COMMAND}: COMMAND is a shell string run with GROUP as the group. */
    private @Nullable Next sg(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx) {
        int n = a.size();
        String first = n > 1 ? a.get(1).value() : "";
        if (first.startsWith("-") && !first.equals("-") && !first.equals("-c") || AST_GREP.contains(first)) {
            // ast-grep installs itself as sg too: sg -p PATTERN, sg run, sg scan (the group tool takes no such words)
            return done(a, redirs, text, ctx);
        }
        int i = 1;
        if (i < n && a.get(i).value().equals("-")) {
            i++;
        }
        i++; // the group
        if (i < n && a.get(i).value().equals("-c")) {
            i++;
        }
        if (i >= n) {
            return done(a, redirs, text, ctx);
        }
        script(join(a, i), ctx.via("sg", false).withRedirs(redirs), "sg", text, null);
        return null;
    }

    /**
     * {@code start-stop-daemon --start [--exec PROG | --startas PROG] [options] -- ARGS}: starts
     * PROG (the {@code --startas} one when both are given) with ARGS, in {@code --chdir DIR}.
     */
    private @Nullable Next startStopDaemon(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx,
            @Nullable Map<String, String> env) {
        int n = a.size();
        boolean start = false;
        Arg exec = null;
        Arg startas = null;
        Arg dir = null;
        int i = 1;
        while (i < n) {
            String t = a.get(i).value();
            if (t.equals("--")) {
                i++;
                break;
            }
            String name;
            Arg value = null;
            boolean attached = false;
            if (t.startsWith("--")) {
                int eq = t.indexOf('=');
                name = eq < 0 ? t.substring(2) : t.substring(2, eq);
                if (eq >= 0) {
                    value = cut(a.get(i), eq + 1);
                    attached = true;
                }
            } else if (t.length() >= 2 && t.charAt(0) == '-') {
                name = SSD_SHORT.getOrDefault(t.charAt(1), "?");
                if (t.length() > 2) {
                    value = cut(a.get(i), 2);
                    attached = true;
                }
            } else {
                i++;
                continue;
            }
            boolean takes = SSD_VALUED.contains(name);
            if (takes && !attached) {
                value = i + 1 < n ? a.get(i + 1) : null;
            }
            switch (name) {
                case "start" -> start = true;
                case "exec" -> exec = value;
                case "startas" -> startas = value;
                case "chdir" -> dir = value;
                default -> { }
            }
            i += takes && !attached ? 2 : 1;
        }
        Arg prog = startas != null ? startas : exec;
        if (!start || prog == null) {
            return done(a, redirs, text, ctx);
        }
        List<Arg> argv = new ArrayList<>();
        argv.add(prog);
        argv.addAll(a.subList(Math.min(i, n), n));
        return new Next(argv, inDirectory(ctx, dir).via("start-stop-daemon", false).withRedirs(redirs), env);
    }

    private static final Map<Character, String> SSD_SHORT = Map.ofEntries(Map.entry('S', "start"),
            Map.entry('K', "stop"), Map.entry('x', "exec"), Map.entry('a', "startas"), Map.entry('d', "chdir"),
            Map.entry('p', "pidfile"), Map.entry('n', "name"), Map.entry('u', "user"), Map.entry('g', "group"),
            Map.entry('s', "signal"), Map.entry('R', "retry"), Map.entry('c', "chuid"), Map.entry('r', "chroot"),
            Map.entry('N', "nicelevel"), Map.entry('P', "procsched"), Map.entry('I', "iosched"),
            Map.entry('k', "umask"), Map.entry('O', "output"), Map.entry('T', "status"));
    private static final Set<String> SSD_VALUED = Set.of("exec", "startas", "chdir", "pidfile", "name", "user",
            "group", "signal", "retry", "chuid", "chroot", "nicelevel", "procsched", "iosched", "umask", "output",
            "ppid", "notify-timeout");

    /**
     * Launchers that run their operand with options of their own: sandboxes, tracers, job
     * runners, service managers. Those that also change how the program runs in ways packs
     * look at (a service unit, a sandbox, a tracer) are reported themselves too.
     */
    private @Nullable Next launcher(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx,
            @Nullable Map<String, String> env, String prog) {
        int n = a.size();
        int i = switch (prog) {
            case "systemd-run" -> Opts.scan(a, 1, "upEHMC", Set.of("unit", "property", "description", "slice",
                    "setenv", "host", "machine", "uid", "gid", "nice", "working-directory", "on-active", "on-boot",
                    "on-startup", "on-unit-active", "on-unit-inactive", "on-calendar", "path-property",
                    "socket-property", "timer-property", "service-type", "capsule")).index;
            case "setpriv" -> Opts.scan(a, 1, "", Set.of("reuid", "regid", "ruid", "euid", "rgid", "egid", "groups",
                    "inh-caps", "ambient-caps", "bounding-set", "securebits", "pdeathsig", "selinux-label",
                    "apparmor-profile", "landlock-access", "landlock-rule", "ptracer")).index;
            case "chpst" -> Opts.scan(a, 1, "uUbe/CnlLmdopfctr", Set.of()).index;
            case "faketime" -> Opts.scan(a, 1, "p", Set.of("date-prog")).index + 1; // then the time stamp
            case "proxychains", "proxychains4" -> Opts.scan(a, 1, "f", Set.of()).index;
            case "sshpass" -> Opts.scan(a, 1, "pfdP", Set.of()).index;
            case "tini", "tini-static" -> Opts.scan(a, 1, "pe", Set.of()).index;
            case "dumb-init" -> Opts.scan(a, 1, "r", Set.of("rewrite")).index;
            case "envchain" -> Opts.scan(a, 1, "", Set.of()).index + 1; // then the namespace
            case "cpulimit" -> {
                Opts o = Opts.scan(a, 1, "lepPm", Set.of("limit", "exe", "pid", "path", "cpu"));
                yield o.has('p') || o.has('e') || o.has('P') || o.hasLong("pid") || o.hasLong("exe") || o.hasLong("path")
                        ? n : o.index; // -p PID, -e EXE: limits a running process
            }
            case "xvfb-run" -> Opts.scan(a, 1, "efnpsw", Set.of("error-file", "auth-file", "server-num",
                    "xauth-protocol", "server-args", "wait")).index;
            case "daemonize" -> Opts.scan(a, 1, "ceoplEu", Set.of()).index;
            case "choom" -> {
                Opts o = Opts.scan(a, 1, "pn", Set.of("pid", "adjust"));
                yield o.has('p') || o.hasLong("pid") ? n : o.index; // choom -n N -- CMD; choom -p PID changes a process
            }
            case "prlimit" -> {
                Opts o = Opts.scan(a, 1, "p", Set.of("pid", "output"));
                yield o.has('p') || o.hasLong("pid") ? n : o.index;
            }
            case "srun" -> Opts.scan(a, 1, "nNcptJoewAqGDCimxdLBSTr", Set.of("ntasks", "nodes", "cpus-per-task",
                    "partition", "time", "job-name", "output", "error", "nodelist", "account", "qos", "gpus", "chdir",
                    "constraint", "input", "distribution", "exclude", "dependency", "licenses", "mem", "mem-per-cpu",
                    "gres", "export", "reservation", "ntasks-per-node")).index;
            case "mpirun", "mpiexec" -> mpiOperand(a);
            default -> Opts.scan(a, 1, "", Set.of()).index; // firejail, valgrind, dbus-launch: --opt=value
        };
        if (i >= n) {
            return done(a, redirs, text, ctx);
        }
        if (prog.equals("systemd-run") || prog.equals("firejail") || prog.equals("valgrind")) {
            ev.emitFinal(a, redirs, text, ctx);
        }
        return after(a, i, redirs, text, ctx, prog, env, false);
    }

    /** The subcommand of each tool that runs a program with secrets or a toolchain set up, and its positionals. */
    private static final Map<String, String> LAUNCH_SUBCOMMANDS = Map.ofEntries(Map.entry("doppler", "run"),
            Map.entry("op", "run"), Map.entry("infisical", "run"), Map.entry("dotenvx", "run"),
            Map.entry("aws-vault", "exec 1"), Map.entry("chamber", "exec"), Map.entry("fnm", "exec"),
            Map.entry("stack", "exec"), Map.entry("opam", "exec"), Map.entry("direnv", "exec 1"),
            Map.entry("rbenv", "exec"), Map.entry("pyenv", "exec"), Map.entry("nodenv", "exec"),
            Map.entry("goenv", "exec"), Map.entry("volta", "run"), Map.entry("pixi", "run"), Map.entry("rye", "run"),
            Map.entry("pueue", "add"), Map.entry("sops", "exec-env 1"), Map.entry("perf", "stat"),
            Map.entry("cabal", "exec"), Map.entry("guix", "shell"), Map.entry("flox", "activate"),
            Map.entry("distrobox", "enter 1"), Map.entry("toolbox", "run"));

    /** The index of the launching subcommand ({@code doppler run}), or -1 when the call is another one. */
    private static int launchSubcommand(List<Arg> a, String prog) {
        int s = 1;
        while (s < a.size() && a.get(s).value().startsWith("-")) {
            s++; // global options (op --account X run): a value taken for the subcommand costs a miss
        }
        String sub = s < a.size() ? a.get(s).value() : "";
        if (prog.equals("perf") && (sub.equals("record") || sub.equals("trace") || sub.equals("top") || sub.equals("c2c"))) {
            return s; // perf stat/record/trace -- CMD: CMD runs, measured
        }
        return sub.equals(LAUNCH_SUBCOMMANDS.get(prog).split(" ")[0]) ? s : -1;
    }

    /**
     * {@code doppler run -- CMD}, {@code op run -- CMD}, {@code aws-vault exec PROFILE -- CMD},
     * {@code fnm exec -- CMD}, {@code direnv exec DIR CMD}: the command after {@code --}, or after
     * the options and the subcommand's own positionals. {@code pueue add} and {@code sops
     * exec-env FILE} take the command as shell text ({@code doppler run --command} too).
     */
    private @Nullable Next subcommandLauncher(List<Arg> a, int s, List<Redirect> redirs, String text, Ctx ctx,
            @Nullable Map<String, String> env, String prog) {
        String[] spec = LAUNCH_SUBCOMMANDS.get(prog).split(" ");
        int n = a.size();
        for (int k = s + 1; k + 1 < n; k++) {
            String t = a.get(k).value();
            if (t.equals("--command") || t.equals("--cmd")) {
                script(a.get(k + 1), ctx.via(prog + " " + spec[0], false).withRedirs(redirs), prog + " " + spec[0],
                        text, null);
                return null;
            }
        }
        int i = -1;
        for (int k = s + 1; k < n; k++) {
            if (a.get(k).value().equals("--")) {
                i = k + 1;
                break;
            }
        }
        if (i < 0) {
            i = prog.equals("perf") // perf record -o FILE -e EV CMD: the options' values are not the command
                    ? Opts.scan(a, s + 1, "oepPtCcFiGxrmuIlLj", Set.of("output", "event", "pid", "tid", "cpu", "freq",
                            "input", "cgroup", "repeat", "count", "call-graph", "mmap-pages", "delay")).index
                    : Opts.scan(a, s + 1, "", Set.of()).index + (spec.length > 1 ? Integer.parseInt(spec[1]) : 0);
        }
        if (i >= n) {
            return done(a, redirs, text, ctx);
        }
        if (prog.equals("pueue") || prog.equals("sops")) {
            // the words are joined into one shell command
            StringBuilder joined = new StringBuilder();
            Arg first = a.get(i);
            for (int k = i; k < n; k++) {
                joined.append(k > i ? " " : "").append(a.get(k).value());
            }
            script(new Arg(joined.toString(), first.dynamic(), first.opaque(), first.taint()),
                    ctx.via(prog + " " + spec[0], false).withRedirs(redirs), prog + " " + spec[0], text, null);
            return null;
        }
        return after(a, i, redirs, text, ctx, prog + " " + spec[0], env, false);
    }

    /**
     * Terminal emulators told to run a program: {@code xterm -e PROG ARGS}, {@code gnome-terminal
     * -- PROG}, {@code kitty PROG}. A single word with spaces after {@code -e} is run as shell text
     * (xterm, xfce4-terminal, terminator, gnome-terminal).
     */
    private @Nullable Next terminal(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx,
            @Nullable Map<String, String> env, String prog) {
        int n = a.size();
        for (int k = 1; k < n; k++) {
            String t = a.get(k).value();
            if (t.equals("--") || t.equals("-x") || t.equals("--execute") && !prog.equals("xfce4-terminal")) {
                return after(a, k + 1, redirs, text, ctx, prog, env, false);
            }
            if (t.equals("-e") || t.equals("--command") || t.equals("--execute") || t.startsWith("--command=")) {
                Arg code = t.startsWith("--command=") ? cut(a.get(k), 10) : k + 1 < n ? a.get(k + 1) : null;
                int rest = t.startsWith("--command=") ? k + 1 : k + 2;
                if (code != null && rest >= n && code.value().indexOf(' ') >= 0) {
                    script(code, ctx.via(prog + " -e", false).withRedirs(redirs), prog + " -e", text, null);
                    return null;
                }
                return after(a, t.startsWith("--command=") ? k : k + 1, redirs, text, ctx, prog, env, false);
            }
        }
        if (prog.equals("kitty") || prog.equals("foot") || prog.equals("alacritty") || prog.equals("st")) {
            // kitty [options] PROG ARGS: an operand is the program (options with values are rare here)
            int i = Opts.scan(a, 1, "oTcdL", Set.of("title", "config", "directory", "override", "class", "name",
                    "working-directory", "session", "listen-on")).index;
            return after(a, i, redirs, text, ctx, prog, env, false);
        }
        return done(a, redirs, text, ctx);
    }

    /** The program operand of {@code mpirun}/{@code mpiexec}, whose options are single-dash words. */
    private static int mpiOperand(List<Arg> a) {
        Set<String> two = Set.of("-mca", "--mca", "-gmca", "--gmca", "-genv", "-env", "-x2");
        Set<String> one = Set.of("-np", "-n", "-c", "-N", "-H", "-host", "--host", "-hostfile", "--hostfile",
                "-machinefile", "--machinefile", "-f", "-x", "-wdir", "--wdir", "-map-by", "--map-by", "-bind-to",
                "--bind-to", "-rank-by", "--rank-by", "-ppn", "-npernode", "--npernode", "-prefix", "--prefix",
                "-path", "--path", "-output-filename", "--output-filename", "-tag-output-file", "-hosts",
                "-configfile", "--app", "-app", "-launcher", "-iface", "-genvlist", "-envlist");
        int i = 1;
        while (i < a.size()) {
            String t = a.get(i).value();
            if (t.equals("--")) {
                return i + 1;
            }
            if (!t.startsWith("-")) {
                return i;
            }
            i += two.contains(t) ? 3 : one.contains(t) ? 2 : 1;
        }
        return i;
    }

    private static final Set<String> SUDO_LONG = Set.of(
            "close-from", "chdir", "group", "host", "prompt", "chroot", "role", "command-timeout", "type",
            "other-user", "user");

    @Nullable Next done(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx) {
        ev.emitFinal(a, redirs, text, ctx);
        return null;
    }

    /**
     * Continues with the operand at {@code i}, after {@code VAR=value} words when the launcher
     * takes them; reports the launcher itself when it has no operand.
     */
    @Nullable Next after(List<Arg> a, int i, List<Redirect> redirs, String text, Ctx ctx, String label,
            @Nullable Map<String, String> env, boolean assignments) {
        Map<String, String> e = env;
        if (assignments) {
            while (i < a.size() && isAssignment(a.get(i).value())) {
                String v = a.get(i).value();
                int eq = v.indexOf('=');
                if (e == null) {
                    e = new HashMap<>(4);
                } else {
                    e = new HashMap<>(e);
                }
                e.put(v.substring(0, eq), a.get(i).dynamic() ? Env.UNKNOWN : v.substring(eq + 1));
                ev.checkVariable(v.substring(0, eq), a.get(i).dynamic() ? null : v.substring(eq + 1), text, ctx);
                i++;
            }
        }
        if (i >= a.size()) {
            return done(a, redirs, text, ctx);
        }
        return new Next(new ArrayList<>(a.subList(i, a.size())), ctx.via(label, false), e);
    }

    private static boolean isAssignment(String v) {
        int eq = v.indexOf('=');
        return eq > 0 && Reader.isName(v.substring(0, eq));
    }

    /**
     * Where, in a getopt cluster of short options ({@code -xvf}), the first letter that takes a
     * value is: the rest of the cluster is that value ({@code -fVALUE}), or, when the letter ends
     * the cluster, the next word is. -1 when no letter of {@code valued} is in the cluster.
     */
    static int valuedAt(String cluster, String valued) {
        for (int k = 1; k < cluster.length(); k++) {
            if (valued.indexOf(cluster.charAt(k)) >= 0) {
                return k;
            }
        }
        return -1;
    }

    /** How many words a cluster of short options uses: two when its valued letter ends it. */
    static int clusterWords(String cluster, String valued) {
        int at = valuedAt(cluster, valued);
        return at >= 0 && at == cluster.length() - 1 ? 2 : 1;
    }

    static Arg cut(Arg a, int from) {
        return new Arg(a.value().substring(from), a.dynamic(), a.opaque(), a.taint());
    }

    /** The words from {@code i} joined by spaces, as a launcher that passes them to a shell does. */
    static Arg join(List<Arg> a, int i) {
        if (i == a.size() - 1) {
            return a.get(i);
        }
        StringBuilder sb = new StringBuilder();
        boolean dynamic = false;
        boolean opaque = true;
        int taint = 0;
        for (int k = i; k < a.size(); k++) {
            if (k > i) {
                sb.append(' ');
            }
            Arg x = a.get(k);
            sb.append(x.value());
            dynamic |= x.dynamic();
            opaque &= x.opaque();
            taint |= x.taint();
        }
        return new Arg(sb.toString(), dynamic, dynamic && opaque, taint);
    }

    /**
     * The shell builtin {@code exec [-cl] [-a NAME] [command]}. bash, zsh, ksh and mksh all
     * refuse any other option letter, and then nothing runs ({@code exec -xa foo rm} runs no
     * {@code rm}); {@code -a} takes the rest of its cluster or the next word ({@code exec -al foo rm}
     * runs {@code foo} with {@code argv[0]} {@code l}).
     */
    private @Nullable Next exec(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx, @Nullable Map<String, String> env) {
        int n = a.size();
        int i = 1;
        while (i < n) {
            String t = a.get(i).value();
            if (t.equals("--")) {
                i++;
                break;
            }
            if (!t.startsWith("-") || t.length() == 1 || a.get(i).dynamic()) {
                break;
            }
            boolean takes = false;
            for (int k = 1; k < t.length(); k++) {
                char c = t.charAt(k);
                if (c == 'a') {
                    takes = k == t.length() - 1;
                    break;
                }
                if (c != 'c' && c != 'l') {
                    return done(a, redirs, text, ctx); // a usage error: exec runs nothing
                }
            }
            i += takes ? 2 : 1;
        }
        return after(a, i, redirs, text, ctx, "exec", env, false);
    }

    /**
     * {@code flock [options] FILE COMMAND...} or {@code flock [options] FILE -c CMD}. util-linux
     * stops its options at FILE ({@code getopt_long "+sexnoFuw:E:hV?"}) and then compares the next
     * word with {@code -c}/{@code --command} exactly, so there {@code --com CMD} runs a program
     * named {@code --com}; other builds (discoteq's flock, common on macOS) parse
     * {@code --command} with getopt, where any unambiguous prefix ({@code --com}) and an attached
     * {@code -cCMD} work, and before FILE too. Warden reads every such spelling as a script: at
     * worst a script that would not run is judged.
     */
    private @Nullable Next flock(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx, @Nullable Map<String, String> env) {
        int n = a.size();
        int i = 1;
        while (i < n) {
            String t = a.get(i).value();
            if (t.equals("--")) {
                i++;
                break;
            }
            if (!t.startsWith("-") || t.length() == 1) {
                break;
            }
            int code = flockCommand(t);
            if (code >= 0) {
                return flockScript(a, i, code, redirs, text, ctx);
            }
            if (t.startsWith("--")) {
                i += t.indexOf('=') < 0 && takesLong(Set.of("timeout", "wait", "conflict-exit-code"), t.substring(2)) ? 2 : 1;
            } else {
                i += clusterWords(t, "wE");
            }
        }
        i++; // the lock file (or descriptor number)
        if (i >= n) {
            return done(a, redirs, text, ctx);
        }
        int code = flockCommand(a.get(i).value());
        if (code >= 0) {
            return flockScript(a, i, code, redirs, text, ctx);
        }
        return after(a, i, redirs, text, ctx, "flock", env, false);
    }

    /** -1 when {@code t} is not flock's command option, 0 when its script is the next word, else where it starts in {@code t}. */
    private static int flockCommand(String t) {
        if (t.equals("-c")) {
            return 0;
        }
        if (t.startsWith("-c")) {
            return 2;
        }
        if (t.startsWith("--") && t.length() >= 5) {
            int eq = t.indexOf('=');
            String name = eq < 0 ? t.substring(2) : t.substring(2, eq);
            // --c and --co are ambiguous with --close and --conflict-exit-code
            if (name.length() >= 3 && "command".startsWith(name)) {
                return eq < 0 ? 0 : eq + 1;
            }
        }
        return -1;
    }

    private @Nullable Next flockScript(List<Arg> a, int i, int code, List<Redirect> redirs, String text, Ctx ctx) {
        Arg script = code > 0 ? cut(a.get(i), code) : i + 1 < a.size() ? a.get(i + 1) : null;
        if (script == null) {
            return done(a, redirs, text, ctx);
        }
        script(script, ctx.via("flock", false).withRedirs(redirs), "flock -c", text, null);
        return null;
    }

    private @Nullable Next env(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx, @Nullable Map<String, String> env) {
        List<Arg> args = new ArrayList<>(a);
        Map<String, String> e = env == null ? new HashMap<>(4) : new HashMap<>(env);
        int i = 1;
        int splits = 0;
        Arg dir = null;
        while (i < args.size()) {
            Arg x = args.get(i);
            String t = x.value();
            if (t.equals("--")) {
                i++;
                break;
            }
            String split = null;
            if (isLong(t, "split-string") && t.indexOf('=') < 0) {
                split = i + 1 < args.size() ? args.get(i + 1).value() : "";
                args.remove(i);
            } else if (t.startsWith("--") && t.indexOf('=') > 3 && "split-string".startsWith(t.substring(2, t.indexOf('=')))) {
                split = t.substring(t.indexOf('=') + 1);
            } else if (t.startsWith("-") && t.length() > 1 && !t.startsWith("--")) {
                // a cluster: -i, -0, -v, -u NAME, -C DIR, -P PATH, -S STRING (argument attached or next)
                boolean takes = false;
                for (int k = 1; k < t.length(); k++) {
                    char c = t.charAt(k);
                    if (c == 'S') {
                        if (k + 1 < t.length()) {
                            split = t.substring(k + 1);
                        } else {
                            split = i + 1 < args.size() ? args.get(i + 1).value() : "";
                            args.remove(i);
                        }
                        break;
                    }
                    // GNU: -u NAME, -C DIR, -a ARG (coreutils 9.6); BSD: -P PATH, -L/-U USER[/CLASS]. GNU refuses
                    // -P/-L/-U, so nothing would run there; reading them as BSD does keeps the command in view.
                    if (c == 'u' || c == 'C' || c == 'P' || c == 'a' || c == 'L' || c == 'U') {
                        takes = k == t.length() - 1;
                        if (c == 'C') {
                            dir = !takes ? cut(x, k + 1) : i + 1 < args.size() ? args.get(i + 1) : null;
                        }
                        break;
                    }
                }
                if (split == null) {
                    i += takes ? 2 : 1;
                    continue;
                }
            } else if (t.startsWith("--")) {
                boolean takes = t.indexOf('=') < 0 && (isLong(t, "unset") || isLong(t, "chdir") || isLong(t, "argv0"));
                int eq = t.indexOf('=');
                if (eq > 3 && "chdir".startsWith(t.substring(2, eq))) {
                    dir = cut(x, eq + 1);
                } else if (takes && isLong(t, "chdir")) {
                    dir = i + 1 < args.size() ? args.get(i + 1) : null;
                }
                i += takes ? 2 : 1;
                continue;
            } else if (t.equals("-")) {
                i++;
                continue;
            } else if (isAssignment(t) || t.indexOf('=') > 0 && t.substring(0, t.indexOf('=')).indexOf('/') < 0) {
                // env takes any NAME=VALUE, names Bash would refuse too (BASH_FUNC_ls%%=() {...})
                int eq = t.indexOf('=');
                e.put(t.substring(0, eq), x.dynamic() ? Env.UNKNOWN : t.substring(eq + 1));
                ev.checkVariable(t.substring(0, eq), x.dynamic() ? null : t.substring(eq + 1), text, ctx);
                i++;
                continue;
            } else {
                break;
            }
            // -S "string": split into words and put them in place
            if (++splits > 8) {
                throw new Budget.Exceeded("too many 'env -S' levels");
            }
            args.set(i, Arg.of("")); // placeholder removed below
            args.remove(i);
            List<Arg> words = splitWords(split, ctx);
            args.addAll(i, words);
        }
        if (i >= args.size()) {
            return done(a, redirs, text, ctx);
        }
        return new Next(new ArrayList<>(args.subList(i, args.size())), inDirectory(ctx, dir).via("env", false), e);
    }

    /**
     * The context of a command a launcher starts in another directory ({@code env -C DIR},
     * {@code sudo -D DIR}, {@code start-stop-daemon --chdir DIR}): the change is the child's only,
     * so the shell's own directory stays as it was.
     */
    static Ctx inDirectory(Ctx ctx, @Nullable Arg dir) {
        if (dir == null) {
            return ctx;
        }
        Env child = ctx.env().copy();
        child.cd(dir.opaque() || dir.value().isEmpty() ? dev.warden.call.Command.UNKNOWN_DIR : dir.value());
        return ctx.withEnv(child);
    }

    /**
     * {@code env -S STRING} split as GNU env does (FreeBSD's, where it comes from, agrees):
     * blanks separate words; {@code '...'} keeps its text (only {@code \\} and {@code \'} are
     * escapes); {@code "..."} and unquoted text process escapes: {@code \_} separates words
     * outside quotes and is a space inside double quotes, {@code \t \n \r \f \v} are those
     * characters, {@code \# \$ \" \' \\} themselves, {@code \c} ends the string; {@code #}
     * at the start of a word starts a comment; {@code ${NAME}} is the variable's value, known at
     * run time. Any other escape or {@code $} is an error (env runs nothing); then, and when the
     * string is not literal, it is read as shell words instead, which sees at least as much.
     */
    private List<Arg> splitWords(String s, Ctx ctx) {
        List<Arg> gnu = envSplit(s);
        return gnu != null ? gnu : shellWords(s, ctx);
    }

    static @Nullable List<Arg> envSplit(String s) {
        List<Arg> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        boolean dynamic = false;
        boolean literal = false;
        char quote = 0;
        int n = s.length();
        int i = 0;
        scan:
        while (i < n) {
            char c = s.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < n && (s.charAt(i + 1) == '\\' || s.charAt(i + 1) == '\'')) {
                    w.append(s.charAt(++i));
                    literal = true;
                } else {
                    w.append(c);
                    literal = true;
                }
                i++;
                continue;
            }
            if (quote == 0 && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 11)) {
                if (inWord) {
                    out.add(new Arg(w.toString(), dynamic, dynamic && !literal, 0));
                    w.setLength(0);
                    inWord = dynamic = literal = false;
                }
                i++;
                continue;
            }
            if (quote == 0 && c == '#' && !inWord) {
                break; // a comment to the end of the string
            }
            inWord = true;
            switch (c) {
                case '\'' -> quote = quote == 0 ? '\'' : quote;
                case '"' -> quote = quote == '"' ? 0 : '"';
                case '\\' -> {
                    if (i + 1 >= n) {
                        return null;
                    }
                    char d = s.charAt(++i);
                    switch (d) {
                        case '_' -> {
                            if (quote == '"') {
                                w.append(' ');
                                literal = true;
                            } else {
                                if (w.length() > 0 || dynamic) {
                                    out.add(new Arg(w.toString(), dynamic, dynamic && !literal, 0));
                                }
                                w.setLength(0);
                                inWord = dynamic = literal = false;
                            }
                        }
                        case 'c' -> {
                            if (quote != 0) {
                                return null;
                            }
                            break scan;
                        }
                        case 't' -> w.append('\t');
                        case 'n' -> w.append('\n');
                        case 'r' -> w.append('\r');
                        case 'f' -> w.append('\f');
                        case 'v' -> w.append((char) 11);
                        case '#', '$', '"', '\'', '\\' -> w.append(d);
                        default -> {
                            return null;
                        }
                    }
                    literal |= d != '_';
                }
                case '$' -> {
                    int close = s.indexOf('}', i);
                    if (i + 1 >= n || s.charAt(i + 1) != '{' || close < 0 || !Reader.isName(s.substring(i + 2, close))) {
                        return null;
                    }
                    w.append(s, i, close + 1);
                    dynamic = true;
                    i = close;
                }
                default -> {
                    w.append(c);
                    literal = true;
                }
            }
            i++;
        }
        if (quote != 0) {
            return null;
        }
        if (inWord) {
            out.add(new Arg(w.toString(), dynamic, dynamic && !literal, 0));
        }
        return out;
    }

    /** Shell-like words, quotes honoured: the fallback reading of an {@code env -S} string. */
    private List<Arg> shellWords(String s, Ctx ctx) {
        Reader r = new Reader(s, ev.budget);
        Syntax.Node n = r.script();
        List<Arg> out = new ArrayList<>();
        if (n instanceof Syntax.Simple simple && r.error() == null) {
            for (Syntax.Assign as : simple.assigns()) {
                out.add(new Arg(as.text(), false, false, 0));
            }
            for (Syntax.Word w : simple.words()) {
                out.addAll(ev.expand(w, ctx, true));
            }
            return out;
        }
        out.add(new Arg(s, true, true, 0));
        return out;
    }

    private @Nullable Next xargs(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx, @Nullable Map<String, String> env) {
        String replace = null;
        Arg argFile = null;
        int i = 1;
        int n = a.size();
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
                String full = longOption(XARGS_LONG, eq < 0 ? t.substring(2) : t.substring(2, eq));
                if (full != null && full.isEmpty()) {
                    // GNU xargs stops on an ambiguous prefix (--max: max-args, max-chars, max-lines or
                    // max-procs?) and BSD xargs has no long options: either way it runs nothing
                    return done(a, redirs, text, ctx);
                }
                if ("replace".equals(full)) {
                    replace = eq < 0 ? "{}" : t.substring(eq + 1);
                } else if ("arg-file".equals(full)) {
                    argFile = eq >= 0 ? cut(a.get(i), eq + 1) : i + 1 < n ? a.get(i + 1) : null;
                }
                i += eq < 0 && full != null && XARGS_LONG_ARGS.contains(full) ? 2 : 1;
                continue;
            }
            if (t.startsWith("-I")) {
                if (t.length() > 2) {
                    replace = t.substring(2);
                    i++;
                } else {
                    replace = i + 1 < n ? a.get(i + 1).value() : "{}";
                    i += 2;
                }
                continue;
            }
            if (t.startsWith("-i")) {
                replace = t.length() > 2 ? t.substring(2) : "{}";
                i++;
                continue;
            }
            int at = valuedAt(t, "LnPsdEa");
            if (at > 0 && t.charAt(at) == 'a') {
                argFile = at + 1 < t.length() ? cut(a.get(i), at + 1) : i + 1 < n ? a.get(i + 1) : null;
            }
            i += clusterWords(t, "LnPsdEa");
        }
        if (argFile != null) {
            // xargs -a FILE: the file's content becomes the command's arguments, read as cat would
            ev.emitFinal(List.of(Arg.of("cat"), argFile), List.of(), text, ctx.via("xargs -a", false));
        }
        List<String> items = null;
        Stdin known = ctx.stdin();
        String hereText = stdinScript(redirs);
        String input = hereText != null ? hereText
                : argFile == null && known != null && known.known() != null && known.known().length <= 4096
                        ? Payloads.text(known.known()) : null;
        Evaluator.Written listed = argFile == null || argFile.dynamic() ? null : ev.writtenFile(argFile.value(), ctx.env().cds());
        if (listed != null && listed.content() != null && listed.content().length <= 4096) {
            input = Payloads.text(listed.content()); // xargs -a <(printf ...) rm, xargs -a list rm: the file written here
        }
        if ((argFile == null || listed != null) && input != null && input.length() <= 4096) {
            // echo ~/.ssh/id_rsa | xargs cat, xargs cat <<< FILE, printf '%s\0' ~ | xargs -0 rm -rf: the
            // arguments are the words piped in (split at blanks, or at NUL bytes)
            boolean nul = false;
            for (int k = 1; k < i && k < n; k++) {
                String t = a.get(k).value();
                nul |= t.equals("--null") || t.startsWith("-") && !t.startsWith("--") && t.indexOf('0') > 0
                        && valuedAt(t, "LnPsdEaI") < 0;
            }
            String[] words = nul ? input.replace("\n", "").split("\u0000+")
                    : input.replace('\u0000', '\n').strip().split("\\s+");
            if (nul && words.length > 0 && words[0].isEmpty()) {
                words = java.util.Arrays.copyOfRange(words, 1, words.length);
            }
            if (words.length >= 1 && words.length <= 8 && !words[0].isEmpty()) {
                items = List.of(words);
            }
        }
        List<Arg> cmd = new ArrayList<>();
        if (i >= n) {
            cmd.add(Arg.of("echo"));
        } else {
            for (int k = i; k < n; k++) {
                Arg x = a.get(k);
                if (replace != null && !replace.isEmpty() && x.value().contains(replace) && items != null
                        && items.size() == 1) {
                    cmd.add(new Arg(x.value().replace(replace, items.get(0)), false, false, x.taint()));
                } else if (replace != null && !replace.isEmpty() && x.value().contains(replace)) {
                    // the placeholder is filled from standard input at run time
                    String v = x.value().replace(replace, "{}");
                    cmd.add(new Arg(v, true, v.equals("{}"), x.taint()));
                } else {
                    cmd.add(x);
                }
            }
        }
        if (replace == null && items != null) {
            for (String item : items) {
                cmd.add(Arg.of(item));
            }
        } else if (replace == null) {
            cmd.add(new Arg("{}", true, true, 0));
        }
        // the inner command's arguments come from xargs' standard input
        Stdin in = ctx.stdin();
        // "xargs -I": what it reads goes where the placeholder is, not at the end (FindRoots reads this)
        Ctx inner = ctx.via(replace != null ? "xargs -I" : "xargs", false)
                .withStdin(in == null ? null : new Stdin(in.taint(), null, in.evidence(), false));
        return new Next(cmd, inner.withRedirs(redirs), env);
    }

    /** GNU xargs' long options ({@code --eof}, {@code --max-lines}, {@code --replace} take an argument only after {@code =}). */
    private static final List<String> XARGS_LONG = List.of("null", "arg-file", "delimiter", "eof", "exit", "help",
            "interactive", "max-args", "max-chars", "max-lines", "max-procs", "no-run-if-empty", "open-tty",
            "process-slot-var", "replace", "show-limits", "verbose", "version");
    private static final Set<String> XARGS_LONG_ARGS = Set.of("arg-file", "delimiter", "max-args", "max-chars",
            "max-procs", "process-slot-var");

    /**
     * The long option {@code name} stands for under GNU getopt_long: the exact name, else the
     * only one it is a prefix of; {@code ""} when it is a prefix of several (a usage error), null
     * when of none.
     */
    static @Nullable String longOption(List<String> names, String name) {
        if (name.isEmpty()) {
            return null;
        }
        String found = null;
        for (String l : names) {
            if (l.equals(name)) {
                return l;
            }
            if (l.startsWith(name)) {
                found = found == null ? l : "";
            }
        }
        return found;
    }

    private void parallel(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx) {
        int n = a.size();
        int i = 1;
        Set<String> longArgs = Set.of("jobs", "sshlogin", "max-args", "arg-file", "halt", "delay", "timeout", "joblog",
                "results", "colsep", "delimiter", "workdir", "tmpdir", "memfree", "load", "retries", "env",
                "tagstring", "basefile", "return", "transferfile", "sshloginfile", "max-replace-args", "wd");
        Arg dir = null;
        Arg argFile = null;
        while (i < n) {
            String t = a.get(i).value();
            if (t.startsWith(":::") || !t.startsWith("-") || t.length() == 1) {
                break;
            }
            if (t.equals("--")) {
                i++;
                break;
            }
            if (t.startsWith("--")) {
                int eq = t.indexOf('=');
                String name = eq < 0 ? t.substring(2) : t.substring(2, eq);
                if (name.equals("wd") || name.length() >= 2 && "workdir".startsWith(name)) {
                    // --wd DIR: each job runs in DIR ('...' is a new temporary directory)
                    dir = eq >= 0 ? cut(a.get(i), eq + 1) : i + 1 < n ? a.get(i + 1) : null;
                    if (dir != null && dir.value().equals("...")) {
                        dir = null;
                    }
                }
                i += eq < 0 && takesLong(longArgs, name) ? 2 : 1;
                continue;
            }
            boolean takes = t.length() == 2 && "jJSnNaIdCE".indexOf(t.charAt(1)) >= 0;
            if (t.equals("-a") && i + 1 < n) {
                argFile = a.get(i + 1);
            }
            i += takes ? 2 : 1;
        }
        int sep = i;
        while (sep < n && !a.get(sep).value().startsWith(":::")) {
            sep++;
        }
        List<Arg> cmd = a.subList(i, sep);
        List<Arg> values = new ArrayList<>();
        for (int k = sep + 1; k < n && !a.get(k).value().startsWith(":::"); k++) {
            values.add(a.get(k));
        }
        Ctx inner = inDirectory(ctx, dir).via("parallel", false).withRedirs(redirs);
        if (sep < n && a.get(sep).value().equals("::::")) {
            // :::: FILE...: the arguments are the lines of the files
            List<Arg> lines = new ArrayList<>();
            for (Arg f : values) {
                lines.addAll(fileLines(f, ctx));
            }
            values = lines;
        } else if (sep >= n && argFile != null) {
            values = fileLines(argFile, ctx);
        } else if (sep >= n && ctx.stdin() != null && ctx.stdin().known() != null) {
            // echo 'cmd' | parallel: each line read is an argument (or, with no command, a command)
            values = new ArrayList<>();
            for (String l : Payloads.text(ctx.stdin().known()).split("\n")) {
                if (!l.isBlank()) {
                    values.add(Arg.of(l));
                }
            }
        }
        if (values.isEmpty() || values.size() > 8) {
            values = List.of(Arg.of("{}"));
        }
        if (cmd.isEmpty()) {
            for (Arg v : values) {
                script(v, inner, "parallel", text, null);
            }
            return;
        }
        Arg line = join(cmd, 0);
        for (Arg v : values) {
            // GNU parallel quotes each argument it puts in the command: `parallel sh -c ::: 'rm -rf ~'` is sh -c 'rm -rf ~'
            String q = v.value().equals("{}") ? v.value() : "'" + v.value().replace("'", "'\\''") + "'";
            String l = line.value().contains("{}") ? line.value().replace("{}", q) : line.value() + " " + q;
            script(new Arg(l, line.dynamic() || v.dynamic(), false, line.taint() | v.taint()), inner, "parallel", text,
                    null);
        }
    }

    /** The lines of a file this call wrote with known text; empty otherwise. */
    private List<Arg> fileLines(Arg file, Ctx ctx) {
        Evaluator.Written w = ev.writtenFile(file.value(), ctx.env().cds());
        List<Arg> out = new ArrayList<>();
        if (w != null && w.content() != null) {
            for (String l : Payloads.text(w.content()).split("\n")) {
                if (!l.isBlank()) {
                    out.add(Arg.of(l));
                }
            }
        }
        return out;
    }

    private @Nullable Next su(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx, @Nullable Map<String, String> env,
            String prog) {
        int n = a.size();
        int dashDash = -1;
        for (int i = 1; i < n; i++) {
            String t = a.get(i).value();
            Arg code = null;
            if (t.equals("--")) {
                dashDash = i;
                break;
            }
            if (t.startsWith("--")) {
                // util-linux su/runuser: getopt_long, so --comm is --command
                int eq = t.indexOf('=');
                String full = longOption(SU_LONG, eq < 0 ? t.substring(2) : t.substring(2, eq));
                if ("command".equals(full) || "session-command".equals(full)) {
                    code = eq >= 0 ? cut(a.get(i), eq + 1) : i + 1 < n ? a.get(i + 1) : null;
                } else if (full != null && SU_LONG_ARGS.contains(full) && eq < 0) {
                    i++;
                }
            } else if (t.startsWith("-") && t.length() > 1) {
                for (int k = 1; k < t.length(); k++) {
                    char c = t.charAt(k);
                    if (c == 'c') {
                        code = k + 1 < t.length() ? cut(a.get(i), k + 1) : i + 1 < n ? a.get(i + 1) : null;
                        break;
                    }
                    if ("sgGwu".indexOf(c) >= 0) {
                        if (k == t.length() - 1) {
                            i++;
                        }
                        break;
                    }
                }
            }
            if (code != null) {
                script(code, ctx.via(prog, false).withRedirs(redirs), prog + " -c", text, null);
                return null;
            }
        }
        if (prog.equals("runuser") && dashDash > 0 && dashDash + 1 < n) {
            return after(a, dashDash + 1, redirs, text, ctx, "runuser", env, false);
        }
        return done(a, redirs, text, ctx);
    }

    /** util-linux script's long options (getopt_long: --c is --command). */
    private static final List<String> SCRIPT_LONG = List.of("append", "command", "echo", "log-in", "log-out", "log-io",
            "log-timing", "logging-format", "return", "flush", "force", "quiet", "timing", "help", "version");
    private static final List<String> SU_LONG = List.of("command", "session-command", "fast", "group", "supp-group",
            "login", "preserve-environment", "pty", "shell", "whitelist-environment", "user", "help", "version");
    private static final Set<String> SU_LONG_ARGS = Set.of("group", "supp-group", "shell", "whitelist-environment", "user");

    private void find(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx) {
        ev.emitFinal(a, redirs, text, ctx);
        int n = a.size();
        int i = 1;
        while (i < n) {
            String t = a.get(i).value();
            if (t.equals("-H") || t.equals("-L") || t.equals("-P") || t.startsWith("-O")) {
                i++;
            } else if (t.equals("-D")) {
                i += 2;
            } else {
                break;
            }
        }
        boolean follows = false; // -L, -H: a root that is a link is walked where it leads
        for (int k = 1; k < i; k++) {
            follows |= a.get(k).value().equals("-L") || a.get(k).value().equals("-H");
        }
        List<String> roots = new ArrayList<>();
        boolean rootsKnown = true;
        while (i < n) {
            String t = a.get(i).value();
            if (t.startsWith("-") || t.equals("(") || t.equals("!") || t.equals(")") || t.equals(",")) {
                break;
            }
            roots.add(follows && !t.endsWith("/") ? t + "/" : t);
            rootsKnown &= !a.get(i).dynamic();
            i++;
        }
        boolean minDepth = false;
        for (int k = i; k + 1 < n; k++) {
            minDepth |= a.get(k).value().equals("-mindepth") && !a.get(k + 1).value().equals("0");
        }
        for (int k = i; k < n; k++) {
            String t = a.get(k).value();
            switch (t) {
                case "-exec", "-execdir", "-ok", "-okdir" -> {
                    int j = k + 1;
                    while (j < n) {
                        String x = a.get(j).value();
                        if (x.equals(";") || (x.equals("+") && a.get(j - 1).value().equals("{}"))) {
                            break;
                        }
                        j++;
                    }
                    if (j > k + 1) {
                        List<Arg> inner = new ArrayList<>(j - k - 1);
                        for (Arg x : a.subList(k + 1, j)) {
                            // {} is each path find matches: known only at run time
                            inner.add(x.value().contains("{}") ? new Arg(x.value(), true, x.value().equals("{}"), x.taint()) : x);
                        }
                        Ctx at = ctx;
                        if (t.endsWith("dir")) {
                            // -execdir runs in the directory holding each match: for the root itself
                            // (unless -mindepth skips it) the directory part of the root as written
                            // (find ~ -execdir: /home; find . or find src: here)
                            String root = roots.isEmpty() ? "." : roots.get(0);
                            String dir = roots.size() > 1 || !rootsKnown ? dev.warden.call.Command.UNKNOWN_DIR : minDepth ? root
                                    : execdirOf(root);
                            if (dir != null) {
                                Env e = ctx.env().copy();
                                e.cd(dir);
                                at = ctx.withEnv(e);
                            }
                        }
                        unwrap(inner, List.of(), text, at.via("find " + t, false), null);
                    }
                    k = j;
                }
                case "-delete" -> {
                    List<Arg> rm = new ArrayList<>();
                    rm.add(Arg.of("rm"));
                    rm.add(Arg.of("-rf"));
                    if (roots.isEmpty()) {
                        rm.add(Arg.of("."));
                    } else {
                        for (String r : roots) {
                            rm.add(Arg.of(r));
                        }
                    }
                    ev.emitFinal(rm, List.of(), text, ctx.via("find -delete", false));
                }
                case "-fprintf" -> k += 2;
                default -> {
                    // a test's argument is data: `-name -delete` matches files named "-delete"
                    if (FIND_VALUED.contains(t) || t.startsWith("-newer") && t.length() == 8) {
                        k++;
                    }
                }
            }
        }
    }

    /** The directory find -execdir runs in for a starting point itself (dirname), or null for here. */
    private static @Nullable String execdirOf(String root) {
        String r = root;
        while (r.length() > 1 && r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        if (r.equals("~") || r.equals("$HOME") || r.equals("${HOME}")) {
            return "~/..";
        }
        int slash = r.lastIndexOf('/');
        return slash < 0 ? null : slash == 0 ? "/" : r.substring(0, slash);
    }

    /** GNU and BSD find primaries that take one argument. */
    private static final Set<String> FIND_VALUED = Set.of("-name", "-iname", "-path", "-ipath", "-wholename",
            "-iwholename", "-regex", "-iregex", "-lname", "-ilname", "-type", "-xtype", "-user", "-group", "-uid",
            "-gid", "-perm", "-size", "-mtime", "-atime", "-ctime", "-mmin", "-amin", "-cmin", "-newer", "-anewer",
            "-cnewer", "-samefile", "-inum", "-links", "-maxdepth", "-mindepth", "-fstype", "-used", "-context",
            "-printf", "-fprint", "-fprint0", "-fls", "-files0-from", "-regextype", "-flags", "-Bmin", "-Bnewer",
            "-Btime");

    /**
     * {@code npx pkg args}, {@code npm exec}, {@code pnpm dlx}, {@code yarn dlx}, {@code bunx}: the
     * runner is reported as itself (packs know {@code npx prisma ...}), and the package's program
     * runs with the arguments: {@code npx rimraf ~} is {@code rimraf ~}. A package spec names its
     * program without scope and version ({@code @scope/tool@1.2} runs {@code tool}). {@code -c}
     * (npm) takes a shell string; {@code pnpm dlx -c} runs the rest as one.
     */
    private void packageRunner(List<Arg> a, int i, List<Redirect> redirs, String text, Ctx ctx, String label) {
        ev.emitFinal(a, redirs, text, ctx);
        int n = a.size();
        boolean shellMode = false;
        Ctx inner = ctx.via(label, false).withRedirs(redirs);
        while (i < n) {
            String t = a.get(i).value();
            if (t.equals("--")) {
                i++;
                break;
            }
            if (!t.startsWith("-") || t.length() == 1) {
                break;
            }
            if (label.startsWith("pnpm") && (t.equals("-c") || t.equals("--shell-mode"))) {
                shellMode = true;
                i++;
            } else if (t.equals("-c") || t.equals("--call")) {
                if (i + 1 < n) {
                    script(a.get(i + 1), inner, label + " -c", text, null);
                }
                return;
            } else if (t.startsWith("--call=")) {
                script(cut(a.get(i), 7), inner, label + " --call", text, null);
                return;
            } else if (RUNNER_VALUED.contains(t)) {
                i += 2;
            } else {
                i++;
            }
        }
        if (i >= n) {
            return;
        }
        if (shellMode) {
            script(join(a, i), inner, label + " -c", text, null);
            return;
        }
        List<Arg> argv = new ArrayList<>(a.subList(i, n));
        Arg spec = argv.get(0);
        String name = spec.value();
        if (name.startsWith("@") && name.indexOf('/') > 0) {
            name = name.substring(name.indexOf('/') + 1);
        }
        int at = name.indexOf('@');
        if (at > 0) {
            name = name.substring(0, at);
        }
        if (!name.equals(spec.value())) {
            argv.set(0, new Arg(name, spec.dynamic(), spec.opaque(), spec.taint()));
        }
        unwrap(argv, List.of(), text, inner, null);
    }

    /** Package-runner options that take a value ({@code npx -p pkg}, {@code --workspace w}). */
    private static final Set<String> RUNNER_VALUED = Set.of("-p", "--package", "-w", "--workspace", "--cache",
            "--registry", "--userconfig", "--prefix", "--node-options", "--node-arg", "-n");

    private void ssh(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx) {
        ev.emitFinal(a, redirs, text, ctx);
        new ToolCommands(ev, this).sshOptions(a, text, ctx, "ssh");
        Opts o = Opts.scan(a, 1, "BbcDEeFIiJLlmOopQRSWw", Set.of());
        if (o.index >= a.size() || o.has('N')) {
            return;
        }
        String host = a.get(o.index).value();
        Ctx remote = new Ctx(new Env(), ctx.via(), true, List.of(), null).via("ssh " + host, true);
        if (o.index + 1 < a.size()) {
            script(join(a, o.index + 1), remote, "the remote command", text, null);
            return;
        }
        String body = stdinScript(redirs);
        if (body != null) {
            ev.runScript(body, remote, "the remote script");
        }
    }

    /**
     * {@code pssh -h hosts -i 'CMD'}, {@code pdsh -w web[1-9] CMD}, {@code clush -g all CMD}: the
     * command runs on every host named, as with {@code ssh host CMD}.
     */
    private void manyHosts(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx, String prog) {
        ev.emitFinal(a, redirs, text, ctx);
        String valued = switch (prog) {
            case "pssh", "parallel-ssh" -> "hHlptoeOxX";
            case "pdsh" -> "wxgXlRtuuf";
            case "clush" -> "wxgXlRtfuoOEb";
            default -> "mgfco";
        };
        Opts o = Opts.scan(a, 1, valued, Set.of("hosts", "host", "user", "par", "timeout", "outdir", "errdir", "option",
                "extra-args", "extra-arg", "group", "nodes", "exclude", "fanout"));
        if (o.index >= a.size()) {
            return;
        }
        Ctx remote = new Ctx(new Env(), ctx.via(), true, List.of(), null).via(prog + " (many hosts)", true);
        script(join(a, o.index), remote, "the command run on every host", text, null);
    }

    private static final Set<String> KNIFE_VALUED = Set.of("-a", "--attribute", "-C", "--concurrency", "-G",
            "--ssh-gateway", "-i", "--ssh-identity-file", "-p", "--ssh-port", "-P", "--ssh-password", "-x", "--ssh-user",
            "-c", "--config", "-s", "--server-url", "-u", "--user", "-k", "--key", "-E", "--environment", "-t",
            "--ssh-timeout", "--prefix-attribute", "--exit-on-error", "--profile");

    /**
     * {@code knife ssh QUERY COMMAND [options]}: Chef runs COMMAND on every node the search
     * query matches, as {@code pdsh} does.
     */
    private void knifeSsh(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx) {
        ev.emitFinal(a, redirs, text, ctx);
        int operands = 0;
        for (int i = 2; i < a.size(); i++) {
            String t = a.get(i).value();
            if (KNIFE_VALUED.contains(t)) {
                i++;
            } else if (!t.startsWith("-") && ++operands == 2) {
                Ctx remote = new Ctx(new Env(), ctx.via(), true, List.of(), null).via("knife ssh (many hosts)", true);
                script(a.get(i), remote, "the command run on every node", text, null);
                return;
            }
        }
    }

    private @Nullable Next container(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx, String prog) {
        int n = a.size();
        int i = 1;
        // global options
        while (i < n && a.get(i).value().startsWith("-")) {
            String t = a.get(i).value();
            boolean takes = Set.of("-H", "--host", "-c", "--context", "--config", "-l", "--log-level", "-f", "--file",
                    "-p", "--project-name", "--env-file", "--profile", "--project-directory").contains(t);
            i += takes ? 2 : 1;
        }
        if (i < n && (a.get(i).value().equals("container") || a.get(i).value().equals("compose"))) {
            i++;
            while (i < n && a.get(i).value().startsWith("-")) {
                String t = a.get(i).value();
                boolean takes = Set.of("-f", "--file", "-p", "--project-name", "--env-file", "--profile",
                        "--project-directory").contains(t);
                i += takes ? 2 : 1;
            }
        }
        if (i >= n) {
            return done(a, redirs, text, ctx);
        }
        String sub = a.get(i).value();
        if (sub.equals("unshare") && prog.equals("podman")) {
            // podman unshare CMD: CMD runs here, on this machine's files, as root of a user namespace
            ev.emitFinal(a, redirs, text, ctx);
            int at = Opts.scan(a, i + 1, "", Set.of("rootless-netns", "rootless-cni")).index;
            if (at < n) {
                unwrap(new ArrayList<>(a.subList(at, n)), redirs, text, ctx.via(prog + " unshare", false), null);
            }
            return null;
        }
        Opts o;
        if (sub.equals("exec")) {
            o = Opts.scan(a, i + 1, "euw", Set.of("env", "env-file", "user", "workdir", "detach-keys", "index"));
        } else if (sub.equals("run")) {
            o = Opts.scan(a, i + 1, "evpwuhlmac", DOCKER_RUN_LONG);
        } else {
            return done(a, redirs, text, ctx);
        }
        ev.emitFinal(a, redirs, text, ctx);
        if (o.index + 1 >= n) {
            return null;
        }
        String target = a.get(o.index).value();
        Ctx inner = new Ctx(new Env(), ctx.via(), true, List.of(), null).via(prog + " " + sub + " " + target, true);
        unwrap(new ArrayList<>(a.subList(o.index + 1, n)), List.of(), text, inner, null);
        return null;
    }

    private static final Set<String> DOCKER_RUN_LONG = Set.of(
            "env", "env-file", "volume", "mount", "publish", "workdir", "user", "name", "network", "net", "hostname",
            "entrypoint", "label", "label-file", "add-host", "cpus", "memory", "restart", "platform", "pull",
            "log-driver", "log-opt", "device", "cap-add", "cap-drop", "security-opt", "ulimit", "tmpfs", "dns",
            "gpus", "ipc", "pid", "shm-size", "stop-signal", "runtime", "link", "expose", "attach", "cidfile",
            "health-cmd", "group-add", "userns", "uts", "cgroupns", "volumes-from", "memory-swap", "cpu-shares",
            "cpuset-cpus", "detach-keys", "stop-timeout", "network-alias", "ip", "mac-address");

    /** kubectl's (and oc's) global options that take the next word as their value. */
    private static final Set<String> KUBECTL_GLOBAL_VALUED = Set.of("-n", "--namespace", "--context", "--cluster",
            "--kubeconfig", "-s", "--server", "--user", "--token", "--as", "--as-group", "--request-timeout",
            "--certificate-authority", "--client-certificate", "--client-key", "--tls-server-name", "-v", "--cache-dir");

    private @Nullable Next kubectl(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx, String prog) {
        int n = a.size();
        int sub = -1;
        for (int i = 1; i < n; i++) {
            String t = a.get(i).value();
            if (t.equals("exec")) {
                sub = i;
                break;
            }
            if (!t.startsWith("-")) {
                break;
            }
            if (KUBECTL_GLOBAL_VALUED.contains(t)) {
                i++; // kubectl -n prod exec ...: the namespace, not the subcommand
            }
        }
        if (sub < 0) {
            return done(a, redirs, text, ctx);
        }
        ev.emitFinal(a, redirs, text, ctx);
        int dd = -1;
        for (int i = sub + 1; i < n; i++) {
            if (a.get(i).value().equals("--")) {
                dd = i;
                break;
            }
        }
        Opts o = Opts.scan(a, sub + 1, "cnfs", Set.of("container", "namespace", "context", "cluster", "kubeconfig",
                "filename", "pod-running-timeout", "user", "server", "token", "as"));
        String pod = o.index < n && o.index != dd ? a.get(o.index).value() : "?";
        int cmd = dd >= 0 ? dd + 1 : o.index + 1;
        if (cmd >= n) {
            return null;
        }
        Ctx inner = new Ctx(new Env(), ctx.via(), true, List.of(), null).via(prog + " exec " + pod, true);
        unwrap(new ArrayList<>(a.subList(cmd, n)), List.of(), text, inner, null);
        return null;
    }

    // ---------------------------------------------------------------- shells

    private void shell(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx, @Nullable Map<String, String> env,
            String prog) {
        int n = a.size();
        ShellOptions.Read o = ShellOptions.read(prog, a);
        if (o.problem() != null) {
            ev.finding(Findings.UNPARSEABLE, Severity.HIGH, "could not read the options of '" + prog + "': " + o.problem()
                    + ", so which word is its script is not certain", text, Findings.UNPARSEABLE_HINT);
        }
        if (o.noExec()) {
            ev.emitFinal(a, redirs, text, ctx); // bash -n, sh -o noexec: commands are read, never run
            return;
        }
        String label = prog + " -c";
        String rc = ev.startupFile(text, ctx.env().cds());
        if (rc == null && o.command()) {
            // bash --rcfile rc.sh -ic CMD: an interactive shell runs its rc file first
            List<String> words = new ArrayList<>(n);
            for (Arg x : a) {
                words.add(x.value());
            }
            rc = ev.rcFileWritten(words, ctx.env().cds());
        }
        if (rc != null) {
            // HOME=$PWD bash -i -c ...: the shell first runs the start-up file this call wrote
            script(Arg.of(rc.startsWith("/") || rc.startsWith("~") ? ". " + rc : ". ./" + rc), ctx.via(prog + " start-up", false)
                    .withStdin(null).withRedirsCleared(),
                    prog + " start-up file", text, null);
        }
        if (o.command()) {
            if (o.scripts().isEmpty()) {
                ev.emitFinal(a, redirs, text, ctx);
                return;
            }
            Env child = ctx.env().child(env);
            for (int k = 1; k + 1 < o.operand() && !prog.equals("fish"); k++) {
                // bash -O cdable_vars -c '...': a shell option given on the command line applies inside
                String t = a.get(k).value();
                if (t.equals("-O") || t.equals("+O")) {
                    child.shopt(a.get(++k).value(), t.charAt(0) == '-');
                }
            }
            if (!prog.equals("fish") && o.positional() < n) {
                List<String> positional = new ArrayList<>();
                for (int k = o.positional(); k < n; k++) {
                    positional.add(a.get(k).dynamic() ? null : a.get(k).value());
                }
                child.positional(positional);
            }
            for (Arg code : o.scripts()) {
                script(code, ctx.withEnv(child).via(label, false).withRedirs(redirs), label, text, null);
            }
            return;
        }
        // fish -C: init commands run first, then the shell reads its script file or input
        for (Arg code : o.scripts()) {
            script(code, ctx.withEnv(ctx.env().child(env)).via(label, false).withRedirs(redirs), label, text, null);
        }
        int i = o.operand();
        if (i < n && !o.stdin()) {
            Arg file = a.get(i);
            String f = file.value();
            if ((file.taint() & Payloads.PROCSUB) != 0) {
                ev.pipeToShell(file.taint(), text, "a shell runs a script produced by");
            } else if (f.equals("/dev/stdin") || f.equals("/proc/self/fd/0") || f.equals("/dev/fd/0")) {
                stdinToShell(a, redirs, text, ctx, env, prog);
                return;
            } else if (f.equals("{}") && ctx.stdin() != null && !ctx.stdin().pipe()) {
                ev.pipeToShell(ctx.stdin().taint(), ctx.stdin().evidence(), "a shell runs scripts named by");
            }
            ev.emitFinal(a, redirs, text, ctx);
            return;
        }
        stdinToShell(a, redirs, text, ctx, env, prog);
    }

    /** A shell reading its script from standard input: a heredoc, a pipe, or a terminal. */
    private void stdinToShell(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx, @Nullable Map<String, String> env,
            String prog) {
        String body = stdinScript(redirs);
        Ctx child = ctx.withEnv(ctx.env().child(env));
        if (body != null) {
            ev.runScript(body, child.via(prog + " <<", false).withStdin(null).withRedirs(outputRedirs(redirs)),
                    "the script given to " + prog);
            return;
        }
        Stdin in = ctx.stdin();
        if (in != null && in.pipe() && !hasInputRedirect(redirs)) {
            if ((in.taint() & (Payloads.DOWNLOAD | Payloads.DECODE)) != 0 || in.known() == null) {
                ev.pipeToShell(in.taint(), in.evidence(), "a shell executes");
            }
            if (in.known() != null) {
                ev.runScript(Payloads.text(in.known()), child.via("| " + prog, false).withStdin(null)
                        .withRedirs(redirs), "the script piped into " + prog);
                return;
            }
        }
        ev.emitFinal(a, redirs, text, ctx);
    }

    private void source(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx) {
        if (a.size() >= 2) {
            Arg file = a.get(1);
            String f = file.value();
            if ((file.taint() & Payloads.PROCSUB) != 0) {
                ev.pipeToShell(file.taint(), text, "'source' runs a script produced by");
            } else if (f.equals("/dev/stdin") || f.equals("-") || f.equals("/proc/self/fd/0") || f.equals("/dev/fd/0")) {
                stdinToShell(a, redirs, text, ctx, null, a.get(0).value());
                return;
            }
        }
        ev.emitFinal(a, redirs, text, ctx);
    }

    static boolean hasInputRedirect(List<Redirect> redirs) {
        for (Redirect r : redirs) {
            if (r.op().equals("<") || r.op().equals("0<")) {
                return true;
            }
        }
        return false;
    }

    /** The text a here-document or here-string feeds to standard input, if any. */
    static @Nullable String stdinScript(List<Redirect> redirs) {
        for (Redirect r : redirs) {
            switch (r.op()) {
                case "<<", "<<-", "0<<", "0<<-" -> {
                    return r.target();
                }
                case "<<<", "0<<<" -> {
                    return r.target() + "\n";
                }
                default -> { }
            }
        }
        return null;
    }

    static List<Redirect> outputRedirs(List<Redirect> redirs) {
        List<Redirect> out = new ArrayList<>(redirs.size());
        for (Redirect r : redirs) {
            if (!r.op().contains("<<")) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * Reads a script string that a launcher executes. A string that is entirely unknown
     * ({@code bash -c "$CMD"}) is a dynamic command; a partly unknown one is read with the
     * unknown parts as written.
     */
    void script(Arg code, Ctx ctx, String label, String text, @Nullable String what) {
        if ((code.taint() & (Payloads.DOWNLOAD | Payloads.DECODE)) != 0) {
            ev.pipeToShell(code.taint(), text, "'" + label + "' executes");
        }
        if (code.opaque() && (code.taint() & Payloads.SETUP) != 0
                && (code.taint() & (Payloads.DOWNLOAD | Payloads.DECODE)) == 0) {
            // eval "$(pyenv init -)": code printed by a tool for exactly this purpose
            ev.pipeToShell(code.taint(), text, "'" + label + "' executes");
            return;
        }
        if (code.opaque()) {
            ev.finding(Findings.DYNAMIC, Severity.HIGH,
                    "the script run by '" + label + "' is only known at run time: '" + code.value() + "'", text,
                    Findings.DYNAMIC_HINT);
            return;
        }
        ev.runScript(code.value(), ctx, what == null ? "the script of '" + label + "'" : what);
    }

    /** Unwraps an argv produced elsewhere (inline code, {@code find -exec}). */
    void unwrapArgv(List<String> argv, String text, Ctx ctx) {
        List<Arg> a = new ArrayList<>(argv.size());
        for (String s : argv) {
            a.add(Arg.of(s));
        }
        unwrap(a, List.of(), text, ctx, null);
    }

    /** GNU getopt accepts any unambiguous prefix of a long option: {@code --sig} is {@code --signal}. */
    static boolean takesLong(Set<String> longArgs, String name) {
        if (longArgs.contains(name)) {
            return true;
        }
        if (name.length() < 2) {
            return false;
        }
        for (String l : longArgs) {
            if (l.startsWith(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLong(String token, String option) {
        return token.length() > 2 && token.startsWith("--") && option.startsWith(token.substring(2));
    }

    /** Options of one launcher, scanned with its table of options that take an argument. */
    static final class Opts {
        int index;
        private final StringBuilder shorts = new StringBuilder();
        private final List<String> longs = new ArrayList<>(2);

        boolean has(char c) {
            return shorts.indexOf(String.valueOf(c)) >= 0;
        }

        boolean hasLong(String name) {
            return longs.contains(name);
        }

        /**
         * Scans from {@code i}: {@code shortArgs} lists the short options that take an argument
         * (attached or next word), {@code longArgs} the long ones (with {@code =} or next word).
         * Stops at the first operand, after {@code --}.
         */
        static Opts scan(List<Arg> a, int i, String shortArgs, Set<String> longArgs) {
            Opts o = new Opts();
            int n = a.size();
            while (i < n) {
                String t = a.get(i).value();
                if (t.equals("--")) {
                    i++;
                    break;
                }
                if (t.startsWith("--") && t.length() > 2) {
                    int eq = t.indexOf('=');
                    String name = eq < 0 ? t.substring(2) : t.substring(2, eq);
                    o.longs.add(name);
                    i += eq < 0 && takesLong(longArgs, name) ? 2 : 1;
                    continue;
                }
                if (t.length() > 1 && t.charAt(0) == '-') {
                    int at = valuedAt(t, shortArgs);
                    o.shorts.append(t, 1, at < 0 ? t.length() : at + 1);
                    i += at >= 0 && at == t.length() - 1 ? 2 : 1;
                    continue;
                }
                break;
            }
            o.index = Math.min(i, n);
            return o;
        }
    }
}
