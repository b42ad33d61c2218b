package dev.warden.analysis.cloud;

import static dev.warden.call.Severity.HIGH;
import static dev.warden.call.Severity.MEDIUM;

import dev.warden.analysis.Invocation;
import dev.warden.analysis.Pack;
import dev.warden.analysis.Place;
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

    static final Rule DEPLOY_VERB = new Rule("tail.deploy-verb", MEDIUM,
            "a tool Warden has no specific rules for is told to deploy, publish, release or push",
            "kamal deploy", "let a human or the pipeline deploy; run the tool's dry-run or preview");
    static final Rule EXPOSE = new Rule("tail.expose-public", HIGH,
            "opens a service, port, bucket or network to everyone (0.0.0.0/0, allUsers, 0.0.0.0 listeners, public tunnels)",
            "aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol -1 --cidr 0.0.0.0/0",
            "open it to the addresses that need it, or use a private tunnel");
    static final Rule PROTECTION_OFF = new Rule("tail.protection-off", HIGH,
            "switches off a safeguard: deletion protection, public-access blocks", "gcloud sql instances patch db "
                    + "--no-deletion-protection", "leave safeguards to the resource's owner");
    static final Rule SCALE_ZERO = new Rule("tail.scale-to-zero", HIGH,
            "scales a service, cluster or group down to zero", "aws ecs update-service --cluster c --service s "
                    + "--desired-count 0", "scale down step by step, and let a human take a service offline");

    static final Rule CREDENTIAL_HELPER = new Rule("tail.credential-helper", HIGH,
            "sets a program that a CLI runs whenever it needs credentials (credential_process, kubeconfig exec plugins)",
            "aws configure set credential_process /tmp/x", "leave credential helpers to the user");

    /** Version control tools other than git: their push is a branch push, not a release. */
    private static final Set<String> VCS = Set.of("hg", "svn", "fossil", "bzr", "darcs", "pijul", "jj", "sl", "act");

    /** Subcommand words that ship something to others. */
    private static final Set<String> DEPLOY_VERBS = Set.of("deploy", "publish", "release", "ship", "deliver", "promote",
            "push", "rollout", "upload", "shipit");

    /** Short options that mean "delete" for a few tools of the long tail ({@code tarsnap -d}, {@code salt-key -D}). */
    private static final java.util.Map<String, Set<String>> DELETE_FLAGS = java.util.Map.of(
            "tarsnap", Set.of("-d", "--nuke"), "salt-key", Set.of("-d", "-D", "--delete", "--delete-all"),
            "hdfs", Set.of("-rm", "-rmr", "-rmdir", "-expunge", "-truncate"),
            "hadoop", Set.of("-rm", "-rmr", "-rmdir", "-expunge", "-truncate"),
            "borg", Set.of(), "gpg", Set.of());

    /** Programs {@link #access} reads beyond the role and sharing options every CLI is checked for. */
    private static final Set<String> ACCESS_PROGRAMS = Set.of("aws", "vault", "rabbitmqctl", "gcloud", "az",
            "ssh-import-id", "ssh-import-id-gh", "ssh-import-id-lp", "certutil", "trust", "security", "keytool", "dotnet",
            "flatpak", "add-apt-repository", "gem", "conda", "createuser", "npm", "nix-channel", "dnf", "yum", "zypper",
            "opam", "conan", "asdf", "mise", "rtx", "mc");

    /** Container-image tools whose verbs write to a registry. */
    private static final Set<String> IMAGE_TOOLS = Set.of("crane", "gcrane", "regctl", "skopeo", "oras");

    static final Rule GRANT = new Rule("tail.grant-access", HIGH,
            "grants administrator or owner access, adds someone's keys, or makes a snapshot or image public",
            "aws iam attach-user-policy --user-name dev --policy-arn arn:aws:iam::aws:policy/AdministratorAccess",
            "grant the narrowest role that does the job, and let an administrator grant it");
    static final Rule TRUST = new Rule("tail.trust-source", HIGH,
            "adds a certificate authority or a package source that later downloads and connections will trust",
            "certutil -A -d sql:$HOME/.pki/nssdb -t C,, -n x -i ca.crt",
            "leave trust stores and package sources to the user");

    /** Multi-service CLIs another pack reads only in part (its deploys): their other verbs are read here too. */
    private static final Set<String> MULTI_SERVICE = Set.of("wrangler", "supabase", "eb", "firebase", "railway",
            "vercel", "netlify", "fly", "flyctl", "heroku", "amplify", "serverless", "sls", "doctl", "nomad", "argocd",
            "salt", "linode-cli", "hcloud", "scw", "render", "northflank", "koyeb", "upsun", "platform", "atlas", "vault",
            "gh", "glab", "jf", "jfrog", "cockroach", "snow", "rclone");

    // "format" is not here: as a subcommand it formats code (ruff format, biome format, dart
    // format); disks are formatted by their own programs (mkfs, diskutil, format.com), judged by the fs pack.
    private static final Set<String> VERBS = Set.of("delete", "destroy", "remove", "rm", "purge", "drop", "forget",
            "terminate", "uninstall", "prune", "wipe", "flush", "flushall", "flushdb", "revoke", "erase", "reset", "nuke",
            "kill", "deprovision", "decommission", "truncate", "implode", "obliterate", "zap", "unregister", "deregister",
            "del", "rb", "expunge", "evict", "scrub", "teardown", "dispose", "rmi", "trash", "archive", "deactivate",
            "disable", "dropall", "clear", "shred", "rollback", "unpublish", "yank", "abandon", "deleteall", "rmr",
            "rmp", "removeall", "silence", "mute", "unmonitor", "undeploy", "expire", "rrpurge", "seal", "suspend",
            "skip-all", "dedupe", "unset");
    private static final Set<String> STRONG = Set.of("destroy", "purge", "drop", "wipe", "nuke", "terminate",
            "deprovision", "decommission", "obliterate", "implode", "flushall", "dropall", "expunge", "erase", "shred",
            "truncate", "teardown");
    private static final Set<String> FLAG_VERBS = Set.of("delete", "destroy", "purge", "drop", "wipe", "erase", "nuke",
            "truncate", "obliterate", "deprovision", "decommission", "terminate", "flushall", "dropall",
            "remove", "uninstall", "unpublish", "prune");

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
            "crontab", "systemctl", "launchctl", "iptables", "docker", "kubectl", "watchman");

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
        return List.of(DESTRUCTIVE, DEPLOY_SCRIPT, DEPLOY_VERB, EXPOSE, PROTECTION_OFF, SCALE_ZERO, CREDENTIAL_HELPER,
                GRANT, TRUST, EVENT_FEED);
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
        if (!prog.isEmpty() && (access(c, out) || images(c, out) || hooksRemoved(c, out) || transport(c, out))) {
            return;
        }
        if (uninstaller(c, out) || stripe(c, out) || eventFeed(c, out) || restores(c, out)) {
            return;
        }
        if (!prog.isEmpty() && !DATA.contains(prog)) {
            List<String> ops = c.operands(); // once for the checks below (each used to compute it again)
            if (identity(c, ops, out) || silences(c, ops, out) || retention(c, out) || shipsElsewhere(c, ops, out)) {
                return;
            }
        }
        if (prog.isEmpty() || DATA.contains(prog) && !prog.equals("kubectl") && !prog.equals("docker") || c.args().isEmpty()
                || !Character.isLetterOrDigit(prog.charAt(0)) || Invocation.dynamic(prog)) {
            return;
        }
        safeguards(c, out);
        String first = c.args().get(0);
        if (prog.equals("turbo") && first.equals("prune") || prog.equals("nx") && first.equals("reset")
                || prog.equals("tmux") && first.startsWith("kill-") && !first.equals("kill-server")) {
            // turbo prune copies a trimmed workspace out; nx reset clears Nx's own cache; tmux kill-session
            // -t NAME ends one session (kill-server ends every one, the user's too)
            return;
        }
        if ((prog.equals("pg_resetwal") || prog.equals("pg_resetxlog")) && !c.flag("-n", "--dry-run", "--help", "-V", "--version")) {
            // the write-ahead log thrown away: committed transactions can be lost, the cluster left inconsistent
            out.add(DESTRUCTIVE.finding(HIGH, "throws away the PostgreSQL write-ahead log (" + prog + ")", c.text()));
            return;
        }
        if (prog.equals("nsupdate") && c.stdin().map(t -> t.toLowerCase(Locale.ROOT).contains("update delete")).orElse(false)) {
            out.add(DESTRUCTIVE.finding(HIGH, "deletes DNS records (nsupdate: update delete)", c.text()));
            return;
        }
        List<String> words = c.operands();
        for (int i = 0; i + 1 < words.size() && i < 3; i++) {
            if ((words.get(i).equals("migrate") || words.get(i).equals("migration") || words.get(i).equals("db"))
                    && (words.get(i + 1).equals("fresh") || words.get(i + 1).equals("refresh"))) {
                out.add(DESTRUCTIVE.finding(HIGH, "drops every table and migrates again (" + words.get(i) + " "
                        + words.get(i + 1) + ")", c.text()));
                return;
            }
        }
        if (prog.equals("grpcurl") || prog.equals("grpc_cli") || prog.equals("evans") || prog.equals("ghz")) {
            // grpcurl -d '{}' host:443 admin.Admin/DeleteAll: the method's name says what it does
            List<String> ops = c.operands(Set.of("-d", "-H", "-rpc-header", "-proto", "-import-path", "-protoset", "-cert",
                    "-key", "-cacert", "-authority", "-servername", "-max-time", "-connect-timeout", "-format"));
            String method = ops.isEmpty() ? "" : ops.get(ops.size() - 1);
            String name = method.substring(Math.max(method.lastIndexOf('/'), method.lastIndexOf('.')) + 1);
            String v = identifier(name) ? verbIn(name) : null;
            boolean local = ops.size() > 1 && dev.warden.analysis.Hosts.local(String.valueOf(
                    dev.warden.analysis.Hosts.hostOf("grpc://" + ops.get(ops.size() - 2))));
            if (v != null && !local) {
                out.add(DESTRUCTIVE.finding(STRONG.contains(v) || name.toLowerCase(Locale.ROOT).contains("all") ? HIGH : MEDIUM,
                        "calls the gRPC method " + method + " ('" + v + "')", c.text()));
                return;
            }
        }
        Set<String> deleteFlags = DELETE_FLAGS.get(prog);
        if (deleteFlags != null) {
            for (String a : c.args()) {
                if (deleteFlags.contains(a)) {
                    out.add(DESTRUCTIVE.finding(HIGH, "deletes with " + prog + " " + a, c.text()));
                    return;
                }
            }
        }
        if (handled.contains(prog) && !MULTI_SERVICE.contains(prog) && !kubectlPlugin(c)) {
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
        List<String> args = c.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
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
                        if (name.equals("reset-offsets") && c.args().contains("--execute")) {
                            verb = "reset"; // kafka-consumer-groups --reset-offsets --execute: consumers skip or replay
                            force = true;
                        }
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
                if (a.equals("-h") && c.args().size() == 1 || a.equals("--help")) {
                    return; // (nodetool -h HOST, mysql -h HOST: a host, not help)
                }
                if (verb == null && a.length() > 4 && a.chars().skip(1).allMatch(Character::isLetter)) {
                    String v = verbIn(a.substring(1)); // Go-style single-dash flags: nomad job stop -purge
                    if (v != null && FLAG_VERBS.contains(v)) {
                        verb = v;
                    }
                }
                // -a names the app for many platform CLIs (heroku config:unset KEY -a web, fly -a web):
                // "all" only when no value follows it
                boolean all = a.equals("-a") && (i + 1 == args.size() || args.get(i + 1).startsWith("-"));
                if (a.equals("-f") || a.equals("-y") || all || a.equals("-r") || a.equals("-rf")
                        || a.equals("-fr") || a.equals("-force") || a.equals("-yes")) {
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
                    || a.equals("describe") || a.equals("status") || a.equals("info") || a.equals("query")
                    || a.equals("version") && positional == 1) {
                return; // (kaggle datasets version --delete-old-versions: "version" there is a verb that writes)
            }
            if (verb == null && identifier(a)) {
                verb = verbIn(a);
                if (verb == null && positional <= 2) {
                    verb = fusedVerb(a); // cbt deletetable, nodetool clearsnapshot
                }
            }
        }
        boolean explicit = c.flag("--force", "-f", "-y", "--yes") || c.args().contains("-force");
        if (verb == null && c.operands().stream().limit(5).anyMatch(o -> o.equals("restore"))) {
            String target = c.option("--target", "-t", "--to", "--target-dir").orElse(null);
            if (target != null) {
                // restic restore latest --target DIR: files land in DIR; a fresh temporary or project directory loses nothing
                java.util.Optional<java.nio.file.Path> p = c.path(target);
                Place place = p.map(c::place).orElse(Place.OUTSIDE);
                if (place != Place.TEMP && place != Place.PROJECT && place != Place.TEMP_ROOT) {
                    out.add(DESTRUCTIVE.finding(HIGH, "restores a backup over " + target + ", replacing the files there",
                            c.text()));
                }
                return;
            }
            if (explicit) {
                verb = "restore"; // vault operator raft snapshot restore -force: the current state is replaced
            }
        }
        boolean forced = force || explicit;
        if (verb == null) {
            if (!handled.contains(prog)) {
                deployVerb(c, out);
            }
            return;
        }
        boolean strong = STRONG.contains(verb) || force;
        out.add(DESTRUCTIVE.finding(strong ? HIGH : MEDIUM, "runs '" + verb + "' with " + prog, c.text()));
    }

    /**
     * Access granted whatever the CLI: administrator policies and owner roles, a user put in an
     * admin group, snapshots shared with everyone, a root token, someone's SSH keys added to
     * machines; and trust: certificate authorities and package sources added.
     */
    private static boolean access(Invocation c, Report out) {
        String prog = c.program();
        List<String> args = c.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                continue; // every form below is a long option: plain words cost nothing more
            }
            String next = i + 1 < args.size() ? args.get(i + 1) : "";
            String l = a.toLowerCase(Locale.ROOT);
            String role = l.equals("--role") || l.equals("--clusterrole") || l.equals("--policy-arn") ? next
                    : l.startsWith("--role=") || l.startsWith("--clusterrole=") || l.startsWith("--policy-arn=")
                            ? a.substring(a.indexOf('=') + 1) : null;
            if (role != null && (role.equalsIgnoreCase("owner") || role.equalsIgnoreCase("roles/owner")
                    || role.equals("cluster-admin") || role.endsWith("/AdministratorAccess") || role.endsWith("/IAMFullAccess")
                    || role.equalsIgnoreCase("User Access Administrator") || role.equalsIgnoreCase("roles/iam.securityAdmin"))) {
                out.add(GRANT.finding("grants the " + role + " role", c.text()));
                return true;
            }
            String granted = l.equals("--permissions") || l.equals("--permission") || l.equals("--roles")
                    || l.equals("--access-level") ? next.toLowerCase(Locale.ROOT)
                            : l.startsWith("--permissions=") || l.startsWith("--roles=") || l.startsWith("--access-level=")
                                    ? l.substring(l.indexOf('=') + 1) : null;
            if (granted != null && (granted.contains("admin") || granted.contains("owner") || granted.contains("manage")
                    || granted.contains("superuser") || granted.equals("*"))) {
                out.add(GRANT.finding("grants " + granted + " rights (" + a + ")", c.text()));
                return true; // heroku access:add x --permissions deploy,operate,manage
            }
            if ((l.equals("--group-names") || l.equals("--values-to-add") || l.equals("--user-ids")) && next.equals("all")
                    || l.equals("--group-names=all") || l.equals("--values-to-add=all")
                    || l.startsWith("--launch-permission") && (l.contains("group=all")
                            || next.toLowerCase(Locale.ROOT).contains("group=all"))) {
                out.add(GRANT.finding("shares a snapshot or image with every account (" + a + " all)", c.text()));
                return true;
            }
        }
        int policy = args.indexOf("policy");
        if (policy >= 0 && policy + 1 < args.size() && (args.get(policy + 1).equals("attach")
                || args.get(policy + 1).equals("set"))) {
            for (int i = policy + 2; i < args.size(); i++) {
                String w = args.get(i).toLowerCase(Locale.ROOT);
                if (w.contains("admin") || w.equals("root") || w.contains("owner")) {
                    // mc admin policy attach prod consoleAdmin --user x
                    out.add(GRANT.finding("attaches the " + args.get(i) + " policy", c.text()));
                    return true;
                }
            }
        }
        if (!ACCESS_PROGRAMS.contains(prog) || prog.equals("npm") && !args.contains("org") && !args.contains("owner")
                || (prog.equals("dnf") || prog.equals("yum")) && !args.contains("config-manager")) {
            return false; // (npm and dnf run often: only their org, owner and repository verbs are read here)
        }
        String line = String.join(" ", args);
        String lower = line.toLowerCase(Locale.ROOT);
        List<String> ops = c.operands();
        String sub = ops.isEmpty() ? "" : ops.get(0);
        String sub2 = ops.size() > 1 ? ops.get(1) : "";
        if (prog.equals("aws") && sub.equals("iam") && (sub2.equals("add-user-to-group") && lower.contains("admin")
                || sub2.equals("create-login-profile"))) {
            out.add(GRANT.finding("gives an IAM user administrator rights or a console password", c.text()));
            return true;
        }
        if (prog.equals("vault") && sub.equals("token") && sub2.equals("create")
                && (lower.contains("-policy=root") || lower.contains("-policy root") || lower.contains("-orphan"))) {
            out.add(GRANT.finding("creates a root or orphan Vault token", c.text()));
            return true;
        }
        if (prog.equals("vault") && sub.equals("policy") && sub2.equals("write")) {
            String body = c.stdin().orElse("") + " " + line;
            out.add(GRANT.finding(body.contains("\"sudo\"") || body.contains("\"*\"") ? HIGH : MEDIUM,
                    "writes a Vault policy (who may read which secrets)", c.text()));
            return true;
        }
        if (prog.equals("mc") && (sub.equals("anonymous") || sub.equals("policy")) && sub2.equals("set") && ops.size() > 2
                && (ops.get(2).equals("public") || ops.get(2).equals("download") || ops.get(2).equals("upload"))) {
            // MinIO: anyone may read (download), write (upload) or both (public) without credentials
            out.add(GRANT.finding("opens a bucket to anonymous " + ops.get(2) + " access", c.text()));
            return true;
        }
        if (prog.equals("rabbitmqctl") && sub.equals("set_user_tags") && lower.contains("administrator")) {
            out.add(GRANT.finding("makes a RabbitMQ user an administrator", c.text()));
            return true;
        }
        if (prog.equals("gcloud") && lower.contains("add-metadata") && (lower.contains("ssh-keys")
                || lower.contains("startup-script") || lower.contains("sshkeys"))) {
            out.add(GRANT.finding("adds SSH keys or a start-up script to virtual machines", c.text()));
            return true;
        }
        if (prog.equals("az") && lower.startsWith("vm user ") && (lower.contains("-p ") || lower.contains("--password")
                || lower.contains("--ssh-key-value"))) {
            out.add(GRANT.finding("sets a password or SSH key on a virtual machine", c.text()));
            return true;
        }
        if (prog.equals("ssh-import-id") || prog.equals("ssh-import-id-gh") || prog.equals("ssh-import-id-lp")) {
            out.add(GRANT.finding("adds someone's public keys to ~/.ssh/authorized_keys", c.text()));
            return true;
        }
        if (prog.equals("certutil") && (args.contains("-A") || args.contains("-addstore"))
                || prog.equals("trust") && sub.equals("anchor")
                || prog.equals("security") && (sub.equals("add-trusted-cert") || sub.equals("add-certificates"))
                || prog.equals("keytool") && args.contains("-importcert") && lower.contains("cacerts")) {
            out.add(TRUST.finding("adds a trusted certificate authority", c.text()));
            return true;
        }
        if (prog.equals("createuser") && (args.contains("--superuser") || args.contains("-s")
                || args.stream().anyMatch(a -> a.startsWith("-") && !a.startsWith("--") && a.indexOf('s') > 0
                        && a.chars().allMatch(ch -> ch == '-' || "sdrlPeEiI".indexOf(ch) >= 0)))) {
            out.add(GRANT.finding("creates a PostgreSQL superuser", c.text()));
            return true;
        }
        if (prog.equals("npm") && (sub.equals("org") && sub2.equals("set") && ops.size() > 4
                && (ops.get(4).equals("owner") || ops.get(4).equals("admin"))
                || sub.equals("owner") && (sub2.equals("add") || sub2.equals("rm")))) {
            out.add(GRANT.finding("changes who owns or administers an npm organisation or package", c.text()));
            return true;
        }
        if (prog.equals("aws") && sub.equals("ec2-instance-connect") && sub2.equals("send-ssh-public-key")) {
            out.add(GRANT.finding("adds an SSH key to a virtual machine", c.text()));
            return true;
        }
        if (prog.equals("az") && sub.equals("aks") && sub2.equals("get-credentials") && args.contains("--admin")) {
            out.add(GRANT.finding(MEDIUM, "fetches a cluster's administrator credentials (--admin), which bypass its "
                    + "access control", c.text()));
            return true;
        }
        String addedSource = prog.equals("nix-channel") && args.contains("--add") ? "a Nix channel"
                : (prog.equals("dnf") || prog.equals("yum")) && sub.equals("config-manager")
                        && (lower.contains("--add-repo") || sub2.equals("addrepo")) ? "a package repository"
                : prog.equals("zypper") && (sub.equals("ar") || sub.equals("addrepo")) ? "a package repository"
                : prog.equals("opam") && (sub.equals("repository") || sub.equals("repo")) && sub2.equals("add")
                        ? "an opam repository"
                : prog.equals("conan") && sub.equals("remote") && sub2.equals("add") ? "a Conan remote"
                : (prog.equals("asdf") || prog.equals("mise") || prog.equals("rtx")) && (sub.equals("plugin")
                        && (sub2.equals("add") || sub2.equals("install")) || sub.equals("plugin-add")
                        || sub.equals("plugins") && sub2.equals("install")) && lower.contains("://")
                        ? "a plugin repository (its scripts run on every install)" : null;
        if (addedSource != null) {
            out.add(TRUST.finding(MEDIUM, "adds " + addedSource + " that later installs will trust", c.text()));
            return true;
        }
        if (prog.equals("dotnet") && sub.equals("nuget") && sub2.equals("add") && ops.size() > 2 && ops.get(2).equals("source")
                || prog.equals("flatpak") && sub.equals("remote-add") || prog.equals("add-apt-repository")
                || prog.equals("gem") && sub.equals("sources") && (args.contains("-a") || args.contains("--add"))
                || prog.equals("conda") && sub.equals("config") && args.contains("--add") && lower.contains("channels")) {
            out.add(TRUST.finding(MEDIUM, "adds a package source that later installs will trust", c.text()));
            return true;
        }
        return false;
    }

    /**
     * Transport safeguards switched off in any tool's configuration: TLS verification
     * ({@code --insecure-skip-tls-verify}, {@code http.sslVerify false}, {@code secure-http false},
     * {@code strict-ssl false}) and git's file protocol for submodules.
     */
    private static boolean transport(Invocation c, Report out) {
        List<String> args = c.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String next = i + 1 < args.size() ? args.get(i + 1) : "";
            // compared without case and without copying: this runs for every command
            if (a.regionMatches(true, 0, "--insecure-skip-tls-verify", 0, 26) && !a.endsWith("=false")
                    || (a.equalsIgnoreCase("secure-http") || a.regionMatches(true, a.length() - 10, ".sslverify", 0, 10)
                            || a.equalsIgnoreCase("strict-ssl") || a.equalsIgnoreCase("enablestrictssl"))
                            && next.equalsIgnoreCase("false")
                    // gcloud config set auth/disable_ssl_validation true: every later gcloud call unchecked
                    || a.regionMatches(true, a.length() - 22, "disable_ssl_validation", 0, 22)
                            && (next.equalsIgnoreCase("true") || next.equals("1"))
                    || a.equalsIgnoreCase("protocol.file.allow") && next.equalsIgnoreCase("always")) {
                out.add(PROTECTION_OFF.finding("switches off transport security (" + a
                        + (a.contains("=") ? "" : " " + next) + ")", c.text()));
                return true;
            }
        }
        return false;
    }

    /** {@code pre-commit uninstall}, {@code husky uninstall}, {@code lefthook uninstall}: the repository's checks removed. */
    private static boolean hooksRemoved(Invocation c, Report out) {
        String prog = c.program();
        if (!prog.equals("pre-commit") && !prog.equals("husky") && !prog.equals("lefthook") && !prog.equals("overcommit")) {
            return false;
        }
        List<String> ops = c.operands();
        if (prog.equals("husky") && ops.size() > 1 && (ops.get(0).equals("add") || ops.get(0).equals("set"))) {
            // husky add .husky/pre-commit 'CMD': writes a hook that runs CMD on every commit
            c.path(ops.get(1)).ifPresent(p -> out.path(p.toString(), dev.warden.call.PathUse.Access.WRITE, c.text()));
            return false;
        }
        if ((prog.equals("pre-commit") || prog.equals("husky") || prog.equals("lefthook") || prog.equals("overcommit"))
                && !ops.isEmpty() && (ops.get(0).equals("uninstall") || ops.get(0).equals("--uninstall"))
                || prog.equals("overcommit") && c.flag("--uninstall")) {
            out.add(PROTECTION_OFF.finding(MEDIUM, "removes the repository's commit checks (" + prog + " uninstall)", c.text()));
            return true;
        }
        return false;
    }

    /** {@code crane tag}, {@code skopeo copy}, {@code docker buildx imagetools create -t}: images written to a registry. */
    private static boolean images(Invocation c, Report out) {
        String prog = c.program();
        if (!IMAGE_TOOLS.contains(prog) && !prog.equals("docker") && !prog.equals("web-ext") && !prog.equals("nomad")
                && !prog.equals("skaffold") && !prog.equals("dpl") && !prog.equals("clean-publish")) {
            return false;
        }
        List<String> ops = c.operands();
        String sub = ops.isEmpty() ? "" : ops.get(0);
        if (IMAGE_TOOLS.contains(c.program()) && Set.of("tag", "copy", "cp", "push", "append", "mutate", "rebase",
                "flatten", "index", "mv").contains(sub)) {
            out.add(DEPLOY_VERB.finding("writes an image to a registry (" + c.program() + " " + sub + ")", c.text()));
            return true;
        }
        if (c.program().equals("docker") && ops.size() > 2 && sub.equals("buildx") && ops.get(1).equals("imagetools")
                && ops.get(2).equals("create") && !c.flag("--dry-run")) {
            out.add(DEPLOY_VERB.finding("pushes an image manifest to a registry (buildx imagetools create)", c.text()));
            return true;
        }
        if (c.program().equals("skaffold") && (sub.equals("run") || sub.equals("deploy") || sub.equals("apply"))
                || c.program().equals("dpl") || c.program().equals("clean-publish")
                || c.program().equals("web-ext") && sub.equals("sign")
                || c.program().equals("nomad") && (sub.equals("run") || sub.equals("job") && ops.size() > 1
                        && ops.get(1).equals("run"))) {
            out.add(DEPLOY_VERB.finding("ships with " + c.program() + " " + sub, c.text()));
            return true;
        }
        return false;
    }

    /** {@code kamal deploy}, {@code opam publish}, {@code rebar3 hex publish}: shipping with a CLI of the long tail. */
    private static void deployVerb(Invocation c, Report out) {
        if (VCS.contains(c.program())) {
            return; // hg push, jj git push: pushing a branch, judged like git push is
        }
        int positional = 0;
        boolean value = false;
        boolean noun = false;
        String previous = "";
        for (String a : c.args()) {
            if (a.equals("--")) {
                return;
            }
            if (a.startsWith("-")) {
                if (a.equals("--dry-run") || a.equals("--dryrun") || a.equals("-n") && positional > 0 || a.equals("--help")
                        || a.equals("-h") || a.equals("--preview") || a.equals("--check")) {
                    return;
                }
                value = a.length() == 2 && positional == 0; // ssh-keygen -C 'test-deploy-key': an option's value
                continue;
            }
            if (value) {
                value = false;
                continue;
            }
            if (++positional > 3 || !identifier(a)) {
                return;
            }
            if (noun && (a.equals("create") || a.equals("trigger") || a.equals("new") || a.equals("start") || a.equals("run"))) {
                // render deploys create, railway deployments trigger: a deploy named as a noun, then made
                out.add(DEPLOY_VERB.finding("runs '" + previous + " " + a + "' with " + c.program(), c.text()));
                return;
            }
            noun = a.equals("deploys") || a.equals("deployments") || a.equals("deployment") || a.equals("releases")
                    || a.equals("rollouts");
            previous = a;
            for (String part : a.toLowerCase(Locale.ROOT).split("[-_:]")) {
                if (DEPLOY_VERBS.contains(part)) {
                    out.add(DEPLOY_VERB.finding("runs '" + a + "' with " + c.program(), c.text()));
                    return;
                }
            }
        }
    }

    /**
     * Arguments that expose or unprotect whatever the command changes, whichever CLI it is:
     * a world-open CIDR, {@code allUsers}, a listener on every interface, deletion protection
     * or public-access blocks switched off, a count of zero.
     */
    private static void safeguards(Invocation c, Report out) {
        List<String> args = c.args();
        String prog = c.program();
        // programs whose plain operands the checks below read (funnel, R:..., http, a served directory)
        boolean operandsMatter = prog.equals("tailscale") || prog.equals("chisel") || prog.equals("ssh")
                || prog.equals("ngrok") || prog.equals("rclone") || SERVERS.contains(prog);
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!operandsMatter && plainWord(a)) {
                continue; // this runs for every command: most arguments are words no check below can match
            }
            String next = i + 1 < args.size() ? args.get(i + 1) : "";
            String l = a.toLowerCase(Locale.ROOT);
            if (a.equals("0.0.0.0/0") || a.equals("::/0") || a.endsWith("=0.0.0.0/0") || l.startsWith("allusers")
                    || l.endsWith("=allusers") || l.endsWith("=allauthenticatedusers")
                    || l.contains(":allusers") || l.startsWith("allauthenticatedusers") || l.contains("allusers:")
                    || (a.equals("--address") || a.equals("--bind-address")) && next.equals("0.0.0.0")
                    || a.equals("--address=0.0.0.0") || prog.equals("tailscale") && a.equals("funnel")
                    || prog.equals("chisel") && a.startsWith("R:") || prog.equals("ssh") && a.startsWith("0.0.0.0:")
                    || prog.equals("ngrok") && (a.equals("http") || a.equals("tcp")) && i == 0) {
                out.add(EXPOSE.finding("opens access to everyone (" + a + (a.startsWith("--") ? " " + next : "") + ")",
                        c.text()));
                return;
            }
            if (l.equals("credential_process") || l.startsWith("--exec-command") || l.startsWith("users.") && l.endsWith(".exec.command")
                    || l.equals("credential.helper") || l.equals("credsstore") || l.equals("credhelpers")) {
                out.add(CREDENTIAL_HELPER.finding("sets a program a CLI will run to get credentials (" + a + ")", c.text()));
                return;
            }
            if ((l.equals("--allow-blob-public-access") || l.equals("--public-access")) && (next.equals("true")
                    || next.equals("blob") || next.equals("container")) || l.equals("--allow-blob-public-access=true")) {
                out.add(EXPOSE.finding("makes storage readable by anyone (" + a + " " + next + ")", c.text()));
                return;
            }
            if (l.contains("0.0.0.0/0") && !a.equals("0.0.0.0/0") && !a.endsWith("=0.0.0.0/0") && inboundRule(args, i)) {
                // doctl compute firewall add-rules --inbound-rules "protocol:tcp,ports:all,address:0.0.0.0/0"
                int at = l.indexOf("0.0.0.0/0");
                char before = at == 0 ? ':' : l.charAt(at - 1);
                if (before == ':' || before == '=' || before == ',' || before == ' ' || before == '"' || before == '[') {
                    out.add(EXPOSE.finding("opens access to everyone (" + a + ")", c.text()));
                    return;
                }
            }
            if ((SERVERS.contains(prog) || prog.equals("rclone") && i > 1 && args.get(0).equals("serve"))
                    && servesHome(c, a, next)) {
                out.add(EXPOSE.finding("serves the home directory, keys and credentials included, over HTTP", c.text()));
                return;
            }
            if ((l.equals("--source-address-prefixes") || l.equals("--source-address-prefix")) && (next.equals("*")
                    || next.equalsIgnoreCase("internet") || next.equalsIgnoreCase("any"))
                    || l.equals("--end-ip-address") && next.equals("255.255.255.255")) {
                out.add(EXPOSE.finding("opens access to every address (" + a + " " + next + ")", c.text()));
                return;
            }
            if (l.equals("--allow-external-principals") && !next.equalsIgnoreCase("false")) {
                out.add(GRANT.finding("shares resources with accounts outside the organization", c.text()));
                return;
            }
            if (l.equals("--doit") && prog.startsWith("octodns")) {
                out.add(DEPLOY_VERB.finding("applies DNS changes, deletions included (octodns-sync --doit)", c.text()));
                return;
            }
            if (l.equals("--mode") && next.equalsIgnoreCase("complete") || l.equals("--mode=complete")) {
                // az deployment ... --mode Complete: every resource the template does not list is deleted
                out.add(DESTRUCTIVE.finding(HIGH, "deletes every resource of the group the template does not list "
                        + "(--mode Complete)", c.text()));
                return;
            }
            if (l.startsWith("--no-") && (l.contains("deletion-protection") || l.contains("termination-protection")
                    || l.contains("api-termination") || l.equals("--no-backup") || l.contains("point-in-time-recovery"))
                    || (l.equals("--backup-retention-period") || l.equals("--retained-backups")) && next.equals("0")
                    || l.equals("--backup-retention-period=0") || l.contains("status=suspended") && prog.equals("aws")
                    || l.equals("--deletion-protection") && next.equalsIgnoreCase("false")) {
                out.add(PROTECTION_OFF.finding("switches off a safeguard (" + a + (a.startsWith("--") && !a.contains("=")
                        && !a.startsWith("--no-") ? " " + next : "") + ")", c.text()));
                return;
            }
            if (l.equals("--no-versioning") || l.equals("versioning") && next.equals("set") && args.contains("off")
                    || l.contains("enable-oslogin=false") || l.equals("--enable-legacy-authorization")
                    || l.equals("--no-enable-master-authorized-networks")) {
                // gcloud storage buckets update --no-versioning, gsutil versioning set off, OS Login off
                out.add(PROTECTION_OFF.finding("switches off a safeguard (" + a + ")", c.text()));
                return;
            }
            if ((l.equals("--enabled") || l.equals("--enable")) && (next.equalsIgnoreCase("false") || next.equals("0"))
                    || l.equals("--enabled=false") || l.equals("--enable=false")) {
                // az monitor activity-log alert update --enabled false: an alert, rule or monitor no longer fires
                String line = String.join(" ", args).toLowerCase(Locale.ROOT);
                for (String w : new String[] {"alert", "monitor", "alarm", "log", "audit", "policy", "defender", "security",
                        "guard", "diagnostic", "trail", "backup", "protection", "firewall", "waf", "scan"}) {
                    if (line.contains(w)) {
                        out.add(PROTECTION_OFF.finding("switches off a safeguard (" + a + (a.contains("=") ? "" : " " + next)
                                + ")", c.text()));
                        return;
                    }
                }
            }
            if (l.equals("--publicly-accessible")) {
                out.add(EXPOSE.finding("makes a database reachable from the internet (" + a + ")", c.text()));
                return;
            }
            if (l.equals("--enable-exec") && (prog.equals("kustomize") || prog.equals("kubectl"))) {
                out.add(PROTECTION_OFF.finding("lets kustomize run the programs its manifests name (--enable-exec)", c.text()));
                return;
            }
            if (l.equals("sslrequired=none") || l.equals("--mfa-configuration") && next.equalsIgnoreCase("off")
                    || l.equals("--mfa-configuration=off") || l.equals("--complexity=off") || l.equals("--min-pwd-length=0")
                    || l.contains("auth_allow_insecure") && next.equalsIgnoreCase("true") || l.endsWith("auto-snapshot=false")
                    || l.equals("bruteforceprotected=false")) {
                out.add(PROTECTION_OFF.finding("lowers a sign-in or data safeguard (" + a
                        + (next.equalsIgnoreCase("off") || next.equalsIgnoreCase("true") ? " " + next : "") + ")", c.text()));
                return;
            }
            if ((a.equals("-s") || a.equals("--set")) && (next.equalsIgnoreCase("enabled=false")
                    || next.equalsIgnoreCase("enabled=off"))) {
                out.add(DESTRUCTIVE.finding("disables an account, realm or resource (" + next + ")", c.text()));
                return;
            }
            if (l.equals("--lifecycle-configuration") && next.contains("Expiration")) {
                out.add(PROTECTION_OFF.finding(MEDIUM, "sets stored objects to expire (deleted by the provider later)",
                        c.text()));
                return;
            }
            if (l.equals("--no-deletion-protection") || l.equals("--deletion-protection=false")
                    || l.equals("--no-enable-deletion-protection") || l.equals("--disable-deletion-protection")
                    || l.contains("blockpublicacls=false") || l.contains("blockpublicpolicy=false")
                    || l.contains("restrictpublicbuckets=false") || l.contains("ignorepublicacls=false")
                    || l.equals("--no-termination-protection") || l.equals("--no-enable-termination-protection")) {
                out.add(PROTECTION_OFF.finding("switches off a safeguard (" + a + ")", c.text()));
                return;
            }
            if ((l.equals("--desired-count") || l.equals("--desired-capacity") || l.equals("--num-nodes")
                    || l.equals("--node-count") || l.equals("--max-size") || l.equals("--reserved-concurrent-executions"))
                    && next.equals("0") || l.equals("--reserved-concurrent-executions=0")
                    || l.equals("--desired-count=0") || l.equals("--desired-capacity=0") || l.equals("--num-nodes=0")
                    || l.equals("--node-count=0") || l.equals("--max-size=0")) {
                out.add(SCALE_ZERO.finding("scales to zero (" + a + (a.contains("=") ? "" : " " + next) + ")", c.text()));
                return;
            }
        }
    }

    /**
     * A word none of the safeguard checks can match: not an option, and without the characters
     * their values and settings are written with ({@code = / : _ .}), unless it is one of the
     * bare words they look for ({@code allUsers}, {@code credsStore}, {@code versioning}).
     */
    private static boolean plainWord(String a) {
        if (a.length() == 2 && a.charAt(0) == '-') {
            return a.charAt(1) != 's'; // of the short options only -s (--set) is read below
        }
        if (a.isEmpty() || a.charAt(0) == '-') {
            return false;
        }
        if (a.indexOf("://") > 0) {
            // a URL: only a world-open address or allUsers written inside it would matter
            return a.indexOf("0.0.0.0") < 0 && a.indexOf("llUsers") < 0 && a.indexOf("llusers") < 0
                    && a.indexOf("llAuthenticatedUsers") < 0;
        }
        for (int k = 0; k < a.length(); k++) {
            char ch = a.charAt(k);
            if (ch == '=' || ch == '/' || ch == ':' || ch == '_' || ch == '.') {
                return false;
            }
        }
        return !(a.regionMatches(true, 0, "allusers", 0, 8) || a.regionMatches(true, 0, "allauthenticatedusers", 0, 21)
                || a.equalsIgnoreCase("credsstore") || a.equalsIgnoreCase("credhelpers") || a.equalsIgnoreCase("versioning"));
    }

    /** Words of option names that name a role or group. */
    private static boolean roleOption(String l) {
        return l.equals("--rolename") || l.equals("--role-name") || l.equals("--group-name") || l.equals("--groupname")
                || l.equals("--group") || l.equals("--group-email") || l.equals("--group-id") || l.equals("--roles");
    }

    private static boolean adminName(String v) {
        String l = v.toLowerCase(Locale.ROOT);
        return l.contains("admin") || l.contains("owner") || l.contains("superuser") || l.equals("root")
                || l.equals("wheel") || l.equals("sudo");
    }

    /** A subcommand word that adds or grants ({@code add}, {@code add-roles}, {@code addmembers}, {@code admin-add-user-to-group}). */
    private static boolean addsWord(String w) {
        String l = w.toLowerCase(Locale.ROOT);
        if (l.equals("addmembers") || l.equals("add-members") || l.equals("grant") || l.equals("assign")
                || l.equals("attach") || l.equals("bind") || l.equals("invite") || l.equals("join")) {
            return true;
        }
        int start = 0;
        for (int i = 0; i <= l.length(); i++) { // the parts between '-', '_' and ':' (no regex: most commands come here)
            if (i == l.length() || l.charAt(i) == '-' || l.charAt(i) == '_' || l.charAt(i) == ':') {
                String part = l.substring(start, i);
                if (part.equals("add") || part.equals("grant") || part.equals("assign") || part.equals("attach")) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    /**
     * Identity and directory changes whatever the tool: someone put in an admin group or role
     * ({@code kcadm.sh add-roles --rolename admin}, {@code samba-tool group addmembers "Domain
     * Admins"}, {@code aws cognito-idp admin-add-user-to-group --group-name admins}), anyone
     * allowed everything ({@code kafka-acls --allow-principal User:*}, {@code rabbitmqctl
     * set_permissions u '.*' '.*' '.*'}), another account's password set ({@code ldappasswd},
     * {@code samba-tool user setpassword}), directory entries deleted or changed (ldapdelete,
     * ldapmodify), accounts or realms switched off, and sign-in safeguards lowered.
     */
    private static boolean identity(Invocation c, List<String> ops, Report out) {
        String prog = c.program();
        List<String> args = c.args();
        int adds = -1; // where the adding subcommand word is
        for (int i = 0; i < Math.min(4, ops.size()) && adds < 0; i++) {
            adds = identifier(ops.get(i)) && addsWord(ops.get(i)) ? i : -1;
        }
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                continue; // the role and principal options below are all long options
            }
            String l = a.toLowerCase(Locale.ROOT);
            String next = i + 1 < args.size() ? args.get(i + 1) : "";
            String value = l.indexOf('=') > 0 && l.startsWith("--") ? a.substring(a.indexOf('=') + 1) : next;
            String name = l.indexOf('=') > 0 && l.startsWith("--") ? l.substring(0, l.indexOf('=')) : l;
            if (adds >= 0 && roleOption(name) && adminName(value)) {
                out.add(GRANT.finding("adds someone to the " + value + " role or group", c.text()));
                return true;
            }
            if (name.equals("--allow-principal") && (value.equals("*") || value.endsWith(":*"))) {
                out.add(GRANT.finding("allows every principal (" + value + ")", c.text()));
                return true;
            }
        }
        if (adds >= 0) {
            for (String o : ops.subList(adds + 1, ops.size())) { // (mc admin policy attach: "admin" is the subcommand)
                if (adminName(o) && o.indexOf('/') < 0 && o.indexOf('.') < 0 && !addsWord(o)) {
                    // samba-tool group addmembers "Domain Admins" x, az ad group member add --group "Global Admins"
                    out.add(GRANT.finding("adds someone to " + o, c.text()));
                    return true;
                }
            }
        }
        boolean createsUser = ops.contains("create-admin") || (ops.contains("users") || ops.contains("user"))
                && (ops.contains("create") || ops.contains("add"));
        if (createsUser && (ops.contains("create-admin") || c.flag("--admin", "--superuser")
                || c.option("-r", "--role").map(LongTailPack::adminName).orElse(false))) {
            // airflow users create -r Admin, superset fab create-admin, tea admin users create --admin
            out.add(GRANT.finding(MEDIUM, "creates an administrator account", c.text()));
            return true;
        }
        if (prog.equals("rabbitmqctl") && !ops.isEmpty() && ops.get(0).equals("set_permissions")
                && ops.size() >= 5 && ops.get(ops.size() - 3).equals(".*")) {
            out.add(GRANT.finding("gives a RabbitMQ user every permission on the virtual host", c.text()));
            return true;
        }
        if (prog.contains("reset-password") || prog.contains("setpassword") || prog.equals("gam") && ops.contains("password")
                && (ops.contains("update") || ops.contains("user"))) {
            // elasticsearch-reset-password -u elastic, gam update user X password Y
            out.add(GRANT.finding(MEDIUM, "sets or resets an account's password (" + prog + ")", c.text()));
            return true;
        }
        if (prog.equals("gam") && ops.contains("forward") && ops.contains("on")) {
            out.add(EVENT_FEED.finding("forwards a mailbox to another address (gam ... forward on)", c.text()));
            return true;
        }
        if (prog.equals("ldappasswd") || prog.equals("samba-tool") && ops.size() > 1 && ops.get(0).equals("user")
                && (ops.get(1).equals("setpassword") || ops.get(1).equals("setexpiry") || ops.get(1).equals("disable"))) {
            out.add(GRANT.finding(MEDIUM, "sets or changes another account's password or state", c.text()));
            return true;
        }
        for (int i = 0; i < Math.min(4, ops.size()); i++) {
            String w = ops.get(i).toLowerCase(Locale.ROOT);
            if (identifier(w) && (w.contains("setpassword") || w.contains("set-password") || w.contains("set-user-password")
                    || w.contains("resetpassword") || w.contains("reset-password") || w.equals("set-password"))) {
                out.add(GRANT.finding(MEDIUM, "sets or resets an account's password (" + ops.get(i) + ")", c.text()));
                return true; // kcadm.sh set-password, aws cognito-idp admin-set-user-password
            }
        }
        if (prog.equals("ldapdelete")) {
            out.add(DESTRUCTIVE.finding(HIGH, "deletes directory entries" + (c.flag("-r") ? " and everything below them" : ""),
                    c.text()));
            return true;
        }
        if (prog.equals("ldapmodify") || prog.equals("ldapadd")) {
            String ldif = c.stdin().orElse("").toLowerCase(Locale.ROOT);
            for (dev.warden.call.Command.Redirect r : c.command().redirects()) {
                if (r.op().startsWith("<<")) {
                    ldif += "\n" + r.target().toLowerCase(Locale.ROOT);
                }
            }
            if (ldif.contains("changetype: delete") || ldif.contains("changetype:delete")) {
                out.add(DESTRUCTIVE.finding(HIGH, "deletes directory entries (ldapmodify changetype: delete)", c.text()));
            } else if (ldif.contains("member") && ldif.contains("admin") || ldif.contains("userpassword")) {
                out.add(GRANT.finding("adds a member to an admin group or sets a password in the directory", c.text()));
            } else {
                out.add(DESTRUCTIVE.finding("changes directory entries (" + prog + ")", c.text()));
            }
            return true;
        }
        return false;
    }

    /**
     * Monitoring silenced whatever the tool: a downtime or maintenance window scheduled
     * ({@code dog downtime post '*'}, {@code pd maintenance-window create}), or every incident
     * acknowledged at once ({@code pd incident:ack --all}). Alerts that would have called someone stay quiet.
     */
    private static boolean silences(Invocation c, List<String> ops, Report out) {
        boolean window = false;
        boolean create = false;
        boolean ack = false;
        for (int i = 0; i < Math.min(4, ops.size()); i++) {
            String w = ops.get(i);
            if (w.length() < 3 || w.indexOf("://") > 0) {
                continue; // no verb or noun below is shorter; a URL is none of them
            }
            w = w.toLowerCase(Locale.ROOT);
            window |= w.contains("downtime") || w.contains("maintenance-window") || w.contains("maintenance_window")
                    || w.equals("maintenance") || w.contains("maintenancewindow");
            create |= w.equals("create") || w.equals("post") || w.equals("schedule") || w.equals("add") || w.equals("new")
                    || w.equals("start") || w.endsWith(":create") || w.endsWith(":post") || w.endsWith(":schedule");
            ack |= w.equals("ack") || w.equals("acknowledge") || w.endsWith(":ack") || w.endsWith(":acknowledge")
                    || w.endsWith(":resolve") || w.equals("resolve");
        }
        if (window && create) {
            out.add(DESTRUCTIVE.finding("silences monitoring with a downtime or maintenance window", c.text()));
            return true;
        }
        if (ack && c.flag("--all", "-a")) {
            out.add(DESTRUCTIVE.finding("acknowledges or resolves every open incident at once", c.text()));
            return true;
        }
        return false;
    }

    /**
     * Data deleted through settings: a topic's retention cut to almost nothing or its cleanup
     * policy switched to compaction ({@code kafka-configs --add-config retention.ms=1000},
     * {@code rpk topic alter-config --set retention.ms=1}): the broker deletes the data itself.
     */
    private static boolean retention(Invocation c, Report out) {
        for (String a : c.args()) {
            if (a.indexOf("retention") < 0 && a.indexOf("cleanup.policy") < 0) {
                continue; // broker settings are written in lower case; most arguments have neither word
            }
            String l = a.toLowerCase(Locale.ROOT);
            if ((l.equals("--retention") || l.startsWith("--retention=")) && c.args().contains("update")) {
                // influx bucket update --retention 1h: everything older is deleted (0 keeps everything)
                int i = c.args().indexOf(a);
                String v = l.indexOf('=') > 0 ? l.substring(l.indexOf('=') + 1) : i + 1 < c.args().size() ? c.args().get(i + 1) : "";
                long seconds = seconds(v.toLowerCase(Locale.ROOT));
                if (seconds > 0 && seconds < 7 * 86_400L) {
                    out.add(DESTRUCTIVE.finding(HIGH, "shortens how long stored data is kept (" + a + " " + v
                            + "): older data is deleted", c.text()));
                    return true;
                }
                if (seconds < 0) {
                    // a duration Warden cannot read is not taken for a long one
                    out.add(DESTRUCTIVE.finding(MEDIUM, "changes how long stored data is kept to '" + v
                            + "', a duration Warden cannot read: older data may be deleted", c.text()));
                    return true;
                }
            }
            int at = l.indexOf("retention.ms=");
            int bytes = l.indexOf("retention.bytes=");
            boolean shortRetention = false;
            if (at >= 0 || bytes >= 0) {
                String v = l.substring((at >= 0 ? at + 13 : bytes + 16));
                int end = 0;
                while (end < v.length() && Character.isDigit(v.charAt(end))) {
                    end++;
                }
                try {
                    long n = end == 0 ? Long.MAX_VALUE : Long.parseLong(v.substring(0, Math.min(end, 18)));
                    shortRetention = at >= 0 ? n < 3_600_000L : n < 1_048_576L;
                } catch (NumberFormatException e) {
                    shortRetention = false;
                }
            }
            if (shortRetention || l.contains("cleanup.policy=compact") || l.contains("delete.retention.ms=0")) {
                out.add(DESTRUCTIVE.finding(HIGH, "makes the broker delete stored messages (" + a + ")", c.text()));
                return true;
            }
        }
        return false;
    }

    /** A duration such as {@code 1h}, {@code 30m}, {@code 2d12h}, {@code 3600s} in seconds; -1 when unreadable. */
    static long seconds(String v) {
        long total = 0;
        long n = -1;
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (Character.isDigit(ch)) {
                n = (n < 0 ? 0 : n) * 10 + (ch - '0');
                if (n > 1_000_000_000L) {
                    return -1;
                }
                continue;
            }
            if (n < 0) {
                return -1;
            }
            boolean sub = ch == 'n' || ch == 'u' || ch == 'µ' || ch == 'm' && i + 1 < v.length() && v.charAt(i + 1) == 's';
            long unit = switch (ch) {
                case 's' -> 1;
                case 'm' -> sub ? 0 : 60;
                case 'h' -> 3600;
                case 'd' -> 86_400;
                case 'w' -> 604_800;
                default -> sub ? 0 : -1;
            };
            if (unit < 0) {
                return -1;
            }
            total += n * unit;
            n = -1;
            if (sub && i + 1 < v.length() && v.charAt(i + 1) == 's') {
                i++;
            }
        }
        return n >= 0 ? total + n : total;
    }

    /**
     * Shipping by the long tail's own words: a CDN configuration activated ({@code fastly
     * service-version activate}, {@code akamai property-manager activate}), a workflow submitted
     * from a URL ({@code argo submit https://...}), tracking data collected for good
     * ({@code mlflow gc}, {@code dvc gc --cloud}).
     */
    private static boolean shipsElsewhere(Invocation c, List<String> ops, Report out) {
        String prog = c.program();
        String sub = ops.isEmpty() ? "" : ops.get(0);
        if ((prog.equals("fastly") || prog.equals("akamai")) && ops.contains("activate")) {
            out.add(DEPLOY_VERB.finding("activates a CDN configuration (" + prog + " ... activate)", c.text()));
            return true;
        }
        if ((prog.equals("argo") || prog.equals("argo-workflows")) && sub.equals("submit")) {
            for (String o : ops) {
                if (o.startsWith("http://") || o.startsWith("https://")) {
                    out.add(DEPLOY_VERB.finding("runs a workflow definition fetched from " + o, c.text()));
                    return true;
                }
            }
        }
        if (prog.equals("airflow") && sub.equals("db") && ops.size() > 1 && (ops.get(1).equals("clean")
                || ops.get(1).equals("reset") || ops.get(1).equals("downgrade"))) {
            out.add(DESTRUCTIVE.finding(HIGH, "deletes Airflow's metadata (airflow db " + ops.get(1) + ")", c.text()));
            return true;
        }
        if (prog.equals("mlflow") && sub.equals("gc")) {
            out.add(DESTRUCTIVE.finding(HIGH, "permanently deletes runs and their artifacts (mlflow gc)", c.text()));
            return true;
        }
        if (prog.equals("dvc") && sub.equals("gc") && !c.flag("--dry", "-h", "--help")) {
            boolean cloud = c.flag("-c", "--cloud") || c.args().stream().anyMatch(a -> a.matches("-[a-z]*c[a-z]*"));
            out.add(DESTRUCTIVE.finding(cloud ? HIGH : MEDIUM, "deletes cached data" + (cloud ? " from the remote storage too"
                    : " not in the current workspace"), c.text()));
            return true;
        }
        return false;
    }

    /** kubectl's own verbs: any other first word runs a plugin ({@code kubectl cnpg destroy}), read here. */
    private static final Set<String> KUBECTL_VERBS = Set.of("get", "describe", "create", "apply", "delete", "edit",
            "patch", "replace", "rollout", "scale", "autoscale", "expose", "run", "set", "label", "annotate", "exec",
            "logs", "port-forward", "proxy", "cp", "attach", "auth", "debug", "events", "top", "cordon", "uncordon",
            "drain", "taint", "certificate", "cluster-info", "api-resources", "api-versions", "config", "plugin",
            "version", "explain", "wait", "diff", "kustomize", "completion", "alpha", "krew", "options", "help");

    private static boolean kubectlPlugin(Invocation c) {
        if (!c.program().equals("kubectl") && !c.program().equals("oc")) {
            return false;
        }
        List<String> ops = c.operands();
        return !ops.isEmpty() && !KUBECTL_VERBS.contains(ops.get(0)) && identifier(ops.get(0));
    }

    /**
     * An uninstaller or teardown script run from the PATH or outside the project
     * ({@code k3s-uninstall.sh}, {@code /usr/local/bin/rke2-killall.sh}): it removes software
     * and its data for the whole machine. A project's own scripts are its business.
     */
    private static boolean uninstaller(Invocation c, Report out) {
        String prog = c.program();
        if (prog.indexOf('-') < 0 && prog.indexOf('_') < 0 || !prog.endsWith(".sh") && !prog.contains("uninstall")
                && !prog.contains("delete") && !prog.contains("purge") && !(prog.contains("cleanup")
                        && c.flag("--do-it", "--doit", "--yes", "-y", "--force", "-f"))) {
            return false; // (kafka-delete-records, kafka-delete-records.sh: a program named for what it does)
        }
        List<String> argv = c.command().argv();
        String written = argv.isEmpty() ? "" : argv.get(0);
        if (written.indexOf('/') >= 0 && c.path(written).map(p -> p.startsWith(c.context().projectRoot())).orElse(true)) {
            return false;
        }
        boolean confirmed = c.flag("--do-it", "--doit", "--yes", "-y", "--force", "-f");
        String stem = prog.endsWith(".sh") ? prog.substring(0, prog.length() - 3) : prog;
        for (String part : stem.split("[-_]")) {
            if (part.equals("uninstall") || part.equals("killall") || part.equals("nuke") || part.equals("wipe")
                    || part.equals("teardown") || part.equals("purge") || part.equals("delete")
                    || part.equals("cleanup") && confirmed) {
                out.add(DESTRUCTIVE.finding(HIGH, "runs " + prog + ", named for what it does (" + part + ")", c.text()));
                return true;
            }
        }
        return false;
    }

    /**
     * Stripe's CLI acts on live accounts: raw API writes ({@code stripe post /v1/refunds},
     * {@code stripe delete}) and resource verbs that move money or end a customer's service
     * ({@code stripe subscriptions cancel}, {@code stripe refunds create}).
     */
    private static boolean stripe(Invocation c, Report out) {
        if (!c.program().equals("stripe")) {
            return false;
        }
        List<String> ops = c.operands();
        String sub = ops.isEmpty() ? "" : ops.get(0);
        String sub2 = ops.size() > 1 ? ops.get(1) : "";
        if (sub.equals("post") || sub.equals("delete")) {
            out.add(DESTRUCTIVE.finding(sub.equals("delete") ? HIGH : MEDIUM, "sends a " + sub.toUpperCase(Locale.ROOT)
                    + " request to the Stripe API (" + sub2 + ")", c.text()));
            return true;
        }
        if (Set.of("cancel", "refund", "void", "void_invoice", "pay", "finalize_invoice", "capture", "close", "reject",
                "mark_uncollectible", "delete").contains(sub2) || sub.equals("refunds") && sub2.equals("create")
                || sub.equals("payouts") && sub2.equals("create") || sub.equals("transfers") && sub2.equals("create")) {
            out.add(DESTRUCTIVE.finding("changes payments or subscriptions on the Stripe account (" + sub + " " + sub2 + ")",
                    c.text()));
            return true;
        }
        return false;
    }

    static final Rule EVENT_FEED = new Rule("tail.event-feed", HIGH,
            "subscribes a web address outside this machine to a service's events (payments, pushes, alerts)",
            "stripe webhook_endpoints create --url https://collector.example/hook -d 'enabled_events[]=*'",
            "let the service's owner add webhooks; point test webhooks at localhost");

    /** {@code webhook_endpoints create --url https://elsewhere}: every later event sent to that address. */
    private static boolean eventFeed(Invocation c, Report out) {
        List<String> args = c.args();
        String url = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--") && (a.equals("--url") || a.equals("--endpoint") || a.equals("--target-url")
                    || a.equals("--callback-url") || a.equals("--notification-endpoint")) && i + 1 < args.size()) {
                url = args.get(i + 1);
            } else if (a.startsWith("--url=") || a.startsWith("--endpoint=") || a.startsWith("--notification-endpoint=")) {
                url = a.substring(a.indexOf('=') + 1);
            }
        }
        if (url != null && url.indexOf('@') > 0 && !url.contains("://")) {
            url = "mailto://" + url.substring(url.indexOf('@') + 1); // an e-mail address: its domain receives the events
        }
        if (url == null || !url.contains("://")) {
            return false; // checked first: this runs for every command
        }
        boolean webhook = false;
        boolean create = false;
        for (String w : c.operands()) {
            String a = w.toLowerCase(Locale.ROOT);
            webhook |= a.contains("webhook") || a.contains("hooks") || a.equals("subscribe");
            create |= a.equals("create") || a.equals("add") || a.endsWith(":add") || a.endsWith(":create") || a.equals("new")
                    || a.equals("subscribe");
        }
        String host = webhook && create ? dev.warden.analysis.Hosts.hostOf(url) : null;
        if (host == null || dev.warden.analysis.Hosts.local(host)) {
            return false;
        }
        out.add(EVENT_FEED.finding("sends the service's events to " + host + " from now on", c.text()));
        return true;
    }

    /**
     * A snapshot or backup restored over the live state ({@code consul snapshot restore},
     * {@code velero restore create --existing-resource-policy=update}): what is there now is replaced.
     */
    private static boolean restores(Invocation c, Report out) {
        List<String> args = c.args();
        int restore = args.indexOf("restore");
        if (restore < 0 || restore > 3 || c.program().equals("etcdctl") || c.program().equals("git")) {
            return false; // etcdctl snapshot restore writes a new data directory
        }
        for (int i = restore; i + 1 < args.size(); i++) {
            if (args.get(i).equals("--target") || args.get(i).equals("-t") || args.get(i).equals("--target-dir")) {
                java.util.Optional<java.nio.file.Path> to = c.path(args.get(i + 1));
                if (to.isPresent() && (to.get().getNameCount() == 0 || c.context().home().startsWith(to.get())
                        || to.get().startsWith("/etc") || to.get().startsWith("/usr"))) {
                    // restic restore latest --target /: the backup's files written over the system or home
                    out.add(DESTRUCTIVE.finding(HIGH, "restores a backup over " + to.get(), c.text()));
                    return true;
                }
            }
        }
        boolean snapshot = args.subList(0, restore).contains("snapshot") || args.subList(0, restore).contains("raft");
        boolean overwrite = false;
        for (int i = restore; i < args.size(); i++) {
            String a = args.get(i);
            overwrite |= a.equals("--existing-resource-policy=update") || a.equals("--existing-resource-policy")
                    && i + 1 < args.size() && args.get(i + 1).equals("update");
        }
        if (!snapshot && !overwrite) {
            return false;
        }
        out.add(DESTRUCTIVE.finding(HIGH, overwrite ? "restores a backup over live resources (--existing-resource-policy=update)"
                : "replaces the current state with a snapshot (" + c.program() + " snapshot restore)", c.text()));
        return true;
    }

    /** The argument at {@code i} is not an egress rule (outbound traffic to anywhere is the default). */
    private static boolean inboundRule(List<String> args, int i) {
        String here = args.get(i).toLowerCase(Locale.ROOT);
        String option = i > 0 ? args.get(i - 1).toLowerCase(Locale.ROOT) : "";
        return !here.contains("outbound") && !here.contains("egress") && !option.contains("outbound")
                && !option.contains("egress");
    }

    /** Static file servers: what they serve is given as an operand or a root option. */
    private static final Set<String> SERVERS = Set.of("http-server", "serve", "darkhttpd", "busybox", "httpd",
            "caddy", "miniserve", "static-web-server", "live-server");

    /** True when {@code a} (or the value after {@code -h}/{@code --root}) names home or one of its ancestors. */
    private static boolean servesHome(Invocation c, String a, String next) {
        String dir = a.equals("-h") || a.equals("--root") || a.equals("-d") || a.equals("--dir") ? next
                : a.startsWith("-") ? null : a;
        if (dir == null) {
            return false;
        }
        java.util.Optional<java.nio.file.Path> p = c.path(dir);
        return p.isPresent() && c.context().home().startsWith(p.get());
    }

    /** Verbs that start a fused subcommand word ({@code deletetable}, {@code clearsnapshot}, {@code droptopic}). */
    private static final List<String> FUSED = List.of("delete", "drop", "destroy", "purge", "remove", "truncate", "wipe",
            "clear", "flush", "erase");

    /**
     * The destructive verb a fused lower-case subcommand starts with ({@code deletetable}), when
     * what follows is a noun of at least four letters; null otherwise ({@code dropdown} is a word).
     */
    static @org.jspecify.annotations.Nullable String fusedVerb(String word) {
        if (word.length() > 40 || !word.chars().allMatch(ch -> ch >= 'a' && ch <= 'z')) {
            return null;
        }
        for (String v : FUSED) {
            if (word.startsWith(v) && word.length() >= v.length() + 4 && !word.equals("dropdown")
                    && !word.startsWith("clearance")) {
                return v;
            }
        }
        return null;
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
