package dev.warden.analysis.exec;

import static dev.warden.call.Severity.HIGH;
import static dev.warden.call.Severity.MEDIUM;

import dev.warden.analysis.Invocation;
import dev.warden.analysis.Pack;
import dev.warden.analysis.Place;
import dev.warden.analysis.Report;
import dev.warden.analysis.Rule;
import dev.warden.call.PathUse;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Code execution Warden cannot see into, and the ways to change what runs: privilege
 * escalation, interactive shells opened through launchers, inline interpreter code with side
 * effects, environment variables that inject code ({@code LD_PRELOAD}, {@code BASH_ENV},
 * {@code NODE_OPTIONS=--require}), aliases over common commands, sourcing scripts from
 * temporary places, debuggers attaching to processes.
 *
 * <p>Policy choices: a bare {@code sh} or {@code python3 -c 'print(1)'} is harmless and left
 * alone; what matters is that code Warden cannot read does something (spawns processes, writes
 * files, opens sockets). A shell opened through a launcher ({@code exec bash},
 * {@code find -exec sh}, {@code sudo bash}) is a session Warden cannot see into: MEDIUM (HIGH as root).
 */
final class ExecPack implements Pack {

    static final Rule PRIVILEGE = new Rule("exec.privilege", MEDIUM,
            "runs a command as root (sudo, doas, su, pkexec)", "sudo apt update",
            "run without sudo; ask the user for steps that need root");
    static final Rule ROOT_SHELL = new Rule("exec.root-shell", HIGH,
            "opens a root shell", "sudo -i", "ask the user for steps that need root");
    static final Rule INTERACTIVE = new Rule("exec.interactive-shell", MEDIUM,
            "opens a shell or terminal session whose commands Warden cannot see", "find . -exec bash \\;",
            "run the specific commands you need directly");
    static final Rule INLINE_CODE = new Rule("exec.inline-code", MEDIUM,
            "runs inline interpreter code that spawns processes, writes files, opens connections or evaluates code",
            "python3 -c 'import os; os.system(\"id\")'", "write the code to a file in the project and run that file");
    static final Rule DYNAMIC_CODE = new Rule("exec.dynamic-code", MEDIUM,
            "runs code that is only known at run time (a variable or substitution)", "python3 -c \"$PAYLOAD\"",
            "write the code out literally");
    static final Rule ENV_INJECTION = new Rule("exec.env-injection", HIGH,
            "sets an environment variable that injects code into every program started (LD_PRELOAD, BASH_ENV, "
                    + "NODE_OPTIONS --require, JAVA_TOOL_OPTIONS -javaagent, ...)", "LD_PRELOAD=/tmp/evil.so ls",
            "do not inject libraries or start-up code into other programs");
    static final Rule ENV_CHANGE = new Rule("exec.env-change", MEDIUM,
            "changes PATH, HOME, proxies or TLS verification for the commands that follow",
            "export PATH=/tmp/evil", "append to PATH instead of replacing it (PATH=\"$PATH:/dir\"); do not proxy or disable TLS checks");
    static final Rule SHADOW = new Rule("exec.shadow-command", MEDIUM,
            "redefines a common command with an alias or function", "alias ls='rm -rf /'",
            "give the helper its own name");
    static final Rule SOURCE = new Rule("exec.source-untrusted", MEDIUM,
            "sources a script from a temporary or unknown location into the current shell", "source /tmp/x.sh",
            "read the script first and run a reviewed copy inside the project");
    static final Rule TEMP_BINARY = new Rule("exec.temp-program", MEDIUM,
            "runs a program from a temporary directory or through an unusual path", "/tmp/p",
            "build or install programs into the project and run them from there");
    static final Rule DEBUGGER = new Rule("exec.debugger-attach", HIGH,
            "attaches a debugger or tracer to a running process, which exposes its memory and secrets",
            "gdb -p 1234", "debug processes you start yourself, from the start");
    static final Rule UNSUPERVISED_LOOP = new Rule("exec.shell-escape", MEDIUM,
            "runs a shell from inside another tool (editor, pager, debugger, expect)", "vim -c '!sh'",
            "run the command directly");

    static final List<Rule> RULES = List.of(PRIVILEGE, ROOT_SHELL, INTERACTIVE, INLINE_CODE, DYNAMIC_CODE,
            ENV_INJECTION, ENV_CHANGE, SHADOW, SOURCE, TEMP_BINARY, DEBUGGER, UNSUPERVISED_LOOP);

    static final Set<String> SHELLS = Set.of("sh", "bash", "zsh", "dash", "ksh", "mksh", "ash", "fish", "rbash",
            "yash", "posh", "tcsh", "csh", "lksh", "pdksh", "oksh", "hush", "elvish", "nu", "xonsh", "pwsh");
    private static final Set<String> COMMON = Set.of("ls", "cd", "git", "sudo", "cat", "rm", "cp", "mv", "grep",
            "echo", "ssh", "curl", "wget", "python", "python3", "node", "npm", "make", "sh", "bash", "pwd", "kill",
            "ps", "find", "chmod", "chown", "less", "vi", "vim", "test", "true", "false", "exit", "env", "which",
            "command", "builtin", "exec", "eval", "source", "printf", "read", "docker", "kubectl", "warden", "claude");
    private static final Set<String> WRAPPERS = Set.of("strace", "ltrace", "valgrind", "script", "screen", "rlwrap",
            "unbuffer", "expect", "tmux", "byobu", "dtruss", "perf", "gdb", "lldb", "socat", "ncat", "nc", "netcat",
            "busybox", "toybox", "chroot", "unshare", "nsenter", "firejail", "bwrap", "proot", "systemd-run");
    private static final Set<String> INTERPRETERS = Set.of("python", "pypy", "node", "deno", "bun", "ruby", "perl",
            "php", "lua", "luajit", "rscript", "julia", "osascript", "tclsh", "wish", "awk", "gawk", "mawk", "nawk",
            "jshell", "groovy", "kotlin", "scala", "elixir", "erl", "pwsh", "powershell", "expect", "gcc", "cc",
            "clang", "g++", "tcc", "r", "cmake", "guile", "sbcl", "clisp", "racket", "bb", "iex", "ipython", "ipython3",
            "csi", "gosh", "chez", "scheme", "ecl", "ccl", "swipl", "octave", "octave-cli", "matlab", "pylint", "ghc", "ghci", "runghc", "runhaskell", "puppet",
            "raku", "perl6", "rakudo", "janet", "pike", "nbb", "hy", "crystal", "mix", "sbt", "kotlinc", "kotlinc-jvm",
            "chibi-scheme", "fennel", "gforth", "planck", "lfe", "coffee", "rdmd", "maxima", "jbang", "nim", "amm", "dotnet");

    @Override
    public String name() {
        return "exec";
    }

    @Override
    public List<Rule> rules() {
        return RULES;
    }

    @Override
    public Set<String> programs() {
        return Set.of();
    }

    @Override
    public boolean everyCommand() {
        return true;
    }

    @Override
    public void inspect(Invocation c, Report out) {
        String prog = c.program();
        if (!c.env().isEmpty()) {
            environment(c, c.env(), false, out);
        }
        if (!c.command().via().isEmpty() && c.privileged() && !prog.isEmpty()) {
            if (SHELLS.contains(prog) && interactive(c)) {
                out.add(ROOT_SHELL.finding(c.text()));
            } else {
                out.add(PRIVILEGE.finding(c.text()));
            }
        }
        if (LOADERS.contains(prog)) {
            loadsTempCode(c, out);
        }
        if (prog.isEmpty()) {
            return;
        }
        String written = c.command().argv().isEmpty() ? "" : c.command().argv().get(0);
        if (written.indexOf('/') >= 0 || written.indexOf('*') >= 0 || written.indexOf('?') >= 0) {
            programPath(c, written, out);
        }
        if (SHELLS.contains(prog)) {
            if (prog.equals("pwsh")) {
                Interpreters.inspect(c, out); // PowerShell's -c is not Bash: the parser cannot read it
                if (Interpreters.code(c) != null) {
                    return; // (-Command '$PSVersionTable': PowerShell's own variable, not a script chosen at run time)
                }
            }
            shell(c, out);
            return;
        }
        if (INTERPRETERS.contains(prog)) {
            Interpreters.inspect(c, out);
        }
        switch (prog) {
            case "sudo", "doas", "su", "pkexec", "run0", "runuser", "sudoedit", "ksu", "calife" -> privilege(c, out);
            case "nsenter", "machinectl", "capsh", "chroot", "systemd-run", "ssh", "gdbus", "dbus-send", "busctl", "lxc",
                    "incus" -> rootBy(c, out);
            case "enable" -> {
                if (c.flag("-f")) {
                    // enable -f LIB NAME loads native code into the running shell
                    out.add(ENV_INJECTION.finding("loads a shared library into the shell (enable -f)", c.text()));
                }
            }
            case "export", "declare", "typeset", "setenv" -> exported(c, out);
            case "env" -> {
                if (!c.args().isEmpty()) {
                    environment(c, assignments(c.args()), false, out);
                }
            }
            case "alias" -> alias(c, out);
            case "source", "." -> source(c, out);
            case "gdb", "lldb", "strace", "ltrace", "dtrace", "dtruss", "perf", "bpftrace", "gcore", "pmap", "frida" -> debugger(c, out);
            case "vim", "vi", "nvim", "ex", "view", "less", "more", "man", "emacs", "nano", "ed", "mail", "ftp" -> escape(c, out);
            case "zmodload" -> {
                for (String a : c.args()) {
                    if (a.startsWith("zsh/net") || a.equals("zsh/system") || a.equals("zsh/zpty")) {
                        out.add(UNSUPERVISED_LOOP.finding("loads a zsh module that opens sockets, ptys or raw system calls", c.text()));
                        return;
                    }
                }
            }
            case "coproc", "exec" -> {
                List<String> ops = c.operands(Set.of("-a"));
                if (!ops.isEmpty() && SHELLS.contains(Invocation.normalise(ops.get(0)))) {
                    out.add(INTERACTIVE.finding(c.text()));
                }
            }
            default -> {
                if (WRAPPERS.contains(prog)) {
                    wrapper(c, out);
                }
            }
        }
    }

    // ---- shells ----------------------------------------------------------------------------

    /** A shell's options (those before its script operand) and its operands. */
    private record ShellArgs(boolean command, boolean interactiveFlag, List<String> operands) {

        static ShellArgs of(Invocation c) {
            boolean fish = c.program().equals("fish");
            boolean command = false;
            boolean interactive = false;
            List<String> args = c.args();
            int i = 0;
            for (; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("--")) {
                    i++;
                    break;
                }
                if (!(a.startsWith("-") || a.startsWith("+")) || a.length() < 2) {
                    break;
                }
                if (a.startsWith("--")) {
                    String name = a.indexOf('=') > 0 ? a.substring(0, a.indexOf('=')) : a;
                    switch (name) {
                        case "--command" -> command = true;
                        case "--interactive" -> interactive = true;
                        case "--init-command", "--rcfile", "--init-file" -> {
                            if (a.indexOf('=') < 0) {
                                i++;
                            }
                        }
                        case "--no-execute", "--version", "--help", "--profile" -> command |= fish;
                        default -> { }
                    }
                    continue;
                }
                for (int k = 1; k < a.length(); k++) {
                    char l = a.charAt(k);
                    if (l == 'c') {
                        command = true;
                    } else if (l == 'i' || l == 's') {
                        interactive = true;
                    } else if (l == 'n' || fish && (l == 'v' || l == 'h' || l == 'p')) {
                        command = true; // (-n: noexec, a syntax check that runs nothing)
                    } else if ((l == 'o' || l == 'O') && !fish || l == 'C' && fish) {
                        if (k == a.length() - 1) {
                            command |= l == 'o' && i + 1 < args.size() && args.get(i + 1).equals("noexec");
                            i++;
                        }
                        break;
                    }
                }
            }
            List<String> ops = i < args.size() ? args.subList(i, args.size()) : List.of();
            return new ShellArgs(command, interactive, ops);
        }
    }

    /** No script and no command: the shell reads commands from its input or a terminal. */
    private static boolean interactive(Invocation c) {
        ShellArgs a = ShellArgs.of(c);
        return !a.command() && (a.operands().isEmpty() || a.interactiveFlag());
    }

    private static void shell(Invocation c, Report out) {
        ShellArgs a = ShellArgs.of(c);
        List<String> ops = a.operands();
        List<String> via = c.command().via();
        if (!a.command() && (ops.isEmpty() || a.interactiveFlag())) {
            if (!via.isEmpty() && !c.privileged() && !onlyHarmless(via)) {
                out.add(INTERACTIVE.finding(c.text()));
            }
            return;
        }
        if (a.command()) {
            return; // the parser reads the script; a dynamic one is reported there
        }
        if (!ops.isEmpty()) {
            String script = ops.get(0);
            if (script.contains("{}") || Invocation.dynamic(script) || c.via("find") || c.via("xargs")) {
                out.add(DYNAMIC_CODE.finding("runs files or code chosen at run time as shell scripts", c.text()));
                return;
            }
            Optional<Path> p = c.path(script);
            if (p.isPresent()) {
                out.path(p.get().toString(), PathUse.Access.EXECUTE, c.text());
                Place place = c.place(p.get());
                if (place == Place.TEMP || place == Place.TEMP_ROOT || place == Place.DEVICE || script.startsWith("/dev/fd/")
                        || script.equals("/dev/stdin")) {
                    out.add(SOURCE.finding(MEDIUM, "runs a script from a temporary or unknown location", c.text()));
                }
            }
        }
    }

    private static boolean onlyHarmless(List<String> via) {
        for (String v : via) {
            String head = v.indexOf(' ') < 0 ? v : v.substring(0, v.indexOf(' '));
            switch (head) {
                case "eval", "command", "builtin", "nohup", "time", "timeout", "nice", "stdbuf", "env", "ionice", "chrt",
                        "taskset", "|" -> { }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Root reached without sudo: entering PID 1's namespaces ({@code nsenter -t 1}), a root
     * machine shell ({@code machinectl shell root@}), {@code capsh --uid=0}, {@code ssh
     * root@localhost}, a transient root unit ({@code systemd-run}), creating an account over
     * D-Bus, or a privileged container ({@code lxc ... security.privileged=true}).
     */
    private static void rootBy(Invocation c, Report out) {
        String prog = c.program();
        List<String> args = c.args();
        String all = String.join(" ", args);
        boolean root = switch (prog) {
            case "nsenter" -> {
                boolean pid1 = false;
                for (int i = 0; i < args.size(); i++) {
                    String a = args.get(i);
                    pid1 |= a.equals("-t1") || a.equals("--target=1")
                            || (a.equals("-t") || a.equals("--target")) && i + 1 < args.size() && args.get(i + 1).equals("1");
                }
                yield pid1;
            }
            case "machinectl" -> (args.contains("shell") || args.contains("login")) && (all.contains("root@") || all.contains(".host"));
            case "capsh" -> all.contains("--uid=0") || all.contains("--gid=0") || all.contains("--user=root");
            case "chroot" -> !args.isEmpty() && args.get(0).equals("/");
            case "systemd-run" -> !args.contains("--user") && !args.contains("--scope") || args.contains("--uid=0");
            case "ssh" -> {
                boolean localRoot = false;
                for (String a : args) {
                    localRoot |= a.equals("root@localhost") || a.equals("root@127.0.0.1") || a.equals("root@::1");
                }
                yield localRoot || args.contains("-l") && args.contains("root") && (args.contains("localhost")
                        || args.contains("127.0.0.1"));
            }
            case "gdbus", "dbus-send", "busctl" -> all.contains("CreateUser") || all.contains("SetPassword")
                    || all.contains("StartTransientUnit");
            case "lxc", "incus" -> all.contains("security.privileged=true") || all.contains("security.privileged true");
            default -> false;
        };
        if (root) {
            out.add(ROOT_SHELL.finding("gets root without sudo (" + prog + ")", c.text()));
        }
    }

    private static void privilege(Invocation c, Report out) {
        String prog = c.program();
        List<String> ops = c.operands(Set.of("-u", "-g", "-p", "-U", "-C", "-h", "-r", "-t", "-D", "-c", "--command",
                "--user", "--group", "--prompt"));
        if (prog.equals("sudo") && c.flag("-v", "--validate", "-k", "--reset-timestamp", "-K", "-l", "--list", "-V",
                "--version", "-h", "--help") && ops.isEmpty()) {
            return;
        }
        if (prog.equals("sudoedit") || prog.equals("sudo") && c.flag("-e", "--edit")) {
            out.add(PRIVILEGE.finding("edits files as root", c.text()));
            return;
        }
        boolean shell = c.flag("-i", "--login", "-s", "--shell") || ops.isEmpty()
                || prog.equals("su") && !c.flag("-c", "--command") || prog.equals("pkexec") && ops.isEmpty();
        if (shell) {
            out.add(ROOT_SHELL.finding(c.text()));
        } else {
            out.add(PRIVILEGE.finding(c.text()));
        }
    }

    private static void wrapper(Invocation c, Report out) {
        String prog = c.program();
        List<String> ops = c.operands(Set.of("-o", "-e", "-p", "-s", "-S", "-t", "-x", "-L", "-c", "-U", "--pid", "-u"));
        if (prog.equals("tmux") || prog.equals("screen") || prog.equals("byobu")) {
            if (c.args().isEmpty() || ops.size() == 1 && SHELLS.contains(Invocation.normalise(ops.get(0)))) {
                out.add(INTERACTIVE.finding("opens a terminal multiplexer session Warden cannot see into", c.text()));
            }
            return;
        }
        if (prog.equals("expect") && c.flag("-c")) {
            return; // inline code: judged as interpreter code
        }
        for (String o : ops) {
            String n = Invocation.normalise(o);
            if (SHELLS.contains(n)) {
                out.add(INTERACTIVE.finding("runs a shell under " + prog + ", out of Warden's sight", c.text()));
                return;
            }
            if (!o.startsWith("-") && !prog.equals("script")) {
                break; // the first operand is the program; script (BSD) takes a log file first
            }
        }
        if (!ops.isEmpty() && (prog.equals("busybox") || prog.equals("toybox")) && SHELLS.contains(ops.get(0))) {
            out.add(INTERACTIVE.finding(c.text()));
        }
    }

    // ---- environment -----------------------------------------------------------------------

    private static Map<String, String> assignments(List<String> args) {
        java.util.HashMap<String, String> m = new java.util.HashMap<>();
        for (String a : args) {
            if (Invocation.isAssignment(a)) {
                int eq = a.indexOf('=');
                m.put(a.substring(0, eq), a.substring(eq + 1));
            }
        }
        return m;
    }

    private static void exported(Invocation c, Report out) {
        Map<String, String> m = assignments(c.args());
        if (!m.isEmpty()) {
            environment(c, m, true, out);
        }
        for (String a : c.args()) {
            if (a.equals("-f") || a.startsWith("BASH_FUNC_")) {
                out.add(ENV_INJECTION.finding("exports a shell function into every child shell", c.text()));
                return;
            }
        }
    }

    private static void environment(Invocation c, Map<String, String> env, boolean exported, Report out) {
        for (Map.Entry<String, String> e : env.entrySet()) {
            String k = e.getKey();
            String v = e.getValue();
            String ku = k.toUpperCase(Locale.ROOT);
            String vl = v.toLowerCase(Locale.ROOT);
            String shown = k + "=" + v;
            if (v.startsWith("() {") || v.startsWith("(){") || k.startsWith("BASH_FUNC_")) {
                out.add(ENV_INJECTION.finding("defines a shell function through the environment (" + k + ")", c.text()));
                continue;
            }
            switch (ku) {
                case "LD_PRELOAD", "LD_AUDIT", "DYLD_INSERT_LIBRARIES", "BASH_ENV", "ENV", "PROMPT_COMMAND",
                        "PYTHONSTARTUP", "PERL5OPT", "ZDOTDIR", "GIT_EXEC_PATH", "LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH",
                        "PYTHONINSPECT" -> {
                    if (ku.equals("ENV") && !SHELLS.contains(c.program()) && !exported) {
                        continue; // ENV= matters only to sh
                    }
                    if ((ku.equals("LD_LIBRARY_PATH") || ku.equals("DYLD_LIBRARY_PATH")) && !outsideProject(c, v)) {
                        continue;
                    }
                    out.add(ENV_INJECTION.finding("sets " + shown + ", which injects code into the programs that follow", c.text()));
                }
                case "NODE_OPTIONS" -> {
                    if (vl.contains("--require") || vl.contains("-r ") || vl.contains("--import") || vl.contains("--loader")
                            || vl.contains("--experimental-loader") || vl.contains("--inspect")) {
                        out.add(ENV_INJECTION.finding("sets " + shown, c.text()));
                    }
                }
                case "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "MAVEN_OPTS", "GRADLE_OPTS" -> {
                    if (vl.contains("-javaagent") || vl.contains("-agentpath") || vl.contains("-agentlib")) {
                        out.add(ENV_INJECTION.finding("sets " + shown, c.text()));
                    }
                }
                case "RUBYOPT" -> {
                    if (vl.contains("-r")) {
                        out.add(ENV_INJECTION.finding("sets " + shown, c.text()));
                    }
                }
                case "PYTHONPATH", "RUBYLIB", "PERL5LIB", "NODE_PATH", "PERLLIB", "CLASSPATH" -> {
                    if (outsideProject(c, v)) {
                        out.add(ENV_INJECTION.finding(MEDIUM, "loads libraries from outside the project (" + shown + ")", c.text()));
                    }
                }
                case "PATH" -> {
                    int self = v.indexOf("$PATH") >= 0 ? v.indexOf("$PATH") : v.indexOf("${PATH");
                    String head = v.indexOf(':') > 0 ? v.substring(0, v.indexOf(':')) : v;
                    if (self < 0 && !v.contains("/usr/bin") && !v.equals("")) {
                        out.add(ENV_CHANGE.finding("replaces PATH with " + v + ", so common commands resolve elsewhere", c.text()));
                    } else if (self > 0 && outsideProject(c, v.substring(0, self))
                            || self < 0 && !head.startsWith("/usr/") && !head.equals("/bin") && !head.equals("/sbin")
                                    && outsideProject(c, head)) {
                        // (PATH=/tmp/x:/usr/bin: the first directory is searched before the system's)
                        out.add(ENV_CHANGE.finding("puts a temporary or foreign directory first on PATH, where it can "
                                + "shadow common commands (" + v + ")", c.text()));
                    }
                }
                case "HOME" -> {
                    if (exported) {
                        out.add(ENV_CHANGE.finding("moves HOME to " + v + " for every command that follows", c.text()));
                    }
                }
                case "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "FTP_PROXY", "RSYNC_PROXY" ->
                        out.add(ENV_CHANGE.finding("routes network traffic through the proxy " + v, c.text()));
                case "NODE_TLS_REJECT_UNAUTHORIZED", "PYTHONHTTPSVERIFY", "GIT_SSL_NO_VERIFY", "CURL_CA_BUNDLE",
                        "REQUESTS_CA_BUNDLE", "SSL_CERT_FILE", "NODE_EXTRA_CA_CERTS", "GIT_SSL_CAINFO" -> {
                    if (v.equals("0") || v.isEmpty() || ku.equals("GIT_SSL_NO_VERIFY") || outsideProject(c, v)) {
                        out.add(ENV_CHANGE.finding("weakens TLS certificate checks (" + shown + ")", c.text()));
                    }
                }
                case "NPM_CONFIG_REGISTRY", "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "UV_INDEX_URL", "UV_EXTRA_INDEX_URL",
                        "UV_DEFAULT_INDEX", "UV_INDEX", "YARN_NPM_REGISTRY_SERVER", "YARN_REGISTRY", "BUN_CONFIG_REGISTRY",
                        "GOPROXY", "GONOSUMDB", "GONOSUMCHECK", "GOFLAGS", "GOINSECURE", "PIP_FIND_LINKS",
                        "PIP_TRUSTED_HOST", "CARGO_REGISTRIES_CRATES_IO_PROTOCOL", "POETRY_SOURCE_URL" -> {
                    // the default registries by host (not by substring: registry.npmjs.org.evil.example is not one)
                    String host = String.valueOf(dev.warden.analysis.Hosts.hostOf(vl.split(",")[0].strip()));
                    boolean defaultSource = DEFAULT_REGISTRIES.contains(host);
                    if (!defaultSource && !(ku.equals("GOFLAGS") && !vl.contains("-insecure") && !vl.contains("-modfile"))
                            && !(ku.equals("PIP_FIND_LINKS") && !vl.contains("://"))) {
                        out.add(ENV_CHANGE.finding(HIGH, "installs packages from another source (" + shown + ")", c.text()));
                    }
                }
                case "PIP_CONFIG_FILE", "NPM_CONFIG_USERCONFIG", "NPM_CONFIG_GLOBALCONFIG", "CARGO_HOME", "AWS_CONFIG_FILE",
                        "AWS_SHARED_CREDENTIALS_FILE", "KUBECONFIG", "DOCKER_CONFIG", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM",
                        "XDG_CONFIG_HOME", "PYTHONUSERBASE", "GNUPGHOME", "SSH_CONFIG", "BUNDLE_GEMFILE",
                        "CLOUDSDK_CONFIG", "MAVEN_ARGS", "CONDARC", "UV_CONFIG_FILE", "PIP_REQUIRE_VIRTUALENV" -> {
                    Place where = c.path(v).map(c::place).orElse(Place.OUTSIDE);
                    boolean made = where == Place.PROJECT || where == Place.PROJECT_ROOT || where == Place.TEMP
                            || where == Place.TEMP_ROOT || Invocation.dynamic(v);
                    if (made && !ku.equals("PIP_REQUIRE_VIRTUALENV") && !ku.equals("MAVEN_ARGS") && !ku.equals("BUNDLE_GEMFILE")) {
                        // a configuration the call may have just written: its registries, credential
                        // processes, exec plugins and hooks are chosen here
                        out.add(ENV_CHANGE.finding("points " + c.program() + " at another configuration (" + shown
                                + "), whose registries, helpers and hooks run unseen", c.text()));
                    }
                }
                case "HISTFILE", "HISTSIZE", "HISTFILESIZE", "HISTCONTROL" -> {
                    if (vl.equals("/dev/null") || vl.equals("0") || vl.isEmpty()) {
                        out.add(ENV_CHANGE.finding(HIGH, "stops recording shell history (covers tracks)", c.text()));
                    }
                }
                default -> {
                    if (ku.startsWith("GIT_TRACE") && (v.startsWith("/") || v.startsWith("~") || v.startsWith("."))) {
                        // GIT_TRACE=~/.ssh/authorized_keys git status $'\nssh-ed25519 ...': git appends its trace there
                        c.path(v).ifPresent(p -> out.path(p.toString(), dev.warden.call.PathUse.Access.WRITE, c.text()));
                    } else if (ku.startsWith("NPM_CONFIG_") && (ku.endsWith("_REGISTRY") || ku.endsWith(":REGISTRY"))) {
                        out.add(ENV_CHANGE.finding(HIGH, "installs packages from another source (" + shown + ")", c.text()));
                    }
                    if (ku.equals("HTTP_PROXY") || k.equals("http_proxy") || k.equals("https_proxy") || k.equals("all_proxy")) {
                        out.add(ENV_CHANGE.finding("routes network traffic through the proxy " + v, c.text()));
                    }
                }
            }
        }
    }

    private static final Set<String> DEFAULT_REGISTRIES = Set.of("registry.npmjs.org", "registry.yarnpkg.com",
            "pypi.org", "pypi.python.org", "proxy.golang.org", "index.crates.io", "rubygems.org");

    private static boolean outsideProject(Invocation c, String value) {
        for (String part : value.split(":")) {
            if (part.isEmpty() || Invocation.dynamic(part)) {
                continue;
            }
            Optional<Path> p = c.path(part);
            if (p.isEmpty()) {
                continue;
            }
            Place place = c.place(p.get());
            if (place == Place.TEMP || place == Place.TEMP_ROOT || place == Place.OUTSIDE || place == Place.DEVICE) {
                return true;
            }
        }
        return false;
    }

    // ---- aliases, source, debuggers --------------------------------------------------------

    private static void alias(Invocation c, Report out) {
        for (String a : c.args()) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = a.substring(0, eq);
            if (COMMON.contains(name)) {
                out.add(SHADOW.finding("redefines the common command " + name + " as '" + a.substring(eq + 1) + "'", c.text()));
            }
        }
    }

    private static void source(Invocation c, Report out) {
        List<String> ops = c.operands();
        if (ops.isEmpty()) {
            return;
        }
        String f = ops.get(0);
        if (Invocation.dynamic(f)) {
            out.add(SOURCE.finding("sources a script whose path is decided at run time", c.text()));
            return;
        }
        if (f.equals("/dev/stdin") || f.startsWith("/proc/self/fd/") || f.startsWith("/dev/fd/") && f.length() == 9) {
            out.add(SOURCE.finding("sources a script from a file descriptor", c.text()));
            return;
        }
        Optional<Path> p = c.path(f);
        if (p.isPresent()) {
            Place place = c.place(p.get());
            if (place == Place.TEMP || place == Place.TEMP_ROOT) {
                out.add(SOURCE.finding(c.text()));
                return;
            }
            String name = p.get().getFileName() == null ? "" : p.get().getFileName().toString();
            if (RC_FILES.contains(name)) {
                out.add(SOURCE.finding("sources a shell start-up file, which can change PATH, aliases and functions "
                        + "for every command that follows", c.text()));
            }
        }
    }

    private static final Set<String> RC_FILES = Set.of(".bashrc", ".bash_profile", ".profile", ".zshrc", ".zshenv",
            ".zprofile", ".bash_login", ".kshrc", ".cshrc", ".tcshrc", "bashrc", "zshrc", "bash.bashrc");

    private static void debugger(Invocation c, Report out) {
        String prog = c.program();
        if (c.flag("-p", "--pid", "--attach-pid", "--attach", "-pid") || prog.equals("gcore") || prog.equals("pmap")
                || prog.equals("frida") || prog.equals("gdb") && c.operands().size() >= 2 && isNumber(c.operands().get(1))) {
            out.add(DEBUGGER.finding(c.text()));
            return;
        }
        escape(c, out);
        List<String> ops = c.operands(Set.of("-o", "-e", "-s", "-ex", "-x", "-iex", "-b", "-E", "-u"));
        if (!ops.isEmpty() && SHELLS.contains(Invocation.normalise(ops.get(0)))) {
            out.add(INTERACTIVE.finding("runs a shell under " + prog + ", out of Warden's sight", c.text()));
        }
    }

    private static boolean isNumber(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** Editors, pagers and debuggers told to run a shell command ({@code vim -c '!sh'}, {@code gdb -ex '!id'}). */
    private static void escape(Invocation c, Report out) {
        List<String> args = c.args();
        for (int i = 0; i + 1 < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-c") || a.equals("-ex") || a.equals("--eval-command") || a.equals("+") || a.equals("-iex")
                    || a.equals("--cmd") || a.equals("-o") && c.program().equals("ftp")) {
                String cmd = args.get(i + 1).strip();
                if (cmd.startsWith("!") || cmd.startsWith("shell") || cmd.startsWith(":!") || cmd.contains("system(")
                        || cmd.startsWith("r !") || cmd.startsWith("call system")) {
                    out.add(UNSUPERVISED_LOOP.finding(c.text()));
                    return;
                }
            }
            if (a.startsWith("+!") || a.startsWith("+:!") || a.startsWith("-c!")) {
                out.add(UNSUPERVISED_LOOP.finding(c.text()));
                return;
            }
        }
    }

    /** Programs with options that load code from a file (an agent, a module, an init script, a wrapper). */
    private static final Set<String> LOADERS = Set.of("java", "node", "nodejs", "deno", "bun", "gradle", "gradlew",
            "go", "mvn", "mvnw", "kotlin", "scala", "sbt", "python", "python3", "ruby", "perl", "gcc", "cc", "clang", "g++",
            "c++", "clang++", "hg", "pandoc", "protoc", "helm", "buf", "ccache");

    /** Option names (without dashes, lower case) whose value is code to load or a program to run. */
    private static final Set<String> LOAD_OPTIONS = Set.of("javaagent", "agentpath", "import", "require", "r", "loader",
            "experimental-loader", "init-script", "i", "toolexec", "exec", "preload", "b", "fplugin", "specs", "wrapper",
            "filter", "lua-filter", "f", "l", "plugin", "post-renderer");

    /**
     * {@code java -agentpath:/tmp/x.so}, {@code node --import /tmp/x.mjs}, {@code gradle --init-script
     * /tmp/x.gradle}, {@code go build -toolexec=/tmp/x}: code from a temporary directory is loaded
     * into the build or program, as running {@code /tmp/x} would run it.
     */
    private static void loadsTempCode(Invocation c, Report out) {
        List<String> args = c.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("-")) {
                continue;
            }
            int dashes = a.startsWith("--") ? 2 : 1;
            String name = a.substring(dashes);
            String value = null;
            int sep = name.indexOf(':') >= 0 && (name.startsWith("javaagent") || name.startsWith("agentpath"))
                    ? name.indexOf(':') : name.indexOf('=');
            if (sep > 0) {
                value = name.substring(sep + 1);
                name = name.substring(0, sep);
            } else if (dashes == 1 && name.length() > 1 && name.charAt(1) == '/' && LOAD_OPTIONS.contains(
                    name.substring(0, 1).toLowerCase(java.util.Locale.ROOT))) {
                value = name.substring(1); // gcc -B/tmp/bin: the value attached
                name = name.substring(0, 1);
            } else if (i + 1 < args.size()) {
                value = args.get(i + 1);
            }
            if (value == null || !LOAD_OPTIONS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                continue;
            }
            String file = value.strip();
            int cut = file.indexOf('=');
            if (name.equalsIgnoreCase("plugin") && cut > 0) {
                file = file.substring(cut + 1); // protoc --plugin=protoc-gen-x=/tmp/x: the program after the name
                cut = -1;
            }
            file = cut > 0 && !file.startsWith("=") ? file.substring(0, cut) : file; // -javaagent:x.jar=options
            cut = file.indexOf(' ');
            file = cut > 0 ? file.substring(0, cut) : file; // -toolexec '/tmp/x arg'
            Optional<Path> p = c.path(file);
            if (p.isPresent()) {
                Place place = c.place(p.get());
                if (place == Place.TEMP || place == Place.TEMP_ROOT) {
                    out.add(TEMP_BINARY.finding("loads code from a temporary directory (" + a + " " + file + ")", c.text()));
                    return;
                }
            }
        }
    }

    /**
     * {@code python3 -m venv /tmp/t && /tmp/t/bin/pip install dist/x.whl}: a program in the bin
     * directory of a virtual environment the same call made (a copy of the system's interpreter and
     * pip). A program the call wrote or copied there itself is not trusted for this.
     */
    private static boolean madeVenv(Invocation c, String written) {
        int bin = written.lastIndexOf("/bin/");
        if (bin <= 0) {
            return false;
        }
        String dir = written.substring(0, bin);
        String script = c.script();
        for (String maker : new String[] {"-m venv ", "virtualenv ", "uv venv ", "-m virtualenv "}) {
            for (int at = script.indexOf(maker); at >= 0; at = script.indexOf(maker, at + 1)) {
                String rest = script.substring(at + maker.length()).replace("\"", "").replace("'", "");
                while (rest.startsWith("-")) {
                    int sp = rest.indexOf(' ');
                    rest = sp < 0 ? "" : rest.substring(sp + 1);
                }
                if (rest.startsWith(dir) && (rest.length() == dir.length() || " ;&|/\n".indexOf(rest.charAt(dir.length())) >= 0)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void programPath(Invocation c, String written, Report out) {
        if (written.indexOf('*') >= 0 || written.indexOf('?') >= 0 || written.indexOf('[') >= 0) {
            out.add(TEMP_BINARY.finding("the program name is a glob pattern, resolved only at run time", c.text()));
            return;
        }
        if (written.startsWith("/proc/")) {
            return; // the shell reader reports programs reached through /proc or '..' (launchers included)
        }
        Optional<Path> p = c.path(written);
        if (p.isPresent()) {
            Place place = c.place(p.get());
            if ((place == Place.TEMP || place == Place.TEMP_ROOT || place == Place.DEVICE)
                    && !(madeVenv(c, written) && !out.written(p.get().toString()))) {
                out.add(TEMP_BINARY.finding(c.text()));
            }
            out.path(p.get().toString(), PathUse.Access.EXECUTE, c.text());
        }
    }
}
