package dev.warden.supply;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises secrets by name and by shape, so that inventory output, lock files and findings can
 * name them without ever printing them. Heuristic by nature: it errs towards redacting.
 */
final class Secrets {

    private static final Pattern SECRET_NAME = Pattern.compile(
            "(TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL|AUTH|"
                    + "SESSION_?KEY|CLIENT_?SECRET|SIGNING_?KEY|_KEY$|^KEY$|_PAT$|DSN$|DATABASE_URL|CONNECTION_STRING|COOKIE)");

    /** Known token prefixes (GitHub, OpenAI/Anthropic, Slack, AWS, Google, GitLab, npm, Hugging Face, Stripe). */
    private static final Pattern TOKEN_PREFIX = Pattern.compile(
            "^(ghp_|gho_|ghu_|ghs_|ghr_|github_pat_|sk-|sk_live_|sk_test_|rk_live_|xox[abpors]-|AKIA|ASIA|AIza|"
                    + "glpat-|npm_|hf_|ya29\\.|eyJ)[A-Za-z0-9_\\-.=+/]{6,}");

    private static final Pattern URL_WITH_PASSWORD = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://[^/\\s:@]+:[^/\\s@]+@");

    private Secrets() {}

    /** True when an environment variable or header name suggests its value is a secret. */
    static boolean isSecretName(String name) {
        String n = name.toUpperCase(Locale.ROOT).replace('-', '_');
        if (n.equals("SSH_AUTH_SOCK") || n.equals("XAUTHORITY") || n.equals("KUBECONFIG")) {
            return false;
        }
        return SECRET_NAME.matcher(n).find();
    }

    /** True for a literal value (not a {@code ${VAR}} reference) that looks like a token or a password. */
    static boolean looksLikeToken(String value) {
        String v = value.strip();
        if (v.isEmpty() || v.contains("${")) {
            return false;
        }
        if (v.regionMatches(true, 0, "Bearer ", 0, 7) || v.regionMatches(true, 0, "Basic ", 0, 6)) {
            return v.length() > 12 && !v.contains("${");
        }
        if (TOKEN_PREFIX.matcher(v).find() || URL_WITH_PASSWORD.matcher(v).find()) {
            return true;
        }
        if (v.length() < 20 || v.length() > 4096) {
            return false;
        }
        char c0 = v.charAt(0);
        if (c0 == '/' || c0 == '~' || c0 == '.' || v.contains("://")) {
            return false;
        }
        int upper = 0;
        int lower = 0;
        int digits = 0;
        boolean hex = true;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isWhitespace(c)) {
                return false;
            }
            if (Character.isUpperCase(c)) {
                upper++;
            } else if (Character.isLowerCase(c)) {
                lower++;
            } else if (Character.isDigit(c)) {
                digits++;
            } else if ("_-+/=.:".indexOf(c) < 0) {
                return false;
            }
            hex &= Character.digit(c, 16) >= 0;
        }
        // random tokens mix cases and digits (base64, base62); hex tokens are long; package specs
        // such as mcp-server-time==0.6.2 are neither
        return (upper > 0 && lower > 0 && digits >= 2 && entropy(v) >= 3.5) || (hex && v.length() >= 32 && digits >= 4);
    }

    /** True when a configured value is a secret: a secret-like name with a literal value, or a token-like value. */
    static boolean isInlineSecret(String name, String value) {
        String v = value.strip();
        if (v.isEmpty() || isReference(v)) {
            return false;
        }
        return looksLikeToken(v) || (isSecretName(name) && v.length() >= 8 && !v.contains("${"));
    }

    /** True for values that only refer to the environment: {@code ${VAR}} or {@code ${VAR:-default}}. */
    static boolean isReference(String v) {
        return v.startsWith("${") && v.endsWith("}") && v.indexOf('}') == v.length() - 1;
    }

    /** An argument as it may be printed: token-like arguments (or {@code --key=token}) redacted. */
    static String redactArg(String arg) {
        int eq = arg.indexOf('=');
        if (eq > 0 && arg.startsWith("-")) {
            String key = arg.substring(0, eq);
            String value = arg.substring(eq + 1);
            if (looksLikeToken(value) || (isSecretName(key.replaceAll("^-+", "")) && !value.isEmpty() && !value.contains("${"))) {
                return key + "=" + redacted(value);
            }
            return arg;
        }
        if (eq > 0 && isSecretName(arg.substring(0, eq)) && eq + 1 < arg.length() && !arg.contains("${")) {
            return arg.substring(0, eq + 1) + redacted(arg.substring(eq + 1)); // docker -e NAME=value, env NAME=value
        }
        return looksLikeToken(arg) ? redacted(arg) : arg;
    }

    /** Free text (a hook command, a launch line) with token-like words redacted. */
    static String redactText(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '"' || c == '\'') {
                out.append(c);
                i++;
                continue;
            }
            int j = i;
            while (j < n && !Character.isWhitespace(text.charAt(j)) && text.charAt(j) != '"' && text.charAt(j) != '\'') {
                j++;
            }
            out.append(redactArg(text.substring(i, j)));
            i = j;
        }
        return out.toString();
    }

    /** A URL with its password and secret-looking query values redacted. */
    static String redactUrl(String url) {
        String u = URL_WITH_PASSWORD.matcher(url).find()
                ? url.replaceFirst("://([^/\\s:@]+):[^/\\s@]+@", "://$1:<redacted>@")
                : url;
        int q = u.indexOf('?');
        if (q < 0) {
            return u;
        }
        StringBuilder sb = new StringBuilder(u.substring(0, q + 1));
        String[] parts = u.substring(q + 1).split("&", -1);
        for (int k = 0; k < parts.length; k++) {
            if (k > 0) {
                sb.append('&');
            }
            String p = parts[k];
            int eq = p.indexOf('=');
            if (eq > 0 && (isSecretName(p.substring(0, eq)) || looksLikeToken(p.substring(eq + 1)))) {
                sb.append(p, 0, eq + 1).append("<redacted>");
            } else {
                sb.append(p);
            }
        }
        return sb.toString();
    }

    /**
     * The placeholder for a redacted value. Deliberately carries nothing derived from the value: a
     * short digest of a weak password can be brute-forced from a committed lock file, and rotating
     * a secret is not a supply-chain change.
     */
    static String redacted(String value) {
        return "<redacted>";
    }

    private static double entropy(String s) {
        int[] counts = new int[128];
        int other = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double h = 0;
        double n = s.length();
        for (int c : counts) {
            if (c > 0) {
                double p = c / n;
                h -= p * (Math.log(p) / Math.log(2));
            }
        }
        if (other > 0) {
            double p = other / n;
            h -= p * (Math.log(p) / Math.log(2));
        }
        return h;
    }
}
