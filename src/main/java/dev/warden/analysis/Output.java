package dev.warden.analysis;

import dev.warden.call.Command;
import java.util.List;
import java.util.Set;

/**
 * Where what a command prints ends up: in the transcript (the agent, the model provider and Claude
 * Code's logs see it), or withheld: counted, hashed, cut down to names, handed to a program that
 * consumes it ({@code | docker login --password-stdin}), or thrown away. A secret printed is a
 * secret read; a secret withheld is only used.
 */
public final class Output {

    /** Programs that pass what they read on to their own output (transformed perhaps, still there). */
    private static final Set<String> PASS_ON = Set.of("cat", "tee", "base64", "base32", "basenc", "xxd", "od",
            "hexdump", "hd", "rev", "tr", "sed", "awk", "gawk", "mawk", "cut", "head", "tail", "fold", "sort", "uniq",
            "grep", "egrep", "fgrep", "rg", "jq", "yq", "column", "nl", "paste", "fmt", "iconv", "less", "more",
            "strings", "xargs");

    /** Programs that print a count or a digest of what they read, never the text. */
    private static final Set<String> DIGESTS = Set.of("wc", "sha1sum", "sha224sum", "sha256sum", "sha384sum", "sha512sum",
            "md5sum", "cksum", "b2sum", "shasum", "md5", "sum");

    private Output() {}

    /**
     * True when what {@code c} prints may reach the transcript: it is not captured by a
     * substitution, not redirected to a file, and no stage it is piped into is known to keep it
     * back (a count, names only, a login reading it, a file). A program Warden does not know may
     * print what it reads: shown.
     */
    public static boolean shown(Invocation c) {
        if (c.captured() || toFile(c.command())) {
            return false;
        }
        for (Command next : c.downstream()) {
            if (consumes(next) || login(next) || toFile(next) || discarded(next)) {
                return false;
            }
            if (!passesValuesOn(next)) {
                return true;
            }
        }
        return true;
    }

    /**
     * True when what {@code c} prints is kept from the transcript by a program Warden knows: a
     * count or digest ({@code | wc -c}), names only ({@code | jq keys}, {@code | cut -d= -f1}),
     * {@code grep -q}, an encrypter ({@code | kubeseal}); or thrown away ({@code > /dev/null}).
     * An unknown program in between may print it: not withheld.
     */
    public static boolean withheld(Invocation c) {
        if (discarded(c.command()) && !copies(c.command())) {
            return true; // (tee /tmp/c < key >/dev/null keeps the key in /tmp/c)
        }
        for (Command next : c.downstream()) {
            if (consumes(next) || discarded(next)) {
                return true;
            }
            if (!passesValuesOn(next) || copies(next)) {
                return false; // (| tee /tmp/x | wc -l: the values are in /tmp/x now)
            }
        }
        return false;
    }

    /** {@code tee FILE}: passes its input on and keeps a copy in FILE. */
    private static boolean copies(Command c) {
        return c.program().equals("tee") && c.args().stream().anyMatch(a -> !a.startsWith("-") && !a.equals("/dev/null"));
    }

    /** True for a stage that takes values in and lets only counts, digests or names out ({@code kubeseal}: sealed). */
    public static boolean consumes(Command c) {
        String prog = c.program();
        List<String> args = c.args();
        if (DIGESTS.contains(prog)) {
            return true;
        }
        return switch (prog) {
            case "grep", "egrep", "fgrep", "rg" -> quietGrep(args) || namesOnly(c);
            case "head" -> shortPrefix(String.join(" ", args));
            case "kubeseal" -> true; // encrypts the Secret it reads for the cluster's controller
            default -> PASS_ON.contains(prog) && namesOnly(c);
        };
    }

    /**
     * True when what {@code c} prints is handed, through filters that pass it on, to a login that
     * reads a password or token on standard input ({@code aws ecr get-login-password | docker login
     * --password-stdin}, {@code gh auth login --with-token}). The value goes to the service it is for;
     * a key file handed to a login goes to whatever registry is named, so callers apply this to
     * tokens printed for logins, not to files read.
     */
    public static boolean handedToLogin(Invocation c) {
        if (inAuthorizationHeader(c)) {
            return true;
        }
        for (Command next : c.downstream()) {
            if (login(next)) {
                return true;
            }
            if (!passesValuesOn(next) || copies(next)) {
                return false;
            }
        }
        return false;
    }

    /**
     * {@code curl -H "Authorization: Bearer $(gh auth token)" URL}: the token a command prints is
     * captured into an authorization header, where it authenticates the request, as
     * {@code $GITHUB_TOKEN} in the same place does.
     */
    private static boolean inAuthorizationHeader(Invocation c) {
        if (!c.captured()) {
            return false;
        }
        String script = c.script();
        int at = script.indexOf(c.command().text());
        int open = at < 2 ? -1 : script.lastIndexOf("$(", at);
        if (open < 0 || at - open > 4) {
            return false;
        }
        String before = script.substring(Math.max(0, open - 60), open).toLowerCase(java.util.Locale.ROOT);
        int quote = Math.max(before.lastIndexOf('"'), before.lastIndexOf('\''));
        String header = quote < 0 ? before : before.substring(quote + 1);
        return header.startsWith("authorization:") || header.startsWith("private-token:") || header.startsWith("x-api-key:")
                || header.startsWith("x-auth-token:");
    }

    /**
     * A program told to read a password or token on standard input ({@code --password-stdin},
     * {@code --access-token-stdin}, {@code --with-token}), or one that reads it there by design
     * ({@code cargo login}, {@code npm login}, {@code vault login -}, {@code gh secret set}).
     */
    private static boolean login(Command c) {
        List<String> args = c.args();
        for (String a : args) {
            if (a.startsWith("--") && (a.endsWith("-stdin") || a.endsWith("-stdin=true") || a.equals("--with-token"))) {
                return true;
            }
        }
        String first = args.isEmpty() ? "" : args.get(0);
        String second = args.size() > 1 ? args.get(1) : "";
        return switch (c.program()) {
            case "cargo", "npm", "pnpm", "yarn" -> first.equals("login");
            case "gh" -> (first.equals("secret") || first.equals("variable")) && second.equals("set");
            case "vault" -> first.equals("login") && args.get(args.size() - 1).equals("-");
            default -> false;
        };
    }

    /** Programs that print what they read, unless {@link #consumes} keeps the values back. */
    public static boolean passesValuesOn(Command c) {
        String prog = c.program();
        if (!PASS_ON.contains(prog)) {
            return false;
        }
        List<String> args = c.args();
        String joined = String.join(" ", args);
        return switch (prog) {
            case "grep", "egrep", "fgrep", "rg" -> !quietGrep(args);
            case "xargs" -> args.isEmpty() || args.get(args.size() - 1).equals("echo");
            case "head" -> !shortPrefix(joined);
            case "cut" -> !(joined.matches("-c ?[1-8]?-?[1-8]") || namesOnly(c));
            default -> !namesOnly(c);
        };
    }

    /**
     * True when the command reads its files without printing their values: {@code cut -d= -f1 .env},
     * {@code grep -q KEY= .env}, {@code wc -l .env}, {@code dotenvx run -f .env -- cmd} (loaded
     * into a process's environment), {@code git log -- .env} (commits, not contents).
     */
    public static boolean readsNamesOnly(Invocation c) {
        String prog = c.program();
        List<String> args = c.args();
        return switch (prog) {
            case "test", "[", "[[" -> true;
            case "grep", "egrep", "fgrep", "rg" -> quietGrep(args) || namesOnly(c.command());
            case "dotenvx", "dotenv", "dotenv-cli", "@dotenvx/dotenvx" -> args.contains("run") || args.contains("--");
            case "npx", "bunx" -> args.stream().anyMatch(a -> a.endsWith("dotenvx") || a.equals("dotenv-cli") || a.equals("dotenv"))
                    && (args.contains("run") || args.contains("--"));
            case "aws" -> c.option("--query").map(q -> q.startsWith("keys(")).orElse(false); // --query 'keys(Environment.Variables)'
            case "git" -> args.contains("log") && args.stream().noneMatch(a -> a.equals("-p") || a.equals("--patch")
                    || a.equals("-u") || a.startsWith("-S") || a.startsWith("-G") || a.equals("--full-diff") || a.startsWith("--format")
                    || a.startsWith("--pretty") && !a.equals("--pretty=oneline") || a.equals("-L") || a.startsWith("-L"));
            default -> DIGESTS.contains(prog) || namesOnly(c.command());
        };
    }

    /** {@code grep -q}, {@code -c}, {@code -l}: a yes, a count or file names, never the matching text. */
    private static boolean quietGrep(List<String> args) {
        for (String a : args) {
            if (a.equals("-q") || a.equals("--quiet") || a.equals("--silent") || a.equals("-c") || a.equals("--count")
                    || a.equals("-l") || a.equals("-L") || a.equals("--files-with-matches") || a.equals("--files-without-match")
                    || a.startsWith("-") && !a.startsWith("--") && a.length() > 2 && a.chars().anyMatch(ch -> ch == 'q' || ch == 'c'
                            || ch == 'l')) {
                return true;
            }
        }
        return false;
    }

    /** {@code head -c 4}: a prefix to tell tokens apart. */
    private static boolean shortPrefix(String joined) {
        return joined.matches("-c ?[1-8]") || joined.matches("--bytes=[1-8]");
    }

    /**
     * A filter that prints names, not values: {@code cut -d= -f1}, {@code awk -F= '{print $1}'}
     * (with a condition before it too), a sed that drops each line's '=' and what follows, {@code jq keys}, {@code yq 'keys'},
     * {@code jq 'map(.key)'}, {@code grep -o '^[A-Z_]*='}.
     */
    public static boolean namesOnly(Command c) {
        List<String> args = c.args();
        String joined = String.join(" ", args);
        return switch (c.program()) {
            case "cut" -> (joined.contains("-d=") || joined.contains("-d =") || joined.contains("-d '='"))
                    && (joined.contains("-f1") || joined.contains("-f 1")) && !joined.contains("-f1-") && !joined.contains("-f 1-")
                    && !joined.contains("-f1,") && !joined.contains("-f 1,");
            case "awk", "gawk", "mawk" -> (joined.startsWith("-F=") || joined.startsWith("-F =") || joined.startsWith("-F '='"))
                    && joined.contains("{print $1}") && joined.indexOf("print", joined.indexOf("{print $1}") + 10) < 0;
            case "sed" -> joined.equals("s/=.*//") || joined.equals("-e s/=.*//") || joined.equals("-E s/=.*//");
            case "jq", "yq", "gojq", "jaq" -> {
                for (String a : args) {
                    if (!a.startsWith("-")) {
                        String f = a.replace(" ", "");
                        yield f.equals("keys") || f.equals("keys[]") || f.equals("keys_unsorted") || f.endsWith("|keys")
                                || f.endsWith("|keys[]") || f.equals("length") || f.equals("map(.key)") || f.equals("map(.name)")
                                || f.equals(".[].key") || f.equals(".[].name") || f.equals("[.[].name]");
                    }
                }
                yield false;
            }
            case "grep", "egrep", "fgrep" -> (args.contains("-o") || args.contains("-oE") || args.contains("-Eo"))
                    && args.stream().anyMatch(a -> !a.startsWith("-") && (a.endsWith("=") || a.endsWith("=)")))
                    || args.stream().filter(a -> !a.startsWith("-")).findFirst().map(Output::yamlNameLines).orElse(false);
            default -> false;
        };
    }

    /**
     * A grep pattern that keeps only the {@code name:} lines of a YAML listing of variables (and
     * references to where their values are kept), never a {@code value:} line: {@code grep -E
     * 'name:|secretKeyRef'} over a service's env.
     */
    private static boolean yamlNameLines(String pattern) {
        String p = pattern.toLowerCase(java.util.Locale.ROOT);
        if (p.contains("value") || p.contains(".") || p.contains("*") || p.length() > 100) {
            return false;
        }
        for (String alt : p.split("\\|")) {
            if (!(alt.contains("name") || alt.contains("secretkeyref") || alt.contains("configmapkeyref"))) {
                return false;
            }
        }
        return true;
    }

    /** True when the command's standard output is thrown away ({@code > /dev/null}, {@code &> /dev/null}). */
    private static boolean discarded(Command c) {
        boolean gone = false;
        for (Command.Redirect r : c.redirects()) {
            String op = r.op();
            if ((op.equals(">") || op.equals("1>") || op.equals("&>") || op.equals(">>") || op.equals("&>>"))) {
                gone = r.target().equals("/dev/null");
            }
        }
        return gone;
    }

    /** True when the command's standard output ends up in a file (or nowhere) rather than on the terminal. */
    public static boolean toFile(Command c) {
        boolean out = false;
        boolean err = false;
        for (Command.Redirect r : c.redirects()) {
            String op = r.op();
            boolean both = op.startsWith("&>");
            int fd = op.isEmpty() || !Character.isDigit(op.charAt(0)) ? (op.startsWith("<") ? 0 : 1) : op.charAt(0) - '0';
            if (!both && fd != 1 && fd != 2 || op.contains("<")) {
                continue;
            }
            String t = r.target();
            boolean file;
            if (op.endsWith("&") && !both) {
                file = t.equals("2") ? err : t.equals("1") ? out : true;
            } else {
                file = !(t.equals("/dev/stdout") || t.equals("/dev/stderr") || t.equals("/dev/tty") || t.equals("/dev/fd/1")
                        || t.equals("/dev/fd/2"));
            }
            if (both) {
                out = file;
                err = file;
            } else if (fd == 1) {
                out = file;
            } else {
                err = file;
            }
        }
        return out;
    }
}
