package dev.warden.analysis.secrets;

import dev.warden.analysis.Invocation;
import dev.warden.analysis.Output;
import dev.warden.analysis.Report;
import dev.warden.call.Command;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A credential held in an environment variable printed where the agent reads it:
 * {@code echo $GITHUB_TOKEN}, {@code printenv AWS_SECRET_ACCESS_KEY}, {@code env | grep TOKEN}.
 * What a command prints lands in the transcript, which the model provider receives and Claude
 * Code keeps on disk: the same exposure as {@code cat .env}, so the same grade.
 *
 * <p>Only the value counts: {@code echo ${#TOKEN}} (its length), {@code ${TOKEN:+set}},
 * {@code ${TOKEN:0:4}}, {@code '$TOKEN'} in single quotes, and output that goes to a file, into
 * a command substitution or into a program that does not print it ({@code echo "$T" | docker login
 * --password-stdin}, {@code | wc -c}, {@code env | grep TOKEN | cut -d= -f1}) stay allowed.
 */
final class PrintedVariables {

    /** Last name parts that make a variable describe a secret rather than hold one: GITHUB_TOKEN_FILE. */
    private static final Set<String> NOT_VALUES = Set.of("FILE", "PATH", "DIR", "URL", "URI", "ENDPOINT", "HOST",
            "NAME", "ID", "TYPE", "TTL", "EXPIRY", "LEN", "LENGTH", "COUNT", "SIZE", "LIMIT", "ENABLED", "REGION", "PORT", "USER", "USERNAME", "HEADER");

    private PrintedVariables() {}

    static void inspect(Invocation c, Report out) {
        String prog = c.program();
        String name = switch (prog) {
            case "echo", "printf", "print" -> printedOrExpanded(c);
            case "printenv" -> firstSecretOperand(c.operands());
            case "declare", "typeset" -> c.flag("-p") ? firstSecretOperand(c.operands()) : null;
            case "grep", "egrep", "fgrep", "rg" -> {
                String n = environmentFiltered(c);
                yield n != null || c.text().indexOf("<<<") < 0 ? n : hereString(c);
            }
            case "python", "python3", "node", "nodejs", "perl", "ruby", "php", "awk", "gawk", "mawk", "jq", "gojq", "deno", "bun"
                    -> inlineEnvironment(c);
            default -> c.text().indexOf("<<<") >= 0 && Output.passesValuesOn(c.command()) ? hereString(c) : null;
        };
        if (name == null || !Output.shown(c)) {
            return;
        }
        out.add(SecretsPack.VARIABLE_PRINTED.finding(name.isEmpty()
                ? "prints the environment's credentials (the variables the filter selects) into the transcript"
                : "prints the credential in $" + name + " into the transcript, which the model provider receives and "
                        + "Claude Code keeps on disk", c.text()));
        out.signal(Report.Signal.SECRET_SOURCE);
    }

    /**
     * True when a variable's name says it holds a secret: {@code GITHUB_TOKEN},
     * {@code AWS_SECRET_ACCESS_KEY}, {@code PGPASSWORD}, {@code MYSQL_PWD}; not
     * {@code TOKENIZERS_PARALLELISM}, {@code MAX_TOKENS}, {@code GITHUB_TOKEN_FILE},
     * {@code AWS_ACCESS_KEY_ID}, {@code PWD}, or the public build variables ({@code VITE_API_KEY}).
     */
    static boolean secretName(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        if (n.startsWith("NEXT_PUBLIC_") || n.startsWith("VITE_") || n.startsWith("REACT_APP_")
                || n.startsWith("EXPO_PUBLIC_") || n.equals("GOOGLE_APPLICATION_CREDENTIALS")) {
            return false; // bundled into what the browser downloads; a path to a key file
        }
        if ((n.endsWith("_URL") || n.endsWith("_URI") || n.endsWith("_DSN")) && (n.contains("DATABASE") || n.startsWith("DB_")
                || n.contains("_DB_") || n.contains("POSTGRES") || n.startsWith("PG") || n.contains("MYSQL") || n.contains("MARIADB")
                || n.contains("MONGO") || n.contains("REDIS") || n.contains("AMQP") || n.contains("RABBIT") || n.contains("BROKER"))
                || n.contains("CONNECTION_STRING") || n.endsWith("CONN_STR")) {
            return true; // DATABASE_URL=postgres://user:password@host/db: a connection string carries its password
        }
        int us = n.lastIndexOf('_');
        if (us >= 0 && NOT_VALUES.contains(n.substring(us + 1))) {
            return false;
        }
        if (n.contains("SECRET") || n.contains("PASSWORD") || n.contains("PASSWD") || n.contains("PASSPHRASE")
                || n.contains("API_KEY") || n.contains("APIKEY") || n.contains("ACCESS_KEY") || n.contains("PRIVATE_KEY")
                || n.contains("CREDENTIAL") || n.endsWith("TOKEN")) {
            return true;
        }
        for (String part : n.split("_")) {
            if (part.equals("TOKEN") || part.equals("PAT") || part.equals("PWD") && us > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code echo "$GITHUB_TOKEN"} as written, or a value that arrived through an assignment or an
     * indirection ({@code t=$GITHUB_TOKEN; echo "$t"}, {@code v=GITHUB_TOKEN; echo "${!v}"}), read
     * from the assignment in the script.
     */
    private static @Nullable String printedOrExpanded(Invocation c) {
        String name = printedReference(c.text());
        if (name != null) {
            return name;
        }
        for (String a : c.args()) {
            // $t after t=$GITHUB_TOKEN, ${!v} after v=GITHUB_TOKEN: the shell variable holds (or names) a credential
            int d = a.indexOf('$');
            if (d >= 0 && d + 1 < a.length()) {
                boolean indirect = a.startsWith("${!", d);
                int start = d + (indirect ? 3 : a.charAt(d + 1) == '{' ? 2 : 1);
                int i = start;
                while (i < a.length() && (Character.isLetterOrDigit(a.charAt(i)) || a.charAt(i) == '_')) {
                    i++;
                }
                String held = i > start ? assigned(c.script(), a.substring(start, i)) : null;
                String named = held == null ? "" : held.replace("'", "").replace("\"", "");
                String secret = held == null ? null : indirect ? (secretName(named) ? named : null) : printedReference(held);
                if (secret != null) {
                    return secret;
                }
            }
        }
        return null;
    }

    /** The text assigned to shell variable {@code var} in the script ({@code t=$GITHUB_TOKEN}), or null. */
    private static @Nullable String assigned(String script, String var) {
        for (int at = script.indexOf(var + "="); at >= 0; at = script.indexOf(var + "=", at + 1)) {
            char before = at == 0 ? ' ' : script.charAt(at - 1);
            if (!(Character.isWhitespace(before) || before == ';' || before == '&' || before == '|' || before == '(')) {
                continue;
            }
            int from = at + var.length() + 1;
            int end = from;
            boolean dq = false;
            while (end < script.length() && (dq || !(Character.isWhitespace(script.charAt(end)) || script.charAt(end) == ';'
                    || script.charAt(end) == '&' || script.charAt(end) == '|'))) {
                dq ^= script.charAt(end) == '"';
                end++;
            }
            String value = script.substring(from, end);
            return value; // as written: '$X' in single quotes stays a literal for printedReference
        }
        return null;
    }

    /** {@code rev <<< "$GH_TOKEN"}, {@code cat <<< "$TOKEN"}: a here-string that expands a credential, printed. */
    private static @Nullable String hereString(Invocation c) {
        String text = c.text();
        int at = text.indexOf("<<<");
        return at < 0 ? null : printedReference(text.substring(at + 3));
    }

    /** Markers after which inline code names an environment variable, by language. */
    private static final String[] ENV_MARKERS = {"environ[", "environ.get(", "getenv(", "process.env.", "process.env[",
            "env.get(", "Bun.env.", "$ENV{", "ENV[", "ENV.fetch(", "$_ENV[", "$_SERVER[", "ENVIRON["};
    private static final String[] JQ_MARKERS = {"$ENV.", "env.", "$ENV[", "env["};

    /**
     * Inline code that prints a credential from the environment: {@code python3 -c
     * 'print(os.environ["GITHUB_TOKEN"])'}, {@code node -p process.env.NPM_TOKEN}, {@code perl -e
     * 'print $ENV{API_KEY}'}, {@code awk 'BEGIN{print ENVIRON["AWS_SECRET_ACCESS_KEY"]}'},
     * {@code jq -n env.GITHUB_TOKEN}. Code that uses the value without printing it is left alone.
     */
    private static @Nullable String inlineEnvironment(Invocation c) {
        String prog = c.program();
        boolean jq = prog.equals("jq") || prog.equals("gojq");
        for (String a : c.args()) {
            if (a.length() < 6 || a.length() > 20_000) {
                continue;
            }
            for (String marker : jq ? JQ_MARKERS : ENV_MARKERS) {
                for (int at = a.indexOf(marker); at >= 0; at = a.indexOf(marker, at + 1)) {
                    if (jq && at > 0 && (Character.isLetterOrDigit(a.charAt(at - 1)) || a.charAt(at - 1) == '_')) {
                        continue; // .myenv.x is a field, not jq's env
                    }
                    int i = at + marker.length();
                    while (i < a.length() && (a.charAt(i) == '"' || a.charAt(i) == '\'' || a.charAt(i) == ' ')) {
                        i++;
                    }
                    int start = i;
                    while (i < a.length() && (Character.isLetterOrDigit(a.charAt(i)) || a.charAt(i) == '_')) {
                        i++;
                    }
                    String name = a.substring(start, i);
                    if (i > start && secretName(name) && (jq || prints(prog, a, c))) {
                        return name;
                    }
                }
            }
        }
        return null;
    }

    /** Whether inline code writes to its output: print, console.log, puts, echo, say; node -p prints its value. */
    private static boolean prints(String prog, String code, Invocation c) {
        return switch (prog) {
            case "node", "nodejs", "bun", "deno" -> c.flag("-p", "--print") || code.contains("console.") || code.contains("stdout.write");
            case "ruby" -> code.contains("puts") || code.contains("print") || code.startsWith("p ") || code.contains(";p ")
                    || code.contains("; p ") || code.startsWith("pp ") || code.contains(" pp ");
            case "php" -> code.contains("echo") || code.contains("print");
            case "perl" -> code.contains("print") || code.contains("say");
            default -> code.contains("print") || code.contains("stdout.write");
        };
    }

    private static @Nullable String firstSecretOperand(List<String> operands) {
        for (String o : operands) {
            if (secretName(o)) {
                return o;
            }
        }
        return null;
    }

    /**
     * The first secret-named variable whose value {@code text} expands (outside single quotes and
     * backslash escapes): {@code $X}, {@code ${X}}, {@code ${X@Q}}, {@code ${X/a/b}}. Null when
     * none; not for {@code ${#X}}, {@code ${X:+word}} or a substring of at most 8 characters.
     */
    static @Nullable String printedReference(String text) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (single) {
                single = ch != '\'';
                continue;
            }
            if (ch == '\\') {
                i++;
            } else if (ch == '\'' && !dbl) {
                single = true;
            } else if (ch == '"') {
                dbl = !dbl;
            } else if (ch == '$' && i + 1 < text.length()) {
                String name = reference(text, i + 1);
                if (name != null && secretName(name)) {
                    return name;
                }
            }
        }
        return null;
    }

    /** The variable a {@code $} at {@code from - 1} expands to its value, or null. */
    private static @Nullable String reference(String text, int from) {
        boolean braced = text.charAt(from) == '{';
        int start = braced ? from + 1 : from;
        int i = start;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
            i++;
        }
        if (i == start || Character.isDigit(text.charAt(start))) {
            return null; // ${#X}, ${!X}, $1, $?, $(...)
        }
        String name = text.substring(start, i);
        if (!braced || i >= text.length() || text.charAt(i) == '}') {
            return name;
        }
        String rest = text.substring(i, Math.min(text.length(), i + 16));
        if (rest.startsWith(":+") || rest.startsWith("+")) {
            return null; // a word when set, never the value
        }
        if (rest.startsWith(":") && rest.length() > 1 && (Character.isDigit(rest.charAt(1)) || rest.charAt(1) == ' ')) {
            int colon = rest.indexOf(':', 1);
            int close = rest.indexOf('}');
            if (colon > 0 && close > colon) {
                String length = rest.substring(colon + 1, close).strip();
                if (!length.isEmpty() && length.chars().allMatch(Character::isDigit) && length.length() <= 2
                        && Integer.parseInt(length) <= 8) {
                    return null; // ${TOKEN:0:4}: a prefix to tell tokens apart
                }
            }
        }
        return name;
    }

    /**
     * {@code env | grep TOKEN}, {@code printenv | grep -i secret}: a filter over the environment
     * that selects credentials. Returns "" for a match, null otherwise.
     */
    private static @Nullable String environmentFiltered(Invocation c) {
        if (c.upstream().isEmpty() || c.flag("-v", "--invert-match") || !Output.passesValuesOn(c.command())) {
            return null;
        }
        List<Command> from = c.pipedFrom();
        if (from.isEmpty()) {
            return null;
        }
        for (int i = 0; i + 1 < from.size(); i++) {
            if (!Output.passesValuesOn(from.get(i))) {
                return null; // printenv | awk -F= '{print $1}' | grep TOKEN: names only by then
            }
        }
        Command source = from.get(from.size() - 1);
        List<String> args = source.args();
        boolean environment = switch (source.program()) {
            case "env" -> args.isEmpty() || args.equals(List.of("-0"));
            // git config --global --list | grep -i token: tokens in extraheaders and remote URLs
            case "git" -> args.contains("config") && (args.contains("--list") || args.contains("-l"));
            case "printenv", "set" -> args.isEmpty();
            case "export", "declare", "typeset" -> args.equals(List.of("-p")) || args.equals(List.of("-x"));
            default -> false;
        };
        if (!environment) {
            return null;
        }
        for (String o : c.operands()) {
            if (SecretsPack.searchesForSecrets(o, true)) {
                return "";
            }
        }
        for (int i = 0; i + 1 < c.args().size(); i++) {
            if (c.args().get(i).equals("-e") && SecretsPack.searchesForSecrets(c.args().get(i + 1), true)) {
                return "";
            }
        }
        return null;
    }

}
