package dev.warden.analysis.secrets;

import static dev.warden.call.Severity.HIGH;
import static dev.warden.call.Severity.LOW;
import static dev.warden.call.Severity.MEDIUM;

import dev.warden.analysis.AnalysisContext;
import dev.warden.analysis.Invocation;
import dev.warden.analysis.Pack;
import dev.warden.analysis.Report;
import dev.warden.analysis.Rule;
import dev.warden.analysis.fs.FsRules;
import dev.warden.call.PathUse;
import dev.warden.call.Severity;
import java.util.List;
import java.util.Set;

/**
 * Reading secrets: private keys, stored credentials, {@code .env} files, password hashes,
 * other processes' environments, history and browser data — by any tool, through any path
 * (a symlink to a key is a key) — and the commands that print secrets (keychains, secret
 * managers, {@code kubectl get secret -o yaml}).
 *
 * <p>Policy choices: reading a key or credentials is HIGH (a human approves); a {@code .env}
 * or history read is MEDIUM. Printing the agent's own environment ({@code env},
 * {@code printenv}) is LOW: listing what is set is everyday debugging, and what matters most is
 * sending it anywhere, which the exfiltration rule denies. Printing a variable whose name says it
 * holds a credential ({@code echo $GITHUB_TOKEN}, {@code env | grep TOKEN}) is MEDIUM, like a
 * {@code .env} read: the value lands in the transcript ({@link PrintedVariables}).
 * Every secret read raises {@link Report.Signal#SECRET_SOURCE} for that rule.
 */
final class SecretsPack implements Pack {

    static final Rule PRIVATE_KEY = new Rule("secrets.private-key", HIGH,
            "reads a private key", "cat ~/.ssh/id_ed25519", "use the ssh agent or ask the user; never read key files");
    static final Rule CREDENTIALS = new Rule("secrets.credentials", HIGH,
            "reads stored credentials (cloud, kube, registry, git or password-manager files)", "cat ~/.aws/credentials",
            "let the CLI use its credentials itself; never print or copy them");
    static final Rule DOTENV = new Rule("secrets.dotenv", MEDIUM,
            "reads an environment file that usually holds secrets", "cat .env.production",
            "read .env.example for the variable names; ask the user for values you need");
    static final Rule ACCOUNTS = new Rule("secrets.account-list", MEDIUM,
            "reads the system's account list", "cat /etc/passwd", "use id or whoami for the current user");
    static final Rule PASSWORD_HASHES = new Rule("secrets.password-hashes", HIGH,
            "reads password hashes, host keys or sudo rules", "sudo cat /etc/shadow", "never read system secrets");
    static final Rule PROCESS_ENV = new Rule("secrets.process-environment", HIGH,
            "reads the environment or memory of a process, which holds its tokens", "cat /proc/1/environ",
            "ask the user for the value you need");
    static final Rule HISTORY = new Rule("secrets.history", MEDIUM,
            "reads shell or REPL history, which often holds typed passwords and tokens", "history | grep ssh",
            "ask the user what was run");
    static final Rule BROWSER = new Rule("secrets.browser-data", HIGH,
            "reads browser profile data (cookies, saved passwords, sessions)", "sqlite3 ~/.mozilla/firefox/x/cookies.sqlite",
            "never read browser profiles");
    static final Rule NAMED = new Rule("secrets.named-file", MEDIUM,
            "reads a file whose name says it holds secrets", "cat secrets.yml", "read only the non-secret parts you need, or ask the user");
    static final Rule MAY_HOLD = new Rule("secrets.config-with-credentials", LOW,
            "reads a configuration file that often holds a password or token (logged; sending it anywhere is exfiltration)",
            "cat ~/.m2/settings.xml", "read only the settings you need; never send the file off the machine");
    static final Rule COMMAND = new Rule("secrets.credential-command", HIGH,
            "prints a secret from a keychain, secret manager or cluster", "kubectl get secret db -o yaml",
            "let tools fetch secrets themselves at run time; never print them");
    static final Rule DESTROY = new Rule("secrets.destroy", HIGH,
            "deletes, moves away or overwrites a private key or stored credentials, which may be impossible to recreate",
            "rm ~/.ssh/id_ed25519", "leave keys and credential files alone; ask the user to rotate or remove them");
    static final Rule ENV_DUMP = new Rule("secrets.environment-dump", LOW,
            "prints the whole environment, which may hold tokens", "printenv",
            "print only the variable you need, e.g. printenv HOME");

    static final Rule VARIABLE_PRINTED = new Rule("secrets.variable-printed", MEDIUM,
            "prints a credential held in an environment variable into the transcript, which the model provider "
                    + "receives and Claude Code keeps on disk", "echo $GITHUB_TOKEN",
            "check it without printing it (test -n \"$GITHUB_TOKEN\" && echo set, or echo ${#GITHUB_TOKEN}), "
                    + "and pass it straight to the tool that needs it");

    static final List<Rule> RULES = List.of(PRIVATE_KEY, CREDENTIALS, DESTROY, DOTENV, ACCOUNTS, PASSWORD_HASHES, PROCESS_ENV,
            HISTORY, BROWSER, NAMED, MAY_HOLD, COMMAND, ENV_DUMP, VARIABLE_PRINTED);

    private static final Set<String> PROGRAMS = Set.of("openssl", "aws-vault", "saml2aws", "aws-sso", "gimme-aws-creds", "security", "secret-tool", "pass", "gopass", "gh", "glab", "tea", "fj", "aws",
            "gcloud", "az", "kubectl", "oc", "vault", "terraform", "tofu", "ansible-vault", "op", "bw", "doppler",
            "heroku", "printenv", "env", "set", "export", "declare", "typeset", "history", "fc", "keyring", "lpass",
            "git", "chamber", "sops", "infisical", "kubeseal", "berglas", "gpg", "vercel", "dscl", "ssh-add", "getent", "npm",
            "pnpm", "yarn", "ps", "railway", "firebase", "argocd", "etcdctl", "git-crypt", "netlify", "talosctl", "ceph", "wg",
            "nmcli", "ldapsearch", "samba-tool", "buildkite-agent", "kwallet-query", "fastlane", "airflow", "borg",
            "borgmatic");

    /** Cheap pre-filter: an argument without any of these is not a secret path. */
    private static final String[] HINTS = {".ssh", "id_", ".env", ".aws", ".kube", "credential", "npmrc", "netrc",
            "pgpass", "gnupg", ".docker", "gh/", "eychain", "shadow", "passwd", "environ", "/mem", "vault", "pypirc",
            "secret", "token", "password", ".pem", ".key", ".p12", ".pfx", ".jks", "keystore", "histor", "gcloud",
            ".azure", "mozilla", "chrom", "Cookies", "/proc/", "op/", "password-store", "keyrings", "kcore", ".my.cnf",
            "boto", "s3cfg", "rclone", "sudoers", "ppk", "private", "auth.json", "tfstate", "kubeconfig", "htpasswd",
            ".envrc", "dev.vars", "master.key", ".git-credentials", "/etc/group", "Library/", "brave", "firefox",
            "Safari", "vivaldi", "edge", ".p8", "kdbx", ".gpg", ".asc", ".age", "heroku", "pulumi", "doctl", ".oci", ".fly",
            "tfvars", "database.yml", "wp-config", "settings.xml", "local.settings", ".claude.json", "gradle.properties",
            "key.json", ".secret",
            "containers/", "copilot", "kaggle", "cloudflared", "hcloud", "snowflake", "mylogin", "stripe", "sentryclirc",
            ".travis", "authinfo", "msmtprc", "fetchmailrc", "terraformrc", "talos", "solana", "bitcoin", "ethereum",
            ".bundle", "kubernetes/", "k3s", "rke2", "configstore", "wrangler", "netlify", "vercel", "glab", "ngrok",
            "sops", "helm/", "yarnrc", "condarc", "pip.conf", "/run/secrets", "huggingface", "config.php", "sa.json"};

    @Override
    public String name() {
        return "secrets";
    }

    @Override
    public List<Rule> rules() {
        return RULES;
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
    public boolean inspectsPaths() {
        return true;
    }

    @Override
    public void inspect(Invocation c, Report out) {
        String prog = c.program();
        if (PROGRAMS.contains(prog)) {
            SecretCommands.inspect(c, out);
        }
        if (!FsRules.recordsPaths(prog)) {
            scanArguments(c, out);
        }
        if (c.cwd().isEmpty() && !c.args().isEmpty()) {
            unknownDirectory(c, out);
        }
        if (TREE_READERS.contains(prog) || SEARCHERS.contains(prog) || prog.equals("jq") || prog.equals("yq")) {
            namedByVariable(c, out); // (kubectl --kubeconfig "$KUBECONFIG" uses the file; cat prints it)
        }
        if (prog.equals("curl") || prog.equals("wget") || prog.equals("http") || prog.equals("https") || prog.equals("xh")) {
            credentialEndpoint(c, out);
        }
        if (prog.equals("git")) {
            historySearch(c, out);
        }
        if (TREE_READERS.contains(prog) || SEARCHERS.contains(prog)) {
            treeRead(c, out);
        }
        secretVariables(c, out);
        PrintedVariables.inspect(c, out);
        secretTails(c, out);
        SecretCommands.printsSecret(c, out);
        processEnvironment(c, out);
        if (ARCHIVERS.contains(prog)) {
            archivesHome(c, out);
        }
        if ((prog.equals("ssh") || prog.equals("autossh")) && agentForwarded(c.args())) {
            out.add(COMMAND.finding(MEDIUM, "forwards the SSH agent: while connected, the remote host can sign with "
                    + "your keys", c.text()));
        }
    }

    /** {@code ssh -A}, a cluster holding A ({@code -tA}), or {@code -o ForwardAgent=yes}. */
    private static boolean agentForwarded(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("-") && !a.startsWith("--") && a.indexOf('A') > 0 && a.chars().skip(1).allMatch(Character::isLetter)) {
                return true;
            }
            String o = a.equals("-o") && i + 1 < args.size() ? args.get(i + 1) : a.startsWith("-o") ? a.substring(2) : "";
            if (o.toLowerCase(java.util.Locale.ROOT).replace(" ", "").replace("=", "").equals("forwardagentyes")) {
                return true;
            }
        }
        return false;
    }

    private static final Set<String> ARCHIVERS = Set.of("tar", "bsdtar", "gtar", "zip", "7z", "7za", "cpio", "pax",
            "rar", "restic", "borg", "duplicity");

    /**
     * {@code tar c ~ | curl -T - ...}, {@code zip -r - ~}: an archive of the whole home directory
     * (or of {@code ~/.config}) carries every key and credential in it. Archiving alone is
     * routine enough to be logged only; sending the archive anywhere is exfiltration.
     */
    private static void archivesHome(Invocation c, Report out) {
        java.nio.file.Path home = c.context().home();
        List<String> args = c.args();
        for (String a : args) {
            if (a.equals("--extract") || a.equals("--get") || a.matches("-?[A-Za-wyz]*x[A-Za-z]*") && !a.startsWith("--")
                    || a.equals("-d") && c.program().startsWith("7z")) {
                return; // extracting into home is judged by where it writes
            }
        }
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("-") && !a.equals("-C") || a.startsWith("--directory=")) {
                if (!a.startsWith("--directory=")) {
                    continue;
                }
            }
            String word = a.equals("-C") && i + 1 < args.size() ? args.get(++i)
                    : a.startsWith("--directory=") ? a.substring(12) : a;
            java.util.Optional<java.nio.file.Path> p = c.path(word);
            if (p.isPresent() && (home.startsWith(p.get()) || p.get().equals(home.resolve(".config")))) {
                out.add(CREDENTIALS.finding(LOW, "archives " + p.get() + ", with every key and credential in it",
                        c.text()));
                out.signal(Report.Signal.SECRET_SOURCE);
                return;
            }
        }
    }

    /**
     * {@code /proc/$PPID/environ}, {@code /proc/$(pgrep x)/environ}: another process's
     * environment, whichever process the run-time part picks. The path cannot be resolved, so
     * it is recognised by its shape, in arguments and in input redirections.
     */
    private static void processEnvironment(Invocation c, Report out) {
        for (String a : c.args()) {
            if (a.contains("/proc/") && a.endsWith("/environ") && Invocation.dynamic(a)) {
                out.path(a, PathUse.Access.READ, c.text());
                return;
            }
        }
        for (dev.warden.call.Command.Redirect r : c.command().redirects()) {
            String t = r.target();
            if (r.op().contains("<") && t.contains("/proc/") && t.endsWith("/environ")) {
                out.path(t.startsWith("/") ? t : "/proc/self/environ", PathUse.Access.READ, c.text());
                return;
            }
        }
    }

    /**
     * A secret-named variable expanded into a command ({@code echo $AWS_SECRET_ACCESS_KEY}) is a
     * secret source: not a finding on its own (the agent may print its own variables), but it
     * makes a network send in the same call an exfiltration.
     */
    private static void secretVariables(Invocation c, Report out) {
        List<String> args = c.args();
        boolean http = HTTP_CLIENTS.contains(c.program());
        for (int i = 0; i < args.size(); i++) {
            if (!(http && credentialOfTheRequest(c.program(), args, i)) && mentionsSecretVariable(args.get(i))) {
                out.signal(Report.Signal.SECRET_SOURCE);
                return;
            }
        }
        for (dev.warden.call.Command.Redirect r : c.command().redirects()) {
            // curl --data-binary @- URL <<< "$AWS_SECRET_ACCESS_KEY": the here-string is the body
            if (r.op().startsWith("<<") && mentionsSecretVariable(r.target())) {
                out.signal(Report.Signal.SECRET_SOURCE);
                return;
            }
        }
    }

    /** Broad on purpose ({@code $(kubectl get secret x)} counts): a signal, a finding only with a network send. */
    private static boolean mentionsSecretVariable(String a) {
        int d = a.indexOf('$');
        if (d < 0) {
            return false;
        }
        String upper = a.substring(d).toUpperCase(java.util.Locale.ROOT);
        return upper.contains("SECRET") || upper.contains("TOKEN") || upper.contains("PASSWORD") || upper.contains("PASSWD")
                || upper.contains("API_KEY") || upper.contains("APIKEY") || upper.contains("PRIVATE_KEY")
                || upper.contains("CREDENTIAL") || upper.contains("ACCESS_KEY");
    }

    private static final Set<String> HTTP_CLIENTS = Set.of("curl", "curlie", "wget", "wget2", "http", "https", "xh", "xhs");

    /**
     * True when argument {@code i} of an HTTP client is a header or a login of the request
     * ({@code curl -H "Authorization: Bearer $TOKEN"}, {@code -u user:$PASSWORD}, httpie's
     * {@code X-Api-Key:$KEY}): the token authenticates the request to the API it is for, it is not
     * data sent off (see the class comment). In a body, a form field or the URL it is.
     */
    private static boolean credentialOfTheRequest(String program, List<String> args, int i) {
        String a = args.get(i);
        String prev = i > 0 ? args.get(i - 1) : "";
        return switch (program) {
            case "curl", "curlie" -> prev.equals("-H") || prev.equals("--header") || prev.equals("-u") || prev.equals("--user")
                    || prev.equals("--oauth2-bearer") || prev.equals("--proxy-user") || prev.equals("-U")
                    || prev.equals("--proxy-header") || a.startsWith("-H") || a.startsWith("-u") && !a.startsWith("-u-");
            case "wget", "wget2" -> prev.equals("--header") || prev.equals("--user") || prev.equals("--password")
                    || prev.equals("--http-user") || prev.equals("--http-password") || a.startsWith("--header=")
                    || a.startsWith("--user=") || a.startsWith("--password=") || a.startsWith("--http-user=")
                    || a.startsWith("--http-password=");
            default -> prev.equals("-a") || prev.equals("--auth") || a.startsWith("--auth=") || headerItem(a);
        };
    }

    /** httpie's {@code Name:value} request item (a header), not {@code name:=json} or a URL. */
    private static boolean headerItem(String a) {
        int colon = a.indexOf(':');
        if (colon <= 0 || a.startsWith("-") || colon + 1 < a.length() && (a.charAt(colon + 1) == '=' || a.charAt(colon + 1) == '/')) {
            return false;
        }
        for (int k = 0; k < colon; k++) {
            char ch = a.charAt(k);
            if (!(Character.isLetterOrDigit(ch) || ch == '-' || ch == '_')) {
                return false;
            }
        }
        return true;
    }

    /** Programs that print the text of the files they are given. */
    private static final Set<String> TREE_READERS = Set.of("cat", "head", "tail", "less", "more", "strings", "xxd", "od",
            "base64", "nl", "tac", "bat", "batcat", "hexdump", "zcat");
    /** Programs that search the text of files. */
    private static final Set<String> SEARCHERS = Set.of("grep", "egrep", "fgrep", "rg", "ag");

    /**
     * A whole tree read where home's keys and credentials lie: {@code find ~ -type f | xargs cat},
     * {@code grep -rl PRIVATE ~ | xargs cat} (every file, or every matching one, printed: HIGH);
     * {@code grep -r -A50 PRIVATE ~}, {@code grep -r password ~/.config} (the matching lines and
     * what follows them: MEDIUM). A search for ordinary words ({@code grep -r TODO ~/code}) or
     * without hidden files ({@code rg x ~}) reads no credentials.
     */
    private static void treeRead(Invocation c, Report out) {
        String prog = c.program();
        List<String> args = c.args();
        if (TREE_READERS.contains(prog)) {
            if (c.fedListing() && !c.findNames().isEmpty() && c.findNames().stream().allMatch(SecretFiles::keyPattern)) {
                // find / -name '*.pem' -exec cat {} +, find ~ -name 'id_*' | xargs cat: every key file found there
                for (String a : args) {
                    java.util.Optional<java.nio.file.Path> p = a.startsWith("-") ? java.util.Optional.empty() : c.path(a);
                    if (p.isPresent() && SecretFiles.holdsCredentials(p.get().toString(), c.context())) {
                        out.add(PRIVATE_KEY.finding("prints every " + String.join(", ", c.findNames()) + " file found where "
                                + "private keys are kept", c.text()));
                        out.signal(Report.Signal.SECRET_SOURCE);
                        return;
                    }
                }
            }
            if (!c.fedListing() || !c.findNames().isEmpty()) {
                return;
            }
            for (String a : args) {
                if (!a.startsWith("-")) {
                    java.util.Optional<java.nio.file.Path> p = c.path(a);
                    if (p.isPresent() && SecretFiles.holdsCredentials(p.get().toString(), c.context())) {
                        out.add(CREDENTIALS.finding("prints every file a listing of " + a + " names: its keys and "
                                + "credentials among them", c.text()));
                        out.signal(Report.Signal.SECRET_SOURCE);
                        return;
                    }
                }
            }
            return;
        }
        boolean anyOption = false;
        for (String a : args) {
            anyOption |= a.length() > 1 && a.charAt(0) == '-' && (a.indexOf('r') > 0 || a.indexOf('R') > 0 || a.indexOf('u') > 0
                    || a.indexOf('.') > 0 || a.startsWith("--hidden") || a.startsWith("--no-ignore"));
        }
        // grep password ~/.config/*/*: a glob over home names every file there, as -r would
        boolean globbed = args.stream().anyMatch(a -> (a.startsWith("~/") || a.startsWith("/") || a.startsWith("$HOME/"))
                && (a.indexOf('*') >= 0 || a.indexOf('?') >= 0));
        if (!anyOption && !globbed && !(prog.equals("rg") || prog.equals("ag"))) {
            return; // grep without -r reads only the files it names: judged as those files
        }
        boolean recursive = prog.equals("rg") || prog.equals("ag") || globbed;
        boolean hidden = !recursive || globbed;
        boolean context = false;
        boolean namesOnly = false;
        String pattern = null;
        List<String> operands = new java.util.ArrayList<>(2);
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-e") || a.equals("--regexp")) {
                pattern = i + 1 < args.size() ? args.get(++i) : "";
            } else if (a.equals("-A") || a.equals("-B") || a.equals("-C") || a.startsWith("--context") || a.startsWith("--after")
                    || a.startsWith("--before") || a.length() > 2 && a.charAt(0) == '-' && "ABC".indexOf(a.charAt(1)) >= 0
                    && Character.isDigit(a.charAt(2))) {
                context = true;
                i += a.length() == 2 ? 1 : 0;
            } else if (a.startsWith("--")) {
                recursive |= a.equals("--recursive") || a.equals("--dereference-recursive");
                hidden |= a.equals("--hidden") || a.equals("--no-ignore") || a.equals("--unrestricted");
                namesOnly |= a.equals("--files-with-matches") || a.equals("--files-without-match") || a.equals("--count")
                        || a.equals("--quiet") || a.equals("--files");
            } else if (a.startsWith("-") && a.length() > 1) {
                recursive |= a.indexOf('r') > 0 || a.indexOf('R') > 0;
                hidden |= a.startsWith("-uu") || a.indexOf('.') > 0 || prog.equals("ag") && a.indexOf('u') > 0;
                namesOnly |= a.indexOf('l') > 0 || a.indexOf('L') > 0 || a.indexOf('c') > 0 || a.indexOf('q') > 0;
                context |= a.indexOf('z') > 0;
            } else if (pattern == null) {
                pattern = a;
            } else {
                operands.add(a);
            }
        }
        if (!recursive || !hidden || namesOnly || pattern == null) {
            return;
        }
        if (!searchesForSecrets(pattern, true) && !context) {
            return;
        }
        for (String a : operands) {
            // (a glob is judged by the directory above its first wildcard: ~/.config/*/* by ~/.config)
            int w = a.indexOf('*') >= 0 || a.indexOf('?') >= 0 ? Math.min(a.indexOf('*') < 0 ? a.length() : a.indexOf('*'),
                    a.indexOf('?') < 0 ? a.length() : a.indexOf('?')) : -1;
            String dir = w < 0 ? a : a.substring(0, Math.max(1, a.lastIndexOf('/', w)));
            java.util.Optional<java.nio.file.Path> p = c.path(dir);
            if (p.isPresent() && SecretFiles.holdsCredentials(p.get().toString(), c.context())) {
                out.add(CREDENTIALS.finding(MEDIUM, "searches the files under " + a + ", keys and credentials among them, "
                        + "and prints what matches" + (context ? " with the lines around it" : ""), c.text()));
                out.signal(Report.Signal.SECRET_SOURCE);
                return;
            }
        }
    }

    /** Variables that name a credential file, and the file each stands for where it is not set. */
    private static final java.util.Map<String, String> FILE_VARIABLES = java.util.Map.of(
            "GOOGLE_APPLICATION_CREDENTIALS", ".config/gcloud/application_default_credentials.json",
            "KUBECONFIG", ".kube/config", "AWS_SHARED_CREDENTIALS_FILE", ".aws/credentials", "NETRC", ".netrc",
            "PGPASSFILE", ".pgpass", "NPM_CONFIG_USERCONFIG", ".npmrc", "DOCKER_CONFIG", ".docker/config.json",
            "CLOUDSDK_CONFIG", ".config/gcloud/credentials.db", "AZURE_CONFIG_DIR", ".azure/msal_token_cache.json");

    /**
     * {@code cat "$GOOGLE_APPLICATION_CREDENTIALS"}, {@code cat "$KUBECONFIG"}: a variable whose
     * value is a credential file's path, read as that file (where it is not set, the file it stands
     * for); {@code $X_TOKEN_FILE}, {@code $X_KEY_FILE} and the like as a credential file.
     */
    private static void namedByVariable(Invocation c, Report out) {
        for (String a : c.args()) {
            if (a.length() < 3 || a.charAt(0) != '$') {
                continue;
            }
            String name = a.startsWith("${") && a.endsWith("}") ? a.substring(2, a.length() - 1) : a.substring(1);
            if (!name.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_')) {
                continue;
            }
            String file = FILE_VARIABLES.get(name);
            if (file != null) {
                out.path(c.context().home() + "/" + file, PathUse.Access.READ, c.text());
            } else if (name.endsWith("_TOKEN_FILE") || name.endsWith("_KEY_FILE") || name.endsWith("_PASSWORD_FILE")
                    || name.endsWith("_SECRET_FILE") || name.endsWith("_CREDENTIALS_FILE") || name.endsWith("_PASSWD_FILE")) {
                out.add(CREDENTIALS.finding(MEDIUM, "reads the credential file $" + name + " names", c.text()));
                out.signal(Report.Signal.SECRET_SOURCE);
            }
        }
    }

    /**
     * Cloud metadata services and CI token endpoints hand out credentials to whoever asks from the
     * machine: {@code curl http://169.254.169.254/latest/meta-data/iam/security-credentials/ROLE},
     * GCP's {@code .../service-accounts/default/token}, Azure's {@code /metadata/identity/oauth2/token},
     * GitHub Actions' {@code $ACTIONS_ID_TOKEN_REQUEST_URL}.
     */
    private static void credentialEndpoint(Invocation c, Report out) {
        for (String a : c.args()) {
            String l = a.toLowerCase(java.util.Locale.ROOT);
            boolean metadata = l.contains("169.254.169.254") || l.contains("metadata.google.internal")
                    || l.contains("169.254.170.2") || l.contains("fd00:ec2::254") || l.contains("100.100.100.200");
            if (metadata && (l.contains("security-credentials") || l.contains("/token") || l.contains("identity")
                    || l.contains("service-accounts") || l.contains("credentials") || l.contains("ram/security"))
                    || a.contains("ACTIONS_ID_TOKEN_REQUEST_URL") || a.contains("ACTIONS_RUNTIME_TOKEN")) {
                SecretCommands.secret(c, HIGH, out);
                return;
            }
        }
    }

    /**
     * True when a search pattern looks for secrets: their names ({@code password}, {@code TOKEN},
     * {@code credential}; any {@code KEY} where names are what is searched, the environment and
     * home's files, else {@code API_KEY}: {@code kms_key_id} in a history is no secret), their shapes ({@code BEGIN}, {@code PRIVATE}, {@code AKIA},
     * {@code ghp_}, {@code sk-}, {@code xox}) or the words around them ({@code Bearer}, {@code auth}).
     */
    static boolean searchesForSecrets(String pattern, boolean anyKey) {
        String u = pattern.toUpperCase(java.util.Locale.ROOT);
        return u.contains("PRIVATE") || u.contains("PASSW") || u.contains("SECRET") || u.contains("TOKEN")
                || (anyKey ? u.contains("KEY") : u.contains("API_KEY") || u.contains("APIKEY")) || u.contains("CREDENTIAL") || u.contains("BEGIN") || u.contains("AWS_")
                || u.contains("AUTH") || u.contains("BEARER") || u.startsWith("AKIA") || u.startsWith("GHP_")
                || u.startsWith("SK-") || u.startsWith("XOX");
    }

    /**
     * {@code git log -p -S AKIA}, {@code git log -G password -p --all}: a search of the history for
     * secrets that prints the changes holding them. Without {@code -p} only commits are listed.
     */
    private static void historySearch(Invocation c, Report out) {
        List<String> args = c.args();
        if (!(args.contains("log") || args.contains("show")) || args.stream().noneMatch(a -> a.equals("-p") || a.equals("--patch")
                || a.equals("-u") || args.contains("show"))) {
            return;
        }
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String pattern = a.equals("-S") || a.equals("-G") ? (i + 1 < args.size() ? args.get(i + 1) : "")
                    : a.startsWith("-S") || a.startsWith("-G") ? a.substring(2) : null;
            if (pattern == null) {
                continue;
            }
            if (searchesForSecrets(pattern, false)) {
                out.add(COMMAND.finding(MEDIUM, "searches the history for secrets (" + pattern + ") and prints the changes "
                        + "that hold them", c.text()));
                out.signal(Report.Signal.SECRET_SOURCE);
                return;
            }
        }
    }

    /**
     * After {@code cd "$(dirname "$(pwd)")"} or {@code cd "$(git rev-parse --show-toplevel)/.."} the
     * directory is unknown, and may be home: {@code cat .ssh/id_ed25519} there is judged as the
     * home file it may be. Only dot paths, the shape of home's credential files.
     */
    private static void unknownDirectory(Invocation c, Report out) {
        if (NAMES_ONLY.contains(c.program())) {
            return;
        }
        String home = c.context().home().toString();
        for (String a : c.args()) {
            if (a.length() > 2 && a.charAt(0) == '.' && a.charAt(1) != '.' && a.indexOf('$') < 0
                    && (a.charAt(1) != '/' || a.length() > 3 && a.charAt(2) == '.')) {
                String rel = a.startsWith("./") ? a.substring(2) : a;
                String asHome = home + "/" + rel;
                if (!rel.contains("/..") && SecretFiles.classify(asHome, c.context()) != null) {
                    out.path(asHome, PathUse.Access.READ, c.text());
                }
            }
        }
    }

    /**
     * Programs that name files without reading them: tests, printing the name, listing, changing
     * metadata. {@code test -f .env}, {@code echo .env >> .gitignore}.
     */
    private static final Set<String> NAMES_ONLY = Set.of("test", "[", "echo", "printf", "touch", "ls", "stat", "file",
            "which", "basename", "dirname", "realpath", "readlink", "mkdir", "chmod", "chown", "du", "wc");

    /** Any argument of any other program that names a secret file counts as reading it. */
    private static void scanArguments(Invocation c, Report out) {
        if (NAMES_ONLY.contains(c.program()) || c.program().equals("git") && gitNamesOnly(c.args())) {
            return;
        }
        List<String> args = c.args();
        boolean resources = c.program().equals("kubectl") || c.program().equals("oc");
        boolean scanner = SCANNERS.contains(c.program());
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (i == 1 && c.program().equals("gh") && args.get(0).equals("api")) {
                continue; // gh api repos/o/r/actions/secrets: an API endpoint, not a file
            }
            if (resources && !a.startsWith("-") && !a.startsWith(".") && !a.startsWith("/") && !a.startsWith("~")
                    && !(i > 0 && KUBECTL_FILE_OPTIONS.contains(args.get(i - 1)))) {
                continue; // kubectl logs deploy/external-secrets: a kind and a name, not a file
            }
            if (KEY_USERS.contains(c.program()) && keyOption(c.program(), a)) {
                // ssh -i KEY, curl --key KEY, ssh-add KEY: the tool signs with the key; nobody sees it
                i += a.equals("-i") || a.equals("--key") || a.equals("-o") || a.equals("--cert") || a.equals("-E") ? 1 : 0;
                continue;
            }
            if (c.program().equals("mkcert") && a.startsWith("-") && a.endsWith("-file")) {
                i++; // -key-file, -cert-file, -p12-file: where mkcert writes what it makes
                continue;
            }
            if (scanner && a.startsWith("--") && scannerSetting(a)) {
                // semgrep --config p/secrets, trivy --secret-config trivy-secret.yaml: rules for finding
                // secrets, a registry name or the scanner's own report, named like a secret but not one
                // (a real credential file given there is still read: the scanner may echo it in an error)
                int eq = a.indexOf('=');
                String value = eq > 0 ? a.substring(eq + 1) : i + 1 < args.size() ? args.get(i + 1) : "";
                SecretFiles.Kind kind = c.path(value).map(p -> SecretFiles.classify(p.toString(), c.context())).orElse(null);
                if (kind == null || kind == SecretFiles.Kind.NAMED_SECRET) {
                    i += eq < 0 ? 1 : 0;
                    continue;
                }
            }
            if (a.equals("--env-file") || a.startsWith("--env-file=")) {
                // docker run/compose, uv run, node: the tool loads it into the program's
                // environment; the agent does not see the values
                i += a.equals("--env-file") ? 1 : 0;
                continue;
            }
            if (a.length() < 3 || a.indexOf('/') < 0 && a.indexOf('.') < 0 || !hinted(a)) {
                continue; // bare words (flags, subcommands) are not paths
            }
            String word = a;
            int eq = a.indexOf('=');
            if (a.startsWith("-") && eq > 0) {
                word = a.substring(eq + 1);
            } else if (a.startsWith("-")) {
                continue;
            }
            if (word.startsWith("@")) {
                word = word.substring(1);
            }
            if (word.indexOf(' ') >= 0 || word.indexOf('\n') >= 0 || word.indexOf("://") >= 0
                    || word.indexOf('/') < 0 && word.indexOf('.') < 0 && !word.startsWith("~")) {
                continue; // code, text or a bare word (kubectl get secrets), not a path
            }
            String w = word;
            c.path(w).ifPresent(p -> {
                String s = p.toString();
                if (SecretFiles.classify(s, c.context()) != null) {
                    out.path(s, PathUse.Access.READ, c.text());
                }
            });
        }
    }


    /** kubectl options whose value is a file. */
    private static final Set<String> KUBECTL_FILE_OPTIONS = Set.of("-f", "--filename", "--kubeconfig", "--from-file",
            "--from-env-file", "-k", "--kustomize", "--token-file", "--client-key", "--client-certificate");

    /** Secret scanners and code scanners, whose settings name secrets without holding any. */
    private static final Set<String> SCANNERS = Set.of("semgrep", "opengrep", "trivy", "gitleaks", "trufflehog",
            "detect-secrets", "detect-secrets-hook", "ggshield", "osv-scanner", "grype", "checkov", "kics", "secretlint",
            "talisman", "tfsec", "snyk");

    /** A scanner option that names its rules, baseline, ignore list or report. */
    private static boolean scannerSetting(String option) {
        int eq = option.indexOf('=');
        String name = (eq < 0 ? option : option.substring(0, eq)).toLowerCase(java.util.Locale.ROOT);
        return name.contains("config") || name.contains("rule") || name.contains("baseline") || name.contains("allowlist")
                || name.contains("ignore") || name.contains("output") || name.contains("report") || name.contains("policy");
    }

    /** Programs that authenticate with a key file they are given, without printing it. */
    private static final Set<String> KEY_USERS = Set.of("ssh", "scp", "sftp", "autossh", "mosh", "sshfs", "curl",
            "ssh-add", "ssh-copy-id", "kubeseal");

    /** Whether {@code a} gives the program a key to use ({@code -i KEY}, {@code -o IdentityFile=KEY}, ...). */
    private static boolean keyOption(String program, String a) {
        if (program.equals("ssh-add")) {
            return !a.startsWith("-"); // loads the key into the agent
        }
        if (program.equals("kubeseal")) {
            return a.equals("--cert") || a.startsWith("--cert="); // the controller's public certificate, to seal with
        }
        if (program.equals("curl")) {
            return a.equals("--key") || a.equals("--cert") || a.equals("-E") || a.startsWith("--key=") || a.startsWith("--cert=");
        }
        return a.equals("-i") || a.startsWith("-i") && a.length() > 2 && a.charAt(2) != '-'
                || a.equals("-o") || a.startsWith("-oIdentityFile") || a.startsWith("IdentityFile");
    }

    /** git subcommands that name a path without printing its content. */
    private static boolean gitNamesOnly(List<String> args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return switch (a) {
                    case "check-ignore", "ls-files", "status", "check-attr" -> true;
                    case "rm" -> args.contains("--cached");
                    default -> false;
                };
            }
        }
        return false;
    }

    static boolean hinted(String a) {
        for (String h : HINTS) {
            if (a.contains(h)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void inspectPath(PathUse use, AnalysisContext ctx, Report out) {
        if (use.access() == PathUse.Access.DELETE) {
            SecretFiles.Kind kind = SecretFiles.classify(use.path(), ctx);
            if (kind == SecretFiles.Kind.PRIVATE_KEY || kind == SecretFiles.Kind.KEY_DIRECTORY
                    || kind == SecretFiles.Kind.CREDENTIALS) {
                out.add(DESTROY.finding("deletes or moves away " + kind.label + ": " + use.path(), use.origin()));
            }
            return;
        }
        if (use.access() == PathUse.Access.WRITE) {
            // > id_rsa, cp /dev/null ~/.kube/config, sed -i d id_rsa: the old contents are gone
            SecretFiles.Kind kind = SecretFiles.overwritten(use.path(), ctx);
            if (kind != null) {
                out.add(DESTROY.finding("overwrites or changes " + kind.label + " (the old contents are lost): " + use.path(),
                        use.origin()));
            }
            return;
        }
        if (use.access() != PathUse.Access.READ) {
            return;
        }
        SecretFiles.Kind kind = SecretFiles.classify(use.path(), ctx);
        if (kind == null) {
            return;
        }
        if ((kind == SecretFiles.Kind.NAMED_SECRET || kind == SecretFiles.Kind.MAY_HOLD_CREDENTIALS) && out.written(use.path())) {
            return; // named like a secret, but what it holds is what the call itself wrote there (scan > secrets.json)
        }
        Rule rule = ruleFor(kind);
        out.add(rule.finding(rule.severity(), "reads " + kind.label + ": " + use.path(), use.origin()));
        out.signal(Report.Signal.SECRET_SOURCE);
    }

    private static Rule ruleFor(SecretFiles.Kind kind) {
        return switch (kind) {
            case PRIVATE_KEY, KEY_DIRECTORY -> PRIVATE_KEY;
            case CREDENTIALS -> CREDENTIALS;
            case DOTENV -> DOTENV;
            case ACCOUNTS -> ACCOUNTS;
            case PASSWORD_HASHES -> PASSWORD_HASHES;
            case PROCESS_ENV, PROCESS_MEMORY -> PROCESS_ENV;
            case HISTORY -> HISTORY;
            case BROWSER -> BROWSER;
            case NAMED_SECRET -> NAMED;
            case MAY_HOLD_CREDENTIALS -> MAY_HOLD;
        };
    }

    /**
     * A path whose directory is only known at run time but whose written end names a secret
     * wherever it is ({@code "${BASH_REMATCH[1]}/.ssh/id_ed25519"}, {@code $D/.aws/credentials},
     * {@code "$X/.env"}): judged by that end, as if under home, since that is where such names
     * are secrets. Names that are only secrets in particular places are left alone.
     */
    private static void secretTails(Invocation c, Report out) {
        if (NAMES_ONLY.contains(c.program()) || KEY_USERS.contains(c.program()) || c.program().equals("ssh-keygen")
                || c.program().equals("git") || c.program().equals("[[")) {
            return; // names, not contents (chmod 600 "$D/.ssh/id_rsa", ssh -i "$K/id_rsa")
        }
        for (String a : c.args()) {
            int dollar = a.lastIndexOf('$');
            if (dollar < 0 && a.indexOf('`') < 0 || a.length() > 4096) {
                continue;
            }
            int slash = a.indexOf('/', Math.max(dollar, a.lastIndexOf('`')));
            int close = Math.max(a.lastIndexOf('}'), a.lastIndexOf(')'));
            slash = close > dollar ? a.indexOf('/', close) : slash;
            if (slash < 0 || slash + 1 >= a.length()) {
                continue;
            }
            String tail = a.substring(slash + 1);
            if (Invocation.dynamic(tail) || tail.startsWith("/") || tail.contains("..")
                    || !dev.warden.analysis.PathResolver.plainName(tail)) {
                continue; // (code or a pattern, not the end of a path: print "$x" if /password=/)
            }
            SecretFiles.Kind kind = SecretFiles.classify(c.context().home().resolve(tail).normalize().toString(), c.context());
            if (kind == null || kind == SecretFiles.Kind.MAY_HOLD_CREDENTIALS || kind == SecretFiles.Kind.ACCOUNTS) {
                continue;
            }
            Rule rule = ruleFor(kind);
            out.add(rule.finding(rule.severity(), "names " + kind.label + " under a directory only known at run time: " + a,
                    c.text()));
            out.signal(Report.Signal.SECRET_SOURCE);
            return;
        }
    }
}
