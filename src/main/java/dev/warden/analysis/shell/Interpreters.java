package dev.warden.analysis.shell;

import dev.warden.analysis.shell.Evaluator.Arg;
import dev.warden.analysis.shell.Evaluator.Ctx;
import dev.warden.analysis.shell.Evaluator.Stdin;
import dev.warden.call.Command.Redirect;
import dev.warden.call.Severity;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Finds the inline code of an interpreter command ({@code python3 -c CODE}, {@code node -e},
 * {@code perl -e}, {@code ruby -e}, {@code php -r}, {@code deno eval}, {@code bun -e},
 * {@code lua -e}, or a heredoc / pipe on standard input) and hands it to {@link InlineCode}.
 * The interpreter command itself is always reported too: it is a real program.
 */
final class Interpreters {

    /** A language whose inline code is scanned, with the label used in {@code via}. */
    enum Lang {
        PYTHON("python -c"), NODE("node -e"), DENO("deno eval"), BUN("bun -e"), PERL("perl -e"), RUBY("ruby -e"),
        PHP("php -r"), LUA("lua -e"), JVM("jshell/groovy");

        final String label;

        Lang(String label) {
            this.label = label;
        }

        /** JavaScript-like syntax. */
        boolean js() {
            return this == NODE || this == DENO || this == BUN;
        }
    }

    private final Evaluator ev;
    private final Unwrapper unwrapper;

    Interpreters(Evaluator ev, Unwrapper unwrapper) {
        this.ev = ev;
        this.unwrapper = unwrapper;
    }

    static @Nullable Lang lang(String prog) {
        if (versioned(prog, "python") || versioned(prog, "pypy") || prog.equals("python")) {
            return Lang.PYTHON;
        }
        if (prog.equals("node") || prog.equals("nodejs") || versioned(prog, "node")) {
            return Lang.NODE;
        }
        if (prog.equals("deno")) {
            return Lang.DENO;
        }
        if (prog.equals("bun")) {
            return Lang.BUN;
        }
        if (versioned(prog, "perl")) {
            return Lang.PERL;
        }
        if (versioned(prog, "ruby")) {
            return Lang.RUBY;
        }
        if (versioned(prog, "php")) {
            return Lang.PHP;
        }
        if (versioned(prog, "lua") || prog.equals("luajit")) {
            return Lang.LUA;
        }
        if (prog.equals("jshell") || prog.equals("groovy") || prog.equals("groovysh") || prog.equals("scala")
                || prog.equals("kotlin") || prog.equals("kotlinc") || prog.equals("kotlinc-jvm")) {
            return Lang.JVM;
        }
        return null;
    }

    /** {@code python}, {@code python3}, {@code python3.12}, {@code perl5.36}. */
    private static boolean versioned(String prog, String name) {
        if (!prog.startsWith(name)) {
            return false;
        }
        for (int i = name.length(); i < prog.length(); i++) {
            char c = prog.charAt(i);
            if (!(Character.isDigit(c) || c == '.')) {
                return false;
            }
        }
        return true;
    }

    void run(Lang lang, List<Arg> a, List<Redirect> redirs, String text, Ctx ctx) {
        ev.emitFinal(a, redirs, text, ctx);
        Code code = find(lang, a);
        Ctx inner = ctx.via(lang.label, false).withStdin(null);
        if (code != null && code.arg != null) {
            Arg c = code.arg;
            if (c.opaque()) {
                ev.finding(Findings.DYNAMIC, Severity.HIGH,
                        "the code run by '" + lang.label + "' is only known at run time: '" + c.value() + "'", text,
                        Findings.DYNAMIC_HINT);
                return;
            }
            if ((c.taint() & (Payloads.DOWNLOAD | Payloads.DECODE)) != 0) {
                ev.pipeToShell(c.taint(), text, "'" + lang.label + "' executes");
            }
            InlineCode.scan(c.value(), lang, ev, unwrapper, inner, text);
            return;
        }
        if (code != null && code.file) {
            // a script file: its content is not visible here, unless it is a process
            // substitution (python3 <(curl -s https://x/i.py) runs the download)
            for (int k = 1; k < a.size(); k++) {
                Arg x = a.get(k);
                if (!x.value().startsWith("-")) {
                    if ((x.taint() & Payloads.PROCSUB) != 0) {
                        ev.pipeToShell(x.taint(), text, "'" + lang.label + "' runs a script produced by");
                    }
                    // a script this call wrote (printf '...' > x.py; python3 x.py): read its text
                    Evaluator.Written w = ctx.remote() ? null : ev.writtenFile(x.value(), ctx.env().cds());
                    if (w != null && w.content() != null) {
                        InlineCode.scan(Payloads.text(w.content()), lang, ev, unwrapper, inner, text);
                    } else if (w != null && (x.taint() & Payloads.PROCSUB) == 0) {
                        ev.pipeToShell(w.taint(), w.evidence() + " … " + text,
                                "'" + lang.label + "' runs '" + x.value() + "', written earlier in the same command from");
                    }
                    break;
                }
            }
            return;
        }
        // code from standard input
        String body = Unwrapper.stdinScript(redirs);
        if (body != null) {
            InlineCode.scan(body, lang, ev, unwrapper, inner, text);
            return;
        }
        Stdin in = ctx.stdin();
        if (in != null && in.pipe() && !Unwrapper.hasInputRedirect(redirs)) {
            if (in.known() != null) {
                if ((in.taint() & Payloads.DECODE) != 0) {
                    ev.pipeToShell(in.taint(), in.evidence(), "'" + a.get(0).value() + "' executes");
                }
                InlineCode.scan(Payloads.text(in.known()), lang, ev, unwrapper, inner, text);
            } else {
                ev.pipeToShell(in.taint(), in.evidence(), "'" + a.get(0).value() + "' executes");
            }
        }
    }

    /** Where the code is: an argument, a script file, or (neither) standard input. */
    private record Code(@Nullable Arg arg, boolean file) {}

    private static @Nullable Code find(Lang lang, List<Arg> a) {
        int n = a.size();
        StringBuilder multi = null;
        Arg multiArg = null;
        int i = 1;
        if (lang == Lang.DENO || lang == Lang.BUN) {
            if (n > 1 && a.get(1).value().equals("eval") && lang == Lang.DENO) {
                for (int k = 2; k < n; k++) {
                    if (!a.get(k).value().startsWith("-")) {
                        return new Code(a.get(k), false);
                    }
                }
                return null;
            }
            if (lang == Lang.DENO) {
                return new Code(null, true);
            }
        }
        while (i < n) {
            Arg x = a.get(i);
            String t = x.value();
            if (t.equals("-")) {
                return null;
            }
            if (t.equals("--")) {
                return i + 1 < n ? new Code(null, true) : null;
            }
            if (!t.startsWith("-") || t.length() == 1) {
                return multi != null ? new Code(merge(multiArg, multi), false) : new Code(null, true);
            }
            switch (lang) {
                case PYTHON -> {
                    if (t.startsWith("--")) {
                        i++;
                        continue;
                    }
                    for (int k = 1; k < t.length(); k++) {
                        char c = t.charAt(k);
                        if (c == 'c') {
                            return new Code(k + 1 < t.length() ? sub(x, k + 1) : i + 1 < n ? a.get(i + 1) : null, false);
                        }
                        if (c == 'm') {
                            int at = k + 1 < t.length() ? i : i + 1;
                            String module = k + 1 < t.length() ? t.substring(k + 1) : at < n ? a.get(at).value() : "";
                            return module.equals("timeit") ? timeit(a, at + 1) : new Code(null, true);
                        }
                        if (c == 'W' || c == 'X') {
                            if (k == t.length() - 1) {
                                i++;
                            }
                            break;
                        }
                    }
                    i++;
                }
                case NODE, BUN -> {
                    if (t.equals("-e") || t.equals("--eval") || t.equals("-p") || t.equals("--print")) {
                        return new Code(i + 1 < n ? a.get(i + 1) : null, false);
                    }
                    if (t.startsWith("--eval=") || t.startsWith("--print=")) {
                        return new Code(sub(x, t.indexOf('=') + 1), false);
                    }
                    boolean takes = t.equals("-r") || t.equals("--require") || t.equals("--import")
                            || t.equals("--loader") || t.equals("-C") || t.equals("--conditions");
                    // --import 'data:text/javascript,CODE': the module is the code itself
                    Arg module = takes && i + 1 < n ? a.get(i + 1) : t.startsWith("--import=") || t.startsWith("--require=")
                            || t.startsWith("--loader=") ? sub(x, t.indexOf('=') + 1) : null;
                    String inline = module == null ? null : dataUrl(module.value());
                    if (inline != null) {
                        return new Code(new Arg(inline, module.dynamic(), module.opaque(), module.taint()), false);
                    }
                    i += takes ? 2 : 1;
                }
                case PERL, RUBY, LUA -> {
                    boolean next = false;
                    for (int k = 1; k < t.length(); k++) {
                        char c = t.charAt(k);
                        if (c == 'e' || (c == 'E' && lang == Lang.PERL)) {
                            Arg code = k + 1 < t.length() ? sub(x, k + 1) : i + 1 < n ? a.get(i + 1) : null;
                            if (code != null) {
                                if (multi == null) {
                                    multi = new StringBuilder();
                                    multiArg = code;
                                } else {
                                    multi.append('\n');
                                    multiArg = merge(multiArg, code);
                                }
                                multi.append(code.value());
                            }
                            next = k + 1 >= t.length();
                            break;
                        }
                        if ((c == 'l' || c == '0' || c == 'C') && lang != Lang.LUA) {
                            // optional digits attached (-l, -0777, -C7); the cluster goes on
                            while (k + 1 < t.length() && Character.isDigit(t.charAt(k + 1))) {
                                k++;
                            }
                            continue;
                        }
                        if ("MmIidDxFrWT".indexOf(c) >= 0 && k + 1 < t.length()) {
                            break; // the rest of the word is this option's value
                        }
                        if ((c == 'I' || c == 'r' || c == 'l' && lang == Lang.LUA) && k + 1 == t.length()) {
                            next = true;
                            break;
                        }
                    }
                    i += next ? 2 : 1;
                }
                case JVM -> {
                    // groovy -e CODE, scala -e CODE, kotlin -e CODE; jshell's options that take a value
                    if (t.equals("-e") || t.equals("--eval") || t.equals("-expression")) {
                        return new Code(i + 1 < n ? a.get(i + 1) : null, false);
                    }
                    boolean takes = t.equals("--class-path") || t.equals("-cp") || t.equals("-classpath")
                            || t.equals("--module-path") || t.equals("--add-modules") || t.equals("--startup")
                            || t.equals("--feedback") || t.equals("--execution");
                    i += takes ? 2 : 1;
                }
                case PHP -> {
                    if (t.equals("-r") || t.equals("-B") || t.equals("-R") || t.equals("-E")) {
                        return new Code(i + 1 < n ? a.get(i + 1) : null, false);
                    }
                    if (t.equals("-f")) {
                        return new Code(null, true);
                    }
                    boolean takes = t.equals("-d") || t.equals("-c") || t.equals("-z");
                    i += takes ? 2 : 1;
                }
                default -> i++;
            }
        }
        return multi != null ? new Code(merge(multiArg, multi), false) : null;
    }

    /**
     * {@code python -m timeit [-s SETUP] STATEMENT...}: the setup and the statements are Python
     * code, run like {@code -c}.
     */
    private static Code timeit(List<Arg> a, int from) {
        StringBuilder code = new StringBuilder();
        Arg first = null;
        for (int i = from; i < a.size(); i++) {
            Arg x = a.get(i);
            String t = x.value();
            Arg stmt = x;
            if (t.equals("-s") || t.equals("--setup")) {
                if (++i >= a.size()) {
                    break;
                }
                stmt = a.get(i);
            } else if (t.startsWith("--setup=")) {
                stmt = sub(x, 8);
            } else if (t.startsWith("-s") && t.length() > 2) {
                stmt = sub(x, 2);
            } else if (t.equals("-n") || t.equals("-r") || t.equals("-u") || t.equals("--number")
                    || t.equals("--repeat") || t.equals("--unit")) {
                i++;
                continue;
            } else if (t.startsWith("-") && !t.equals("-") && !t.equals("--")) {
                continue; // -p, -v, -n5, --number=5
            }
            if (t.equals("--")) {
                continue;
            }
            first = merge(first, stmt);
            code.append(stmt.value()).append('\n');
        }
        return first == null ? new Code(null, false) : new Code(merge(first, code), false);
    }

    /** The text of a {@code data:} URL ({@code data:text/javascript,...}, {@code ;base64,...}), or null. */
    static @Nullable String dataUrl(String url) {
        if (!url.startsWith("data:")) {
            return null;
        }
        int comma = url.indexOf(',');
        if (comma < 0) {
            return null;
        }
        String body = url.substring(comma + 1);
        try {
            if (url.substring(0, comma).endsWith(";base64")) {
                return new String(java.util.Base64.getDecoder().decode(body.strip()), java.nio.charset.StandardCharsets.UTF_8);
            }
            return java.net.URLDecoder.decode(body.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return body;
        }
    }

    private static Arg sub(Arg a, int from) {
        return new Arg(a.value().substring(from), a.dynamic(), a.opaque(), a.taint());
    }

    private static Arg merge(@Nullable Arg a, CharSequence joined) {
        return new Arg(joined.toString(), a != null && a.dynamic(), a != null && a.opaque(), a == null ? 0 : a.taint());
    }

    private static Arg merge(@Nullable Arg a, Arg b) {
        if (a == null) {
            return b;
        }
        return new Arg(a.value(), a.dynamic() || b.dynamic(), a.opaque() && b.opaque(), a.taint() | b.taint());
    }
}
