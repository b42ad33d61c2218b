package dev.warden.analysis;

import dev.warden.call.Command;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Commands fed by {@code find}: {@code find /x -exec rm {} +} and {@code find /x | xargs rm}
 * reach rm with a {@code {}} placeholder (or nothing) where the found files go. The roots find
 * walks are what such a command really acts on, so the placeholder is replaced by each root and
 * a marker launcher {@code find-root ROOT} is added: rules then judge {@code rm -f /x} under
 * find as the recursive delete it is.
 */
final class FindRoots {

    static final String MARKER = "find-root ";

    private FindRoots() {}

    /** The starting points of a find command ({@code .} when none is given). */
    static List<String> of(Invocation find) {
        List<String> roots = new ArrayList<>(2);
        for (String a : find.args()) {
            if (a.startsWith("-") || a.equals("(") || a.equals("!") || a.equals(")")) {
                break;
            }
            roots.add(a);
        }
        if (roots.isEmpty()) {
            roots.add(".");
        }
        return roots;
    }

    /** What a listing program prints: the trees it walks and the name patterns it keeps (empty: every name). */
    record Listing(List<String> roots, List<String> names) {}

    /**
     * Programs other than find that print a tree's file names, one per line, for a later
     * {@code xargs}: {@code git ls-files} (every tracked file, or those its pathspecs select),
     * {@code rg --files} and {@code fd}/{@code fdfind} without a pattern. {@code git ls-files |
     * xargs rm} deletes the project's sources just as {@code find . -type f | xargs rm} does.
     * Null for any other command, and for listings filtered by something Warden does not read
     * (a content search, an fd pattern): what they print is not known.
     */
    static @Nullable Listing listing(Invocation c) {
        String prog = c.program();
        List<String> args = c.args();
        List<String> roots = new ArrayList<>(2);
        List<String> names = new ArrayList<>(2);
        switch (prog) {
            case "locate", "plocate", "mlocate", "slocate" -> {
                // locate id_ed25519: every path on the machine whose name holds the pattern
                for (int k = 0; k < args.size(); k++) {
                    String a = args.get(k);
                    if (a.equals("-d") || a.equals("--database") || a.equals("-l") || a.equals("--limit") || a.equals("-n")) {
                        k++;
                    } else if (!a.startsWith("-")) {
                        names.add(a.indexOf('*') >= 0 || a.indexOf('?') >= 0 ? a : "*" + a + "*");
                    }
                }
                if (names.isEmpty()) {
                    return null;
                }
                roots.add("/");
            }
            case "git" -> {
                int i = 0;
                while (i < args.size() && args.get(i).startsWith("-")) {
                    i += GIT_GLOBAL_VALUED.contains(args.get(i)) ? 2 : 1;
                }
                if (i >= args.size() || !args.get(i).equals("ls-files")) {
                    return null;
                }
                boolean operands = false;
                for (int k = i + 1; k < args.size(); k++) {
                    String a = args.get(k);
                    if (operands || !a.startsWith("-")) {
                        pathspec(a, roots, names);
                    } else if (a.equals("--")) {
                        operands = true;
                    } else if (a.equals("-x") || a.equals("-X") || a.equals("--exclude") || a.equals("--exclude-from")
                            || a.equals("--format") || a.equals("--with-tree")) {
                        k++;
                    }
                }
            }
            case "rg" -> {
                if (!args.contains("--files")) {
                    return null;
                }
                for (int k = 0; k < args.size(); k++) {
                    String a = args.get(k);
                    if (a.equals("-g") || a.equals("--glob") || a.equals("--iglob")) {
                        if (k + 1 < args.size()) {
                            names.add(args.get(++k));
                        }
                    } else if (a.startsWith("--glob=")) {
                        names.add(a.substring(7));
                    } else if (!a.startsWith("-")) {
                        roots.add(a);
                    }
                }
            }
            case "ls" -> {
                // ls ~/.ssh/id_* | grep -v pub | xargs cat: the shell's glob lists DIR's files of that name
                for (String a : args) {
                    int slash = a.lastIndexOf('/');
                    String last = a.substring(slash + 1);
                    if (!a.startsWith("-") && slash > 0 && (last.indexOf('*') >= 0 || last.indexOf('?') >= 0)
                            && a.substring(0, slash).indexOf('*') < 0) {
                        roots.add(a.substring(0, slash));
                        names.add(last);
                    }
                }
                if (roots.isEmpty()) {
                    return null;
                }
            }
            case "fd", "fdfind" -> {
                List<String> ops = new ArrayList<>(2);
                for (int k = 0; k < args.size(); k++) {
                    String a = args.get(k);
                    if (a.equals("-e") || a.equals("--extension")) {
                        if (k + 1 < args.size()) {
                            names.add("*." + args.get(++k));
                        }
                    } else if (a.equals("-t") || a.equals("--type") || a.equals("-d") || a.equals("--max-depth")
                            || a.equals("-E") || a.equals("--exclude")) {
                        k++;
                    } else if (!a.startsWith("-")) {
                        ops.add(a);
                    }
                }
                if (!ops.isEmpty() && !ops.get(0).equals(".") && !ops.get(0).equals("^")) {
                    return null; // a pattern Warden does not match against names
                }
                roots.addAll(ops.size() > 1 ? ops.subList(1, ops.size()) : List.of());
            }
            case "grep", "egrep", "fgrep" -> {
                // grep -rl PATTERN DIR: the files under DIR whose text matches, names unknown
                boolean list = false;
                boolean recursive = false;
                boolean pattern = false;
                List<String> ops = new ArrayList<>(2);
                for (int k = 0; k < args.size(); k++) {
                    String a = args.get(k);
                    if (a.equals("-e") || a.equals("-f") || a.equals("--regexp") || a.equals("--file")) {
                        pattern = true;
                        k++;
                    } else if (a.startsWith("--")) {
                        list |= a.equals("--files-with-matches") || a.equals("--files-without-match");
                        recursive |= a.equals("--recursive") || a.equals("--dereference-recursive");
                    } else if (a.startsWith("-") && a.length() > 1) {
                        list |= a.indexOf('l') > 0 || a.indexOf('L') > 0;
                        recursive |= a.indexOf('r') > 0 || a.indexOf('R') > 0;
                    } else {
                        ops.add(a);
                    }
                }
                if (!list || !recursive) {
                    return null;
                }
                roots.addAll(pattern ? ops : ops.subList(Math.min(1, ops.size()), ops.size()));
            }
            default -> {
                return null;
            }
        }
        if (roots.isEmpty()) {
            roots.add(".");
        }
        return new Listing(roots, names);
    }

    /** A git pathspec: a directory or file is a root; a pattern keeps the names it matches. */
    private static void pathspec(String spec, List<String> roots, List<String> names) {
        String s = spec.startsWith(":(glob)") ? spec.substring(7) : spec;
        if (s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0) {
            int slash = s.lastIndexOf('/');
            names.add(slash >= 0 ? s.substring(slash + 1) : s);
        } else {
            roots.add(s);
        }
    }

    private static final java.util.Set<String> GIT_GLOBAL_VALUED = java.util.Set.of("-C", "-c", "--git-dir",
            "--work-tree", "--namespace", "--exec-path", "--config-env");

    /**
     * The file names a find selects by ({@code -name}, {@code -iname}) before it acts: what it
     * deletes when it deletes. Empty — "everything it walks" — when some way to the action
     * ({@code -delete}, {@code -exec}) passes no name test: no test at all, a test after the
     * action ({@code find . -delete -name x} deletes everything), a branch of {@code -o} without
     * one ({@code -name x -o -delete}), or a negation ({@code ! -name x}, {@code -not}).
     */
    static List<String> names(Invocation find) {
        List<String> names = new ArrayList<>(2);
        List<String> args = find.args();
        boolean named = false; // the current -o (or ,) branch has a name test
        int depth = 0;
        boolean groupBroad = false; // some branch inside parentheses has no name test
        boolean acted = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "!", "-not" -> {
                    // a negated test only narrows what the others select ("-name '*.pyc' -not -path
                    // './.git/*'"); alone ("! -name x") it selects nearly everything: no name test counts
                    if (i + 1 < args.size() && (args.get(i + 1).equals("(") || args.get(i + 1).equals("\\("))) {
                        return List.of();
                    }
                    if (i + 1 < args.size() && FIND_VALUED.contains(args.get(i + 1)) || i + 1 < args.size()
                            && (args.get(i + 1).equals("-name") || args.get(i + 1).equals("-iname"))) {
                        i += 2;
                    } else {
                        i++;
                    }
                }
                case "-empty" -> {
                    names.add("(empty)"); // empty files and directories hold nothing to lose
                    named = true;
                }
                case "-name", "-iname" -> {
                    if (i + 1 < args.size()) {
                        names.add(args.get(++i));
                        named = true;
                    }
                }
                case "(" -> {
                    depth++;
                    named = false;
                }
                case ")" -> {
                    depth--;
                    groupBroad |= !named;
                    named = !groupBroad;
                }
                case "-o", "-or", "," -> {
                    // "," evaluates both sides: what follows it runs for every file, whatever came before
                    if (depth > 0) {
                        groupBroad |= !named;
                    }
                    named = false;
                }
                case "-delete", "-exec", "-execdir", "-ok", "-okdir", "-print", "-print0", "-printf", "-fprint",
                        "-fprint0", "-fprintf", "-ls", "-fls" -> {
                    // every action counts, not only the first: "-name x -exec true \; -o -delete" deletes
                    // everything that is not x; each must sit in a branch that tests the name
                    if (!named || groupBroad) {
                        return List.of();
                    }
                    acted = true;
                    if (a.equals("-printf") && (i + 1 >= args.size() || !pathFormat(args.get(i + 1)))) {
                        return List.of(); // "%h", "%f.bak": what it prints is not the selected names
                    }
                    i = skipAction(args, i);
                }
                default -> {
                    if (FIND_VALUED.contains(a)) {
                        i++;
                    }
                }
            }
        }
        // fed to xargs without an action: the default -print covers the whole expression
        return acted || named && !groupBroad ? names : List.of();
    }

    /**
     * True when an {@code -exec} of the find runs a shell script that never uses the found file
     * ({@code -execdir sh -c 'rm -rf "$PWD"' \;}): what that script deletes is not the selected
     * names, so the names must not make it lenient.
     */
    static boolean execIgnoresFound(Invocation find) {
        List<String> args = find.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!(a.startsWith("-exec") || a.startsWith("-ok"))) {
                continue;
            }
            int end = skipAction(args, i);
            if (i + 1 < end && SHELLS.contains(Invocation.normalise(args.get(i + 1)))) {
                for (int k = i + 2; k + 1 < end; k++) {
                    if (args.get(k).startsWith("-") && args.get(k).indexOf('c') > 0) {
                        String script = args.get(k + 1);
                        if (!(script.contains("{}") || script.contains("$1") || script.contains("${1")
                                || script.contains("$@") || script.contains("${@") || script.contains("$*")
                                || script.contains("$0") || script.contains("${0"))) {
                            return true;
                        }
                        break;
                    }
                }
            }
            i = end;
        }
        return false;
    }

    private static final java.util.Set<String> SHELLS = java.util.Set.of("sh", "bash", "dash", "zsh", "ksh", "ash",
            "mksh", "busybox");

    /**
     * Programs between find and a deleting xargs that pass the found names through unchanged
     * (select, order or copy lines); anything else (sed, awk, cut, dirname, -printf '%h') turns
     * them into other names.
     */
    static boolean passesNamesThrough(Command c) {
        String prog = Invocation.normalise(c.program());
        boolean through = switch (prog) {
            case "grep", "egrep", "fgrep", "rg", "sort", "uniq", "head", "tail", "cat", "tee", "tac", "shuf" -> true;
            default -> false;
        };
        if (through && (prog.endsWith("grep") || prog.equals("rg"))) {
            for (String a : c.argv()) {
                // -o prints only the matching part of each name
                if (a.equals("--only-matching") || a.startsWith("-") && !a.startsWith("--") && a.indexOf('o') > 0) {
                    return false;
                }
            }
        }
        return through;
    }

    /** The index of the last word of the action at {@code i} (its command, format or file). */
    private static int skipAction(List<String> args, int i) {
        String a = args.get(i);
        if (a.startsWith("-exec") || a.startsWith("-ok")) {
            int j = i + 1;
            while (j < args.size() && !args.get(j).equals(";") && !(args.get(j).equals("+") && args.get(j - 1).equals("{}"))) {
                j++;
            }
            return j;
        }
        return switch (a) {
            case "-printf", "-fprint", "-fprint0", "-fls" -> i + 1;
            case "-fprintf" -> i + 2;
            default -> i;
        };
    }

    /** A -printf format that prints the found path itself ({@code %p}, {@code %P}) and separators only. */
    static boolean pathFormat(String format) {
        String rest = format.replace("%p", "").replace("%P", "").replace("\\n", "").replace("\\0", "")
                .replace("\n", "").replace("\0", "");
        return rest.isEmpty() && format.contains("%");
    }

    /** Primaries whose next word is their argument (data, not an operator). */
    private static final java.util.Set<String> FIND_VALUED = java.util.Set.of("-path", "-ipath", "-wholename",
            "-iwholename", "-regex", "-iregex", "-lname", "-ilname", "-type", "-xtype", "-user", "-group", "-uid",
            "-gid", "-perm", "-size", "-mtime", "-atime", "-ctime", "-mmin", "-amin", "-cmin", "-newer", "-maxdepth",
            "-mindepth", "-printf", "-fprint", "-regextype", "-samefile", "-inum", "-links", "-fstype");

    /** True when the command gets its operands from find (through -exec or a pipe into xargs). */
    static boolean fed(Command c) {
        for (String v : c.via()) {
            if (v.startsWith("find -exec") || v.startsWith("find -ok") || v.startsWith("xargs") || v.startsWith("find -execdir")) {
                return true;
            }
        }
        return false;
    }

    private static boolean viaXargs(Command c) {
        for (String v : c.via()) {
            if (v.startsWith("xargs")) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code {}} alone (or {@code ./{}}, {@code {}/}) stands for everything find walks: the root.
     * Inside a longer word ({@code {}.bak}, {@code ~/x/{}}) it stands for one found file, so it
     * becomes a name under the root rather than the root itself.
     */
    private static String replace(String word, String root) {
        String rest = word.replace("{}", "");
        int at = word.indexOf("{}");
        String prefix = word.substring(0, at);
        String suffix = word.substring(at + 2);
        if (rest.isEmpty() || rest.equals("/") || rest.equals("'")
                || (suffix.isEmpty() || suffix.equals("/")) && normalisesAway(prefix)) {
            return root;
        }
        if (at + 2 == word.length() && (prefix.equals("~/") || prefix.equals("$HOME/") || prefix.equals("${HOME}/"))) {
            // ~/{}: the found names are mirrored straight into home, entry by entry
            return prefix.substring(0, prefix.length() - 1);
        }
        return word.replace("{}", root + "/found");
    }

    /** "./", "x/../", "././": a prefix that leads back to where it started. */
    private static boolean normalisesAway(String rest) {
        try {
            String n = java.nio.file.Path.of(rest.isEmpty() ? "." : rest).normalize().toString();
            return n.isEmpty() || n.equals(".");
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A name test without glob characters: it selects files of exactly that name. */
    private static boolean exactName(String name) {
        return !name.isEmpty() && !Glob.isGlob(name) && !name.equals("(empty)") && name.indexOf('/') < 0;
    }

    /** One command per root, with {@code {}} replaced (or the root appended when xargs adds operands). */
    static List<Command> substitute(Command c, List<String> roots) {
        return substitute(c, roots, List.of());
    }

    /**
     * As {@link #substitute(Command, List)}; with the single name pattern find selects by, a
     * placeholder inside a longer word stands for a file of that name under the root
     * ({@code find ~ -name 'id_*' -exec curl -F f=@{} ...} uploads {@code ~/id_*}).
     */
    static List<Command> substitute(Command c, List<String> roots, List<String> names) {
        List<Command> out = new ArrayList<>(roots.size());
        // xargs appends what it reads; find -exec passes nothing unless told where ({})
        // (xargs -I{}: the reader has already put what find selects in the placeholder's place)
        boolean placeholder = !viaXargs(c) || c.via().contains("xargs -I");
        for (String a : c.argv()) {
            if (a.contains("{}")) {
                placeholder = true;
                break;
            }
        }
        for (String root : roots) {
            List<String> argv = new ArrayList<>(c.argv().size() + 1);
            for (String a : c.argv()) {
                if (!a.contains("{}")) {
                    argv.add(a);
                    continue;
                }
                String r = replace(a, root);
                if (names.size() == 1 && r.contains(root + "/found")) {
                    r = r.replace(root + "/found", root + "/" + names.get(0));
                } else if (names.size() == 1 && r.equals(root) && exactName(names.get(0))) {
                    // find ~ -name .bashrc -exec ... {}: the placeholder is that one file
                    r = root + "/" + names.get(0);
                }
                argv.add(r);
            }
            if (!placeholder) {
                argv.add(root);
            }
            List<String> via = new ArrayList<>(c.via());
            via.add(MARKER + root);
            // find ~/.claude -name '*.json' -exec sh -c 'echo {} > "$0"' {} \;: the found file is written
            List<Command.Redirect> redirects = new ArrayList<>(c.redirects().size());
            String found = names.size() == 1 && exactName(names.get(0)) ? root + "/" + names.get(0) : root;
            for (Command.Redirect r : c.redirects()) {
                String t = r.target();
                // (inside find -exec sh -c '...' {}, the script's $0/$1/"$@" are the found files)
                boolean positional = t.length() >= 2 && t.length() <= 4 && t.charAt(0) == '$'
                        && t.replaceAll("[${}]", "").matches("[0-9@*]") && c.via().stream().anyMatch(v -> v.endsWith(" -c"));
                redirects.add(t.equals("{}") || positional ? new Command.Redirect(r.op(), found) : r);
            }
            out.add(new Command(argv, c.text(), via, redirects, c.remote(), c.workedOut(), c.cds()));
        }
        return out;
    }

    /**
     * The names a grep stage lets through, as a find-style pattern: {@code '\.orig$'} is
     * {@code *.orig}; any other pattern stands as itself (a name Warden cannot judge).
     */
    static String grepNames(Invocation grep) {
        List<String> ops = grep.operands(java.util.Set.of("-e", "--regexp", "-f", "--file", "-m", "--max-count"));
        String p = grep.option("-e", "--regexp").orElse(ops.isEmpty() ? "" : ops.get(0));
        String core = p.endsWith("$") ? p.substring(0, p.length() - 1) : p;
        if (core.startsWith("\\.") && core.length() > 2 && core.substring(2).chars().allMatch(Character::isLetterOrDigit)) {
            return "*." + core.substring(2);
        }
        return "(lines matching " + p + ")";
    }
}
