package dev.warden.cli;

import dev.warden.call.WardenException;
import dev.warden.client.Wire;
import dev.warden.harness.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code --server URL --token T} (or {@code WARDEN_SERVER} / {@code WARDEN_TOKEN}) and the calls
 * CLI commands make to a running server. Failures map to exit codes through WardenException:
 * unreachable 69, 401/403 77, 404/409 1, other 4xx 65.
 */
final class ServerOptions {

    @Option(names = "--server", paramLabel = "URL", description = "The Warden server (default: $WARDEN_SERVER)")
    @Nullable String server;

    @Option(names = "--token", paramLabel = "TOKEN", description = "An approver or admin token (default: $WARDEN_TOKEN)")
    @Nullable String token;

    @Nullable String serverOrEnv() {
        String s = server != null ? server : Wiring.env().get("WARDEN_SERVER");
        return s == null || s.isBlank() ? null : s.strip();
    }

    URI url() {
        String s = serverOrEnv();
        if (s == null) {
            throw new WardenException(WardenException.Kind.INVALID_INPUT, "no server: pass --server URL or set WARDEN_SERVER");
        }
        try {
            URI u = URI.create(s);
            if (u.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new WardenException(WardenException.Kind.INVALID_INPUT, "--server is not a URL: " + s);
        }
    }

    String tokenOrEnv() {
        String t = token != null ? token : Wiring.env().get("WARDEN_TOKEN");
        if (t == null || t.isBlank()) {
            throw new WardenException(WardenException.Kind.FORBIDDEN, "no token: pass --token T or set WARDEN_TOKEN (warden token create --role approver ...)");
        }
        return t.strip();
    }

    /** Calls the server; returns the JSON answer of a 2xx, throws WardenException otherwise. */
    JsonNode call(String method, String path, @Nullable Map<String, ?> body) {
        URI base = url();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + tokenOrEnv());
        byte[] b = null;
        if (body != null) {
            headers.put("Content-Type", "application/json");
            b = Json.MAPPER.writeValueAsBytes(body);
        }
        Wire.Response r;
        try {
            r = Wire.send(base, method, path, headers, b, 5000, 60_000);
        } catch (IOException e) {
            throw new WardenException(WardenException.Kind.UNAVAILABLE, "cannot reach the Warden server at " + base + ": " + e.getMessage());
        }
        JsonNode j;
        try {
            j = r.body().length == 0 ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(r.body());
        } catch (RuntimeException e) {
            throw new WardenException(WardenException.Kind.UNAVAILABLE, "the server at " + base + " answered HTTP " + r.status()
                    + " with something that is not JSON: " + abbreviate(new String(r.body(), StandardCharsets.UTF_8)));
        }
        if (r.status() / 100 == 2) {
            return j;
        }
        String msg = j.path("message").asString("HTTP " + r.status());
        WardenException.Kind kind = switch (r.status()) {
            case 401, 403 -> WardenException.Kind.FORBIDDEN;
            case 404 -> WardenException.Kind.NOT_FOUND;
            case 409 -> WardenException.Kind.CONFLICT;
            case 503 -> WardenException.Kind.UNAVAILABLE;
            default -> r.status() >= 500 ? WardenException.Kind.INTERNAL : WardenException.Kind.INVALID_INPUT;
        };
        throw new WardenException(kind, msg + " (HTTP " + r.status() + ")");
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
