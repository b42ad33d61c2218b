package dev.warden.analysis.secrets;

import dev.warden.analysis.AnalysisContext;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which files hold secrets. Matched on canonical path strings (set lookups, prefix and suffix
 * checks; no regex): this runs for every path a call reads.
 */
final class SecretFiles {

    /** What kind of secret a file holds, and how bad reading it is. */
    enum Kind {
        PRIVATE_KEY("a private key"),
        KEY_DIRECTORY("a directory of private keys"),
        CREDENTIALS("stored credentials"),
        DOTENV("an environment file with secrets"),
        ACCOUNTS("the system's account list"),
        PASSWORD_HASHES("password hashes"),
        PROCESS_ENV("another process's environment"),
        PROCESS_MEMORY("process memory"),
        HISTORY("shell or REPL history"),
        BROWSER("browser profile data (cookies, saved passwords)"),
        NAMED_SECRET("a file named like a secret"),
        MAY_HOLD_CREDENTIALS("a configuration file that may hold credentials");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** Relative to home: exact files or directories that are credentials. */
    private static final Set<String> HOME_CREDENTIALS = Set.of(".aws/credentials", ".aws", ".aws/sso/cache",
            ".kube/config", ".kube", ".npmrc", ".pypirc", ".netrc", ".git-credentials", ".pgpass", ".my.cnf",
            ".config/gh/hosts.yml", ".config/gh", ".config/hub", ".docker/config.json", ".dockercfg",
            ".config/gcloud", ".azure", ".terraform.d/credentials.tfrc.json", ".vault-token", ".cargo/credentials",
            ".cargo/credentials.toml", ".gem/credentials", ".config/op", ".password-store", ".local/share/keyrings",
            "Library/Keychains", ".claude/.credentials.json", ".codex/auth.json",
            // other agents' directories read whole (tar, cp -r, zip): their login tokens come along. Not
            // ~/.claude: Claude Code's agents list and read it routinely; its credentials file is above
            ".codex", ".gemini", ".gemini/oauth_creds.json", ".boto", ".s3cfg",
            ".config/rclone/rclone.conf", ".gnupg", ".ssh", ".config/heroku", ".netlify", ".config/netlify",
            ".vercel", ".config/vercel", ".fly", ".config/doctl", ".oci", ".config/gcloud/credentials.db",
            ".config/gcloud/access_tokens.db", ".config/gcloud/application_default_credentials.json",
            ".config/gcloud/legacy_credentials", ".composer/auth.json", ".config/composer/auth.json",
            ".m2/settings-security.xml", ".ansible/vault_pass", ".vault_pass", ".config/sops", ".sops",
            ".config/pulumi", ".pulumi/credentials.json", ".databrickscfg", ".snowsql/config", ".config/configstore",
            ".circleci/cli.yml", ".config/glab-cli", ".config/gitlab", ".wrangler", ".config/.wrangler",
            ".supabase/access-token", ".railway", ".config/ngrok", ".ngrok2",
            // registries, SaaS CLIs, mail and wallets: login tokens, passwords and keys
            ".config/containers/auth.json", ".config/containers", ".config/github-copilot", ".kaggle", ".cloudflared",
            ".config/hcloud", ".snowflake", ".mylogin.cnf", ".config/stripe", ".sentryclirc", ".travis", ".authinfo",
            ".authinfo.gpg", ".msmtprc", ".fetchmailrc", ".talos", ".config/solana", ".bitcoin", ".ethereum",
            ".electrum", ".config/age", ".local/share/containers/auth.json", ".config/tailscale", ".config/linode-cli",
            ".config/scw", ".exoscale", ".config/flyctl", ".config/twilio-cli", ".aptible", ".config/atlas",
            ".config/huggingface", ".cache/huggingface/token", ".huggingface/token", ".config/openai",
            ".anthropic", ".config/anthropic",
            // version control, SSO and remote-access clients, chat and mail clients' stored passwords
            ".config/git/credentials", ".gitcookies", ".subversion/auth", ".config/filezilla", ".filezilla",
            ".local/share/remmina", ".config/remmina", ".weechat/sec.conf", ".config/weechat/sec.conf",
            ".local/share/weechat/sec.conf", ".purple/accounts.xml", ".jfrog", ".tsh", ".android/adbkey",
            ".mc/config.json", ".bluemix", ".aliyun", ".okta", ".config/tea", ".config/fly", ".wakatime.cfg",
            ".local/share/atuin/key", ".continue/config.json", ".continue/config.yaml", ".config/hcloud/cli.toml",
            ".config/gopass", ".local/share/gopass", ".config/Bitwarden CLI", ".config/1Password", ".lastpass",
            ".config/keybase", ".irssi/config", ".config/hexchat/servlist.conf", ".mutt/muttrc", ".muttrc",
            ".config/aerc/accounts.conf", ".config/himalaya", ".config/rbw", ".saml2aws", ".config/vault",
            ".config/argocd", ".argocd", ".config/harbor", ".config/pgcli",
            ".docker/contexts", ".minikube/profiles", ".config/k9s/clusters", ".config/openstack/clouds.yaml",
            ".config/rancher", ".rancher", ".config/nomad", ".config/consul", ".config/linear", ".config/sentry",
            ".ovh.conf", ".scw", ".vultr-cli.yaml", ".config/vultr-cli.yaml", ".dbt/profiles.yml",
            ".ivy2/.credentials", ".sbt/1.0/credentials.sbt", ".sbt/.credentials", ".smbcredentials", ".smb.creds",
            ".ansible/vault_pass.txt", ".vault_pass.txt", ".jira.d/config.yml", ".config/jira", ".config/cloudflare",
            ".cloudflare", ".config/doppler", ".doppler", ".config/infisical", ".infisical", ".config/tsh", ".akamai",
            ".edgerc", ".linode-cli", ".hcloud", ".packet-cli.json", ".config/exoscale",
            ".config/upcloud", ".civo.json", ".config/fastly", ".config/heroku/credentials",
            // CI agents, observability, identity, mobile stores, messaging: tokens, session cookies, cluster cookies
            ".buildkite-agent/buildkite-agent.cfg", ".buildkite-agent", ".dogrc", ".twilio-cli", ".fastlane/spaceship",
            ".expo/state.json", ".config/auth0", ".keycloak/kcadm.config", ".keycloak", ".config/okta",
            ".config/nats/context", ".erlang.cookie", ".config/newrelic", ".newrelic", ".config/honeycomb",
            ".pagerduty.yml", ".config/pagerduty", ".config/grafana", ".config/circleci", ".config/gitlab-runner",
            ".mailrc");
    /** Relative to home: configuration files that often carry a password or token among other settings. */
    private static final Set<String> HOME_MAY_HOLD = Set.of(".claude.json", ".m2/settings.xml", ".gradle/gradle.properties",
            ".config/helm/repositories.yaml", ".terraformrc", ".bundle/config", ".yarnrc.yml", ".yarnrc", ".condarc",
            ".config/pip/pip.conf", ".pip/pip.conf", ".sbt/credentials", ".config/rclone", ".nuget/NuGet/NuGet.Config",
            ".s3cmd", ".config/mlflow", ".databricks");
    /** Absolute: cluster admin credentials and mounted secrets. */
    private static final String[] SYSTEM_CREDENTIAL_PREFIX = {"/etc/kubernetes/admin.conf",
            "/etc/kubernetes/super-admin.conf", "/etc/kubernetes/pki/", "/etc/rancher/k3s/k3s.yaml",
            "/etc/rancher/rke2/rke2.yaml", "/var/lib/rancher/k3s/server/", "/run/secrets/", "/var/run/secrets/",
            "/etc/docker/key.json", "/root/.docker/config.json", "/run/containers/0/auth.json",
            "/etc/gitlab-runner/config.toml", "/etc/buildkite-agent/buildkite-agent.cfg", "/etc/wireguard/",
            "/etc/NetworkManager/system-connections/", "/etc/ppp/chap-secrets", "/etc/ppp/pap-secrets",
            "/var/lib/jenkins/secrets/", "/var/lib/jenkins/credentials.xml", "/etc/letsencrypt/live/",
            "/etc/letsencrypt/archive/", "/etc/rancher/node/password", "/var/lib/kubelet/pki/", "/var/lib/etcd/",
            "/etc/ldap.secret", "/etc/pam_ldap.secret", "/var/lib/samba/private/", "/etc/ceph/ceph.client.",
            "/var/lib/grafana/grafana.db", "/etc/grafana/grafana.ini", "/var/lib/rabbitmq/.erlang.cookie",
            "/etc/buildkite-agent/", "/etc/gitlab/gitlab-secrets.json", "/etc/sssd/sssd.conf"};
    private static final String[] HOME_CREDENTIAL_PREFIX = {".aws/", ".ssh/", ".gnupg/", ".kube/", ".config/gcloud/",
            ".azure/", ".password-store/", ".local/share/keyrings/", "Library/Keychains/", ".config/op/",
            ".config/gh/", ".docker/", ".oci/", ".fly/", ".config/doctl/", ".pulumi/", ".config/heroku/"};
    private static final Set<String> SSH_PUBLIC = Set.of("known_hosts", "known_hosts.old", "config", "authorized_keys",
            "authorized_keys2", "environment", "rc");
    private static final Set<String> HOME_BROWSER_PREFIX = Set.of(".mozilla/", ".config/google-chrome/",
            ".config/chromium/", ".config/BraveSoftware/", ".config/microsoft-edge/", "Library/Application Support/Google/Chrome/",
            "Library/Application Support/Firefox/", "Library/Cookies/", "Library/Safari/", ".config/vivaldi/",
            "Library/Application Support/BraveSoftware/", "Library/Application Support/Microsoft Edge/", "snap/firefox/",
            "snap/chromium/", ".thunderbird/", ".var/app/org.mozilla.firefox/", ".var/app/com.google.Chrome/",
            ".var/app/org.chromium.Chromium/", ".var/app/com.brave.Browser/", ".var/app/com.slack.Slack/",
            ".var/app/com.discordapp.Discord/", ".config/Slack/", ".config/discord/", ".config/Signal/",
            ".config/Microsoft/Microsoft Teams/", ".config/Code/User/globalStorage/", ".config/Element/",
            ".config/teams-for-linux/", "Library/Application Support/Slack/", "Library/Application Support/discord/",
            "Library/Application Support/Signal/", "Library/Messages/");
    /** Extensions of source code: a credentials.py in a tool's directory is code, not a credential. */
    private static final Set<String> CODE_EXTENSIONS = Set.of("py", "js", "ts", "go", "rb", "java", "rs", "c", "h",
            "md", "html", "css", "sh", "lua", "vim", "el", "pyc", "class", "map", "d.ts");

    /** File names of browser and Electron-app session stores, wherever the profile is kept. */
    private static final Set<String> SESSION_FILES = Set.of("Cookies", "cookies.sqlite", "Login Data", "logins.json",
            "key4.db", "key3.db", "signons.sqlite", "Web Data", "Local State");
    private static final Set<String> HISTORY = Set.of(".bash_history", ".zsh_history", ".histfile", ".history",
            ".python_history", ".node_repl_history", ".psql_history", ".mysql_history", ".sqlite_history",
            ".rediscli_history", ".local/share/fish/fish_history", ".irb_history", ".pry_history", ".lesshst",
            ".mongosh_history", ".dbshell", ".ts_node_repl_history", ".scala_history", ".Rhistory",
            ".local/share/atuin/history.db", ".julia/logs/repl_history.jl", ".local/share/mc/history", ".ghc/ghci_history",
            ".clickhouse-client-history", ".duckdb_history", ".local/share/zsh/history",
            ".local/state/zsh/history", ".config/zsh/.zsh_history", ".cache/zsh/history");
    private static final Set<String> SYSTEM_HASHES = Set.of("/etc/shadow", "/etc/gshadow", "/etc/master.passwd",
            "/etc/sudoers", "/etc/security/opasswd", "/private/etc/master.passwd", "/etc/shadow-", "/etc/gshadow-",
            "/var/db/dslocal/nodes/Default/users", "/etc/ssl/private", "/Library/Keychains",
            "/var/lib/sss/db", "/etc/krb5.keytab");
    private static final String[] SYSTEM_HASH_PREFIX = {"/etc/ssl/private/", "/Library/Keychains/",
            "/var/db/dslocal/nodes/Default/users/", "/etc/ssh/ssh_host_", "/root/.ssh/", "/root/.aws/",
            "/root/.gnupg/", "/etc/sudoers.d/", "/var/lib/sss/"};
    /** File names (lower case) that hold a secret wherever they are. */
    private static final Set<String> NAMED_SECRETS = Set.of(
            "credentials", "credentials.json", "service-account.json", "serviceaccount.json", "token.json",
            "client_secret.json", "secrets.yml", "secrets.yaml", "secrets.json", "master.key", "credentials.yml.enc",
            ".gitcookies", ".htpasswd", "shadow", "kubeconfig", ".secrets", ".secret", ".vault_pass", "vault_pass",
            ".vault-password", ".vault_password", ".pypirc", ".netrc", ".git-credentials", ".pgpass", "key.json",
            "sa.json", ".erlang.cookie", "secrets.tdb", "passdb.tdb");
    /** File names (lower case) that often hold a credential among settings. */
    private static final Set<String> MAY_HOLD_NAMES = Set.of(
            ".npmrc", ".yarnrc.yml", "terraform.tfvars", "database.yml", "wp-config.php",
            "settings.xml", "gradle.properties", "config.php", "secrets.toml", "application-prod.yml",
            "application-production.yml", "appsettings.production.json");
    private static final Set<String> KEY_SUFFIXES = Set.of(".key", ".p12", ".pfx", ".ppk", ".jks", ".keystore",
            ".p8", ".pkcs12", ".keychain", ".keychain-db", ".kdbx", ".gpg", ".asc", ".age", ".pem", ".der");
    private static final Set<String> DOTENV_EXAMPLES = Set.of("example", "sample", "template", "dist", "defaults",
            "default", "schema", "tmpl", "tpl", "ci", "test", "testing", "spec", "dev.example", "local.example", "md",
            "keep", "j2", "jinja", "erb", "bak.example");
    private static final Set<String> SECRET_WORDS_EXT = Set.of("", "txt", "json", "yml", "yaml", "env", "conf",
            "cfg", "ini", "properties", "toml", "csv", "xml", "dat", "out", "log", "bak", "backup", "tfvars", "tfstate");

    /** Relative to home: credential files (not directories) that writing over destroys. */
    private static final Set<String> HOME_CREDENTIAL_FILES = Set.of(".aws/credentials", ".kube/config", ".npmrc",
            ".pypirc", ".netrc", ".git-credentials", ".pgpass", ".my.cnf", ".config/gh/hosts.yml", ".docker/config.json",
            ".dockercfg", ".terraform.d/credentials.tfrc.json", ".vault-token", ".cargo/credentials",
            ".cargo/credentials.toml", ".gem/credentials", ".claude/.credentials.json", ".codex/auth.json",
            ".gemini/oauth_creds.json", ".boto", ".s3cfg", ".config/rclone/rclone.conf", ".config/gcloud/credentials.db",
            ".config/gcloud/access_tokens.db", ".config/gcloud/application_default_credentials.json",
            ".composer/auth.json", ".config/composer/auth.json", ".m2/settings-security.xml", ".ansible/vault_pass",
            ".vault_pass", ".pulumi/credentials.json", ".databrickscfg", ".snowsql/config", ".circleci/cli.yml",
            ".supabase/access-token");
    /** Relative to home: directories whose every file is key material. */
    private static final String[] HOME_KEY_STORE_PREFIX = {".gnupg/private-keys-v1.d/", ".password-store/",
            ".local/share/keyrings/", "Library/Keychains/"};

    private SecretFiles() {}

    /**
     * What writing to {@code p} would destroy: a file named as a private key ({@code id_rsa},
     * {@code *.key}), a known credentials file or a file in a key store — or null. Narrower than
     * {@link #classify}: {@code ~/.ssh/<anything>} is read-sensitive, but writing a new name there
     * ({@code cp tool ~/.ssh/rc}) overwrites no key, and directories ({@code mkdir ~/.aws}) hold
     * nothing yet.
     */
    static @Nullable Kind overwritten(String p, AnalysisContext ctx) {
        Kind kind = classify(p, ctx);
        if (kind == null) {
            return null;
        }
        String base = p.substring(p.lastIndexOf('/') + 1);
        String home = ctx.home().toString();
        String rel = p.startsWith(home + "/") ? p.substring(home.length() + 1) : "";
        if (kind == Kind.PRIVATE_KEY || kind == Kind.PASSWORD_HASHES) {
            // a key where keys live; elsewhere (cp ~/.ssh/id_rsa /tmp/) a key-named file is a new copy
            boolean keyPlace = rel.startsWith(".ssh/") || p.startsWith("/root/.ssh/") || p.startsWith("/etc/ssh/");
            return keyPlace && byName(base) == Kind.PRIVATE_KEY ? Kind.PRIVATE_KEY : null;
        }
        if (kind != Kind.CREDENTIALS) {
            return null;
        }
        if (HOME_CREDENTIAL_FILES.contains(rel)) {
            return kind;
        }
        for (String pre : HOME_KEY_STORE_PREFIX) {
            if (rel.startsWith(pre) && rel.length() > pre.length()) {
                return kind;
            }
        }
        return null;
    }

    /** What secret the file at {@code p} (canonical, absolute) holds, or null. */
    static @Nullable Kind classify(String p, AnalysisContext ctx) {
        int slash = p.lastIndexOf('/');
        String base = p.substring(slash + 1);
        if (base.isEmpty()) {
            return null;
        }
        String home = ctx.home().toString();
        if (p.startsWith(home) && p.length() > home.length() + 1 && p.charAt(home.length()) == '/') {
            String rel = p.substring(home.length() + 1);
            Kind k = home(rel, base);
            if (k != null) {
                return k;
            }
        }
        String other = otherHome(p);
        if (other != null) {
            // /home/*/.config/gh/hosts.yml, /home/bob/.aws/credentials, /root/.npmrc: a home's credentials
            // are credentials whoever's home it is (and a glob may match the user's own)
            Kind k = home(other, base);
            if (k != null) {
                return k;
            }
        }
        boolean system = p.startsWith("/etc/") || p.startsWith("/var/") || p.startsWith("/run/")
                || p.startsWith("/root/") || p.startsWith("/Library/"); // where every system prefix below lies
        for (int i = 0; system && i < SYSTEM_CREDENTIAL_PREFIX.length; i++) {
            String pre = SYSTEM_CREDENTIAL_PREFIX[i];
            if (p.startsWith(pre) || pre.endsWith("/") && p.length() == pre.length() - 1 && pre.startsWith(p)) {
                return Kind.CREDENTIALS; // a file below, or the directory itself (grep -r psk= /etc/NetworkManager/...)
            }
        }
        if (p.startsWith("/proc/")) {
            if (base.equals("environ")) {
                return Kind.PROCESS_ENV;
            }
            if (base.equals("mem") || base.equals("kcore")) {
                return Kind.PROCESS_MEMORY;
            }
        }
        if (p.equals("/dev/mem") || p.equals("/dev/kmem")) {
            return Kind.PROCESS_MEMORY;
        }
        if (SYSTEM_HASHES.contains(p)) {
            return Kind.PASSWORD_HASHES;
        }
        for (int i = 0; system && i < SYSTEM_HASH_PREFIX.length; i++) {
            if (p.startsWith(SYSTEM_HASH_PREFIX[i])) {
                return Kind.PASSWORD_HASHES;
            }
        }
        if (p.equals("/etc/passwd") || p.equals("/etc/group") || p.equals("/private/etc/passwd")) {
            return Kind.ACCOUNTS;
        }
        if (p.endsWith("/.dvc/config.local")) {
            return Kind.CREDENTIALS; // DVC's remote credentials, kept out of git
        }
        Kind named = byName(base);
        if (named == Kind.NAMED_SECRET && (p.contains("/templates/") || p.contains("/fixtures/") || p.contains("/__fixtures__/"))) {
            return null; // a Helm chart's templates/secret.yaml, a test fixture: the shape of a secret, not one
        }
        return named;
    }

    /**
     * True when home's keys and credentials lie somewhere below {@code dir} (canonical): the root,
     * a home or an ancestor of one, {@code ~/.config}, {@code ~/.local/share}, {@code ~/Library}, or
     * a credential directory itself ({@code ~/.ssh}, {@code ~/.aws}).
     */
    static boolean holdsCredentials(String dir, AnalysisContext ctx) {
        String home = ctx.home().toString();
        if (dir.equals("/") || dir.equals(home) || home.startsWith(dir.endsWith("/") ? dir : dir + "/")
                || dir.equals("/home") || dir.equals("/Users") || dir.equals("/root")) {
            return true;
        }
        if (dir.startsWith(home + "/")) {
            String rel = dir.substring(home.length() + 1);
            if (rel.equals(".config") || rel.equals(".local") || rel.equals(".local/share") || rel.equals("Library")
                    || rel.equals("Library/Application Support")) {
                return true;
            }
        }
        String other = otherHome(dir + "/x");
        if (other != null && other.equals("x")) {
            return true; // /home/bob
        }
        return classify(dir, ctx) != null && (dir.contains("/.") || dir.startsWith("/etc/"));
    }

    /** The part of {@code p} below some user's home ({@code /home/NAME/}, {@code /Users/NAME/}, {@code /root/}), or null. */
    private static @Nullable String otherHome(String p) {
        int from;
        if (p.startsWith("/home/") || p.startsWith("/Users/")) {
            int slash = p.indexOf('/', p.charAt(1) == 'h' ? 6 : 7);
            from = slash < 0 ? -1 : slash + 1;
        } else if (p.startsWith("/root/")) {
            from = 6;
        } else if (p.startsWith("/var/root/")) {
            from = 10;
        } else {
            return null;
        }
        return from < 0 || from >= p.length() ? null : p.substring(from);
    }

    private static @Nullable Kind home(String rel, String base) {
        if (rel.charAt(0) != '.' && !rel.startsWith("Library") && !rel.startsWith("snap/")) {
            // every home list below names a dot-directory, Library or snap: the rest of home (the
            // project, ~/Documents) can only hold a browser or app session store
            return sessionStore(rel, base) ? Kind.BROWSER : null;
        }
        if (rel.equals(".ssh") || rel.equals(".gnupg")) {
            return Kind.KEY_DIRECTORY;
        }
        if (rel.startsWith(".ssh/")) {
            String name = rel.substring(5);
            if (SSH_PUBLIC.contains(name) || name.endsWith(".pub")) {
                return null;
            }
            return name.indexOf('/') < 0 ? Kind.PRIVATE_KEY : null;
        }
        if (HOME_CREDENTIALS.contains(rel)) {
            return Kind.CREDENTIALS;
        }
        for (String pre : HOME_CREDENTIAL_PREFIX) {
            if (rel.startsWith(pre)) {
                if (rel.equals(".aws/config")) {
                    return null;
                }
                if (rel.startsWith(".kube/cache") && !rel.startsWith(".kube/cache/oidc-login")
                        || rel.startsWith(".docker/") && !rel.equals(".docker/config.json")) {
                    // the discovery cache; kubelogin keeps its id and refresh tokens under cache/oidc-login
                    return null;
                }
                return Kind.CREDENTIALS;
            }
        }
        // a file inside a credentials directory (~/.netlify/config.json, ~/.config/sops/age/keys.txt)
        for (int slash = rel.lastIndexOf('/'); slash > 0; slash = rel.lastIndexOf('/', slash - 1)) {
            String dir = rel.substring(0, slash);
            if (HOME_CREDENTIALS.contains(dir) && !dir.equals(".codex") && !dir.equals(".gemini")) {
                // ~/.codex and ~/.gemini hold settings too: only their token files (listed) and the
                // whole directory count
                return Kind.CREDENTIALS;
            }
        }
        if (HOME_MAY_HOLD.contains(rel)) {
            return Kind.MAY_HOLD_CREDENTIALS;
        }
        if (HISTORY.contains(rel)) {
            return Kind.HISTORY;
        }
        for (String pre : HOME_BROWSER_PREFIX) {
            if (rel.startsWith(pre) || rel.length() == pre.length() - 1 && pre.startsWith(rel)) {
                // (the profile directory itself too: cp -r ~/.mozilla takes every cookie and saved password)
                return Kind.BROWSER;
            }
        }
        if (sessionStore(rel, base)) {
            return Kind.BROWSER;
        }
        String lowerBase = base.toLowerCase(Locale.ROOT);
        if (rel.charAt(0) == '.' && !CODE_EXTENSIONS.contains(lowerBase.substring(lowerBase.lastIndexOf('.') + 1))
                && (lowerBase.contains("credential") || lowerBase.contains("password") || lowerBase.contains("passwd")
                        || lowerBase.contains("vault_pass") || lowerBase.contains("secret"))) {
            return Kind.CREDENTIALS; // ~/.ivy2/.credentials, ~/.sbt/1.0/credentials.sbt, ~/.smbcredentials
        }
        if (rel.indexOf('/') > 0 && rel.charAt(0) == '.' && (base.equals("auth.json") || base.equals("token")
                || base.equals("tokens.json") || base.equals("access_token") || base.equals("refresh_token")
                || base.endsWith(".token") || base.equals("credentials.toml") || base.equals("credentials.yaml")
                || base.equals("credentials.yml"))) {
            return Kind.CREDENTIALS; // a tool's login token in its own directory (~/.config/x/auth.json)
        }
        return null;
    }

    /** A browser or Electron app's cookies and tokens, wherever its profile is. */
    private static boolean sessionStore(String rel, String base) {
        return SESSION_FILES.contains(base) || rel.contains("/Local Storage/leveldb/") || rel.contains("/Session Storage/");
    }

    /**
     * A name pattern (find -name, locate) that selects key files: {@code *.pem}, {@code *.key},
     * {@code id_*}, {@code *private*}. Unlike a single name, a {@code .pem} pattern counts: among
     * all the .pem files a search finds, the private keys are too.
     */
    static boolean keyPattern(String pattern) {
        String n = pattern.toLowerCase(Locale.ROOT).replaceAll("^\\*+|\\*+$", "");
        int dot = n.lastIndexOf('.');
        String ext = dot < 0 ? "" : n.substring(dot);
        return byName(n) == Kind.PRIVATE_KEY || n.startsWith("id_") || n.contains("private")
                || KEY_SUFFIXES.contains(ext) && !ext.equals(".asc") && !ext.equals(".gpg") && !ext.equals(".der");
    }

    /** Secrets recognisable wherever they are: keys, .env files, files named like secrets. */
    static @Nullable Kind byName(String base) {
        String lower = base.toLowerCase(Locale.ROOT);
        if (lower.startsWith("id_") && !lower.endsWith(".pub") && (lower.startsWith("id_rsa") || lower.startsWith("id_ed25519")
                || lower.startsWith("id_ecdsa") || lower.startsWith("id_dsa") || lower.startsWith("id_xmss")
                || lower.equals("id_*") || lower.equals("id_*[^b]"))) {
            return Kind.PRIVATE_KEY;
        }
        if (lower.equals(".env") || lower.startsWith(".env.") || lower.endsWith(".env") && lower.length() > 4) {
            String suffix = lower.startsWith(".env.") ? lower.substring(5) : "";
            if (DOTENV_EXAMPLES.contains(suffix) || lower.contains("example") || lower.contains("sample")
                    || lower.contains("template")) {
                return null;
            }
            return Kind.DOTENV;
        }
        if (lower.equals(".envrc") || lower.equals(".dev.vars") || lower.equals("secrets.env") || lower.equals(".env*")
                || lower.equals(".env.*") || lower.equals("*.env") || lower.equals(".renviron")
                || lower.equals("local.settings.json")) {
            // R's .Renviron and Azure Functions' local.settings.json are where those stacks keep their .env
            return Kind.DOTENV;
        }
        int dot = lower.lastIndexOf('.');
        String ext = dot < 0 ? "" : lower.substring(dot);
        if (KEY_SUFFIXES.contains(ext)) {
            if (ext.equals(".pem") || ext.equals(".der") || ext.equals(".asc") || ext.equals(".gpg")) {
                // certificates and public keys share these suffixes: only names that say "key"
                return (lower.contains("key") || lower.contains("priv") || lower.contains("secret")) && !lower.contains("pub")
                        && !lower.contains("cert") ? Kind.PRIVATE_KEY : null; // sealed-secrets-pub.pem: a public key
            }
            if (lower.endsWith(".pub.key") || lower.contains("public")) {
                return null;
            }
            return Kind.PRIVATE_KEY;
        }
        if (NAMED_SECRETS.contains(lower) || lower.endsWith(".tfstate") || lower.endsWith(".tfstate.backup")
                || lower.endsWith("-key.json") || lower.endsWith("_key.json") || lower.endsWith(".keyring")
                || lower.endsWith(".keytab")) {
            return Kind.NAMED_SECRET;
        }
        if (lower.equals("deploy_key") || lower.equals("deploy-key") || lower.endsWith("_deploy_key")
                || lower.endsWith("-deploy-key") || lower.equals("deploy_key.pem")) {
            return Kind.PRIVATE_KEY; // a repository's SSH deploy key, named the way GitHub's docs name it
        }
        if (lower.endsWith(".json") && (lower.contains("serviceaccount") || lower.contains("service-account")
                || lower.contains("service_account") || lower.contains("adminsdk")) && !lower.contains("example")
                && !lower.contains("template")) { // (firebase-adminsdk-xxxxx.json: Firebase's service-account key)
            return Kind.NAMED_SECRET; // serviceAccountKey.json, my-service-account.json: a cloud key file
        }
        if ((MAY_HOLD_NAMES.contains(lower) || lower.endsWith(".tfvars")) && (lower.contains("secret")
                || lower.contains("password") || lower.contains("credential")) && !lower.contains("example")) {
            return Kind.NAMED_SECRET; // secrets.auto.tfvars
        }
        if (MAY_HOLD_NAMES.contains(lower) || lower.endsWith(".auto.tfvars")
                || lower.endsWith(".tfvars") && !lower.contains("example")) {
            return Kind.MAY_HOLD_CREDENTIALS;
        }
        String stem = dot < 0 ? lower : lower.substring(0, dot);
        String extNoDot = dot < 0 ? "" : lower.substring(dot + 1);
        if (stem.contains("example") || stem.contains("sample") || stem.contains("template") || stem.contains("fake")
                || stem.contains("dummy") || stem.contains("mock") || stem.contains("sealed") || stem.contains("names")) {
            // secrets.example.yml, fake_credentials.json, sealed-secret.yaml (encrypted for the cluster),
            // secret-names.txt (what they are called, not what they hold)
            return null;
        }
        if (SECRET_WORDS_EXT.contains(extNoDot) && (stem.contains("secret") || stem.contains("password")
                || stem.contains("passwd") || stem.contains("credential") || stem.contains("private_key")
                || stem.contains("privatekey") || stem.contains("apikey") || stem.contains("api_key")
                || stem.contains("access_token") || stem.equals("token") || stem.endsWith("-token") || stem.endsWith("_token"))) {
            return Kind.NAMED_SECRET;
        }
        return null;
    }
}
