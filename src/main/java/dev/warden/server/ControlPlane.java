package dev.warden.server;

import dev.warden.approval.ApprovalGate;
import dev.warden.approval.ApprovalRequest;
import dev.warden.approval.Notifier;
import dev.warden.approval.Principal;
import dev.warden.audit.AuditEntry;
import dev.warden.audit.AuditEvents;
import dev.warden.call.Decision;
import dev.warden.call.Effect;
import dev.warden.call.Finding;
import dev.warden.call.Reason;
import dev.warden.call.ToolCall;
import dev.warden.engine.Engine;
import dev.warden.engine.Freeze;
import dev.warden.engine.Verdict;
import dev.warden.policy.Approval;
import dev.warden.policy.Limits;
import dev.warden.policy.Policy;
import dev.warden.policy.Rule;
import dev.warden.store.StateDb;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The server's decision path around {@link Engine#decide}: quarantine and rate limits before it,
 * denial thresholds and approval gates after it.
 *
 * <p>Design note. The hot path touches no database: quarantines are mirrored in memory (this
 * process is their only writer while it runs), rate limits are token buckets and denial
 * thresholds sliding windows, all in memory; session counters are flushed to the state database
 * every two seconds. Only a new session (one insert) and an approval request write there on the
 * request's thread. Everything that changes state — a quarantine, a release, a freeze — is
 * recorded in the audit log and sent to the webhooks.
 */
public final class ControlPlane implements AutoCloseable {

    /** Rule ids of the control plane's own denials. */
    public static final String QUARANTINE_RULE = "warden.quarantine";
    public static final String RATE_RULE = "warden.rate-limit";
    public static final String APPROVAL_RULE = "warden.approval";

    /**
     * What the control plane answered.
     *
     * @param verdict   the final verdict (approval outcomes replace the engine's approve)
     * @param answer    {@code allow|deny|ask|defer}, or {@code none} in monitor mode
     * @param reason    the text for the agent
     * @param approval  the approval request involved, or null
     */
    public record Result(Verdict verdict, String answer, String reason, @Nullable ApprovalRequest approval) {}

    private static final class Live {
        final String user;
        final @Nullable String team;
        final AtomicLong calls = new AtomicLong();
        final AtomicLong denials = new AtomicLong();
        final AtomicLong flushedCalls = new AtomicLong();
        final AtomicLong flushedDenials = new AtomicLong();
        volatile long lastMs;

        Live(String user, @Nullable String team) {
            this.user = user;
            this.team = team;
        }
    }

    /** A token bucket: capacity = limit per minute, refilled continuously. */
    private static final class Bucket {
        double tokens;
        long last;

        synchronized boolean take(int perMinute, long nowNanos) {
            if (last == 0) {
                tokens = perMinute;
                last = nowNanos;
            }
            tokens = Math.min(perMinute, tokens + (nowNanos - last) * perMinute / 60e9);
            last = nowNanos;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }

    private final Engine engine;
    private final StateDb db;
    private final ApprovalGate gate;
    private final Notifier notifier;
    private final Metrics metrics;
    private final InstantSource clock;
    private final Duration maxWait;
    private final ConcurrentHashMap<String, Live> sessions = new ConcurrentHashMap<>();
    private final Set<String> quarantined = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, StateDb.QuarantineRecord> quarantineInfo = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ArrayDeque<Long>> denialWindows = new ConcurrentHashMap<>();
    private final Thread flusher;
    private volatile boolean closed;

    public ControlPlane(Engine engine, StateDb db, ApprovalGate gate, Notifier notifier, Metrics metrics, InstantSource clock,
            Duration maxWait) {
        this.engine = engine;
        this.db = db;
        this.gate = gate;
        this.notifier = notifier;
        this.metrics = metrics;
        this.clock = clock;
        this.maxWait = maxWait;
        for (StateDb.QuarantineRecord q : db.quarantines()) {
            quarantined.add(q.scope());
            quarantineInfo.put(q.scope(), q);
        }
        this.flusher = Thread.ofVirtual().name("warden-session-flush").start(this::flushLoop);
    }

    public ApprovalGate approvals() {
        return gate;
    }

    public Engine engine() {
        return engine;
    }

    /**
     * Decides one call for an agent. Never throws for the call's content; a failure of the
     * control plane's own state becomes a deny.
     *
     * @param agent  the agent's principal (its human is the requester of any approval)
     * @param wait   how long the caller can wait for an approval (capped by the server's max)
     * @param defer  answer {@code defer} instead of deny when an approval is still pending
     * @param transport for metrics: {@code hook}, {@code api}
     */
    public Result decide(ToolCall call, Principal agent, Duration wait, boolean defer, String transport) {
        long start = System.nanoTime();
        Result r;
        try {
            r = decideUnchecked(call, agent, wait.compareTo(maxWait) > 0 ? maxWait : wait, defer);
        } catch (RuntimeException e) {
            Verdict v = engine.refuse(call, "warden.control-plane-failed", "Warden's control plane failed while deciding: " + e.getMessage(),
                    "ask the user to check `warden serve`'s health");
            r = new Result(v, "deny", dev.warden.harness.claude.ClaudeHook.reasonText(v), null);
        }
        Decision d = r.verdict().decision();
        List<String> rules = d.rules();
        metrics.decision(transport, r.answer(), rules.isEmpty() ? "none" : rules.get(0), d.profile(), System.nanoTime() - start);
        return r;
    }

    private Result decideUnchecked(ToolCall call, Principal agent, Duration wait, boolean defer) {
        Live live = session(call, agent);
        long nowMs = clock.millis();
        live.lastMs = nowMs;
        live.calls.incrementAndGet();

        String sessionScope = "session:" + call.sessionId();
        String agentScope = "agent:" + call.sessionId() + "/" + (call.agentId() == null ? "main" : call.agentId());
        for (String scope : List.of(sessionScope, agentScope)) {
            if (quarantined.contains(scope)) {
                StateDb.QuarantineRecord q = quarantineInfo.get(scope);
                Verdict v = engine.refuse(call, QUARANTINE_RULE, (scope.startsWith("session:") ? "this session" : "this agent")
                        + " is quarantined" + (q == null ? "" : " since " + q.since() + ": " + q.reason())
                        + "; every call is denied until a human releases it",
                        "stop and tell the user; a human must run `warden sessions release " + call.sessionId() + "`");
                return counted(live, call, new Result(v, "deny", dev.warden.harness.claude.ClaudeHook.reasonText(v), null));
            }
        }
        Policy policy = null;
        try {
            policy = engine.policyAt(call.cwd());
        } catch (RuntimeException e) {
            // the engine denies with the policy's problems
        }
        if (policy != null) {
            Limits limits = policy.settings().limits();
            String over = null;
            long now = System.nanoTime();
            if (limits.sessionRate() > 0 && !bucket("s:" + call.sessionId()).take(limits.sessionRate(), now)) {
                over = "this session made more than " + limits.sessionRate() + " calls in a minute (settings.limits.rate.session)";
            } else if (limits.agentRate() > 0 && !bucket("a:" + agentScope).take(limits.agentRate(), now)) {
                over = "this agent made more than " + limits.agentRate() + " calls in a minute (settings.limits.rate.agent)";
            } else if (limits.profileRate() > 0) {
                String profile = engine.profileOf(call);
                if (!bucket("p:" + profile).take(limits.profileRate(), now)) {
                    over = "agents under profile '" + profile + "' made more than " + limits.profileRate()
                            + " calls in a minute (settings.limits.rate.profile)";
                }
            }
            if (over != null) {
                Verdict v = engine.refuse(call, RATE_RULE, "rate limit: " + over, "slow down: wait a minute before the next call, and batch work into fewer calls");
                return counted(live, call, new Result(v, "deny", dev.warden.harness.claude.ClaudeHook.reasonText(v), null));
            }
        }

        Verdict v = engine.decide(call);
        if (!v.enforced()) {
            return counted(live, call, new Result(v, "none", dev.warden.harness.claude.ClaudeHook.reasonText(v), null));
        }
        Decision d = v.decision();
        if (d.effect() != Effect.APPROVE) {
            String answer = switch (d.effect()) {
                case ALLOW, LOG -> "allow";
                case DENY -> "deny";
                default -> "ask";
            };
            return counted(live, call, new Result(v, answer, dev.warden.harness.claude.ClaudeHook.reasonText(v), null));
        }
        Approval approval = gateFor(policy, d);
        List<String> reasons = d.reasons().stream().filter(r -> r.effect() == Effect.APPROVE).map(Reason::explain).toList();
        List<String> findings = new ArrayList<>();
        for (Finding f : v.analysis().findings()) {
            findings.add(f.id() + " " + f.severity().label() + ": " + f.message() + (f.evidence().isEmpty() ? "" : " (" + f.evidence() + ")"));
        }
        ApprovalGate.Outcome o = gate.gate(call, d.profile(), d.rules(), reasons, findings, approval, agent, wait, defer);
        metrics.event("approval_outcomes", o.kind().name().toLowerCase(java.util.Locale.ROOT));
        return switch (o.kind()) {
            case ALLOW -> {
                Decision allow = new Decision.Allow(d.profile(), List.of(new Reason(APPROVAL_RULE, Effect.ALLOW, o.message(), "", "")));
                Verdict fin = new Verdict(call, v.analysis(), allow, v.mode(), v.policyHash(), v.nanos(), v.project(), v.auditIndex());
                yield counted(live, call, new Result(fin, "allow", dev.warden.harness.claude.ClaudeHook.reasonText(fin), o.request()));
            }
            case DENY, PENDING -> {
                Decision deny = new Decision.Deny(d.profile(), List.of(new Reason(APPROVAL_RULE, Effect.DENY, o.message(), "",
                        "")));
                Verdict fin = new Verdict(call, v.analysis(), deny, v.mode(), v.policyHash(), v.nanos(), v.project(), v.auditIndex());
                String text = dev.warden.harness.claude.ClaudeHook.reasonText(fin);
                yield counted(live, call, new Result(fin, o.kind() == ApprovalGate.Kind.PENDING ? "defer" : "deny", text, o.request()));
            }
        };
    }

    /** The approval settings for an approve decision: the strictest of its rules' own, else settings.approval. */
    static Approval gateFor(@Nullable Policy policy, Decision d) {
        if (policy == null) {
            return Approval.DEFAULT;
        }
        Approval found = null;
        for (String id : d.rules()) {
            for (Rule r : policy.rules()) {
                if (r.id().equals(id) && r.approval() != null) {
                    found = found == null ? r.approval() : found.strictest(r.approval());
                }
            }
        }
        return found != null ? found : policy.settings().approval();
    }

    private Bucket bucket(String key) {
        if (buckets.size() > 100_000) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(key, k -> new Bucket());
    }

    private Live session(ToolCall call, Principal agent) {
        Live l = sessions.get(call.sessionId());
        if (l != null) {
            return l;
        }
        return sessions.computeIfAbsent(call.sessionId(), id -> {
            StateDb.SessionRecord s = db.touchSession(id, agent.name(), agent.team(), call.cwd(), clock.instant());
            return new Live(s.user(), s.team());
        });
    }

    /** Counts a denial and fires thresholds; returns the result unchanged. */
    private Result counted(Live live, ToolCall call, Result r) {
        if (!r.answer().equals("deny")) {
            return r;
        }
        live.denials.incrementAndGet();
        String rule = r.verdict().decision().rules().isEmpty() ? "" : r.verdict().decision().rules().get(0);
        if (rule.equals(QUARANTINE_RULE) || rule.equals(Engine.FREEZE_RULE)) {
            return r; // denials the control plane itself imposes do not feed the thresholds
        }
        try {
            Policy policy = engine.policyAt(call.cwd());
            Limits limits = policy.settings().limits();
            String agent = call.agentId() == null ? "main" : call.agentId();
            threshold("session:" + call.sessionId(), call.sessionId(), limits.sessionDenials(), "session " + call.sessionId());
            threshold("agent:" + call.sessionId() + "/" + agent, call.sessionId(), limits.agentDenials(),
                    "agent " + (call.agentType() == null ? "main" : call.agentType() + " (" + agent + ")") + " in session " + call.sessionId());
        } catch (RuntimeException e) {
            // a broken policy is already a deny; thresholds resume when it compiles
        }
        return r;
    }

    private void threshold(String scope, String session, Limits.Threshold t, String who) {
        if (!t.enabled()) {
            return;
        }
        long now = clock.millis();
        ArrayDeque<Long> w = denialWindows.computeIfAbsent(scope, k -> new ArrayDeque<>());
        boolean fire;
        synchronized (w) {
            w.addLast(now);
            while (!w.isEmpty() && w.peekFirst() <= now - t.window().toMillis()) {
                w.pollFirst();
            }
            fire = w.size() >= t.count();
            if (fire) {
                w.clear();
            }
        }
        if (!fire) {
            return;
        }
        String msg = who + " had " + t.count() + " denials within " + t.window().toSeconds() + " s";
        metrics.event("alerts", t.quarantine() ? "quarantine" : "alert");
        Map<String, @Nullable Object> data = new LinkedHashMap<>();
        data.put("scope", scope);
        data.put("session", session);
        data.put("message", msg);
        data.put("quarantined", t.quarantine());
        recordQuietly(new AuditEntry("alert", clock.instant(), session, null, null, null, data));
        notifier.publish(new Notifier.Event("alert", clock.instant(), "Denial spike: " + msg
                + (t.quarantine() ? "; quarantined until a human releases it" : ""), data));
        if (t.quarantine()) {
            quarantine(scope, session, "automatic: " + msg, "warden");
        }
    }

    /** Quarantines a session ({@code session:ID}) or an agent ({@code agent:SESSION/AGENT}). */
    public boolean quarantine(String scope, String session, String reason, String by) {
        Instant now = clock.instant();
        boolean added = db.quarantine(scope, session, reason, by, now);
        quarantined.add(scope);
        quarantineInfo.put(scope, new StateDb.QuarantineRecord(scope, session, reason, now, by));
        if (added) {
            recordQuietly(AuditEvents.control(AuditEvents.QUARANTINE, scope, true, reason, by, now));
            Map<String, @Nullable Object> data = new LinkedHashMap<>();
            data.put("scope", scope);
            data.put("session", session);
            data.put("reason", reason);
            data.put("by", by);
            notifier.publish(new Notifier.Event("quarantine", now, "Quarantined " + scope + ": " + reason, data));
        }
        return added;
    }

    /** Releases every quarantine in a session; returns the scopes released (empty: nothing was quarantined). */
    public List<String> release(String session, Principal by, String reason) {
        Instant now = clock.instant();
        List<String> scopes = db.release(session, by.name(), now);
        for (String s : scopes) {
            quarantined.remove(s);
            quarantineInfo.remove(s);
            denialWindows.remove(s);
            recordQuietly(AuditEvents.control(AuditEvents.QUARANTINE, s, false, reason, by.name(), now));
        }
        return scopes;
    }

    /** Active quarantines. */
    public List<StateDb.QuarantineRecord> quarantines() {
        return List.copyOf(quarantineInfo.values());
    }

    /** Freezes every agent (the marker in WARDEN_HOME); recorded and notified. */
    public void freeze(String reason, String by) {
        Instant now = clock.instant();
        Freeze.set(engine.config().wardenHome(), new Freeze.State(by, now, reason));
        recordQuietly(AuditEvents.control(AuditEvents.FREEZE, "all", true, reason, by, now));
        Map<String, @Nullable Object> data = new LinkedHashMap<>();
        data.put("reason", reason);
        data.put("by", by);
        notifier.publish(new Notifier.Event("freeze", now, "All agents frozen by " + by + ": " + reason, data));
    }

    /** Lifts a freeze; false when there was none. */
    public boolean unfreeze(String reason, String by) {
        Instant now = clock.instant();
        boolean was = Freeze.clear(engine.config().wardenHome());
        if (was) {
            recordQuietly(AuditEvents.control(AuditEvents.FREEZE, "all", false, reason, by, now));
            Map<String, @Nullable Object> data = new LinkedHashMap<>();
            data.put("reason", reason);
            data.put("by", by);
            notifier.publish(new Notifier.Event("unfreeze", now, "Agents unfrozen by " + by, data));
        }
        return was;
    }

    public Optional<Freeze.State> frozen() {
        return Freeze.read(engine.config().wardenHome());
    }

    /** Sessions with a call in the last ten minutes. */
    public long activeSessions() {
        long since = clock.millis() - 600_000;
        return sessions.values().stream().filter(l -> l.lastMs >= since).count();
    }

    /** The session's owner as seen in this process (or the database). */
    public Optional<StateDb.SessionRecord> session(String id) {
        flush();
        return db.session(id);
    }

    public List<StateDb.SessionRecord> sessions(Instant since, @Nullable String team, int limit) {
        flush();
        return db.sessions(since, team, limit);
    }

    private void flushLoop() {
        while (!closed) {
            try {
                Thread.sleep(2000);
                flush();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // retried on the next round
            }
        }
    }

    /** Writes session counters to the state database. */
    public synchronized void flush() {
        Map<String, long[]> batch = new HashMap<>();
        for (Map.Entry<String, Live> e : sessions.entrySet()) {
            Live l = e.getValue();
            long c = l.calls.get();
            long d = l.denials.get();
            long dc = c - l.flushedCalls.get();
            long dd = d - l.flushedDenials.get();
            if (dc != 0 || dd != 0) {
                batch.put(e.getKey(), new long[] {dc, dd, l.lastMs});
                l.flushedCalls.set(c);
                l.flushedDenials.set(d);
            }
        }
        db.addCounts(batch);
    }

    private void recordQuietly(AuditEntry e) {
        try {
            engine.record(e);
        } catch (RuntimeException ex) {
            // state is already changed and durable in state.db; verify shows the gap
        }
    }

    /** Records an entry; throws when it cannot (callers that must fail closed). */
    public void record(AuditEntry e) {
        engine.record(e);
    }

    @Override
    public void close() {
        closed = true;
        flusher.interrupt();
        gate.close();
        try {
            flush();
        } catch (RuntimeException e) {
            // best effort on the way out
        }
    }
}
