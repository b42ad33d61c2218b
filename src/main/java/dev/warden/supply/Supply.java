package dev.warden.supply;

import dev.warden.call.Finding;
import dev.warden.call.Severity;
import dev.warden.call.WardenException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Review, lock and verify a project's agent supply chain: {@code warden supply lock|review|approve|verify}.
 *
 * <p>Design note: every operation first <em>observes</em> — scans what Claude Code would load for
 * the project, probes its MCP servers, digests its Skills and subagents — then compares the
 * observation with {@code warden.lock}. Observation failures are values (an item whose identity
 * could not be established is {@link Change.Status#UNVERIFIED}, which fails verification), so a
 * broken server never aborts the scan of the others and is never mistaken for a clean one.
 * Probe results are written to the probe cache in WARDEN_HOME for {@link SupplyGuard}.
 */
public final class Supply {

    static final String SHADOWING = "supply.tool-shadowing";

    /** Claude Code's built-in tools: an MCP tool with one of these names competes with them. */
    static final Set<String> BUILT_IN_TOOLS = Set.of("bash", "read", "write", "edit", "multiedit", "glob", "grep",
            "webfetch", "websearch", "task", "agent", "notebookedit", "notebookread", "todowrite", "todoread", "bashoutput",
            "killshell", "killbash", "skill", "slashcommand", "exitplanmode", "ls", "listmcpresourcestool",
            "readmcpresourcetool");

    private final Machine machine;
    private final Path wardenHome;
    private final InstantSource clock;
    private final SupplyEvents events;
    private final Duration probeTimeout;
    private final int parallelism;
    private final Consumer<String> progress;

    /**
     * @param machine      where to look
     * @param wardenHome   WARDEN_HOME (for the probe cache)
     * @param clock        review dates and cache times
     * @param events       where reviews and drift are reported (the audit log, once wired)
     * @param probeTimeout the most one MCP server may take to answer
     * @param progress     progress lines for long operations (may ignore them)
     */
    public Supply(Machine machine, Path wardenHome, InstantSource clock, SupplyEvents events, Duration probeTimeout,
                  Consumer<String> progress) {
        this.machine = machine;
        this.wardenHome = wardenHome;
        this.clock = clock;
        this.events = events;
        this.probeTimeout = probeTimeout;
        this.parallelism = 4;
        this.progress = progress;
    }

    /**
     * The outcome of an operation.
     *
     * @param changes differences from the lock (for {@code lock}: the items that could not be locked)
     * @param locked  entries written (lock, approve)
     */
    public record Report(List<Change> changes, int locked) {
        public Report {
            changes = List.copyOf(changes);
        }

        /** True when something is not what was reviewed (removed items alone do not count). */
        public boolean failed() {
            return changes.stream().anyMatch(Change::blocking);
        }
    }

    /**
     * Probes everything and writes a fresh lock approved by {@code reviewer}: first adoption.
     * Items whose identity cannot be established are left out (and so stay blocked) and reported.
     *
     * @param force replace an existing lock (otherwise an existing lock is a conflict)
     */
    public Report lock(String reviewer, boolean force) {
        requireReviewer(reviewer);
        if (Lock.read(machine.projectDir()).isPresent() && !force) {
            throw new WardenException(WardenException.Kind.CONFLICT, Lock.path(machine.projectDir())
                    + " exists: use `warden supply review` and `approve`, or `lock --force` to re-approve everything");
        }
        Map<String, Observed> seen = observe(null);
        Instant now = clock.instant();
        Lock lock = Lock.empty();
        List<Change> failures = new ArrayList<>();
        for (Observed o : seen.values()) {
            if (o.identity() == null) {
                failures.add(new Change(o.id(), o.kind(), Change.Status.UNVERIFIED, List.of(String.valueOf(o.error())),
                        o.findings()));
            } else {
                lock = lock.with(o.id(), new Lock.Entry(o.kind(), o.scope(), relative(o.location()), o.identity(), reviewer, now));
            }
        }
        lock.write(machine.projectDir());
        events.locked(machine.projectDir(), lock.items().size(), reviewer, now);
        return new Report(failures, lock.items().size());
    }

    /** What is new, changed, removed or unverifiable since the lock, with the risks in new content. */
    public Report review() {
        Lock lock = Lock.read(machine.projectDir()).orElse(Lock.empty());
        return new Report(compare(lock, observe(null), true), 0);
    }

    /** Like {@link #review()}, and reports drift to the events sink; fails when anything is not as reviewed. */
    public Report verify() {
        Lock lock = Lock.read(machine.projectDir()).orElseThrow(() -> new WardenException(WardenException.Kind.NOT_FOUND,
                "no " + Lock.FILE + " in " + machine.projectDir() + ": run `warden supply lock --reviewer NAME` first"));
        List<Change> changes = compare(lock, observe(null), false);
        if (changes.stream().anyMatch(Change::blocking)) {
            events.drift(machine.projectDir(), changes, clock.instant());
        }
        return new Report(changes, 0);
    }

    /**
     * Records {@code reviewer}'s approval of one item as it is now; approving an item that is no
     * longer reachable drops it from the lock.
     *
     * @return the change that was approved
     */
    public Change approve(String item, String reviewer) {
        requireReviewer(reviewer);
        Lock lock = Lock.read(machine.projectDir()).orElse(Lock.empty());
        Map<String, Observed> seen = observe(item);
        Observed o = seen.get(item);
        Instant now = clock.instant();
        if (o == null) {
            if (!lock.items().containsKey(item)) {
                Set<String> known = new TreeSet<>(lock.items().keySet());
                known.addAll(observe("").keySet());
                throw new WardenException(WardenException.Kind.NOT_FOUND, "no item '" + item + "'; known items: "
                        + String.join(", ", known));
            }
            lock.without(item).write(machine.projectDir());
            events.approved(machine.projectDir(), item, reviewer, now, "removed");
            return new Change(item, lock.items().get(item).kind(), Change.Status.REMOVED, List.of("removed from the lock"),
                    List.of());
        }
        if (o.identity() == null) {
            throw new WardenException(WardenException.Kind.UNAVAILABLE, "cannot approve '" + item
                    + "': its current content could not be established: " + o.error());
        }
        Lock.Entry old = lock.items().get(item);
        Lock.Entry entry = new Lock.Entry(o.kind(), o.scope(), relative(o.location()), o.identity(), reviewer, now);
        lock.with(item, entry).write(machine.projectDir());
        events.approved(machine.projectDir(), item, reviewer, now, entry.digest());
        List<String> what = old == null ? List.of("added to the lock") : Identity.diff(old.identity(), o.identity());
        return new Change(item, o.kind(), old == null ? Change.Status.NEW : Change.Status.CHANGED, what, o.findings());
    }

    // ------------------------------------------------------------------ observation

    /**
     * What one reachable item is now.
     *
     * @param identity its content identity, or null when it could not be established
     * @param error    why not, or null
     * @param findings risks in its content
     */
    record Observed(String id, String kind, String scope, String location, @Nullable Map<String, @Nullable Object> identity,
                    @Nullable String error, List<Finding> findings) {}

    /**
     * Observes every lockable item (or only {@code onlyItem}; an empty string observes nothing
     * that needs a probe and returns ids only).
     */
    Map<String, Observed> observe(@Nullable String onlyItem) {
        return observe(onlyItem, null);
    }

    /**
     * As {@link #observe(String)}; with a {@code cacheTtl}, servers probed less than that long ago
     * with the same launch spec are taken from the probe cache instead of being probed again.
     */
    Map<String, Observed> observe(@Nullable String onlyItem, @Nullable Duration cacheTtl) {
        Inventory inv = Inventory.scanClaudeCode(machine);
        Map<String, Observed> out = new TreeMap<>();
        Map<String, List<Finding>> flags = new HashMap<>();
        for (Flag f : inv.flags()) {
            flags.computeIfAbsent(f.item(), k -> new ArrayList<>()).add(f.finding());
        }
        boolean idsOnly = onlyItem != null && onlyItem.isEmpty();
        for (Item i : inv.items()) {
            if (onlyItem != null && !idsOnly && !i.id().equals(onlyItem)) {
                continue;
            }
            List<Finding> fs = flags.getOrDefault(i.id(), List.of());
            switch (i) {
                case Item.Skill s -> out.put(s.id(), idsOnly ? stub(s.id(), "skill") : safely(s.id(), "skill", s.scope(),
                        s.location(), fs, () -> Identity.skill(Path.of(s.location()))));
                case Item.Subagent a -> out.put(a.id(), idsOnly ? stub(a.id(), "agent") : safely(a.id(), "agent", a.scope(),
                        a.location(), fs, () -> Identity.file(Path.of(a.location()))));
                case Item.Plugin p when p.installed() -> out.put(p.id(), new Observed(p.id(), "plugin", p.scope(), p.location(),
                        Identity.plugin(p), null, fs));
                default -> { }
            }
        }
        List<Item.McpServer> servers = inv.claudeServers().stream()
                .filter(s -> onlyItem == null || s.id().equals(onlyItem) || idsOnly)
                .toList();
        if (idsOnly) {
            servers.forEach(s -> out.put(s.id(), stub(s.id(), "mcp")));
            return out;
        }
        Instant now = clock.instant();
        Map<String, ProbeCache.Entry> cached = cacheTtl == null ? Map.of() : ProbeCache.read(wardenHome, machine.projectDir());
        List<Item.McpServer> toProbe = new ArrayList<>();
        for (Item.McpServer s : servers) {
            ProbeCache.Entry c = cached.get(s.name());
            if (c != null && c.identity() != null && cacheTtl != null
                    && c.launchDigest().equals(Json.digestOf(Identity.launch(s, machine)))
                    && c.probedAt().plus(cacheTtl).isAfter(now)) {
                out.put(s.id(), new Observed(s.id(), "mcp", s.scope(), s.location(), c.identity(), null,
                        flags.getOrDefault(s.id(), List.of())));
            } else {
                toProbe.add(s);
            }
        }
        servers = toProbe;
        Map<String, McpProbe.Result> probes = probeAll(servers);
        // tool names of every server, for cross-server checks (shadowing, references)
        Map<String, Set<String>> toolsByServer = new HashMap<>();
        probes.forEach((name, r) -> {
            Set<String> names = new HashSet<>();
            r.tools().forEach(t -> names.add(t.name()));
            toolsByServer.put(name, names);
        });
        Map<String, ProbeCache.Entry> cache = new TreeMap<>();
        for (Item.McpServer s : servers) {
            McpProbe.Result r = probes.get(s.name());
            List<Finding> fs = new ArrayList<>(flags.getOrDefault(s.id(), List.of()));
            String launchDigest = Json.digestOf(Identity.launch(s, machine));
            if (!r.ok()) {
                out.put(s.id(), new Observed(s.id(), "mcp", s.scope(), s.location(), null,
                        "probe failed: " + r.error(), fs));
                cache.put(s.name(), new ProbeCache.Entry(now, launchDigest, null, r.error()));
                continue;
            }
            fs.addAll(toolFindings(s.name(), r.tools(), toolsByServer));
            Map<String, @Nullable Object> identity = Identity.mcp(s, machine, r);
            out.put(s.id(), new Observed(s.id(), "mcp", s.scope(), s.location(), identity, null, fs));
            cache.put(s.name(), new ProbeCache.Entry(now, launchDigest, identity, null));
        }
        ProbeCache.update(wardenHome, machine.projectDir(), cache);
        return out;
    }

    /** Probes servers in parallel (each bounded by the probe timeout). */
    Map<String, McpProbe.Result> probeAll(List<Item.McpServer> servers) {
        Map<String, McpProbe.Result> out = new LinkedHashMap<>();
        if (servers.isEmpty()) {
            return out;
        }
        Semaphore slots = new Semaphore(parallelism);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<String, Future<McpProbe.Result>> futures = new LinkedHashMap<>();
            for (Item.McpServer s : servers) {
                futures.put(s.name(), pool.submit(() -> {
                    slots.acquire();
                    try {
                        progress.accept("probing MCP server '" + s.name() + "'");
                        McpProbe.Result r = McpProbe.probe(s, machine, probeTimeout);
                        progress.accept("  '" + s.name() + "': " + (r.ok() ? r.tools().size() + " tools" : r.error())
                                + " (" + r.millis() + " ms)");
                        return r;
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Map.Entry<String, Future<McpProbe.Result>> e : futures.entrySet()) {
                try {
                    out.put(e.getKey(), e.getValue().get());
                } catch (Exception ex) {
                    out.put(e.getKey(), new McpProbe.Result("probe crashed: " + ex, List.of(), "", "", 0));
                }
            }
        }
        return out;
    }

    /** Poisoning checks over one server's tools, with the other servers' tool names for context. */
    static List<Finding> toolFindings(String server, List<McpProbe.Tool> tools, Map<String, Set<String>> toolsByServer) {
        List<Finding> out = new ArrayList<>();
        Set<String> others = new TreeSet<>();
        toolsByServer.forEach((name, ts) -> {
            if (!name.equals(server)) {
                others.addAll(ts);
            }
        });
        for (McpProbe.Tool t : tools) {
            String where = "tool '" + t.name() + "' of MCP server '" + server + "'";
            out.addAll(TextChecks.scan(t.name() + "\n" + t.description() + "\n" + Json.canonical(t.inputSchema()), where, others));
            if (BUILT_IN_TOOLS.contains(t.name().toLowerCase(Locale.ROOT))) {
                out.add(new Finding(SHADOWING, Severity.HIGH, where + " has the name of Claude Code's built-in tool "
                        + t.name(), where, "rename or drop the tool; the model may call it instead of the built-in"));
            }
            for (Map.Entry<String, Set<String>> e : new TreeMap<>(toolsByServer).entrySet()) {
                if (!e.getKey().equals(server) && e.getValue().contains(t.name())) {
                    out.add(new Finding(SHADOWING, Severity.HIGH, where + " has the same name as a tool of server '"
                            + e.getKey() + "'", where, "keep one of the servers, or make sure both are reviewed"));
                }
            }
        }
        return out;
    }

    /** Compares an observation with the lock. */
    static List<Change> compare(Lock lock, Map<String, Observed> seen, boolean withFindings) {
        List<Change> out = new ArrayList<>();
        Set<String> ids = new TreeSet<>(lock.items().keySet());
        ids.addAll(seen.keySet());
        for (String id : ids) {
            Lock.Entry locked = lock.items().get(id);
            Observed cur = seen.get(id);
            if (locked == null) {
                List<String> what = cur.error() == null ? List.of("not in the lock") : List.of("not in the lock", cur.error());
                out.add(new Change(id, cur.kind(), Change.Status.NEW, what, cur.findings()));
            } else if (cur == null) {
                out.add(new Change(id, locked.kind(), Change.Status.REMOVED, List.of("no longer reachable"), List.of()));
            } else if (cur.identity() == null) {
                out.add(new Change(id, cur.kind(), Change.Status.UNVERIFIED, List.of(String.valueOf(cur.error())),
                        withFindings ? cur.findings() : List.of()));
            } else {
                List<String> diff = Identity.diff(locked.identity(), cur.identity());
                if (!diff.isEmpty()) {
                    out.add(new Change(id, cur.kind(), Change.Status.CHANGED, diff, withFindings ? cur.findings() : List.of()));
                }
            }
        }
        return out;
    }

    private Observed safely(String id, String kind, String scope, String location, List<Finding> fs,
                            java.util.function.Supplier<Map<String, @Nullable Object>> identity) {
        try {
            return new Observed(id, kind, scope, location, identity.get(), null, fs);
        } catch (WardenException e) {
            return new Observed(id, kind, scope, location, null, e.getMessage(), fs);
        }
    }

    private static Observed stub(String id, String kind) {
        return new Observed(id, kind, "", "", null, null, List.of());
    }

    private String relative(String location) {
        try {
            Path p = Path.of(location);
            if (p.isAbsolute() && p.startsWith(machine.projectDir())) {
                return machine.projectDir().relativize(p).toString();
            }
            if (p.isAbsolute() && p.startsWith(machine.home())) {
                return "~/" + machine.home().relativize(p);
            }
        } catch (RuntimeException e) {
            // not a path (e.g. "settings"): keep as is
        }
        return location;
    }

    private static void requireReviewer(String reviewer) {
        if (reviewer == null || reviewer.isBlank()) {
            throw new WardenException(WardenException.Kind.INVALID_INPUT, "a reviewer name is required (--reviewer NAME)");
        }
    }
}
