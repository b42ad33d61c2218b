package dev.warden.analysis;

import dev.warden.call.Command;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One simple command as rule packs see it: the {@link Command} from the shell parser plus what is
 * known around it (the working directory it runs in, the analysis context) and small helpers to
 * read options the way most command-line tools parse them.
 *
 * <p>Design note: the helpers are deliberately generic (GNU long options, clustered short flags,
 * {@code --} ends options). Packs that know a tool's real grammar (git's global options, tar's
 * old-style clusters) parse it themselves; the helpers are for the long tail, where "roughly like
 * getopt" is right far more often than not. Nothing here allocates unless asked.
 */
public final class Invocation {

    private static final Set<String> PRIVILEGE = Set.of("sudo", "doas", "su", "pkexec", "run0", "sudo -u", "runuser");

    private final Command command;
    private final AnalysisContext context;
    private final @Nullable Path cwd;
    private final String program;
    private final List<String> args;
    private final Map<String, String> env;
    private @Nullable String stdin;
    private List<String> findNames = List.of();
    private String upstream = "";
    private boolean dotglob;
    /** Symbolic links an earlier command of the same call made: link path -> what it points to. */
    private Map<Path, Path> links = Map.of();
    /** The invocation this one is a view of ({@link #from}, {@link #withArgs}); itself for a command. */
    private final Invocation origin;
    /** Where the command's repository is, looked up on first use (kept on {@link #origin}). */
    private boolean repositoryLooked;
    private @Nullable Path repositoryRoot;
    /** Where the command stands in its call's script (see {@link #placed}); index -1 when unknown. */
    private String script = "";
    private List<Command> commands = List.of();
    private int index = -1;

    /**
     * @param command the command
     * @param context the analysis context
     * @param cwd     the directory it runs in, or null when an earlier {@code cd} made it unknown
     */
    Invocation(Command command, AnalysisContext context, @Nullable Path cwd) {
        this.command = command;
        this.context = context;
        this.cwd = cwd;
        List<String> argv = command.argv();
        int start = 0;
        Map<String, String> assignments = Map.of();
        // Prefix assignments (FOO=1 cmd), whether the parser left them in argv or in a launcher.
        while (start < argv.size() && isAssignment(argv.get(start))) {
            if (assignments.isEmpty()) {
                assignments = new HashMap<>();
            }
            String a = argv.get(start);
            int eq = a.indexOf('=');
            assignments.put(a.substring(0, eq), a.substring(eq + 1));
            start++;
        }
        for (String v : command.via()) {
            if (v.indexOf('=') > 0) {
                for (String word : v.split(" ")) {
                    if (isAssignment(word)) {
                        if (assignments.isEmpty()) {
                            assignments = new HashMap<>();
                        }
                        int eq = word.indexOf('=');
                        assignments.put(word.substring(0, eq), word.substring(eq + 1));
                    }
                }
            }
        }
        // The parser keeps prefix assignments (FOO=1 cmd) only in the source text: read them back.
        String text = command.text();
        if (text.startsWith("env ") || text.startsWith("sudo ")) {
            text = skipLauncher(text);
        }
        if (!text.isEmpty() && (Character.isLetter(text.charAt(0)) || text.charAt(0) == '_') && text.indexOf('=') > 0) {
            for (String word : leadingAssignments(text)) {
                if (assignments.isEmpty()) {
                    assignments = new HashMap<>();
                }
                int eq = word.indexOf('=');
                assignments.putIfAbsent(word.substring(0, eq), word.substring(eq + 1));
            }
        }
        this.env = assignments;
        this.origin = this;
        if (start < argv.size()) {
            this.program = normalise(argv.get(start));
            this.args = argv.subList(start + 1, argv.size());
        } else {
            this.program = "";
            this.args = List.of();
        }
    }

    private Invocation(Invocation parent, int index) {
        this.command = parent.command;
        this.context = parent.context;
        this.cwd = parent.cwd;
        this.env = parent.env;
        this.links = parent.links;
        this.program = parent.args.get(index);
        this.args = parent.args.subList(index + 1, parent.args.size());
        this.upstream = parent.upstream;
        this.dotglob = parent.dotglob;
        this.origin = parent.origin;
    }

    private Invocation(Invocation parent, List<String> args) {
        this.command = parent.command;
        this.context = parent.context;
        this.cwd = parent.cwd;
        this.env = parent.env;
        this.links = parent.links;
        this.program = parent.program;
        this.args = args;
        this.upstream = parent.upstream;
        this.dotglob = parent.dotglob;
        this.origin = parent.origin;
    }

    /**
     * The same command with its arguments rewritten, e.g. long-option abbreviations spelled out
     * ({@code --mirr} as {@code --mirror}) by a pack that knows the tool's option table.
     */
    public Invocation withArgs(List<String> newArgs) {
        return new Invocation(this, List.copyOf(newArgs));
    }

    /**
     * The same command seen from one of its arguments on: {@code git -C x push -f} seen from
     * index 2 has program {@code push} and arguments {@code [-f]}. Handy for tools with
     * subcommands; the text, directory and environment stay those of the whole command.
     */
    public Invocation from(int index) {
        return new Invocation(this, index);
    }

    /** The whole script of the call this command is part of ("" when not known). */
    public String script() {
        return origin.script;
    }

    /** Records where the command stands: the call's script, its commands in order, and its index among them. */
    void placed(String script, List<Command> commands, int index) {
        this.script = script;
        this.commands = commands;
        this.index = index;
    }

    /**
     * The commands this one's standard output is piped into, nearest first: for {@code ps} in
     * {@code ps aux | grep x | wc -l}, {@code grep x} and {@code wc -l}. Empty when it is not piped
     * or when Warden does not know where the command stands or cannot see the pipe in the script.
     */
    public List<Command> downstream() {
        Invocation o = origin;
        List<Command> out = List.of();
        for (int i = o.index + 1; o.index >= 0 && i < o.commands.size()
                && StandardAnalyzer.pipedInto(o.script, o.commands.get(i - 1), o.commands.get(i), false); i++) {
            if (out.isEmpty()) {
                out = new ArrayList<>();
            }
            out.add(o.commands.get(i));
        }
        return out;
    }

    /** The commands of the call that come before this one, in order (empty when Warden does not know). */
    public List<Command> earlier() {
        Invocation o = origin;
        return o.index <= 0 ? List.of() : o.commands.subList(0, o.index);
    }

    /**
     * The commands piped into this one, nearest first: for {@code wc -l} in {@code ps aux | grep x
     * | wc -l}, {@code grep x} and {@code ps aux}. Empty when nothing is piped in or when Warden
     * does not know where the command stands.
     */
    public List<Command> pipedFrom() {
        Invocation o = origin;
        List<Command> out = List.of();
        for (int i = o.index - 1; i >= 0 && StandardAnalyzer.pipedInto(o.script, o.commands.get(i), o.commands.get(i + 1), false); i--) {
            if (out.isEmpty()) {
                out = new ArrayList<>();
            }
            out.add(o.commands.get(i));
        }
        return out;
    }

    /**
     * The command that runs just before this one when the script joins them with {@code &&}
     * ({@code git stash apply && git stash drop}): this one runs only if that one succeeded. Null
     * otherwise, or when Warden does not know where the command stands.
     */
    public @Nullable Command afterSuccessOf() {
        Invocation o = origin;
        if (o.index <= 0) {
            return null;
        }
        Command previous = o.commands.get(o.index - 1);
        int at = o.script.indexOf(previous.text());
        if (at < 0 || !previous.via().equals(command.via())) {
            return null;
        }
        int i = at + previous.text().length();
        while (i < o.script.length() && Character.isWhitespace(o.script.charAt(i))) {
            i++;
        }
        if (!o.script.startsWith("&&", i)) {
            return null;
        }
        i += 2;
        while (i < o.script.length() && Character.isWhitespace(o.script.charAt(i))) {
            i++;
        }
        return o.script.startsWith(command.text(), i) ? previous : null;
    }

    /** True when the command acts on what a listing produced ({@code find ... -exec cmd}, {@code ... | xargs cmd}). */
    public boolean fedListing() {
        return FindRoots.fed(command);
    }

    /**
     * True when the command's output is captured by a command or process substitution
     * ({@code x=$(printenv TOKEN)}, {@code diff <(cmd) f}) instead of going where the script's
     * own output goes. Read from the script's text: the first place the command is written.
     */
    public boolean captured() {
        Invocation o = origin;
        int at = o.script.indexOf(command.text());
        int i = at - 1;
        while (i >= 0 && (o.script.charAt(i) == ' ' || o.script.charAt(i) == '\t')) {
            i--;
        }
        if (at < 0 || i < 0) {
            return false;
        }
        char c = o.script.charAt(i);
        return c == '`' || c == '(' && i > 0 && (o.script.charAt(i - 1) == '$' || o.script.charAt(i - 1) == '<'
                || o.script.charAt(i - 1) == '>');
    }

    /** "env -i -u X FOO=1 cmd" to "FOO=1 cmd" (roughly: options and their values skipped). */
    private static String skipLauncher(String text) {
        String[] words = text.split("[ \\t]+");
        int i = 1;
        while (i < words.length && words[i].startsWith("-")) {
            String w = words[i];
            boolean valued = w.equals("-u") || w.equals("-C") || w.equals("-S") || w.equals("--unset") || w.equals("--chdir")
                    || w.equals("-g") || w.equals("-h") || w.equals("-p") || w.equals("-U") || w.equals("-D") || w.equals("-a");
            i += valued ? 2 : 1;
        }
        if (i >= words.length) {
            return "";
        }
        int at = 0;
        for (int k = 0; k < i; k++) {
            at = text.indexOf(words[k], at) + words[k].length();
        }
        return text.substring(at).stripLeading();
    }

    /** The assignment words at the start of a simple command's text, quotes removed roughly. */
    private static List<String> leadingAssignments(String text) {
        List<String> out = new ArrayList<>(2);
        int i = 0;
        int n = text.length();
        while (i < n) {
            int start = i;
            StringBuilder w = new StringBuilder();
            char quote = 0;
            while (i < n) {
                char ch = text.charAt(i);
                if (quote != 0) {
                    if (ch == quote) {
                        quote = 0;
                    } else {
                        w.append(ch);
                    }
                } else if (ch == '\'' || ch == '"') {
                    quote = ch;
                } else if (ch == ' ' || ch == '\t' || ch == ';' || ch == '&' || ch == '|' || ch == '\n') {
                    break;
                } else {
                    w.append(ch);
                }
                i++;
            }
            String word = w.toString();
            if (i == start || !isAssignment(word)) {
                break;
            }
            out.add(word);
            while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
        }
        return out;
    }

    /** A shell assignment word: {@code NAME=value}. */
    public static boolean isAssignment(String word) {
        int eq = word.indexOf('=');
        if (eq <= 0) {
            return false;
        }
        char first = word.charAt(0);
        if (!(Character.isLetter(first) || first == '_')) {
            return false;
        }
        for (int i = 1; i < eq; i++) {
            char c = word.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                return i == eq - 1 && c == '+'; // FOO+=x
            }
        }
        return true;
    }

    /**
     * The program's family name: base name, no leading backslash, lower case, without a version
     * suffix ({@code python3.11} and {@code python3} are {@code python}; {@code pip3} is
     * {@code pip}), without a file-system-type suffix ({@code mkfs.ext4} is {@code mkfs}).
     */
    public static String normalise(String word) {
        String p = word;
        int slash = p.lastIndexOf('/');
        if (slash >= 0) {
            p = p.substring(slash + 1);
        }
        if (p.startsWith("\\")) {
            p = p.substring(1);
        }
        p = p.toLowerCase(Locale.ROOT);
        if (p.endsWith(".exe")) {
            p = p.substring(0, p.length() - 4);
        }
        int dot = p.indexOf('.');
        if (dot > 0 && !Character.isDigit(p.charAt(dot - 1)) && dot + 1 < p.length() && Character.isLetter(p.charAt(dot + 1))) {
            String head = p.substring(0, dot);
            if (head.equals("mkfs") || head.equals("fsck") || head.equals("mount") || head.equals("newfs")) {
                return head;
            }
        }
        int end = p.length();
        while (end > 0 && (Character.isDigit(p.charAt(end - 1)) || p.charAt(end - 1) == '.')) {
            end--;
        }
        if (end > 1 && end < p.length()) {
            String stem = p.substring(0, end);
            if (VERSIONED.contains(stem)) {
                return stem;
            }
        }
        return p;
    }

    private static final Set<String> VERSIONED = Set.of(
            "python", "pip", "ruby", "node", "perl", "php", "lua", "luajit", "pypy", "gpg", "java",
            "psql", "mysql", "sqlite", "gcc", "g++", "clang", "bash", "zsh", "tclsh", "wish", "gem",
            "bundle", "irb", "mongo", "pg_dump", "pg_restore", "redis-cli", "mongosh", "deno", "bun");

    /** The command as the parser gave it. */
    public Command command() {
        return command;
    }

    /** The analysis context. */
    public AnalysisContext context() {
        return context;
    }

    /** The directory the command runs in; empty when the script changed it to something unknown. */
    public Optional<Path> cwd() {
        return Optional.ofNullable(cwd);
    }

    /** The normalised program name (see {@link #normalise(String)}); empty for a bare assignment. */
    public String program() {
        return program;
    }

    /** The arguments after the program (prefix assignments removed). */
    public List<String> args() {
        return args;
    }

    /** The argument at index {@code i}, or the empty string. */
    public String arg(int i) {
        return i < args.size() ? args.get(i) : "";
    }

    /** The source text of the command, the evidence of its findings. */
    public String text() {
        String t = command.text();
        return t.isBlank() ? command.line() : t;
    }

    /** True when the command runs on another machine or in a container. */
    public boolean remote() {
        return command.remote();
    }

    /** True when a privilege launcher ({@code sudo}, {@code doas}, {@code su}, ...) runs it. */
    public boolean privileged() {
        for (String v : command.via()) {
            int sp = v.indexOf(' ');
            String head = sp < 0 ? v : v.substring(0, sp);
            if (PRIVILEGE.contains(normalise(head))) {
                return true;
            }
        }
        return false;
    }

    /** True when one of the launchers it came through is {@code name} (e.g. {@code find}, {@code xargs}). */
    public boolean via(String name) {
        for (String v : command.via()) {
            int sp = v.indexOf(' ');
            String head = sp < 0 ? v : v.substring(0, sp);
            if (normalise(head).equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The nearest directory, from this command's directory up, that holds a {@code .git} (a
     * repository or a worktree's {@code gitdir:} file); empty when there is none within eight
     * levels or the directory is unknown. Looked up once per command, with one file-system check
     * per level: a check costs about a microsecond here, and git's packs ask several times.
     */
    public Optional<Path> repositoryRoot() {
        Invocation o = origin;
        if (!o.repositoryLooked) {
            o.repositoryLooked = true;
            Path dir = cwd;
            for (int depth = 0; dir != null && depth < 8; depth++, dir = dir.getParent()) {
                if (dir.resolve(".git").toFile().exists()) {
                    o.repositoryRoot = dir;
                    break;
                }
            }
        }
        return Optional.ofNullable(o.repositoryRoot);
    }

    /**
     * The directory a {@code find} feeding this command walks ({@code find /x -exec rm {} +}), when
     * the command acts on what find finds; empty otherwise.
     */
    public Optional<Path> findRoot() {
        for (String v : command.via()) {
            if (v.startsWith(FindRoots.MARKER)) {
                return path(v.substring(FindRoots.MARKER.length()));
            }
        }
        return Optional.empty();
    }

    /**
     * The text piped into this command when the script shows it literally ({@code echo "DROP
     * TABLE x" | psql}); empty when unknown.
     */
    public Optional<String> stdin() {
        return Optional.ofNullable(stdin);
    }

    void stdin(@Nullable String text) {
        this.stdin = text;
    }

    /**
     * The text of the commands piped into this one, earliest first ({@code ps aux | grep warden |
     * awk '{print $2}' | }), or empty: what an {@code xargs} stage acts on comes from there.
     */
    public String upstream() {
        return upstream;
    }

    void upstream(String text) {
        this.upstream = text;
    }

    /** True when the script makes globs match names starting with a dot ({@code shopt -s dotglob}, {@code GLOBIGNORE}). */
    public boolean dotglob() {
        return dotglob;
    }

    void dotglob(boolean on) {
        this.dotglob = on;
    }

    /**
     * The name patterns of the {@code find} that feeds this command ({@code find . -name '*.pyc'
     * -delete}: {@code *.pyc}); empty when find matches everything it walks, or when a negation
     * or an unknown test makes its selection broad.
     */
    public List<String> findNames() {
        return findNames;
    }

    void findNames(List<String> names) {
        this.findNames = names;
    }

    /** Environment variables assigned for this command ({@code RAILS_ENV=production rails ...}). */
    public Map<String, String> env() {
        return env;
    }

    // ---- options ---------------------------------------------------------------------------

    /**
     * True when any spelling is present as an option before {@code --}. Long spellings
     * ({@code --force}) also match {@code --force=...}; a single-letter spelling ({@code -f})
     * also matches inside a cluster of short flags ({@code -rf}).
     */
    public boolean flag(String... spellings) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.length() < 2 || a.charAt(0) != '-') {
                continue;
            }
            for (String s : spellings) {
                if (a.equals(s)) {
                    return true;
                }
                if (s.startsWith("--")) {
                    if (a.startsWith(s) && a.length() > s.length() && a.charAt(s.length()) == '=') {
                        return true;
                    }
                } else if (s.length() == 2 && a.charAt(1) != '-' && a.length() > 2 && isCluster(a) && a.indexOf(s.charAt(1), 1) > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isCluster(String a) {
        for (int i = 1; i < a.length(); i++) {
            if (!Character.isLetter(a.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The value of an option: {@code --name=v}, {@code --name v}, {@code -n v} or {@code -nv}
     * (the last only for single-letter spellings). The last occurrence wins, as in most tools.
     */
    public Optional<String> option(String... spellings) {
        String found = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                break;
            }
            if (a.length() < 2 || a.charAt(0) != '-') {
                continue;
            }
            for (String s : spellings) {
                if (a.equals(s)) {
                    if (i + 1 < args.size()) {
                        found = args.get(i + 1);
                    }
                } else if (a.startsWith(s) && a.length() > s.length()) {
                    if (s.startsWith("--") && a.charAt(s.length()) == '=') {
                        found = a.substring(s.length() + 1);
                    } else if (s.length() == 2 && a.charAt(1) != '-') {
                        found = a.charAt(2) == '=' ? a.substring(3) : a.substring(2);
                    }
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The operands: arguments that are not options, skipping the value after each option in
     * {@code valued} (spelled as written, e.g. {@code -o}, {@code --output}); everything after
     * {@code --} is an operand.
     */
    public List<String> operands(Set<String> valued) {
        List<String> out = new ArrayList<>(args.size());
        boolean ended = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (ended) {
                out.add(a);
            } else if (a.equals("--")) {
                ended = true;
            } else if (a.length() > 1 && a.charAt(0) == '-') {
                if (valued.contains(a)) {
                    i++;
                }
            } else {
                out.add(a);
            }
        }
        return out;
    }

    /** The operands when no option takes a separate value. */
    public List<String> operands() {
        return operands(Set.of());
    }

    // ---- paths -----------------------------------------------------------------------------

    /** An API operation written in PascalCase or camelCase ({@code DeleteInstance}) in lower-case kebab form. */
    public static String kebab(String op) {
        StringBuilder b = new StringBuilder(op.length() + 4);
        for (int i = 0; i < op.length(); i++) {
            char ch = op.charAt(i);
            if (Character.isUpperCase(ch) && i > 0 && Character.isLowerCase(op.charAt(i - 1))) {
                b.append('-');
            }
            b.append(Character.toLowerCase(ch));
        }
        return b.toString();
    }

    /** True when the shell decides this word's value at run time ({@code $X}, {@code $(...)}). */
    public static boolean dynamic(String word) {
        return word.indexOf('$') >= 0 || word.indexOf('`') >= 0 || word.startsWith("~-")
                || word.length() > 1 && word.charAt(0) == '~' && (Character.isDigit(word.charAt(1))
                        || (word.charAt(1) == '+' || word.charAt(1) == '-') && word.length() > 2 && Character.isDigit(word.charAt(2)));
    }

    /**
     * The canonical path a word names, relative to this command's directory; empty when it depends
     * on run-time values, or is relative and the directory is unknown.
     */
    public Optional<Path> path(String word) {
        if (cwd == null && !word.startsWith("/") && !word.startsWith("~") && !word.startsWith("$")) {
            return Optional.empty();
        }
        Optional<Path> p = PathResolver.resolve(word, cwd == null ? context.projectRoot() : cwd, context.home());
        return links.isEmpty() || p.isEmpty() ? p : Optional.of(followLinks(p.get(), word));
    }

    /**
     * A path through a link made earlier in the call ({@code ln -s ~ h; rm -rf h/}) is the path it
     * reaches. The link itself, named without a trailing slash, is only followed by programs that
     * act on what it points to: {@code rm h} removes the link, {@code echo x > h} writes the target.
     */
    private Path followLinks(Path p, String word) {
        for (int hops = 0; hops < 8; hops++) {
            Path next = null;
            for (Map.Entry<Path, Path> e : links.entrySet()) {
                Path link = e.getKey();
                if (p.equals(link)) {
                    boolean actsOnLink = !word.endsWith("/") && !word.endsWith("/.") && (program.equals("rm")
                            || program.equals("unlink") || program.equals("mv") || program.equals("rimraf")
                            || program.equals("trash") || program.equals("ln"));
                    if (!actsOnLink) {
                        next = e.getValue();
                    }
                } else if (p.startsWith(link)) {
                    next = e.getValue().resolve(link.relativize(p)).normalize();
                }
                if (next != null) {
                    break;
                }
            }
            if (next == null) {
                return p;
            }
            p = next;
        }
        return p;
    }

    /** The path a word names without following the links made earlier in the call. */
    Optional<Path> unfollowedPath(String word) {
        if (cwd == null && !word.startsWith("/") && !word.startsWith("~") && !word.startsWith("$")) {
            return Optional.empty();
        }
        return PathResolver.resolve(word, cwd == null ? context.projectRoot() : cwd, context.home());
    }

    /** The path reached through links, the link itself followed too (where {@code cd} goes). */
    static Path throughLinks(Path p, Map<Path, Path> links) {
        for (int hops = 0; hops < 8; hops++) {
            Path next = null;
            for (Map.Entry<Path, Path> e : links.entrySet()) {
                if (p.startsWith(e.getKey())) {
                    next = e.getValue().resolve(e.getKey().relativize(p)).normalize();
                    break;
                }
            }
            if (next == null) {
                return p;
            }
            p = next;
        }
        return p;
    }

    void links(Map<Path, Path> made) {
        this.links = made;
    }

    /** Where a canonical path lies relative to the project, home and the system. */
    public Place place(Path p) {
        return Places.of(p, context);
    }
}
