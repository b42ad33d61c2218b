package dev.warden.analysis.cloud;

import static dev.warden.call.Severity.HIGH;
import static dev.warden.call.Severity.MEDIUM;

import dev.warden.analysis.Invocation;
import dev.warden.analysis.Pack;
import dev.warden.analysis.Report;
import dev.warden.analysis.Rule;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The long tail, judged by meaning rather than by listing: any command-line tool whose
 * subcommand (or a {@code --delete}-style flag) is a destructive verb — {@code kafka-topics
 * --delete}, {@code velero backup delete}, {@code restic forget --prune}, {@code vault kv
 * delete}, {@code rabbitmqadmin delete queue}. Programs that have their own pack are skipped,
 * and so are programs whose arguments are data (echo, grep, ...). Read verbs, {@code --help}
 * and dry runs are left alone.
 *
 * <p>Severity: MEDIUM; HIGH when the verb is unambiguous destruction (destroy, purge, drop,
 * wipe, nuke, terminate, ...) or the command skips its confirmation ({@code --force},
 * {@code --yes}, {@code --all}).
 */
final class LongTailPack implements Pack {

    static final Rule DESTRUCTIVE = new Rule("tail.destructive-verb", MEDIUM,
            "a tool is told to delete, destroy, purge or reset something", "velero backup delete nightly",
            "show what would be affected (list, --dry-run) and ask a human to approve");

    static final Rule DEPLOY_SCRIPT = new Rule("tail.deploy-script", MEDIUM,
            "runs a script named like a deploy, release or publish step", "./deploy.sh production",
            "let a human run deploys, or run the script's dry-run mode");

    // "format" is not here: as a subcommand it formats code (ruff format, biome format, dart
    // format); disks are formatted by their own programs (mkfs, diskutil, format.com), judged by the fs pack.
    private static final Set<String> VERBS = Set.of("delete", "destroy", "remove", "rm", "purge", "drop", "forget",
            "terminate", "uninstall", "prune", "wipe", "flush", "flushall", "flushdb", "revoke", "erase", "reset", "nuke",
            "kill", "deprovision", "decommission", "truncate", "implode", "obliterate", "zap", "unregister", "deregister",
            "del", "rb", "expunge", "evict", "scrub", "teardown", "dispose", "rmi", "trash", "archive", "deactivate",
            "disable", "dropall", "clear", "shred", "rollback", "unpublish", "yank", "abandon");
    private static final Set<String> STRONG = Set.of("destroy", "purge", "drop", "wipe", "nuke", "terminate",
            "deprovision", "decommission", "obliterate", "implode", "flushall", "dropall", "expunge", "erase", "shred",
            "truncate", "teardown");
    private static final Set<String> FLAG_VERBS = Set.of("delete", "destroy", "purge", "drop", "wipe", "erase", "nuke",
            "truncate", "obliterate", "expunge", "deprovision", "decommission", "terminate", "flushall", "dropall",
            "remove", "uninstall", "unpublish");

    /** Programs whose arguments are data, or whose verbs only touch the project's own files. */
    private static final Set<String> DATA = Set.of("echo", "printf", "grep", "egrep", "fgrep", "rg", "ag", "ack",
            "sed", "awk", "gawk", "cat", "less", "more", "head", "tail", "man", "help", "info", "tldr", "which", "type",
            "whereis", "apropos", "test", "[", "[[", "true", "false", "jq", "yq", "wc", "sort", "uniq", "tee", "touch",
            "mkdir", "cd", "pushd", "popd", "ls", "tree", "find", "fd", "xargs", "read", "local", "export", "declare",
            "set", "unset", "alias", "source", ".", "git", "npm", "pnpm", "yarn", "bun", "npx", "pip", "pip3", "pipx",
            "poetry", "uv", "cargo", "go", "gem", "bundle", "composer", "dotnet", "mvn", "gradle", "gradlew", "mix",
            "rustup", "rm", "rmdir", "unlink", "cp", "mv", "ln", "code", "vim", "nano", "emacs", "python", "node",
            "ruby", "perl", "php", "diff", "patch", "sleep", "date", "time", "timeout", "watch", "tr", "cut", "column",
            "basename", "dirname", "realpath", "readlink", "stat", "file", "du", "df", "ps", "top", "htop", "kill",
            "pkill", "killall", "history", "fc", "exit", "return", "break", "continue", "shift", "trap", "wait",
            "jobs", "fg", "bg", "disown", "let", "eval", "exec", "command", "builtin", "hash", "printenv", "env",
            "say", "notify-send", "osascript", "logger", "yes", "seq", "expr", "bc", "dc", "fmt", "nl",
            "chmod", "chown", "tar", "zip", "unzip", "gzip", "gunzip", "bzip2", "xz", "zstd", "7z", "brew", "apt",
            "apt-get", "dnf", "yum", "pacman", "apk", "snap", "flatpak", "port", "nix-env", "choco", "winget",
            "conda", "mamba", "micromamba", "pre-commit", "tox", "nox", "pytest", "jest", "vitest", "mocha",
            "crontab", "systemctl", "launchctl", "iptables", "docker", "kubectl");

    private final Set<String> handled;

    LongTailPack(Set<String> handled) {
        this.handled = Set.copyOf(handled);
    }

    @Override
    public String name() {
        return "tail";
    }

    @Override
    public List<Rule> rules() {
        return List.of(DESTRUCTIVE, DEPLOY_SCRIPT);
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
        if (prog.startsWith("deploy") || prog.startsWith("release") || prog.startsWith("publish")) {
            String written = c.command().argv().isEmpty() ? "" : c.command().argv().get(0);
            if (written.indexOf('/') >= 0 || prog.endsWith(".sh") || prog.endsWith(".py") || prog.endsWith(".js")) {
                out.add(DEPLOY_SCRIPT.finding(c.text()));
                return;
            }
        }
        if (prog.isEmpty() || handled.contains(prog) || DATA.contains(prog) || c.args().isEmpty()
                || !Character.isLetterOrDigit(prog.charAt(0)) || Invocation.dynamic(prog)) {
            return;
        }
        String verb = null;
        int positional = 0;
        boolean force = false;
        // The word after an option written without '=' may be its value (--profile production,
        // -p prod): it does not use up one of the first positional words where the verb is looked
        // for (databricks --profile production account users delete 42), and a read verb there
        // (--output list) is not the subcommand. It is still checked for a destructive verb.
        boolean maybeValue = false;
        for (String a : c.args()) {
            if (a.equals("--")) {
                break;
            }
            boolean value = maybeValue;
            maybeValue = false;
            if (a.startsWith("--")) {
                maybeValue = a.indexOf('=') < 0 && a.length() > 2;
                String name = a.indexOf('=') > 0 ? a.substring(2, a.indexOf('=')) : a.substring(2);
                switch (name) {
                    case "help", "dry-run", "dryrun", "what-if", "check", "list", "describe", "version", "noop", "plan",
                            "preview" -> {
                        return;
                    }
                    case "force", "yes", "all", "recursive", "confirm", "no-confirm", "no-prompt", "assume-yes",
                            "non-interactive", "skip-confirmation", "auto-approve", "quiet" -> force = true;
                    default -> {
                        if (verb == null) {
                            String v = verbIn(name);
                            // as flags only unambiguous destruction counts: --delete yes, --clear/--reset (caches) no
                            if (v != null && FLAG_VERBS.contains(v)) {
                                verb = v;
                            }
                        }
                    }
                }
                continue;
            }
            if (a.startsWith("-")) {
                if (a.equals("-h")) {
                    return;
                }
                if (a.equals("-f") || a.equals("-y") || a.equals("-a") || a.equals("-r") || a.equals("-rf")
                        || a.equals("-fr")) {
                    force = true;
                }
                maybeValue = a.length() == 2;
                continue;
            }
            if (value) {
                if (verb == null && identifier(a)) {
                    verb = verbIn(a);
                }
                continue;
            }
            positional++;
            if (positional > 3) {
                break;
            }
            if (a.equals("help") || a.equals("list") || a.equals("ls") || a.equals("get") || a.equals("show")
                    || a.equals("describe") || a.equals("status") || a.equals("info") || a.equals("version")) {
                return;
            }
            if (verb == null && identifier(a)) {
                verb = verbIn(a);
            }
        }
        if (verb == null) {
            return;
        }
        boolean strong = STRONG.contains(verb) || force;
        out.add(DESTRUCTIVE.finding(strong ? HIGH : MEDIUM, "runs '" + verb + "' with " + prog, c.text()));
    }

    /** A word made of letters, digits, '-', '_' and ':' (a subcommand, not a path or value). */
    private static boolean identifier(String a) {
        if (a.length() > 64) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char ch = a.charAt(i);
            if (!(Character.isLetterOrDigit(ch) || ch == '-' || ch == '_' || ch == ':')) {
                return false;
            }
        }
        return true;
    }

    /** The destructive verb among the parts of a word ({@code apps:destroy}, {@code purge-queue}, {@code dropAll}). */
    static String verbIn(String word) {
        String w = word;
        String lowered = w.toLowerCase(Locale.ROOT);
        if (lowered.contains("cache") && !lowered.contains("all")) {
            return null; // cache:clear, clear-cache, cache:purge: a cache is rebuilt on demand
        }
        int start = 0;
        for (int i = 0; i <= w.length(); i++) {
            boolean boundary = i == w.length() || w.charAt(i) == '-' || w.charAt(i) == '_' || w.charAt(i) == ':'
                    || i > start && Character.isUpperCase(w.charAt(i)) && Character.isLowerCase(w.charAt(i - 1));
            if (boundary) {
                if (i > start) {
                    String part = w.substring(start, i).toLowerCase(Locale.ROOT);
                    if (VERBS.contains(part)) {
                        return part;
                    }
                }
                start = (i < w.length() && (w.charAt(i) == '-' || w.charAt(i) == '_' || w.charAt(i) == ':')) ? i + 1 : i;
            }
        }
        String lower = w.toLowerCase(Locale.ROOT);
        return VERBS.contains(lower) ? lower : null;
    }
}
