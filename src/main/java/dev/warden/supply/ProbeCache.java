package dev.warden.supply;

import dev.warden.call.WardenException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What the last probes saw, per project, in {@code WARDEN_HOME/supply/<project-key>.json}. Written
 * by every probe (lock, review, verify, approve, session start); read by {@link SupplyGuard} so the
 * call-time check never talks to a server itself.
 */
final class ProbeCache {

    /**
     * One server as last probed.
     *
     * @param probedAt     when
     * @param launchDigest digest of the launch spec it was probed with
     * @param identity     its identity (launch, package, tools) or null when the probe failed
     * @param error        why the probe failed, or null
     */
    record Entry(Instant probedAt, String launchDigest, @Nullable Map<String, @Nullable Object> identity,
                 @Nullable String error) {}

    private ProbeCache() {}

    /** The cache file for a project. */
    static Path file(Path wardenHome, Path projectDir) {
        String key = Json.sha256(projectDir.toAbsolutePath().normalize().toString()).substring(7, 23);
        return wardenHome.resolve("supply").resolve(key + ".json");
    }

    /** The cached servers of a project; empty when there is no cache or it cannot be read. */
    static Map<String, Entry> read(Path wardenHome, Path projectDir) {
        Path f = file(wardenHome, projectDir);
        Map<String, Entry> out = new TreeMap<>();
        if (!Files.isRegularFile(f)) {
            return out;
        }
        try {
            JsonNode root = Json.read(f);
            for (Map.Entry<String, JsonNode> e : root.path("servers").properties()) {
                JsonNode n = e.getValue();
                @SuppressWarnings("unchecked")
                Map<String, @Nullable Object> identity = n.path("identity").isObject()
                        ? (Map<String, @Nullable Object>) Json.plain(n.path("identity")) : null;
                out.put(e.getKey(), new Entry(Instant.parse(n.path("probedAt").asString()), n.path("launch").asString(""),
                        identity, n.path("error").isString() ? n.path("error").asString() : null));
            }
        } catch (RuntimeException e) {
            // a damaged cache is no cache: the guard then reports drift only from fresh probes
            return new TreeMap<>();
        }
        return out;
    }

    /** Merges fresh entries into the project's cache. */
    static synchronized void update(Path wardenHome, Path projectDir, Map<String, Entry> fresh) {
        if (fresh.isEmpty()) {
            return;
        }
        Map<String, Entry> all = read(wardenHome, projectDir);
        all.putAll(fresh);
        Map<String, @Nullable Object> servers = new TreeMap<>();
        for (Map.Entry<String, Entry> e : all.entrySet()) {
            Map<String, @Nullable Object> m = new TreeMap<>();
            m.put("probedAt", e.getValue().probedAt().toString());
            m.put("launch", e.getValue().launchDigest());
            m.put("identity", e.getValue().identity());
            m.put("error", e.getValue().error());
            servers.put(e.getKey(), m);
        }
        Map<String, @Nullable Object> root = new TreeMap<>();
        root.put("project", projectDir.toAbsolutePath().normalize().toString());
        root.put("servers", servers);
        Path f = file(wardenHome, projectDir);
        try {
            Files.createDirectories(f.getParent());
            Path tmp = Files.createTempFile(f.getParent(), "probe", ".tmp");
            Files.writeString(tmp, Json.PRETTY.writeValueAsString(root), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new WardenException(WardenException.Kind.UNAVAILABLE, "cannot write probe cache " + f + ": " + e.getMessage(), e);
        }
    }
}
