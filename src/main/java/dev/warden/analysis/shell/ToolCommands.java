package dev.warden.analysis.shell;

import dev.warden.analysis.shell.Evaluator.Arg;
import dev.warden.analysis.shell.Evaluator.Ctx;
import dev.warden.call.Command.Redirect;
import dev.warden.call.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Tools that act themselves and also run a shell command given in an option, an inline script
 * or a subcommand: terminal multiplexers ({@code tmux new 'cmd'}, {@code tmux send-keys 'cmd'
 * Enter}, {@code screen -X stuff}), {@code ssh -o ProxyCommand=}, {@code sqlite3 '.shell cmd'},
 * {@code tar --to-command=}, {@code zip -TT}, {@code make --eval='$(shell cmd)'}, GNU
 * {@code sed}'s {@code e} command and {@code s///e} flag, and git's many command hooks
 * ({@code -c core.sshCommand=}, {@code !} aliases, {@code --upload-pack=}, {@code ext::} URLs,
 * {@code bisect run}, {@code submodule foreach}, {@code rebase --exec}, and the same settings given
 * through {@code GIT_CONFIG_COUNT}/{@code GIT_CONFIG_PARAMETERS}); also interactive tools whose
 * own command language has a shell escape, when the call shows their script ({@code ed !cmd},
 * {@code psql \!}, {@code mysql system}, {@code sftp !}, {@code dc !}, gnuplot's {@code system()}).
 *
 * <p>Design note. The tool is reported as it is written (its own pack judges it), and each
 * embedded command is read as a script of its own, labelled with where it came from, so the
 * packs judge {@code rm -rf ~} the same whether typed or hidden in {@code tar --checkpoint-action}.
 * Code that cannot be read (a command built at run time) is a finding, never silence; the
 * option tables only need to be right about which words are commands, and when unsure the
 * word is read as one (reading a harmless word costs nothing).
 */
final class ToolCommands {

    private final Evaluator ev;
    private final Unwrapper un;

    ToolCommands(Evaluator ev, Unwrapper un) {
        this.ev = ev;
        this.un = un;
    }

    /** Reads {@code prog}'s embedded commands; false when {@code prog} is not one of these tools. */
    boolean read(String prog, List<Arg> a, List<Redirect> redirs, String text, Ctx ctx, @Nullable Map<String, String> env) {
        switch (prog) {
            case "curl", "wget" -> {
                List<Arg> options = configOptions(prog, a, ctx, env);
                if (options.isEmpty()) {
                    return false;
                }
                // the options a config file written in this call gives (curl -K f, CURL_HOME, WGETRC) count
                // as if they were on the command line
                List<Arg> all = new ArrayList<>(a);
                all.addAll(1, options);
                ev.emitFinal(all, redirs, text, ctx);
            }
            case "tmux", "byobu" -> tmux(a, redirs, text, ctx);
            case "screen" -> screen(a, redirs, text, ctx);
            case "scp", "sftp" -> {
                ev.emitFinal(a, redirs, text, ctx);
                sshOptions(a, text, ctx, prog);
                if (prog.equals("sftp")) {
                    ftpBang(a, redirs, text, ctx, prog);
                }
            }
            case "ftp", "tnftp", "lftp" -> {
                ev.emitFinal(a, redirs, text, ctx);
                ftpBang(a, redirs, text, ctx, prog);
            }
            case "ed", "red" -> ed(a, redirs, text, ctx, prog);
            case "psql" -> psql(a, redirs, text, ctx);
            case "mysql", "mariadb" -> mysql(a, redirs, text, ctx, prog);
            case "dc" -> dc(a, redirs, text, ctx);
            case "gnuplot" -> gnuplot(a, redirs, text, ctx);
            case "rsync" -> rsync(a, redirs, text, ctx);
            case "sqlite3", "sqlite", "duckdb" -> sqlite(a, redirs, text, ctx);
            case "kak" -> kak(a, redirs, text, ctx);
            case "gs", "gsc", "ghostscript", "gswin64c" -> ghostscript(a, redirs, text, ctx);
            case "pm2" -> {
                // pm2 start 'cmd args': a command line (words) is run by a shell; a single word is a script file
                ev.emitFinal(a, redirs, text, ctx);
                if (a.size() > 2 && a.get(1).value().equals("start") && a.get(2).value().indexOf(' ') > 0) {
                    script(a.get(2), ctx, "pm2 start", text);
                }
            }
            case "just" -> {
                // just --command CMD ARGS: runs CMD with the justfile's variables exported
                int at = -1;
                for (int i = 1; i < a.size(); i++) {
                    if (a.get(i).value().equals("--command")) {
                        at = i;
                        break;
                    }
                }
                if (at < 0 || at + 1 >= a.size()) {
                    return false;
                }
                ev.emitFinal(a, redirs, text, ctx);
                un.unwrap(new ArrayList<>(a.subList(at + 1, a.size())), List.of(), text, ctx.via("just --command", false), null);
            }
            case "tar", "gtar", "bsdtar" -> tar(a, redirs, text, ctx);
            case "zip" -> zip(a, redirs, text, ctx, env);
            case "make", "gmake" -> make(a, redirs, text, ctx, env);
            case "sed", "gsed" -> sed(a, redirs, text, ctx);
            case "git" -> {
                gitEnv(env, text, ctx);
                git(a, redirs, text, ctx);
            }
            case "vim", "vi", "nvim", "ex", "view", "gvim", "rvim" -> vim(a, redirs, text, ctx, prog);
            case "gdb" -> gdb(a, redirs, text, ctx);
            case "emacs", "emacsclient" -> emacs(a, redirs, text, ctx);
            case "cargo" -> cargo(a, redirs, text, ctx);
            case "aws", "gcloud", "az" -> cloudRemote(a, redirs, text, ctx, prog);
            case "compgen", "complete", "split", "sdiff", "diff3", "gcc", "cc", "clang", "g++",
                    "c++", "m4", "mlr", "ipython", "ipython3", "go", "yt-dlp", "youtube-dl", "aria2c", "apt", "apt-get",
                    "aptitude", "hg", "svn", "groff", "troff", "rpm", "rpmbuild", "rpmspec", "gh"
                    -> programOptions(a, redirs, text, ctx, prog);
            case "tclsh", "wish", "expect" -> tcl(a, redirs, text, ctx, prog);
            case "awk", "gawk", "mawk", "nawk", "busybox-awk" -> {
                ev.emitFinal(a, redirs, text, ctx);
                Arg program = awkProgram(a);
                if (program != null) {
                    awkCommands(program, ctx, text);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * The options in a curl or wget configuration file this call wrote (or gave as a process
     * substitution): {@code curl -K FILE}, {@code --config FILE}, {@code CURL_HOME=DIR} (its
     * {@code .curlrc}), {@code WGETRC=FILE}, {@code wget --config=FILE}. Empty when there is none.
     */
    private List<Arg> configOptions(String prog, List<Arg> a, Ctx ctx, @Nullable Map<String, String> env) {
        List<Arg> files = new ArrayList<>(2);
        for (int i = 1; i < a.size(); i++) {
            String t = a.get(i).value();
            if ((t.equals("-K") || t.equals("--config")) && i + 1 < a.size()) {
                files.add(a.get(i + 1));
            } else if (t.startsWith("--config=")) {
                files.add(Unwrapper.cut(a.get(i), 9));
            }
        }
        String var = prog.equals("curl") ? "CURL_HOME" : "WGETRC";
        String dir = env != null && env.containsKey(var) ? env.get(var) : ctx.env().get(var);
        if (dir != null && dir != Env.UNKNOWN && !dir.isEmpty()) {
            files.add(Arg.of(prog.equals("curl") ? (dir.endsWith("/") ? dir : dir + "/") + ".curlrc" : dir));
        }
        List<Arg> out = new ArrayList<>();
        for (Arg f : files) {
            Arg body = fileText(f, ctx);
            if (body == null) {
                continue;
            }
            for (String line : body.value().split("\n")) { // every line: a limit would glue the rest into one value
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                int sep = 0;
                while (sep < l.length() && " \t=:".indexOf(l.charAt(sep)) < 0) {
                    sep++;
                }
                String name = l.substring(0, sep);
                String value = l.substring(sep).replaceFirst("^[\\s=:]+", "").strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1).replace("\\\"", "\"");
                }
                if (prog.equals("wget")) {
                    name = name.replace('_', '-');
                }
                String opt = name.startsWith("-") ? name : (name.length() == 1 ? "-" : "--") + name;
                out.add(arg(opt, body));
                if (!value.isEmpty()) {
                    out.add(arg(value, body));
                }
            }
        }
        return out;
    }

    /** The inline program of an awk command line, or null when it runs a file ({@code -f}). */
    private static @Nullable Arg awkProgram(List<Arg> a) {
        for (int i = 1; i < a.size(); i++) {
            String t = a.get(i).value();
            if (t.equals("--")) {
                return i + 1 < a.size() ? a.get(i + 1) : null;
            }
            if (t.equals("-f") || t.equals("--file") || t.equals("-E") || t.equals("--exec") || t.startsWith("--file=")
                    || t.startsWith("--exec=")) {
                return null;
            }
            if (t.equals("-v") || t.equals("-F") || t.equals("-W") || t.equals("--assign") || t.equals("--field-separator")
                    || t.equals("-i") || t.equals("--include") || t.equals("-l") || t.equals("--load")) {
                i++;
                continue;
            }
            if (!t.startsWith("-") || t.equals("-")) {
                return a.get(i);
            }
        }
        return null;
    }

    /**
     * The shell commands an awk program runs whose text it spells out: {@code system("CMD")}
     * (string literals, concatenated), {@code print | "CMD"} and {@code "CMD" | getline}. A
     * command built from fields or variables is left to the inline-code finding.
     */
    void awkCommands(Arg program, Ctx ctx, String text) {
        String p = program.value();
        for (int at = p.indexOf("system"); at >= 0; at = p.indexOf("system", at + 6)) {
            int open = at + 6;
            while (open < p.length() && (p.charAt(open) == ' ' || p.charAt(open) == '\t')) {
                open++;
            }
            if (open >= p.length() || p.charAt(open) != '(' || at > 0 && Character.isLetterOrDigit(p.charAt(at - 1))) {
                continue;
            }
            StringBuilder cmd = new StringBuilder();
            int end = awkStrings(p, open + 1, cmd);
            if (end < p.length() && p.charAt(end) == ')' && !cmd.isEmpty()) {
                script(arg(cmd.toString(), program), ctx.via("awk system", false), "awk system()", text);
            }
        }
        for (int bar = p.indexOf('|'); bar >= 0; bar = p.indexOf('|', bar + 1)) {
            int after = bar + 1 < p.length() && p.charAt(bar + 1) == '&' ? bar + 2 : bar + 1;
            if (after < p.length() && p.charAt(after) == '|' || bar > 0 && p.charAt(bar - 1) == '|') {
                continue; // ||: a condition
            }
            StringBuilder cmd = new StringBuilder();
            awkStrings(p, after, cmd); // print | "CMD"
            if (cmd.isEmpty()) {
                // "CMD" | getline: the string literal just before the bar
                int q = bar - 1;
                while (q >= 0 && p.charAt(q) == ' ') {
                    q--;
                }
                if (q > 0 && p.charAt(q) == '"') {
                    int start = q - 1;
                    while (start >= 0 && !(p.charAt(start) == '"' && (start == 0 || p.charAt(start - 1) != '\\'))) {
                        start--;
                    }
                    if (start >= 0) {
                        awkStrings(p, start, cmd);
                    }
                }
            }
            if (!cmd.isEmpty()) {
                script(arg(cmd.toString(), program), ctx.via("awk pipe", false), "awk pipe", text);
            }
        }
    }

    /**
     * Reads string literals separated by blanks (awk concatenation) from {@code i}, decoding
     * escapes into {@code out}; returns where it stopped. Anything else (a variable, a field)
     * empties {@code out}: the command is not spelled out.
     */
    private static int awkStrings(String p, int i, StringBuilder out) {
        int n = p.length();
        boolean any = false;
        while (i < n) {
            char c = p.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
                continue;
            }
            if (c != '"') {
                break;
            }
            any = true;
            i++;
            while (i < n && p.charAt(i) != '"') {
                char ch = p.charAt(i);
                if (ch == '\\' && i + 1 < n) {
                    char e = p.charAt(++i);
                    out.append(switch (e) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        default -> e;
                    });
                } else {
                    out.append(ch);
                }
                i++;
            }
            i++;
        }
        if (!any || i < n && p.charAt(i) != ')' && p.charAt(i) != ';' && p.charAt(i) != '}' && p.charAt(i) != '\n'
                && p.charAt(i) != '|' && p.charAt(i) != '>' && p.charAt(i) != '<') {
            out.setLength(0);
        }
        return i;
    }

    private void script(Arg code, Ctx ctx, String label, String text) {
        un.script(code, ctx.withStdin(null).withRedirsCleared(), label, text, null);
    }

    private static Arg arg(String s, Arg from) {
        return new Arg(s, from.dynamic(), from.opaque(), from.taint());
    }

    /**
     * What the tool reads on standard input when the call shows it: a here-document or
     * here-string, known text piped in ({@code echo '.shell x' | sqlite3}), or a file written
     * earlier in the call; null otherwise.
     */
    private static @Nullable Arg stdinText(List<Redirect> redirs, Ctx ctx) {
        String body = Unwrapper.stdinScript(redirs);
        if (body != null) {
            return Arg.of(body);
        }
        Evaluator.Stdin in = ctx.stdin();
        if (in != null && in.known() != null && !Unwrapper.hasInputRedirect(redirs)) {
            return new Arg(Payloads.text(in.known()), false, false, in.taint());
        }
        return null;
    }

    /** The text of a script file the call itself wrote or produced ({@code -f <(echo ...)}, {@code echo ... > x; tool -f x}). */
    private @Nullable Arg fileText(Arg file, Ctx ctx) {
        Evaluator.Written w = ev.writtenFile(file.value(), ctx.env().cds());
        if (w == null || w.content() == null) {
            return null;
        }
        return new Arg(Payloads.text(w.content()), false, false, w.taint() & ~Payloads.PROCSUB);
    }

    // ---------------------------------------------------------------- terminal multiplexers

    /** tmux commands whose trailing words are a shell command, with their options that take a value. */
    private static final Map<String, String> TMUX_SHELL = Map.ofEntries(
            Map.entry("new-session", "cefFnstxy"), Map.entry("new", "cefFnstxy"),
            Map.entry("new-window", "ceFnt"), Map.entry("neww", "ceFnt"),
            Map.entry("split-window", "celtFp"), Map.entry("splitw", "celtFp"),
            Map.entry("respawn-pane", "cet"), Map.entry("respawnp", "cet"),
            Map.entry("respawn-window", "cet"), Map.entry("respawnw", "cet"),
            Map.entry("run-shell", "dtc"), Map.entry("run", "dtc"),
            Map.entry("pipe-pane", "t"), Map.entry("pipep", "t"),
            Map.entry("display-popup", "bcdehsStTwxy"), Map.entry("popup", "bcdehsStTwxy"),
            Map.entry("if-shell", "t"), Map.entry("if", "t"));

    /**
     * {@code tmux [-c CMD] [options] [command [flags] [args]] [\; command ...]}: {@code -c}
     * runs CMD with the default shell; new-session, new-window, split-window, respawn-*,
     * run-shell, pipe-pane, display-popup run their trailing words (one word: a shell string;
     * several: a program and its arguments); if-shell's first word is a shell string;
     * send-keys types text into the pane's shell, where Enter runs it.
     */
    private void tmux(List<Arg> written, List<Redirect> redirs, String text, Ctx ctx) {
        ev.emitFinal(written, redirs, text, ctx);
        List<Arg> a = tmuxWords(written);
        int n = a.size();
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
            int at = Unwrapper.valuedAt(t, "cfLST");
            if (at >= 0 && t.charAt(at) == 'c') {
                Arg v = at + 1 < t.length() ? Unwrapper.cut(a.get(i), at + 1) : i + 1 < n ? a.get(i + 1) : null;
                if (v != null) {
                    script(v, ctx.via("tmux -c", false), "tmux -c", text);
                }
            } else if (at >= 0 && t.charAt(at) == 'f') {
                // tmux -f FILE: a configuration this call wrote; its run-shell and hook lines are tmux commands
                Arg v = at + 1 < t.length() ? Unwrapper.cut(a.get(i), at + 1) : i + 1 < n ? a.get(i + 1) : null;
                Evaluator.Written w = v == null ? null : ev.writtenFile(v.value(), ctx.env().cds());
                if (w != null && w.content() != null) {
                    for (String line : Payloads.text(w.content()).split("\n")) {
                        List<Arg> words = new ArrayList<>();
                        for (String word : configWords(line)) {
                            words.add(arg(word, v));
                        }
                        tmuxCommand(words, text, ctx);
                    }
                } else if (w != null) {
                    ev.pipeToShell(w.taint(), w.evidence() + " … " + text, "tmux loads the configuration '" + v.value()
                            + "' from");
                }
            }
            i += Unwrapper.clusterWords(t, "cfLST");
        }
        // commands separated by a lone ';' (written \; in the shell)
        while (i < n) {
            int end = i;
            while (end < n && !a.get(end).value().equals(";")) {
                end++;
            }
            tmuxCommand(a.subList(i, end), text, ctx);
            i = end + 1;
        }
    }

    /** The words of a configuration line: split at blanks, quotes kept together and removed; a comment ends it. */
    static List<String> configWords(String line) {
        return words(line, "'\"", true);
    }

    /**
     * A line split at blanks, a part in one of {@code quotes} kept whole and its quotes removed;
     * with {@code comments}, a {@code #} starting a word ends the line. At most 256 words.
     */
    private static List<String> words(String line, String quotes, boolean comments) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        char quote = 0;
        boolean in = false;
        for (int k = 0; k < line.length() && out.size() < 256; k++) {
            char ch = line.charAt(k);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else {
                    w.append(ch);
                }
            } else if (quotes.indexOf(ch) >= 0) {
                quote = ch;
                in = true;
            } else if (ch == '#' && !in && comments) {
                break;
            } else if (ch == ' ' || ch == '\t') {
                if (in) {
                    out.add(w.toString());
                    w.setLength(0);
                    in = false;
                }
            } else {
                w.append(ch);
                in = true;
            }
        }
        if (in) {
            out.add(w.toString());
        }
        return out;
    }

    /**
     * tmux ends a command at a word that ends in an unescaped {@code ;} ({@code new -d\;} after
     * the shell's quote removal is {@code -d;}): such a word is split into the word and a lone {@code ;}.
     */
    private static List<Arg> tmuxWords(List<Arg> a) {
        List<Arg> out = new ArrayList<>(a.size() + 2);
        for (int i = 0; i < a.size(); i++) {
            Arg w = a.get(i);
            String v = w.value();
            if (i > 0 && v.length() > 1 && v.endsWith(";") && !v.endsWith("\\;")) {
                out.add(arg(v.substring(0, v.length() - 1), w));
                out.add(arg(";", w));
            } else {
                out.add(w);
            }
        }
        return out;
    }

    /** tmux options whose value is a shell command every new window or pane runs. */
    private static final Set<String> TMUX_COMMAND_OPTIONS = Set.of("default-command", "default-shell");

    /**
     * {@code set-option [-aFgopqsuUw] [-t target] OPTION VALUE}: default-command (and
     * default-shell) is what every new window runs; {@code set-hook [-agpRuw] [-t target] HOOK
     * COMMAND}: a tmux command run on the event, read as if typed after {@code tmux}, as are
     * if-shell's tmux commands.
     */
    private void tmuxSetting(List<Arg> c, String text, Ctx ctx) {
        String cmd = c.get(0).value();
        int i = 1;
        int n = c.size();
        while (i < n && c.get(i).value().startsWith("-") && c.get(i).value().length() > 1) {
            String t = c.get(i).value();
            i += t.endsWith("t") && !t.equals("--") ? 2 : 1;
        }
        if (i + 1 >= n) {
            return;
        }
        String name = c.get(i).value();
        Arg value = Unwrapper.join(c, i + 1);
        Ctx inner = ctx.via("tmux " + cmd, false);
        if (cmd.equals("set-hook")) {
            script(arg("tmux " + value.value(), value), inner, "tmux set-hook " + name, text);
        } else if (TMUX_COMMAND_OPTIONS.contains(name)) {
            script(value, inner, "tmux " + name, text);
        }
    }

    private void tmuxCommand(List<Arg> c, String text, Ctx ctx) {
        if (c.isEmpty()) {
            return;
        }
        String cmd = c.get(0).value();
        if (Set.of("set-option", "set", "set-window-option", "setw", "set-hook").contains(cmd)) {
            tmuxSetting(c, text, ctx);
            return;
        }
        String valued = TMUX_SHELL.get(cmd);
        boolean keys = cmd.equals("send-keys") || cmd.equals("send");
        if (valued == null && !keys) {
            return;
        }
        if (keys) {
            valued = "Nt c";
        }
        int n = c.size();
        int i = 1;
        boolean literal = false;
        boolean tmuxCommandFlag = false;
        while (i < n) {
            String t = c.get(i).value();
            if (t.equals("--")) {
                i++;
                break;
            }
            if (t.length() < 2 || t.charAt(0) != '-') {
                break;
            }
            int at = Unwrapper.valuedAt(t, valued);
            String letters = t.substring(1, at < 0 ? t.length() : at + 1);
            literal |= letters.indexOf('l') >= 0;
            tmuxCommandFlag |= letters.indexOf('C') >= 0;
            i += Unwrapper.clusterWords(t, valued);
        }
        if (i >= n || tmuxCommandFlag && (cmd.equals("run-shell") || cmd.equals("run"))) {
            return; // run-shell -C: a tmux command, not a shell one
        }
        Ctx inner = ctx.via("tmux " + cmd, false);
        if (keys) {
            typed(keysText(c.subList(i, n), literal), inner, "tmux send-keys", text);
        } else if (cmd.equals("if-shell") || cmd.equals("if")) {
            script(c.get(i), inner, "tmux if-shell", text);
            for (int k = i + 1; k < n && k <= i + 2; k++) {
                // then the tmux command to run on success, and the one on failure (a run-shell among them)
                script(arg("tmux " + c.get(k).value(), c.get(k)), inner, "tmux if-shell command", text);
            }
        } else if (i == n - 1) {
            script(c.get(i), inner, "tmux " + cmd, text);
        } else {
            un.unwrap(new ArrayList<>(c.subList(i, n)), List.of(), text, inner.withStdin(null).withRedirsCleared(), null);
        }
    }

    /** The text send-keys types: key names become what they type (Enter a new line), other words themselves. */
    private static Arg keysText(List<Arg> keys, boolean literal) {
        StringBuilder sb = new StringBuilder();
        boolean dynamic = false;
        boolean opaque = false;
        int taint = 0;
        for (Arg k : keys) {
            String v = k.value();
            dynamic |= k.dynamic();
            opaque |= k.opaque();
            taint |= k.taint();
            if (literal) {
                sb.append(v);
            } else if (v.equals("Enter") || v.equals("C-m") || v.equals("C-j") || v.equals("KPEnter") || v.equals("^M")) {
                sb.append('\n');
            } else if (v.equals("Space")) {
                sb.append(' ');
            } else if (v.equals("Tab") || v.equals("C-i")) {
                sb.append('\t');
            } else if (v.matches("(?:[CMS]-)+.|Escape|Up|Down|Left|Right|BSpace|BTab|DC|End|Home|IC|NPage|PPage|PgUp|PgDn|PageUp|PageDown|F\\d{1,2}")) {
                sb.append(v.equals("C-c") || v.equals("C-u") ? "\n" : ""); // an interrupt ends the line unrun
            } else {
                sb.append(v);
            }
        }
        return new Arg(sb.toString(), dynamic, opaque && dynamic, taint);
    }

    /**
     * Text typed into an interactive shell. Every line is read, the last one too even without
     * a new line: a later {@code send-keys Enter} runs it.
     */
    private void typed(Arg typed, Ctx ctx, String label, String text) {
        if (typed.value().isBlank() && !typed.opaque()) {
            return;
        }
        script(typed, ctx, label, text);
    }

    /**
     * {@code screen [options] [cmd [args]]}: the operand runs in a new window ({@code -dmS NAME
     * bash -c CMD}); {@code -X stuff TEXT} types TEXT ({@code \n} and {@code ^M} end a line),
     * {@code -X exec}/{@code -X screen} run a program.
     */
    private void screen(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx) {
        ev.emitFinal(a, redirs, text, ctx);
        int n = a.size();
        int i = 1;
        StringBuilder flags = new StringBuilder();
        while (i < n) {
            String t = a.get(i).value();
            if (t.equals("--")) {
                i++;
                break;
            }
            if (t.length() < 2 || t.charAt(0) != '-') {
                break;
            }
            if (t.equals("-ls") || t.equals("-list") || t.equals("-wipe") || t.equals("-v") || t.equals("-version")) {
                return;
            }
            if (t.equals("-X")) {
                screenCommand(a.subList(Math.min(i + 1, n), n), text, ctx);
                return;
            }
            boolean takes = false;
            for (int k = 1; k < t.length(); k++) {
                char c = t.charAt(k);
                flags.append(c);
                if ("cehpsStT".indexOf(c) >= 0) {
                    takes = k + 1 >= t.length();
                    break;
                }
                if (c == 'X') {
                    screenCommand(a.subList(Math.min(i + 1, n), n), text, ctx);
                    return;
                }
            }
            i += takes ? 2 : 1;
        }
        String f = flags.toString();
        boolean attach = f.indexOf('r') >= 0 || f.indexOf('x') >= 0 || f.indexOf('R') >= 0 || f.indexOf('D') >= 0
                || f.indexOf('d') >= 0 && f.indexOf('m') < 0;
        if (i < n && !attach) {
            un.unwrap(new ArrayList<>(a.subList(i, n)), List.of(), text,
                    ctx.via("screen", false).withStdin(null).withRedirsCleared(), null);
        }
    }

    private void screenCommand(List<Arg> c, String text, Ctx ctx) {
        if (c.isEmpty()) {
            return;
        }
        String cmd = c.get(0).value();
        Ctx inner = ctx.via("screen -X " + cmd, false);
        switch (cmd) {
            case "stuff" -> {
                if (c.size() > 1) {
                    Arg t = Unwrapper.join(c, 1);
                    String v = t.value().replace("\\n", "\n").replace("\\r", "\n").replace("\\015", "\n")
                            .replace("\\012", "\n").replace("^M", "\n").replace("^J", "\n");
                    typed(arg(v, t), inner, "screen -X stuff", text);
                }
            }
            case "eval" -> {
                // each argument is a whole screen command line: stuff "rm -rf ~\n"
                for (int k = 1; k < c.size(); k++) {
                    List<Arg> words = new ArrayList<>();
                    for (String w : screenWords(c.get(k).value())) {
                        words.add(arg(w, c.get(k)));
                    }
                    if (!words.isEmpty() && !words.get(0).value().equals("eval")) {
                        screenCommand(words, text, ctx);
                    }
                }
            }
            case "exec", "screen" -> {
                int i = 1;
                while (i < c.size() && c.get(i).value().startsWith("-")) {
                    i += c.get(i).value().equals("-t") || c.get(i).value().equals("-T") ? 2 : 1;
                }
                if (cmd.equals("exec") && i < c.size() && c.get(i).value().matches("[.!:|]+")) {
                    i++; // the file-descriptor pattern
                }
                if (i < c.size()) {
                    un.unwrap(new ArrayList<>(c.subList(i, c.size())), List.of(), text,
                            inner.withStdin(null).withRedirsCleared(), null);
                }
            }
            default -> { }
        }
    }

    /** Splits a screen command line into words: blanks separate, quotes group, a backslash escapes. */
    private static List<String> screenWords(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else if (ch == '\\' && quote == '"' && i + 1 < line.length()) {
                    w.append(ch).append(line.charAt(++i)); // stuff's own escapes (\n) stay for it
                } else {
                    w.append(ch);
                }
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
                any = true;
            } else if (Character.isWhitespace(ch)) {
                if (any || !w.isEmpty()) {
                    out.add(w.toString());
                }
                w.setLength(0);
                any = false;
            } else {
                w.append(ch);
            }
        }
        if (any || !w.isEmpty()) {
            out.add(w.toString());
        }
        return out;
    }

    // ---------------------------------------------------------------- ssh options

    /** ssh options whose value ssh runs locally with {@code sh -c}. */
    private static final Set<String> SSH_LOCAL = Set.of("proxycommand", "localcommand", "knownhostscommand");

    /**
     * Reads {@code -o ProxyCommand=CMD} (also {@code -oProxyCommand=CMD}, {@code -o "ProxyCommand CMD"}),
     * {@code LocalCommand} and {@code KnownHostsCommand}: ssh runs them here, through the shell.
     * {@code %h}-style tokens stay as written.
     */
    void sshOptions(List<Arg> a, String text, Ctx ctx, String prog) {
        int n = a.size();
        for (int i = 1; i < n; i++) {
            String t = a.get(i).value();
            if (!t.startsWith("-") || t.startsWith("--")) {
                continue;
            }
            Arg v = null;
            if (t.equals("-F") && i + 1 < n) {
                // ssh -F FILE written here: its ProxyCommand/LocalCommand lines are options too
                Arg file = fileText(a.get(i + 1), ctx);
                if (file != null) {
                    List<Arg> opts = new ArrayList<>(List.of(Arg.of(prog)));
                    for (String line : file.value().split("\n")) {
                        String l = line.strip();
                        int exec = l.toLowerCase(java.util.Locale.ROOT).indexOf(" exec ");
                        if (l.regionMatches(true, 0, "Match ", 0, 6) && exec > 0) {
                            // Match exec "CMD": ssh runs CMD to decide whether the block applies, even with -G
                            List<String> cmd = Definitions.strings(l.substring(exec + 6));
                            String body = cmd.isEmpty() ? l.substring(exec + 6).strip() : cmd.get(0);
                            script(arg(body, file), ctx.via(prog + " -F Match exec", false), "ssh Match exec", text);
                        } else if (!l.isEmpty() && !l.startsWith("#") && !l.regionMatches(true, 0, "Host ", 0, 5)
                                && !l.regionMatches(true, 0, "Match ", 0, 6)) {
                            opts.add(Arg.of("-o"));
                            opts.add(arg(l, file));
                        }
                    }
                    if (opts.size() > 1 && opts.size() < 200) {
                        sshOptions(opts, text, ctx.via(prog + " -F", false), prog);
                    }
                }
                continue;
            }
            if (t.equals("-o")) {
                v = i + 1 < n ? a.get(i + 1) : null;
            } else if (t.startsWith("-o")) {
                v = Unwrapper.cut(a.get(i), 2);
            } else if (t.length() > 2 && t.indexOf('o') > 0 && t.endsWith("o") && i + 1 < n) {
                v = a.get(i + 1); // -vo ProxyCommand=...
            }
            if (v == null) {
                continue;
            }
            String s = v.value();
            int sep = 0;
            while (sep < s.length() && s.charAt(sep) != '=' && !Character.isWhitespace(s.charAt(sep))) {
                sep++;
            }
            String key = s.substring(0, sep).toLowerCase(Locale.ROOT);
            if (!SSH_LOCAL.contains(key)) {
                continue;
            }
            int start = sep;
            while (start < s.length() && (s.charAt(start) == '=' || Character.isWhitespace(s.charAt(start)))) {
                start++;
            }
            String cmd = s.substring(start);
            if (cmd.equalsIgnoreCase("none") || cmd.isEmpty()) {
                continue;
            }
            String name = s.substring(0, sep);
            script(arg(cmd, v), ctx.via(prog + " -o " + name, false), prog + " -o " + name, text);
        }
    }

    /**
     * {@code rsync -e CMD} / {@code --rsh=CMD}: rsync starts CMD here as its remote shell
     * ({@code ssh -o ProxyCommand=...} included), so CMD is read as a command.
     */
    private void rsync(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx) {
        ev.emitFinal(a, redirs, text, ctx);
        int n = a.size();
        for (int i = 1; i < n; i++) {
            String t = a.get(i).value();
            if (t.equals("--")) {
                break;
            }
            Arg v = null;
            if (t.equals("--rsh") || t.equals("-e")) {
                v = i + 1 < n ? a.get(++i) : null;
            } else if (t.startsWith("--rsh=")) {
                v = Unwrapper.cut(a.get(i), 6);
            } else if (t.startsWith("-e")) {
                v = Unwrapper.cut(a.get(i), 2);
            } else if (!t.startsWith("--") && t.startsWith("-") && t.endsWith("e") && t.chars().skip(1).allMatch(Character::isLetter)) {
                v = i + 1 < n ? a.get(++i) : null; // -avze ssh
            }
            if (v != null) {
                script(v, ctx.via("rsync -e", false), "rsync -e", text);
            }
        }
    }

    // ---------------------------------------------------------------- sqlite3

    private static final Set<String> SQLITE_VALUED = Set.of("-cmd", "-init", "-separator", "-nullvalue",
            "-newline", "-vfs", "-maxsize", "-mmap", "-pagecache", "-heap", "-escape", "-lookaside");

    /**
     * {@code sqlite3 [options] DB [SQL...]}: the dot commands {@code .shell CMD} and
     * {@code .system CMD} run CMD through the shell, and {@code .once|.output|.read|.import} with
     * {@code |CMD} run CMD through {@code popen}; in arguments, {@code -cmd} and a here-document.
     */
    private void sqlite(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx) {
        ev.emitFinal(a, redirs, text, ctx);
        int n = a.size();
        List<Arg> sql = new ArrayList<>();
        boolean db = false;
        for (int i = 1; i < n; i++) {
            String t = a.get(i).value();
            String o = t.startsWith("--") ? t.substring(1) : t;
            if ((o.equals("-cmd") || o.equals("-c")) && i + 1 < n) {
                sql.add(a.get(++i)); // (duckdb -c COMMAND, its sqlite-derived shell's dot commands included)
            } else if (SQLITE_VALUED.contains(o)) {
                i += o.equals("-lookaside") ? 2 : 1;
            } else if (t.startsWith("-") && !db) {
                continue;
            } else if (!db) {
                db = true;
            } else {
                sql.add(a.get(i));
            }
        }
        Arg body = stdinText(redirs, ctx);
        if (body != null) {
            sql.add(body);
        }
        for (Arg s : sql) {
            sqliteEdit(s, text, ctx);
            for (String line : s.value().split("\n")) {
                String l = line.strip();
                String cmd = null;
                String label = null;
                int sp = 0;
                while (sp < l.length() && !Character.isWhitespace(l.charAt(sp))) {
                    sp++;
                }
                String word = l.substring(0, sp);
                for (String dot : List.of(".shell", ".system", ".once", ".output", ".read", ".import", ".excel")) {
                    // the shell takes any unique prefix of a dot command (.sh, .sy)
                    if (sp < l.length() && word.length() >= 3 && dot.startsWith(word)) {
                        String rest = l.substring(sp).strip();
                        if (dot.equals(".shell") || dot.equals(".system")) {
                            cmd = rest;
                        } else {
                            rest = unquote(rest.startsWith("-") ? rest.substring(rest.indexOf(' ') + 1).strip() : rest);
                            if (rest.startsWith("|")) {
                                cmd = rest.substring(1);
                            }
                        }
                        label = "sqlite3 " + dot;
                        break;
                    }
                }
                if (cmd != null && !cmd.isBlank()) {
                    script(arg(unquote(cmd), s), ctx.via(label, false), label, text);
                }
            }
        }
    }

    /**
     * SQLite's shell function {@code edit(TEXT, EDITOR)} runs EDITOR on a temporary file with
     * {@code system()}: the second argument, when written as a literal, is a shell command.
     */
    private void sqliteEdit(Arg sql, String text, Ctx ctx) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "(?i)\\bedit\\s*+\\(\\s*+(?:'(?:[^']|'')*+'|[^,()]*+)\\s*+,\\s*+'((?:[^']|'')*+)'").matcher(sql.value());
        while (m.find()) {
            String cmd = m.group(1).replace("''", "'");
            if (!cmd.isBlank()) {
                script(arg(cmd, sql), ctx.via("sqlite3 edit()", false), "sqlite3 edit()", text);
            }
        }
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '\'' || s.charAt(0) == '"') && s.charAt(s.length() - 1) == s.charAt(0)) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    // ---------------------------------------------------------------- tar, zip

    /** GNU tar's long options whose value is a command it runs with {@code sh -c}. */
    private static final List<String> TAR_COMMANDS = List.of("use-compress-program", "to-command", "info-script",
            "new-volume-script", "checkpoint-action", "rsh-command");
    private static final Set<String> TAR_LONG_VALUED = Set.of("file", "directory", "files-from", "exclude-from",
            "listed-incremental", "use-compress-program", "to-command", "info-script", "new-volume-script",
            "checkpoint-action", "rsh-command", "exclude", "transform", "xform", "owner", "group", "mode", "mtime",
            "newer", "after-date", "format", "label", "blocking-factor", "tape-length", "starting-file", "suffix",
            "volno-file", "index-file", "record-size", "strip-components", "occurrence", "sort", "exclude-tag",
            "exclude-tag-all", "exclude-tag-under", "exclude-vcs-ignores", "owner-map", "group-map", "quoting-style",
            "quote-chars", "no-quote-chars", "checkpoint", "warning", "hole-detection", "backup", "pax-option",
            "atime-preserve", "one-top-level", "level", "newer-mtime");

    /**
     * {@code tar -I CMD}, {@code --use-compress-program=CMD}, {@code --to-command=CMD},
     * {@code -F}/{@code --info-script=CMD}, {@code --new-volume-script=CMD},
     * {@code --checkpoint-action=exec=CMD}: GNU tar runs each with {@code /bin/sh -c}.
     */
    private void tar(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx) {
        ev.emitFinal(a, redirs, text, ctx);
        int n = a.size();
        int first = 1;
        if (n > 1 && a.get(1).value().matches("[A-Za-z]+")) {
            // old-style options: "tar cIf PROG x.tar ." - the letters that take a value take the
            // following words in order
            String t = a.get(1).value();
            int next = 2;
            for (int k = 0; k < t.length() && next <= n; k++) {
                char c = t.charAt(k);
                if ("bCfFgHIKLNTVX".indexOf(c) >= 0) {
                    if (next < n && (c == 'I' || c == 'F')) {
                        tarCommand(c == 'I' ? "use-compress-program" : "info-script", a.get(next), text, ctx);
                    }
                    next++;
                }
            }
            first = next;
        }
        for (int i = first; i < n; i++) {
            Arg x = a.get(i);
            String t = x.value();
            if (t.equals("--")) {
                break;
            }
            if (t.startsWith("--") && t.length() > 2) {
                int eq = t.indexOf('=');
                String name = eq < 0 ? t.substring(2) : t.substring(2, eq);
                String full = null;
                for (String c : TAR_COMMANDS) {
                    if (name.length() >= 4 && c.startsWith(name)) {
                        full = c;
                    }
                }
                Arg v = eq >= 0 ? Unwrapper.cut(x, eq + 1) : null;
                boolean takes = eq < 0 && Unwrapper.takesLong(TAR_LONG_VALUED, name);
                if (v == null && takes && i + 1 < n) {
                    v = a.get(i + 1);
                }
                if (takes) {
                    i++;
                }
                if (full != null && v != null) {
                    tarCommand(full, v, text, ctx);
                }
                continue;
            }
            if (t.length() > 1 && t.charAt(0) == '-') {
                for (int k = 1; k < t.length(); k++) {
                    char c = t.charAt(k);
                    if ("bCfFgHIKLNTVX".indexOf(c) >= 0) {
                        Arg v = k + 1 < t.length() ? Unwrapper.cut(x, k + 1) : i + 1 < n ? a.get(i + 1) : null;
                        if (k + 1 >= t.length()) {
                            i++;
                        }
                        if (v != null && (c == 'I' || c == 'F')) {
                            tarCommand(c == 'I' ? "use-compress-program" : "info-script", v, text, ctx);
                        }
                        break;
                    }
                }
            }
        }
    }

    private void tarCommand(String option, Arg v, String text, Ctx ctx) {
        Arg cmd = v;
        if (option.equals("checkpoint-action")) {
            String s = v.value();
            if (!s.startsWith("exec=")) {
                return; // echo, dot, bell, ttyout, wait, sleep: nothing runs
            }
            cmd = Unwrapper.cut(v, 5);
        }
        script(cmd, ctx.via("tar --" + option, false), "tar --" + option, text);
    }

    /** {@code zip -TT CMD} / {@code --unzip-command CMD}: zip tests the archive by running CMD through the shell. */
    private void zip(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx, @Nullable Map<String, String> env) {
        ev.emitFinal(a, redirs, text, ctx);
        // ZIPOPT holds options zip reads before its command line (ZIPOPT='-T -TT "CMD"')
        String zipopt = env != null && env.containsKey("ZIPOPT") ? env.get("ZIPOPT") : ctx.env().get("ZIPOPT");
        if (zipopt != null && zipopt != Env.UNKNOWN && !zipopt.isBlank()) {
            List<Arg> all = new ArrayList<>(List.of(a.get(0)));
            for (String w : words(zipopt, "\"", false)) { // zip: double quotes only, no comments
                all.add(Arg.of(w));
            }
            all.addAll(a.subList(1, a.size()));
            a = all;
        }
        int n = a.size();
        for (int i = 1; i < n; i++) {
            String t = a.get(i).value();
            Arg v = null;
            int eq = t.indexOf('=');
            String name = t.startsWith("--") ? t.substring(2, eq < 0 ? t.length() : eq) : "";
            // getopt-style prefixes: --unzip-c is --unzip-command
            boolean unzipCommand = name.length() >= 3 && "unzip-command".startsWith(name);
            if (t.equals("-TT") || unzipCommand && eq < 0) {
                v = i + 1 < n ? a.get(i + 1) : null;
            } else if (unzipCommand) {
                v = Unwrapper.cut(a.get(i), eq + 1);
            } else if (t.startsWith("-TT") && t.length() > 3) {
                v = Unwrapper.cut(a.get(i), t.charAt(3) == '=' ? 4 : 3);
            }
            if (v != null) {
                script(v, ctx.via("zip -TT", false), "zip -TT", text);
            }
        }
    }

    // ---------------------------------------------------------------- make

    /**
     * {@code make}'s ways to run shell text before or instead of the project's recipes:
     * {@code --eval=TEXT} / {@code -E TEXT} (any unambiguous prefix, {@code --eva}), read as
     * makefile text before any makefile, so its {@code $(shell CMD)} runs even under {@code -n};
     * a command-line variable ({@code X:=$(shell CMD)}, {@code X!=CMD}), which is makefile text
     * too; a makefile on standard input ({@code -f -}, {@code -f /dev/stdin}); {@code MAKEFILES}
     * naming a file this call wrote; {@code MAKEFLAGS} in the environment, which carries all of
     * these as options; and {@code SHELL}/{@code .SHELLFLAGS}, which make every recipe line run
     * as {@code SHELL FLAGS LINE}.
     */
    private void make(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx, @Nullable Map<String, String> env) {
        ev.emitFinal(a, redirs, text, ctx);
        List<Arg> words = new ArrayList<>();
        words.addAll(makeflags(variable("GNUMAKEFLAGS", env, ctx)));
        words.addAll(makeflags(variable("MAKEFLAGS", env, ctx)));
        words.addAll(a.subList(1, a.size()));
        for (String name : List.of("GNUMAKEFLAGS", "MAKEFLAGS")) {
            String raw = variable(name, env, ctx);
            if (raw != null && indexOfShell(raw, 0) >= 0) {
                // make splits MAKEFLAGS at blanks (a backslash keeps one), but a $(shell) anywhere in it is read whole
                makeShells(Arg.of(raw), ctx.via("make " + name, false), text);
            }
        }
        Ctx in = ctx.via("make --eval", false);
        Arg shell = null;
        Arg flags = null;
        int n = words.size();
        for (int i = 0; i < n; i++) {
            Arg w = words.get(i);
            String t = w.value();
            String option = null;
            Arg v = null;
            if (t.startsWith("--") && t.length() > 2) {
                int eq = t.indexOf('=');
                option = Unwrapper.longOption(MAKE_LONG, eq < 0 ? t.substring(2) : t.substring(2, eq));
                if (option != null && MAKE_LONG_VALUED.contains(option)) {
                    v = eq >= 0 ? Unwrapper.cut(w, eq + 1) : i + 1 < n ? words.get(++i) : null;
                }
            } else if (t.startsWith("-") && t.length() > 1) {
                for (int k = 1; k < t.length(); k++) {
                    char c = t.charAt(k);
                    if ("EfCIoW".indexOf(c) >= 0) {
                        option = switch (c) {
                            case 'E' -> "eval";
                            case 'f' -> "file";
                            default -> "other";
                        };
                        v = k + 1 < t.length() ? Unwrapper.cut(w, k + 1) : i + 1 < n ? words.get(++i) : null;
                        break;
                    }
                }
            } else {
                java.util.regex.Matcher m = MAKE_ASSIGN.matcher(t);
                if (m.matches()) {
                    Arg value = Unwrapper.cut(w, m.start(3));
                    switch (m.group(1)) {
                        case "SHELL" -> shell = value;
                        case ".SHELLFLAGS" -> flags = value;
                        default -> { }
                    }
                    if (m.group(2).equals("!=")) {
                        script(value, ctx.via("make " + m.group(1) + "!=", false), "make !=", text);
                    } else if (MAKE_PROGRAMS.contains(m.group(1)) && !value.value().isBlank()) {
                        // make x CC='rm -rf ~;': the implicit rules run $(CC) as the start of a command line
                        script(value, ctx.via("make " + m.group(1) + "=", false), "make " + m.group(1), text);
                    } else if (value.opaque() || indexOfShell(value.value(), 0) >= 0) {
                        makeShells(value, ctx.via("make " + m.group(1) + "=", false), text);
                    }
                }
                continue;
            }
            if (v == null) {
                continue;
            }
            if ("eval".equals(option)) {
                if (v.opaque()) {
                    script(v, ctx, "make --eval", text);
                } else {
                    makeText(v, in, text);
                }
            } else if (("file".equals(option) || "makefile".equals(option))
                    && (v.value().equals("-") || v.value().equals("/dev/stdin") || v.value().equals("/dev/fd/0"))) {
                stdinMakefile(redirs, text, ctx);
            }
        }
        String extra = variable("MAKEFILES", env, ctx);
        if (extra != null) {
            for (String f : extra.strip().split("\\s+")) {
                Evaluator.Written w = f.isEmpty() ? null : ev.writtenFile(f, ctx.env().cds());
                if (w != null && w.content() != null) {
                    makeText(Arg.of(Payloads.text(w.content())), ctx.via("make MAKEFILES=" + f, false), text);
                } else if (w != null) {
                    ev.pipeToShell(w.taint(), w.evidence() + " … " + text, "'make' reads the makefile '" + f
                            + "' (MAKEFILES), written earlier in the same command from");
                }
            }
        }
        if (shell != null || flags != null) {
            makeShell(shell, flags, text, ctx);
        }
    }

    /** GNU make's long options (any unambiguous prefix is accepted). */
    private static final List<String> MAKE_LONG = List.of("always-make", "directory", "debug",
            "environment-overrides", "eval", "file", "makefile", "help", "ignore-errors", "include-dir", "jobs",
            "jobserver-auth", "jobserver-style", "keep-going", "load-average", "max-load", "check-symlink-times",
            "just-print", "dry-run", "recon", "no-builtin-rules", "no-builtin-variables", "no-keep-going", "stop",
            "old-file", "assume-old", "output-sync", "print-data-base", "question", "silent", "quiet", "no-silent",
            "shuffle", "touch", "trace", "version", "print-directory", "no-print-directory", "what-if", "new-file",
            "assume-new", "warn-undefined-variables");
    private static final Set<String> MAKE_LONG_VALUED = Set.of("directory", "eval", "file", "makefile", "include-dir",
            "old-file", "assume-old", "what-if", "new-file", "assume-new", "jobserver-auth", "jobserver-style");

    /** {@code NAME=value}, {@code NAME:=value}, {@code NAME?=}, {@code NAME+=}, {@code NAME!=} (a command). */
    private static final java.util.regex.Pattern MAKE_ASSIGN =
            java.util.regex.Pattern.compile("([^\\s=:!?+#$]+)\\s*(:::=|::=|:=|\\?=|\\+=|!=|=)\\s*(.*)",
                    java.util.regex.Pattern.DOTALL);

    /** A variable from the command's prefix assignments, else from the shell's exported ones; null when unset or unknown. */
    private static @Nullable String variable(String name, @Nullable Map<String, String> env, Ctx ctx) {
        String v = env == null ? null : env.get(name);
        if (v == null) {
            v = ctx.env().get(name);
        }
        return v == null || v == Env.UNKNOWN ? null : v;
    }

    /**
     * The words of {@code MAKEFLAGS}: blank-separated, {@code \\ } keeps a blank; a first word
     * without a dash and without {@code =} is a cluster of single-letter flags.
     */
    private static List<Arg> makeflags(@Nullable String flags) {
        List<Arg> out = new ArrayList<>();
        if (flags == null) {
            return out;
        }
        StringBuilder w = new StringBuilder();
        for (int i = 0; i <= flags.length(); i++) {
            char c = i < flags.length() ? flags.charAt(i) : ' ';
            if (c == '\\' && i + 1 < flags.length()) {
                w.append(flags.charAt(++i));
            } else if (c == ' ' || c == '\t' || c == '\n') {
                if (!w.isEmpty()) {
                    String word = w.toString();
                    if (out.isEmpty() && !word.startsWith("-") && word.indexOf('=') < 0) {
                        word = "-" + word;
                    }
                    out.add(Arg.of(word));
                    w.setLength(0);
                }
            } else {
                w.append(c);
            }
        }
        return out;
    }

    /** {@code make -f -}: the makefile is the text on standard input, when known. */
    private void stdinMakefile(List<Redirect> redirs, String text, Ctx ctx) {
        String body = Unwrapper.stdinScript(redirs);
        if (body == null) {
            body = Unwrapper.stdinScript(ctx.redirs());
        }
        Evaluator.Stdin in = ctx.stdin();
        if (body == null && in != null) {
            if (in.known() != null) {
                body = Payloads.text(in.known());
            } else if (in.pipe()) {
                ev.pipeToShell(in.taint(), in.evidence(), "'make -f -' runs recipes read from");
                return;
            }
        }
        if (body != null) {
            makeText(Arg.of(body), ctx.via("make -f -", false), text);
        }
    }

    /**
     * {@code SHELL=PROG .SHELLFLAGS=FLAGS}: make runs each recipe line as {@code PROG FLAGS LINE}
     * (split into words as a shell would), so that line is read here with a placeholder recipe.
     * A program that is not a shell is itself a finding: every recipe line becomes its arguments.
     */
    private void makeShell(@Nullable Arg shell, @Nullable Arg flags, String text, Ctx ctx) {
        String prog = shell == null ? "/bin/sh" : shell.value().strip();
        String f = flags == null ? "-c" : flags.value();
        String base = Unwrapper.base(prog.split("\\s+", 2)[0]);
        if (shell != null && !shell.opaque() && !Unwrapper.SHELLS.contains(base)) {
            ev.finding("exec.shadow-command", Severity.MEDIUM, "'SHELL=" + prog + "' makes make run every recipe line "
                    + "with '" + prog + "' instead of a shell", text, "leave SHELL a shell and run '" + base
                    + "' from a recipe or directly");
        }
        boolean dynamic = shell != null && shell.dynamic() || flags != null && flags.dynamic();
        script(new Arg(prog + " " + f + " make-recipe", dynamic, false,
                (shell == null ? 0 : shell.taint()) | (flags == null ? 0 : flags.taint())),
                ctx.via("make SHELL", false), "make SHELL", text);
    }

    private void makeText(Arg v, Ctx ctx, String text) {
        makeShells(v, ctx, text);
        makeRecipes(v, ctx, text);
    }

    /** Variables make's implicit rules run as programs. */
    private static final Set<String> MAKE_PROGRAMS = Set.of("CC", "CXX", "CPP", "LD", "AR", "AS", "FC", "RM", "LEX",
            "YACC", "MAKE", "RANLIB", "INSTALL", "PC", "M2C", "TEX", "GET", "CO", "CTANGLE", "WEAVE");

    /** Each {@code $(shell CMD)} in makefile text: CMD runs when make expands it. */
    private void makeShells(Arg v, Ctx ctx, String text) {
        if (v.opaque()) {
            script(v, ctx, "make $(shell)", text);
            return;
        }
        String s = v.value();
        int at = 0;
        while ((at = indexOfShell(s, at)) >= 0) {
            int open = s.indexOf(s.charAt(at + 1) == '(' ? '(' : '{', at);
            int depth = 0;
            int end = -1;
            char o = s.charAt(open);
            char c = o == '(' ? ')' : '}';
            for (int k = open; k < s.length(); k++) {
                if (s.charAt(k) == o) {
                    depth++;
                } else if (s.charAt(k) == c && --depth == 0) {
                    end = k;
                    break;
                }
            }
            int from = open + 1 + "shell".length();
            String cmd = end < 0 ? s.substring(Math.min(from, s.length())) : s.substring(from, end);
            script(arg(cmd.strip().replace("$$", "$"), v), ctx, "make $(shell)", text);
            at = end < 0 ? s.length() : end;
        }
    }

    /** The recipes in makefile text: {@code target: prereqs ; CMD} and tab-led lines. */
    private void makeRecipes(Arg v, Ctx ctx, String text) {
        for (String line : v.value().split("\n")) {
            if (line.startsWith("\t")) {
                script(arg(recipe(line.substring(1)), v), ctx, "make recipe", text);
                continue;
            }
            int colon = line.indexOf(':');
            int semi = line.indexOf(';', Math.max(colon, 0));
            if (colon > 0 && semi > colon && !line.substring(0, colon).contains("=")
                    && !(colon + 1 < line.length() && line.charAt(colon + 1) == '=')) {
                script(arg(recipe(line.substring(semi + 1)), v), ctx, "make recipe", text);
            }
        }
    }

    private static int indexOfShell(String s, int from) {
        int a = s.indexOf("$(shell", from);
        int b = s.indexOf("${shell", from);
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }

    private static String recipe(String r) {
        String x = r.strip();
        while (!x.isEmpty() && (x.charAt(0) == '@' || x.charAt(0) == '-' || x.charAt(0) == '+')) {
            x = x.substring(1);
        }
        // make's own references ($@, $(CC), $($*), $(wildcard x)) in shell form, then $$ as $
        return Evaluator.makeRefs(Evaluator.makeRefs(x, Map.of(), false), Map.of(), true);
    }

    // ---------------------------------------------------------------- sed

    /**
     * GNU sed's {@code e COMMAND} runs COMMAND, {@code e} alone runs the pattern space (the
     * input's lines), and the {@code s///e} flag runs the substitution's result (the
     * replacement, when it is literal). The script is scanned command by command so that
     * an {@code e} inside a regular expression or a replacement is not mistaken for one.
     */
    private void sed(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx) {
        ev.emitFinal(a, redirs, text, ctx);
        int n = a.size();
        List<Arg> scripts = new ArrayList<>();
        boolean explicit = false;
        int i = 1;
        boolean sandbox = false;
        for (; i < n; i++) {
            String t = a.get(i).value();
            if (t.equals("--")) {
                i++;
                break;
            }
            if (t.startsWith("--") && t.length() > 2) {
                // getopt_long takes any unique prefix: --expr is --expression, --fi is --file
                int eq = t.indexOf('=');
                String name = Unwrapper.longOption(SED_LONG, t.substring(2, eq < 0 ? t.length() : eq));
                if (name == null || name.isEmpty()) {
                    continue;
                }
                sandbox |= name.equals("sandbox");
                if (name.equals("expression") || name.equals("file") || name.equals("line-length")) {
                    Arg v = eq >= 0 ? Unwrapper.cut(a.get(i), eq + 1) : i + 1 < n ? a.get(++i) : null;
                    if (name.equals("expression") && v != null) {
                        scripts.add(v);
                    } else if (name.equals("file") && v != null) {
                        Arg f = fileText(v, ctx);
                        if (f != null) {
                            scripts.add(f);
                        }
                    }
                    explicit |= !name.equals("line-length");
                }
                continue;
            }
            if (t.equals("-e")) {
                if (i + 1 < n) {
                    scripts.add(a.get(++i));
                }
                explicit = true;
            } else if (t.equals("-f") || t.equals("-l")) {
                i++;
                if (t.equals("-f")) {
                    explicit = true;
                    Arg f = i < n ? fileText(a.get(i), ctx) : null;
                    if (f != null) {
                        scripts.add(f);
                    }
                }
            } else if (t.startsWith("-") && !t.startsWith("--") && t.length() > 1) {
                int e = t.indexOf('e');
                int f = t.indexOf('f');
                if (e > 0 && (f < 0 || e < f)) {
                    scripts.add(e + 1 < t.length() ? Unwrapper.cut(a.get(i), e + 1) : i + 1 < n ? a.get(++i) : Arg.of(""));
                    explicit = true;
                } else if (f > 0) {
                    explicit = true;
                    Arg file = f + 1 < t.length() ? Unwrapper.cut(a.get(i), f + 1) : i + 1 < n ? a.get(++i) : null;
                    Arg ft = file == null ? null : fileText(file, ctx);
                    if (ft != null) {
                        scripts.add(ft);
                    }
                }
            } else if (!t.startsWith("-") && !explicit) {
                scripts.add(a.get(i));
                explicit = true;
            }
        }
        if (sandbox) {
            return; // --sandbox refuses e, r and w: the script does not run
        }
        for (Arg s : scripts) {
            if (s.opaque()) {
                continue;
            }
            sedScript(s, text, ctx.via("sed e", false));
        }
    }

    /** GNU sed's long options (sed 4.9), for getopt_long's unique prefixes. */
    private static final List<String> SED_LONG = List.of("binary", "debug", "expression", "file", "follow-symlinks",
            "help", "in-place", "line-length", "null-data", "zero-terminated", "posix", "quiet", "silent", "regexp-extended",
            "sandbox", "separate", "unbuffered", "version");

    private void sedScript(Arg arg, String text, Ctx ctx) {
        String s = arg.value();
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '}' || c == '{' || c == '!') {
                i++;
                continue;
            }
            // an address: line numbers, $, /re/, \cREc, first~step, addr1,addr2
            i = sedAddress(s, i);
            if (i < n && s.charAt(i) == ',') {
                i = sedAddress(s, i + 1);
            }
            while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '!')) {
                i++;
            }
            if (i >= n) {
                return;
            }
            c = s.charAt(i++);
            switch (c) {
                case 'e' -> {
                    int end = lineEnd(s, i);
                    String cmd = s.substring(i, end).strip();
                    if (cmd.isEmpty()) {
                        ev.finding(Findings.DYNAMIC, Severity.HIGH, "sed's 'e' command runs each input line as a "
                                + "shell command, so what runs depends on the input", text, Findings.DYNAMIC_HINT);
                    } else {
                        script(arg(cmd, arg), ctx, "sed e", text);
                    }
                    i = end;
                }
                case 's', 'y' -> {
                    if (i >= n) {
                        return;
                    }
                    char d = s.charAt(i++);
                    int reEnd = delimited(s, i, d);
                    int repEnd = delimited(s, Math.min(reEnd + 1, n), d);
                    String rep = reEnd + 1 <= repEnd ? s.substring(Math.min(reEnd + 1, n), repEnd) : "";
                    i = Math.min(repEnd + 1, n);
                    if (c == 'y') {
                        continue;
                    }
                    int flagsStart = i;
                    while (i < n && "gpiImMe0123456789".indexOf(s.charAt(i)) >= 0) {
                        i++;
                    }
                    String flags = s.substring(flagsStart, i);
                    if (i < n && s.charAt(i) == 'w') {
                        i = lineEnd(s, i);
                    }
                    if (flags.indexOf('e') >= 0) {
                        sedExecuted(rep, arg, text, ctx);
                        Evaluator.Stdin in = ctx.stdin();
                        if (in != null && in.known() != null) {
                            // s///e runs the whole line once it is changed: the input shown is what runs,
                            // give or take the substitution
                            script(arg(Payloads.text(in.known()), arg), ctx, "sed s///e", text);
                        }
                    }
                }
                case 'a', 'i', 'c', 'r', 'R', 'w', 'W' -> i = lineEnd(s, i);
                case 'b', 't', 'T', ':' -> {
                    while (i < n && s.charAt(i) != ';' && s.charAt(i) != '\n') {
                        i++;
                    }
                }
                case '#' -> i = lineEnd(s, i);
                default -> {
                    // q, Q, l, L take an optional number; the rest stand alone
                }
            }
        }
    }

    /** The substitution result that {@code s///e} runs: the replacement, with {@code &} and {@code \N} left for run time. */
    private void sedExecuted(String rep, Arg arg, String text, Ctx ctx) {
        StringBuilder cmd = new StringBuilder();
        boolean refs = false;
        for (int k = 0; k < rep.length(); k++) {
            char ch = rep.charAt(k);
            if (ch == '\\' && k + 1 < rep.length()) {
                char nx = rep.charAt(++k);
                if (Character.isDigit(nx)) {
                    refs = true;
                    cmd.append("\"${MATCH").append(nx).append("}\"");
                } else {
                    cmd.append(nx == 'n' ? '\n' : nx);
                }
            } else if (ch == '&') {
                refs = true;
                cmd.append("\"${MATCH}\"");
            } else {
                cmd.append(ch);
            }
        }
        if (cmd.toString().isBlank() || refs && cmd.toString().replaceAll("\"\\$\\{MATCH\\d?}\"", "").isBlank()) {
            ev.finding(Findings.DYNAMIC, Severity.HIGH, "sed's 's///e' runs text taken from the input as a shell "
                    + "command, so what runs depends on the input", text, Findings.DYNAMIC_HINT);
            return;
        }
        script(arg(cmd.toString(), arg), ctx, "sed s///e", text);
    }

    private static int sedAddress(String s, int i) {
        int n = s.length();
        if (i >= n) {
            return i;
        }
        char c = s.charAt(i);
        if (Character.isDigit(c) || c == '$' || c == '+' || c == '~') {
            i++;
            while (i < n && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '~')) {
                i++;
            }
            return i;
        }
        if (c == '/') {
            i = delimited(s, i + 1, '/') + 1;
        } else if (c == '\\' && i + 1 < n) {
            char d = s.charAt(i + 1);
            i = delimited(s, i + 2, d) + 1;
        } else {
            return i;
        }
        while (i < n && (s.charAt(i) == 'I' || s.charAt(i) == 'M')) {
            i++;
        }
        return Math.min(i, n);
    }

    /** Where the unescaped delimiter {@code d} is from {@code i}, or the end. */
    private static int delimited(String s, int i, char d) {
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == d) {
                return i;
            }
            i++;
        }
        return n;
    }

    private static int lineEnd(String s, int i) {
        int nl = s.indexOf('\n', i);
        return nl < 0 ? s.length() : nl;
    }

    // ---------------------------------------------------------------- git

    /**
     * Configuration whose value git runs as a shell command (or, for {@code alias.*}, when it
     * starts with {@code !}; for {@code credential.helper}, when it starts with {@code !}).
     */
    static boolean gitCommandKey(String key, String value) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.startsWith("alias.")) {
            return value.startsWith("!");
        }
        if (k.equals("credential.helper") || k.startsWith("credential.") && k.endsWith(".helper")) {
            return value.startsWith("!") || value.startsWith("/"); // an absolute path runs through the shell too
        }
        if (k.startsWith("submodule.") && k.endsWith(".update")) {
            return value.startsWith("!"); // "!cmd": git submodule update runs cmd in each submodule
        }
        if (k.startsWith("pager.")) {
            return !Set.of("true", "false", "yes", "no", "on", "off", "1", "0", "").contains(value.toLowerCase(Locale.ROOT));
        }
        if (k.equals("core.fsmonitor")) {
            return !Set.of("true", "false", "yes", "no", "on", "off", "1", "0", "").contains(value.toLowerCase(Locale.ROOT));
        }
        return Set.of("core.sshcommand", "core.pager", "core.editor", "core.askpass", "core.gitproxy",
                "sequence.editor", "diff.external", "gpg.program", "uploadpack.packobjectshook",
                "sendemail.tocmd", "sendemail.cccmd", "sendemail.sendmailcmd", "interactive.difffilter",
                "gpg.ssh.defaultkeycommand", "core.alternaterefscommand", "instaweb.httpd").contains(k)
                || k.startsWith("trailer.") && (k.endsWith(".command") || k.endsWith(".cmd"))
                || k.startsWith("guitool.") && k.endsWith(".cmd")
                || k.startsWith("sendemail.") && (k.endsWith("cmd") || k.endsWith(".smtpserver") && value.startsWith("/"))
                || k.startsWith("remote.") && (k.endsWith(".uploadpack") || k.endsWith(".receivepack"))
                || k.startsWith("diff.") && (k.endsWith(".command") || k.endsWith(".textconv"))
                || k.startsWith("merge.") && k.endsWith(".driver")
                || k.startsWith("filter.") && (k.endsWith(".clean") || k.endsWith(".smudge") || k.endsWith(".process"))
                || k.startsWith("gpg.") && k.endsWith(".program")
                || (k.startsWith("difftool.") || k.startsWith("mergetool.") || k.startsWith("browser.")
                        || k.startsWith("man.")) && k.endsWith(".cmd")
                || k.startsWith("tar.") && k.endsWith(".command");
    }

    /** {@code ext::CMD ARGS}: words split at unescaped spaces, run directly; '% ' is a space, %% a %. */
    private void extUrl(Arg url, String text, Ctx ctx) {
        List<Arg> argv = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        String u = url.value().substring(5);
        for (int c = 0; c < u.length(); c++) {
            char ch = u.charAt(c);
            if (ch == '%' && c + 1 < u.length()) {
                char nx = u.charAt(++c);
                w.append(nx == 's' || nx == 'S' ? "git-upload-pack" : nx == ' ' || nx == '%' ? String.valueOf(nx) : "");
            } else if (ch == ' ') {
                if (!w.isEmpty()) {
                    argv.add(arg(w.toString(), url));
                }
                w.setLength(0);
            } else {
                w.append(ch);
            }
        }
        if (!w.isEmpty()) {
            argv.add(arg(w.toString(), url));
        }
        if (!argv.isEmpty()) {
            un.unwrap(argv, List.of(), text, ctx.via("ext::", false).withStdin(null).withRedirsCleared(), null);
        }
    }

    private void gitConfig(String key, Arg value, String text, Ctx ctx, String label) {
        String lk = key.toLowerCase(Locale.ROOT);
        if (value.value().startsWith("ext::") && (lk.startsWith("remote.") && (lk.endsWith(".url") || lk.endsWith(".pushurl"))
                || lk.startsWith("url.") && lk.endsWith(".insteadof"))) {
            // -c remote.origin.url='ext::sh -c ...': the next fetch or push runs it
            extUrl(value, text, ctx);
            return;
        }
        if (lk.startsWith("alias.") && !value.value().startsWith("!") && !value.opaque() && ev.gitAliases.size() < 16) {
            ev.gitAliases.put(key.substring(6), value.value()); // alias.pf 'push --force': git pf is git push --force
        }
        if (lk.equals("core.hookspath") && !value.opaque() && (label.startsWith("GIT_CONFIG") || label.startsWith("HOME"))) {
            // a configuration file naming another hooks directory: every commit, merge and checkout runs its scripts
            ev.finding("git.config-exec", Severity.HIGH, "git runs hooks from " + value.value() + " (core.hooksPath in "
                    + label + ")", text, "leave hook configuration to the user");
            return;
        }
        if (!gitCommandKey(key, value.value())) {
            return;
        }
        String v = value.value();
        Arg code = v.startsWith("!") ? Unwrapper.cut(value, 1) : value;
        script(code, ctx.via(label + " " + key, false), label + " " + key, text);
    }

    /**
     * Configuration given through the environment, which git reads as if it followed {@code -c}:
     * {@code GIT_CONFIG_COUNT=N} with {@code GIT_CONFIG_KEY_i}/{@code GIT_CONFIG_VALUE_i}, and
     * {@code GIT_CONFIG_PARAMETERS} (git's own quoted {@code 'key'='value'} list). A command-valued
     * key ({@code alias.x='!cmd'}, {@code core.pager}) is read like {@code git -c}; one whose value
     * is only known at run time is a finding.
     */
    private void gitEnv(@Nullable Map<String, String> prefix, String text, Ctx ctx) {
        String count = envValue("GIT_CONFIG_COUNT", prefix, ctx);
        if (count != null) {
            int n = 0;
            try {
                n = count == Env.UNKNOWN ? 16 : Math.min(Integer.parseInt(count.strip()), 64);
            } catch (NumberFormatException e) {
                n = 16;
            }
            for (int i = 0; i < n; i++) {
                String key = envValue("GIT_CONFIG_KEY_" + i, prefix, ctx);
                String value = envValue("GIT_CONFIG_VALUE_" + i, prefix, ctx);
                if (key != null && value != null) {
                    gitEnvSetting(key, value, "GIT_CONFIG_KEY_" + i, text, ctx);
                }
            }
        }
        String home = envValue("HOME", prefix, ctx);
        if (home != null && home != Env.UNKNOWN && prefix != null && prefix.containsKey("HOME")) {
            // HOME=DIR git ...: git reads DIR/.gitconfig as the user's configuration
            Evaluator.Written w = ev.writtenFile((home.endsWith("/") ? home : home + "/") + ".gitconfig", ctx.env().cds());
            if (w != null && w.content() != null) {
                for (String[] kv : gitConfigFile(Payloads.text(w.content()))) {
                    gitEnvSetting(kv[0], kv[1], "HOME/.gitconfig", text, ctx);
                }
            }
        }
        for (String file : List.of("GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM")) {
            String path = envValue(file, prefix, ctx);
            Evaluator.Written w = path == null || path == Env.UNKNOWN ? null : ev.writtenFile(path, ctx.env().cds());
            if (w != null && w.content() != null) {
                for (String[] kv : gitConfigFile(Payloads.text(w.content()))) {
                    gitEnvSetting(kv[0], kv[1], file, text, ctx);
                }
            }
        }
        String params = envValue("GIT_CONFIG_PARAMETERS", prefix, ctx);
        if (params == Env.UNKNOWN) {
            ev.finding(Findings.DYNAMIC, Severity.HIGH, "git takes configuration (which may name commands to run) from "
                    + "GIT_CONFIG_PARAMETERS, which is only known at run time", text, Findings.DYNAMIC_HINT);
        } else if (params != null) {
            for (String[] kv : gitConfigParameters(params)) {
                gitEnvSetting(kv[0], kv[1], "GIT_CONFIG_PARAMETERS", text, ctx);
            }
        }
    }

    private void gitEnvSetting(String key, String value, String label, String text, Ctx ctx) {
        if (key == Env.UNKNOWN || value == Env.UNKNOWN) {
            if (key == Env.UNKNOWN || gitCommandKey(key, "?")) {
                ev.finding(Findings.DYNAMIC, Severity.HIGH, "git takes a setting from " + label
                        + " that is only known at run time and may name a command to run", text, Findings.DYNAMIC_HINT);
            }
            return;
        }
        gitConfig(key, Arg.of(value), text, ctx, label);
    }

    /** A variable git sees: a prefix assignment ({@code X=1 git}), else one the script set (an unset one is null). */
    private static @Nullable String envValue(String name, @Nullable Map<String, String> prefix, Ctx ctx) {
        if (prefix != null && prefix.containsKey(name)) {
            return prefix.get(name);
        }
        String v = ctx.env().get(name);
        return v == null || v == Env.UNKNOWN && !name.startsWith("GIT_CONFIG") ? null : v;
    }

    /**
     * Parses {@code GIT_CONFIG_PARAMETERS}: entries separated by blanks, each {@code 'key'='value'}
     * or {@code 'key=value'} in single quotes, with {@code \'} (outside quotes) for a quote.
     */
    static List<String[]> gitConfigParameters(String s) {
        List<String[]> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        int sep = -1;
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i <= s.length(); i++) {
            char ch = i < s.length() ? s.charAt(i) : ' ';
            if (quoted) {
                if (ch == '\'') {
                    quoted = false;
                } else {
                    w.append(ch);
                }
            } else if (ch == '\'') {
                quoted = true;
                any = true;
            } else if (ch == '\\' && i + 1 < s.length()) {
                w.append(s.charAt(++i));
                any = true;
            } else if (ch == '=' && sep < 0) {
                sep = w.length();
                any = true;
            } else if (Character.isWhitespace(ch)) {
                if (any) {
                    String e = w.toString();
                    int eq = sep >= 0 ? sep : e.indexOf('=');
                    if (eq > 0) {
                        out.add(new String[] {e.substring(0, eq), e.substring(eq + (sep >= 0 ? 0 : 1))});
                    }
                }
                w.setLength(0);
                sep = -1;
                any = false;
            } else {
                w.append(ch);
                any = true;
            }
        }
        return out;
    }

    /**
     * The settings of a git configuration file's text ({@code [alias] x = !cmd},
     * {@code [core "sub"]}), with double-quoted values unquoted; enough to find command-valued keys.
     */
    static List<String[]> gitConfigFile(String text) {
        List<String[]> out = new ArrayList<>();
        String section = "";
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("[")) {
                int end = line.indexOf(']');
                String h = end < 0 ? line.substring(1) : line.substring(1, end);
                int q = h.indexOf('"');
                section = q < 0 ? h.strip() : h.substring(0, q).strip() + "." + h.substring(q + 1).replace("\"", "");
                continue;
            }
            int eq = line.indexOf('=');
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";") || eq <= 0 || section.isEmpty()) {
                continue;
            }
            String v = line.substring(eq + 1).strip();
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                v = v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
            }
            out.add(new String[] {section + "." + line.substring(0, eq).strip(), v});
        }
        return out;
    }

    private static final Set<String> GIT_GLOBAL_VALUED = Set.of("-C", "-c", "--git-dir", "--work-tree",
            "--namespace", "--super-prefix", "--exec-path", "--config-env", "--attr-source", "--list-cmds");

    /** Subcommand options whose value git runs with the shell. */
    private static final Map<String, Set<String>> GIT_COMMAND_OPTIONS = Map.of(
            "fetch", Set.of("--upload-pack"), "pull", Set.of("--upload-pack"), "ls-remote", Set.of("--upload-pack", "--exec"),
            "clone", Set.of("--upload-pack", "-u"), "push", Set.of("--receive-pack", "--exec"),
            "archive", Set.of("--exec"), "rebase", Set.of("--exec", "-x"), "difftool", Set.of("--extcmd", "-x"),
            "grep", Set.of("--open-files-in-pager"), "send-email", Set.of("--to-cmd", "--cc-cmd", "--sendmail-cmd"));

    /** Subcommands that take a repository URL, where an {@code ext::} URL runs a command. */
    private static final Set<String> URL_COMMANDS = Set.of("clone", "fetch", "pull", "push", "ls-remote", "remote",
            "submodule", "archive");

    private static final Set<String> FILTER_BRANCH = Set.of("--env-filter", "--tree-filter", "--index-filter",
            "--parent-filter", "--msg-filter", "--commit-filter", "--tag-name-filter");

    /**
     * git itself is reported as written; the shell commands it would run are read: {@code -c}
     * command settings and {@code git config} writing them ({@code alias.x '!cmd'}),
     * {@code --upload-pack}/{@code --receive-pack}/{@code --exec}, {@code ext::} URLs,
     * {@code bisect run}, {@code submodule foreach}, {@code rebase -x}, {@code filter-branch}
     * filters.
     */
    private void git(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx) {
        ev.emitFinal(a, redirs, text, ctx);
        int n = a.size();
        int i = 1;
        while (i < n) {
            String t = a.get(i).value();
            if (!t.startsWith("-")) {
                break;
            }
            if (t.equals("-c") && i + 1 < n) {
                Arg kv = a.get(i + 1);
                int eq = kv.value().indexOf('=');
                if (eq > 0) {
                    gitConfig(kv.value().substring(0, eq), Unwrapper.cut(kv, eq + 1), text, ctx, "git -c");
                }
            } else if (t.startsWith("--config-env=")) {
                String kv = t.substring(13);
                int eq = kv.indexOf('=');
                if (eq > 0 && gitCommandKey(kv.substring(0, eq), "?")) {
                    ev.finding(Findings.DYNAMIC, Severity.HIGH, "git takes the command for " + kv.substring(0, eq)
                            + " from the variable " + kv.substring(eq + 1) + ", which is only known at run time",
                            text, Findings.DYNAMIC_HINT);
                }
            }
            i += GIT_GLOBAL_VALUED.contains(t) ? 2 : 1;
        }
        if (i >= n) {
            return;
        }
        String sub = a.get(i).value();
        Ctx inner = ctx.via("git " + sub, false);
        if (ev.wroteFiles() && (text.contains("HOME=") || text.contains("XDG_CONFIG_HOME=") || text.contains("GIT_CONFIG"))) {
            // HOME=$PWD git x with a .gitconfig written here: its aliases are the commands
            for (String cfg : List.of(".gitconfig", "git/config", ".config/git/config")) {
                Arg file = fileText(Arg.of(cfg), ctx);
                if (file == null) {
                    continue;
                }
                boolean alias = false;
                for (String line : file.value().split("\n")) {
                    String l = line.strip();
                    if (l.startsWith("[")) {
                        alias = l.toLowerCase(Locale.ROOT).startsWith("[alias");
                    } else if (alias && l.contains("=")) {
                        String name = l.substring(0, l.indexOf('=')).strip();
                        String value = l.substring(l.indexOf('=') + 1).strip();
                        if (name.equals(sub)) {
                            gitConfig("alias." + name, arg(value, file), text, ctx, "git alias from a written config");
                        }
                    }
                }
            }
        }
        String alias = ev.aliasDepth < 2 ? ev.gitAliases.get(sub) : null;
        if (alias != null) {
            ev.aliasDepth++;
            // the alias's words take the subcommand's place (and may name another alias, once)
            StringBuilder expanded = new StringBuilder("git ").append(alias);
            for (int k = i + 1; k < n; k++) {
                expanded.append(' ').append(shellQuote(a.get(k).value()));
            }
            script(Arg.of(expanded.toString()), inner.withStdin(null).withRedirsCleared(), "git alias " + sub, text);
            ev.aliasDepth--;
        }
        if (ev.wroteFiles() && sub.matches("[a-z][a-z0-9-]{0,40}") && ev.writtenFile("git-" + sub, ctx.env().cds()) != null) {
            // git foo runs git-foo from PATH or --exec-path: this call wrote one
            script(Arg.of("./git-" + sub), inner.withStdin(null).withRedirsCleared(), "git " + sub, text);
        }
        for (int k = i + 1; k < n && URL_COMMANDS.contains(sub); k++) {
            if (a.get(k).value().startsWith("ext::")) {
                extUrl(a.get(k), text, inner);
            }
        }
        if (sub.equals("clone")) {
            // git clone -c core.sshCommand=... / --config=...: set in the new repository before it runs
            for (int k = i + 1; k < n; k++) {
                String t = a.get(k).value();
                Arg kv = (t.equals("-c") || t.equals("--config")) && k + 1 < n ? a.get(++k)
                        : t.startsWith("--config=") ? Unwrapper.cut(a.get(k), 9) : null;
                int eq = kv == null ? -1 : kv.value().indexOf('=');
                if (eq > 0) {
                    gitConfig(kv.value().substring(0, eq), Unwrapper.cut(kv, eq + 1), text, ctx, "git clone -c");
                }
            }
        }
        switch (sub) {
            case "config" -> {
                List<Arg> ops = new ArrayList<>();
                for (int k = i + 1; k < n; k++) {
                    String t = a.get(k).value();
                    if (t.equals("-f") || t.equals("--file") || t.equals("--blob") || t.equals("--type")
                            || t.equals("--default") || t.equals("--comment") || t.equals("--value")) {
                        k++;
                    } else if (!t.startsWith("-") && !(ops.isEmpty() && (t.equals("set") || t.equals("get")))) {
                        ops.add(a.get(k));
                    }
                }
                if (ops.size() >= 2) {
                    gitConfig(ops.get(0).value(), ops.get(1), text, ctx, "git config");
                }
            }
            case "bisect" -> {
                if (i + 2 < n && a.get(i + 1).value().equals("run")) {
                    un.unwrap(new ArrayList<>(a.subList(i + 2, n)), List.of(), text,
                            inner.withStdin(null).withRedirsCleared(), null);
                }
            }
            case "submodule" -> {
                int k = i + 1;
                while (k < n && a.get(k).value().startsWith("-")) {
                    k++;
                }
                if (k < n && a.get(k).value().equals("foreach")) {
                    k++;
                    while (k < n && a.get(k).value().startsWith("--")) {
                        k++; // --recursive
                    }
                    if (k < n) {
                        script(Unwrapper.join(a, k), inner.via("foreach", false), "git submodule foreach", text);
                    }
                }
            }
            case "filter-branch" -> {
                for (int k = i + 1; k + 1 < n; k++) {
                    if (FILTER_BRANCH.contains(a.get(k).value())) {
                        script(a.get(k + 1), inner, "git filter-branch " + a.get(k).value(), text);
                        k++;
                    }
                }
            }
            default -> {
                Set<String> opts = GIT_COMMAND_OPTIONS.get(sub);
                if (opts == null) {
                    return;
                }
                for (int k = i + 1; k < n; k++) {
                    String t = a.get(k).value();
                    if (t.equals("--")) {
                        break;
                    }
                    int eq = t.indexOf('=');
                    String name = eq < 0 ? t : t.substring(0, eq);
                    Arg v = null;
                    if (opts.contains(name)) {
                        v = eq >= 0 ? Unwrapper.cut(a.get(k), eq + 1) : k + 1 < n ? a.get(++k) : null;
                    } else if (name.length() > 2 && !name.startsWith("--") && opts.contains(name.substring(0, 2))) {
                        v = Unwrapper.cut(a.get(k), 2); // -xCMD, -uCMD
                    } else if (sub.equals("grep") && t.startsWith("-O") && t.length() > 2) {
                        v = Unwrapper.cut(a.get(k), 2);
                    }
                    if (v != null) {
                        script(v, inner, "git " + sub + " " + name, text);
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- interactive tools fed a script

    /** The shell form of a path, keeping a leading {@code ~/} expandable. */
    private static String shellPath(String p) {
        if (p.equals("~") || p.equals("~/")) {
            return p;
        }
        if (p.startsWith("~/")) {
            return "~/" + shellQuote(p.substring(2));
        }
        return shellQuote(p);
    }

    private static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Options of ftp clients whose value is a script of client commands, or a file holding one. */
    private static final Set<String> FTP_VALUED = Set.of("-b", "-B", "-c", "-D", "-F", "-i", "-J", "-l", "-o",
            "-P", "-R", "-S", "-s", "-e", "-f", "-u", "-p");

    /**
     * ftp clients run a line {@code !CMD} through the local shell: {@code sftp HOST <<< '!cmd'},
     * {@code sftp -b FILE}, {@code lftp -c 'CMDS'} / {@code -e CMDS} / {@code -f FILE}; sftp's
     * {@code -S PROGRAM} and {@code -D SERVER} start a local program.
     */
    private void ftpBang(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx, String prog) {
        List<Arg> scripts = new ArrayList<>();
        boolean lftp = prog.equals("lftp");
        boolean stdinToo = true;
        int n = a.size();
        for (int i = 1; i < n; i++) {
            String t = a.get(i).value();
            if (!FTP_VALUED.contains(t) || i + 1 >= n) {
                continue;
            }
            Arg v = a.get(++i);
            if (lftp && (t.equals("-c") || t.equals("-e"))) {
                scripts.add(v);
            } else if (lftp && t.equals("-f") || !lftp && t.equals("-b")) {
                if (v.value().equals("-")) {
                    continue;
                }
                stdinToo = false;
                Arg f = fileText(v, ctx);
                if (f != null) {
                    scripts.add(f);
                }
            } else if (!lftp && (t.equals("-S") || t.equals("-D"))) {
                script(v, ctx.via(prog + " " + t, false), prog + " " + t, text);
            }
        }
        Arg in = stdinToo ? stdinText(redirs, ctx) : null;
        if (in != null) {
            scripts.add(in);
        }
        for (Arg s : scripts) {
            for (String line : s.value().split("\n")) {
                for (String part : lftp ? line.split(";") : new String[] {line}) {
                    String l = part.strip();
                    while (!lftp && !l.isEmpty() && (l.charAt(0) == '-' || l.charAt(0) == '@')) {
                        l = l.substring(1).strip(); // batch prefixes: ignore errors, no echo
                    }
                    if (l.startsWith("!") && l.length() > 1) {
                        // the rest of the line, as the client passes it to the shell
                        String rest = lftp ? line.substring(line.indexOf('!') + 1) : l.substring(1);
                        script(arg(rest.strip(), s), ctx.via(prog + " !", false), prog + " !", text);
                        break;
                    }
                }
            }
        }
    }

    private static final java.util.regex.Pattern ED_BANG = java.util.regex.Pattern.compile(
            "^\\s*+(?:[0-9.$,;+\\-]|'[a-z]|/(?:[^/\\\\]|\\\\.)*+/|\\?(?:[^?\\\\]|\\\\.)*+\\?)*+\\s*+[eErRwW]?q?\\s*+!(.+)$");

    private static final java.util.regex.Pattern ED_INPUT = java.util.regex.Pattern.compile(
            "^\\s*+(?:[0-9.$,;+\\-]|'[a-z]|/(?:[^/\\\\]|\\\\.)*+/|\\?(?:[^?\\\\]|\\\\.)*+\\?)*+[aic]\\s*+$");

    /**
     * {@code ed FILE <<< SCRIPT}: ed runs {@code !CMD}, and reads or writes through the shell
     * with {@code e !CMD}, {@code r !CMD}, {@code w !CMD}; a file operand {@code !CMD} reads
     * CMD's output.
     */
    private void ed(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx, String prog) {
        ev.emitFinal(a, redirs, text, ctx);
        Ctx inner = ctx.via(prog + " !", false);
        for (int i = 1; i < a.size(); i++) {
            String t = a.get(i).value();
            if (t.equals("-p") || t.equals("--prompt")) {
                i++;
            } else if (t.startsWith("!") && t.length() > 1) {
                script(Unwrapper.cut(a.get(i), 1), inner, prog + " !", text);
            }
        }
        Arg in = stdinText(redirs, ctx);
        if (in == null) {
            return;
        }
        boolean input = false;
        for (String line : in.value().split("\n")) {
            if (input) {
                input = !line.equals("."); // text typed after a, i or c, up to a lone '.'
                continue;
            }
            if (ED_INPUT.matcher(line).matches()) {
                input = true;
                continue;
            }
            java.util.regex.Matcher m = ED_BANG.matcher(line);
            if (m.matches() && !m.group(1).isBlank()) {
                script(arg(m.group(1).strip(), in), inner, prog + " !", text);
            }
        }
    }

    /** Reads each line of a script for a client command that runs the rest of the line. */
    private void bangLines(Arg s, java.util.regex.Pattern p, String label, String text, Ctx ctx) {
        for (String line : s.value().split("\n")) {
            java.util.regex.Matcher m = p.matcher(line);
            while (m.find()) {
                String cmd = m.group(1).strip();
                if (!cmd.isEmpty()) {
                    script(arg(unquote(cmd), s), ctx.via(label, false), label, text);
                }
            }
        }
    }

    private static final java.util.regex.Pattern PSQL_SHELL = java.util.regex.Pattern.compile(
            "\\\\!\\s*(.*)$|\\\\(?:o|out|g|w|write)\\s+'?\\|([^']*)'?|(?i)\\\\copy\\b.*?\\bprogram\\s+'((?:[^']|'')*)'");

    /**
     * psql runs {@code \! CMD} through the shell, pipes output to {@code \o |CMD}, {@code \g |CMD},
     * {@code \w |CMD}, and {@code \copy ... PROGRAM 'CMD'} runs CMD on this machine; read from
     * {@code -c}, {@code -f FILE} written in the call, and standard input.
     */
    private void psql(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx) {
        ev.emitFinal(a, redirs, text, ctx);
        List<Arg> scripts = new ArrayList<>();
        boolean file = false;
        int n = a.size();
        for (int i = 1; i < n; i++) {
            String t = a.get(i).value();
            if ((t.equals("-c") || t.equals("--command")) && i + 1 < n) {
                scripts.add(a.get(++i));
            } else if (t.startsWith("--command=")) {
                scripts.add(Unwrapper.cut(a.get(i), 10));
            } else if (t.startsWith("-c") && t.length() > 2) {
                scripts.add(Unwrapper.cut(a.get(i), 2));
            } else if ((t.equals("-f") || t.equals("--file")) && i + 1 < n || t.startsWith("--file=")) {
                Arg f = t.startsWith("--file=") ? Unwrapper.cut(a.get(i), 7) : a.get(++i);
                file = true;
                addScriptFile(f, redirs, ctx, scripts);
            }
        }
        addStdinUnless(!scripts.isEmpty() || file, redirs, ctx, scripts);
        for (Arg s : scripts) {
            for (String line : s.value().split("\n")) {
                java.util.regex.Matcher m = PSQL_SHELL.matcher(line);
                while (m.find()) {
                    String cmd = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3).replace("''", "'");
                    if (!cmd.isBlank()) {
                        script(arg(cmd.strip(), s), ctx.via("psql \\!", false), "psql \\!", text);
                    }
                }
            }
        }
    }

    private static final java.util.regex.Pattern MYSQL_SHELL = java.util.regex.Pattern.compile(
            "(?i)(?:^|;)\\s*(?:system|\\\\!)\\s+(.*)$|\\\\!\\s*(.*)$");

    /** mysql/mariadb run {@code system CMD} and {@code \! CMD}, from {@code -e} and standard input. */
    private void mysql(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx, String prog) {
        ev.emitFinal(a, redirs, text, ctx);
        List<Arg> scripts = new ArrayList<>();
        int n = a.size();
        for (int i = 1; i < n; i++) {
            String t = a.get(i).value();
            if ((t.equals("-e") || t.equals("--execute")) && i + 1 < n) {
                scripts.add(a.get(++i));
            } else if (t.startsWith("--execute=")) {
                scripts.add(Unwrapper.cut(a.get(i), 10));
            } else if (t.startsWith("-e") && t.length() > 2) {
                scripts.add(Unwrapper.cut(a.get(i), 2));
            }
        }
        Arg in = stdinText(redirs, ctx);
        if (in != null) {
            scripts.add(in);
        }
        for (Arg s : scripts) {
            for (String line : s.value().split("\n")) {
                java.util.regex.Matcher m = MYSQL_SHELL.matcher(line);
                if (m.find()) {
                    String cmd = m.group(1) != null ? m.group(1) : m.group(2);
                    if (!cmd.isBlank()) {
                        script(arg(cmd.strip(), s), ctx.via(prog + " system", false), prog + " system", text);
                    }
                }
            }
        }
    }

    /** Adds the text of a script file the call wrote (or standard input for {@code -}) when it is known. */
    private void addScriptFile(Arg f, List<Redirect> redirs, Ctx ctx, List<Arg> scripts) {
        Arg text = f.value().equals("-") ? stdinText(redirs, ctx) : fileText(f, ctx);
        if (text != null) {
            scripts.add(text);
        }
    }

    /** Adds the known text on standard input, which the tool reads as its script unless {@code given} one. */
    private void addStdinUnless(boolean given, List<Redirect> redirs, Ctx ctx, List<Arg> scripts) {
        Arg in = given ? null : stdinText(redirs, ctx);
        if (in != null) {
            scripts.add(in);
        }
    }

    /** {@code dc}: {@code !CMD} (not the comparisons {@code !<}, {@code !>}, {@code !=}) runs the rest of the line. */
    private void dc(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx) {
        ev.emitFinal(a, redirs, text, ctx);
        List<Arg> scripts = new ArrayList<>();
        int n = a.size();
        boolean operands = false;
        for (int i = 1; i < n; i++) {
            String t = a.get(i).value();
            Arg f = null;
            if ((t.equals("-e") || t.equals("--expression")) && i + 1 < n) {
                scripts.add(a.get(++i));
                operands = true;
            } else if (t.startsWith("--expression=") || t.startsWith("-e") && t.length() > 2) {
                scripts.add(Unwrapper.cut(a.get(i), t.startsWith("--") ? 13 : 2));
                operands = true;
            } else if ((t.equals("-f") || t.equals("--file")) && i + 1 < n) {
                f = a.get(++i);
            } else if (!t.startsWith("-")) {
                f = a.get(i);
            }
            if (f != null) {
                operands = true;
                addScriptFile(f, redirs, ctx, scripts);
            }
        }
        addStdinUnless(operands, redirs, ctx, scripts);
        for (Arg s : scripts) {
            bangLines(s, DC_BANG, "dc !", text, ctx);
        }
    }

    private static final java.util.regex.Pattern DC_BANG = java.util.regex.Pattern.compile("!(?![<>=])(.*)$");

    private static final java.util.regex.Pattern GNUPLOT_SHELL = java.util.regex.Pattern.compile(
            "\\bsystem\\s*\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"|\\bsystem\\s*\\(\\s*'([^']*)'|`([^`]*)`"
                    + "|(?:^|;)\\s*!(.*)$"
                    + "|\\bset\\s+(?:out(?:put)?|print)\\s+[\"']\\|([^\"']*)[\"']"
                    + "|\\b(?:s?plot|load|call|stats|fit)\\s+[\"']<\\s*([^\"']*)[\"']");

    /**
     * gnuplot runs shell commands with {@code system("CMD")}, back-quotes, a statement
     * {@code ! CMD}, {@code set output '|CMD'} and {@code plot '< CMD'}; read from {@code -e},
     * script files written in the call and standard input.
     */
    private void gnuplot(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx) {
        ev.emitFinal(a, redirs, text, ctx);
        List<Arg> scripts = new ArrayList<>();
        boolean files = false;
        int n = a.size();
        for (int i = 1; i < n; i++) {
            String t = a.get(i).value();
            if ((t.equals("-e") || t.equals("--eval")) && i + 1 < n) {
                scripts.add(a.get(++i));
            } else if (t.equals("-") || !t.startsWith("-")) {
                files |= !t.equals("-");
                addScriptFile(a.get(i), redirs, ctx, scripts);
            }
        }
        addStdinUnless(files, redirs, ctx, scripts);
        for (Arg s : scripts) {
            for (String line : s.value().split("\n")) {
                java.util.regex.Matcher m = GNUPLOT_SHELL.matcher(line);
                while (m.find()) {
                    for (int g = 1; g <= m.groupCount(); g++) {
                        if (m.group(g) != null && !m.group(g).isBlank()) {
                            String cmd = g == 1 ? m.group(g).replace("\\\"", "\"").replace("\\\\", "\\") : m.group(g);
                            script(arg(cmd.strip(), s), ctx.via("gnuplot system", false), "gnuplot system", text);
                        }
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- editors and debuggers

    /**
     * {@code vim -c CMD}, {@code --cmd CMD}, {@code +CMD}: an Ex command; {@code !CMD},
     * {@code r !CMD}, {@code w !CMD} and {@code silent !CMD} run CMD through the shell.
     */
    /**
     * Kakoune: {@code kak -e 'nop %sh{cmd}'} runs cmd in a shell when the command is evaluated, as
     * do {@code %sh(...)}, {@code %sh[...]} and {@code %sh<...>} in any command it is given.
     */
    private void kak(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx) {
        ev.emitFinal(a, redirs, text, ctx);
        for (int i = 1; i + 1 < a.size(); i++) {
            if (!a.get(i).value().equals("-e") && !a.get(i).value().equals("-p")) {
                continue;
            }
            String v = a.get(++i).value();
            for (int at = v.indexOf("%sh"); at >= 0 && at + 4 < v.length(); at = v.indexOf("%sh", at + 3)) {
                char open = v.charAt(at + 3);
                char close = switch (open) {
                    case '{' -> '}';
                    case '(' -> ')';
                    case '[' -> ']';
                    case '<' -> '>';
                    default -> 0;
                };
                if (close == 0) {
                    continue;
                }
                int depth = 0;
                int end = -1;
                for (int k = at + 3; k < v.length() && end < 0; k++) {
                    depth += v.charAt(k) == open ? 1 : v.charAt(k) == close ? -1 : 0;
                    end = depth == 0 ? k : -1;
                }
                script(arg(v.substring(at + 4, end < 0 ? v.length() : end), a.get(i)), ctx, "kak %sh", text);
            }
        }
    }

    /**
     * Ghostscript: an output file named {@code %pipe%cmd} (or {@code |cmd}), in an option or in
     * PostScript given with {@code -c}, runs cmd in a shell (refused under -dSAFER, the default
     * that -dNOSAFER turns off; read either way).
     */
    private void ghostscript(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx) {
        ev.emitFinal(a, redirs, text, ctx);
        for (Arg x : a.subList(1, a.size())) {
            String v = x.value();
            int at = v.indexOf("%pipe%");
            int skip = 6;
            if (at < 0 && v.startsWith("-sOutputFile=|")) {
                at = v.indexOf('|');
                skip = 1;
            }
            if (at >= 0) {
                String rest = v.substring(at + skip);
                int close = rest.indexOf(')');
                script(arg(close < 0 ? rest : rest.substring(0, close), x), ctx, "gs %pipe%", text);
            }
        }
    }

    private void vim(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx, String prog) {
        ev.emitFinal(a, redirs, text, ctx);
        int n = a.size();
        boolean exMode = prog.equals("ex");
        List<Arg> scripts = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            String t = a.get(i).value();
            Arg ex = null;
            if ((t.equals("-c") || t.equals("--cmd") || t.matches("-[a-zA-Z]+c")) && i + 1 < n) {
                exMode |= t.indexOf('e') > 0 || t.indexOf('E') > 0;
                ex = a.get(++i); // (ex -sc CMD: -s, then -c CMD)
            } else if (t.startsWith("+") && t.length() > 1 && !t.substring(1).matches("\\d+|/.*")) {
                ex = Unwrapper.cut(a.get(i), 1);
            } else if ((t.equals("-S") || t.equals("-u") || t.equals("-U") || t.equals("-s") || t.equals("-w")
                    || t.equals("-W")) && i + 1 < n) {
                // -S FILE sources it after start-up, -u FILE replaces the vimrc, -s FILE types it as keys
                addScriptFile(a.get(++i), redirs, ctx, scripts);
            } else if (t.equals("-e") || t.equals("-E") || t.equals("-es") || t.equals("-Es")) {
                exMode = true;
            } else if (t.equals("--")) {
                break;
            }
            if (ex != null) {
                exLine(ex, text, ctx, prog);
            }
        }
        if (exMode) {
            addStdinUnless(false, redirs, ctx, scripts); // vim -es < cmds, ex <<< '!cmd': Ex commands on stdin
        }
        for (Arg script : scripts) {
            for (String line : script.value().split("\n")) {
                exLine(arg(line, script), text, ctx, prog);
            }
        }
    }

    /** One Ex command line, from -c, a sourced file or standard input: everything it can run or change. */
    private void exLine(Arg ex, String text, Ctx ctx, String prog) {
        Ctx via = ctx.via(prog + " -c", false);
        Arg line = ex;
        java.util.regex.Matcher exe = EX_EXECUTE.matcher(ex.value().strip());
        if (exe.matches()) {
            // exe "!" . "rm -rf ~": the command is the joined strings
            String joined = exe.group(1).replaceAll("\"\\s*\\.\\s*\"", "").replaceAll("'\\s*\\.\\s*'", "");
            line = arg(joined.length() > 1 ? joined.substring(1, joined.length() - 1) : joined, ex);
        }
        exBang(line, text, via, prog);
        exCode(line, text, via, prog);
        exFiles(line, text, via, prog);
        java.util.regex.Matcher so = EX_SOURCE.matcher(line.value().strip());
        if (so.matches() && !via.via().contains(prog + " source")) {
            // :source x.vim written earlier in the call: its lines are Ex commands too (one level deep)
            Arg file = fileText(arg(so.group(1), line), ctx);
            if (file != null) {
                Ctx inner = ctx.via(prog + " source", false);
                for (String l : file.value().split("\n")) {
                    exLine(arg(l, file), text, inner, prog);
                }
            }
        }
    }

    private static final java.util.regex.Pattern EX_SOURCE = java.util.regex.Pattern.compile(
            "^:?\\s*(?:so|sou|sour|sourc|source|ru|runtime)!?\\s+(\\S+)\\s*$");

    private static final java.util.regex.Pattern EX_EXECUTE = java.util.regex.Pattern.compile(
            "^:?\\s*(?:sil(?:ent)?!?\\s+)?exe(?:cute)?\\s+((?:\"[^\"]*\"|'[^']*')(?:\\s*\\.\\s*(?:\"[^\"]*\"|'[^']*'))*)\\s*$");
    private static final java.util.regex.Pattern EX_DELETE = java.util.regex.Pattern.compile(
            "\\bdelete\\s*\\(\\s*(?:expand\\s*\\(\\s*)?[\"']([^\"']+)[\"']");
    private static final java.util.regex.Pattern EX_WRITEFILE = java.util.regex.Pattern.compile(
            "\\bwritefile\\s*\\([^,]*,\\s*(?:expand\\s*\\(\\s*)?[\"']([^\"']+)[\"']");
    private static final java.util.regex.Pattern EX_WRITE = java.util.regex.Pattern.compile(
            "^:?\\s*(?:w|wr|wri|writ|write|sav|saveas|wq|x|xit|up|update|e|ed|edi|edit|sp|split|vs|vsplit|tabe|tabedit)!?\\s+(\\S+)\\s*$");

    /**
     * Files Vim script deletes or writes: {@code call delete(expand("~"), "rf")}, {@code
     * writefile([...], "~/.bashrc", "a")}, {@code :w! ~/.bashrc}, and {@code :e FILE} (opened to be
     * changed). They are read as the {@code rm} or {@code tee} that would do the same.
     */
    private void exFiles(Arg ex, String text, Ctx ctx, String prog) {
        String s = ex.value().strip();
        java.util.regex.Matcher d = EX_DELETE.matcher(s);
        if (d.find()) {
            boolean recursive = s.substring(d.end()).matches("(?s)\\s*(?:\\)\\s*)?,\\s*[\"']r?f?r?[\"'].*")
                    && s.substring(d.end()).contains("rf");
            List<Arg> rm = new ArrayList<>(List.of(Arg.of("rm"), Arg.of(recursive ? "-rf" : "-f"), arg(d.group(1), ex)));
            un.unwrap(rm, List.of(), text, ctx.via(prog + " delete()", false).withStdin(null).withRedirsCleared(), null);
        }
        java.util.regex.Matcher w = EX_WRITEFILE.matcher(s);
        java.util.regex.Matcher e = EX_WRITE.matcher(s);
        String target = w.find() ? w.group(1) : e.matches() ? e.group(1) : null;
        if (target != null && !target.startsWith("+")) {
            List<Arg> tee = new ArrayList<>(List.of(Arg.of("tee"), Arg.of("-a"), arg(target, ex)));
            un.unwrap(tee, List.of(), text, ctx.via(prog + " write", false).withStdin(null).withRedirsCleared(), null);
        }
    }

    private void exBang(Arg ex, String text, Ctx ctx, String prog) {
        for (String part : ex.value().split("\\|(?![^!]*$)|\n")) {
            String s = part.strip();
            while (s.startsWith(":")) {
                s = s.substring(1).strip();
            }
            s = s.replaceFirst("^(?:sil(?:ent)?!?\\s+|exe(?:cute)?\\s+)", "");
            s = s.replaceFirst("^[%.$,0-9]*(?:r(?:ead)?|w(?:rite)?|sh(?:ell)?)?\\s*(?=!)", "");
            if (s.startsWith("!") && s.length() > 1) {
                script(arg(s.substring(1).strip(), ex), ctx, prog + " !", text);
                return;
            }
        }
    }

    /** Ex commands that hand the rest of the line to an embedded interpreter, as its inline-code launcher. */
    private static final java.util.regex.Pattern EX_INTERPRETER = java.util.regex.Pattern.compile(
            "^(?:sil(?:ent)?!?\\s+)?(lua|luado|py3|python3|py|python|pyx|pythonx|perl|perldo|rub|ruby|rubydo)\\s+(.+)$",
            java.util.regex.Pattern.DOTALL);
    private static final java.util.regex.Pattern EX_SYSTEM = java.util.regex.Pattern.compile(
            "\\b(?:system|systemlist|jobstart|termopen)\\s*\\(\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|'((?:[^']|'')*)')");
    private static final java.util.regex.Pattern EX_TERMINAL = java.util.regex.Pattern.compile(
            "^(?:sil(?:ent)?!?\\s+)?ter(?:m|mi|min|mina|minal)?\\s+(?:\\+\\+\\S+\\s+)*(.+)$");

    /**
     * Ex commands that run a program other than through {@code !}: {@code lua}/{@code python3}/
     * {@code perl}/{@code ruby} code (read as that language's inline code), Vim script's
     * {@code system("CMD")}, {@code jobstart}, and {@code :terminal CMD}.
     */
    private void exCode(Arg ex, String text, Ctx ctx, String prog) {
        String s = ex.value().strip();
        while (s.startsWith(":")) {
            s = s.substring(1).strip();
        }
        java.util.regex.Matcher m = EX_INTERPRETER.matcher(s);
        if (m.matches()) {
            String lang = m.group(1);
            String[] launch = lang.startsWith("lua") ? new String[] {"lua", "-e"}
                    : lang.startsWith("p") && !lang.startsWith("perl") ? new String[] {"python3", "-c"}
                    : lang.startsWith("perl") ? new String[] {"perl", "-e"} : new String[] {"ruby", "-e"};
            List<Arg> argv = new ArrayList<>(List.of(Arg.of(launch[0]), Arg.of(launch[1]), arg(m.group(2), ex)));
            un.unwrap(argv, List.of(), text, ctx.via(prog + " " + lang, false).withStdin(null).withRedirsCleared(), null);
            if (!lang.startsWith("lua")) {
                return;
            }
            // Neovim's Lua reaches Vim's functions: vim.fn.system("CMD"), vim.fn.jobstart("CMD")
        }
        java.util.regex.Matcher sys = EX_SYSTEM.matcher(s);
        while (sys.find()) {
            String cmd = sys.group(1) != null ? sys.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : sys.group(2).replace("''", "'");
            script(arg(cmd, ex), ctx, prog + " system()", text);
        }
        java.util.regex.Matcher term = EX_TERMINAL.matcher(s);
        if (term.matches()) {
            script(arg(term.group(1), ex), ctx, prog + " :terminal", text);
        }
    }

    /**
     * Cloud APIs that run a shell script on machines: {@code aws ssm send-command --parameters
     * commands=...}, {@code gcloud compute ssh VM --command ...}, {@code az vm run-command invoke
     * --scripts ...}. The script is read as the remote command it is, like {@code ssh host CMD}.
     */
    private void cloudRemote(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx, String prog) {
        ev.emitFinal(a, redirs, text, ctx);
        Ctx remote = new Ctx(new Env(), ctx.via(), true, List.of(), null).via(prog + " remote command", true);
        for (int i = 1; i < a.size(); i++) {
            String t = a.get(i).value();
            Arg v = i + 1 < a.size() ? a.get(i + 1) : null;
            if (v == null) {
                break;
            }
            if (prog.equals("aws") && t.equals("--parameters") && v.value().startsWith("commands=")) {
                String cmd = v.value().substring(9);
                if (cmd.startsWith("[") && cmd.endsWith("]")) {
                    cmd = cmd.substring(1, cmd.length() - 1);
                }
                script(arg(cmd.replace("\",\"", "\n").replace("\"", ""), v), remote, "aws ssm commands", text);
            } else if (prog.equals("gcloud") && t.equals("--command")) {
                script(v, remote, "gcloud ssh --command", text);
            } else if (prog.equals("az") && t.equals("--scripts")) {
                script(v, remote, "az run-command --scripts", text);
            }
        }
    }

    /** The shell commands inside an RPM macro's {@code %(...)} expansions, joined by newlines; null when none. */
    static @Nullable String rpmShell(String macro) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        while (true) {
            int at = macro.indexOf("%(", from);
            if (at < 0) {
                break;
            }
            int depth = 0;
            int end = -1;
            for (int k = at + 1; k < macro.length(); k++) {
                char ch = macro.charAt(k);
                if (ch == '(') {
                    depth++;
                } else if (ch == ')' && --depth == 0) {
                    end = k;
                    break;
                }
            }
            String body = end < 0 ? macro.substring(at + 2) : macro.substring(at + 2, end);
            out.append(body).append('\n');
            if (end < 0) {
                break;
            }
            from = end + 1;
        }
        return out.isEmpty() ? null : out.toString();
    }

    /**
     * Options and scripts of ordinary tools that run a program: {@code compgen -C CMD},
     * {@code split --filter=CMD}, {@code sdiff --diff-program=PROG},
     * {@code gcc -wrapper sh,-c,CMD}, m4's {@code syscmd()}/{@code esyscmd()}, Miller's
     * {@code system()}/{@code exec()}, IPython's {@code !CMD} lines.
     */
    private void programOptions(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx, String prog) {
        ev.emitFinal(a, redirs, text, ctx);
        Ctx via = ctx.via(prog, false);
        List<Arg> scripts = new ArrayList<>();
        for (int i = 1; i < a.size(); i++) {
            String t = a.get(i).value();
            Arg next = i + 1 < a.size() ? a.get(i + 1) : null;
            Arg cmd = null;
            switch (prog) {
                case "compgen", "complete" -> cmd = t.equals("-C") ? next : null;
                case "split" -> cmd = t.startsWith("--filter=") ? Unwrapper.cut(a.get(i), 9) : t.equals("--filter") ? next : null;
                case "sdiff", "diff3" -> cmd = t.startsWith("--diff-program=") ? Unwrapper.cut(a.get(i), 15) : null;
                case "gcc", "cc", "clang", "g++", "c++" -> {
                    if (t.equals("-wrapper") && next != null) {
                        // -wrapper PROG,ARG,...: gcc runs PROG ARG... in front of each subprogram
                        List<Arg> argv = new ArrayList<>();
                        for (String w : next.value().split(",")) {
                            argv.add(arg(w, next));
                        }
                        un.unwrap(argv, List.of(), text, via.withStdin(null).withRedirsCleared(), null);
                    }
                }
                case "m4", "mlr" -> scripts.add(a.get(i));
                // go build -toolexec 'CMD', go test/run -exec 'CMD': CMD runs in front of each tool or binary
                case "go" -> cmd = t.equals("-toolexec") || t.equals("--toolexec") || t.equals("-exec") ? next
                        : t.startsWith("-toolexec=") || t.startsWith("-exec=") ? Unwrapper.cut(a.get(i), t.indexOf('=') + 1)
                        : null;
                // yt-dlp --exec CMD: run after each download (a shell command line)
                case "yt-dlp", "youtube-dl" -> cmd = t.equals("--exec") || t.equals("--exec-before-download") ? next
                        : t.startsWith("--exec=") ? Unwrapper.cut(a.get(i), 7) : null;
                // apt-get -o APT::Update::Pre-Invoke::=CMD, -o DPkg::Post-Invoke::=CMD: run as root around the update
                case "apt", "apt-get", "aptitude" -> {
                    String kv = t.equals("-o") || t.equals("--option") ? next == null ? null : next.value()
                            : t.startsWith("-o") && t.length() > 2 ? t.substring(2) : null;
                    int eq = kv == null ? -1 : kv.indexOf('=');
                    cmd = eq > 0 && kv.substring(0, eq).toLowerCase(java.util.Locale.ROOT).contains("invoke")
                            ? arg(kv.substring(eq + 1), t.equals("-o") || t.equals("--option") ? next : a.get(i)) : null;
                }
                // hg --config hooks.NAME=CMD, svn --config-option config:tunnels:NAME=CMD: shell commands
                case "hg", "svn" -> {
                    String kv = (t.equals("--config") || t.equals("--config-option")) && next != null ? next.value()
                            : t.startsWith("--config=") ? t.substring(9) : null;
                    int eq = kv == null ? -1 : kv.indexOf('=');
                    String key = eq > 0 ? kv.substring(0, eq).toLowerCase(java.util.Locale.ROOT) : "";
                    String value = eq > 0 ? kv.substring(eq + 1) : "";
                    if (key.startsWith("hooks.") && !value.startsWith("python:") || key.startsWith("config:tunnels:")) {
                        cmd = arg(value, next == null ? a.get(i) : next);
                    } else if (key.startsWith("extensions.") && (value.startsWith("/") || value.startsWith("~")
                            || value.startsWith("./") || value.endsWith(".py"))) {
                        cmd = arg("python3 " + value, next == null ? a.get(i) : next); // the extension is Python code, loaded
                    }
                }
                // aria2c --on-download-complete=PROG: PROG runs when a download ends
                case "aria2c" -> cmd = t.startsWith("--on-") && t.contains("=") ? Unwrapper.cut(a.get(i), t.indexOf('=') + 1)
                        : t.startsWith("--on-") && next != null ? next : null;
                // gh alias set --shell NAME 'CMD': every later gh NAME runs CMD through the shell
                case "gh" -> cmd = (t.equals("--shell") || t.equals("-s")) && a.size() > 3 && a.get(1).value().equals("alias")
                        && a.get(2).value().equals("set") && i == a.size() - 3 ? a.get(a.size() - 1) : null;
                case "ipython", "ipython3" -> cmd = t.equals("-c") && next != null && next.value().startsWith("!")
                        ? Unwrapper.cut(next, 1) : null;
                // rpm --eval '%(CMD)', rpmbuild --define 'x %(CMD)': the macro's %(...) runs CMD through the shell
                case "rpm", "rpmbuild", "rpmspec" -> {
                    Arg macro = (t.equals("--eval") || t.equals("-E") || t.equals("--define") || t.equals("-D")) ? next
                            : t.startsWith("--eval=") || t.startsWith("--define=") ? a.get(i) : null;
                    String body = macro == null ? null : rpmShell(macro.value());
                    cmd = body == null ? null : arg(body, macro);
                }
                default -> { }
            }
            if (cmd != null && !cmd.value().isBlank()) {
                script(cmd, via, prog + " " + t, text);
            }
        }
        if ((prog.equals("groff") || prog.equals("troff")) && a.stream().anyMatch(x -> x.value().equals("-U"))) {
            // unsafe mode: .sy CMD (and .pso CMD) requests run CMD through the shell
            List<Arg> texts = new ArrayList<>();
            addStdinUnless(false, redirs, ctx, texts);
            for (int i = 1; i < a.size(); i++) {
                Arg file = a.get(i).value().startsWith("-") ? null : fileText(a.get(i), ctx);
                if (file != null) {
                    texts.add(file);
                }
            }
            for (Arg t : texts) {
                for (String line : t.value().split("\n")) {
                    String l = line.strip();
                    if (l.startsWith(".sy ") || l.startsWith(".pso ")) {
                        script(arg(l.substring(l.indexOf(' ') + 1), t), via, prog + " -U", text);
                    }
                }
            }
        }
        if (prog.equals("m4") || prog.equals("mlr")) {
            addStdinUnless(false, redirs, ctx, scripts);
            java.util.regex.Pattern p = prog.equals("m4") ? M4_SYSCMD : MLR_SYSTEM;
            for (Arg s : scripts) {
                Arg file = prog.equals("m4") ? fileText(s, ctx) : null;
                java.util.regex.Matcher m = p.matcher(file != null ? file.value() : s.value());
                while (m.find()) {
                    script(arg(m.group(1), s), via, prog + " system", text);
                }
            }
        }
    }

    private static final java.util.regex.Pattern M4_SYSCMD = java.util.regex.Pattern.compile(
            "\\b(?:e?syscmd)\\(\\s*`?([^'`)]+)");
    private static final java.util.regex.Pattern MLR_SYSTEM = java.util.regex.Pattern.compile(
            "\\b(?:system|exec)\\s*\\(\\s*\"([^\"]+)\"");

    /** Tcl read from standard input, {@code -c}/{@code -e}: its {@code exec} and {@code spawn} run programs. */
    private void tcl(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx, String prog) {
        ev.emitFinal(a, redirs, text, ctx);
        List<Arg> scripts = new ArrayList<>();
        for (int i = 1; i + 1 < a.size(); i++) {
            if (a.get(i).value().equals("-c") || a.get(i).value().equals("-e")) {
                scripts.add(a.get(i + 1));
            }
        }
        addStdinUnless(a.size() > 1 && !a.get(1).value().startsWith("-"), redirs, ctx, scripts);
        for (Arg code : scripts) {
            java.util.regex.Matcher m = TCL_EXEC.matcher(code.value());
            while (m.find()) {
                script(arg(m.group(1), code), ctx.via(prog + " exec", false), prog + " exec", text);
            }
            java.util.regex.Matcher f = TCL_FILE.matcher(code.value());
            while (f.find()) {
                // file delete -force P, file rename A B, file copy A B: the shell's rm -r, mv and cp
                String rest = f.group(2).strip();
                boolean force = rest.startsWith("-force");
                rest = force ? rest.substring(6).strip() : rest;
                rest = rest.startsWith("--") ? rest.substring(2).strip() : rest;
                String as = switch (f.group(1)) {
                    case "delete" -> force ? "rm -rf " : "rm ";
                    case "rename" -> force ? "mv -f " : "mv ";
                    default -> force ? "cp -rf " : "cp -r ";
                };
                script(arg(as + rest, code), ctx.via(prog + " file " + f.group(1), false), prog + " file", text);
            }
        }
    }

    private static final java.util.regex.Pattern TCL_EXEC = java.util.regex.Pattern.compile(
            "(?m)(?:^|[;\\[])\\s*(?:exec|spawn)\\s+([^\\]\\n;]+)");
    private static final java.util.regex.Pattern TCL_FILE = java.util.regex.Pattern.compile(
            "(?m)(?:^|[;\\[{])\\s*file\\s+(delete|rename|copy)\\s+([^\\]\\n;}]+)");

    /**
     * {@code cargo --config 'target.X.runner="CMD"'} (before or after the subcommand): the runner,
     * linker or rustc wrapper set this way is a program cargo runs, read as a command line.
     */
    private void cargo(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx) {
        ev.emitFinal(a, redirs, text, ctx);
        for (int i = 1; i < a.size(); i++) {
            String t = a.get(i).value();
            Arg kv = t.equals("--config") && i + 1 < a.size() ? a.get(++i)
                    : t.startsWith("--config=") ? Unwrapper.cut(a.get(i), 9) : null;
            int eq = kv == null ? -1 : kv.value().indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = kv.value().substring(0, eq).strip();
            if (key.endsWith(".runner") || key.endsWith(".linker") || key.equals("build.rustc-wrapper")
                    || key.equals("build.rustc") || key.equals("build.rustc-workspace-wrapper")) {
                String v = kv.value().substring(eq + 1).strip();
                if (v.length() > 1 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                    v = v.substring(1, v.length() - 1);
                }
                script(arg(v, kv), ctx.via("cargo --config " + key, false), "cargo " + key, text);
            }
        }
    }

    /** {@code gdb -ex 'shell CMD'} / {@code -ex '!CMD'} / {@code --eval-command=...}: gdb runs CMD through the shell. */
    private void gdb(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx) {
        ev.emitFinal(a, redirs, text, ctx);
        int n = a.size();
        for (int i = 1; i < n; i++) {
            String t = a.get(i).value();
            Arg ex = null;
            if (Set.of("-ex", "--ex", "-iex", "--iex", "-eval-command", "--eval-command", "-init-eval-command",
                    "--init-eval-command").contains(t) && i + 1 < n) {
                ex = a.get(++i);
            } else if (t.startsWith("--eval-command=") || t.startsWith("-eval-command=")) {
                ex = Unwrapper.cut(a.get(i), t.indexOf('=') + 1);
            } else if (Set.of("-x", "--x", "-command", "--command", "-ix", "--init-command").contains(t) && i + 1 < n
                    || t.startsWith("--command=") || t.startsWith("-command=")) {
                // gdb -x FILE: a command file; when this call wrote it, its lines are read like -ex
                String f = t.contains("=") ? t.substring(t.indexOf('=') + 1) : a.get(++i).value();
                Evaluator.Written w = ev.writtenFile(f, ctx.env().cds());
                if (w != null && w.content() != null) {
                    for (String line : Payloads.text(w.content()).split("\n")) {
                        gdbCommand(arg(line, a.get(i)), text, ctx);
                    }
                } else if (w != null) {
                    ev.pipeToShell(w.taint(), w.evidence() + " … " + text, "gdb runs the command file '" + f + "' from");
                }
                continue;
            }
            if (ex != null) {
                gdbCommand(ex, text, ctx);
            }
        }
    }

    /** One gdb command: {@code shell CMD}, {@code !CMD} and {@code pipe ... | CMD} run CMD through the shell. */
    private void gdbCommand(Arg ex, String text, Ctx ctx) {
        String s = ex.value().strip();
        String cmd = s.startsWith("!") ? s.substring(1) : s.startsWith("shell ") ? s.substring(6)
                : s.startsWith("pipe ") && s.indexOf('|') > 0 ? s.substring(s.indexOf('|') + 1) : null;
        if (cmd != null) {
            script(arg(cmd.strip(), ex), ctx.via("gdb -ex", false), "gdb shell", text);
        }
    }

    private static final java.util.regex.Pattern EMACS_DELETE = java.util.regex.Pattern.compile(
            "\\((delete-directory|delete-file)\\s+\"((?:[^\"\\\\]|\\\\.)*)\"([^)]*)\\)");

    /**
     * {@code (delete-directory "DIR" t)} deletes DIR and everything in it (without {@code t},
     * only an empty one), {@code (delete-file "F")} one file: read as the {@code rm} that does
     * the same, so the file-system rules judge the path.
     */
    private void emacsDelete(Arg code, String text, Ctx ctx) {
        java.util.regex.Matcher m = EMACS_DELETE.matcher(code.value());
        while (m.find()) {
            String path = m.group(2).replace("\\\"", "\"").replace("\\\\", "\\");
            boolean recursive = m.group(1).equals("delete-directory") && !m.group(3).isBlank()
                    && !m.group(3).strip().startsWith("nil");
            String rm = m.group(1).equals("delete-directory") ? recursive ? "rm -rf -- " : "rmdir -- " : "rm -f -- ";
            script(arg(rm + shellPath(path), code), ctx.via("emacs " + m.group(1), false), "emacs " + m.group(1), text);
        }
    }

    /**
     * {@code emacs --eval '(shell-command "CMD")'} (and {@code async-shell-command},
     * {@code call-process-shell-command}): CMD runs through the shell. Other process calls in
     * Lisp ({@code call-process}, {@code start-process}) are reported as code Warden cannot read.
     */
    private void emacs(List<Arg> a, List<Redirect> redirs, String text, Ctx ctx) {
        ev.emitFinal(a, redirs, text, ctx);
        int n = a.size();
        boolean client = a.get(0).value().endsWith("emacsclient");
        boolean evalAll = false; // emacsclient -e: every operand is an expression
        for (int i = 1; i < n; i++) {
            String t = a.get(i).value();
            Arg code = null;
            if (client && (t.equals("-e") || t.equals("--eval"))) {
                evalAll = true;
                continue;
            }
            if (evalAll && !t.startsWith("-")) {
                code = a.get(i);
            } else if ((t.equals("--eval") || t.equals("-eval")) && i + 1 < n) {
                code = a.get(++i);
            } else if (t.startsWith("--eval=")) {
                code = Unwrapper.cut(a.get(i), 7);
            }
            if (code == null) {
                continue;
            }
            String s = code.value();
            emacsDelete(code, text, ctx);
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("\\((?:async-)?(?:shell-command|call-process-shell-command|shell-command-to-string)\\s+\"((?:[^\"\\\\]|\\\\.)*)\"")
                    .matcher(s);
            boolean read = false;
            while (m.find()) {
                script(arg(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"), code), ctx.via("emacs --eval", false),
                        "emacs shell-command", text);
                read = true;
            }
            if (!read && s.matches("(?s).*\\((?:shell-command|async-shell-command|call-process|start-process|"
                    + "make-process|process-lines|call-process-shell-command|shell-command-to-string)\\b.*")) {
                ev.finding(Findings.DYNAMIC, Severity.HIGH, "emacs Lisp starts a process Warden cannot read: '"
                        + (s.length() > 120 ? s.substring(0, 120) + "..." : s) + "'", text, Findings.DYNAMIC_HINT);
            }
        }
    }
}
