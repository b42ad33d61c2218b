package dev.warden.analysis.fs;

import dev.warden.analysis.Invocation;
import dev.warden.analysis.Pack;
import dev.warden.analysis.Report;
import dev.warden.analysis.Rule;
import dev.warden.call.PathUse;
import java.util.List;
import java.util.Set;

/**
 * Records the files that reading commands read ({@code cat}, {@code grep}'s files,
 * {@code source}, editors, ...), so the secrets rules and a profile's readable paths see them.
 * The first operand of pattern-taking tools (grep, awk, jq) is the pattern, not a file.
 */
final class ReadersPack implements Pack {

    /** Every operand is a file. */
    private static final Set<String> PLAIN = Set.of("cpio", "pax", "tdbdump", "tdbtool",
            "cat", "tac", "less", "more", "most", "head", "tail", "bat",
            "batcat", "nl", "od", "xxd", "hexdump", "hd", "strings", "base64", "base32", "basenc", "file", "wc", "sort",
            "uniq", "cut", "rev", "fold", "fmt", "paste", "column", "md5sum", "sha1sum", "sha256sum", "sha512sum",
            "shasum", "md5", "cksum", "diff", "cmp", "comm", "source", ".", "view", "pr", "expand", "unexpand",
            "iconv", "dos2unix", "unix2dos", "xmllint", "stat", "ls", "tree", "readlink", "realpath", "du", "exa", "eza",
            "lsd", "zcat", "gzcat", "bzcat", "xzcat", "zstdcat", "zless", "zmore", "look", "split", "csplit",
            "sqlite3", "pg_restore", "openssl", "gpg", "keytool", "plutil", "defaults", "python", "node", "ruby",
            "perl", "php", "mail", "lp", "lpr", "watch");
    /** Every operand is a file whose names and attributes are read, not its contents. */
    private static final Set<String> METADATA = Set.of("stat", "ls", "tree", "readlink", "realpath", "du", "exa",
            "eza", "lsd", "file");
    /** First operand is a pattern or program. */
    private static final Set<String> PATTERN = Set.of("grep", "egrep", "fgrep", "rg", "ag", "ack", "awk", "gawk",
            "mawk", "nawk", "jq", "yq", "gojq", "zgrep", "pcregrep", "ugrep", "sd");
    /** Read and possibly write. */
    private static final Set<String> EDITORS = Set.of("vi", "vim", "nvim", "nano", "pico", "emacs", "micro", "ed",
            "ex", "joe", "mcedit", "code", "subl", "gedit", "kate", "helix", "hx", "kak");

    /** Compressors, which print what they read with -c/--stdout (gzip -c ~/.kube/config | base64). */
    private static final Set<String> COMPRESSORS = Set.of("gzip", "gunzip", "bzip2", "bunzip2", "xz", "unxz", "lzma",
            "zstd", "unzstd", "lz4", "pigz", "pbzip2", "lzip", "brotli", "compress");

    static final Set<String> PROGRAMS;

    static {
        java.util.HashSet<String> all = new java.util.HashSet<>(PLAIN);
        all.addAll(COMPRESSORS);
        all.addAll(PATTERN);
        all.addAll(EDITORS);
        all.add("nix");
        all.add("nix-instantiate");
        PROGRAMS = Set.copyOf(all);
    }

    private static final Set<String> VALUED = Set.of("-e", "-f", "-n", "-c", "-m", "-A", "-B", "-C", "-t", "-g",
            "--glob", "-o", "-d", "-k", "-s", "-F", "--type", "-T", "--max-count", "--regexp", "--file", "-v",
            "--arg", "--argjson", "-L", "-I", "-x", "-w", "-W", "-S", "--include", "--exclude", "-u");

    @Override
    public String name() {
        return "fs";
    }

    @Override
    public List<Rule> rules() {
        return List.of();
    }

    @Override
    public Set<String> programs() {
        return PROGRAMS;
    }

    @Override
    public Set<String> judgesVerbsOf() {
        return Set.of(); // it only records paths
    }

    @Override
    public void inspect(Invocation c, Report out) {
        String prog = c.program();
        if (prog.equals("nix") || prog.equals("nix-instantiate")) {
            // nix eval --expr 'builtins.readFile ~/.ssh/id_rsa': the expression reads the file
            for (String a : c.args()) {
                int at = a.indexOf("readFile");
                while (at >= 0) {
                    String rest = a.substring(at + 8).strip();
                    int end = 0;
                    while (end < rest.length() && " );]}".indexOf(rest.charAt(end)) < 0) {
                        end++;
                    }
                    String path = rest.substring(0, end).replace("\"", "");
                    if (path.startsWith("/") || path.startsWith("~/") || path.startsWith("./")) {
                        c.path(path).ifPresent(p -> out.path(p.toString(), PathUse.Access.READ, c.text()));
                    }
                    at = a.indexOf("readFile", at + 8);
                }
            }
            return;
        }
        if (prog.equals("python") || prog.equals("node") || prog.equals("ruby") || prog.equals("perl")
                || prog.equals("php") || prog.equals("sqlite3") || prog.equals("openssl") || prog.equals("gpg")
                || prog.equals("keytool") || prog.equals("plutil") || prog.equals("defaults") || prog.equals("watch")
                || prog.equals("mail") || prog.equals("pg_restore") || prog.equals("cpio") || prog.equals("pax")) {
            // (cpio and pax: names read from standard input are added as operands when known)
            // only file-looking operands: these take subcommands, code and flags with values
            for (String a : c.args()) {
                if (looksLikeFile(a)) {
                    c.path(a).ifPresent(p -> out.path(p.toString(), PathUse.Access.READ, c.text()));
                }
            }
            return;
        }
        if (COMPRESSORS.contains(prog)) {
            boolean stdout = c.flag("-c", "--stdout", "--to-stdout");
            for (String a : stdout ? c.operands(Set.of("-S", "--suffix", "-o", "-T", "--threads", "-q", "-b")) : List.<String>of()) {
                c.path(a).ifPresent(p -> out.path(p.toString(), PathUse.Access.READ, c.text()));
            }
            return;
        }
        List<String> ops;
        if (PATTERN.contains(prog)) {
            boolean patternGiven = c.flag("-e", "-f", "--regexp", "--file");
            ops = c.operands(prog.startsWith("awk") || prog.endsWith("awk") ? Set.of("-F", "-v", "-f") : VALUED);
            if (!patternGiven && !ops.isEmpty()) {
                ops = ops.subList(1, ops.size());
            }
        } else if (PLAIN.contains(prog)) {
            ops = c.operands(prog.equals("head") || prog.equals("tail") ? Set.of("-n", "-c") : Set.of());
        } else {
            ops = c.operands();
        }
        PathUse.Access access = EDITORS.contains(prog) ? PathUse.Access.WRITE : PathUse.Access.READ;
        PathUse.Access reading = METADATA.contains(prog) ? PathUse.Access.LIST : PathUse.Access.READ;
        for (String o : ops) {
            if (o.isEmpty() || o.equals("-") || o.indexOf('=') > 0 && PATTERN.contains(prog)) {
                continue;
            }
            c.path(o).ifPresent(p -> {
                out.path(p.toString(), reading, c.text());
                if (access == PathUse.Access.WRITE) {
                    out.path(p.toString(), access, c.text());
                }
            });
        }
    }

    private static boolean looksLikeFile(String a) {
        return !a.startsWith("-") && (a.startsWith("/") || a.startsWith("~/") || a.startsWith("./") || a.startsWith("../"))
                && a.indexOf(' ') < 0 && a.indexOf('(') < 0;
    }
}
