package dev.warden.analysis.git;

import static dev.warden.call.Severity.CRITICAL;
import static dev.warden.call.Severity.HIGH;
import static dev.warden.call.Severity.LOW;
import static dev.warden.call.Severity.MEDIUM;

import dev.warden.analysis.Hosts;
import dev.warden.analysis.Invocation;
import dev.warden.analysis.Pack;
import dev.warden.analysis.Report;
import dev.warden.analysis.Rule;
import dev.warden.analysis.ShellText;
import dev.warden.call.PathUse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Git: what rewrites shared history, discards uncommitted work or changes what git runs.
 *
 * <p>Policy choices, with the reasons:
 * <ul>
 *   <li>A plain push to a protected branch (context: e.g. {@code main}) is HIGH: it publishes to
 *       the branch everyone builds from, and CI/CD may deploy it. Sources disagree here; we side
 *       with "a human approves", and a policy can lower {@code git.push-protected}.</li>
 *   <li>A force push to a protected branch is CRITICAL; to a branch we cannot see (no refspec,
 *       so the current branch) HIGH; with {@code --force-with-lease} one level lower. Force-pushing
 *       a named feature branch ({@code --force}, {@code +branch}) overwrites whatever others pushed
 *       there: MEDIUM (ask); with {@code --force-with-lease}, which refuses to overwrite commits
 *       this clone has not seen, LOW (logged). Long options may be abbreviated as git allows
 *       ({@code --mirr}, {@code --force-w}).</li>
 *   <li>Deleting a protected branch (locally or remotely) is HIGH; a remote branch or tag MEDIUM
 *       ({@code push --delete}, {@code -d}, {@code :branch}: others' commits there may exist nowhere
 *       else); {@code branch -D} of an unmerged local branch MEDIUM (its commits survive only in the
 *       reflog), and so is overwriting an existing branch ({@code branch -M old new}, {@code -C},
 *       {@code -f name start}).</li>
 *   <li>Discarding uncommitted work is MEDIUM per file ({@code checkout -- f}, {@code rm -f},
 *       {@code worktree remove --force}) and HIGH for the whole tree ({@code reset --hard},
 *       {@code read-tree --reset -u}).</li>
 *   <li>Local history rewrites ({@code rebase}, {@code commit --amend}) are MEDIUM: recoverable
 *       through the reflog, but a person should glance at them; {@code filter-branch},
 *       {@code reflog expire}, {@code gc --prune=now} destroy that safety net: HIGH.</li>
 * </ul>
 * Global options before the subcommand ({@code -C dir}, {@code -c k=v}, {@code --git-dir=x}) are skipped.
 */
final class GitPack implements Pack {

    static final Rule FORCE_PUSH = new Rule("git.force-push", HIGH,
            "force push: overwrites the remote branch's history", "git push -f origin main",
            "push to a new branch and open a pull request; if you must, use --force-with-lease on your own feature branch");
    static final Rule PUSH_PROTECTED = new Rule("git.push-protected", HIGH,
            "pushes directly to a protected branch", "git push origin main",
            "push to a feature branch and open a pull request");
    static final Rule DELETE_BRANCH = new Rule("git.delete-branch", HIGH,
            "deletes a branch or tag (locally or on the remote)", "git push origin --delete main",
            "leave shared branches alone; delete only your own merged feature branches");
    static final Rule NO_VERIFY = new Rule("git.no-verify", MEDIUM,
            "skips the repository's git hooks (checks, linters, secret scanners)", "git commit --no-verify -m x",
            "fix what the hook reports and commit normally");
    static final Rule RESET_HARD = new Rule("git.reset-hard", HIGH,
            "discards uncommitted changes and moves the branch (reset --hard)", "git reset --hard HEAD~1",
            "use git stash, or git reset --soft to keep the changes");
    static final Rule CLEAN = new Rule("git.clean", HIGH,
            "deletes untracked files for good (git clean -f)", "git clean -fdx",
            "run git clean -n first to see what would go, then delete specific files");
    static final Rule DISCARD = new Rule("git.discard-changes", MEDIUM,
            "discards uncommitted changes in the work tree", "git checkout -- src/main.rs",
            "commit or stash the changes first (git stash)");
    static final Rule STASH_DROP = new Rule("git.stash-drop", MEDIUM,
            "deletes stashed changes", "git stash clear", "keep the stash, or apply it first");
    static final Rule REWRITE = new Rule("git.history-rewrite", MEDIUM,
            "rewrites commits (rebase, amend): recoverable from the reflog, but changes published history if pushed",
            "git rebase -i HEAD~3", "add a new commit instead of rewriting");
    static final Rule DESTROY_HISTORY = new Rule("git.destroy-history", HIGH,
            "rewrites the whole history or destroys the reflog that recovers lost commits",
            "git filter-branch --tree-filter 'rm -f secrets' HEAD", "ask the user; history rewrites need coordination");
    static final Rule REPO_OVER_HOME = new Rule("git.repo-over-home", HIGH,
            "puts the home directory or the whole disk under git (init, add -A), taking keys and credentials into history",
            "cd ~ && git init && git add -A", "keep repositories inside the project");
    static final Rule CONFIG_EXEC = new Rule("git.config-exec", HIGH,
            "configures git to run another program or route traffic elsewhere (hooks path, proxy, credential helper, url rewrite)",
            "git config --global core.hooksPath /tmp/hooks", "leave git configuration to the user");

    static final Rule DYNAMIC_ARGS = new Rule("git.dynamic-args", MEDIUM,
            "a git command that changes the repository or a remote gets run-time values unquoted, which the shell "
                    + "splits into words that can become options (--force, --no-verify)",
            "git push $(cat target)", "quote the value (\"$(...)\") or write it out literally");

    static final List<Rule> RULES = List.of(FORCE_PUSH, PUSH_PROTECTED, DELETE_BRANCH, NO_VERIFY, RESET_HARD, CLEAN,
            DISCARD, STASH_DROP, REWRITE, DESTROY_HISTORY, CONFIG_EXEC, REPO_OVER_HOME, DYNAMIC_ARGS);
    private static final Set<String> MUTATING = Set.of("push", "pull", "fetch", "am", "commit", "merge", "rebase",
            "reset", "checkout", "switch", "restore", "clean", "branch", "tag", "cherry-pick", "revert", "stash",
            "filter-branch", "filter-repo", "update-ref", "config", "remote", "rm", "mv", "apply", "gc", "reflog",
            "submodule", "worktree", "p4", "svn", "notes", "replace");

    private static final Set<String> GLOBAL_VALUED = Set.of("-C", "-c", "--git-dir", "--work-tree", "--namespace",
            "--exec-path", "--super-prefix", "--config-env", "--list-cmds", "--attr-source");
    private static final Set<String> REMOTE_CONTACT = Set.of("clone", "fetch", "pull", "push", "ls-remote", "submodule");

    @Override
    public String name() {
        return "git";
    }

    @Override
    public List<Rule> rules() {
        return RULES;
    }

    @Override
    public Set<String> programs() {
        return Set.of("git");
    }

    /**
     * A repository over the home directory or the whole disk takes keys and credentials into
     * history, and any push sends them.
     */
    private static void repoOverHome(Invocation git, Invocation c, String sub, Report out) {
        java.util.Optional<java.nio.file.Path> dir = git.option("-C").flatMap(git::path).or(git::cwd);
        boolean all = sub.equals("init") || c.flag("-A", "--all", "-f", "--force") || c.operands().contains(".")
                || c.operands().contains("*");
        if (all && dir.isPresent()) {
            dev.warden.analysis.Place place = git.place(dir.get());
            if (place == dev.warden.analysis.Place.HOME || place == dev.warden.analysis.Place.ROOT
                    || place == dev.warden.analysis.Place.HOME_ANCESTOR) {
                out.add(REPO_OVER_HOME.finding(sub.equals("init") ? MEDIUM : HIGH, (sub.equals("init")
                        ? "makes " + dir.get() + " a git repository" : "stages every file under " + dir.get())
                        + ", keys and credentials included, ready to be committed and pushed", git.text()));
            }
        }
    }

    /**
     * {@code git rm} and {@code git mv} delete and write work-tree files like {@code rm} and
     * {@code mv}: their paths go to the path rules, which guard Warden's own files, the hook
     * settings and CI configuration whichever program touches them.
     */
    private static void workTreePaths(Invocation git, Invocation c, boolean move, Report out) {
        List<String> ops = c.operands(Set.of("--pathspec-from-file"));
        java.util.Optional<java.nio.file.Path> base = git.option("-C").flatMap(git::path);
        for (int i = 0; i < ops.size(); i++) {
            String o = ops.get(i);
            boolean dest = move && i == ops.size() - 1 && ops.size() > 1;
            java.util.Optional<java.nio.file.Path> p = base.isPresent() && !o.startsWith("/") && !o.startsWith("~")
                    ? base.map(b -> b.resolve(o).normalize()) : git.path(o);
            p.ifPresent(x -> out.path(x.toString(), dest ? PathUse.Access.WRITE : PathUse.Access.DELETE, git.text()));
        }
    }

    @Override
    public void inspect(Invocation git, Report out) {
        List<String> args = git.args();
        int i = 0;
        while (i < args.size()) {
            String a = args.get(i);
            if (!a.startsWith("-")) {
                break;
            }
            if (GLOBAL_VALUED.contains(a)) {
                if (a.equals("-c") && i + 1 < args.size()) {
                    configValue(git, args.get(i + 1), out);
                }
                i += 2;
            } else {
                i++;
            }
        }
        if (i >= args.size()) {
            return;
        }
        Invocation c = git.from(i);
        String sub = c.program();
        List<String> longs = SUB_LONG.get(sub);
        if (longs != null) {
            c = spelled(c, longs);
        }
        if (REMOTE_CONTACT.contains(sub) || sub.equals("remote")) {
            hosts(c, out);
        }
        if (MUTATING.contains(sub) && ShellText.unquotedExpansion(git.text())) {
            out.add(DYNAMIC_ARGS.finding(git.text()));
        }
        switch (sub) {
            case "push" -> push(c, out);
            case "reset" -> {
                if (c.flag("--hard")) {
                    out.add(RESET_HARD.finding(git.text()));
                }
            }
            case "read-tree" -> {
                Invocation r = spelled(c, READ_TREE_LONG);
                // --reset -u overwrites the work tree and drops its changes; -m -u refuses to
                if (r.flag("--reset") && r.flag("-u") && !r.flag("-n", "--dry-run")) {
                    out.add(RESET_HARD.finding("overwrites the work tree with a tree, discarding uncommitted changes "
                            + "(read-tree --reset -u)", git.text()));
                }
            }
            case "rm" -> {
                Invocation r = spelled(c, RM_LONG);
                if (r.flag("-f", "--force") && !r.flag("--cached", "--staged") && !r.flag("-n", "--dry-run")) {
                    out.add(DISCARD.finding("removes files even when they have uncommitted changes (rm --force)", git.text()));
                }
                if (!r.flag("--cached", "--staged") && !r.flag("-n", "--dry-run")) {
                    workTreePaths(git, r, false, out);
                }
            }
            case "mv" -> workTreePaths(git, c, true, out);
            case "apply" -> {
                // the files the patch names are written (git apply p.diff after the call wrote p.diff)
                int strip = 1;
                for (String t : c.args()) {
                    strip = t.startsWith("-p") && t.length() > 2 && Character.isDigit(t.charAt(2))
                            ? Character.getNumericValue(t.charAt(2)) : strip;
                }
                if (!c.flag("--check", "--stat", "--numstat", "--summary")) {
                    dev.warden.analysis.Patches.record(git, strip, c.option("--directory").orElse(null), out);
                }
                // git apply --include='.claude/*': the patch may change whatever the pattern names
                List<String> aargs = c.args();
                for (int k = 0; k < aargs.size(); k++) {
                    String t = aargs.get(k);
                    String pattern = t.startsWith("--include=") ? t.substring(10)
                            : t.equals("--include") && k + 1 < aargs.size() ? aargs.get(++k) : null;
                    if (pattern != null) {
                        git.path(pattern).ifPresent(p -> out.path(p.toString(), PathUse.Access.WRITE, git.text()));
                    }
                }
            }
            case "clone" -> {
                List<String> cargs = c.args();
                for (int k = 0; k < cargs.size(); k++) {
                    String t = cargs.get(k);
                    if ((t.equals("-c") || t.equals("--config")) && k + 1 < cargs.size()) {
                        configValue(git, cargs.get(++k), out); // set in the new repository's config
                    } else if (t.startsWith("--config=")) {
                        configValue(git, t.substring(9), out);
                    } else if (t.equals("--template") || t.startsWith("--template=")) {
                        out.add(CONFIG_EXEC.finding(MEDIUM, "clones with a template directory, whose hooks the new "
                                + "repository runs", git.text()));
                    }
                }
            }
            case "init" -> {
                String sep = c.option("--separate-git-dir").orElse(null);
                if (sep != null) {
                    // re-initialising an existing repository this way moves its .git elsewhere
                    out.add(DESTROY_HISTORY.finding(MEDIUM, "moves the repository's history to " + sep
                            + " (--separate-git-dir)", git.text()));
                }
                repoOverHome(git, c, sub, out);
            }
            case "add" -> repoOverHome(git, c, sub, out);
            case "submodule" -> {
                List<String> ops = c.operands();
                if (!ops.isEmpty() && ops.get(0).equals("deinit") && c.flag("-f", "--force")) {
                    // deinit --force drops the submodules' work trees, uncommitted edits and untracked files included
                    out.add(DISCARD.finding(c.flag("--all") ? HIGH : MEDIUM, "removes submodule work trees with their "
                            + "uncommitted changes (submodule deinit --force)", git.text()));
                }
            }
            case "worktree" -> {
                List<String> ops = c.operands();
                if (!ops.isEmpty() && ops.get(0).equals("remove") && spelled(c, WORKTREE_REMOVE_LONG).flag("-f", "--force")) {
                    out.add(DISCARD.finding("removes a worktree with its uncommitted changes (worktree remove --force)", git.text()));
                }
            }
            case "clean" -> {
                boolean dry = c.flag("-n", "--dry-run");
                // clean.requireForce=false (given with -c) makes git clean delete without -f
                boolean force = c.flag("-f", "--force") || git.args().stream().anyMatch(a ->
                        a.toLowerCase(java.util.Locale.ROOT).replace(" ", "").startsWith("clean.requireforce=")
                                && !a.toLowerCase(java.util.Locale.ROOT).endsWith("true"));
                List<String> paths = c.operands(Set.of("-e", "--exclude"));
                boolean onlyOutput = !paths.isEmpty() && git.args().stream().noneMatch(a -> a.startsWith("-C"))
                        && paths.stream().allMatch(GitPack::outputPathspec);
                if (force && !dry && onlyOutput) {
                    // git clean -fdX -- build/ coverage/: no more than rm -rf build coverage
                } else if (force && !dry) {
                    out.add(CLEAN.finding(c.flag("-x", "-X") ? "deletes untracked and ignored files for good (git clean -x), "
                            + "including local configuration such as .env" : CLEAN.description(), git.text()));
                } else if (!dry && c.flag("-i", "--interactive")) {
                    out.add(CLEAN.finding(MEDIUM, "interactive clean deletes untracked files", git.text()));
                }
            }
            case "checkout" -> checkout(c, git, out);
            case "fetch" -> {
                // a forced refspec into refs/heads/ (+refs/heads/*:refs/heads/*) moves local branches to the
                // remote's commits: commits only the local branches had are left to the reflog
                List<String> ops = c.operands(FETCH_VALUED);
                boolean force = c.flag("-f", "--force");
                for (String spec : ops.subList(Math.min(1, ops.size()), ops.size())) {
                    int colon = spec.indexOf(':');
                    String dst = colon < 0 ? "" : spec.substring(colon + 1);
                    if ((spec.startsWith("+") || force) && !dst.isEmpty() && !dst.startsWith("refs/remotes/")
                            && !dst.startsWith("refs/tags/") && (dst.startsWith("refs/heads/") || !dst.startsWith("refs/"))) {
                        out.add(REWRITE.finding("fetches over local branches (" + spec + "), dropping commits only they had",
                                git.text()));
                        break;
                    }
                }
            }
            case "checkout-index" -> {
                // -f overwrites work-tree files with the index: their unstaged changes are gone
                if (c.flag("-f", "--force") && !c.flag("--prefix") && c.option("--prefix").isEmpty()) {
                    if (c.flag("-a", "--all")) {
                        out.add(DISCARD.finding(HIGH, "overwrites every work-tree file with the index, discarding "
                                + "unstaged changes (checkout-index -a -f)", git.text()));
                    } else {
                        out.add(DISCARD.finding(git.text()));
                    }
                }
            }
            case "restore" -> {
                if (!c.flag("--staged", "-S") || c.flag("--worktree", "-W")) {
                    discard(c.operands(Set.of("-s", "--source", "--pathspec-from-file")), git, out);
                }
            }
            case "switch" -> {
                if (c.flag("--discard-changes", "-f", "--force")) {
                    out.add(DISCARD.finding(git.text()));
                }
                resetsBranch(c, git, "-C", "--force-create", out);
            }
            case "branch" -> branch(spelled(c, BRANCH_LONG), git, out);
            case "stash" -> {
                List<String> ops = c.operands();
                if (!ops.isEmpty() && ops.get(0).equals("drop") && appliedJustBefore(c, ops)) {
                    // git stash apply X && git stash drop X: the changes are in the work tree, as git stash pop leaves them
                } else if (!ops.isEmpty() && (ops.get(0).equals("drop") || ops.get(0).equals("clear"))) {
                    out.add(STASH_DROP.finding(ops.get(0).equals("clear") ? "deletes every stash" : STASH_DROP.description(), git.text()));
                }
                int pathspecs = c.args().indexOf("--");
                if (pathspecs >= 0 && (ops.isEmpty() || ops.get(0).equals("push")) && !c.flag("-a", "--all")) {
                    // git stash push -- .claude: those files go back to their committed content
                    overwritten(c.args().subList(pathspecs + 1, c.args().size()), git, out);
                }
                if (c.flag("-a", "--all")) {
                    // stash --all takes ignored files away too: Claude Code's local settings (hooks) among them
                    List<String> sops = c.operands();
                    int dd = c.args().indexOf("--");
                    List<String> specs = dd >= 0 ? c.args().subList(dd + 1, c.args().size()) : List.of();
                    if (specs.isEmpty() && (sops.isEmpty() || sops.get(0).equals("push"))) {
                        git.path(".claude/settings.local.json").ifPresent(
                                p -> out.path(p.toString(), PathUse.Access.DELETE, git.text()));
                    }
                    for (String spec : specs) {
                        git.path(spec).ifPresent(p -> out.path(p.toString(), PathUse.Access.DELETE, git.text()));
                    }
                }
            }
            case "tag" -> {
                if (c.flag("-d", "-D", "--delete")) {
                    out.add(DELETE_BRANCH.finding(MEDIUM, "deletes a tag", git.text()));
                } else if (c.flag("-f", "--force")) {
                    out.add(REWRITE.finding("moves an existing tag", git.text()));
                }
            }
            case "rebase" -> {
                if (!c.flag("--continue", "--abort", "--skip", "--quit", "--edit-todo", "--show-current-patch")) {
                    out.add(REWRITE.finding(git.text()));
                }
            }
            case "commit" -> {
                if (c.flag("--amend")) {
                    out.add(REWRITE.finding("amends the last commit", git.text()));
                }
                if (c.flag("--no-verify", "-n")) {
                    out.add(NO_VERIFY.finding(git.text()));
                } else {
                    hooksOff(git, out);
                }
            }
            case "lfs" -> {
                List<String> ops = c.operands(Set.of("--include", "-I", "--exclude", "-X", "--include-ref",
                        "--exclude-ref", "--above", "--object-map"));
                if (ops.size() > 1 && ops.get(0).equals("migrate")
                        && (ops.get(1).equals("import") || ops.get(1).equals("export")) && !c.flag("--no-rewrite")) {
                    out.add(c.flag("--everything") || c.args().stream().anyMatch(a -> a.startsWith("--include-ref"))
                            ? DESTROY_HISTORY.finding("rewrites the history of every branch (git lfs migrate --everything)",
                                    git.text())
                            : REWRITE.finding("rewrites the current branch's history (git lfs migrate)", git.text()));
                }
            }
            case "merge", "am", "cherry-pick", "revert", "p4", "svn" -> {
                if (sub.equals("am")) {
                    dev.warden.analysis.Patches.record(git, 1, c.option("--directory").orElse(null), out);
                }
                if (c.flag("--no-verify")) {
                    out.add(NO_VERIFY.finding(git.text()));
                } else {
                    hooksOff(git, out);
                }
            }
            case "filter-branch", "filter-repo" -> out.add(DESTROY_HISTORY.finding(git.text()));
            case "reflog" -> {
                List<String> ops = c.operands();
                if (!ops.isEmpty() && (ops.get(0).equals("expire") || ops.get(0).equals("delete"))) {
                    out.add(DESTROY_HISTORY.finding(git.text()));
                }
            }
            case "gc" -> {
                String prune = c.option("--prune").orElse("");
                if (prune.equals("now") || prune.equals("all") || c.flag("--prune=now", "--prune=all")) {
                    out.add(DESTROY_HISTORY.finding("prunes unreachable commits now, destroying what the reflog could recover", git.text()));
                }
            }
            case "prune" -> {
                if (c.option("--expire").map(v -> v.equals("now") || v.equals("all")).orElse(false)) {
                    out.add(DESTROY_HISTORY.finding(git.text()));
                }
            }
            case "update-ref" -> {
                if (c.flag("-d", "--delete")) {
                    out.add(DELETE_BRANCH.finding("deletes a ref directly", git.text()));
                } else if (c.flag("--stdin")) {
                    // a transaction of "update", "delete" and "create" lines read from standard input
                    String in = git.stdin().orElse(null);
                    if (in == null || in.contains("delete") || in.contains("update")) {
                        out.add(DELETE_BRANCH.finding(in == null ? "changes or deletes refs listed on standard input"
                                : "deletes or moves refs directly (update-ref --stdin)", git.text()));
                    }
                } else if (protectedRef(c, c.operands().isEmpty() ? "" : c.operands().get(0))) {
                    out.add(DESTROY_HISTORY.finding(MEDIUM, "moves a protected branch directly", git.text()));
                }
            }
            case "config" -> config(c, git, out);
            default -> { }
        }
    }

    // ---- push ------------------------------------------------------------------------------

    private static final Set<String> FETCH_VALUED = Set.of("--depth", "--deepen", "--shallow-since", "--shallow-exclude",
            "--upload-pack", "-j", "--jobs", "--refmap", "-o", "--server-option", "--negotiation-tip", "--filter",
            "--recurse-submodules-default", "--submodule-prefix");
    private static final Set<String> PUSH_VALUED = Set.of("-o", "--push-option", "--repo", "--receive-pack",
            "--exec", "--signed", "--recurse-submodules");

    /** git push's long options: parse-options accepts any unambiguous prefix ({@code --mirr}). */
    private static final List<String> PUSH_LONG = List.of("all", "branches", "mirror", "delete", "tags",
            "follow-tags", "no-follow-tags", "dry-run", "porcelain", "force", "no-force", "force-with-lease",
            "no-force-with-lease", "force-if-includes", "no-force-if-includes", "repo", "set-upstream",
            "no-set-upstream", "thin", "no-thin", "quiet", "verbose", "progress", "no-progress", "prune", "no-prune",
            "no-verify", "verify", "recurse-submodules", "no-recurse-submodules", "atomic", "no-atomic",
            "push-option", "receive-pack", "exec", "signed", "no-signed", "ipv4", "ipv6");

    /**
     * Spells out abbreviated long options the way git's parse-options reads them: an exact name,
     * else the only option the word is a prefix of ({@code --mirr} is {@code --mirror}); an
     * ambiguous prefix ({@code --forc}) is left as written (git refuses it).
     */
    static List<String> unabbreviate(List<String> args, List<String> longs) {
        List<String> out = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                break;
            }
            if (!a.startsWith("--") || a.length() < 3) {
                continue;
            }
            int eq = a.indexOf('=');
            String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
            if (longs.contains(name)) {
                continue;
            }
            String found = null;
            int hits = 0;
            for (String l : longs) {
                if (l.startsWith(name)) {
                    hits++;
                    found = l;
                }
            }
            if (hits == 1) {
                if (out == null) {
                    out = new ArrayList<>(args);
                }
                out.set(i, "--" + found + (eq < 0 ? "" : a.substring(eq)));
            }
        }
        return out == null ? args : out;
    }

    /** The subcommand with its abbreviated long options spelled out ({@link #unabbreviate}). */
    static Invocation spelled(Invocation c, List<String> longs) {
        List<String> args = unabbreviate(c.args(), longs);
        return args == c.args() ? c : c.withArgs(args);
    }

    // long options of the subcommands below, as their parse-options tables list them (git 2.4x)
    private static final List<String> RM_LONG = List.of("dry-run", "quiet", "cached", "staged", "force",
            "ignore-unmatch", "sparse", "pathspec-from-file", "pathspec-file-nul", "recursive");
    private static final List<String> READ_TREE_LONG = List.of("index-output", "empty", "verbose", "trivial",
            "aggressive", "reset", "prefix", "exclude-per-directory", "dry-run", "no-sparse-checkout", "debug-unpack",
            "recurse-submodules", "quiet");
    private static final List<String> WORKTREE_REMOVE_LONG = List.of("force");
    private static final List<String> BRANCH_LONG = List.of("verbose", "quiet", "track", "no-track", "set-upstream",
            "set-upstream-to", "unset-upstream", "color", "no-color", "remotes", "contains", "no-contains", "with",
            "without", "abbrev", "no-abbrev", "all", "delete", "move", "copy", "list", "show-current", "create-reflog",
            "edit-description", "force", "merged", "no-merged", "column", "no-column", "sort", "points-at",
            "ignore-case", "omit-empty", "format", "recurse-submodules");

    /**
     * Long options of the subcommands whose flags decide a finding, as git 2.39's parse-options
     * lists them ({@code git reset --git-completion-helper-all}), so that {@code --har},
     * {@code --for} and {@code --no-verif} read as git reads them. A missing name could only make
     * a prefix look unambiguous that git refuses: judged as the option, never silently allowed.
     */
    private static final java.util.Map<String, List<String>> SUB_LONG = java.util.Map.of(
            "reset", words("quiet no-refresh mixed soft hard merge keep recurse-submodules patch intent-to-add "
                    + "pathspec-from-file pathspec-file-nul refresh no-quiet no-mixed no-soft no-hard no-merge no-keep "
                    + "no-recurse-submodules no-patch no-intent-to-add no-pathspec-from-file no-pathspec-file-nul"),
            "clean", words("quiet dry-run force interactive exclude no-quiet no-dry-run no-force no-interactive"),
            "commit", words("quiet verbose file author date message reedit-message reuse-message fixup squash "
                    + "reset-author trailer signoff template edit cleanup status gpg-sign all include interactive patch "
                    + "only no-verify dry-run short branch ahead-behind porcelain long null amend no-post-rewrite "
                    + "untracked-files pathspec-from-file pathspec-file-nul allow-empty allow-empty-message verify "
                    + "post-rewrite no-quiet no-verbose no-file no-author no-date no-message no-reedit-message "
                    + "no-reuse-message no-fixup no-squash no-reset-author no-signoff no-template no-edit no-cleanup "
                    + "no-status no-gpg-sign no-all no-include no-interactive no-patch no-only no-dry-run no-short "
                    + "no-branch no-ahead-behind no-porcelain no-long no-null no-amend no-untracked-files "
                    + "no-pathspec-from-file no-pathspec-file-nul no-allow-empty no-allow-empty-message"),
            "checkout", words("guess overlay quiet recurse-submodules progress merge conflict detach track force orphan "
                    + "overwrite-ignore ignore-other-worktrees ours theirs patch ignore-skip-worktree-bits "
                    + "pathspec-from-file pathspec-file-nul no-guess no-overlay no-quiet no-recurse-submodules "
                    + "no-progress no-merge no-conflict no-detach no-track no-force no-orphan no-overwrite-ignore "
                    + "no-ignore-other-worktrees no-patch no-ignore-skip-worktree-bits no-pathspec-from-file "
                    + "no-pathspec-file-nul"),
            "switch", words("create force-create guess discard-changes quiet recurse-submodules progress merge "
                    + "conflict detach track force orphan overwrite-ignore ignore-other-worktrees no-create "
                    + "no-force-create no-guess no-discard-changes no-quiet no-recurse-submodules no-progress no-merge "
                    + "no-conflict no-detach no-track no-force no-orphan no-overwrite-ignore no-ignore-other-worktrees"),
            "tag", words("list delete verify annotate message file edit sign cleanup local-user force create-reflog "
                    + "column contains no-contains with without merged no-merged sort points-at format color "
                    + "ignore-case no-annotate no-file no-edit no-sign no-cleanup no-local-user no-force "
                    + "no-create-reflog no-column no-sort no-points-at no-format no-color no-ignore-case"),
            "merge", words("stat summary log squash commit edit cleanup ff ff-only rerere-autoupdate verify-signatures "
                    + "strategy strategy-option message file into-name verbose quiet abort quit continue "
                    + "allow-unrelated-histories progress gpg-sign autostash overwrite-ignore signoff no-verify verify "
                    + "no-stat no-summary no-log no-squash no-commit no-edit no-cleanup no-ff no-rerere-autoupdate "
                    + "no-verify-signatures no-strategy no-strategy-option no-message no-into-name no-verbose "
                    + "no-quiet no-abort no-quit no-continue no-allow-unrelated-histories no-progress no-gpg-sign "
                    + "no-autostash no-overwrite-ignore no-signoff"),
            "restore", words("source staged worktree ignore-unmerged overlay quiet recurse-submodules progress merge "
                    + "conflict ours theirs patch ignore-skip-worktree-bits pathspec-from-file pathspec-file-nul "
                    + "no-source no-staged no-worktree no-ignore-unmerged no-overlay no-quiet no-recurse-submodules "
                    + "no-progress no-merge no-conflict no-patch no-ignore-skip-worktree-bits no-pathspec-from-file "
                    + "no-pathspec-file-nul"),
            "rebase", words("onto keep-base no-verify quiet verbose no-stat signoff committer-date-is-author-date "
                    + "reset-author-date ignore-date ignore-whitespace whitespace force-rebase no-ff continue skip "
                    + "abort quit edit-todo show-current-patch apply merge interactive preserve-merges "
                    + "rerere-autoupdate empty keep-empty autosquash update-refs gpg-sign autostash exec "
                    + "allow-empty-message rebase-merges fork-point strategy strategy-option root "
                    + "reschedule-failed-exec reapply-cherry-picks verify stat ff no-onto no-keep-base no-quiet "
                    + "no-verbose no-signoff no-committer-date-is-author-date no-reset-author-date no-ignore-date "
                    + "no-ignore-whitespace no-whitespace no-force-rebase no-preserve-merges no-rerere-autoupdate "
                    + "no-keep-empty no-autosquash no-update-refs no-gpg-sign no-autostash no-exec "
                    + "no-allow-empty-message no-rebase-merges no-fork-point no-strategy no-strategy-option no-root "
                    + "no-reschedule-failed-exec no-reapply-cherry-picks"));

    private static List<String> words(String s) {
        return List.of(s.split(" "));
    }

    private static void push(Invocation original, Report out) {
        Invocation c = spelled(original, PUSH_LONG);
        String text = c.text();
        boolean lease = c.flag("--force-with-lease", "--force-if-includes");
        boolean force = c.flag("-f", "--force");
        boolean mirror = c.flag("--mirror");
        boolean all = c.flag("--all", "--branches");
        boolean delete = c.flag("-d", "--delete");
        if (c.flag("--prune") && !c.flag("-n", "--dry-run")) {
            out.add(DELETE_BRANCH.finding(MEDIUM, "deletes every remote branch that has no local counterpart (push --prune)", text));
        }
        if (c.flag("--no-verify")) {
            out.add(NO_VERIFY.finding(text));
        }
        List<String> ops = c.operands(PUSH_VALUED);
        List<String> refspecs;
        if (c.option("--repo").isPresent()) {
            refspecs = ops;
        } else if (ops.size() <= 1) {
            // "git push main": a single word that names a protected branch rather than a remote
            refspecs = ops.size() == 1 && !looksLikeRemote(ops.get(0)) && isProtected(c, ops.get(0)) ? ops : List.of();
        } else {
            refspecs = ops.subList(1, ops.size());
        }
        if (mirror) {
            out.add(FORCE_PUSH.finding("mirror push: overwrites and deletes every remote branch to match the local repository", text));
            return;
        }
        if (refspecs.isEmpty() && !all) {
            // no refspec: git pushes the current branch; read it from the repository when we can
            String current = currentBranch(c);
            if (current != null && isProtected(c, current)) {
                if (force) {
                    out.add(FORCE_PUSH.finding(CRITICAL, "force push of the current branch, the protected " + current, text));
                } else if (lease) {
                    out.add(FORCE_PUSH.finding(HIGH, "force push (with lease) of the current branch, the protected " + current, text));
                } else {
                    out.add(PUSH_PROTECTED.finding("pushes the current branch, the protected " + current, text));
                }
                return;
            }
        }
        if (refspecs.isEmpty()) {
            if (force) {
                out.add(FORCE_PUSH.finding(HIGH, "force push of the current branch (which branch is not visible here)", text));
            } else if (lease) {
                out.add(FORCE_PUSH.finding(MEDIUM, "force push (with lease) of the current branch", text));
            } else if (all && !c.context().protectedBranches().isEmpty()) {
                out.add(PUSH_PROTECTED.finding("pushes every local branch, including protected ones", text));
            }
            return;
        }
        for (String written : refspecs) {
            String spec = headBranch(c, written);
            if (Invocation.dynamic(spec)) {
                out.add(PUSH_PROTECTED.finding(MEDIUM, "pushes to a branch decided at run time", text));
                continue;
            }
            boolean plus = spec.startsWith("+");
            String s = plus ? spec.substring(1) : spec;
            int colon = s.indexOf(':');
            String dst = colon < 0 ? s : s.substring(colon + 1);
            if (s.equals(":")) {
                continue; // "git push origin :" pushes the matching branches
            }
            boolean deleting = delete || colon == 0;
            if (deleting) {
                // --delete names the remote refs (dst); ":name" is an empty source pushed onto name
                String name = colon >= 0 ? s.substring(colon + 1) : s;
                if (c.flag("-n", "--dry-run")) {
                    continue;
                }
                if (isProtected(c, name)) {
                    out.add(DELETE_BRANCH.finding("deletes the protected branch " + strip(name) + " on the remote", text));
                } else if (name.startsWith("refs/tags/") || name.startsWith("v") && name.length() > 1 && Character.isDigit(name.charAt(1))) {
                    out.add(DELETE_BRANCH.finding(MEDIUM, "deletes a tag on the remote", text));
                } else {
                    // others' commits on it may exist nowhere else: ask, as for branch -D
                    out.add(DELETE_BRANCH.finding(MEDIUM, "deletes the remote branch " + strip(name), text));
                }
                continue;
            }
            boolean unknown = dst.equals("HEAD") || dst.isEmpty();
            boolean prot = !unknown && isProtected(c, dst);
            if (force || plus) {
                if (prot) {
                    out.add(FORCE_PUSH.finding(CRITICAL, "force push to the protected branch " + strip(dst), text));
                } else if (unknown) {
                    out.add(FORCE_PUSH.finding(HIGH, "force push of the current branch", text));
                } else {
                    // overwrites whatever others pushed to it since: a person says yes
                    out.add(FORCE_PUSH.finding(MEDIUM, "force push to the feature branch " + strip(dst)
                            + ", overwriting its remote history", text));
                }
            } else if (lease) {
                if (prot) {
                    out.add(FORCE_PUSH.finding(HIGH, "force push (with lease) to the protected branch " + strip(dst), text));
                } else if (unknown) {
                    out.add(FORCE_PUSH.finding(MEDIUM, "force push (with lease) of the current branch", text));
                } else {
                    // the lease refuses to overwrite commits this clone has not seen: the safe form, logged
                    out.add(FORCE_PUSH.finding(LOW, "force push (with lease) to the feature branch " + strip(dst), text));
                }
            } else if (prot) {
                out.add(PUSH_PROTECTED.finding("pushes directly to the protected branch " + strip(dst), text));
            }
        }
    }

    /**
     * The branch checked out in the repository the command runs in ({@code .git/HEAD}, following
     * a worktree's {@code gitdir:} file), or null when it cannot be read. Only consulted for a
     * push without refspec, so ordinary commands never touch the disk.
     */
    static @Nullable String currentBranch(Invocation c) {
        java.nio.file.Path root = c.repositoryRoot().orElse(null);
        if (root == null) {
            return null;
        }
        java.nio.file.Path git = root.resolve(".git");
        try {
            java.nio.file.Path head;
            if (git.toFile().isDirectory()) {
                head = git.resolve("HEAD");
            } else {
                String line = java.nio.file.Files.readString(git).strip();
                if (!line.startsWith("gitdir:")) {
                    return null;
                }
                head = root.resolve(line.substring(7).strip()).resolve("HEAD");
            }
            String ref = java.nio.file.Files.readString(head).strip();
            return ref.startsWith("ref: refs/heads/") ? ref.substring(16) : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /** The URL of {@code remote} from the repository's .git/config, or null (a worktree's: not read). */
    static @Nullable String remoteUrl(Invocation c, String remote) {
        java.nio.file.Path root = c.repositoryRoot().orElse(null);
        java.nio.file.Path config = root == null ? null : root.resolve(".git/config");
        if (config == null || !config.toFile().isFile()) {
            return null;
        }
        try {
            String header = "[remote \"" + remote + "\"]";
            boolean in = false;
            for (String line : java.nio.file.Files.readAllLines(config)) {
                String t = line.strip();
                if (t.startsWith("[")) {
                    in = t.equals(header);
                } else if (in && t.startsWith("url")) {
                    int eq = t.indexOf('=');
                    return eq < 0 ? null : t.substring(eq + 1).strip();
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    private static boolean looksLikeRemote(String w) {
        return w.equals("origin") || w.equals("upstream") || w.contains("://") || w.contains("@") || w.startsWith(".")
                || w.startsWith("/");
    }

    private static String strip(String ref) {
        if (ref.startsWith("refs/heads/")) {
            return ref.substring(11);
        }
        return ref;
    }

    static boolean isProtected(Invocation c, String ref) {
        String name = strip(ref);
        for (String g : c.context().protectedBranches()) {
            if (globMatch(g, name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean protectedRef(Invocation c, String ref) {
        return ref.startsWith("refs/heads/") && isProtected(c, ref);
    }

    static boolean globMatch(String glob, String s) {
        if (glob.indexOf('*') < 0) {
            return glob.equals(s);
        }
        int star = glob.indexOf('*');
        String pre = glob.substring(0, star);
        String post = glob.substring(star + 1);
        return s.startsWith(pre) && s.endsWith(post) && s.length() >= pre.length() + post.length()
                && (post.indexOf('*') < 0 || globMatch(post, s.substring(pre.length())));
    }

    /**
     * Hook managers' own switches: {@code HUSKY=0}, {@code SKIP=gitleaks} (pre-commit),
     * {@code LEFTHOOK=0}, {@code PRE_COMMIT_ALLOW_NO_CONFIG}: the checks are skipped as with
     * {@code --no-verify}.
     */
    private static void hooksOff(Invocation git, Report out) {
        java.util.Map<String, String> env = git.env();
        String husky = env.get("HUSKY");
        String lefthook = env.get("LEFTHOOK");
        String skip = env.get("SKIP");
        if ("0".equals(husky) || "0".equals(lefthook) || "false".equals(lefthook) || skip != null && !skip.isBlank()
                || env.containsKey("LEFTHOOK_EXCLUDE") || env.containsKey("PRE_COMMIT_ALLOW_NO_CONFIG")) {
            out.add(NO_VERIFY.finding("switches the repository's hooks off through the environment", git.text()));
        }
    }

    // ---- branch, checkout ------------------------------------------------------------------

    private static void branch(Invocation c, Invocation git, Report out) {
        boolean forceDelete = c.flag("-D") || c.flag("-d", "--delete") && c.flag("-f", "--force");
        boolean delete = forceDelete || c.flag("-d", "--delete");
        List<String> ops = c.operands(Set.of("-u", "--set-upstream-to", "-t", "--track", "--contains", "--merged",
                "--no-merged", "--points-at", "--format", "--sort", "--column"));
        if (delete) {
            for (String b : ops) {
                if (Invocation.dynamic(b)) {
                    out.add(DELETE_BRANCH.finding(MEDIUM, "deletes a branch decided at run time", git.text()));
                } else if (isProtected(c, b)) {
                    out.add(DELETE_BRANCH.finding("deletes the protected branch " + b, git.text()));
                } else if (forceDelete) {
                    out.add(DELETE_BRANCH.finding(MEDIUM, "force-deletes the branch " + b + " even if it is not merged", git.text()));
                }
            }
        } else if (c.flag("-f", "--force", "-M", "-C") && !ops.isEmpty()) {
            boolean renameOrCopy = c.flag("-M", "-C", "-m", "--move", "-c", "--copy");
            if (renameOrCopy && ops.size() == 1) {
                // "branch -M main": renames the current branch (the set-up step every new repository
                // runs); a local main it replaces stays in the reflog, and pushing it is judged then
                return;
            }
            String target = renameOrCopy ? ops.get(1) : ops.get(0);
            if (isProtected(c, target)) {
                out.add(DESTROY_HISTORY.finding(HIGH, "resets or overwrites the protected branch " + target, git.text()));
            } else if (Invocation.dynamic(target)) {
                out.add(DELETE_BRANCH.finding(MEDIUM, "overwrites a branch decided at run time", git.text()));
            } else {
                // "-M old new", "-C old new" and "-f name start" replace an existing branch, whose
                // commits then survive only in the reflog, as after branch -D
                out.add(DELETE_BRANCH.finding(MEDIUM, "overwrites the branch " + target + " if it exists; its commits "
                        + "survive only in the reflog", git.text()));
            }
        }
    }

    /**
     * {@code checkout -B NAME [START]}, {@code switch -C NAME [START]}: like {@code branch -f}, an
     * existing NAME is moved to START; a protected branch's commits after it are dropped from it.
     */
    private static void resetsBranch(Invocation c, Invocation git, String shortOpt, String longOpt, Report out) {
        java.util.Optional<String> name = c.option(shortOpt, longOpt);
        if (name.isPresent() && isProtected(c, name.get())) {
            out.add(DESTROY_HISTORY.finding(HIGH, "resets the protected branch " + name.get() + " to another commit ("
                    + shortOpt + "), dropping its commits since", git.text()));
        }
    }

    private static void checkout(Invocation c, Invocation git, Report out) {
        resetsBranch(c, git, "-B", "-B", out);
        List<String> args = c.args();
        int dd = args.indexOf("--");
        if (dd >= 0) {
            discard(args.subList(dd + 1, args.size()), git, out);
            return;
        }
        if (c.flag("-b", "-B", "--orphan")) {
            return;
        }
        List<String> ops = c.operands(Set.of("-b", "-B", "--orphan", "--conflict", "--pathspec-from-file"));
        if (c.flag("-f", "--force")) {
            out.add(DISCARD.finding("force checkout discards uncommitted changes", git.text()));
            return;
        }
        for (String o : ops) {
            if (o.equals(".") || o.equals(":/") || o.equals("*") || o.equals("./")) {
                out.add(DISCARD.finding(HIGH, "discards every uncommitted change in the work tree", git.text()));
                return;
            }
        }
        if (ops.size() >= 2) {
            // git checkout <tree-ish> <paths>: overwrites those files
            discard(ops.subList(1, ops.size()), git, out);
        }
    }

    private static void discard(List<String> paths, Invocation git, Report out) {
        if (paths.isEmpty()) {
            return;
        }
        overwritten(paths, git, out);
        for (String p : paths) {
            if (p.equals(".") || p.equals(":/") || p.equals("*") || p.equals("./")) {
                out.add(DISCARD.finding(HIGH, "discards every uncommitted change in the work tree", git.text()));
                return;
            }
        }
        out.add(DISCARD.finding(git.text()));
    }

    /**
     * Pathspecs whose work-tree files git is about to overwrite with committed content: recorded
     * as writes, so {@code git checkout -- .claude/settings.json} meets the self-protection rules.
     */
    private static void overwritten(List<String> paths, Invocation git, Report out) {
        for (String p : paths) {
            if (!p.startsWith(":") && !p.startsWith("-") && p.indexOf('*') < 0) {
                git.path(p).ifPresent(x -> out.path(x.toString(), PathUse.Access.WRITE, git.text()));
            }
        }
    }

    // ---- config ----------------------------------------------------------------------------

    private static final Set<String> EXEC_KEYS = Set.of("core.hookspath", "core.fsmonitor", "core.sshcommand",
            "core.gitproxy", "core.pager", "core.editor", "http.proxy", "https.proxy", "credential.helper",
            "gpg.program", "diff.external", "sequence.editor", "core.askpass", "http.sslverify", "url", "filter",
            "alias", "uploadpack.packobjectshook", "protocol.allow", "safe.directory", "include.path", "includeif",
            "init.templatedir", "core.worktree", "mergetool", "difftool");

    private static void config(Invocation c, Invocation git, Report out) {
        if (c.flag("--get", "--get-all", "--get-regexp", "-l", "--list", "--unset", "--unset-all", "--show-origin",
                "--remove-section")) {
            return;
        }
        List<String> ops = c.operands(Set.of("-f", "--file", "--blob", "--type", "--default", "--comment"));
        if (ops.size() >= 3 && ops.get(0).equals("set")) {
            hooksOrKey(c, git, ops.get(1), ops.get(2), out);
            configSetting(git, ops.get(1), ops.get(2), out);
        } else if (ops.size() >= 2) {
            hooksOrKey(c, git, ops.get(0), ops.get(1), out);
            configSetting(git, ops.get(0), ops.get(1), out);
        }
    }

    /**
     * {@code git config core.hooksPath .githooks} in the repository's own config: the hooks the
     * project keeps in its tree, the way husky and lefthook set them up (ask, not approve). A
     * directory outside the project, or the user's global config, stays a high finding.
     */
    private static void hooksOrKey(Invocation c, Invocation git, String key, String value, Report out) {
        boolean global = c.flag("--global", "--system", "-f", "--file");
        java.util.Optional<java.nio.file.Path> dir = value.startsWith("/") || value.startsWith("~") || value.contains("..")
                ? java.util.Optional.empty() : git.path(value);
        if (key.equalsIgnoreCase("core.hooksPath") && !global && dir.isPresent()
                && dir.get().startsWith(c.context().projectRoot()) && !dir.get().equals(c.context().projectRoot())) {
            out.add(CONFIG_EXEC.finding(MEDIUM, "runs the hooks the project keeps in " + value + " on every commit", git.text()));
            return;
        }
        if (key.equalsIgnoreCase("core.sshCommand") && plainSsh(value)) {
            return; // ssh -i ~/.ssh/id_work -o IdentitiesOnly=yes: which key to use, the way GIT_SSH_COMMAND says it
        }
        configKey(git, key, out);
    }

    /** {@code ssh} with only options that pick a key, a port, a config file or host-key checking. */
    private static boolean plainSsh(String value) {
        String[] w = value.strip().split("\\s+");
        if (w.length == 0 || !(w[0].equals("ssh") || w[0].equals("/usr/bin/ssh"))) {
            return false;
        }
        for (int i = 1; i < w.length; i++) {
            String a = w[i];
            if (a.equals("-i") || a.equals("-p") || a.equals("-F") || a.equals("-l")) {
                i++;
            } else if (a.equals("-o") && i + 1 < w.length) {
                String o = w[++i].toLowerCase(Locale.ROOT);
                if (!(o.startsWith("identitiesonly") || o.startsWith("identityfile") || o.startsWith("stricthostkeychecking")
                        || o.startsWith("userknownhostsfile") || o.startsWith("port") || o.startsWith("user=")
                        || o.startsWith("identityagent") || o.startsWith("batchmode") || o.startsWith("connecttimeout"))) {
                    return false;
                }
            } else if (!(a.equals("-v") || a.equals("-4") || a.equals("-6") || a.equals("-T") || a.equals("-q")
                    || a.startsWith("-i") && a.length() > 2)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Settings judged by their value: a push refspec with a leading {@code +} (or
     * {@code remote.NAME.mirror=true}) makes every later plain {@code git push} from this clone a
     * force push; a command-valued key ({@link #commandKey}) written to the configuration runs
     * that command on later git commands, which no later call shows.
     */
    private static void configSetting(Invocation git, String key, String value, Report out) {
        String k = key.toLowerCase(Locale.ROOT);
        String v = value.strip();
        if (k.startsWith("remote.") && k.endsWith(".push") && v.startsWith("+")) {
            out.add(FORCE_PUSH.finding("configures the forced push refspec " + v + ": every later plain git push "
                    + "from this clone overwrites the remote branches", git.text()));
        } else if (k.startsWith("remote.") && k.endsWith(".mirror") && Set.of("true", "yes", "on", "1").contains(v.toLowerCase(Locale.ROOT))) {
            out.add(FORCE_PUSH.finding("configures the remote as a mirror: every later git push overwrites and "
                    + "deletes remote branches", git.text()));
        } else if (!EXEC_KEYS.contains(k) && commandKey(k, v)) {
            out.add(CONFIG_EXEC.finding("sets " + key + ", a command git will run on later commands", git.text()));
        }
    }

    /** Keys (lower case) whose value git runs as a command, beyond {@link #EXEC_KEYS}. */
    static boolean commandKey(String k, String value) {
        if (k.startsWith("pager.")) {
            return !Set.of("true", "false", "yes", "no", "on", "off", "1", "0", "").contains(value.toLowerCase(Locale.ROOT));
        }
        return Set.of("gpg.ssh.defaultkeycommand", "core.alternaterefscommand", "interactive.difffilter",
                "sendemail.tocmd", "sendemail.cccmd", "sendemail.sendmailcmd").contains(k)
                || k.startsWith("diff.") && (k.endsWith(".command") || k.endsWith(".textconv"))
                || k.startsWith("merge.") && k.endsWith(".driver")
                || k.startsWith("gpg.") && k.endsWith(".program")
                || k.startsWith("trailer.") && (k.endsWith(".command") || k.endsWith(".cmd"))
                || (k.startsWith("difftool.") || k.startsWith("mergetool.")) && (k.endsWith(".cmd") || k.endsWith(".path"))
                || k.startsWith("remote.") && (k.endsWith(".uploadpack") || k.endsWith(".receivepack"))
                || k.startsWith("submodule.") && k.endsWith(".update") && value.startsWith("!")
                || k.startsWith("credential.") && k.endsWith(".helper");
    }

    /**
     * Keys whose value is a command git runs, which the shell reader reads and judges as such
     * when given for one command ({@code git -c core.pager=cat log}).
     */
    private static final Set<String> READ_COMMAND_KEYS = Set.of("core.pager", "core.editor", "sequence.editor",
            "core.sshcommand", "diff.external", "gpg.program", "core.fsmonitor");

    private static void configValue(Invocation git, String kv, Report out) {
        int eq = kv.indexOf('=');
        String key = eq < 0 ? kv : kv.substring(0, eq);
        if (eq >= 0 && READ_COMMAND_KEYS.contains(key.toLowerCase(Locale.ROOT)) && !Invocation.dynamic(kv.substring(eq + 1))) {
            return; // for this command only, and the command it names is judged itself
        }
        configKey(git, key, out);
        String k = key.toLowerCase(Locale.ROOT);
        if (eq >= 0 && k.startsWith("remote.") && (k.endsWith(".push") || k.endsWith(".mirror"))) {
            configSetting(git, key, kv.substring(eq + 1), out); // -c remote.origin.push=+refs/heads/*: this push is forced
        }
    }

    private static void configKey(Invocation git, String key, Report out) {
        String k = key.toLowerCase(Locale.ROOT);
        int dot = k.indexOf('.');
        String section = dot < 0 ? k : k.substring(0, dot);
        boolean exec = EXEC_KEYS.contains(k) || section.equals("url") && k.endsWith(".insteadof")
                || section.equals("filter") && (k.endsWith(".clean") || k.endsWith(".smudge") || k.endsWith(".process"))
                || section.equals("http") && k.endsWith(".proxy") || section.equals("include") || section.equals("includeif");
        if (exec) {
            out.add(CONFIG_EXEC.finding("sets " + key + ", which makes git run another program or route traffic elsewhere", git.text()));
        } else if (section.equals("alias")) {
            out.add(CONFIG_EXEC.finding(LOW, "defines a git alias", git.text()));
        }
    }

    // ---- hosts -----------------------------------------------------------------------------

    private static final Set<String> HOST_VALUED = Set.of("-b", "--branch", "-o", "--origin", "--depth", "--reference",
            "-c", "--config", "--template", "--separate-git-dir", "-j", "--jobs", "--filter", "-u", "--upload-pack");

    private static void hosts(Invocation c, Report out) {
        String sub = c.program();
        if (sub.equals("push") || sub.equals("fetch") || sub.equals("pull")) {
            // a remote name (or the default, origin): its URL is in the repository's config
            List<String> ops = c.operands(PUSH_VALUED);
            String remote = ops.isEmpty() ? "origin" : ops.get(0);
            if (!remote.contains("://") && !remote.contains("@") && !remote.contains("/") && !Invocation.dynamic(remote)) {
                String url = remoteUrl(c, remote);
                if (url != null) {
                    String h = Hosts.hostOf(url);
                    if (h != null) {
                        out.host(h);
                    }
                }
            }
        }
        for (String o : c.operands(HOST_VALUED)) {
            if (o.indexOf(':') < 0 && o.indexOf('@') < 0) {
                continue; // (a branch, a path: no host in it)
            }
            String h = Hosts.hostOf(o);
            if (h != null && (o.contains("://") || o.contains("@") || o.contains(":"))) {
                out.host(h);
            }
        }
    }

    /**
     * A refspec that names the current branch ({@code HEAD}, {@code "$(git branch --show-current)"},
     * {@code $(git rev-parse --abbrev-ref HEAD)}) as that branch, read from the repository, so it
     * is judged like a plain {@code git push}; other refspecs as written.
     */
    private static String headBranch(Invocation c, String spec) {
        boolean plus = spec.startsWith("+");
        String s = plus ? spec.substring(1) : spec;
        String name = s.replace("`", "").replace("$(", "").replace(")", "").strip();
        boolean head = s.equals("HEAD") || s.indexOf(':') < 0 && (name.equals("git branch --show-current")
                || name.equals("git rev-parse --abbrev-ref HEAD") || name.equals("git symbolic-ref --short HEAD"));
        if (!head) {
            return spec;
        }
        String current = currentBranch(c);
        if (current == null) {
            return s.equals("HEAD") ? spec : "HEAD"; // as unknown as a plain git push: judged by its flags
        }
        return (plus ? "+" : "") + current;
    }

    /** {@code git stash apply X && git stash drop X} (the same stash, the default one when neither names it). */
    private static boolean appliedJustBefore(Invocation c, List<String> ops) {
        dev.warden.call.Command before = c.afterSuccessOf();
        if (before == null || !before.program().equals("git")) {
            return false;
        }
        List<String> words = before.args();
        int at = words.indexOf("stash");
        List<String> own = c.command().args();
        int ownAt = own.indexOf("stash");
        if (at < 0 || at + 1 >= words.size() || !words.get(at + 1).equals("apply") || ownAt < 0
                || !words.subList(0, at).equals(own.subList(0, ownAt))) {
            return false; // (git -C other stash apply && git stash drop: another repository's stash was applied)
        }
        List<String> applied = new java.util.ArrayList<>();
        for (String w : words.subList(at + 2, words.size())) {
            if (!w.startsWith("-")) {
                applied.add(w);
            }
        }
        String dropped = ops.size() > 1 ? ops.get(1) : "stash@{0}";
        String appliedRef = applied.isEmpty() ? "stash@{0}" : applied.get(0);
        return ops.size() <= 2 && applied.size() <= 1 && stashRef(dropped).equals(stashRef(appliedRef));
    }

    /** {@code 1}, {@code stash@{1}} and {@code refs/stash@{1}} name the same stash. */
    private static String stashRef(String ref) {
        String r = ref.startsWith("refs/") ? ref.substring(5) : ref;
        return r.chars().allMatch(Character::isDigit) ? "stash@{" + r + "}" : r;
    }

    /**
     * A pathspec of build output for {@code git clean}: {@code build/}, {@code coverage}, and
     * a glob in a directory above the output ({@code packages/STAR/dist}, STAR a wildcard), which
     * selects the same output of each package (the last part is the output's own name, no wildcard).
     */
    private static boolean outputPathspec(String path) {
        if (dev.warden.analysis.fs.FsRules.buildOutputPath(path)) {
            return true;
        }
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        int slash = p.lastIndexOf('/');
        if (slash <= 0 || p.startsWith("/") || p.startsWith("~") || p.startsWith(":") || p.contains("..") || p.contains("$")) {
            return false;
        }
        String last = p.substring(slash + 1);
        String above = p.substring(0, slash).replaceAll("[*?]", "x");
        return !above.isEmpty() && !above.contains("[") && !above.contains("{")
                && dev.warden.analysis.fs.FsRules.buildOutputPath(last);
    }
}
