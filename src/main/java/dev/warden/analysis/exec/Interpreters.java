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

    private static final String[] EFFECTS = {"system(", "system \"", "system '", "system\"", "exec(", "exec ",
            "exec\"", "popen", "subprocess", "os.", "spawn", "child_process", "execsync", "execfile", "eval(", "eval ",
            "`", "%x", "pty", "socket", "urlopen", "urllib", "requests.", "http.client", "httplib", "fetch(",
            "xmlhttprequest", "net.", "open(", "file.write", "file.delete", "file.open", "writefile", "fs.", "unlink",
            "rmtree", "rmsync", "remove(", "rename(", "shutil", "__import__", "importlib", "compile(", "ctypes",
            "marshal", "pickle", "b64decode", "base64", "decode64", "codecs", "getattr(", "process.binding", "require(",
            "import(", "deno.", "bun.", "kernel.", "io.popen", "os.execute", "shell_exec", "passthru", "proc_open",
            "do shell script", "runtime.getruntime", "processbuilder", "interact", "chmod", "chown", "kill(", "setuid",
            "mkdir", "io.open", "file.new", "fileutils", "net::http", "open-uri", "lwp", "io::socket", "curl", "wget",
            "getline", "print >", "printf >", "| \"", "|\"", "invoke-", "start-process", "iex", "dlopen", "load("};
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
        if (trimmed.startsWith("$") && trimmed.indexOf(' ') < 0 || trimmed.startsWith("\"$") || trimmed.equals("$*")) {
            out.add(ExecPack.DYNAMIC_CODE.finding(c.text()));
            return;
        }
        String lower = code.length() > 20000 ? code.substring(0, 20000).toLowerCase(Locale.ROOT) : code.toLowerCase(Locale.ROOT);
        for (String e : EFFECTS) {
            if (contains(lower, e)) {
                out.add(ExecPack.INLINE_CODE.finding(c.text()));
                break;
            }
        }
        if (lower.contains("socket") && lower.contains("connect") && (lower.contains("dup2") || lower.contains("pty")
                || lower.contains("/bin/sh") || lower.contains("/bin/bash") || lower.contains("cmd.exe")
                || lower.contains("subprocess") || lower.contains("exec"))) {
            out.add(dev.warden.analysis.net.NetRules.reverseShellRule().finding(
                    "inline code connects a shell to a network socket (a reverse shell)", c.text()));
            out.signal(Report.Signal.NETWORK_SEND);
        }
        paths(c, code, lower, out);
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
            case "ruby", "perl", "lua", "luajit", "rscript", "julia", "osascript", "elixir" -> {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < args.size(); i++) {
                    String a = args.get(i);
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
            case "pwsh", "powershell" -> {
                return valueOf(args, "-c", "-Command", "-command", "-EncodedCommand", "-e");
            }
            case "gcc", "cc", "clang", "g++", "tcc" -> {
                return args.contains("-") ? stdinCode(c, true) : null;
            }
            default -> {
                return stdinCode(c, false);
            }
        }
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
        boolean writes = false;
        for (String w : WRITES) {
            if (lower.contains(w)) {
                writes = true;
                break;
            }
        }
        PathUse.Access access = writes ? PathUse.Access.WRITE : PathUse.Access.READ;
        int found = 0;
        int n = Math.min(code.length(), 20000);
        for (int i = 0; i < n && found < 16; i++) {
            char q = code.charAt(i);
            if (q != '\'' && q != '"') {
                continue;
            }
            int end = code.indexOf(q, i + 1);
            if (end < 0) {
                break;
            }
            String lit = code.substring(i + 1, end);
            if (lit.length() > 1 && lit.length() < 512 && (lit.startsWith("/") || lit.startsWith("~/") || lit.startsWith("./")
                    || lit.startsWith("../")) && lit.indexOf(' ') < 0 && lit.indexOf('\n') < 0 && !lit.startsWith("//")) {
                found++;
                c.path(lit).ifPresent(p -> out.path(p.toString(), access, c.text()));
                if (access == PathUse.Access.WRITE) {
                    c.path(lit).ifPresent(p -> out.path(p.toString(), PathUse.Access.READ, c.text()));
                }
            }
            i = end;
        }
    }
}
