package dev.warden.analysis.net;

import dev.warden.analysis.Invocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an HTTP client invocation does: its URLs, method, request body sources and output file.
 * Parses curl's, wget's and HTTPie's option grammars (clustered short options with glued values,
 * long options with {@code =} or a separate value).
 */
record Http(List<String> urls, String method, List<String> uploads, boolean body, boolean stdinBody,
        String output, boolean toFile) {

    private static final String CURL_SHORT_VALUED = "odFHXuAebcTKxwmErCYyzDJPQt";
    private static final Set<String> CURL_LONG_VALUED = Set.of("--output", "--data", "--data-ascii", "--data-binary",
            "--data-raw", "--data-urlencode", "--form", "--form-string", "--header", "--request", "--user",
            "--user-agent", "--referer", "--cookie", "--cookie-jar", "--upload-file", "--proxy", "--write-out",
            "--max-time", "--config", "--interface", "--local-port", "--dns-servers", "--limit-rate", "--max-filesize",
            "--oauth2-bearer", "--time-cond", "--dump-header", "--trace", "--trace-ascii", "--stderr", "--output-dir",
            "--variable", "--json", "--url", "--connect-timeout", "--retry", "--retry-delay", "--retry-max-time",
            "--cert", "--key", "--cacert", "--capath", "--range", "--continue-at", "--speed-limit", "--speed-time",
            "--resolve", "--connect-to", "--proxy-user", "--ciphers", "--netrc-file", "--aws-sigv4", "--unix-socket",
            "--abstract-unix-socket", "--pinnedpubkey", "--preproxy", "--socks5", "--socks4", "--socks5-hostname",
            "--quote", "--mail-from", "--mail-rcpt", "--expect100-timeout", "--keepalive-time", "--max-redirs",
            "--proto", "--proto-redir", "--url-query", "--create-file-mode", "--etag-save", "--etag-compare",
            "--hsts", "--alt-svc", "--login-options", "--sasl-authzid", "--service-name", "--happy-eyeballs-timeout-ms",
            "--tls-max", "--noproxy", "--doh-url", "--engine", "--key-type", "--cert-type", "--pass", "--random-file",
            "--egd-file", "--krb", "--ftp-port", "--ftp-account", "--ftp-alternative-to-user", "--ftp-method",
            "--ftp-ssl-ccc-mode", "--mail-auth", "--delegation", "--telnet-option", "--tftp-blksize", "--ip-tos",
            "--vlan-priority", "--xattr-name", "--request-target", "--haproxy-clientip", "--ssl-sessions");

    static Http curl(Invocation c) {
        List<String> urls = new ArrayList<>();
        List<String> uploads = new ArrayList<>();
        String method = "";
        boolean body = false;
        boolean stdin = false;
        String output = "";
        String outputDir = "";
        boolean toFile = false;
        List<String> args = c.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                String name = resolve(eq < 0 ? a : a.substring(0, eq), CURL_LONG_VALUED, CURL_LONG_FLAGS);
                String value = null;
                if (CURL_LONG_VALUED.contains(name)) {
                    value = eq >= 0 ? a.substring(eq + 1) : i + 1 < args.size() ? args.get(++i) : "";
                }
                switch (name) {
                    case "--request" -> method = value == null ? "" : value;
                    case "--data", "--data-ascii", "--data-binary", "--data-raw", "--data-urlencode", "--json" -> {
                        body = true;
                        if (value != null) {
                            stdin |= name.equals("--data-urlencode") ? urlencodeFile(value, uploads)
                                    : dataFile(value, name.equals("--data-raw"), uploads);
                        }
                    }
                    case "--form", "--form-string" -> {
                        body = true;
                        if (value != null && name.equals("--form")) {
                            stdin |= formFile(value, uploads);
                        }
                    }
                    case "--upload-file" -> {
                        body = true;
                        if (value != null) {
                            if (value.equals("-") || value.equals(".")) {
                                stdin = true;
                            } else {
                                uploads.add(value);
                            }
                        }
                    }
                    case "--output" -> {
                        output = value == null ? "" : value;
                        toFile = true;
                    }
                    case "--remote-name", "--remote-name-all" -> toFile = true;
                    case "--output-dir" -> outputDir = value == null ? "" : value;
                    case "--url" -> {
                        if (value != null) {
                            urls.add(value);
                        }
                    }
                    default -> { }
                }
            } else if (a.startsWith("-") && a.length() > 1) {
                for (int j = 1; j < a.length(); j++) {
                    char l = a.charAt(j);
                    if (l == 'O') {
                        toFile = true;
                        continue;
                    }
                    if (CURL_SHORT_VALUED.indexOf(l) < 0) {
                        continue;
                    }
                    String rest = a.substring(j + 1);
                    String value = !rest.isEmpty() ? rest : i + 1 < args.size() ? args.get(++i) : "";
                    switch (l) {
                        case 'X' -> method = value;
                        case 'd' -> {
                            body = true;
                            stdin |= dataFile(value, false, uploads);
                        }
                        case 'F' -> {
                            body = true;
                            stdin |= formFile(value, uploads);
                        }
                        case 'T' -> {
                            body = true;
                            if (value.equals("-") || value.equals(".")) {
                                stdin = true;
                            } else {
                                uploads.add(value);
                            }
                        }
                        case 'o' -> {
                            output = value;
                            toFile = true;
                        }
                        default -> { }
                    }
                    break;
                }
            } else {
                urls.add(a);
            }
        }
        if (method.isEmpty()) {
            method = body ? "POST" : "GET";
        }
        if (output.equals("-") || output.equals("/dev/stdout") || output.equals("/dev/null")) {
            toFile = false;
        }
        if (!outputDir.isEmpty() && toFile && output.isEmpty()) {
            // curl --output-dir ~ -O URL/.bashrc saves ~/.bashrc; recorded as an output directory
            output = outputDir.endsWith("/") ? outputDir : outputDir + "/";
        } else if (!outputDir.isEmpty() && !output.isEmpty() && !output.startsWith("/")) {
            output = (outputDir.endsWith("/") ? outputDir : outputDir + "/") + output;
        }
        return new Http(urls, method.toUpperCase(Locale.ROOT), uploads, body, stdin, output, toFile);
    }

    private static final Set<String> CURL_LONG_FLAGS = Set.of("--remote-name", "--remote-name-all");

    /**
     * The long option a word names. curl (7.x) and wget parse long options like GNU getopt_long:
     * an unambiguous prefix is the option ({@code --upload ~/.ssh/id_rsa} uploads). Only the
     * options read here are known, so a prefix of exactly one of them is taken as that option, and
     * a prefix of several {@code --data} spellings as {@code --data}: at worst a word that the real
     * tool would reject is read as what it most likely means.
     */
    static String resolve(String name, Set<String> valued, Set<String> flags) {
        if (!name.startsWith("--") || name.length() < 4 || valued.contains(name) || flags.contains(name)) {
            return name;
        }
        String found = null;
        boolean allData = true;
        int hits = 0;
        for (Set<String> set : List.of(valued, flags)) {
            for (String o : set) {
                if (o.startsWith(name)) {
                    hits++;
                    found = o;
                    allData &= o.startsWith("--data");
                }
            }
        }
        if (hits == 1) {
            return found;
        }
        return hits > 1 && allData ? "--data" : name;
    }

    /** {@code --data-urlencode} reads a file for {@code @file} and {@code name@file} (not {@code name=content}). */
    private static boolean urlencodeFile(String value, List<String> uploads) {
        int at = value.indexOf('@');
        int eq = value.indexOf('=');
        if (at < 0 || eq >= 0 && eq < at) {
            return false;
        }
        String f = value.substring(at + 1);
        if (f.equals("-")) {
            return true;
        }
        uploads.add(f);
        return false;
    }

    /** {@code @file} in a -d value: the file is uploaded; {@code @-} reads stdin. Returns true for stdin. */
    private static boolean dataFile(String value, boolean raw, List<String> uploads) {
        if (raw || !value.startsWith("@")) {
            return false;
        }
        String f = value.substring(1);
        if (f.equals("-")) {
            return true;
        }
        uploads.add(f);
        return false;
    }

    /** {@code name=@file} or {@code name=<file} in a -F value. */
    private static boolean formFile(String value, List<String> uploads) {
        int eq = value.indexOf('=');
        String v = eq < 0 ? value : value.substring(eq + 1);
        if (v.startsWith("@") || v.startsWith("<")) {
            String f = v.substring(1);
            int semi = f.indexOf(';');
            if (semi >= 0) {
                f = f.substring(0, semi);
            }
            if (f.equals("-")) {
                return true;
            }
            uploads.add(f);
        }
        return false;
    }

    private static final Set<String> WGET_VALUED = Set.of("-O", "--output-document", "-o", "--output-file",
            "-a", "--append-output", "--post-data", "--post-file", "--body-data", "--body-file", "--method",
            "--header", "-P", "--directory-prefix", "-i", "--input-file", "-U", "--user-agent", "-t", "--tries",
            "-T", "--timeout", "-w", "--wait", "-e", "--execute", "--user", "--password", "--http-user",
            "--http-password", "-l", "--level", "-A", "--accept", "-R", "--reject", "-D", "--domains", "--referer",
            "--load-cookies", "--save-cookies", "-B", "--base", "--config", "--ca-certificate", "--certificate",
            "--private-key", "-Q", "--quota", "--limit-rate", "--bind-address", "-Y", "--proxy");

    private static final Set<String> WGET_FLAGS = Set.of("--spider");

    static Http wget(Invocation c) {
        List<String> urls = new ArrayList<>();
        List<String> uploads = new ArrayList<>();
        String method = "";
        boolean body = false;
        String output = "";
        boolean toFile = true;
        List<String> args = c.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("-") && a.length() > 1) {
                int eq = a.indexOf('=');
                String name = resolve(a.startsWith("--") && eq > 0 ? a.substring(0, eq) : a, WGET_VALUED, WGET_FLAGS);
                String value = null;
                if (WGET_VALUED.contains(name)) {
                    value = a.startsWith("--") && eq > 0 ? a.substring(eq + 1) : i + 1 < args.size() ? args.get(++i) : "";
                } else if (!a.startsWith("--") && a.length() > 2) {
                    // clustered: -qO- , -qO file
                    int o = a.indexOf('O');
                    if (o > 0) {
                        String rest = a.substring(o + 1);
                        value = !rest.isEmpty() ? rest : i + 1 < args.size() ? args.get(++i) : "";
                        name = "-O";
                    }
                }
                switch (name) {
                    case "-O", "--output-document" -> output = value == null ? "" : value;
                    case "--post-data", "--body-data" -> {
                        body = true;
                        if (method.isEmpty()) {
                            method = "POST";
                        }
                    }
                    case "--post-file", "--body-file" -> {
                        body = true;
                        if (value != null) {
                            uploads.add(value);
                        }
                        if (method.isEmpty()) {
                            method = "POST";
                        }
                    }
                    case "--method" -> method = value == null ? "" : value;
                    case "--spider" -> toFile = false;
                    default -> { }
                }
            } else {
                urls.add(a);
            }
        }
        if (output.equals("-") || output.equals("/dev/null") || output.equals("/dev/stdout")) {
            toFile = false;
        }
        if (method.isEmpty()) {
            method = "GET";
        }
        return new Http(urls, method.toUpperCase(Locale.ROOT), uploads, body, false, output, toFile);
    }

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    /**
     * HTTPie and xh: {@code http [flags] [METHOD] URL [items]}; {@code field@file} uploads a file,
     * {@code field=@file} and {@code field:=@file} embed its content, {@code @file} sends it as the body.
     */
    static Http httpie(Invocation c) {
        List<String> ops = c.operands(Set.of("-a", "--auth", "-o", "--output", "--session", "--session-read-only",
                "-A", "--auth-type", "--proxy", "--verify", "--cert", "--cert-key", "--timeout", "--max-redirects",
                "--pretty", "-s", "--style", "-p", "--print", "--format-options", "--ssl", "--ciphers", "--boundary",
                "--raw", "--unix-socket"));
        String method = "";
        List<String> urls = new ArrayList<>();
        List<String> uploads = new ArrayList<>();
        boolean body = false;
        int i = 0;
        if (!ops.isEmpty() && METHODS.contains(ops.get(0).toUpperCase(Locale.ROOT))) {
            method = ops.get(0).toUpperCase(Locale.ROOT);
            i = 1;
        }
        if (i < ops.size()) {
            urls.add(ops.get(i));
            i++;
        }
        for (; i < ops.size(); i++) {
            String item = ops.get(i);
            int at = item.indexOf('@');
            int eq = item.indexOf('=');
            if (at == 0 && item.length() > 1) {
                // @file: the whole request body is the file's content
                uploads.add(item.substring(1));
                body = true;
            } else if (at > 0 && (eq < 0 || at < eq)) {
                uploads.add(item.substring(at + 1));
                body = true;
            } else if (eq > 0 && (item.indexOf(':') < 0 || item.indexOf(':') > eq)) {
                body = true;
                int fileRef = item.indexOf("=@");
                if (fileRef > 0) {
                    uploads.add(item.substring(fileRef + 2));
                }
            }
        }
        if (c.flag("--raw")) {
            body = true;
        }
        if (method.isEmpty()) {
            method = body ? "POST" : "GET";
        }
        boolean toFile = c.flag("-o", "--output", "-d", "--download");
        return new Http(urls, method, uploads, body, false, c.option("-o", "--output").orElse(""), toFile);
    }
}
