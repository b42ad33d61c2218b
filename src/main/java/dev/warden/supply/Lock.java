package dev.warden.supply;

import dev.warden.call.WardenException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code warden.lock}: the reviewed supply chain of one project, committed at its root. Each entry
 * pins one item by content identity (see docs/supply-chain.md for the format) and says who
 * reviewed it and when.
 *
 * @param items entries by item id ({@code mcp:github}, {@code skill:project/deploy}, ...), sorted
 */
public record Lock(SortedMap<String, Entry> items) {

    /** The lock file's name at the project root. */
    public static final String FILE = "warden.lock";
    /** Format version written and understood. */
    public static final int VERSION = 1;

    public Lock {
        items = new TreeMap<>(items);
    }

    /** An empty lock. */
    public static Lock empty() {
        return new Lock(new TreeMap<>());
    }

    /**
     * One approved item.
     *
     * @param kind       {@code mcp}, {@code skill}, {@code agent} or {@code plugin}
     * @param scope      where it was configured when approved
     * @param location   its file or folder, relative to the project or {@code ~} when possible
     * @param identity   what must stay the same (launch spec, package, tool digests, file digests, commit)
     * @param reviewer   who approved it
     * @param reviewedAt when
     */
    public record Entry(String kind, String scope, String location, Map<String, @Nullable Object> identity,
                        String reviewer, Instant reviewedAt) {
        public Entry {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reviewer, "reviewer");
            identity = java.util.Collections.unmodifiableMap(new TreeMap<>(identity));
        }

        /** The digest of the whole identity: two entries with the same digest pin the same content. */
        public String digest() {
            return Json.digestOf(identity);
        }
    }

    /** The lock with one entry added or replaced. */
    public Lock with(String id, Entry e) {
        TreeMap<String, Entry> m = new TreeMap<>(items);
        m.put(id, e);
        return new Lock(m);
    }

    /** The lock without one entry. */
    public Lock without(String id) {
        TreeMap<String, Entry> m = new TreeMap<>(items);
        m.remove(id);
        return new Lock(m);
    }

    /** The lock file of a project. */
    public static Path path(Path projectDir) {
        return projectDir.resolve(FILE);
    }

    /** Reads a project's lock; empty when the project has none. */
    public static Optional<Lock> read(Path projectDir) {
        Path f = path(projectDir);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        return Optional.of(parse(f));
    }

    /** Parses a lock file; a malformed one is an error, never an empty lock (fail closed). */
    static Lock parse(Path f) {
        JsonNode root;
        try {
            root = Json.read(f);
        } catch (WardenException e) {
            throw new WardenException(WardenException.Kind.INTEGRITY, "lock file " + e.getMessage());
        }
        if (!root.isObject() || !root.path("items").isObject()) {
            throw new WardenException(WardenException.Kind.INTEGRITY, f + ": not a warden lock (no 'items' object)");
        }
        int version = root.path("version").asInt(0);
        if (version != VERSION) {
            throw new WardenException(WardenException.Kind.INTEGRITY, f + ": unsupported lock version " + version
                    + " (this Warden reads version " + VERSION + ")");
        }
        TreeMap<String, Entry> items = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : root.path("items").properties()) {
            JsonNode n = e.getValue();
            String kind = Json.text(n, "kind");
            String reviewer = Json.text(n, "reviewer");
            String at = Json.text(n, "reviewedAt");
            if (kind == null || reviewer == null || at == null || !n.path("identity").isObject()) {
                throw new WardenException(WardenException.Kind.INTEGRITY, f + ": entry '" + e.getKey()
                        + "' needs kind, identity, reviewer and reviewedAt");
            }
            Instant when;
            try {
                when = Instant.parse(at);
            } catch (DateTimeParseException ex) {
                throw new WardenException(WardenException.Kind.INTEGRITY, f + ": entry '" + e.getKey()
                        + "' has a bad reviewedAt '" + at + "'");
            }
            @SuppressWarnings("unchecked")
            Map<String, @Nullable Object> identity = (Map<String, @Nullable Object>) Json.plain(n.path("identity"));
            items.put(e.getKey(), new Entry(kind, n.path("scope").asString(""), n.path("location").asString(""),
                    Objects.requireNonNull(identity), reviewer, when));
        }
        return new Lock(items);
    }

    /** The lock as JSON, keys sorted, two-space indented, newline-terminated: stable diffs in review. */
    public String toJson() {
        Map<String, @Nullable Object> root = Json.ordered();
        root.put("version", VERSION);
        root.put("about", "Reviewed MCP servers, Skills, subagents and plugins, pinned by content. "
                + "Managed by `warden supply`; see docs/supply-chain.md.");
        Map<String, @Nullable Object> out = new TreeMap<>();
        for (Map.Entry<String, Entry> e : items.entrySet()) {
            Entry x = e.getValue();
            Map<String, @Nullable Object> m = Json.ordered();
            m.put("kind", x.kind());
            m.put("scope", x.scope());
            m.put("location", x.location());
            m.put("reviewer", x.reviewer());
            m.put("reviewedAt", x.reviewedAt().toString());
            m.put("identity", x.identity());
            out.put(e.getKey(), m);
        }
        root.put("items", out);
        return Json.PRETTY.writeValueAsString(root) + "\n";
    }

    /** Writes the lock atomically (temp file, then rename), so a reader never sees half a lock. */
    public void write(Path projectDir) {
        Path f = path(projectDir);
        Path tmp = f.resolveSibling(FILE + ".tmp");
        try {
            Files.writeString(tmp, toJson(), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new WardenException(WardenException.Kind.UNAVAILABLE, "cannot write " + f + ": " + e.getMessage(), e);
        }
    }
}
