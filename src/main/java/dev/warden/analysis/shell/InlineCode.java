package dev.warden.analysis.shell;

import dev.warden.analysis.shell.Evaluator.Arg;
import dev.warden.analysis.shell.Evaluator.Ctx;
import dev.warden.analysis.shell.Interpreters.Lang;
import dev.warden.call.Command.Redirect;
import dev.warden.call.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the inline code of an interpreter for what it does to the system.
 *
 * <p>Design note. Not a parser for six languages: one linear tokenizer (identifiers with their
 * dotted qualifiers, string literals with their escapes and whether they interpolate, brackets)
 * shared by all of them, then a scan for calls by name. Calls that run a shell string
 * ({@code os.system}, {@code execSync}, {@code system}, backquotes) hand the string to the shell
 * reader; calls that run an argv list are unwrapped as commands; file-system calls become the
 * equivalent shell command ({@code shutil.rmtree(P)} is {@code rm -rf P}, {@code open(P,'w')} a
 * {@code > P} redirect) so the file-system rules judge them by target, as they would the shell
 * form. {@code exec}/{@code eval} of decoded or downloaded data is {@code shell.obfuscated-code}.
 * Arguments that are not literal keep their source text, and a shell string that is not
 * literal is a dynamic command. No regular expressions: every character is looked at a bounded
 * number of times.
 */
final class InlineCode {

    private InlineCode() {}

    private enum T { IDENT, STR, EXEC, OPEN, CLOSE, COMMA, OTHER }

    /** A token; for strings {@code text} is the decoded value. */
    private record Tok(T type, String text, boolean dynamic, int start, int end) {}

    private static final Set<String> DECODERS = Set.of(
            "b64decode", "decodebytes", "a85decode", "b32decode", "b16decode", "unhexlify", "fromhex", "decompress",
            "atob", "fromCharCode", "decode64", "decode_base64", "base64_decode", "gzinflate", "gzuncompress",
            "str_rot13", "unpack", "pack", "urlopen", "urlretrieve", "fetch", "get", "read", "text", "content",
            "decode", "unescape", "decodeURIComponent", "from", "rot13", "codecs", "marshal", "loads", "zlib",
            "request", "Request", "open_uri", "URI", "Net", "HTTP", "LWP", "file_get_contents", "curl_exec");

    static void scan(String code, Lang lang, Evaluator ev, Unwrapper unwrapper, Ctx ctx, String text) {
        ev.budget.enter();
        try {
            List<Tok> toks = tokenize(code, lang, ev.budget);
            if (writesFiles(code)) {
                for (Tok t : toks) {
                    if (t.type() == T.STR && !t.dynamic()) {
                        ev.inlineWrote(t.text(), text); // open(F, ">x"): x may be what a later command runs
                    }
                }
            }
            new Scan(code, lang, ev, unwrapper, ctx, text, toks).run();
        } finally {
            ev.budget.exit();
        }
    }

    /** Words of the languages' file-writing calls: open, write, fopen, put_contents, File.write, spurt, copy. */
    private static boolean writesFiles(String code) {
        return code.contains("open") || code.contains("write") || code.contains("Write") || code.contains("put_contents")
                || code.contains("spurt") || code.contains("copy") || code.contains("rename") || code.contains("symlink")
                || code.contains("dump") || code.contains("save");
    }

    // ---------------------------------------------------------------- tokenizer

    private static List<Tok> tokenize(String s, Lang lang, Budget budget) {
        List<Tok> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        budget.step(n);
        boolean hashComments = lang == Lang.PYTHON || lang == Lang.RUBY || lang == Lang.PERL || lang == Lang.PHP;
        boolean slashComments = lang.js() || lang == Lang.PHP || lang == Lang.JVM;
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
                continue;
            }
            if ((c == '#' && hashComments && !(lang == Lang.PERL && i > 0 && s.charAt(i - 1) == '$'))
                    || (c == '-' && lang == Lang.LUA && i + 1 < n && s.charAt(i + 1) == '-')
                    || (c == '/' && slashComments && i + 1 < n && s.charAt(i + 1) == '/')) {
                int nl = s.indexOf('\n', i);
                i = nl < 0 ? n : nl;
                continue;
            }
            if (c == '/' && slashComments && i + 1 < n && s.charAt(i + 1) == '*') {
                int close = s.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
                continue;
            }
            // string prefixes (python r/b/f/u), perl qx, ruby %x
            if (Character.isLetter(c) || c == '_' || c == '$' || c == '@') {
                int st = i;
                int j = i;
                StringBuilder name = new StringBuilder();
                while (true) {
                    int k = j;
                    while (k < n && (Character.isLetterOrDigit(s.charAt(k)) || s.charAt(k) == '_' || s.charAt(k) == '$'
                            || (k == j && s.charAt(k) == '@'))) {
                        k++;
                    }
                    name.append(s, j, k);
                    j = k;
                    if (j + 1 < n && s.charAt(j) == '.' && isIdentStart(s.charAt(j + 1))) {
                        name.append('.');
                        j++;
                    } else if (j + 2 < n && s.charAt(j) == ':' && s.charAt(j + 1) == ':' && isIdentStart(s.charAt(j + 2))) {
                        name.append('.');
                        j += 2;
                    } else if (j + 2 < n && s.charAt(j) == '-' && s.charAt(j + 1) == '>' && isIdentStart(s.charAt(j + 2))) {
                        name.append('.');
                        j += 2;
                    } else {
                        break;
                    }
                }
                String id = name.toString();
                // python string prefixes
                if (lang == Lang.PYTHON && j < n && (s.charAt(j) == '\'' || s.charAt(j) == '"') && id.length() <= 2
                        && id.toLowerCase(Locale.ROOT).chars().allMatch(ch -> ch == 'r' || ch == 'b' || ch == 'f' || ch == 'u')) {
                    String p = id.toLowerCase(Locale.ROOT);
                    i = string(s, j, lang, out, p.contains("r"), p.contains("f"));
                    continue;
                }
                if (lang == Lang.PERL && id.equals("qx") && j < n && !Character.isWhitespace(s.charAt(j))) {
                    i = delimited(s, j, out, T.EXEC);
                    continue;
                }
                if ((lang == Lang.PERL) && (id.equals("q") || id.equals("qq")) && j < n && "({[/|!".indexOf(s.charAt(j)) >= 0) {
                    i = delimited(s, j, out, T.STR);
                    continue;
                }
                out.add(new Tok(T.IDENT, id, false, st, j));
                i = j;
                continue;
            }
            if (c == '%' && lang == Lang.RUBY && i + 2 < n && s.charAt(i + 1) == 'x') {
                i = delimited(s, i + 2, out, T.EXEC);
                continue;
            }
            switch (c) {
                case '\'', '"' -> i = string(s, i, lang, out, false, false);
                case '`' -> {
                    int close = s.indexOf('`', i + 1);
                    int e = close < 0 ? n : close;
                    String body = s.substring(i + 1, e);
                    if (lang.js()) {
                        out.add(new Tok(T.STR, body, body.contains("${"), i, Math.min(n, e + 1)));
                    } else {
                        out.add(new Tok(T.EXEC, body, interpolates(body, lang), i, Math.min(n, e + 1)));
                    }
                    i = Math.min(n, e + 1);
                }
                case '(', '[', '{' -> {
                    out.add(new Tok(T.OPEN, String.valueOf(c), false, i, i + 1));
                    i++;
                }
                case ')', ']', '}' -> {
                    out.add(new Tok(T.CLOSE, String.valueOf(c), false, i, i + 1));
                    i++;
                }
                case ',' -> {
                    out.add(new Tok(T.COMMA, ",", false, i, i + 1));
                    i++;
                }
                default -> {
                    out.add(new Tok(T.OTHER, String.valueOf(c), false, i, i + 1));
                    i++;
                }
            }
        }
        return out;
    }

    private static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '$';
    }

    private static int delimited(String s, int i, List<Tok> out, T type) {
        char open = s.charAt(i);
        char close = switch (open) {
            case '(' -> ')';
            case '{' -> '}';
            case '[' -> ']';
            case '<' -> '>';
            default -> open;
        };
        int e = s.indexOf(close, i + 1);
        int stop = e < 0 ? s.length() : e;
        String body = s.substring(i + 1, stop);
        out.add(new Tok(type, body, body.contains("$") || body.contains("#{"), i, Math.min(s.length(), stop + 1)));
        return Math.min(s.length(), stop + 1);
    }

    private static boolean interpolates(String body, Lang lang) {
        if (lang == Lang.RUBY) {
            return body.contains("#{");
        }
        for (int k = 0; k + 1 < body.length(); k++) {
            if (body.charAt(k) == '$' && (Character.isLetter(body.charAt(k + 1)) || body.charAt(k + 1) == '{')) {
                return true;
            }
        }
        return false;
    }

    private static int string(String s, int i, Lang lang, List<Tok> out, boolean raw, boolean fstring) {
        int n = s.length();
        char q = s.charAt(i);
        boolean triple = lang == Lang.PYTHON && i + 2 < n && s.charAt(i + 1) == q && s.charAt(i + 2) == q;
        int j = i + (triple ? 3 : 1);
        StringBuilder sb = new StringBuilder();
        boolean escapes = !(q == '\'' && (lang == Lang.PERL || lang == Lang.RUBY || lang == Lang.PHP));
        while (j < n) {
            char c = s.charAt(j);
            if (c == q && (!triple || (j + 2 < n && s.charAt(j + 1) == q && s.charAt(j + 2) == q))) {
                j += triple ? 3 : 1;
                break;
            }
            if (c == '\\' && j + 1 < n) {
                char d = s.charAt(j + 1);
                if (raw || (!escapes && d != '\\' && d != q)) {
                    sb.append(c).append(d);
                } else {
                    switch (d) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'r' -> sb.append('\r');
                        case '0' -> sb.append('\0');
                        case 'x' -> {
                            if (j + 3 < n && Character.digit(s.charAt(j + 2), 16) >= 0 && Character.digit(s.charAt(j + 3), 16) >= 0) {
                                sb.append((char) Integer.parseInt(s.substring(j + 2, j + 4), 16));
                                j += 2;
                            } else {
                                sb.append('x');
                            }
                        }
                        default -> sb.append(d);
                    }
                }
                j += 2;
                continue;
            }
            sb.append(c);
            j++;
        }
        String v = sb.toString();
        boolean dynamic;
        if (fstring) {
            dynamic = v.replace("{{", "").indexOf('{') >= 0;
        } else if (q == '"' && (lang == Lang.PERL || lang == Lang.PHP || lang == Lang.RUBY)) {
            dynamic = interpolates(v, lang);
        } else {
            dynamic = false;
        }
        out.add(new Tok(T.STR, v, dynamic, i, Math.min(j, n)));
        return Math.min(j, n);
    }

    // ---------------------------------------------------------------- the scan

    private static final class Scan {
        private final String code;
        private final Lang lang;
        private final Evaluator ev;
        private final Unwrapper unwrapper;
        private final Ctx ctx;
        private final String text;
        private final List<Tok> toks;

        Scan(String code, Lang lang, Evaluator ev, Unwrapper unwrapper, Ctx ctx, String text, List<Tok> toks) {
            this.code = code;
            this.lang = lang;
            this.ev = ev;
            this.unwrapper = unwrapper;
            this.ctx = ctx;
            this.text = text;
            this.toks = toks;
        }

        void run() {
            int n = toks.size();
            for (int i = 0; i < n; i++) {
                ev.budget.step();
                Tok t = toks.get(i);
                if (t.type == T.EXEC) {
                    shellString(t.text, t.dynamic, t);
                    continue;
                }
                if (lang == Lang.JVM && t.type == T.OTHER && t.text.startsWith("!") && i >= 2
                        && toks.get(i - 1).text.equals(".")) {
                    groovyExecute(i); // Scala's "cmd".! and "cmd".!!
                }
                if (t.type != T.IDENT) {
                    continue;
                }
                List<List<Tok>> args;
                if (lang == Lang.PERL && (t.text.equals("system") || t.text.equals("exec")) && i + 1 < n
                        && toks.get(i + 1).type == T.OPEN && toks.get(i + 1).text.equals("{")) {
                    // system { PROGRAM } LIST: PROGRAM runs, LIST's first word is only the name it is shown under
                    int block = matching(i + 1);
                    int from = block + 1;
                    int to = from;
                    if (from < n && toks.get(from).type == T.OPEN && toks.get(from).text.equals("(")) {
                        to = matching(from);
                        from++;
                    } else {
                        int depth = 0;
                        while (to < n && !(depth == 0 && toks.get(to).text.equals(";"))) {
                            depth += toks.get(to).type == T.OPEN ? 1 : toks.get(to).type == T.CLOSE ? -1 : 0;
                            to++;
                        }
                    }
                    args = new ArrayList<>(split(from, Math.min(to, n)));
                    List<Tok> program = new ArrayList<>(toks.subList(i + 2, Math.min(block, n)));
                    if (args.isEmpty()) {
                        args.add(program);
                    } else {
                        args.set(0, program);
                    }
                    call(t.text, false, args);
                    i = Math.max(i, block);
                    continue;
                }
                if (i + 1 < n && toks.get(i + 1).type == T.OPEN && toks.get(i + 1).text.equals("(")) {
                    int close = matching(i + 1);
                    args = split(i + 2, close);
                } else if ((lang == Lang.PERL || lang == Lang.RUBY || lang == Lang.LUA || lang == Lang.PHP)
                        && i + 1 < n && toks.get(i + 1).type == T.STR) {
                    // perl/ruby calls without parentheses: system "cmd", "arg"
                    int e = i + 1;
                    while (e + 2 < n && toks.get(e + 1).type == T.COMMA && toks.get(e + 2).type == T.STR) {
                        e += 2;
                    }
                    args = split(i + 1, e + 1);
                } else if (lang == Lang.PERL && (t.text.equals("system") || t.text.equals("exec")) && i + 2 < n
                        && toks.get(i + 1).type == T.IDENT && toks.get(i + 2).type == T.OPEN && toks.get(i + 2).text.equals("(")) {
                    // system pack("H*", "..."): the argument is a call's result
                    args = split(i + 1, matching(i + 2) + 1);
                } else if ((lang == Lang.PERL || lang == Lang.RUBY) && (t.text.equals("system") || t.text.equals("exec")
                        || lang == Lang.RUBY && t.text.equals("spawn")) && i + 1 < n && bareArgument(toks.get(i + 1))) {
                    // system ARGV[0], system scalar reverse ...: a call without parentheses on a value built at run time
                    int e = i + 1;
                    int depth = 0;
                    while (e < n && !(depth == 0 && toks.get(e).text.equals(";"))) {
                        depth += toks.get(e).type == T.OPEN ? 1 : toks.get(e).type == T.CLOSE ? -1 : 0;
                        if (depth < 0) {
                            break;
                        }
                        e++;
                    }
                    args = split(i + 1, e);
                } else {
                    continue;
                }
                boolean method = i > 0 && toks.get(i - 1).type == T.OTHER && toks.get(i - 1).text.equals(".");
                if (lang == Lang.JVM && method && t.text.equals("execute")) {
                    groovyExecute(i);
                }
                // the scan goes on inside the arguments: they may hold calls too
                call(t.text, method, args);
            }
        }

        /** A token that can start the argument of a call written without parentheses (not {@code =>}, {@code ,}, {@code .}). */
        private static boolean bareArgument(Tok next) {
            if (next.type == T.IDENT) {
                return true;
            }
            return next.type == T.OTHER && !next.text.isEmpty() && (next.text.charAt(0) == '$' || next.text.charAt(0) == '@'
                    || next.text.charAt(0) == '`');
        }

        /** Index of each opening bracket's match (or the end), found in one pass: scanning from every call was quadratic. */
        private int @Nullable [] closes;

        private int matching(int open) {
            if (closes == null) {
                int n = toks.size();
                int[] c = new int[n];
                int[] stack = new int[n];
                int top = 0;
                for (int k = 0; k < n; k++) {
                    Tok t = toks.get(k);
                    c[k] = n;
                    if (t.type == T.OPEN) {
                        stack[top++] = k;
                    } else if (t.type == T.CLOSE && top > 0) {
                        c[stack[--top]] = k;
                    }
                }
                closes = c;
            }
            return closes[open];
        }

        /** Top-level comma-separated token ranges in [from, to). */
        private List<List<Tok>> split(int from, int to) {
            ev.budget.step(Math.max(0, Math.min(to, toks.size()) - from)); // nested calls re-read their ranges
            List<List<Tok>> out = new ArrayList<>(3);
            int depth = 0;
            int start = from;
            for (int k = from; k < to && k < toks.size(); k++) {
                Tok t = toks.get(k);
                if (t.type == T.OPEN) {
                    depth++;
                } else if (t.type == T.CLOSE) {
                    depth--;
                } else if (t.type == T.COMMA && depth == 0) {
                    out.add(toks.subList(start, k));
                    start = k + 1;
                }
            }
            if (start < Math.min(to, toks.size())) {
                out.add(toks.subList(start, Math.min(to, toks.size())));
            }
            return out;
        }

        private void call(String name, boolean method, List<List<Tok>> args) {
            String last = name.substring(name.lastIndexOf('.') + 1);
            String qual = name.lastIndexOf('.') < 0 ? (method ? "?" : "") : name.substring(0, name.lastIndexOf('.'));
            String q = qual.substring(qual.lastIndexOf('.') + 1);
            switch (lang) {
                case PYTHON -> python(last, q, args);
                case NODE, DENO, BUN -> js(name, last, q, args);
                case PERL -> perl(last, args);
                case RUBY -> ruby(last, q, args);
                case PHP -> php(last, args);
                case LUA -> lua(last, q, args);
                case JVM -> jvm(last, args);
            }
        }

        /** Names a Python HTTP client module or session is usually bound to. */
        private static final java.util.Set<String> HTTP_CLIENTS = java.util.Set.of("requests", "httpx", "session", "s",
                "client", "http", "r", "sess", "req", "aiohttp", "urllib3", "pool", "?");

        private void python(String f, String q, List<List<Tok>> args) {
            boolean os = q.equals("os") || q.equals("?") || (q.isEmpty() && code.contains("from os import"));
            boolean sp = q.equals("subprocess") || q.equals("sp") || q.equals("?")
                    || (q.isEmpty() && code.contains("from subprocess import"));
            boolean sh = q.equals("shutil") || q.equals("?") || (q.isEmpty() && code.contains("from shutil import"));
            switch (f) {
                case "system", "popen" -> {
                    if (os || f.equals("popen") && q.equals("os")) {
                        shellArg(args, 0);
                    }
                }
                case "getoutput", "getstatusoutput", "create_subprocess_shell" -> shellArg(args, 0);
                case "create_subprocess_exec" -> argvOrShell(args, false); // asyncio: the program, then its arguments
                case "run", "call", "check_call", "check_output", "Popen" -> {
                    if (sp || f.equals("Popen") || f.equals("check_output") || f.equals("check_call")) {
                        argvOrShell(args, hasKeyword(args, "shell", "True"));
                    } else if (f.equals("run") && code.contains("nox") && !q.isEmpty()) {
                        argvOrShell(args, false); // nox's session.run("rm", "-rf", x): a program and its arguments
                    } else if (f.equals("run") && (q.equals("c") || q.equals("ctx") || q.equals("context"))) {
                        shellArg(args, 0); // invoke's c.run("cmd"): a shell command line
                    }
                }
                case "spawn" -> {
                    if (q.equals("pty")) {
                        argvOrShell(args, false);
                    }
                }
                case "execv", "execve", "execvp", "execvpe", "execl", "execlp", "execle", "execlpe", "spawnv",
                     "spawnve", "spawnvp", "spawnl", "spawnlp", "posix_spawn", "posix_spawnp" -> {
                    if (os) {
                        execFamily(f, args);
                    }
                }
                case "rmtree" -> {
                    if (sh) {
                        synth(List.of("rm", "-rf"), args, 1);
                    }
                }
                case "delete" -> {
                    // requests.delete(URL), httpx.delete, session.delete: an HTTP DELETE, judged as curl -X DELETE
                    if (HTTP_CLIENTS.contains(q) && !args.isEmpty()) {
                        synth(List.of("curl", "-X", "DELETE"), args, 1);
                    }
                }
                case "request" -> {
                    // requests.request("DELETE", URL)
                    String method = args.isEmpty() ? null : literal(args.get(0));
                    if (HTTP_CLIENTS.contains(q) && method != null && args.size() > 1
                            && (method.equalsIgnoreCase("DELETE") || method.equalsIgnoreCase("PURGE"))) {
                        synth(List.of("curl", "-X", method.toUpperCase(java.util.Locale.ROOT)), args.subList(1, args.size()), 1);
                    }
                }
                case "remove", "unlink" -> {
                    if (os || q.equals("Path") || q.equals("pathlib")) {
                        synth(List.of("rm"), args, 1);
                    }
                }
                case "rmdir", "removedirs" -> {
                    if (os) {
                        synth(List.of("rmdir"), args, 1);
                    }
                }
                case "move", "rename", "replace", "renames" -> {
                    if (sh || os) {
                        synth(List.of("mv"), args, 2);
                    }
                }
                case "copy", "copy2", "copyfile" -> {
                    if (sh) {
                        synth(List.of("cp"), args, 2);
                    }
                }
                case "copytree" -> {
                    if (sh) {
                        synth(List.of("cp", "-r"), args, 2);
                    }
                }
                case "chmod" -> {
                    if (os && args.size() >= 2) {
                        String mode = value(args.get(1));
                        synthArgv(List.of("chmod", mode.startsWith("0o") ? mode.substring(2) : mode, value(args.get(0))));
                    }
                }
                case "open" -> {
                    if (q.isEmpty() || q.equals("io") || q.equals("codecs")) {
                        openCall(args, 1);
                    }
                }
                case "input", "FileInput" -> {
                    // fileinput.input(PATH, inplace=True): what is printed replaces the file
                    if (q.equals("fileinput") && (hasKeyword(args, "inplace", "True") || hasKeyword(args, "inplace", "1"))) {
                        redirect(">", args);
                    }
                }
                case "exec", "eval", "compile" -> codeCall(args);
                default -> { }
            }
        }

        private void js(String name, String f, String q, List<List<Tok>> args) {
            boolean cp = q.equals("child_process") || q.equals("cp") || q.equals("childProcess") || q.equals("?")
                    || (q.isEmpty() && code.contains("child_process"));
            boolean fs = q.equals("fs") || q.equals("fsp") || q.equals("promises") || q.equals("?")
                    || q.equals("fsPromises") || (q.isEmpty() && code.contains("fs"));
            switch (f) {
                case "exec", "execSync" -> {
                    if (cp) {
                        shellArg(args, 0);
                    }
                }
                case "spawn", "spawnSync", "execFile", "execFileSync" -> {
                    if (name.equals("Bun.spawn") || name.equals("Bun.spawnSync")) {
                        argvOrShell(args, false);
                    } else if (cp) {
                        programAndList(args, hasKeyword(args, "shell", "true"));
                    }
                }
                case "Command" -> {
                    if (q.equals("Deno")) {
                        programAndList(args, false);
                    }
                }
                case "rmSync", "rm", "rmdirSync", "rmdir", "remove", "removeSync" -> {
                    if (fs || q.equals("Deno")) {
                        boolean recursive = hasKeyword(args, "recursive", "true");
                        synth(recursive ? List.of("rm", "-rf") : f.startsWith("rmdir") ? List.of("rmdir") : List.of("rm"),
                                args, 1);
                    }
                }
                case "unlinkSync", "unlink" -> {
                    if (fs) {
                        synth(List.of("rm"), args, 1);
                    }
                }
                case "writeFileSync", "writeFile", "writeTextFileSync", "writeTextFile", "createWriteStream" -> {
                    if (fs || q.equals("Deno") || q.equals("Bun")) {
                        redirect(">", args);
                    }
                }
                case "write" -> {
                    if (q.equals("Bun")) {
                        redirect(">", args);
                    }
                }
                case "appendFileSync", "appendFile" -> {
                    if (fs) {
                        redirect(">>", args);
                    }
                }
                case "readFileSync", "readFile", "readTextFileSync", "readTextFile" -> {
                    if (fs || q.equals("Deno")) {
                        synth(List.of("cat"), args, 1);
                    }
                }
                case "renameSync", "rename" -> {
                    if (fs) {
                        synth(List.of("mv"), args, 2);
                    }
                }
                case "copyFileSync", "copyFile", "cpSync" -> {
                    if (fs) {
                        synth(List.of("cp"), args, 2);
                    }
                }
                case "eval", "Function", "runInThisContext", "runInNewContext", "runInContext", "setTimeout" -> {
                    if (!f.equals("setTimeout") || (!args.isEmpty() && isString(args.get(0)))) {
                        codeCall(args);
                    }
                }
                default -> {
                    if (name.equals("Bun.$")) {
                        shellArg(args, 0);
                    }
                }
            }
        }

        private void perl(String f, List<List<Tok>> args) {
            switch (f) {
                case "system", "exec" -> argvOrShell(args, args.size() == 1);
                case "unlink" -> synth(List.of("rm"), args, 9);
                case "rmtree", "remove_tree" -> synth(List.of("rm", "-rf"), args, 9);
                case "rmdir" -> synth(List.of("rmdir"), args, 1);
                case "rename" -> synth(List.of("mv"), args, 2);
                case "open" -> perlOpen(args);
                case "eval" -> codeCall(args);
                default -> { }
            }
        }

        private void ruby(String f, String q, List<List<Tok>> args) {
            switch (f) {
                case "sh" -> {
                    // Rake's sh "cmd" (and sh "prog", "arg"): a shell command line, as system is
                    if (q.isEmpty() && !args.isEmpty() && isString(args.get(0)) && code.contains("task")) {
                        if (args.size() > 1 && !isHash(args.get(1))) {
                            argvOrShell(args, false);
                        } else {
                            shellArg(args, 0);
                        }
                    }
                }
                case "system", "exec", "spawn", "popen", "popen2", "popen3", "capture2", "capture2e", "capture3",
                     "pipeline" -> {
                    if (!args.isEmpty() && isString(args.get(0)) && args.size() > 1 && !isHash(args.get(1))) {
                        argvOrShell(args, false);
                    } else {
                        shellArg(args, 0);
                    }
                }
                case "rm_rf", "rm_r", "remove_dir", "remove_entry", "remove_entry_secure", "rmtree" ->
                    synth(List.of("rm", "-rf"), args, 1);
                case "rm", "rm_f", "remove", "safe_unlink" -> {
                    if (q.equals("FileUtils")) {
                        synth(List.of("rm"), args, 1);
                    }
                }
                case "delete", "unlink" -> {
                    if (q.equals("File")) {
                        synth(List.of("rm"), args, 9);
                    }
                }
                case "write", "binwrite" -> {
                    if (q.equals("File") || q.equals("IO")) {
                        redirect(">", args);
                    }
                }
                case "read", "readlines", "binread" -> {
                    if (q.equals("File") || q.equals("IO")) {
                        synth(List.of("cat"), args, 1);
                    }
                }
                case "open" -> {
                    if (q.equals("File")) {
                        openCall(args, 1);
                    }
                }
                case "mv", "move", "rename" -> {
                    if (q.equals("FileUtils") || q.equals("File")) {
                        synth(List.of("mv"), args, 2);
                    }
                }
                case "eval", "instance_eval", "class_eval", "module_eval" -> codeCall(args);
                default -> { }
            }
        }

        private void php(String f, List<List<Tok>> args) {
            switch (f) {
                case "system", "exec", "shell_exec", "passthru", "popen", "proc_open", "pcntl_exec" -> shellArg(args, 0);
                case "unlink" -> synth(List.of("rm"), args, 1);
                case "rmdir" -> synth(List.of("rmdir"), args, 1);
                case "rename" -> synth(List.of("mv"), args, 2);
                case "copy" -> synth(List.of("cp"), args, 2);
                case "file_put_contents" -> redirect(">", args);
                case "file_get_contents", "readfile", "file" -> synth(List.of("cat"), args, 1);
                case "fopen" -> openCall(args, 1);
                case "eval", "assert", "create_function" -> codeCall(args);
                default -> { }
            }
        }

        /**
         * Java, Groovy, Kotlin and Scala: {@code Runtime.getRuntime().exec(...)} and {@code new
         * ProcessBuilder(...)} run the strings they are given as a program and its arguments (a
         * single string is split at blanks, not given to a shell); Groovy's {@code "cmd".execute()}
         * likewise.
         */
        private void jvm(String f, List<List<Tok>> args) {
            if (f.equals("exec") || f.equals("ProcessBuilder") || f.equals("command") || f.equals("Process")) {
                List<String> strings = new ArrayList<>();
                boolean other = false;
                for (List<Tok> arg : args) {
                    for (Tok t : arg) {
                        if (t.type == T.STR) {
                            if (t.dynamic) {
                                other = true;
                            }
                            strings.add(t.text);
                        }
                    }
                }
                jvmArgv(strings, other, args.isEmpty() ? null : args.get(0));
            }
        }

        private void jvmArgv(List<String> strings, boolean dynamic, @Nullable List<Tok> at) {
            if (strings.isEmpty()) {
                if (at != null && !at.isEmpty()) {
                    dynamic(at);
                }
                return;
            }
            List<String> argv = strings.size() == 1 ? List.of(strings.get(0).strip().split("\\s+")) : strings;
            if (dynamic && at != null) {
                dynamic(at);
            }
            unwrapper.unwrapArgv(argv, text, ctx);
        }

        /** Groovy's {@code "cmd".execute()} and {@code ["cmd", "arg"].execute()}: the receiver runs. */
        private void groovyExecute(int at) {
            List<String> strings = new ArrayList<>();
            int k = at - 2; // the token before the '.'
            if (k >= 0 && toks.get(k).type == T.STR) {
                strings.add(toks.get(k).text);
            } else if (k >= 0 && toks.get(k).type == T.CLOSE) {
                for (int j = k - 1; j >= 0 && j >= k - 64 && toks.get(j).type != T.OPEN; j--) {
                    if (toks.get(j).type == T.STR) {
                        strings.add(0, toks.get(j).text);
                    }
                }
            }
            if (!strings.isEmpty()) {
                jvmArgv(strings, false, null);
            }
        }

        private void lua(String f, String q, List<List<Tok>> args) {
            switch (f) {
                case "execute" -> {
                    if (q.equals("os")) {
                        shellArg(args, 0);
                    }
                }
                case "popen" -> shellArg(args, 0);
                case "remove" -> {
                    if (q.equals("os")) {
                        synth(List.of("rm"), args, 1);
                    }
                }
                case "rename" -> {
                    if (q.equals("os")) {
                        synth(List.of("mv"), args, 2);
                    }
                }
                case "open" -> {
                    if (q.equals("io")) {
                        openCall(args, 1);
                    }
                }
                case "load", "loadstring", "dofile" -> codeCall(args);
                default -> { }
            }
        }

        // ------------------------------------------------------------ actions

        private void shellArg(List<List<Tok>> args, int i) {
            if (args.size() <= i) {
                return;
            }
            List<Tok> a = args.get(i);
            String v = literal(a);
            if (v == null) {
                List<String> list = list(a);
                if (list != null) {
                    unwrapper.unwrapArgv(list, text, ctx);
                    return;
                }
                dynamic(a);
                return;
            }
            shellString(v, false, a.get(0));
        }

        private void shellString(String v, boolean dynamic, Tok at) {
            if (dynamic) {
                ev.finding(Findings.DYNAMIC, Severity.HIGH,
                        "'" + lang.label + "' runs a shell command built at run time: " + source(at.start, at.end), text,
                        Findings.DYNAMIC_HINT);
            }
            ev.runScript(v, ctx, "the shell command run by '" + lang.label + "'");
        }

        private void argvOrShell(List<List<Tok>> args, boolean shell) {
            if (args.isEmpty()) {
                return;
            }
            List<Tok> first = args.get(0);
            List<String> list = list(first);
            if (list != null) {
                if (shell) {
                    ev.runScript(String.join(" ", list), ctx, "the shell command run by '" + lang.label + "'");
                } else {
                    unwrapper.unwrapArgv(list, text, ctx);
                }
                return;
            }
            String v = literal(first);
            if (v == null) {
                dynamic(first);
                return;
            }
            if (args.size() > 1 && !shell) {
                // perl/ruby system("prog", "arg", ...): an argv
                List<String> argv = new ArrayList<>();
                argv.add(v);
                for (int k = 1; k < args.size(); k++) {
                    if (isHash(args.get(k)) || isKeyword(args.get(k))) {
                        continue;
                    }
                    argv.add(value(args.get(k)));
                }
                unwrapper.unwrapArgv(argv, text, ctx);
                return;
            }
            ev.runScript(v, ctx, "the shell command run by '" + lang.label + "'");
        }

        /** spawn("prog", ["a", "b"], {shell: true}). */
        private void programAndList(List<List<Tok>> args, boolean shell) {
            if (args.isEmpty()) {
                return;
            }
            String prog = literal(args.get(0));
            if (prog == null) {
                dynamic(args.get(0));
                return;
            }
            List<String> argv = new ArrayList<>();
            argv.add(prog);
            if (args.size() > 1) {
                List<Tok> second = args.get(1);
                List<String> rest = list(second);
                if (rest == null && isHash(second)) {
                    // new Deno.Command("rm", {args: ["-rf", "/"]})
                    for (int k = 0; k + 2 < second.size(); k++) {
                        if (second.get(k).type == T.IDENT && second.get(k).text.equals("args")
                                && second.get(k + 2).type == T.OPEN) {
                            int depth = 0;
                            int end = k + 2;
                            for (int m = k + 2; m < second.size(); m++) {
                                if (second.get(m).type == T.OPEN) {
                                    depth++;
                                } else if (second.get(m).type == T.CLOSE && --depth == 0) {
                                    end = m;
                                    break;
                                }
                            }
                            rest = list(second.subList(k + 2, end + 1));
                            break;
                        }
                    }
                }
                if (rest != null) {
                    argv.addAll(rest);
                } else if (!isHash(second)) {
                    argv.add(value(second));
                }
            }
            if (shell) {
                ev.runScript(String.join(" ", argv), ctx, "the shell command run by '" + lang.label + "'");
            } else {
                unwrapper.unwrapArgv(argv, text, ctx);
            }
        }

        private void execFamily(String f, List<List<Tok>> args) {
            int skip = f.startsWith("spawn") ? 1 : 0; // os.spawnv(mode, path, args)
            if (args.size() <= skip + 1) {
                return;
            }
            List<String> argv = new ArrayList<>();
            if (f.contains("v") && !f.startsWith("posix")) {
                List<String> l = list(args.get(skip + 1));
                if (l == null) {
                    dynamic(args.get(skip + 1));
                    return;
                }
                argv.addAll(l);
            } else if (f.startsWith("posix")) {
                List<String> l = list(args.get(1));
                if (l == null) {
                    dynamic(args.get(1));
                    return;
                }
                argv.addAll(l);
            } else {
                for (int k = skip + 1; k < args.size(); k++) {
                    argv.add(value(args.get(k)));
                }
            }
            if (argv.isEmpty()) {
                argv.add(value(args.get(skip)));
            } else {
                argv.set(0, value(args.get(skip)));
            }
            unwrapper.unwrapArgv(argv, text, ctx);
        }

        /** exec/eval: literal code is read again; decoded or downloaded code is obfuscation. */
        private void codeCall(List<List<Tok>> args) {
            if (args.isEmpty()) {
                return;
            }
            List<Tok> a = args.get(0);
            String v = literal(a);
            if (v != null) {
                InlineCode.scan(v, lang, ev, unwrapper, ctx, text);
                return;
            }
            for (Tok t : a) {
                if (t.type == T.IDENT) {
                    String last = t.text.substring(t.text.lastIndexOf('.') + 1);
                    for (String part : t.text.split("\\.", 8)) {
                        if (DECODERS.contains(part) || DECODERS.contains(last)) {
                            ev.finding(Findings.OBFUSCATED, Severity.HIGH,
                                    "'" + lang.label + "' executes decoded or downloaded code: " + source(a), text,
                                    Findings.OBFUSCATED_HINT);
                            return;
                        }
                    }
                }
                if (t.type == T.STR && (t.text.equals("base64") || t.text.equals("rot13") || t.text.equals("hex")
                        || t.text.equals("rot_13") || t.text.equals("zlib"))) {
                    ev.finding(Findings.OBFUSCATED, Severity.HIGH,
                            "'" + lang.label + "' executes decoded code: " + source(a), text, Findings.OBFUSCATED_HINT);
                    return;
                }
            }
        }

        private void openCall(List<List<Tok>> args, int modeIndex) {
            if (args.isEmpty()) {
                return;
            }
            String mode = "r";
            if (args.size() > modeIndex) {
                String m = literal(args.get(modeIndex));
                if (m != null) {
                    mode = m;
                }
            }
            for (List<Tok> a : args) {
                if (a.size() >= 3 && a.get(0).type == T.IDENT && a.get(0).text.equals("mode")) {
                    String m = literal(a.subList(2, a.size()));
                    if (m != null) {
                        mode = m;
                    }
                }
            }
            String path = value(args.get(0));
            if (mode.contains("w") || mode.contains("x") || mode.contains("+")) {
                synthRedirect(">", path);
            } else if (mode.contains("a")) {
                synthRedirect(">>", path);
            } else {
                synthArgv(List.of("cat", path));
            }
        }

        /** open(FH, '>', P), open(FH, ">P"), open my $fh, '<', P. */
        private void perlOpen(List<List<Tok>> args) {
            if (args.size() >= 3) {
                String m = literal(args.get(1));
                String path = value(args.get(2));
                if (m != null && (m.contains(">") || m.contains("+<"))) {
                    synthRedirect(m.contains(">>") ? ">>" : ">", path);
                } else if (m != null && m.contains("|")) {
                    shellArg(args, 2);
                } else {
                    synthArgv(List.of("cat", path));
                }
            } else if (args.size() == 2) {
                String spec = literal(args.get(1));
                if (spec == null) {
                    return;
                }
                String s = spec.strip();
                if (s.startsWith(">>")) {
                    synthRedirect(">>", s.substring(2).strip());
                } else if (s.startsWith(">") || s.startsWith("+>")) {
                    synthRedirect(">", s.substring(s.indexOf('>') + 1).strip());
                } else if (s.startsWith("|")) {
                    ev.runScript(s.substring(1), ctx, "the shell command run by '" + lang.label + "'");
                } else if (s.endsWith("|")) {
                    ev.runScript(s.substring(0, s.length() - 1), ctx, "the shell command run by '" + lang.label + "'");
                } else {
                    synthArgv(List.of("cat", s.startsWith("<") ? s.substring(1).strip() : s));
                }
            }
        }

        private void redirect(String op, List<List<Tok>> args) {
            if (!args.isEmpty()) {
                synthRedirect(op, value(args.get(0)));
            }
        }

        private void synthRedirect(String op, String path) {
            ev.emitFinal(List.of(), List.of(new Redirect(op, path)), text, ctx);
        }

        /** A synthetic command: {@code prefix} plus the first {@code count} arguments. */
        private void synth(List<String> prefix, List<List<Tok>> args, int count) {
            if (args.isEmpty()) {
                return;
            }
            List<String> argv = new ArrayList<>(prefix);
            for (int k = 0; k < args.size() && k < count; k++) {
                if (isHash(args.get(k)) || isKeyword(args.get(k))) {
                    break;
                }
                List<String> l = list(args.get(k));
                if (l != null) {
                    argv.addAll(l);
                } else {
                    argv.add(value(args.get(k)));
                }
            }
            synthArgv(argv);
        }

        private void synthArgv(List<String> argv) {
            List<Arg> a = new ArrayList<>(argv.size());
            for (String s : argv) {
                a.add(Arg.of(s));
            }
            ev.emitFinal(a, List.of(), text, ctx);
        }

        private void dynamic(List<Tok> a) {
            ev.finding(Findings.DYNAMIC, Severity.HIGH,
                    "'" + lang.label + "' runs a command built at run time: " + source(a), text, Findings.DYNAMIC_HINT);
        }

        // ------------------------------------------------------------ values

        /** Hex digits as text (high nybble first, or low first for Perl's {@code h*}); null when not hex. */
        private static @Nullable String unhex(String hex, boolean lowFirst) {
            if (hex.length() > 65536) {
                return null;
            }
            StringBuilder sb = new StringBuilder(hex.length() / 2);
            for (int i = 0; i + 1 < hex.length(); i += 2) {
                int hi = Character.digit(hex.charAt(lowFirst ? i + 1 : i), 16);
                int lo = Character.digit(hex.charAt(lowFirst ? i : i + 1), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                sb.append((char) (hi * 16 + lo));
            }
            return sb.toString();
        }

        /** The literal string value of an argument (concatenations of literals too), or null. */
        private @Nullable String literal(List<Tok> a) {
            if (a.isEmpty()) {
                return null;
            }
            if (lang == Lang.PERL && a.size() >= 5 && a.get(0).type == T.IDENT && a.get(0).text.equals("pack")
                    && a.get(1).type == T.OPEN) {
                // pack("H*", "726d...") is the text those hex digits spell
                List<List<Tok>> p = split(a.subList(2, a.size() - 1), 0, a.size() - 3);
                String format = p.size() == 2 ? literal(p.get(0)) : null;
                String hex = format != null && (format.equals("H*") || format.equals("h*")) ? literal(p.get(1)) : null;
                return hex == null ? null : unhex(hex, format.equals("h*"));
            }
            if (a.size() == 1) {
                Tok t = a.get(0);
                return t.type == T.STR && !t.dynamic ? t.text : null;
            }
            StringBuilder sb = new StringBuilder();
            boolean expectString = true;
            for (Tok t : a) {
                if (expectString && t.type == T.STR && !t.dynamic) {
                    sb.append(t.text);
                    expectString = false;
                } else if (!expectString && t.type == T.OTHER && (t.text.equals("+") || t.text.equals("."))) {
                    expectString = true;
                } else {
                    return null;
                }
            }
            return expectString ? null : sb.toString();
        }

        /** A path-like value: the literal, a few well-known expressions, else the source text. */
        private String value(List<Tok> a) {
            String v = literal(a);
            if (v != null) {
                return v;
            }
            if (a.size() >= 3 && a.get(0).type == T.IDENT && homeExpression(a.get(0).text)) {
                // Dir.home + "/.ssh", os.homedir() + '/.aws', Path.home() / ".ssh": under home
                int i = 1;
                if (i + 1 < a.size() && a.get(i).type == T.OPEN && a.get(i + 1).type == T.CLOSE) {
                    i += 2;
                }
                if (i + 1 < a.size() && a.get(i).type == T.OTHER && (a.get(i).text.equals("+") || a.get(i).text.equals(".")
                        || a.get(i).text.equals("/"))) {
                    String rest = literal(a.subList(i + 1, a.size()));
                    if (rest != null) {
                        return "~" + (rest.startsWith("/") ? rest : "/" + rest);
                    }
                }
            }
            if (a.size() >= 3 && a.get(0).type == T.IDENT) {
                String f = a.get(0).text;
                String last = f.substring(f.lastIndexOf('.') + 1);
                if (last.equals("expanduser") || last.equals("expand_path") || last.equals("Path") || last.equals("resolve")
                        || last.equals("normpath") || last.equals("abspath")) {
                    String inner = literal(a.subList(2, a.size() - 1));
                    if (inner != null) {
                        return inner;
                    }
                }
                if (f.endsWith("Path.home") || f.equals("os.homedir") || f.endsWith(".homedir")) {
                    return "~";
                }
                if (last.equals("getenv") || last.equals("get") && f.contains("environ")) {
                    String inner = literal(a.subList(2, a.size() - 1));
                    if (inner != null) {
                        return "$" + inner;
                    }
                }
                if (last.equals("join") && (f.contains("path") || f.contains("File"))) {
                    List<List<Tok>> parts = split(a, 2, a.size() - 1);
                    StringBuilder sb = new StringBuilder();
                    for (List<Tok> p : parts) {
                        if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != '/') {
                            sb.append('/');
                        }
                        sb.append(value(p));
                    }
                    return sb.toString();
                }
            }
            if (a.size() == 1 && a.get(0).type == T.IDENT && (a.get(0).text.endsWith("env.HOME")
                    || a.get(0).text.equals("__dir__"))) {
                return "$HOME";
            }
            String src = source(a).replace(" ", "");
            if (src.equals("require(\"os\").homedir()") || src.equals("require('os').homedir()")
                    || src.equals("(awaitimport(\"os\")).homedir()") || src.equals("(awaitimport('os')).homedir()")) {
                return "~"; // rmSync(require("os").homedir(), ...): the home directory, the module loaded in place
            }
            return source(a);
        }

        private static boolean homeExpression(String ident) {
            return ident.equals("Dir.home") || ident.endsWith("Path.home") || ident.equals("os.homedir") || ident.equals("homedir");
        }

        private List<List<Tok>> split(List<Tok> a, int from, int to) {
            List<List<Tok>> out = new ArrayList<>();
            int depth = 0;
            int start = from;
            for (int k = from; k < to; k++) {
                Tok t = a.get(k);
                if (t.type == T.OPEN) {
                    depth++;
                } else if (t.type == T.CLOSE) {
                    depth--;
                } else if (t.type == T.COMMA && depth == 0) {
                    out.add(a.subList(start, k));
                    start = k + 1;
                }
            }
            if (start < to) {
                out.add(a.subList(start, to));
            }
            return out;
        }

        /** {@code ["rm", "-rf", "/"]} as a list of literals, or null. */
        private @Nullable List<String> list(List<Tok> a) {
            if (a.size() < 2 || a.get(0).type != T.OPEN || !a.get(0).text.equals("[")
                    || a.get(a.size() - 1).type != T.CLOSE) {
                // perl/ruby: system("rm", "-rf") has no brackets; handled by the caller
                return null;
            }
            List<String> out = new ArrayList<>();
            for (List<Tok> item : split(a, 1, a.size() - 1)) {
                String v = literal(item);
                out.add(v == null ? source(item) : v);
            }
            return out.isEmpty() ? null : out;
        }

        private boolean isString(List<Tok> a) {
            return a.size() == 1 && a.get(0).type == T.STR;
        }

        private boolean isHash(List<Tok> a) {
            return !a.isEmpty() && a.get(0).type == T.OPEN && a.get(0).text.equals("{");
        }

        private boolean isKeyword(List<Tok> a) {
            return a.size() >= 2 && a.get(0).type == T.IDENT && a.get(1).type == T.OTHER
                    && (a.get(1).text.equals("=") || a.get(1).text.equals(":"));
        }

        /** {@code shell=True}, {@code {shell: true}}, {@code recursive: true} anywhere in the arguments. */
        private boolean hasKeyword(List<List<Tok>> args, String name, String value) {
            for (List<Tok> a : args) {
                for (int k = 0; k + 2 < a.size(); k++) {
                    if (a.get(k).type == T.IDENT && a.get(k).text.equals(name) && a.get(k + 1).type == T.OTHER
                            && (a.get(k + 1).text.equals("=") || a.get(k + 1).text.equals(":"))
                            && a.get(k + 2).type == T.IDENT && a.get(k + 2).text.equals(value)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private String source(List<Tok> a) {
            if (a.isEmpty()) {
                return "";
            }
            return source(a.get(0).start, a.get(a.size() - 1).end);
        }

        private String source(int from, int to) {
            String s = code.substring(Math.max(0, from), Math.min(code.length(), to)).strip();
            return s.length() > 200 ? s.substring(0, 200) + "…" : s;
        }
    }
}
