package dev.warden.server;

import dev.warden.approval.Notifier;
import dev.warden.call.WardenException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The server's own settings, from {@code WARDEN_HOME/server.yaml} (every key optional):
 *
 * <pre>
 * max_body_bytes: 8388608     # larger requests get 413
 * max_wait: 300s              # the longest a hook may wait for an approval
 * webhooks:
 *   - url: https://hooks.slack.com/services/...
 *     format: slack           # slack (default) | json
 *     secret_env: WARDEN_WEBHOOK_SECRET   # or secret: "..."
 *     events: ["approval.*", alert, quarantine, freeze, unfreeze]   # default: all
 * webhook_attempts: 6         # tries per delivery; backoff doubles from webhook_backoff
 * webhook_backoff: 1s
 * </pre>
 *
 * @param maxBodyBytes    request bodies above this are refused with 413
 * @param maxWait         upper bound on any approval wait
 * @param webhooks        notification receivers
 * @param webhookAttempts tries per delivery
 * @param webhookBackoff  first retry delay (doubles)
 */
public record ServerConfig(long maxBodyBytes, Duration maxWait, List<Notifier.Webhook> webhooks, int webhookAttempts,
        Duration webhookBackoff) {

    public static final String FILE = "server.yaml";

    public static ServerConfig defaults() {
        return new ServerConfig(8L * 1024 * 1024, Duration.ofSeconds(300), List.of(), 6, Duration.ofSeconds(1));
    }

    public ServerConfig {
        webhooks = List.copyOf(webhooks);
    }

    public ServerConfig withWebhooks(List<Notifier.Webhook> hooks, int attempts, Duration backoff) {
        return new ServerConfig(maxBodyBytes, maxWait, hooks, attempts, backoff);
    }

    public ServerConfig withMaxBodyBytes(long n) {
        return new ServerConfig(n, maxWait, webhooks, webhookAttempts, webhookBackoff);
    }

    /** Reads {@code WARDEN_HOME/server.yaml}; defaults when absent; every problem at once when invalid. */
    public static ServerConfig load(Path wardenHome, Map<String, String> env) {
        Path f = wardenHome.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return defaults();
        }
        Object doc;
        try {
            doc = new Load(LoadSettings.builder().setMaxAliasesForCollections(0).build())
                    .loadFromString(Files.readString(f, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            throw new WardenException(WardenException.Kind.INVALID_INPUT, f + " cannot be read as YAML: " + e.getMessage());
        }
        if (doc == null) {
            return defaults();
        }
        if (!(doc instanceof Map<?, ?> m)) {
            throw new WardenException(WardenException.Kind.INVALID_INPUT, f + " must be a mapping");
        }
        List<String> problems = new ArrayList<>();
        ServerConfig d = defaults();
        Set<String> known = Set.of("max_body_bytes", "max_wait", "webhooks", "webhook_attempts", "webhook_backoff");
        for (Object k : m.keySet()) {
            if (!known.contains(String.valueOf(k))) {
                problems.add("unknown key '" + k + "'; expected one of " + new java.util.TreeSet<>(known));
            }
        }
        long body = m.get("max_body_bytes") == null ? d.maxBodyBytes() : number(m.get("max_body_bytes"), "max_body_bytes", 1024, 64L << 20, problems);
        Duration wait = m.get("max_wait") == null ? d.maxWait() : duration(m.get("max_wait"), "max_wait", problems);
        int attempts = m.get("webhook_attempts") == null ? d.webhookAttempts() : (int) number(m.get("webhook_attempts"), "webhook_attempts", 1, 20, problems);
        Duration backoff = m.get("webhook_backoff") == null ? d.webhookBackoff() : duration(m.get("webhook_backoff"), "webhook_backoff", problems);
        List<Notifier.Webhook> hooks = new ArrayList<>();
        if (m.get("webhooks") instanceof List<?> l) {
            int i = 0;
            for (Object o : l) {
                i++;
                if (!(o instanceof Map<?, ?> h)) {
                    problems.add("webhooks[" + i + "] must be a mapping with url, format, secret/secret_env, events");
                    continue;
                }
                Object url = h.get("url");
                URI uri = null;
                try {
                    uri = url == null ? null : URI.create(String.valueOf(url));
                } catch (IllegalArgumentException e) {
                    problems.add("webhooks[" + i + "].url is not a URL: " + url);
                }
                if (uri == null || uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                    problems.add("webhooks[" + i + "].url must be an http(s) URL");
                    continue;
                }
                Notifier.Format format = Notifier.Format.SLACK;
                if (h.get("format") != null) {
                    try {
                        format = Notifier.Format.parse(String.valueOf(h.get("format")));
                    } catch (IllegalArgumentException e) {
                        problems.add("webhooks[" + i + "].format must be slack or json");
                    }
                }
                @Nullable String secret = h.get("secret") == null ? null : String.valueOf(h.get("secret"));
                if (h.get("secret_env") != null) {
                    secret = env.get(String.valueOf(h.get("secret_env")));
                    if (secret == null || secret.isBlank()) {
                        problems.add("webhooks[" + i + "].secret_env names " + h.get("secret_env") + ", which is not set");
                    }
                }
                Set<String> events = new LinkedHashSet<>();
                if (h.get("events") instanceof List<?> ev) {
                    ev.forEach(e -> events.add(String.valueOf(e)));
                } else {
                    events.add("*");
                }
                hooks.add(new Notifier.Webhook(uri, format, secret, events));
            }
        } else if (m.get("webhooks") != null) {
            problems.add("webhooks must be a list");
        }
        if (!problems.isEmpty()) {
            throw new WardenException(WardenException.Kind.INVALID_INPUT, f + " is invalid:\n  " + String.join("\n  ", problems));
        }
        return new ServerConfig(body, wait, hooks, attempts, backoff);
    }

    private static long number(Object o, String key, long min, long max, List<String> problems) {
        try {
            long v = Long.parseLong(String.valueOf(o).strip());
            if (v < min || v > max) {
                problems.add(key + " must be between " + min + " and " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            problems.add(key + " must be a number, not '" + o + "'");
            return min;
        }
    }

    private static Duration duration(Object o, String key, List<String> problems) {
        String s = String.valueOf(o).strip();
        java.util.regex.Matcher mt = java.util.regex.Pattern.compile("(\\d{1,7})(ms|s|m|h)?").matcher(s);
        if (!mt.matches()) {
            problems.add(key + " must be a duration like 500ms, 30s, 5m");
            return Duration.ofSeconds(1);
        }
        long n = Long.parseLong(mt.group(1));
        String u = mt.group(2) == null ? "s" : mt.group(2);
        return switch (u) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
