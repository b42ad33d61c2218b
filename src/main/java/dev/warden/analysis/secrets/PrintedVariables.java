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
            case "echo", "printf", "print" -> printedReference(c.text());
            case "printenv" -> firstSecretOperand(c.operands());
            case "declare", "typeset" -> c.flag("-p") ? firstSecretOperand(c.operands()) : null;
            case "grep", "egrep", "fgrep", "rg" -> environmentFiltered(c);
            default -> null;
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
        if (c.flag("-v", "--invert-match") || !Output.passesValuesOn(c.command())) {
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
            case "printenv", "set" -> args.isEmpty();
            case "export", "declare", "typeset" -> args.equals(List.of("-p")) || args.equals(List.of("-x"));
            default -> false;
        };
        if (!environment) {
            return null;
        }
        for (String o : c.operands()) {
            String u = o.toUpperCase(Locale.ROOT);
            if (u.contains("TOKEN") || u.contains("SECRET") || u.contains("PASSW") || u.contains("KEY")
                    || u.contains("CREDENTIAL")) {
                return "";
            }
        }
        for (int i = 0; i + 1 < c.args().size(); i++) {
            if (c.args().get(i).equals("-e") && secretWords(c.args().get(i + 1))) {
                return "";
            }
        }
        return null;
    }

    private static boolean secretWords(String pattern) {
        String u = pattern.toUpperCase(Locale.ROOT);
        return u.contains("TOKEN") || u.contains("SECRET") || u.contains("PASSW") || u.contains("KEY") || u.contains("CREDENTIAL");
    }
}
