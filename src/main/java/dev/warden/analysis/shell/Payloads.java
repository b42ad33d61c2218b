package dev.warden.analysis.shell;

import dev.warden.analysis.shell.Evaluator.Arg;
import dev.warden.call.Command;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * What a command does to a byte stream, as far as it matters for payloads piped into a shell:
 * which commands download or decode ({@link #kind}), and the output of the few whose output is
 * computable from literal input ({@link #output}): {@code echo}, {@code printf}, {@code cat} of a
 * here-document, {@code base64 -d}, {@code xxd -r -p}, {@code rev}, {@code tr}, {@code gunzip}.
 * Every output is capped at {@link Budget#MAX_VALUE} bytes.
 */
final class Payloads {

    private Payloads() {}

    /** The command fetches content from the network. */
    static final int DOWNLOAD = 1;
    /** The command decodes or unscrambles its input. */
    static final int DECODE = 2;
    /** A value that came out of a command substitution. */
    static final int SUBST = 4;
    /** A value that is a process substitution path ({@code <(...)}). */
    static final int PROCSUB = 8;
    /** Output of a tool that prints shell set-up code ({@code kubectl completion bash}, {@code pyenv init -}). */
    static final int SETUP = 16;
    /**
     * A word the shell builds from expansions: a variable or substitution wrote part of it after
     * its last '/', or split the word into several. Harmless in an argument; in command position
     * it hides the program from a reader.
     */
    static final int COMPUTED = 32;
    /**
     * A word whose unknown expansions all lie in its directory part and cannot split it
     * ({@code "$d"/rm}, {@code $HOME/bin/tool}): the program's name is known, its directory
     * is not.
     */
    static final int DYNAMIC_DIR = 64;
    /**
     * With {@link #DYNAMIC_DIR}: the unknown directory is a place the agent did not make up
     * ({@code $HOME}, {@code "$(git rev-parse --show-toplevel)"}), so running a program from
     * it is no finding.
     */
    static final int KNOWN_PLACE = 128;

    /**
     * A command whose output is shell set-up code by design: completions, {@code init},
     * {@code hook}, {@code shellenv}, {@code ssh-agent -s}, and anything printed by a known
     * set-up tool ({@link #SETUP_TOOLS}) that is not told to run another program. Sourcing it is
     * routine, though still code from a program.
     */
    static boolean shellSetup(Command c) {
        List<String> a = c.args();
        String p = c.program();
        if (p.equals("ssh-agent") || p.equals("dircolors") || p.equals("keychain")) {
            return true;
        }
        if (a.isEmpty() || DOWNLOADERS.contains(p) || p.equals("cat") || p.equals("echo") || p.equals("printf")) {
            return false;
        }
        if (SETUP_TOOLS.contains(p)) {
            // a version manager or prompt tool: what it prints is environment set-up for the shell,
            // unless it is asked to run another program, whose output could be anything
            for (String x : a) {
                if (x.equals("exec") || x.equals("run") || x.equals("x") || x.equals("--exec") || x.equals("--")) {
                    return false;
                }
            }
            return true;
        }
        String first = a.get(0);
        if (first.equals("init") || first.equals("hook") || first.equals("shellenv") || first.equals("activate")
                || first.equals("env") && p.equals("fnm")) {
            return true;
        }
        for (String x : a) {
            // minikube docker-env, podman-env, colima/k3d/kind env: variables pointing the CLI at the local VM
            if (x.equals("completion") || x.equals("completions") || x.equals("--completion") || x.equals("docker-env")
                    || x.equals("podman-env")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tools whose output is made to be evaluated by the shell: version managers, environment
     * loaders, prompts and directory jumpers ({@code eval "$(pyenv init -)"},
     * {@code source <(nvm use 18)}, {@code eval "$(opam env)"}).
     */
    private static final Set<String> SETUP_TOOLS = Set.of(
            "nvm", "fnm", "volta", "nodenv", "pyenv", "pyenv-virtualenv", "pyenv-virtualenv-init", "rbenv", "goenv",
            "jenv", "plenv", "phpenv", "swiftenv", "tfenv", "sdk", "asdf", "mise", "rtx", "direnv", "conda", "mamba",
            "micromamba", "opam", "luarocks", "starship", "zoxide", "oh-my-posh", "atuin", "mcfly", "thefuck",
            "fzf", "navi", "broot", "devbox", "pixi", "brew", "rustup", "gpg-agent");

    private static final Set<String> DOWNLOADERS = Set.of(
            "curl", "wget", "wget2", "fetch", "aria2c", "http", "https", "xh", "xhs", "httpie", "lwp-download",
            "lwp-request", "GET", "POST", "nc", "ncat", "netcat", "socat", "telnet", "ftp", "tftp", "lftp",
            "invoke-webrequest", "iwr", "irm", "axel", "curlie");

    private static final Set<String> DECOMPRESSORS = Set.of(
            "gunzip", "zcat", "gzcat", "bunzip2", "bzcat", "unxz", "xzcat", "unzstd", "zstdcat", "lzcat", "unlzma",
            "uncompress", "uudecode", "rev", "lz4cat", "brotli-d");

    /** {@link #DOWNLOAD}, {@link #DECODE}, or 0. */
    static int kind(Command c) {
        String p = c.program();
        List<String> a = c.args();
        if (DOWNLOADERS.contains(p)) {
            return DOWNLOAD;
        }
        if (DECOMPRESSORS.contains(p)) {
            return DECODE;
        }
        switch (p) {
            case "base64", "base32", "basenc", "gbase64" -> {
                return hasFlag(a, 'd', "--decode") || hasFlag(a, 'D', "--decode") ? DECODE : 0;
            }
            case "gzip", "bzip2", "xz", "zstd", "lzma", "lz4", "pigz", "brotli" -> {
                return hasFlag(a, 'd', "--decompress") || a.contains("--uncompress") ? DECODE : 0;
            }
            case "xxd" -> {
                return hasFlag(a, 'r', "--revert") ? DECODE : 0;
            }
            case "openssl" -> {
                return a.contains("-d") || a.contains("-base64") && a.contains("-d") ? DECODE : 0;
            }
            case "tr" -> {
                // tr SET1 SET2 maps characters (rot13 and the like)
                int sets = 0;
                for (String x : a) {
                    if (!x.startsWith("-")) {
                        sets++;
                    }
                }
                return sets >= 2 ? DECODE : 0;
            }
            case "printf", "echo" -> {
                for (String x : a) {
                    if (x.contains("\\x") || x.contains("\\0") || x.contains("\\u")) {
                        return DECODE;
                    }
                }
                return 0;
            }
            default -> {
                return 0;
            }
        }
    }

    private static boolean hasFlag(List<String> args, char shortFlag, String longFlag) {
        for (String x : args) {
            if (x.equals(longFlag)) {
                return true;
            }
            if (x.length() >= 2 && x.charAt(0) == '-' && x.charAt(1) != '-' && x.indexOf(shortFlag) > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The standard output of a command when it can be computed from literal arguments and a
     * known standard input; null otherwise.
     */
    static byte @Nullable [] output(Command c, List<Arg> expanded, byte @Nullable [] stdin) {
        for (Arg x : expanded) {
            if (x.dynamic()) {
                return null;
            }
        }
        if (!c.via().isEmpty() || c.argv().isEmpty()) {
            return null;
        }
        for (Command.Redirect r : c.redirects()) {
            if (r.op().contains(">") && !r.op().contains("&")) {
                return new byte[0]; // output goes to a file
            }
        }
        List<String> a = c.args();
        try {
            return switch (c.program()) {
                case "echo" -> echo(a);
                case "printf" -> printf(a);
                case "true", ":" -> new byte[0];
                case "cat" -> a.isEmpty() || a.equals(List.of("-")) ? stdin : null;
                case "base64", "gbase64" -> stdin != null && kind(c) == DECODE ? base64(stdin) : null;
                case "xxd" -> stdin != null && kind(c) == DECODE && hasFlag(a, 'p', "-ps") ? unhex(stdin) : null;
                case "rev" -> stdin != null && a.isEmpty() ? rev(stdin) : null;
                case "tr" -> stdin != null && a.size() == 2 ? tr(stdin, a.get(0), a.get(1)) : null;
                case "gunzip", "zcat" -> stdin != null ? gunzip(stdin) : null;
                case "gzip" -> stdin != null && kind(c) == DECODE ? gunzip(stdin) : null;
                case "ls" -> names(a); // ls ~/.ssh/id_rsa | xargs ...: the names given (a directory's stand for it)
                // path computations: cd "$(dirname "$PWD")", realpath ../.aws/credentials | xargs cat
                case "dirname", "basename", "realpath", "readlink" -> pathNames(c.program(), a);
                case "head", "tail" -> stdin != null ? lines(stdin, a, c.program().equals("head")) : null;
                case "find" -> found(a);
                default -> null;
            };
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * What {@code find ROOT ... -name NAME} prints, as far as a file's name goes: {@code ROOT/NAME}
     * for each root ({@code cat "$(find ~ -name id_ed25519)"} reads a key, wherever below home it
     * is). Null unless there is exactly one name test and it names one file (no pattern).
     */
    private static byte @Nullable [] found(List<String> a) {
        List<String> roots = new java.util.ArrayList<>(1);
        String name = null;
        int i = 0;
        while (i < a.size() && !a.get(i).startsWith("-") && !a.get(i).equals("(") && !a.get(i).equals("!")) {
            roots.add(a.get(i++));
        }
        for (; i < a.size(); i++) {
            String x = a.get(i);
            if ((x.equals("-name") || x.equals("-iname")) && i + 1 < a.size()) {
                if (name != null) {
                    return null;
                }
                name = a.get(++i);
            } else if (x.equals("-o") || x.equals("-or") || x.equals("!") || x.equals("-not") || x.equals(",")) {
                return null;
            }
        }
        if (name == null || name.isEmpty() || name.indexOf('*') >= 0 || name.indexOf('?') >= 0 || name.indexOf('[') >= 0
                || name.indexOf('/') >= 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (String r : roots.isEmpty() ? List.of(".") : roots) {
            sb.append(r.endsWith("/") ? r : r + "/").append(name).append('\n');
        }
        return sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The output of {@code dirname}, {@code basename}, {@code realpath} or {@code readlink -f} for
     * the paths given, computed as text (a relative path stays relative: it names the same file
     * in the same directory); null for options these do not model or for {@code readlink} of a
     * link, whose target is not known here.
     */
    private static byte @Nullable [] pathNames(String program, List<String> a) {
        List<String> paths = new java.util.ArrayList<>();
        boolean canonical = !program.equals("readlink");
        for (String x : a) {
            if (x.equals("-f") || x.equals("-e") || x.equals("-m") || x.equals("--canonicalize")
                    || x.equals("--canonicalize-existing") || x.equals("--canonicalize-missing")) {
                canonical = true;
            } else if (x.equals("-s") || x.equals("-q") || x.equals("-z") || x.equals("--") || x.equals("-a")) {
                if (x.equals("-z") || x.equals("-s") && !program.equals("realpath")) {
                    return null;
                }
            } else if (x.startsWith("-") || x.indexOf('\n') >= 0) {
                return null;
            } else {
                paths.add(x);
            }
        }
        if (!canonical || paths.isEmpty() || paths.size() > 8 || program.equals("basename") && paths.size() > 2) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (String p : program.equals("basename") ? paths.subList(0, 1) : paths) {
            String t = p.length() > 1 ? p.replaceAll("/+$", "") : p;
            int slash = t.lastIndexOf('/');
            String v = switch (program) {
                case "dirname" -> slash < 0 ? "." : slash == 0 ? "/" : t.substring(0, slash);
                case "basename" -> {
                    String b = slash < 0 ? t : t.substring(slash + 1);
                    yield paths.size() == 2 && b.endsWith(paths.get(1)) && !b.equals(paths.get(1))
                            ? b.substring(0, b.length() - paths.get(1).length()) : b;
                }
                default -> t;
            };
            sb.append(v).append('\n');
        }
        return sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The output of {@code ls NAME...} (options -1 and -d only): the names, one per line; else null. */
    private static byte @Nullable [] names(List<String> a) {
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (String x : a) {
            if (x.equals("-1") || x.equals("-d")) {
                continue;
            }
            // a pattern stands for the names it matches: ls ~/.ssh/id_* | head -1 is judged as the pattern
            if (x.isEmpty() || x.startsWith("-") || x.indexOf('\n') >= 0 || ++n > 8) {
                return null;
            }
            sb.append(x).append('\n');
        }
        return n == 0 ? null : sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code head -N}, {@code head -n N}, {@code tail -n N} of known input; null for any other option or a file. */
    private static byte @Nullable [] lines(byte[] stdin, List<String> a, boolean head) {
        int n = 10;
        if (a.size() == 1 && a.get(0).matches("-[0-9]{1,4}")) {
            n = Integer.parseInt(a.get(0).substring(1));
        } else if (a.size() == 1 && a.get(0).matches("-n[0-9]{1,4}")) {
            n = Integer.parseInt(a.get(0).substring(2));
        } else if (a.size() == 2 && a.get(0).equals("-n") && a.get(1).matches("[0-9]{1,4}")) {
            n = Integer.parseInt(a.get(1));
        } else if (!a.isEmpty()) {
            return null;
        }
        String[] all = new String(stdin, StandardCharsets.UTF_8).split("\n", -1);
        int count = all.length > 0 && all[all.length - 1].isEmpty() ? all.length - 1 : all.length;
        int from = head ? 0 : Math.max(0, count - n);
        int to = head ? Math.min(n, count) : count;
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append(all[i]).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] a, byte[] b) {
        if (a.length + (long) b.length > Budget.MAX_VALUE) {
            return Arrays.copyOf(a, Math.min(a.length, Budget.MAX_VALUE));
        }
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** Bytes as text: UTF-8, or ISO-8859-1 when they are not valid UTF-8. */
    static String text(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return new String(b, StandardCharsets.ISO_8859_1);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] echo(List<String> a) {
        boolean newline = true;
        boolean escapes = false;
        int i = 0;
        while (i < a.size() && a.get(i).length() > 1 && a.get(i).charAt(0) == '-'
                && a.get(i).substring(1).chars().allMatch(ch -> ch == 'n' || ch == 'e' || ch == 'E')) {
            String f = a.get(i);
            newline &= f.indexOf('n') < 0;
            if (f.indexOf('e') >= 0) {
                escapes = true;
            }
            if (f.indexOf('E') >= 0) {
                escapes = false;
            }
            i++;
        }
        StringBuilder sb = new StringBuilder();
        for (int k = i; k < a.size(); k++) {
            if (k > i) {
                sb.append(' ');
            }
            sb.append(a.get(k));
        }
        byte[] body = escapes ? unescape(sb.toString(), false) : utf8(sb.toString());
        return newline ? concat(body, new byte[] {'\n'}) : body;
    }

    private static byte @Nullable [] printf(List<String> a) {
        if (a.isEmpty()) {
            return null;
        }
        int i = 0;
        if (a.get(0).equals("--")) {
            i++;
        }
        if (i >= a.size() || a.get(i).startsWith("-v")) {
            return null;
        }
        String fmt = a.get(i);
        List<String> args = a.subList(i + 1, a.size());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int argi = 0;
        int rounds = 0;
        do {
            int n = fmt.length();
            for (int k = 0; k < n; k++) {
                char c = fmt.charAt(k);
                if (c == '%' && k + 1 < n) {
                    char d = fmt.charAt(k + 1);
                    if (d == '%') {
                        out.write('%');
                        k++;
                        continue;
                    }
                    if (d == 's' || d == 'b') {
                        String v = argi < args.size() ? args.get(argi++) : "";
                        byte[] b = d == 'b' ? unescape(v, false) : utf8(v);
                        out.write(b, 0, b.length);
                        k++;
                        continue;
                    }
                    return null; // width, numbers: not needed for payloads
                }
                if (c == '\\' && k + 1 < n) {
                    int end = escapeEnd(fmt, k);
                    byte[] b = unescape(fmt.substring(k, end), true);
                    out.write(b, 0, b.length);
                    k = end - 1;
                    continue;
                }
                byte[] b = utf8(String.valueOf(c));
                out.write(b, 0, b.length);
            }
            if (out.size() > Budget.MAX_VALUE) {
                return null;
            }
        } while (argi > 0 && argi < args.size() && ++rounds < 1000);
        return out.toByteArray();
    }

    private static int escapeEnd(String s, int k) {
        char d = s.charAt(k + 1);
        int e = k + 2;
        int max = d == 'x' ? 2 : d == 'u' ? 4 : d == 'U' ? 8 : (d >= '0' && d <= '7') ? 3 : 0;
        int radix = d == 'x' || d == 'u' || d == 'U' ? 16 : 8;
        if (d >= '0' && d <= '7') {
            e = k + 1;
        }
        int n = 0;
        while (n < max && e < s.length() && Character.digit(s.charAt(e), radix) >= 0) {
            e++;
            n++;
        }
        return Math.max(e, k + 2);
    }

    /** Backslash escapes of {@code echo -e} and {@code printf}. */
    private static byte[] unescape(String s, boolean printfOctal) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= n) {
                byte[] b = utf8(String.valueOf(c));
                out.write(b, 0, b.length);
                continue;
            }
            char d = s.charAt(++i);
            switch (d) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case 'a' -> out.write(7);
                case 'b' -> out.write(8);
                case 'f' -> out.write(12);
                case 'v' -> out.write(11);
                case 'e', 'E' -> out.write(27);
                case '\\' -> out.write('\\');
                case 'c' -> {
                    return out.toByteArray();
                }
                case 'x' -> {
                    int v = 0;
                    int k = 0;
                    while (k < 2 && i + 1 < n && Character.digit(s.charAt(i + 1), 16) >= 0) {
                        v = v * 16 + Character.digit(s.charAt(++i), 16);
                        k++;
                    }
                    if (k == 0) {
                        out.write('\\');
                        out.write('x');
                    } else {
                        out.write(v);
                    }
                }
                default -> {
                    if (d >= '0' && d <= '7') {
                        // echo -e: \0nnn; printf: \nnn
                        int v = 0;
                        int k = 0;
                        int max = 3;
                        if (d == '0' && !printfOctal) {
                            max = 3;
                        } else {
                            v = d - '0';
                            k = 1;
                        }
                        while (k < max && i + 1 < n && s.charAt(i + 1) >= '0' && s.charAt(i + 1) <= '7') {
                            v = v * 8 + (s.charAt(++i) - '0');
                            k++;
                        }
                        out.write(v & 0xff);
                    } else {
                        out.write('\\');
                        byte[] b = utf8(String.valueOf(d));
                        out.write(b, 0, b.length);
                    }
                }
            }
        }
        return out.toByteArray();
    }

    private static byte @Nullable [] base64(byte[] in) {
        ByteArrayOutputStream clean = new ByteArrayOutputStream(in.length);
        for (byte b : in) {
            if (b == '-' || b == '_') {
                clean.write(b == '-' ? '+' : '/');
            } else if (Character.isLetterOrDigit(b) || b == '+' || b == '/') {
                clean.write(b);
            }
        }
        byte[] c = clean.toByteArray();
        int len = c.length - c.length % 4;
        if (c.length % 4 == 1) {
            return null;
        }
        byte[] padded = c;
        if (c.length % 4 != 0) {
            padded = Arrays.copyOf(c, c.length + (4 - c.length % 4));
            Arrays.fill(padded, c.length, padded.length, (byte) '=');
            len = padded.length;
        }
        try {
            return java.util.Base64.getDecoder().decode(Arrays.copyOf(padded, len));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte @Nullable [] unhex(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length / 2);
        int hi = -1;
        for (byte b : in) {
            int d = Character.digit(b, 16);
            if (d < 0) {
                continue;
            }
            if (hi < 0) {
                hi = d;
            } else {
                out.write(hi * 16 + d);
                hi = -1;
            }
        }
        return out.toByteArray();
    }

    private static byte[] rev(byte[] in) {
        String s = text(in);
        StringBuilder out = new StringBuilder(s.length());
        int start = 0;
        while (start <= s.length()) {
            int nl = s.indexOf('\n', start);
            int end = nl < 0 ? s.length() : nl;
            out.append(new StringBuilder(s.substring(start, end)).reverse());
            if (nl < 0) {
                break;
            }
            out.append('\n');
            start = nl + 1;
        }
        return utf8(out.toString());
    }

    private static byte @Nullable [] tr(byte[] in, String set1, String set2) {
        String a = trSet(set1);
        String b = trSet(set2);
        if (a == null || b == null || b.isEmpty()) {
            return null;
        }
        String s = text(in);
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int k = a.lastIndexOf(c);
            out.append(k < 0 ? c : b.charAt(Math.min(k, b.length() - 1)));
        }
        return utf8(out.toString());
    }

    private static @Nullable String trSet(String s) {
        if (s.contains("[:") || s.length() > 256) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (i + 2 < s.length() && s.charAt(i + 1) == '-' && s.charAt(i + 2) >= c) {
                for (char x = c; x <= s.charAt(i + 2); x++) {
                    sb.append(x);
                }
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static byte @Nullable [] gunzip(byte[] in) {
        try (InputStream z = new GZIPInputStream(new ByteArrayInputStream(in))) {
            byte[] out = z.readNBytes(Budget.MAX_VALUE + 1);
            return out.length > Budget.MAX_VALUE ? null : out;
        } catch (IOException e) {
            return null;
        }
    }
}
