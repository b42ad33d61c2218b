package dev.warden.engine;

import dev.warden.analysis.AnalysisContext;
import dev.warden.analysis.Analyzer;
import dev.warden.audit.AuditEntry;
import dev.warden.audit.AuditEvents;
import dev.warden.audit.AuditLog;
import dev.warden.call.Analysis;
import dev.warden.call.Decision;
import dev.warden.call.Effect;
import dev.warden.call.Finding;
import dev.warden.call.Reason;
import dev.warden.call.Severity;
import dev.warden.call.ToolCall;
import dev.warden.policy.Mode;
import dev.warden.policy.Policy;
import dev.warden.policy.PolicyException;
import dev.warden.policy.Settings;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The decision path for one tool call: bind, analyse, decide, record — in that order, failing
 * closed at every step.
 *
 * <p>Design note. Each step that can fail turns its failure into a deny that names the step:
 * a policy that does not compile ({@code warden.policy-invalid}), an analysis that throws
 * ({@code warden.analysis-failed}), a record that cannot be written ({@code warden.audit-failed}).
 * The audit record is written before the verdict is returned, so an answer never leaves Warden
 * without its record; when the record cannot be written, the answer is a deny.
 */
public final class Engine {

    /** Extra findings about a call from another feature (e.g. the supply-chain guard). */
    @FunctionalInterface
    public interface FindingSource {
        List<Finding> findings(ToolCall call);
    }

    /** What a session-start check found: a message for the user, and whether the session must stop. */
    public record StartNotice(boolean block, String message) {}

    /** A check run when a session starts (supply-chain drift, control-plane reachability, ...). */
    @FunctionalInterface
    public interface StartCheck {
        /** Returns a notice, or null when there is nothing to say. */
        @Nullable StartNotice check(Path project);
    }

    private final EngineConfig config;
    private final List<StartCheck> startChecks;
    private final PolicyProvider policies;
    private final Analyzer analyzer;
    private final AuditLog audit;
    private final List<FindingSource> findingSources;
    private final InstantSource clock;
    private final LongSupplier nanos;
    private final boolean frozenPolicies;
    private final String home;
    private final ConcurrentHashMap<String, Workspace> workspaces = new ConcurrentHashMap<>();

    /** How long a resolved workspace (project root, policy) is trusted before files are looked at again. */
    static final long REFRESH_NANOS = 1_000_000_000L;
    private static final int MAX_WORKSPACES = 10_000;

    public Engine(EngineConfig config, Analyzer analyzer, AuditLog audit, List<FindingSource> findingSources,
            InstantSource clock, LongSupplier nanos) {
        this(config, analyzer, audit, findingSources, List.of(), clock, nanos, false);
    }

    /**
     * @param frozenPolicies true to compile each project's policy once and never look for edits
     *                       (replay and evaluation); false to pick up edits (hooks, server)
     */
    public Engine(EngineConfig config, Analyzer analyzer, AuditLog audit, List<FindingSource> findingSources,
            List<StartCheck> startChecks, InstantSource clock, LongSupplier nanos, boolean frozenPolicies) {
        this.config = config;
        this.startChecks = List.copyOf(startChecks);
        this.policies = new PolicyProvider(config, frozenPolicies);
        this.frozenPolicies = frozenPolicies;
        this.home = Projects.canonical(config.home()).toString();
        this.analyzer = analyzer;
        this.audit = audit;
        this.findingSources = List.copyOf(findingSources);
        this.clock = clock;
        this.nanos = nanos;
    }

    public EngineConfig config() {
        return config;
    }

    /** The clock entries are stamped with. */
    public InstantSource clock() {
        return clock;
    }

    /** The policy that applies to a working directory; throws PolicyException when it does not compile. */
    public Policy policyFor(Path cwd) {
        return policies.policyFor(Projects.root(cwd));
    }

    /**
     * The policy for a call's working directory, from the same per-directory cache as
     * {@link #decide}; throws PolicyException when it does not compile.
     */
    public Policy policyAt(String cwd) {
        return workspace(cwd).policy();
    }

    /** The profile that governs a call (binding only, no analysis); throws PolicyException like {@link #policyAt}. */
    public String profileOf(ToolCall call) {
        Workspace w = workspace(call.cwd());
        return w.policy().profileFor(call, w.projectText(), home);
    }

    /** Decides a call and records the decision durably before returning it. Never throws. */
    public Verdict decide(ToolCall call) {
        // The kill switch comes first: one stat call, and nothing else is looked at while frozen.
        // (Only here, not in evaluate: simulators judge what the policy would do.)
        java.util.Optional<Freeze.State> frozen = Freeze.read(config.wardenHome());
        if (frozen.isPresent()) {
            return recorded(failed(call, nanos.getAsLong(), FREEZE_RULE, Freeze.message(frozen.get()),
                    "stop and wait: a human must run `warden unfreeze` before any call can run; do not retry in a loop"));
        }
        return recorded(evaluate(call));
    }

    /**
     * Decides a call without recording it: for simulation (replay, evaluation, policy tests) and
     * benchmarks. Never throws.
     */
    public Verdict evaluate(ToolCall call) {
        long start = nanos.getAsLong();
        Workspace ws;
        try {
            ws = workspace(call.cwd());
        } catch (PolicyException e) {
            return failed(call, start, "warden.policy-invalid", "Warden's policy does not compile, so no call can be judged: "
                    + e.problems().get(0) + (e.problems().size() > 1 ? " (and " + (e.problems().size() - 1) + " more)" : ""),
                    "ask the user to run `warden policy lint` and fix the policy");
        } catch (RuntimeException e) {
            return failed(call, start, "warden.policy-unavailable", "Warden cannot load its policy: " + e.getMessage(),
                    "ask the user to run `warden doctor`");
        }
        Policy policy = ws.policy();
        Analysis analysis;
        try {
            analysis = analyzer.analyze(call, ws.context());
            if (!findingSources.isEmpty()) {
                analysis = withExtraFindings(call, analysis);
            }
        } catch (RuntimeException e) {
            Finding f = new Finding("warden.analysis-failed", Severity.CRITICAL,
                    "Warden could not analyse this call (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
                    call.tool(), "rephrase the call in a simpler form");
            analysis = new Analysis(List.of(), List.of(), Set.of(), List.of(f));
        }
        Decision decision;
        try {
            decision = policy.decide(call, analysis, ws.projectText(), home);
        } catch (RuntimeException e) {
            decision = new Decision.Deny("?", List.of(new Reason("warden.policy-failed", Effect.DENY,
                    "Warden could not evaluate its policy: " + e, call.tool(), "ask the user to run `warden doctor`")));
        }
        long spent = nanos.getAsLong() - start;
        return new Verdict(call, analysis, decision, policy.mode(), policy.hash(), spent, ws.projectText(), -1);
    }

    /** A working directory resolved: its project root, the policy there, the analysis context. */
    private record Workspace(Path project, String projectText, Policy policy, AnalysisContext context, long checkedAt) {}

    /**
     * The workspace for a cwd, cached: the file-system walk to the project root, the policy
     * lookup and the analysis context are done at most once per {@link #REFRESH_NANOS} per
     * directory (every call of a long-running server would otherwise pay a dozen stat calls).
     * A policy that does not compile is not cached, so fixing it takes effect at once.
     */
    private Workspace workspace(String cwd) {
        long now = nanos.getAsLong();
        Workspace w = workspaces.get(cwd);
        if (w != null && (frozenPolicies || now - w.checkedAt() < REFRESH_NANOS)) {
            return w;
        }
        Path project = Projects.root(Path.of(cwd.isEmpty() ? "/" : cwd));
        Policy p = policies.policyFor(project);
        AnalysisContext ctx = w != null && w.policy() == p && w.project().equals(project)
                ? w.context() : context(p.settings(), project);
        Workspace fresh = new Workspace(project, project.toString(), p, ctx, now);
        if (workspaces.size() >= MAX_WORKSPACES) {
            workspaces.clear();
        }
        workspaces.put(cwd, fresh);
        return fresh;
    }

    private Analysis withExtraFindings(ToolCall call, Analysis analysis) {
        List<Finding> extra = new ArrayList<>();
        for (FindingSource s : findingSources) {
            extra.addAll(s.findings(call));
        }
        if (extra.isEmpty()) {
            return analysis;
        }
        extra.addAll(0, analysis.findings());
        return new Analysis(analysis.commands(), analysis.paths(), analysis.hosts(), extra);
    }

    private AnalysisContext context(Settings s, Path project) {
        Map<String, Set<String>> p = s.production();
        AnalysisContext.Production production = new AnalysisContext.Production(
                p.getOrDefault("environments", Set.of()), p.getOrDefault("kube_contexts", Set.of()),
                p.getOrDefault("cloud_profiles", Set.of()), p.getOrDefault("hosts", Set.of()),
                p.getOrDefault("database_urls", Set.of()));
        return new AnalysisContext(project, Path.of(home), s.protectedBranches(), production,
                config.protectedPaths(project));
    }

    private Verdict failed(ToolCall call, long start, String rule, String message, String hint) {
        Decision d = new Decision.Deny("?", List.of(new Reason(rule, Effect.DENY, message, "", hint)));
        return new Verdict(call, Analysis.EMPTY, d, Mode.ENFORCE, "none", nanos.getAsLong() - start,
                call.cwd().isEmpty() ? "/" : call.cwd(), -1);
    }

    private Verdict recorded(Verdict v) {
        try {
            long index = audit.append(decisionEntry(v));
            return new Verdict(v.call(), v.analysis(), v.decision(), v.mode(), v.policyHash(), v.nanos(), v.project(), index);
        } catch (RuntimeException e) {
            Decision d = new Decision.Deny(v.decision().profile(), List.of(new Reason("warden.audit-failed", Effect.DENY,
                    "Warden could not record this call, and unrecorded calls do not run: " + e.getMessage(), "",
                    "ask the user to run `warden doctor`")));
            return new Verdict(v.call(), v.analysis(), d, Mode.ENFORCE, v.policyHash(), v.nanos(), v.project(), -1);
        }
    }

    /**
     * Runs the session-start checks for a working directory. Never throws: a check that fails
     * becomes a blocking notice (a session whose supply chain cannot be verified does not start
     * silently).
     */
    public List<StartNotice> sessionStart(String cwd) {
        Path project = Projects.root(Path.of(cwd.isEmpty() ? "/" : cwd));
        List<StartNotice> out = new ArrayList<>();
        for (StartCheck c : startChecks) {
            try {
                StartNotice n = c.check(project);
                if (n != null) {
                    out.add(n);
                }
            } catch (RuntimeException e) {
                out.add(new StartNotice(true, "Warden could not run a session-start check: " + e.getMessage()));
            }
        }
        return out;
    }

    /** The rule id of denials caused by a freeze. */
    public static final String FREEZE_RULE = "warden.freeze";

    /**
     * Denies a call without judging it (quarantine, rate limit, refused credentials), recording
     * the denial like any decision. Never throws.
     *
     * @param rule    the id shown to the agent and in the audit log ({@code warden.quarantine}, ...)
     * @param message what happened
     * @param hint    what the agent should do
     */
    public Verdict refuse(ToolCall call, String rule, String message, String hint) {
        return recorded(failed(call, nanos.getAsLong(), rule, message, hint));
    }

    /** Records an entry as given. */
    public long record(AuditEntry entry) {
        return audit.append(entry);
    }

    private AuditEntry decisionEntry(Verdict v) {
        ToolCall c = v.call();
        AuditEntry base = AuditEvents.toolDecision(c, v.decision(), v.analysis(), v.policyHash(), v.nanos() / 1000,
                clock.instant());
        Map<String, @Nullable Object> data = new LinkedHashMap<>(base.data());
        // Warden's mode (enforce|monitor) and whether the decision was applied; the harness's own
        // permission mode is kept apart.
        data.put("mode", v.mode().name().toLowerCase(java.util.Locale.ROOT));
        data.put("enforced", v.enforced());
        data.put("permission_mode", c.permissionMode());
        data.put("reason", v.decision().explain());
        data.put("project", v.project());
        if (c.label() != null) {
            data.put("label", c.label());
        }
        return new AuditEntry(base.kind(), base.time(), base.sessionId(), base.agentId(), base.agentType(), base.tool(), data);
    }
}
