package dev.warden.audit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Finds secrets in text and replaces each with a typed marker and a keyed digest, such as
 * {@code [REDACTED:github-token:hmac=3f9a1c2b]}. The digest is the first 4 bytes of
 * HMAC-SHA256 under a per-installation key, so the same secret gives the same marker (you can
 * see that two calls used one token) but the marker cannot be turned back into the secret.
 *
 * <p>Design note. Every detector is a forward scan (indexOf over fixed prefixes, or one pass
 * over character classes) and never backtracks, so the cost is linear in the text whatever it
 * holds; there is no regular expression that a hostile input could make explode. Detectors
 * propose spans; the spans are taken strongest detector first, and a span that overlaps one
 * already taken is dropped. The high-entropy detector is the weakest and fills what the named
 * ones left. What is covered:
 * <ul>
 *   <li>GitHub {@code ghp_ gho_ ghu_ ghs_ ghr_ github_pat_}; AWS access key ids
 *       {@code AKIA/ASIA...}; Slack {@code xox?-}; Stripe {@code sk_live_ rk_live_ sk_test_};
 *       Google {@code AIza}; Anthropic {@code sk-ant-}; OpenAI {@code sk-}; JWTs;
 *       PEM {@code PRIVATE KEY} blocks;</li>
 *   <li>assignments whose name ends in password, secret, token, api key, access key, ...
 *       ({@code password=...}, {@code "api_key": "..."}, {@code --token x}, {@code export GH_TOKEN=...});</li>
 *   <li>{@code Authorization:} headers and {@code Bearer} tokens; passwords in URLs
 *       ({@code postgres://user:pass@host});</li>
 *   <li>strings of 20+ characters from a base64/hex-like alphabet with upper case, lower case
 *       and digits whose Shannon entropy is at least {@link #ENTROPY_BITS} bits per character.</li>
 * </ul>
 * In structured values ({@link #redactTree}), a string stored under a secret-looking key
 * ({@code password}, {@code token}, {@code authorization}, ...) is redacted whole.
 *
 * <p>Thread-safe.
 */
public final class Redactor {

    /** Minimum bits of Shannon entropy per character for the high-entropy detector. */
    public static final double ENTROPY_BITS = 4.0;
    /** Minimum length for the high-entropy detector. */
    public static final int ENTROPY_MIN_LENGTH = 20;

    private static final String MARK = "[REDACTED:";

    private final byte[] key;
    private final ThreadLocal<Mac> mac;

    private Redactor(byte[] key) {
        this.key = key.clone();
        this.mac = ThreadLocal.withInitial(this::newMac);
    }

    /** The redactor of an installation: its HMAC key is {@code WARDEN_HOME/keys/redact.key}, made on first use. */
    public static Redactor open(Path wardenHome) {
        return new Redactor(AuditKeys.redactionKey(wardenHome));
    }

    /** A redactor with an explicit HMAC key (tests, or a server that keeps its key elsewhere). */
    public static Redactor withKey(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("redaction key must have at least 16 bytes");
        }
        return new Redactor(key);
    }

    /**
     * A secret found in text.
     *
     * @param start first char
     * @param end   one past the last char
     * @param type  what it is ({@code github-token}, {@code password}, {@code high-entropy}, ...)
     */
    public record Match(int start, int end, String type) {}

    private Mac newMac() {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The marker for a secret of a type: {@code [REDACTED:type:hmac=xxxxxxxx]}. */
    public String marker(String type, String secret) {
        byte[] d = mac.get().doFinal(secret.getBytes(StandardCharsets.UTF_8));
        return MARK + type + ":hmac=" + HexFormat.of().formatHex(d, 0, 4) + "]";
    }

    /** The text with every secret found replaced by its marker. */
    public String redact(String text) {
        if (text.length() < 8) {
            return text;
        }
        List<Match> found = find(text);
        if (found.isEmpty()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int at = 0;
        for (Match m : found) {
            sb.append(text, at, m.start());
            sb.append(marker(m.type(), text.substring(m.start(), m.end())));
            at = m.end();
        }
        sb.append(text, at, text.length());
        return sb.toString();
    }

    /**
     * A copy of a JSON-like value (maps, lists, strings, numbers, booleans) with every string
     * redacted, and every string under a secret-looking key redacted whole.
     */
    public @Nullable Object redactTree(@Nullable Object value) {
        return tree(value, 0);
    }

    /** {@link #redactTree} for a map, keeping insertion order. */
    public Map<String, @Nullable Object> redactMap(Map<String, ? extends @Nullable Object> map) {
        LinkedHashMap<String, @Nullable Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ? extends @Nullable Object> e : map.entrySet()) {
            out.put(redact(e.getKey()), field(e.getKey(), e.getValue(), 0));
        }
        return out;
    }

    private @Nullable Object field(String key, @Nullable Object v, int depth) {
        if (v instanceof String s && !s.isEmpty() && !s.startsWith(MARK)) {
            String type = secretKeyType(key);
            if (type != null) {
                return marker(type, s);
            }
        }
        return tree(v, depth + 1);
    }

    private @Nullable Object tree(@Nullable Object v, int depth) {
        if (depth > 200) {
            return "[too deep]";
        }
        return switch (v) {
            case null -> null;
            case String s -> redact(s);
            case Map<?, ?> m -> {
                LinkedHashMap<String, @Nullable Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    String k = String.valueOf(e.getKey());
                    out.put(redact(k), field(k, e.getValue(), depth));
                }
                yield out;
            }
            case Collection<?> c -> {
                ArrayList<@Nullable Object> out = new ArrayList<>(c.size());
                for (Object o : c) {
                    out.add(tree(o, depth + 1));
                }
                yield out;
            }
            case Object[] a -> tree(java.util.Arrays.asList(a), depth);
            case tools.jackson.databind.JsonNode n -> tree(JsonValues.toJava(n), depth);
            case Number n -> n;
            case Boolean b -> b;
            default -> redact(v.toString());
        };
    }

    /** Every secret in the text, in order, not overlapping. */
    public List<Match> find(String text) {
        ArrayList<Match> all = new ArrayList<>();
        // Existing markers first, so redacting twice changes nothing.
        markers(text, all);
        // Strongest first: the order of the detectors is their precedence.
        pem(text, all);
        prefixed(text, all);
        jwt(text, all);
        urlPasswords(text, all);
        bearer(text, all);
        assignments(text, all);
        int named = all.size();
        entropy(text, all);
        // Take spans by precedence, dropping any that overlaps one already taken.
        TreeMap<Integer, Match> taken = new TreeMap<>();
        for (int i = 0; i < all.size(); i++) {
            Match m = all.get(i);
            if (i >= named && m.type().equals("high-entropy") && overlapsAny(taken, m)) {
                continue;
            }
            if (!overlapsAny(taken, m)) {
                taken.put(m.start(), m);
            }
        }
        ArrayList<Match> out = new ArrayList<>(taken.values());
        out.removeIf(m -> m.type().isEmpty());
        out.sort(Comparator.comparingInt(Match::start));
        return out;
    }

    private static boolean overlapsAny(TreeMap<Integer, Match> taken, Match m) {
        Map.Entry<Integer, Match> before = taken.floorEntry(m.start());
        if (before != null && before.getValue().end() > m.start()) {
            return true;
        }
        Map.Entry<Integer, Match> after = taken.ceilingEntry(m.start());
        return after != null && after.getKey() < m.end();
    }

    // ---- detectors -------------------------------------------------------------------------

    /** Markers already in the text: taken as spans of type "" and never replaced. */
    private static void markers(String t, List<Match> out) {
        int from = 0;
        while (true) {
            int i = t.indexOf(MARK, from);
            if (i < 0) {
                return;
            }
            // exactly [REDACTED:<type>:hmac=<8 hex>], so text dressed up as a marker hides nothing
            int j = i + MARK.length();
            while (j < t.length() && j - i < 40 && (Character.isLowerCase(t.charAt(j)) || t.charAt(j) == '-')) {
                j++;
            }
            boolean ok = j > i + MARK.length() && t.startsWith(":hmac=", j) && j + 15 <= t.length() && t.charAt(j + 14) == ']';
            for (int k = j + 6; ok && k < j + 14; k++) {
                ok = Character.digit(t.charAt(k), 16) >= 0;
            }
            if (ok) {
                out.add(new Match(i, j + 15, ""));
            }
            from = ok ? j + 15 : i + 1;
        }
    }

    private static void pem(String t, List<Match> out) {
        int from = 0;
        while (true) {
            int b = t.indexOf("-----BEGIN ", from);
            if (b < 0) {
                return;
            }
            int headerEnd = t.indexOf("-----", b + 11);
            if (headerEnd < 0) {
                return;
            }
            String label = t.substring(b + 11, headerEnd);
            if (!label.endsWith("PRIVATE KEY") || label.length() > 40) {
                from = headerEnd + 5;
                continue;
            }
            int e = t.indexOf("-----END ", headerEnd + 5);
            int end;
            if (e < 0) {
                end = t.length(); // no END line: fail closed, the rest is key material
            } else {
                int close = t.indexOf("-----", e + 9);
                end = close < 0 ? t.length() : close + 5;
            }
            out.add(new Match(b, end, "private-key"));
            from = end;
        }
    }

    private record Prefix(String text, String type, int minRest, boolean upperAlnumOnly) {}

    private static final Prefix[] PREFIXES = {
        new Prefix("github_pat_", "github-token", 20, false),
        new Prefix("ghp_", "github-token", 20, false),
        new Prefix("gho_", "github-token", 20, false),
        new Prefix("ghu_", "github-token", 20, false),
        new Prefix("ghs_", "github-token", 20, false),
        new Prefix("ghr_", "github-token", 20, false),
        new Prefix("AKIA", "aws-access-key", 16, true),
        new Prefix("ASIA", "aws-access-key", 16, true),
        new Prefix("xoxb-", "slack-token", 10, false),
        new Prefix("xoxp-", "slack-token", 10, false),
        new Prefix("xoxa-", "slack-token", 10, false),
        new Prefix("xoxr-", "slack-token", 10, false),
        new Prefix("xoxs-", "slack-token", 10, false),
        new Prefix("xoxe-", "slack-token", 10, false),
        new Prefix("sk_live_", "stripe-key", 10, false),
        new Prefix("rk_live_", "stripe-key", 10, false),
        new Prefix("sk_test_", "stripe-key", 10, false),
        new Prefix("AIza", "google-api-key", 30, false),
        new Prefix("sk-ant-", "anthropic-key", 20, false),
        new Prefix("sk-", "openai-key", 20, false),
    };

    private static void prefixed(String t, List<Match> out) {
        for (Prefix p : PREFIXES) {
            int from = 0;
            while (true) {
                int i = t.indexOf(p.text(), from);
                if (i < 0) {
                    break;
                }
                int j = i + p.text().length();
                if (i > 0 && isTokenChar(t.charAt(i - 1))) {
                    from = j;
                    continue; // inside a longer word
                }
                int end = j;
                while (end < t.length() && (p.upperAlnumOnly()
                        ? (Character.isUpperCase(t.charAt(end)) || Character.isDigit(t.charAt(end))) && t.charAt(end) < 128
                        : isTokenChar(t.charAt(end)))) {
                    end++;
                }
                if (end - j >= p.minRest()) {
                    out.add(new Match(i, p.upperAlnumOnly() ? Math.min(end, j + p.minRest()) : end, p.type()));
                }
                from = Math.max(end, j);
            }
        }
    }

    private static void jwt(String t, List<Match> out) {
        int from = 0;
        while (true) {
            int i = t.indexOf("eyJ", from);
            if (i < 0) {
                return;
            }
            if (i > 0 && isBase64Url(t.charAt(i - 1))) {
                from = i + 3;
                continue;
            }
            int end = i;
            int parts = 0;
            int partLen = 0;
            while (end < t.length()) {
                char c = t.charAt(end);
                if (isBase64Url(c)) {
                    partLen++;
                } else if (c == '.' && partLen > 0 && parts < 2) {
                    parts++;
                    partLen = 0;
                } else {
                    break;
                }
                end++;
            }
            if (parts == 2 && partLen >= 8 && end - i >= 30) {
                out.add(new Match(i, end, "jwt"));
            }
            from = Math.max(end, i + 3);
        }
    }

    private static void urlPasswords(String t, List<Match> out) {
        int from = 0;
        while (true) {
            int i = t.indexOf("://", from);
            if (i < 0) {
                return;
            }
            int s = i + 3;
            int colon = -1;
            int at = -1;
            int j = s;
            for (; j < t.length(); j++) {
                char c = t.charAt(j);
                if (c == '@') {
                    at = j;
                    break;
                }
                if (c == '/' || c == '?' || c == '#' || Character.isWhitespace(c) || c == '"' || c == '\'') {
                    break;
                }
                if (c == ':' && colon < 0) {
                    colon = j;
                }
            }
            if (at > 0 && colon > 0 && at - colon > 1) {
                out.add(new Match(colon + 1, at, "connection-password"));
            }
            from = Math.max(j, s);
        }
    }

    private static void bearer(String t, List<Match> out) {
        int n = t.length();
        for (int i = 0; i + 7 <= n; i++) {
            char c = t.charAt(i);
            if ((c != 'b' && c != 'B') || !t.regionMatches(true, i, "bearer ", 0, 7)) {
                continue;
            }
            if (i > 0 && Character.isLetterOrDigit(t.charAt(i - 1))) {
                continue;
            }
            int j = i + 7;
            while (j < n && t.charAt(j) == ' ') {
                j++;
            }
            int end = j;
            while (end < n && isCredentialChar(t.charAt(end))) {
                end++;
            }
            if (end - j >= 8 && !t.startsWith(MARK, j)) {
                out.add(new Match(j, end, "bearer-token"));
            }
            i = Math.max(i, end - 1);
        }
    }

    private static final String[] SECRET_SUFFIXES = {
        "password", "passwd", "pwd", "passphrase", "secret", "token", "apikey", "api_key", "api-key",
        "accesskey", "access_key", "access-key", "secretkey", "secret_key", "secret-key", "privatekey",
        "private_key", "private-key", "credential", "credentials", "authorization", "auth", "cookie",
        "session_key", "signing_key", "client_secret",
    };

    private static final boolean[] SUFFIX_LAST = new boolean[128];

    static {
        for (String suffix : SECRET_SUFFIXES) {
            SUFFIX_LAST[suffix.charAt(suffix.length() - 1)] = true;
        }
    }

    /** The marker type for a field or variable name that holds a secret, or null. */
    static @Nullable String secretKeyType(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        while (n.startsWith("-")) {
            n = n.substring(1);
        }
        for (String s : SECRET_SUFFIXES) {
            if (n.endsWith(s) && (n.length() == s.length() || !Character.isLetter(n.charAt(n.length() - s.length() - 1))
                    || s.length() >= 6)) {
                if (n.contains("aws") && (s.contains("secret") || s.contains("access"))) {
                    return "aws-secret-key";
                }
                if (s.equals("authorization")) {
                    return "authorization";
                }
                if (s.startsWith("pass") || s.equals("pwd")) {
                    return "password";
                }
                if (s.contains("token") || s.equals("auth")) {
                    return "token";
                }
                return "secret";
            }
        }
        return null;
    }

    private static void assignments(String t, List<Match> out) {
        int n = t.length();
        int i = 0;
        while (i < n) {
            char c = t.charAt(i);
            if (!isIdentChar(c)) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && isIdentChar(t.charAt(i))) {
                i++;
            }
            char last = Character.toLowerCase(t.charAt(i - 1));
            if (i - start < 3 || i - start > 80 || last >= 128 || !SUFFIX_LAST[last]) {
                continue; // cannot end in a secret-looking name: skip without allocating
            }
            String ident = t.substring(start, i);
            String type = secretKeyType(ident);
            if (type == null) {
                continue;
            }
            int j = i;
            if (j < n && (t.charAt(j) == '"' || t.charAt(j) == '\'')) {
                j++; // closing quote of a JSON/YAML key
            }
            while (j < n && (t.charAt(j) == ' ' || t.charAt(j) == '\t')) {
                j++;
            }
            boolean separated = false;
            if (j < n && (t.charAt(j) == '=' || t.charAt(j) == ':')) {
                j++;
                if (j < n && t.charAt(j) == '=') {
                    j++; // :=
                }
                separated = true;
            } else if (ident.startsWith("--") && j > i) {
                separated = true; // --password value
            }
            if (!separated) {
                continue;
            }
            while (j < n && (t.charAt(j) == ' ' || t.charAt(j) == '\t')) {
                j++;
            }
            if (j >= n) {
                break;
            }
            int vs;
            int ve;
            char q = t.charAt(j);
            if (q == '"' || q == '\'') {
                vs = j + 1;
                ve = vs;
                while (ve < n && t.charAt(ve) != q && t.charAt(ve) != '\n') {
                    if (t.charAt(ve) == '\\' && ve + 1 < n) {
                        ve++;
                    }
                    ve++;
                }
            } else {
                vs = j;
                ve = vs;
                while (ve < n && !Character.isWhitespace(t.charAt(ve)) && ";&|,\"'`)}]".indexOf(t.charAt(ve)) < 0) {
                    ve++;
                }
                if (type.equals("authorization")) {
                    // "Authorization: Basic xyz" — the scheme and the credential, to the end of the line
                    ve = vs;
                    while (ve < n && t.charAt(ve) != '\n' && t.charAt(ve) != '"' && t.charAt(ve) != '\'') {
                        ve++;
                    }
                }
            }
            if (ve > vs && !t.startsWith(MARK, vs) && !t.startsWith("$", vs) && !t.startsWith("${", vs)) {
                out.add(new Match(vs, ve, type));
            }
            i = Math.max(i, ve);
        }
    }

    private static void entropy(String t, List<Match> out) {
        int n = t.length();
        int i = 0;
        int[] counts = new int[128];
        while (i < n) {
            if (!isEntropyChar(t.charAt(i))) {
                i++;
                continue;
            }
            int s = i;
            while (i < n && isEntropyChar(t.charAt(i))) {
                i++;
            }
            int len = i - s;
            if (len < ENTROPY_MIN_LENGTH) {
                continue;
            }
            boolean upper = false;
            boolean lower = false;
            boolean digit = false;
            java.util.Arrays.fill(counts, 0);
            for (int k = s; k < i; k++) {
                char c = t.charAt(k);
                counts[c]++;
                upper |= c >= 'A' && c <= 'Z';
                lower |= c >= 'a' && c <= 'z';
                digit |= c >= '0' && c <= '9';
            }
            if (!(upper && lower && digit)) {
                continue;
            }
            double h = 0;
            for (int cnt : counts) {
                if (cnt > 0) {
                    double p = (double) cnt / len;
                    h -= p * (Math.log(p) / Math.log(2));
                }
            }
            if (h >= ENTROPY_BITS) {
                out.add(new Match(s, i, "high-entropy"));
            }
        }
    }

    private static boolean isTokenChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-');
    }

    private static boolean isBase64Url(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-');
    }

    private static boolean isCredentialChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || "-._~+/=".indexOf(c) >= 0);
    }

    private static boolean isIdentChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.');
    }

    private static boolean isEntropyChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '+' || c == '/' || c == '=' || c == '_' || c == '-');
    }
}
