package dev.warden.analysis.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the definition files of build, task and infrastructure tools ask the host to run: the
 * {@code cmds:} of a Taskfile, tox's {@code commands =}, a Procfile's lines, a Tiltfile's
 * {@code local('...')}, Terraform's external {@code program = [...]}, CMake's
 * {@code execute_process(COMMAND ...)}, a devcontainer's {@code initializeCommand}, and the host
 * paths a compose file, kind config or Vagrantfile mounts. A reading of the text, not of each
 * format's grammar: keys and calls that name a command are found wherever they are, so a
 * format Warden has never seen still shows its commands. Linear scans only; the text is the
 * agent's and at most {@link Budget#MAX_VALUE} long.
 */
final class Definitions {

    private Definitions() {}

    /** Keys whose value (a string, or a list of strings) is a command line run on the host. */
    static final Set<String> SHELL_KEYS = Set.of("command", "commands", "cmd", "cmds", "shell", "script", "execute",
            "inline", "initializecommand", "app", "input_filter", "filter_patterns", "file_version_filter", "exec",
            "serve_cmd", "run", "program", "commands_pre", "commands_post", "before", "after", "init_hook", "shellhook");

    /** Calls whose string arguments are a command: Tilt's local(), terragrunt's run_cmd(), qmake's system(). */
    static final Set<String> SHELL_CALLS = Set.of("local", "run_cmd", "system", "shell", "sh", "os.system",
            "subprocess.run", "local_resource");

    /** A command found in a definition: a shell line, or an argv when the file gave it as a list. */
    record Found(String line, List<String> argv) {}

    /** The commands the text asks to run: values of {@link #SHELL_KEYS}, list items under them, calls. */
    static List<Found> commands(String text) {
        List<Found> out = new ArrayList<>();
        quoted(text, out);
        String[] lines = text.split("\n", 4096);
        int listIndent = -1; // a "cmds:" with no value: the "- ..." items below it are commands
        for (String raw : lines) {
            if (out.size() >= 64) {
                break;
            }
            String line = raw.strip();
            int indent = raw.length() - raw.stripLeading().length();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("//")) {
                continue;
            }
            if (listIndent >= 0) {
                if (line.startsWith("- ") && indent >= listIndent) {
                    String item = line.substring(2).strip();
                    int colon = keyEnd(item);
                    if (colon > 0 && SHELL_KEYS.contains(key(item.substring(0, colon)))) {
                        item = item.substring(colon + 1).strip(); // - cmd: x
                    }
                    add(out, item);
                    continue;
                }
                listIndent = -1;
            }
            calls(line, out);
            int sep = keyEnd(line);
            if (sep <= 0) {
                if (line.startsWith("- ")) { // - command: x (a YAML list of tasks)
                    String item = line.substring(2).strip();
                    int colon = keyEnd(item);
                    if (colon > 0 && SHELL_KEYS.contains(key(item.substring(0, colon)))) {
                        add(out, item.substring(colon + 1).strip());
                    }
                }
                continue;
            }
            String k = key(line.startsWith("- ") ? line.substring(2, sep) : line.substring(0, sep));
            String v = line.substring(sep + 1).strip();
            if (!SHELL_KEYS.contains(k)) {
                continue;
            }
            if (v.isEmpty() || v.equals("|") || v.equals(">") || v.equals("|-") || v.equals(">-")) {
                listIndent = indent;
                continue;
            }
            if (!v.startsWith("\"") && !v.startsWith("'") && !v.startsWith("[")) {
                add(out, v); // quoted values and lists were read by quoted()
            }
        }
        return out;
    }

    /** Procfile lines ({@code web: CMD}) and Earthfile {@code RUN} lines of a {@code LOCALLY} target. */
    static List<Found> perLine(String text, boolean procfile) {
        List<Found> out = new ArrayList<>();
        boolean locally = text.contains("LOCALLY");
        for (String raw : text.split("\n", 4096)) {
            String line = raw.strip();
            if (procfile && !line.startsWith("#") && line.indexOf(':') > 0) {
                out.add(new Found(line.substring(line.indexOf(':') + 1).strip(), List.of()));
            } else if (!procfile && locally && line.startsWith("RUN ")) {
                out.add(new Found(line.substring(4).strip(), List.of()));
            }
        }
        return out;
    }

    /**
     * {@code "key": "value"}, {@code key = "value"}, {@code "key": ["a", "b"]} for every key of
     * {@link #SHELL_KEYS} wherever it stands: JSON on one line, TOML inline tables, HCL blocks.
     */
    private static void quoted(String text, List<Found> out) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String k : SHELL_KEYS) {
            int from = 0;
            while (out.size() < 64) {
                int at = lower.indexOf(k, from);
                if (at < 0) {
                    break;
                }
                from = at + k.length();
                char before = at == 0 ? ' ' : lower.charAt(at - 1);
                if (Character.isLetterOrDigit(before) || before == '_' || before == '-' || before == '.') {
                    continue;
                }
                int i = from;
                if (i < lower.length() && (lower.charAt(i) == '"' || lower.charAt(i) == '\'')) {
                    i++;
                }
                while (i < lower.length() && lower.charAt(i) == ' ') {
                    i++;
                }
                if (i >= lower.length() || lower.charAt(i) != ':' && lower.charAt(i) != '=') {
                    continue;
                }
                i++;
                while (i < lower.length() && (lower.charAt(i) == ' ' || lower.charAt(i) == '\t')) {
                    i++;
                }
                if (i >= lower.length()) {
                    break;
                }
                char open = text.charAt(i);
                if (open == '"' || open == '\'') {
                    List<String> v = strings(text.substring(i, Math.min(text.length(), i + 4096)));
                    if (!v.isEmpty() && !v.get(0).isBlank()) {
                        out.add(new Found(v.get(0), List.of()));
                    }
                } else if (open == '[') {
                    int close = text.indexOf(']', i);
                    List<String> v = strings(text.substring(i, close < 0 ? Math.min(text.length(), i + 4096) : close));
                    if (!v.isEmpty()) {
                        out.add(new Found(String.join(" ", v), v));
                    }
                }
            }
        }
    }

    /** The host paths the text mounts or shares: compose volumes, {@code hostPath:}, {@code source=}, synced folders. */
    static List<String> mounts(String text) {
        List<String> out = new ArrayList<>();
        boolean volumes = false;
        for (String raw : text.split("\n", 4096)) {
            String line = raw.strip();
            String l = line.toLowerCase(Locale.ROOT);
            if (out.size() >= 32) {
                break;
            }
            if (l.startsWith("volumes:") || l.startsWith("extramounts:") || l.startsWith("mounts:")) {
                volumes = true;
                for (String s : strings(line)) {
                    hostPart(s, out); // volumes: ["/:/h"]
                }
                continue;
            }
            if (volumes && line.startsWith("- ")) {
                hostPart(unquote(line.substring(2).strip()), out); // - /home/user:/h (and - hostPath: below)
            }
            if (!line.startsWith("- ") && !line.startsWith("source") && !line.startsWith("hostpath")) {
                volumes = l.startsWith("-") || l.startsWith("type:") || l.startsWith("target:") || l.startsWith("read_only")
                        ? volumes : false;
            }
            for (String key : new String[] {"hostpath:", "source:", "source=", "src=", "host_path", "context =", "context:"}) {
                int at = l.indexOf(key);
                if (at >= 0) {
                    String v = line.substring(at + key.length()).strip();
                    int comma = v.indexOf(',');
                    v = unquote(comma > 0 ? v.substring(0, comma) : v);
                    if (v.startsWith("/") || v.startsWith("~") || v.startsWith("$HOME")) {
                        out.add(v);
                    }
                }
            }
            if (l.contains("synced_folder")) {
                List<String> s = strings(line);
                if (!s.isEmpty()) {
                    out.add(s.get(0));
                }
            }
        }
        return out;
    }

    /** {@code privileged: true}, {@code pid: host}, {@code network_mode: host}: the container is the host. */
    static boolean privileged(String text) {
        String l = text.toLowerCase(Locale.ROOT).replace(" ", "").replace("\"", "").replace("'", "");
        return l.contains("privileged:true") || l.contains("pid:host") || l.contains("ipc:host")
                || l.contains("\"privileged\":true") || l.contains("cap_add:") && l.contains("sys_admin");
    }

    private static void hostPart(String spec, List<String> out) {
        int colon = spec.indexOf(':');
        String host = colon > 0 ? spec.substring(0, colon) : "";
        if (host.startsWith("/") || host.startsWith("~") || host.startsWith("$HOME") || host.startsWith("${HOME")) {
            out.add(host);
        }
    }

    /** Where a {@code key: value} or {@code key = value} line's key ends (':' or '='), or -1. */
    private static int keyEnd(String line) {
        for (int i = 0; i < line.length() && i < 64; i++) {
            char ch = line.charAt(i);
            if (ch == ':' || ch == '=') {
                return i;
            }
            if (!(Character.isLetterOrDigit(ch) || ch == '_' || ch == '-' || ch == '"' || ch == '\'' || ch == ' '
                    || ch == '.')) {
                return -1;
            }
        }
        return -1;
    }

    private static String key(String k) {
        String s = k.strip();
        if (s.startsWith("- ")) {
            s = s.substring(2).strip();
        }
        return unquote(s).toLowerCase(Locale.ROOT);
    }

    private static void add(List<Found> out, String value) {
        String v = value.strip();
        if (v.endsWith(",")) {
            v = v.substring(0, v.length() - 1).strip();
        }
        if (v.startsWith("[")) {
            List<String> items = strings(v);
            if (!items.isEmpty()) {
                out.add(new Found(String.join(" ", items), items));
            }
            return;
        }
        v = unquote(v);
        if (!v.isEmpty() && !v.equals("true") && !v.equals("false") && !v.equals("{") && !v.equals("[")) {
            out.add(new Found(v.replace("\\\"", "\""), List.of()));
        }
    }

    /**
     * Calls of {@link #SHELL_CALLS} ({@code local('rm -rf x')}, {@code run_cmd("sh", "-c", "x")}),
     * CMake's {@code execute_process(COMMAND x y)}, TeX's {@code \write18{x}} and ERB's backticks.
     */
    private static void calls(String line, List<Found> out) {
        int ep = line.indexOf("execute_process(");
        if (ep >= 0) {
            int cmd = line.indexOf("COMMAND", ep);
            int close = line.indexOf(')', ep);
            if (cmd > 0 && (close < 0 || cmd < close)) {
                String body = line.substring(cmd + 7, close < 0 ? line.length() : close).strip();
                out.add(new Found(body, List.of()));
            }
        }
        // CMake's file(REMOVE_RECURSE a b), file(REMOVE x), file(WRITE f ...): rm -rf a b, rm -f x, > f
        int fc = line.indexOf("file(");
        if (fc >= 0 && (fc == 0 || !Character.isLetterOrDigit(line.charAt(fc - 1)))) {
            int close = line.indexOf(')', fc);
            String[] parts = line.substring(fc + 5, close < 0 ? line.length() : close).strip().split("\\s+", 2);
            if (parts.length == 2) {
                switch (parts[0]) {
                    case "REMOVE_RECURSE" -> out.add(new Found("rm -rf " + parts[1], List.of()));
                    case "REMOVE" -> out.add(new Found("rm -f " + parts[1], List.of()));
                    case "WRITE", "APPEND" -> {
                        String[] fw = parts[1].split("\\s+", 2);
                        out.add(new Found("echo x " + (parts[0].equals("WRITE") ? ">" : ">>") + " " + fw[0], List.of()));
                    }
                    default -> { }
                }
            }
        }
        int w18 = line.indexOf("write18{");
        if (w18 >= 0) {
            int close = line.indexOf('}', w18);
            out.add(new Found(line.substring(w18 + 8, close < 0 ? line.length() : close), List.of()));
        }
        if (line.contains("<%") && line.indexOf('`') >= 0) {
            int a = line.indexOf('`');
            int b = line.indexOf('`', a + 1);
            if (b > a) {
                out.add(new Found(line.substring(a + 1, b), List.of()));
            }
        }
        for (String name : SHELL_CALLS) {
            int at = line.indexOf(name + "(");
            if (at < 0 || at > 0 && (Character.isLetterOrDigit(line.charAt(at - 1)) || line.charAt(at - 1) == '_')) {
                continue;
            }
            String args = line.substring(at + name.length() + 1);
            List<String> s = strings(args);
            if (name.equals("local_resource")) {
                int cmd = args.indexOf("cmd=");
                s = cmd >= 0 ? strings(args.substring(cmd + 4)) : List.of();
                s = s.isEmpty() ? s : List.of(s.get(0));
            }
            if (s.size() == 1) {
                out.add(new Found(s.get(0), List.of()));
            } else if (s.size() > 1) {
                out.add(new Found(String.join(" ", s), s));
            } else if (name.equals("system")) {
                int close = args.indexOf(')');
                out.add(new Found(args.substring(0, close < 0 ? args.length() : close), List.of())); // qmake system(x)
            }
        }
    }

    /** The quoted strings in a text, in order ("a", 'b'), escapes \" and \\ read. */
    static List<String> strings(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length() && out.size() < 64) {
            char q = s.charAt(i);
            if (q != '"' && q != '\'') {
                i++;
                continue;
            }
            StringBuilder b = new StringBuilder();
            int j = i + 1;
            while (j < s.length() && s.charAt(j) != q) {
                if (s.charAt(j) == '\\' && j + 1 < s.length()) {
                    j++;
                }
                b.append(s.charAt(j));
                j++;
            }
            out.add(b.toString());
            i = j + 1;
        }
        return out;
    }

    private static String unquote(String v) {
        return v.length() > 1 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))
                ? v.substring(1, v.length() - 1) : v;
    }
}
