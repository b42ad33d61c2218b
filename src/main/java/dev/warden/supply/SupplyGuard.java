package dev.warden.supply;

import dev.warden.call.Finding;
import dev.warden.call.Severity;
import dev.warden.call.ToolCall;
import dev.warden.call.WardenException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The supply chain at call time: an {@code mcp__server__tool} call is checked against the
 * project's {@code warden.lock} and the latest probe results.
 *
 * <p>Design note: {@link #check} runs on every tool call, so it never parses configuration,
 * spawns a process or touches the network. Per working directory it keeps an immutable snapshot
 * — the lock's MCP entries by normalised server name, each with its locked tool names and the
 * drift (if any) between the lock and the probe cache — and rebuilds it only when the lock or the
 * cache file changed, looked at no more than once per {@code reloadEvery} (default 1 s). A check
 * is then a map lookup and a set lookup. Probing happens elsewhere: {@link #sessionStart},
 * {@code warden supply verify}, {@code review}, {@code approve}.
 *
 * <p>No {@code warden.lock} in the project or its parents: supply checks are off (no findings).
 * A lock that cannot be read: every MCP call gets a CRITICAL finding (fail closed).
 */
public final class SupplyGuard {

    /** The server is not in the lock. */
    public static final String NOT_ALLOWLISTED = "supply.mcp-not-allowlisted";
    /** The tool is not in the server's locked tool list. */
    public static final String TOOL_NOT_LOCKED = "supply.mcp-tool-not-locked";
    /** The server's launch spec, package or tool list differs from the lock. */
    public static final String DRIFT = "supply.mcp-drift";
    /** The last probe of the server failed, so it could not be verified. */
    public static final String UNVERIFIED = "supply.mcp-unverified";
    /** The lock file is unreadable or malformed. */
    public static final String LOCK_INVALID = "supply.lock-invalid";

    private static final String HINT = "ask a reviewer to run `warden supply review` and approve the change "
            + "(`warden supply approve ITEM --reviewer NAME`)";

    private final Path wardenHome;
    private final @Nullable Path home;
    private final @Nullable Map<String, String> env;
    private final @Nullable List<Path> managedDirs;
    private final InstantSource clock;
    private final LongSupplier nanos;
    private final long reloadNanos;
    private final Duration cacheTtl;
    private final Duration probeTimeout;
    private final SessionCheck.OnDrift onDrift;
    private final SupplyEvents events;
    private final ConcurrentHashMap<String, Snapshot> snapshots = new ConcurrentHashMap<>();

    private SupplyGuard(Builder b) {
        this.wardenHome = b.wardenHome;
        this.home = b.home;
        this.env = b.env;
        this.managedDirs = b.managedDirs;
        this.clock = b.clock;
        this.nanos = b.nanos;
        this.reloadNanos = b.reloadEvery.toNanos();
        this.cacheTtl = b.cacheTtl;
        this.probeTimeout = b.probeTimeout;
        this.onDrift = b.onDrift;
        this.events = b.events;
    }

    /** A guard with defaults: the real home and environment, 1 h probe TTL, 10 s probes, warn on drift. */
    public static SupplyGuard create(Path wardenHome) {
        return builder(wardenHome).build();
    }

    /** A builder for a guard whose state lives in {@code wardenHome}. */
    public static Builder builder(Path wardenHome) {
        return new Builder(wardenHome);
    }

    /**
     * Supply-chain findings for one call: CRITICAL {@value #NOT_ALLOWLISTED}, {@value #TOOL_NOT_LOCKED},
     * {@value #DRIFT}; HIGH {@value #UNVERIFIED}; none for non-MCP tools or when the project has no lock.
     */
    public List<Finding> check(ToolCall call) {
        String tool = call.tool();
        if (!tool.startsWith("mcp__")) {
            return List.of();
        }
        Snapshot s = snapshot(call.cwd());
        if (s.lockFile == null) {
            return List.of();
        }
        if (s.lockError != null) {
            return List.of(new Finding(LOCK_INVALID, Severity.CRITICAL, "the project's warden.lock cannot be used: "
                    + s.lockError, s.lockFile.toString(), "fix or re-create the lock (`warden supply lock --force`)"));
        }
        String server = call.mcpServer().orElse("");
        String name = call.mcpTool().orElse("");
        ServerState st = s.servers.get(server);
        if (st == null) {
            return List.of(new Finding(NOT_ALLOWLISTED, Severity.CRITICAL, "MCP server '" + server
                    + "' has not been reviewed: it is not in warden.lock", tool,
                    "ask a reviewer to run `warden supply review` and approve it (`warden supply approve mcp:"
                            + server + " --reviewer NAME`)"));
        }
        List<Finding> out = new ArrayList<>(2);
        if (st.drift != null) {
            out.add(new Finding(DRIFT, Severity.CRITICAL, "MCP server '" + st.name + "' changed since it was reviewed: "
                    + st.drift, tool, HINT));
        }
        if (!st.tools.contains(name)) {
            out.add(new Finding(TOOL_NOT_LOCKED, Severity.CRITICAL, "tool '" + name + "' of MCP server '" + st.name
                    + "' was not in its reviewed tool list", tool, HINT));
        }
        if (st.unverified != null && out.isEmpty()) {
            out.add(new Finding(UNVERIFIED, Severity.HIGH, "MCP server '" + st.name + "' could not be verified: "
                    + st.unverified, tool, "run `warden supply verify` to see why"));
        }
        return out;
    }

    /**
     * The check at session start: digests the project's Skills and subagents, re-probes MCP
     * servers whose cached probe is older than the TTL (or whose launch spec changed), compares
     * everything with the lock, reports drift to the events sink, and refreshes what
     * {@link #check} sees. Bounded by the probe timeout per server (servers probed in parallel).
     */
    public SessionCheck sessionStart(Path projectDir) {
        Path root = findLockRoot(projectDir.toAbsolutePath().normalize());
        if (root == null) {
            return SessionCheck.off();
        }
        Lock lock;
        try {
            lock = Lock.parse(Lock.path(root));
        } catch (WardenException e) {
            return new SessionCheck(SessionCheck.Status.ERROR, SessionCheck.Action.BLOCK, List.of(),
                    "Warden: the project's warden.lock cannot be used (" + e.getMessage() + "); MCP tools are blocked "
                            + "until it is fixed.");
        }
        Machine m = machineFor(root);
        Supply supply = new Supply(m, wardenHome, clock, events, probeTimeout, x -> { });
        List<Change> changes = Supply.compare(lock, supply.observe(null, cacheTtl), false).stream()
                .filter(Change::blocking).toList();
        snapshots.clear();
        if (changes.isEmpty()) {
            return new SessionCheck(SessionCheck.Status.CLEAN, SessionCheck.Action.NONE, List.of(), "");
        }
        events.drift(root, changes, clock.instant());
        StringBuilder msg = new StringBuilder("Warden supply check: ").append(changes.size())
                .append(changes.size() == 1 ? " item differs" : " items differ").append(" from what was reviewed in warden.lock:");
        for (Change c : changes) {
            msg.append("\n  - ").append(c.item()).append(" [").append(c.status().label()).append("] ")
                    .append(String.join("; ", c.what().subList(0, Math.min(3, c.what().size()))));
            if (c.what().size() > 3) {
                msg.append("; ...");
            }
        }
        msg.append("\nCalls to changed or unreviewed MCP servers are blocked. Ask a reviewer to run "
                + "`warden supply review` and approve the change.");
        return new SessionCheck(SessionCheck.Status.DRIFT,
                onDrift == SessionCheck.OnDrift.BLOCK ? SessionCheck.Action.BLOCK : SessionCheck.Action.WARN,
                changes, msg.toString());
    }

    // ------------------------------------------------------------------ snapshots

    private record ServerState(String name, Set<String> tools, @Nullable String drift, @Nullable String unverified) {}

    private record Snapshot(long checkedAt, @Nullable Path lockFile, @Nullable FileTime lockTime,
                            @Nullable FileTime cacheTime, Map<String, ServerState> servers, @Nullable String lockError) {}

    private Snapshot snapshot(String cwd) {
        Snapshot s = snapshots.get(cwd);
        long now = nanos.getAsLong();
        if (s != null && now - s.checkedAt < reloadNanos) {
            return s;
        }
        Snapshot fresh = load(cwd, now, s);
        snapshots.put(cwd, fresh);
        return fresh;
    }

    private Snapshot load(String cwd, long now, @Nullable Snapshot previous) {
        Path root = findLockRoot(Path.of(cwd).toAbsolutePath().normalize());
        if (root == null) {
            return new Snapshot(now, null, null, null, Map.of(), null);
        }
        Path lockFile = Lock.path(root);
        Path cacheFile = ProbeCache.file(wardenHome, root);
        FileTime lockTime = mtime(lockFile);
        FileTime cacheTime = mtime(cacheFile);
        if (previous != null && lockFile.equals(previous.lockFile) && Objects.equals(lockTime, previous.lockTime)
                && Objects.equals(cacheTime, previous.cacheTime)) {
            return new Snapshot(now, lockFile, lockTime, cacheTime, previous.servers, previous.lockError);
        }
        Lock lock;
        try {
            lock = Lock.parse(lockFile);
        } catch (WardenException e) {
            return new Snapshot(now, lockFile, lockTime, cacheTime, Map.of(), e.getMessage());
        }
        Map<String, ProbeCache.Entry> cache = ProbeCache.read(wardenHome, root);
        Map<String, ServerState> servers = new HashMap<>();
        for (Map.Entry<String, Lock.Entry> e : lock.items().entrySet()) {
            if (!e.getValue().kind().equals("mcp") || !e.getKey().startsWith("mcp:")) {
                continue;
            }
            String name = e.getKey().substring(4);
            Lock.Entry entry = e.getValue();
            Set<String> tools = new HashSet<>();
            if (entry.identity().get("tools") instanceof Map<?, ?> t) {
                t.keySet().forEach(k -> tools.add(normalise(String.valueOf(k))));
            }
            String drift = null;
            String unverified = null;
            ProbeCache.Entry seen = cache.get(name);
            if (seen != null && seen.identity() != null) {
                List<String> diff = Identity.diff(entry.identity(), seen.identity());
                if (!diff.isEmpty()) {
                    drift = String.join("; ", diff.subList(0, Math.min(5, diff.size()))) + (diff.size() > 5 ? "; ..." : "");
                }
            } else if (seen != null) {
                unverified = seen.error();
            }
            servers.put(normalise(name), new ServerState(name, Set.copyOf(tools), drift, unverified));
        }
        return new Snapshot(now, lockFile, lockTime, cacheTime, Map.copyOf(servers), null);
    }

    /** Claude Code's tool-name normalisation: anything but letters, digits, {@code _} and {@code -} becomes {@code _}. */
    static String normalise(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            sb.append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ? c : '_');
        }
        return sb.toString();
    }

    private static @Nullable Path findLockRoot(Path dir) {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(Lock.path(p))) {
                return p;
            }
        }
        return null;
    }

    private static @Nullable FileTime mtime(Path f) {
        try {
            return Files.getLastModifiedTime(f);
        } catch (IOException e) {
            return null;
        }
    }

    private Machine machineFor(Path root) {
        Machine cur = Machine.current(root);
        return new Machine(root, home == null ? cur.home() : home, env == null ? cur.env() : env,
                managedDirs == null ? cur.managedDirs() : managedDirs);
    }

    /** Settings for a {@link SupplyGuard}; every one has a default. */
    public static final class Builder {
        private final Path wardenHome;
        private @Nullable Path home;
        private @Nullable Map<String, String> env;
        private @Nullable List<Path> managedDirs;
        private InstantSource clock = InstantSource.system();
        private LongSupplier nanos = System::nanoTime;
        private Duration reloadEvery = Duration.ofSeconds(1);
        private Duration cacheTtl = Duration.ofHours(1);
        private Duration probeTimeout = Duration.ofSeconds(10);
        private SessionCheck.OnDrift onDrift = SessionCheck.OnDrift.WARN;
        private SupplyEvents events = SupplyEvents.NONE;

        private Builder(Path wardenHome) {
            this.wardenHome = wardenHome;
        }

        /** The user's home folder for session-start scans (default: the real one). */
        public Builder home(Path h) { this.home = h; return this; }

        /** The environment MCP servers are expanded against (default: this process's). */
        public Builder env(Map<String, String> e) { this.env = Map.copyOf(e); return this; }

        /** Managed-settings folders (default: the platform's). */
        public Builder managedDirs(List<Path> d) { this.managedDirs = List.copyOf(d); return this; }

        /** Clock for cache ages and event times. */
        public Builder clock(InstantSource c) { this.clock = c; return this; }

        /** Nano ticker deciding when to look at the lock and cache files again. */
        public Builder nanos(LongSupplier n) { this.nanos = n; return this; }

        /** How often {@link #check} looks whether the lock or cache changed (default 1 s). */
        public Builder reloadEvery(Duration d) { this.reloadEvery = d; return this; }

        /** How old a probe may be before session start probes the server again (default 1 h). */
        public Builder cacheTtl(Duration d) { this.cacheTtl = d; return this; }

        /** The most one server may take to answer a session-start probe (default 10 s). */
        public Builder probeTimeout(Duration d) { this.probeTimeout = d; return this; }

        /** Warn (default) or block when session start finds drift. */
        public Builder onDrift(SessionCheck.OnDrift o) { this.onDrift = o; return this; }

        /** Where drift is reported (default: nowhere). */
        public Builder events(SupplyEvents e) { this.events = e; return this; }

        public SupplyGuard build() {
            return new SupplyGuard(this);
        }
    }
}
