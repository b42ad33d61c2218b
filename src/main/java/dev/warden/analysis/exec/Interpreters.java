package dev.warden.analysis.exec;

import dev.warden.analysis.Invocation;
import dev.warden.analysis.Report;
import dev.warden.call.Command;
import dev.warden.call.PathUse;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Inline interpreter code ({@code python3 -c}, {@code node -e}, {@code perl -e}, awk programs,
 * code fed through a here-document): flagged when it has side effects Warden cannot follow, and
 * read for the literal paths it opens so that path rules (secrets, self-protection) still apply.
 * The shell parser separately turns recognisable calls ({@code os.system("...")},
 * {@code shutil.rmtree(...)}) into commands; this is the net for everything else.
 */
final class Interpreters {

    /** Side effects whatever else the code does: processes, network, dynamic code, deletion. */
    private static final String[] EFFECTS = {"system \"", "system '", "system\"", "exec ", "exec\"", "popen",
            "subprocess", "spawn", "child_process", "execsync", "execfile", "eval ", "pty", "socket", "urlopen", "urllib",
            "requests.", "http.client", "httplib", "fetch(", "xmlhttprequest", "net.", "file.write", "file.delete",
            "writefile", "unlink", "rmtree", "rmsync", "fs.rm", "shutil", "__import__", "importlib", "ctypes", "marshal",
            "pickle", "b64decode", "base64", "decode64", "codecs", "getattr(", "process.binding", "process.kill",
            "kernel.", "io.popen", "os.execute", "shell_exec", "passthru", "proc_open", "do shell script",
            "runtime.getruntime", "processbuilder", "interact", "chmod", "chown", "setuid", "mkdir", "fileutils",
            "net::http", "open-uri", "lwp", "io::socket", "curl", "wget", "invoke-expression", "invoke-webrequest",
            "invoke-restmethod", "invoke-command", "invoke-item", "invoke-cimmethod", "invoke-wmimethod", "start-process", "iex", "dlopen", "deno.run",
            "deno.command", ".rm(", ".rmsync", ".rmdir", ".unlink", ".cp(", "\"rm\"+", "'rm'+", "fs[", "fs.promises", "cpsync", "copyfile", "__dict__", "extractall", "import os as",
            "file::path", "file::copy", "remove_tree", "system @", "exec @", "system $", "exec $", "file_put_contents", "fwrite(", "remove_recurse", "execute_process", "file(remove", "recursive=true", "recursive = true",
            "os.system", "os.popen", "os.exec", "os.spawn", "os.fork", "os.kill", "os.remove",
            "os.rmdir", "os.removedirs", "os.rename", "os.replace", "os.chmod", "os.chown", "os.makedirs", "os.symlink",
            "os.link", "os.truncate", "os.write", "os.dup2", "os.setuid", "os.putenv", "os.unsetenv", "os.chdir",
            "require('http", "require(\"http", "require('net", "require(\"net", "require('tls", "require(\"tls",
            "require('dgram", "require(\"dgram", "from 'http", "from \"http",
            // Erlang, Elixir, Scheme and Lisp: os:cmd, System.cmd, (system ...), run-program, ext:shell
            "os:cmd", ":os.cmd", "system.cmd", "file.rm", "(system ", "run-program", "port.open", "file:delete", "file:del_dir",
            "file.remove", "run(`", "ext:shell", "ext:run-shell-command",
            "(shell", "process/shell", "(sh ", "sh/sh", "open-output-pipe", "(process ",
            // Raku, Janet, Pike, Crystal and Scala: shell "...", os/shell, Process.system, sys.process
            "shell \"", "shell '", "shell(", "run \"", "run '", "qx{", "os/shell", "os/execute", "os/spawn", "os/rm",
            "process.system", "process.create_process", "process.run", "process.new", "sys.process", "file.delete(",
            "dir.delete", "directory.delete", "fileutils.rm", "executeshell", "spawnprocess", "spawnshell", "removedir(",
            "removefile(", "execshellcmd", "execprocess", "\" system", "' system", "shell/sh", "]::delete", "]::write",
            "]::copy", "]::move", "]::start(", "]::appendalltext",
            // PowerShell cmdlets that change files and processes
            "remove-item", "set-content", "add-content", "out-file", "copy-item", "move-item", "clear-content",
            "new-item", "stop-process", "set-executionpolicy", "iwr ", "irm ", "unix(", "dos(",
            // Racket, Haskell and Puppet: deleting files, running processes, exec resources
            "delete-directory", "delete-file", "removedirectory", "removefile", "removepathforcibly", "callcommand",
            "callprocess", "readprocess", "system.process", "createprocess", "exec {", "ensure => absent",
            "ensure=>absent"};
    /** PowerShell's built-in aliases of cmdlets with side effects. */
    private static final java.util.Set<String> PWSH_ALIASES = java.util.Set.of("rm", "ri", "del", "erase", "rd", "rmdir",
            "mv", "mi", "move", "cp", "cpi", "copy", "sc", "ac", "ni", "md", "mkdir", "kill", "spps", "saps", "start",
            "iex", "icm", "iwr", "irm", "curl", "wget", "clc", "ren", "rni", "sp", "cpp", "clear-item", "sal", "nal", "ipmo");

    /** Functions of Python's os module that act, for {@code from os import ...}. */
    private static final String[] OS_EFFECTS = {"system", "popen", "exec", "spawn", "fork", "kill", "remove", "rmdir",
            "removedirs", "rename", "replace", "chmod", "chown", "makedirs", "mkdir", "symlink", "link", "truncate",
            "write", "dup2", "setuid", "putenv", "unlink", "*"};
    /**
     * Builtins that act only when called bare: {@code eval(x)} evaluates code, {@code model.eval()}
     * and {@code re.compile(p)} do not.
     */
    private static final String[] BARE = {"system(", "exec(", "eval(", "compile(", "remove(", "rename(", "kill("};
    /**
     * Reading: opening files, loading modules, the os module. Alone harmless
     * ({@code json.load(open('package.json'))}, {@code require('./package.json').version},
     * {@code os.getcwd()}); with a write or a secret's name, part of something that is not.
     */
    private static final String[] READS = {"open(", "os.", "fs.", "require(", "import(", "deno.", "bun.", "io.open",
            "file.open", "file.new", "load(", "file.read"};
    /** Backticks run commands in Perl, Ruby and PHP, not in JavaScript (template literals). */
    private static final java.util.Set<String> BACKTICK_RUNS = java.util.Set.of("perl", "ruby", "php", "osascript");
    /**
     * Pipes to and from commands: Perl's and Ruby's {@code open("| cmd")}, awk's
     * {@code print | "cmd"} and {@code "cmd" | getline}. In Python, {@code "|".join(x)} is a string.
     */
    private static final String[] PIPES = {"| \"", "|\"", "\"|", "'|", "|'", "-|", "|-", "getline"};
    private static final java.util.Set<String> PIPES_RUN = java.util.Set.of("perl", "ruby", "awk", "gawk", "mawk", "nawk");
    private static final String[] WRITES = {"'w'", "\"w\"", "'a'", "\"a\"", "'wb'", "\"wb\"", "write", "unlink",
            "remove", "rmtree", "rmsync", "truncate", "chmod", "rename", "mkdir", "touch", "dump(", "copy", "move",
            "delete", "print >", "> \"", ">\""};

    private Interpreters() {}

    static void inspect(Invocation c, Report out) {
        String code = code(c);
        if (code == null || code.isBlank()) {
            return;
        }
        String trimmed = code.strip();
        // awk '$2==0', awk '$3': a field ($ and a digit or a parenthesis), not a shell variable left unexpanded
        boolean awkField = c.program().endsWith("awk") && trimmed.length() > 1
                && (Character.isDigit(trimmed.charAt(1)) || trimmed.charAt(1) == '(');
        // ($PSVersionTable in PowerShell is the language's own variable, not one the shell left unexpanded)
        boolean pwsh = c.program().equals("pwsh") || c.program().equals("powershell");
        if (!awkField && !pwsh && (trimmed.startsWith("$") && trimmed.indexOf(' ') < 0 || trimmed.startsWith("\"$")
                || trimmed.equals("$*"))) {
            out.add(ExecPack.DYNAMIC_CODE.finding(c.text()));
            return;
        }
        String lower = code.length() > 20000 ? code.substring(0, 20000).toLowerCase(Locale.ROOT) : code.toLowerCase(Locale.ROOT);
        if (effects(lower, c.program()) || PIPES_RUN.contains(c.program()) && !c.program().equals("perl")
                && !c.program().equals("ruby") && !awkOutputs(c, code, out)) {
            out.add(ExecPack.INLINE_CODE.finding(c.text()));
        } else if (lower.contains("://") && (lower.contains("install.packages") && lower.contains("repos")
                && !onlyCran(lower)
                || lower.contains("install_url") || lower.contains("install_git") || lower.contains("pkg.add(url"))) {
            // R's install.packages(repos = "https://..."), remotes::install_github/install_url: code from elsewhere
            out.add(ExecPack.INLINE_CODE.finding("installs packages from a repository the code names, not the default "
                    + "index", c.text()));
        }
        if (lower.contains("://") && fetchesAndRuns(lower)) {
            // Rscript -e 'source("https://...")', julia -e 'include(download(URL))': code fetched and run unread
            out.add(new dev.warden.call.Finding("shell.pipe-to-shell", dev.warden.call.Severity.HIGH,
                    "inline code downloads code and runs it without anyone reading it", c.text(),
                    "download, read, then run a reviewed file"));
        }
        if (lower.contains("socket") && lower.contains("connect") && (lower.contains("dup2") || lower.contains("pty")
                || lower.contains("/bin/sh") || lower.contains("/bin/bash") || lower.contains("cmd.exe")
                || lower.contains("subprocess") || lower.contains("exec"))) {
            out.add(dev.warden.analysis.net.NetRules.reverseShellRule().finding(
                    "inline code connects a shell to a network socket (a reverse shell)", c.text()));
            out.signal(Report.Signal.NETWORK_SEND);
        }
        paths(c, code, lower, out);
        envPaths(c, code, lower, out);
        if (c.program().equals("pwsh") || c.program().equals("powershell")) {
            // PowerShell takes bare paths as arguments (gc ~/.ssh/id_ed25519, Get-Content $HOME/.aws/credentials)
            PathUse.Access access = writes(lower) ? PathUse.Access.WRITE : PathUse.Access.READ;
            for (String w : code.split("[\\s;|(),]+")) {
                String p = w.startsWith("$HOME/") || w.startsWith("$env:HOME/") ? "~" + w.substring(w.indexOf('/')) : w;
                if (p.length() > 2 && p.length() < 512 && (p.startsWith("~/") || p.startsWith("/") && !p.startsWith("//"))) {
                    c.path(p).ifPresent(x -> out.path(x.toString(), access, c.text()));
                }
            }
        }
        sql(c, code, out);
    }

    /**
     * Paths handed to the code through its environment ({@code F=~/.ssh/id_rsa python3 -c '...
     * os.environ["F"] ...'}): a variable the code names whose value is a path is read, or
     * written when the code writes.
     */
    private static void envPaths(Invocation c, String code, String lower, Report out) {
        if (c.env().isEmpty()) {
            return;
        }
        PathUse.Access access = writes(lower) ? PathUse.Access.WRITE : PathUse.Access.READ;
        for (java.util.Map.Entry<String, String> e : c.env().entrySet()) {
            String v = e.getValue();
            if (v == null || v.length() < 2 || v.length() > 512 || !(v.startsWith("/") || v.startsWith("~/")
                    || v.startsWith("./") || v.startsWith("../")) || !contains(code, e.getKey())) {
                continue;
            }
            c.path(v).ifPresent(p -> out.path(p.toString(), access, c.text()));
            if (access == PathUse.Access.WRITE) {
                c.path(v).ifPresent(p -> out.path(p.toString(), PathUse.Access.READ, c.text()));
            }
        }
    }

    /** Calls that run code from a URL: R's {@code source(URL)}, Julia's {@code include(download(URL))}, and the like. */
    private static final String[] FETCH_AND_RUN = {"source(\"http", "source('http", "source(url(", "source_url(",
            "source_gist(", "eval(parse(url", "eval(parse(text = readlines(url", "eval(parse(text=readlines(url",
            "include(download(", "evalfile(download(", "include_string(read(download(", "dofile(download(",
            "load(url(", "eval(download(", "import(\"http", "import('http", "import(`http"};

    private static boolean fetchesAndRuns(String lower) {
        String compact = lower.indexOf(' ') >= 0 ? lower.replace(" ", "") : lower;
        for (String f : FETCH_AND_RUN) {
            if (compact.contains(f.replace(" ", ""))) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQL in the code's string literals ({@code c.execute("DROP TABLE users")}) is judged as SQL:
     * a driver runs it as psql would.
     */
    private static void sql(Invocation c, String code, Report out) {
        String lower = code.toLowerCase(Locale.ROOT);
        if (!(lower.contains("execute") || lower.contains("exec(") || lower.contains("query(") || lower.contains("cursor")
                || lower.contains("sqlite3") || lower.contains("psycopg") || lower.contains("mysql") || lower.contains("raw(")
                || lower.contains(".sql(") || lower.contains(".run(") || lower.contains("$executeraw"))) {
            return; // no database call: a string that reads like SQL is text
        }
        int n = Math.min(code.length(), 20000);
        int found = 0;
        for (int i = 0; i < n && found < 8; i++) {
            char q = code.charAt(i);
            if (q != '\'' && q != '"' && q != '`') {
                continue;
            }
            int end = code.indexOf(q, i + 1);
            if (end < 0) {
                return;
            }
            String lit = code.substring(i + 1, end);
            if (lit.length() > 6 && dev.warden.analysis.sql.SqlScan.looksLikeSql(lit)) {
                found++;
                dev.warden.analysis.sql.SqlScan.scan(lit, c.text(), out);
            }
            i = end;
        }
    }

    /**
     * awk's {@code print > "file"} and {@code >> "file"} write that file, as a shell redirect
     * would: recorded as writes, so the path rules judge them. False when a target is not a
     * literal ({@code print > $1}), which Warden cannot follow.
     */
    private static boolean awkOutputs(Invocation c, String code, Report out) {
        int at = 0;
        while ((at = code.indexOf('>', at)) >= 0) {
            int k = at + 1;
            if (k < code.length() && code.charAt(k) == '>') {
                k++;
            }
            while (k < code.length() && code.charAt(k) == ' ') {
                k++;
            }
            String before = code.substring(0, at).stripTrailing();
            boolean output = before.contains("print") && !before.endsWith("=") && !before.endsWith("-")
                    && (at == 0 || code.charAt(at - 1) != '>');
            if (output && k < code.length() && (at + 1 >= code.length() || code.charAt(at + 1) != '=')) {
                if (code.charAt(k) != '"') {
                    int e = k;
                    while (e < code.length() && Character.isDigit(code.charAt(e))) {
                        e++;
                    }
                    if (e == k || e < code.length() && code.charAt(e) != ' ' && code.charAt(e) != ')' && code.charAt(e) != ';'
                            && code.charAt(e) != '}') {
                        return false; // print > $1, print > name: a target only known at run time
                    }
                    at = e; // print > 2: a comparison (awk reads it as output to "2", harmless either way)
                    continue;
                }
                int end = code.indexOf('"', k + 1);
                if (end < 0) {
                    return false;
                }
                String target = code.substring(k + 1, end);
                if (target.indexOf('|') >= 0 || target.startsWith("/dev/") && !target.equals("/dev/stderr")
                        && !target.equals("/dev/stdout") && !target.equals("/dev/null")) {
                    return false;
                }
                c.path(target).ifPresent(p -> out.path(p.toString(), PathUse.Access.WRITE, c.text()));
                at = end;
            } else {
                at++;
            }
        }
        return true;
    }

    /** Whether inline code has side effects Warden cannot follow (see the token lists above). */
    /** A PHP call through a variable ({@code $f(...)}, {@code $$name(...)}). */
    private static boolean variableCall(String code) {
        for (int i = code.indexOf('$'); i >= 0 && i + 1 < code.length(); i = code.indexOf('$', i + 1)) {
            int j = i + 1;
            while (j < code.length()
                    && (Character.isLetterOrDigit(code.charAt(j)) || code.charAt(j) == '_' || code.charAt(j) == '$')) {
                j++;
            }
            while (j < code.length() && code.charAt(j) == ' ') {
                j++;
            }
            if (j > i + 1 && j < code.length() && code.charAt(j) == '(') {
                return true;
            }
        }
        return false;
    }

    /** Whether every URL in the code is on CRAN or Posit's package manager (R's ordinary package sources). */
    private static boolean onlyCran(String lower) {
        for (int at = lower.indexOf("://"); at >= 0; at = lower.indexOf("://", at + 3)) {
            int end = at + 3;
            while (end < lower.length() && (Character.isLetterOrDigit(lower.charAt(end)) || lower.charAt(end) == '.'
                    || lower.charAt(end) == '-')) {
                end++;
            }
            String host = lower.substring(at + 3, end);
            if (!(host.equals("cloud.r-project.org") || host.equals("cran.r-project.org") || host.equals("cran.rstudio.com")
                    || host.equals("packagemanager.posit.co") || host.equals("p3m.dev"))) {
                return false;
            }
        }
        return true;
    }

    static boolean effects(String lower, String program) {
        for (String e : EFFECTS) {
            if (contains(lower, e)) {
                return true;
            }
        }
        for (String e : BARE) {
            if (bare(lower, e)) {
                return true;
            }
        }
        if ((lower.indexOf('`') >= 0 || lower.contains("%x")) && BACKTICK_RUNS.contains(program)) {
            return true;
        }
        if (program.equals("pwsh") || program.equals("powershell")) {
            // PowerShell's aliases for the cmdlets that change files and processes (rm -r -fo $HOME)
            for (String statement : lower.split("[;|\n{}()&]")) {
                String w = statement.strip();
                int sp = w.indexOf(' ');
                String first = sp < 0 ? w : w.substring(0, sp);
                if (PWSH_ALIASES.contains(first)) {
                    return true;
                }
            }
        }
        if (program.equals("php") && variableCall(lower)) {
            return true; // $f = "sys" . "tem"; $f("..."): a function chosen at run time
        }
        if (PIPES_RUN.contains(program)) {
            for (String e : PIPES) {
                if (lower.contains(e)) {
                    return true;
                }
            }
        }
        int from = lower.indexOf("from os import");
        if (from >= 0) {
            // from os import system as s: the call no longer says "os."
            int end = from + 14;
            while (end < lower.length() && lower.charAt(end) != '\n' && lower.charAt(end) != ';') {
                end++;
            }
            String names = lower.substring(from + 14, end);
            for (String fn : OS_EFFECTS) {
                if (contains(names, fn)) {
                    return true;
                }
            }
        }
        for (String r : READS) {
            if (contains(lower, r)) {
                return writes(lower) || literalNamesSecret(lower);
            }
        }
        return false;
    }

    /**
     * Whether a string literal in the code names a secret ({@code '/.ssh/id_rsa'},
     * {@code ".env"}): code is full of words like {@code .keys()} and {@code os.environ} that
     * name nothing.
     */
    private static boolean literalNamesSecret(String code) {
        int n = Math.min(code.length(), 20000);
        for (int i = 0; i < n; i++) {
            char q = code.charAt(i);
            if (q != '\'' && q != '"' && q != '`') {
                continue;
            }
            int end = code.indexOf(q, i + 1);
            if (end < 0) {
                return false;
            }
            String literal = code.substring(i + 1, end);
            // a file's name or path ('.env', '/.ssh/id_rsa'), not a word ('secrets:' as a script-name prefix)
            if ((literal.indexOf('.') >= 0 || literal.indexOf('/') >= 0 || literal.startsWith("~"))
                    && dev.warden.analysis.secrets.SecretsRules.mentionsSecret(literal)) {
                return true;
            }
            i = end;
        }
        return false;
    }

    /** A token that is a call of the builtin itself, not a method ({@code .eval(}) or a longer name. */
    private static boolean bare(String code, String token) {
        int i = code.indexOf(token);
        while (i >= 0) {
            char before = i == 0 ? ' ' : code.charAt(i - 1);
            if (before != '.' && before != '_' && before != '>' && before != ':' && !Character.isLetterOrDigit(before)) {
                return true;
            }
            i = code.indexOf(token, i + 1);
        }
        return false;
    }

    /** Whether the code writes, renames or deletes files (printing to standard output is not writing). */
    private static boolean writes(String lower) {
        String l = lower.replace("stdout.write", "").replace("stderr.write", "");
        // a file mode is a literal given to an open call: open(p, 'w'), open(p, mode="a")
        for (String mode : new String[] {"'w'", "\"w\"", "'a'", "\"a\"", "'wb'", "\"wb\"", "'w+'", "\"w+\"", "'ab'",
                "\"ab\""}) {
            int at = l.indexOf(mode);
            while (at > 0) {
                int b = at - 1;
                while (b >= 0 && l.charAt(b) == ' ') {
                    b--;
                }
                if (b >= 0 && (l.charAt(b) == ',' || l.charAt(b) == '=')) {
                    return true;
                }
                at = l.indexOf(mode, at + 1);
            }
        }
        // other signs of writing count in the code, not inside its strings ("delete" as a dict key)
        String code = withoutStrings(l);
        for (String w : WRITES) {
            if (w.indexOf('\'') < 0 && w.indexOf('"') < 0 && code.contains(w)) {
                return true;
            }
        }
        return code.contains("> \"") || code.contains(">\"") || code.contains("print >");
    }

    /** The code with the contents of its string literals removed (the quotes stay). */
    private static String withoutStrings(String code) {
        StringBuilder sb = new StringBuilder(code.length());
        char quote = 0;
        for (int i = 0; i < code.length(); i++) {
            char ch = code.charAt(i);
            if (quote != 0) {
                if (ch == '\\') {
                    i++;
                } else if (ch == quote) {
                    quote = 0;
                    sb.append(ch);
                }
                continue;
            }
            if (ch == '\'' || ch == '"') {
                quote = ch;
            }
            sb.append(ch);
        }
        return sb.toString();
    }

    /**
     * Substring search where a token that starts with a letter must start a word: {@code os.}
     * matches {@code os.system} but not {@code photos.append}.
     */
    static boolean contains(String code, String token) {
        int i = code.indexOf(token);
        if (i < 0 || !Character.isLetter(token.charAt(0))) {
            return i >= 0;
        }
        while (i >= 0) {
            if (i == 0 || !Character.isLetterOrDigit(code.charAt(i - 1)) && code.charAt(i - 1) != '_') {
                return true;
            }
            i = code.indexOf(token, i + 1);
        }
        return false;
    }

    /** The inline code of this invocation, or null when it runs a file or nothing. */
    static @Nullable String code(Invocation c) {
        String prog = c.program();
        List<String> args = c.args();
        switch (prog) {
            case "python", "pypy" -> {
                String v = valueOf(args, "-c");
                return v != null ? v : stdinCode(c, args.isEmpty() || args.contains("-"));
            }
            case "node", "bun" -> {
                String v = valueOf(args, "-e", "--eval", "-p", "--print");
                if (v == null && !args.isEmpty() && args.get(0).equals("eval") && args.size() > 1) {
                    v = args.get(1);
                }
                return v != null ? v : stdinCode(c, args.isEmpty() || args.contains("-"));
            }
            case "deno" -> {
                return !args.isEmpty() && args.get(0).equals("eval") && args.size() > 1 ? args.get(args.size() - 1) : null;
            }
            case "ruby", "perl", "lua", "luajit", "rscript", "r", "julia", "osascript", "elixir" -> {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < args.size(); i++) {
                    String a = args.get(i);
                    if ((a.startsWith("-M") || a.startsWith("-m")) && a.length() > 2 && prog.equals("perl")) {
                        sb.append("use ").append(a.substring(2)).append(";\n"); // -MFile::Path=remove_tree
                        continue;
                    }
                    if ((a.equals("-e") || a.equals("-E") || a.endsWith("e") && a.startsWith("-") && a.length() <= 4
                            && !a.startsWith("--")) && i + 1 < args.size()) {
                        sb.append(args.get(++i)).append('\n');
                    }
                }
                if (sb.isEmpty()) {
                    return stdinCode(c, args.isEmpty() || args.contains("-"));
                }
                return sb.toString();
            }
            case "php" -> {
                return valueOf(args, "-r");
            }
            case "raku", "perl6", "rakudo", "janet", "pike", "nbb", "groovy", "scala", "kotlin", "kotlinc", "kotlinc-jvm" -> {
                return valueOf(args, "-e", "--eval", "-expression");
            }
            case "hy", "amm" -> {
                return valueOf(args, "-c");
            }
            case "chibi-scheme", "fennel", "gforth", "planck", "lfe", "coffee", "rdmd" -> {
                return allValues(args, "-e", "--eval"); // (chibi-scheme -e '(import ...)' -e '(system ...)': each runs)
            }
            case "maxima" -> {
                return valueOf(args, "--batch-string", "-r");
            }
            case "jbang" -> {
                return valueOf(args, "--code");
            }
            case "nim" -> {
                // nim e --eval:CODE (also --eval=CODE)
                for (String a : args) {
                    if (a.startsWith("--eval:") || a.startsWith("--eval=")) {
                        return a.substring(7);
                    }
                }
                return null;
            }
            case "dotnet" -> {
                // dotnet script eval CODE (the dotnet-script tool)
                return args.size() > 2 && args.get(0).equals("script") && args.get(1).equals("eval") ? args.get(2) : null;
            }
            case "crystal" -> {
                // crystal eval 'CODE', or the code on standard input
                return !args.isEmpty() && args.get(0).equals("eval")
                        ? args.size() > 1 ? args.get(args.size() - 1) : stdinCode(c, true) : null;
            }
            case "mix" -> {
                return !args.isEmpty() && args.get(0).equals("run") ? valueOf(args.subList(1, args.size()), "-e", "--eval")
                        : null;
            }
            case "sbt" -> {
                // sbt 'eval EXPR' / sbt 'console': the Scala expression is run by the build
                for (String a : args) {
                    if (a.startsWith("eval ")) {
                        return a.substring(5);
                    }
                }
                return null;
            }
            case "ipython", "ipython3" -> {
                return valueOf(args, "-c");
            }
            case "erl" -> {
                return valueOf(args, "-eval", "-s");
            }
            case "ghc", "ghci", "runghc", "runhaskell" -> {
                return valueOf(args, "-e");
            }
            case "puppet" -> {
                return !args.isEmpty() && args.get(0).equals("apply") ? valueOf(args, "-e", "--execute") : null;
            }
            case "guile", "csi", "gosh", "racket", "bb" -> {
                return valueOf(args, "-c", "-e", "--eval", "-eval");
            }
            case "sbcl", "clisp", "ecl", "ccl", "swipl", "chez", "scheme" -> {
                return valueOf(args, "--eval", "-x", "-eval", "-g", "--script");
            }
            case "iex" -> {
                return valueOf(args, "-e", "--eval");
            }
            case "pylint" -> {
                return valueOf(args, "--init-hook"); // Python run before linting
            }
            case "octave", "octave-cli", "matlab" -> {
                return valueOf(args, "--eval", "-eval", "-batch", "-r"); // system("...") runs a shell command
            }
            case "awk", "gawk", "mawk", "nawk" -> {
                if (valueOf(args, "-f") != null) {
                    return null;
                }
                for (int i = 0; i < args.size(); i++) {
                    String a = args.get(i);
                    if (a.equals("-F") || a.equals("-v")) {
                        i++;
                    } else if (a.equals("--")) {
                        return i + 1 < args.size() ? args.get(i + 1) : null;
                    } else if (!a.startsWith("-")) {
                        return a;
                    }
                }
                return null;
            }
            case "expect" -> {
                return valueOf(args, "-c");
            }
            case "tclsh", "wish" -> {
                return stdinCode(c, args.isEmpty() || args.contains("-") || args.contains("/dev/stdin"));
            }
            case "cmake" -> {
                String script = valueOf(args, "-P");
                return script != null && (script.equals("-") || script.equals("/dev/stdin")) ? stdinCode(c, true) : null;
            }
            case "pwsh", "powershell" -> {
                for (int i = 0; i + 1 < args.size(); i++) {
                    String o = args.get(i).toLowerCase(Locale.ROOT);
                    if (o.length() >= 2 && (o.equals("-ec") || "-encodedcommand".startsWith(o) && o.startsWith("-e")
                            && !o.startsWith("-ex"))) {
                        // -EncodedCommand BASE64: UTF-16LE text, decoded as PowerShell does
                        try {
                            byte[] raw = java.util.Base64.getDecoder().decode(args.get(i + 1).strip());
                            return new String(raw, java.nio.charset.StandardCharsets.UTF_16LE);
                        } catch (IllegalArgumentException e) {
                            return "iex " + args.get(i + 1); // not decodable here: code Warden cannot read
                        }
                    }
                    if (o.length() >= 2 && "-command".startsWith(o)) {
                        if (args.get(i + 1).equals("-")) {
                            // echo '...' | pwsh -Command -: the script comes in on standard input
                            return c.stdin().orElseGet(() -> stdinCode(c, true));
                        }
                        return String.join(" ", args.subList(i + 1, args.size())); // the rest of the line is the command
                    }
                }
                return null;
            }
            case "gcc", "cc", "clang", "g++", "tcc" -> {
                return args.contains("-") ? stdinCode(c, true) : null;
            }
            default -> {
                return stdinCode(c, false);
            }
        }
    }

    /** Every value of the options, one per line; null when none is given. */
    private static @Nullable String allValues(List<String> args, String... names) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            String v = valueOf(args.subList(i, args.size()), names);
            String a = args.get(i);
            boolean here = false;
            for (String n : names) {
                here |= a.equals(n) || a.startsWith(n + "=") || n.length() == 2 && a.startsWith(n) && !a.startsWith("--");
            }
            if (here && v != null) {
                sb.append(v).append('\n');
            }
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    private static @Nullable String valueOf(List<String> args, String... names) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            for (String n : names) {
                if (a.equals(n)) {
                    return i + 1 < args.size() ? args.get(i + 1) : null;
                }
                if (n.length() == 2 && a.startsWith(n) && a.length() > 2 && !a.startsWith("--")) {
                    return a.substring(2);
                }
                if (n.startsWith("--") && a.startsWith(n + "=")) {
                    return a.substring(n.length() + 1);
                }
            }
            if (a.equals("--") || !a.startsWith("-") && i > 0 && !args.get(i - 1).startsWith("-")) {
                break;
            }
        }
        return null;
    }

    /** Code fed on standard input through a here-document or here-string. */
    private static @Nullable String stdinCode(Invocation c, boolean readsStdin) {
        if (!readsStdin) {
            return null;
        }
        for (Command.Redirect r : c.command().redirects()) {
            if (r.op().startsWith("<<")) {
                return r.target();
            }
        }
        return null;
    }

    /** Literal paths in the code ('/x', "~/y", './z') count as read, or written when the code writes. */
    private static void paths(Invocation c, String code, String lower, Report out) {
        PathUse.Access access = writes(lower) ? PathUse.Access.WRITE : PathUse.Access.READ;
        List<int[]> spans = literals(code);
        int found = 0;
        for (int k = 0; k < spans.size() && found < 16; k++) {
            String lit = code.substring(spans.get(k)[0], spans.get(k)[1]);
            // (".claude/settings.json", ".env": a dot name relative to the directory the code runs in)
            boolean dotName = lit.length() > 1 && lit.charAt(0) == '.' && Character.isLetter(lit.charAt(1))
                    && lit.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || "._-/".indexOf(ch) >= 0);
            if (lit.length() > 1 && lit.length() < 512 && (lit.startsWith("/") || lit.startsWith("~/") || lit.startsWith("./")
                    || lit.startsWith("../") || dotName) && lit.indexOf(' ') < 0 && lit.indexOf('\n') < 0 && !lit.startsWith("//")) {
                found++;
                c.path(lit).ifPresent(p -> out.path(p.toString(), access, c.text()));
                if (access == PathUse.Access.WRITE) {
                    c.path(lit).ifPresent(p -> out.path(p.toString(), PathUse.Access.READ, c.text()));
                }
            }
        }
        homeParts(c, code, lower, spans, access, out);
    }

    /** Where the code's quoted literals are ({start, end} of each text), in the first 20,000 characters. */
    private static List<int[]> literals(String code) {
        List<int[]> spans = new java.util.ArrayList<>();
        int n = Math.min(code.length(), 20000);
        for (int i = 0; i < n; i++) {
            char q = code.charAt(i);
            if (q != '\'' && q != '"') {
                continue;
            }
            int end = code.indexOf(q, i + 1);
            if (end < 0) {
                break;
            }
            spans.add(new int[] {i + 1, end});
            i = end;
        }
        return spans;
    }

    /** How code names the home directory: {@code Path.home()}, {@code os.homedir()}, {@code $ENV{HOME}}, ... */
    private static final String[] HOME_MARKERS = {"home()", "homedir()", "expanduser(", "dir.home", "userhomedir",
            "[\"home\"]", "['home']", "{home}", "getenv(\"home\")", "getenv('home')", "env::home_dir", "home_dir()"};

    /**
     * Paths built from the home directory and literal parts ({@code Path.home().joinpath(".aws",
     * "credentials")}, {@code os.path.join(os.environ["HOME"], ".ssh", "id_rsa")}): a literal
     * naming a dot-directory, alone or with the literal that follows it, is read under home.
     */
    private static void homeParts(Invocation c, String code, String lower, List<int[]> spans, PathUse.Access access,
            Report out) {
        boolean home = false;
        for (String m : HOME_MARKERS) {
            home |= lower.contains(m);
        }
        if (!home) {
            return;
        }
        for (int k = 0; k < spans.size(); k++) {
            String lit = code.substring(spans.get(k)[0], spans.get(k)[1]);
            String rel = lit.startsWith("/") ? lit.substring(1) : lit;
            if (!rel.startsWith(".") || rel.startsWith("..") || rel.length() < 2 || rel.length() > 256
                    || !dev.warden.analysis.PathResolver.plainName(rel)) {
                continue;
            }
            List<String> candidates = new java.util.ArrayList<>(List.of(rel));
            if (k + 1 < spans.size() && spans.get(k + 1)[0] - spans.get(k)[1] < 8) {
                String next = code.substring(spans.get(k + 1)[0], spans.get(k + 1)[1]);
                if (!next.isEmpty() && next.length() < 128 && dev.warden.analysis.PathResolver.plainName(next)) {
                    candidates.add(rel + "/" + (next.startsWith("/") ? next.substring(1) : next));
                }
            }
            for (String cand : candidates) {
                c.path("~/" + cand).ifPresent(p -> out.path(p.toString(), access, c.text()));
            }
        }
    }

}
