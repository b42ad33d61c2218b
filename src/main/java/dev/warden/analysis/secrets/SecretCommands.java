package dev.warden.analysis.secrets;

import dev.warden.analysis.Invocation;
import dev.warden.analysis.Report;
import dev.warden.call.Severity;
import java.util.List;
import java.util.Locale;

/** Commands whose purpose is to print a secret, or the whole environment. */
final class SecretCommands {

    private SecretCommands() {}

    static void inspect(Invocation c, Report out) {
        List<String> ops = c.operands();
        String sub = ops.isEmpty() ? "" : ops.get(0);
        String sub2 = ops.size() > 1 ? ops.get(1) : "";
        switch (c.program()) {
            case "security" -> {
                if (sub.startsWith("find-") && sub.endsWith("-password") || sub.equals("dump-keychain")
                        || sub.equals("export")) {
                    boolean prints = c.flag("-w", "-g", "-d") || sub.equals("dump-keychain") || sub.equals("export");
                    secret(c, prints ? Severity.HIGH : Severity.MEDIUM, out);
                }
            }
            case "secret-tool" -> {
                if (sub.equals("lookup") || sub.equals("search")) {
                    secret(c, Severity.HIGH, out);
                }
            }
            case "pass", "gopass" -> {
                if (sub.equals("show") || sub.equals("cat") || sub.equals("otp") || !sub.isEmpty() && !isPassVerb(sub)) {
                    secret(c, Severity.HIGH, out);
                }
            }
            case "lpass" -> {
                if (sub.equals("show") || sub.equals("export")) {
                    secret(c, Severity.HIGH, out);
                }
            }
            case "gh", "glab", "tea", "fj" -> {
                // gh auth token, gh/glab auth status -t (--show-token): the forge's token printed
                if (sub.equals("auth") && (sub2.equals("token") || c.flag("--show-token", "-t"))) {
                    secret(c, Severity.HIGH, out);
                }
            }
            case "aws" -> aws(c, ops, out);
            case "aws-vault", "saml2aws", "aws-sso", "gimme-aws-creds" -> {
                // aws-vault export, saml2aws script, aws-sso eval: temporary cloud credentials printed
                if (sub.equals("export") || sub.equals("script") || sub.equals("eval") || sub.equals("credential-process")
                        || c.program().equals("gimme-aws-creds") && c.flag("--output-format", "-o")) {
                    secret(c, Severity.HIGH, out);
                }
            }
            case "gcloud" -> {
                String line = String.join(" ", ops);
                if (line.startsWith("secrets versions access") || line.startsWith("kms decrypt")) {
                    secret(c, Severity.HIGH, out);
                } else if (line.startsWith("auth print-access-token") || line.startsWith("auth print-identity-token")
                        || line.startsWith("sql generate-login-token")
                        || line.startsWith("config config-helper")
                        || line.startsWith("auth application-default print-access-token")) {
                    secret(c, Severity.MEDIUM, out);
                } else if ((line.startsWith("run services describe") || line.startsWith("run jobs describe")
                        || line.startsWith("functions describe")) && c.option("--format")
                        .map(f -> f.toLowerCase(Locale.ROOT).contains("env")).orElse(false)) {
                    // the service's environment variables, asked for by the format (the default view is a summary)
                    secret(c, Severity.MEDIUM, out);
                }
            }
            case "az" -> {
                String line = String.join(" ", ops);
                if (line.startsWith("acr credential show") || line.startsWith("keyvault secret show")
                        || line.startsWith("keyvault secret download")
                        || line.startsWith("keyvault key download") || line.startsWith("storage account keys list")
                        || line.contains("list-keys") || line.contains("list-credentials") || line.contains(" keys list")
                        || line.contains("show-connection-string") || line.contains("connection-string list")
                        || line.contains("list-connection-strings")) {
                    secret(c, Severity.HIGH, out);
                } else if (line.startsWith("aks get-credentials") && (String.join(" ", c.args()).contains("--file -")
                        || String.join(" ", c.args()).contains("-f -"))) {
                    secret(c, Severity.HIGH, out); // the cluster's kubeconfig, keys included, printed
                } else if (line.startsWith("ad sp create-for-rbac") || line.contains("credential reset")) {
                    secret(c, Severity.MEDIUM, out); // a new client secret, printed
                } else if (line.startsWith("account get-access-token") || line.contains("appsettings list")
                        || line.contains("connection-string list")) {
                    // --query '[].name': only the names, as kubectl get secret NAME without -o
                    boolean names = c.option("--query").map(q -> q.contains("name") && !q.contains("value")).orElse(false);
                    if (!names) {
                        secret(c, Severity.MEDIUM, out);
                    }
                }
            }
            case "kubectl", "oc" -> {
                int get = ops.indexOf("get");
                int describe = ops.indexOf("describe");
                boolean secretKind = false;
                for (String o : ops) {
                    String l = o.toLowerCase(Locale.ROOT);
                    if (l.equals("secret") || l.equals("secrets") || l.startsWith("secret/") || l.startsWith("secrets/")) {
                        secretKind = true;
                    }
                }
                // --template without -o is go-template output: it prints what the template names
                if (secretKind && get >= 0 && (c.option("-o", "--output").isPresent() || c.option("--template").isPresent())) {
                    secret(c, Severity.HIGH, out);
                } else if (secretKind && describe >= 0) {
                    secret(c, Severity.LOW, out);
                }
                if (ops.size() >= 2 && ops.get(0).equals("config")) {
                    String verb = ops.get(1);
                    if (verb.equals("view") && c.flag("--raw", "--flatten")) {
                        // the kubeconfig with its client keys and tokens, unredacted
                        secret(c, Severity.HIGH, out);
                    } else if (verb.equals("delete-user") || verb.equals("unset") && ops.size() > 2
                            && ops.get(2).startsWith("users")) {
                        destroyed(c, "removes stored cluster credentials from the kubeconfig", out);
                    }
                }
            }
            case "vault" -> {
                if (sub.equals("read") || sub.equals("kv") && (sub2.equals("get") || sub2.equals("export"))
                        || sub.equals("print") && sub2.equals("token")) {
                    secret(c, Severity.HIGH, out);
                } else if (sub.equals("token") && sub2.equals("lookup")) {
                    secret(c, Severity.MEDIUM, out); // the token itself is its "id"
                }
            }
            case "terraform", "tofu" -> {
                if (sub.equals("output") && (ops.size() > 1 || c.flag("-json", "-raw"))) {
                    secret(c, Severity.MEDIUM, out);
                } else if (sub.equals("show") && c.flag("-json")) {
                    // -json prints sensitive values in plain text (the human format hides them)
                    secret(c, Severity.MEDIUM, out);
                } else if (sub.equals("state") && sub2.equals("pull")) {
                    secret(c, Severity.MEDIUM, out);
                } else if (sub.equals("state") && sub2.equals("show")) {
                    // attributes a provider marks sensitive print as (sensitive value); others print
                    secret(c, Severity.LOW, out);
                }
            }
            case "ansible-vault" -> {
                if (sub.equals("decrypt") || sub.equals("view") || sub.equals("edit")) {
                    secret(c, Severity.HIGH, out);
                }
            }
            case "op" -> {
                if (sub.equals("read") || sub.equals("inject") || (sub.equals("item") || sub.equals("document"))
                        && sub2.equals("get")) {
                    secret(c, Severity.HIGH, out);
                }
            }
            case "bw" -> {
                if (sub.equals("get") || sub.equals("export") || sub.equals("list") && sub2.equals("items")) {
                    secret(c, Severity.HIGH, out);
                }
            }
            case "doppler", "infisical", "chamber", "berglas" -> {
                String line = String.join(" ", ops);
                boolean names = c.flag("--only-names", "--names-only");
                if (line.startsWith("secrets") && !line.startsWith("secrets set") && !names || line.startsWith("export")
                        || line.startsWith("read") || line.startsWith("access") || line.startsWith("run -- env")) {
                    secret(c, Severity.HIGH, out);
                }
            }
            case "sops" -> {
                if (c.flag("-d", "--decrypt") || sub.equals("decrypt")) {
                    secret(c, Severity.HIGH, out);
                }
            }
            case "heroku" -> {
                if (sub.equals("config") || sub.equals("config:get") || sub.equals("authorizations:create")) {
                    secret(c, Severity.MEDIUM, out);
                }
            }
            case "railway" -> {
                if ((sub.equals("variables") || sub.equals("vars") || sub.equals("variable")) && !c.flag("--set", "-s")
                        && !sub2.equals("set") && !sub2.equals("delete")) {
                    secret(c, Severity.MEDIUM, out); // the service's variables, values included
                }
            }
            case "firebase" -> {
                if (sub.equals("functions:config:get") || sub.equals("functions:secrets:access")) {
                    secret(c, Severity.MEDIUM, out);
                } else if (sub.equals("auth:export")) {
                    // every user account, password hashes and the project's hash key included
                    out.add(SecretsPack.PASSWORD_HASHES.finding("exports user accounts with their password hashes "
                            + "(firebase auth:export)", c.text()));
                    out.signal(Report.Signal.SECRET_SOURCE);
                }
            }
            case "airflow" -> {
                // connections hold their passwords, variables their API keys
                if ((sub.equals("connections") || sub.equals("variables")) && (sub2.equals("export") || sub2.equals("get"))) {
                    secret(c, Severity.HIGH, out);
                }
            }
            case "borg", "borgmatic" -> {
                if (sub.equals("key") && (sub2.equals("export") || sub2.equals("export-tar"))) {
                    secret(c, Severity.HIGH, out); // the repository key: with it, anyone holding the backups reads them
                }
            }
            case "ceph" -> {
                // the cluster's keys: client.admin's key opens everything
                if (sub.equals("auth") && (sub2.equals("get") || sub2.equals("export") || sub2.equals("print-key")
                        || sub2.equals("print_key") || sub2.equals("get-key") || sub2.equals("ls") || sub2.equals("list"))) {
                    secret(c, Severity.HIGH, out);
                }
            }
            case "wg" -> {
                if (sub.equals("showconf") || sub.equals("show") && (ops.contains("private-key") || ops.contains("preshared-keys"))) {
                    secret(c, Severity.HIGH, out); // a WireGuard interface's private key
                }
            }
            case "nmcli" -> {
                if (c.flag("-s", "--show-secrets") && ops.contains("show") || ops.contains("show-password")) {
                    secret(c, Severity.HIGH, out); // Wi-Fi and VPN passwords
                }
            }
            case "ldapsearch" -> {
                for (String a : c.args()) {
                    String l = a.toLowerCase(Locale.ROOT);
                    if (l.equals("userpassword") || l.equals("unicodepwd") || l.startsWith("sambantpassword")
                            || l.startsWith("sambalmpassword") || l.equals("krbprincipalkey")) {
                        out.add(SecretsPack.PASSWORD_HASHES.finding("reads directory password hashes (ldapsearch " + a + ")",
                                c.text()));
                        out.signal(Report.Signal.SECRET_SOURCE);
                        return;
                    }
                }
            }
            case "samba-tool" -> {
                if (sub.equals("domain") && sub2.equals("exportkeytab") || sub.equals("user") && sub2.equals("getpassword")) {
                    secret(c, Severity.HIGH, out); // every account's Kerberos keys, or a user's password
                }
            }
            case "buildkite-agent" -> {
                if ((sub.equals("secret") || sub.equals("env")) && sub2.equals("get")) {
                    secret(c, Severity.HIGH, out);
                }
            }
            case "kwallet-query" -> {
                if (c.flag("-r", "--read-password")) {
                    secret(c, Severity.HIGH, out);
                }
            }
            case "fastlane" -> {
                if (sub.equals("spaceauth")) {
                    secret(c, Severity.MEDIUM, out); // an App Store Connect session, printed to be reused
                }
            }
            case "talosctl" -> {
                // talosctl read/cp of a node's files: etcd's database and the PKI hold every cluster secret
                if (sub.equals("read") || sub.equals("cat") || sub.equals("cp") || sub.equals("copy")) {
                    for (String o : ops.subList(1, ops.size())) {
                        if (o.startsWith("/var/lib/etcd") || o.startsWith("/system/secrets") || o.contains("/pki/")
                                || o.startsWith("/system/state")) {
                            secret(c, Severity.HIGH, out);
                            return;
                        }
                    }
                }
            }
            case "argocd" -> {
                if (sub.equals("admin") && sub2.equals("initial-password")) {
                    secret(c, Severity.HIGH, out);
                }
            }
            case "vercel" -> {
                if (sub.equals("env") && sub2.equals("pull")) {
                    secret(c, Severity.MEDIUM, out);
                }
            }
            case "git" -> {
                boolean helper = false;
                for (String o : ops) {
                    helper |= o.startsWith("credential");
                }
                boolean config = !ops.isEmpty() && ops.get(0).equals("config") && (c.flag("--get", "--get-all", "--get-regexp",
                        "--get-urlmatch", "-l", "--list") || ops.size() == 2 && !c.flag("--unset", "--unset-all", "--add",
                                "--replace-all", "--remove-section"));
                if (helper && (ops.contains("fill") || ops.contains("get"))
                        || config && ops.stream().anyMatch(o -> o.toLowerCase(Locale.ROOT).contains("extraheader"))) {
                    // git config --get-regexp 'http.*extraheader': the Authorization header CI checkouts keep
                    secret(c, Severity.HIGH, out);
                } else if (helper && (ops.contains("reject") || ops.contains("erase"))) {
                    destroyed(c, "erases a stored git credential", out);
                }
            }
            case "npm", "pnpm", "yarn" -> {
                if (ops.size() > 2 && ops.get(0).equals("config") && ops.get(1).equals("get")
                        && sensitiveKey(ops.get(2).replace("_auth", "_token"))) {
                    secret(c, Severity.HIGH, out); // npm config get //registry.npmjs.org/:_authToken
                } else if (ops.size() > 1 && ops.get(0).equals("token") && ops.get(1).equals("create")) {
                    secret(c, Severity.MEDIUM, out); // a new registry token, printed
                } else if (!ops.isEmpty() && ops.get(0).equals("logout")) {
                    destroyed(c, "logs out of the registry, which revokes the token everywhere it is used", out);
                }
            }
            case "gpg" -> {
                if (c.flag("--export-secret-keys", "--export-secret-subkeys")) {
                    secret(c, Severity.HIGH, out);
                }
            }
            case "openssl" -> {
                // openssl pkcs12 -in cert.p12 -nodes: the keystore's private key, printed unencrypted
                if (!ops.isEmpty() && ops.get(0).equals("pkcs12") && !c.flag("-export", "-nokeys", "-info")
                        && (c.flag("-nodes", "-noenc") || c.option("-out").isEmpty())) {
                    secret(c, Severity.HIGH, out);
                }
            }
            case "dscl" -> {
                if (c.args().contains("-P")) {
                    out.add(SecretsPack.COMMAND.finding(Severity.MEDIUM, "puts a password on the command line, where "
                            + "process listings and logs see it", c.text()));
                }
            }
            case "ps" -> {
                // BSD-style ps e (ps axeww, ps auxe): every process's environment after its command
                for (String a : c.args()) {
                    if (!a.startsWith("-") && a.indexOf('e') >= 0 && a.chars().allMatch(Character::isLetter)) {
                        envDump(c, out);
                        return;
                    }
                }
            }
            case "printenv" -> {
                if (ops.isEmpty()) {
                    envDump(c, out);
                }
            }
            case "env" -> {
                if (c.args().isEmpty() || ops.isEmpty() && c.flag("-0", "--null")) {
                    envDump(c, out);
                }
            }
            case "set" -> {
                if (c.args().isEmpty()) {
                    envDump(c, out);
                }
            }
            case "export", "declare", "typeset" -> {
                if (ops.isEmpty() && (c.args().isEmpty() || c.flag("-p", "-x"))) {
                    envDump(c, out);
                }
            }
            case "getent" -> {
                // getent shadow reads /etc/shadow through NSS: the same hashes as cat /etc/shadow
                java.util.List<String> o = c.operands(java.util.Set.of("-s", "--service"));
                String db = o.isEmpty() ? "" : o.get(0);
                if (db.equals("shadow") || db.equals("gshadow")) {
                    out.add(SecretsPack.PASSWORD_HASHES.finding("reads password hashes (getent " + db + ")", c.text()));
                    out.signal(Report.Signal.SECRET_SOURCE);
                }
            }
            case "history", "fc" -> {
                if (c.program().equals("fc") && !c.flag("-l")) {
                    return;
                }
                if (c.flag("-c", "-w", "-d")) {
                    return; // clearing history: judged by the exec pack (anti-forensics)
                }
                out.add(SecretsPack.HISTORY.finding(c.text()));
                out.signal(Report.Signal.SECRET_SOURCE);
            }
            default -> { }
        }
    }

    /** docker inspect's targets, when every one is named repo/name:tag, which no container name can be. */
    private static boolean imagesOnly(List<String> ops) {
        return ops.size() > 1 && ops.subList(1, ops.size()).stream().allMatch(o -> o.indexOf(':') > 0 || o.indexOf('/') > 0);
    }

    /** Tools whose words are text or patterns, never subcommands ({@code grep token src/}). */
    private static final java.util.Set<String> TEXT_TOOLS = java.util.Set.of("grep", "egrep", "fgrep", "rg", "ag", "ack",
            "echo", "printf", "sed", "awk", "gawk", "cat", "less", "head", "tail", "jq", "yq", "find", "fd", "git", "man",
            "which", "type", "help", "test", "[", "sort", "tr", "cut", "wc", "npm", "pnpm", "yarn", "gh");

    /**
     * Any CLI asked to print a login token or secret: {@code heroku auth:token}, {@code fly auth
     * token}, {@code glab config get token}, {@code aws ecr get-login-password}, {@code gcloud
     * config config-helper}, {@code docker-credential-pass get}, {@code dotenvx get}, {@code
     * keyctl print}, or with a flag that reveals secrets ({@code --show-token},
     * {@code --show-secrets}, {@code --expose-token}). Medium: the agent's transcript receives
     * the secret; sending it anywhere is exfiltration.
     */
    static void printsSecret(Invocation c, Report out) {
        String prog = c.program();
        if (TEXT_TOOLS.contains(prog) || PROGRAMS_READ_ELSEWHERE.contains(prog)) {
            return;
        }
        for (String a : c.args()) {
            if (a.equals("--plaintext") || a.equals("--reveal-secrets") || a.equals("--show-token") || a.equals("--show-secrets") || a.equals("--show-secret")
                    || a.equals("--showsecret")
                    || a.equals("--expose-token") || a.equals("--reveal") || a.equals("--show-values")
                    || a.equals("--decrypt") && prog.equals("dotenvx")) {
                secret(c, Severity.HIGH, out);
                return;
            }
        }
        List<String> ops = c.operands();
        String first = ops.isEmpty() ? "" : ops.get(0);
        if ((prog.equals("docker") || prog.equals("podman")) && first.equals("inspect")
                && String.join(" ", c.args()).contains(".Config.Env")
                && !imagesOnly(c.operands(java.util.Set.of("--format", "-f", "--type", "--size")))) {
            // a container's environment: where its database passwords and API keys are injected (an
            // image, named repo/name:tag, which no container name can be, holds only its ENV lines)
            secret(c, Severity.MEDIUM, out);
            return;
        }
        if ((prog.equals("rails") || prog.equals("rake")) && first.startsWith("credentials:show")) {
            // the app's decrypted credentials file, as cat .env shows a .env
            secret(c, Severity.MEDIUM, out);
            return;
        }
        if (prog.equals("pm2") && first.equals("env") || prog.equals("systemctl") && first.equals("show")
                && c.args().stream().anyMatch(a -> a.equals("Environment") || a.endsWith("=Environment")
                        || a.equals("-pEnvironment"))) {
            // pm2 env ID, systemctl show -p Environment UNIT: the environment a service was started with
            secret(c, Severity.MEDIUM, out);
            return;
        }
        if (DUMPERS.contains(prog)) {
            // a database dump carries every row: sending it anywhere is exfiltration
            out.signal(Report.Signal.SECRET_SOURCE);
            return;
        }
        if (prog.equals("etcdctl") && first.equals("get") && (c.flag("--prefix", "--from-key")
                || ops.size() > 1 && ops.get(1).contains("/secrets"))
                || prog.equals("git-crypt") && first.equals("export-key")) {
            secret(c, Severity.HIGH, out); // every key in etcd (Kubernetes Secrets among them); git-crypt's key
            return;
        }
        if (prog.equals("netlify") && (first.equals("env:get") || first.equals("env:list") && c.flag("--plain", "--json"))) {
            secret(c, Severity.MEDIUM, out);
            return;
        }
        if (prog.startsWith("docker-credential-") && first.equals("get")
                || (prog.equals("dotenvx") || prog.equals("dotenv-vault")) && (first.equals("get") || first.equals("decrypt"))
                || prog.equals("keyctl") && (first.equals("print") || first.equals("read") || first.equals("pipe"))
                || prog.equals("kubectl-view_secret") || ops.size() > 0 && first.equals("view-secret")) {
            secret(c, Severity.HIGH, out);
            return;
        }
        if (printsStoredSecret(prog, ops, c)) {
            secret(c, Severity.HIGH, out);
            return;
        }
        String minted = mintsCredential(ops);
        if (minted != null) {
            // pscale password create, argocd account generate-token, linode-cli object-storage keys-create:
            // a new credential, printed into the transcript
            boolean root = minted.equals("acl bootstrap") || c.flag("--all-access", "--operator");
            out.add(SecretsPack.COMMAND.finding(root ? Severity.HIGH : Severity.MEDIUM, "creates a new credential"
                    + (root ? " with every right" : "") + " and prints it (" + minted + ")", c.text()));
            out.signal(Report.Signal.SECRET_SOURCE);
            return;
        }
        for (int i = 0; i < Math.min(3, ops.size()); i++) {
            String w = ops.get(i).toLowerCase(Locale.ROOT);
            if (!w.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '-' || ch == ':' || ch == '_')) {
                return; // only the leading subcommand words
            }
            boolean token = w.equals("token") && i > 0 || w.endsWith(":token") || w.equals("config-helper")
                    || (w.startsWith("get-") || w.startsWith("print-")) && (w.endsWith("-token") || w.endsWith("-password"));
            if (token) {
                // aws ecr get-login-password is made to be piped into docker login: logged, and
                // exfiltration if it goes anywhere else
                boolean login = w.equals("get-login-password");
                secret(c, login ? Severity.LOW : Severity.MEDIUM, out);
                return;
            }
        }
    }

    private static final java.util.Set<String> DUMPERS = java.util.Set.of("mysqldump", "mariadb-dump", "pg_dump",
            "pg_dumpall", "mongodump", "mongoexport", "redis-dump", "sqlite3-dump", "rethinkdb-dump", "arangodump",
            "mysqlpump", "mydumper", "pg_basebackup", "cbbackupmgr");

    /** Local clusters: their admin kubeconfig opens a cluster on this machine only. */
    private static final java.util.Set<String> LOCAL_CLUSTERS = java.util.Set.of("kind", "minikube", "k3d", "k3s",
            "microk8s", "colima", "orbstack");

    /**
     * Subcommands that print a stored secret, read by meaning: a cluster's kubeconfig shown
     * ({@code doctl kubernetes cluster kubeconfig show}, {@code linode-cli lke kubeconfig-view}),
     * a database's connection string or credentials ({@code neonctl connection-string},
     * {@code heroku pg:credentials:url}, {@code doctl databases user get}), CI variables
     * ({@code glab variable get}), and the stores of a few tools that print keys in full
     * ({@code mc alias list}, {@code rclone config show}, {@code influx auth list}).
     */
    private static boolean printsStoredSecret(String prog, List<String> ops, Invocation c) {
        int n = Math.min(5, ops.size());
        boolean kubeconfig = false;
        boolean show = false;
        boolean database = false;
        boolean user = false;
        boolean variable = false;
        for (int i = 0; i < n; i++) {
            String w = ops.get(i).toLowerCase(Locale.ROOT);
            if (w.startsWith("http") || w.indexOf('/') >= 0 || w.indexOf('.') >= 0) {
                break; // a URL or a path: no longer the subcommand
            }
            if (w.equals("connection-string") || w.equals("connection-uri") || w.equals("connection-url")
                    || w.equals("connection_string") || w.equals("connectionstring") || w.endsWith(":credentials:url")
                    || w.equals("credentials:url") || w.endsWith(":connection-string")) {
                return true;
            }
            kubeconfig |= w.equals("kubeconfig") || w.equals("kubeconfig-view") || w.equals("kubeconfig-show");
            show |= w.equals("show") || w.equals("view") || w.equals("get") || w.equals("print") || w.equals("export")
                    || w.equals("kubeconfig-view") || w.equals("kubeconfig-show") || w.equals("cat");
            database |= w.equals("databases") || w.equals("database") || w.equals("db") || w.equals("dbs");
            user |= w.equals("user") || w.equals("users") || w.equals("connection");
            variable |= w.equals("variable") || w.equals("variables") || w.equals("var") || w.equals("vars");
        }
        if (kubeconfig && show && !LOCAL_CLUSTERS.contains(prog)) {
            return true; // the cluster's admin credentials
        }
        if (database && user && show || database && ops.contains("connection")) {
            return true; // doctl databases user get ID doadmin, doctl databases connection ID: the password
        }
        for (int i = 0; i + 1 < n; i++) {
            String w = ops.get(i);
            String next = ops.get(i + 1);
            if (w.equals("get-secret") || w.equals("reveal-secret") || w.equals("read-secret") || w.equals("show-secret")
                    || (w.equals("auth") || w.equals("creds") || w.equals("credentials")) && next.equals("get")) {
                return true; // databricks secrets get-secret, crane auth get REGISTRY
            }
            if ((w.equals("secret") || w.equals("secrets")) && (next.equals("get") || next.equals("read")
                    || next.equals("reveal") || next.equals("show") || next.equals("export") || next.equals("download")
                    || next.equals("access") || next.equals("value")) && !prog.equals("kubectl") && !prog.equals("oc")) {
                return true; // buildkite-agent secret get X, scw secret version access: the value itself
            }
        }
        if (variable && (ops.contains("get") || ops.contains("export")) && !prog.equals("gh")) {
            return true; // glab variable get: CI variables hold the deploy keys
        }
        String sub = ops.isEmpty() ? "" : ops.get(0);
        String sub2 = ops.size() > 1 ? ops.get(1) : "";
        return prog.equals("mc") && sub.equals("alias") && (sub2.equals("list") || sub2.equals("ls") || sub2.equals("export"))
                // consul kv get -recurse / kv export: every key, the application secrets kept there among them
                || prog.equals("consul") && sub.equals("kv") && (sub2.equals("export")
                        || sub2.equals("get") && (c.flag("-recurse", "--recurse") || ops.size() > 2 && ops.get(2).contains("secret")))
                || prog.equals("keyring") && sub.equals("get") // python keyring get SERVICE USER: the stored password

                || prog.equals("rclone") && sub.equals("config") && (sub2.equals("show") || sub2.equals("dump"))
                || prog.equals("influx") && sub.equals("auth") && (sub2.equals("list") || sub2.equals("ls") || sub2.equals("find"));
    }

    /** Nouns of credentials a CLI can mint. */
    private static final java.util.Set<String> CREDENTIAL_NOUNS = java.util.Set.of("password", "passwords", "key", "keys",
            "token", "tokens", "apikey", "apikeys", "api-key", "api-keys", "credential", "credentials", "access-key",
            "accesskey", "svcacct", "auth", "authorization", "authorizations", "service-token", "app-password");
    /** Verbs that mint one ("new" is not here: cargo new auth, dotnet new). */
    private static final java.util.Set<String> MINT_VERBS = java.util.Set.of("create", "generate", "issue", "mint",
            "regenerate", "rotate");

    /**
     * The subcommand that creates a credential ({@code password create}, {@code generate-token},
     * {@code keys-create}, {@code acl bootstrap}), or null. The noun and the verb must be one
     * word or two neighbouring words among the leading subcommand words: {@code ng generate
     * service auth} is code, not a credential. Laravel's {@code key:generate} writes the app key
     * into .env without printing it.
     */
    static @org.jspecify.annotations.Nullable String mintsCredential(List<String> ops) {
        int n = 0;
        while (n < Math.min(4, ops.size()) && subcommandWord(ops.get(n))) {
            n++;
        }
        for (int i = 0; i < n; i++) {
            String w = Invocation.kebab(ops.get(i)); // aliyun ram CreateAccessKey: create-access-key
            String next = i + 1 < n ? Invocation.kebab(ops.get(i + 1)) : "";
            if (w.equals("acl") && next.equals("bootstrap")) {
                return "acl bootstrap"; // consul/nomad: the first management token, with every right
            }
            if (w.equals("key:generate")) {
                continue;
            }
            boolean noun = false;
            boolean verb = false;
            int start = 0;
            for (int k = 0; k <= w.length(); k++) { // the parts between '-', '_' and ':' (no regex: every command runs this)
                if (k == w.length() || w.charAt(k) == '-' || w.charAt(k) == '_' || w.charAt(k) == ':') {
                    String part = w.substring(start, k);
                    noun |= CREDENTIAL_NOUNS.contains(part);
                    verb |= MINT_VERBS.contains(part);
                    start = k + 1;
                }
            }
            if (noun && verb || CREDENTIAL_NOUNS.contains(w) && MINT_VERBS.contains(next)
                    || MINT_VERBS.contains(w) && CREDENTIAL_NOUNS.contains(next)) {
                return verb && noun ? w : w + " " + next;
            }
        }
        return null;
    }

    private static boolean subcommandWord(String w) {
        if (w.isEmpty() || w.length() > 40) {
            return false;
        }
        for (int i = 0; i < w.length(); i++) {
            char ch = Character.toLowerCase(w.charAt(i));
            if (!(ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '-' || ch == '_' || ch == ':')) {
                return false;
            }
        }
        return true;
    }

    /** Programs whose secret-printing subcommands {@link #inspect} reads with their own grammar. */
    private static final java.util.Set<String> PROGRAMS_READ_ELSEWHERE = java.util.Set.of("security", "secret-tool",
            "pass", "gopass", "lpass", "vault", "op", "bw", "doppler", "chamber", "infisical", "gcloud");

    private static boolean isPassVerb(String s) {
        return switch (s) {
            case "ls", "list", "find", "search", "init", "insert", "generate", "edit", "rm", "mv", "cp", "git", "help",
                    "version", "grep" -> true;
            default -> false;
        };
    }

    private static void aws(Invocation c, List<String> ops, Report out) {
        if (ops.size() < 2) {
            return;
        }
        String service = ops.get(0);
        String op = ops.get(1);
        if (service.equals("configure") && (op.equals("get") && ops.size() > 2 && sensitiveKey(ops.get(2))
                || op.equals("export-credentials"))) {
            secret(c, Severity.HIGH, out);
        } else if (service.equals("configure") && op.equals("set") && ops.size() > 2 && sensitiveKey(ops.get(2))) {
            destroyed(c, "replaces stored AWS credentials (" + ops.get(2) + ")", out);
        } else if (service.equals("secretsmanager") && (op.equals("get-secret-value") || op.equals("batch-get-secret-value"))) {
            secret(c, Severity.HIGH, out);
        } else if (service.equals("ssm") && op.startsWith("get-parameter") && c.flag("--with-decryption")) {
            secret(c, Severity.HIGH, out);
        } else if (service.equals("kms") && op.equals("decrypt")) {
            secret(c, Severity.HIGH, out);
        } else if (service.equals("lambda") && (op.equals("get-function-configuration") || op.equals("get-function"))
                && c.option("--query").map(q -> q.contains("Environment")).orElse(true)) {
            secret(c, Severity.MEDIUM, out); // the function's environment variables, where its secrets are
        } else if (op.startsWith("download-") && op.contains("key") || op.startsWith("get-") && op.contains("credentials")
                && !op.equals("get-credentials-for-identity")) {
            secret(c, Severity.HIGH, out); // lightsail download-default-key-pair, redshift get-cluster-credentials
        } else if (service.equals("ecs") && op.equals("describe-task-definition")
                && c.option("--query").map(q -> q.toLowerCase(Locale.ROOT).contains("environment")).orElse(true)) {
            secret(c, Severity.MEDIUM, out); // the containers' environment variables, where secrets are often set
        } else if (service.equals("cognito-idp") && op.equals("describe-user-pool-client")) {
            secret(c, Severity.MEDIUM, out); // the app client's secret
        } else if ((service.equals("acm") || service.equals("acm-pca")) && op.equals("export-certificate")) {
            secret(c, Severity.HIGH, out); // the certificate's private key, encrypted only with a passphrase the caller chose
        } else if (service.equals("iam") && op.equals("create-access-key")) {
            secret(c, Severity.HIGH, out);
        } else if (service.equals("sts") && (op.equals("get-session-token") || op.equals("assume-role"))) {
            secret(c, Severity.MEDIUM, out);
        }
    }

    private static boolean sensitiveKey(String k) {
        String l = k.toLowerCase(Locale.ROOT);
        return l.contains("secret") || l.contains("token") || l.contains("key") && !l.contains("key_id") || l.contains("password");
    }

    static void secret(Invocation c, Severity severity, Report out) {
        out.add(SecretsPack.COMMAND.finding(severity, severity == Severity.LOW
                ? "describes a secret (values hidden)" : SecretsPack.COMMAND.description(), c.text()));
        out.signal(Report.Signal.SECRET_SOURCE);
    }

    /** A stored credential removed or replaced: the user may not be able to recreate it. */
    private static void destroyed(Invocation c, String what, Report out) {
        out.add(SecretsPack.DESTROY.finding(Severity.MEDIUM, what, c.text()));
    }

    private static void envDump(Invocation c, Report out) {
        if (c.remote()) {
            // kubectl exec POD -- printenv, docker exec, ssh HOST env: where the service's secrets are injected
            out.add(SecretsPack.ENV_DUMP.finding(Severity.MEDIUM, "prints the environment of a container or remote "
                    + "host, where its database passwords and API keys are injected", c.text()));
        } else if (dotenvLoadedEarlier(c)) {
            // set -a; . ./.env; env: the dump now holds the .env file's values
            out.add(SecretsPack.ENV_DUMP.finding(Severity.MEDIUM, "prints the environment after the call loaded a .env "
                    + "file into it, so the file's keys and passwords land in the transcript", c.text()));
        } else {
            out.add(SecretsPack.ENV_DUMP.finding(c.text()));
        }
        out.signal(Report.Signal.SECRET_SOURCE);
    }

    /** True when an earlier command of the call sourced a dotenv file ({@code source .env}, {@code . ./.env.local}). */
    static boolean dotenvLoadedEarlier(Invocation c) {
        for (dev.warden.call.Command e : c.earlier()) {
            if ((e.program().equals("source") || e.program().equals(".")) && !e.args().isEmpty()) {
                String f = e.args().get(0);
                if (SecretFiles.byName(f.substring(f.lastIndexOf('/') + 1)) == SecretFiles.Kind.DOTENV) {
                    return true;
                }
            }
        }
        return false;
    }
}
