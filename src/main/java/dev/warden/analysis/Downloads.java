package dev.warden.analysis;

import dev.warden.call.Finding;
import dev.warden.call.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Download, then run: {@code curl -o x https://... && chmod +x x && ./x} is {@code curl ... | sh}
 * spelled with a file. Within one Bash call, the files {@code curl} and {@code wget} save are
 * remembered; running one (as the program, or as the script of a shell or interpreter) is the
 * shell reader's {@code shell.pipe-to-shell} finding at its "downloaded" class.
 */
final class Downloads {

    private Downloads() {}

    private static final Set<String> CURL_VALUED = Set.of("-o", "--output", "-d", "--data", "-H", "--header", "-u",
            "--user", "-X", "--request", "-A", "--user-agent", "-e", "--referer", "-b", "--cookie", "-c",
            "--cookie-jar", "-F", "--form", "-T", "--upload-file", "-x", "--proxy", "-m", "--max-time", "-w",
            "--write-out", "-K", "--config", "-r", "--range", "-z", "--time-cond", "--data-raw", "--data-binary",
            "--data-urlencode", "--json", "--output-dir", "--connect-timeout", "--retry", "-C", "--continue-at");
    private static final Set<String> WGET_VALUED = Set.of("-O", "--output-document", "-P", "--directory-prefix",
            "-o", "--output-file", "-a", "--append-output", "-t", "--tries", "-T", "--timeout", "-U", "--user-agent",
            "--header", "-e", "--execute", "-i", "--input-file", "--post-data", "--post-file", "--body-data",
            "--body-file", "--method");
    /** Programs that run their first operand as a script. */
    private static final Set<String> RUNNERS = Set.of("sh", "bash", "zsh", "dash", "ksh", "mksh", "fish", "source",
            ".", "python", "node", "perl", "ruby", "php", "deno", "bun", "tsx", "ts-node", "osascript", "pwsh");

    /** Adds the files this command saves from the network. */
    static void saved(Invocation c, Set<Path> into) {
        String prog = c.program();
        if (prog.equals("curl")) {
            c.option("-o", "--output").flatMap(c::path).ifPresent(into::add);
            if (c.flag("-O", "--remote-name", "--remote-name-all")) {
                for (String url : c.operands(CURL_VALUED)) {
                    remoteName(url).flatMap(c::path).ifPresent(into::add);
                }
            }
        } else if (prog.equals("wget")) {
            Optional<String> doc = c.option("-O", "--output-document");
            if (doc.isPresent()) {
                doc.flatMap(c::path).ifPresent(into::add);
            } else {
                String prefix = c.option("-P", "--directory-prefix").map(d -> d.endsWith("/") ? d : d + "/").orElse("");
                for (String url : c.operands(WGET_VALUED)) {
                    remoteName(url).flatMap(n -> c.path(prefix + n)).ifPresent(into::add);
                }
            }
        } else {
            return;
        }
        // curl URL > file
        for (var r : c.command().redirects()) {
            if (r.op().equals(">") || r.op().equals(">>") || r.op().equals(">|") || r.op().equals("&>")) {
                c.path(r.target()).ifPresent(into::add);
            }
        }
    }

    /** The downloaded file this command runs, if any. */
    static Optional<Path> runs(Invocation c, Set<Path> downloaded) {
        List<String> argv = c.command().argv();
        if (argv.isEmpty()) {
            return Optional.empty();
        }
        String program = argv.get(0);
        if (program.indexOf('/') >= 0) {
            Optional<Path> p = c.path(program);
            if (p.isPresent() && downloaded.contains(p.get())) {
                return p;
            }
        }
        if (RUNNERS.contains(c.program())) {
            for (String op : c.operands()) {
                Optional<Path> p = c.path(op);
                if (p.isPresent() && downloaded.contains(p.get())) {
                    return p;
                }
            }
        }
        return Optional.empty();
    }

    static Finding finding(Path file, String evidence) {
        return new Finding("shell.pipe-to-shell", Severity.HIGH,
                "runs " + file + ", downloaded earlier in the same command, without anyone reading it", evidence,
                "download, read, then run a reviewed file");
    }

    /** The file name curl -O and wget give a download: the URL's last path segment. */
    private static Optional<String> remoteName(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return Optional.empty();
        }
        String rest = url.substring(scheme + 3);
        int q = rest.indexOf('?');
        if (q >= 0) {
            rest = rest.substring(0, q);
        }
        int slash = rest.lastIndexOf('/');
        if (slash < 0 || slash == rest.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(rest.substring(slash + 1));
    }
}
