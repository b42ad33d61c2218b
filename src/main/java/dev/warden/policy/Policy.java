package dev.warden.policy;

import dev.warden.call.Analysis;
import dev.warden.call.Decision;
import dev.warden.call.Effect;
import dev.warden.call.Finding;
import dev.warden.call.Reason;
import dev.warden.call.ToolCall;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A compiled policy: immutable and thread-safe; compile once, decide many.
 *
 * <p>How a call is decided ({@link #decide}):
 * <ol>
 *   <li>the binding picks the profile that governs the call (first match: org, project, user,
 *       built-in bindings);
 *   <li>the profile's scope — tools, commands, readable and writable paths, network — PERMITS
 *       the call; an {@code allow} rule may permit what the scope does not; a call that nothing
 *       permits is denied, with a reason that says what the profile allows;
 *   <li>findings become effects through the severity map and per-finding overrides; rules add
 *       their effects;
 *   <li>the strongest effect wins: deny &gt; approve &gt; ask &gt; allow. Log-only matches are
 *       recorded and never decide.
 * </ol>
 */
public final class Policy {

    /** The profile for the main agent when no binding matches. */
    static final String MAIN_FALLBACK = "developer";
    /** The profile for subagents when no binding matches: deliberately not the main agent's. */
    static final String SUBAGENT_FALLBACK = "subagent";

    private static final Comparator<Reason> STRONGEST_FIRST =
            Comparator.comparing((Reason r) -> r.effect()).reversed();

    private final Mode mode;
    private final Settings settings;
    private final Map<String, CompiledProfile> profiles;
    private final List<Binding> bindings;
    private final List<CompiledBinding> compiledBindings;
    private final List<CompiledRule> rules;
    private final List<Rule> ruleViews;
    private final String hash;
    private final List<String> sources;

    Policy(Mode mode, Settings settings, Map<String, CompiledProfile> profiles, List<Binding> bindings,
            List<CompiledRule> rules, List<Rule> ruleViews, String hash, List<String> sources) {
        this.mode = mode;
        this.settings = settings;
        this.profiles = Map.copyOf(profiles);
        this.bindings = List.copyOf(bindings);
        this.compiledBindings = bindings.stream().map(CompiledBinding::new).toList();
        this.rules = List.copyOf(rules);
        this.ruleViews = List.copyOf(ruleViews);
        this.hash = hash;
        this.sources = List.copyOf(sources);
    }

    /** Enforce or monitor. */
    public Mode mode() {
        return mode;
    }

    /** Protected branches, production markers, severity map and finding overrides. */
    public Settings settings() {
        return settings;
    }

    /** A short digest of every layer's text: which policy made a decision. */
    public String hash() {
        return hash;
    }

    /** The layers this policy was compiled from, lowest first ({@code layer: file}). */
    public List<String> sources() {
        return sources;
    }

    /** The profiles, with {@code extends} resolved. */
    public Collection<Profile> profiles() {
        return profiles.values().stream().map(CompiledProfile::view).sorted(Comparator.comparing(Profile::name)).toList();
    }

    /** A profile by name. */
    public Optional<Profile> profile(String name) {
        return Optional.ofNullable(profiles.get(name)).map(CompiledProfile::view);
    }

    /** The bindings in the order they are tried. */
    public List<Binding> bindings() {
        return bindings;
    }

    /** The rules from every layer. */
    public List<Rule> rules() {
        return ruleViews;
    }

    /**
     * The name of the profile that governs a call.
     *
     * @param project the canonical project root of the call
     * @param home    the canonical home directory
     */
    public String profileFor(ToolCall call, String project, String home) {
        return bind(call, project, home).name();
    }

    private CompiledProfile bind(ToolCall call, String project, String home) {
        for (CompiledBinding b : compiledBindings) {
            if (b.matches(call, project, home)) {
                CompiledProfile p = profiles.get(b.binding.profile());
                if (p != null) {
                    return p;
                }
            }
        }
        // The compiler guarantees a catch-all binding or these profiles exist.
        return profiles.get(call.mainAgent() ? MAIN_FALLBACK : SUBAGENT_FALLBACK);
    }

    /**
     * Decides a call. Never throws for any call or analysis: a rule whose condition cannot be
     * evaluated applies if it restricts, and does not if it allows.
     *
     * @param call     the call
     * @param analysis what analysis found in it
     * @param project  the canonical project root
     * @param home     the canonical home directory
     */
    public Decision decide(ToolCall call, Analysis analysis, String project, String home) {
        CompiledProfile profile = bind(call, project, home);
        Subject s = new Subject(call, analysis, project, home, profile.name());
        List<Reason> reasons = new ArrayList<>(4);
        profile.check(s, reasons::add);
        int scopeReasons = reasons.size();

        for (Finding f : analysis.findings()) {
            Effect e = settings.effectOf(f.id(), f.severity());
            if (e == Effect.ALLOW) {
                e = Effect.LOG;
            }
            reasons.add(new Reason(f.id(), e, f.message(), f.evidence(), f.hint()));
        }
        boolean permittedByRule = false;
        for (CompiledRule r : rules) {
            Optional<Reason> hit = r.judge(s);
            if (hit.isPresent()) {
                reasons.add(hit.get());
                permittedByRule |= hit.get().effect() == Effect.ALLOW;
            }
        }
        if (scopeReasons > 0 && permittedByRule) {
            for (int i = 0; i < scopeReasons; i++) {
                Reason r = reasons.get(i);
                reasons.set(i, new Reason(r.rule(), Effect.LOG, r.message() + " (permitted by an allow rule)", r.part(), ""));
            }
        }
        Effect effect = Effect.ALLOW;
        for (Reason r : reasons) {
            if (r.effect() != Effect.LOG && r.effect() != Effect.ALLOW) {
                effect = effect.max(r.effect());
            }
        }
        if (reasons.size() > 1) {
            reasons.sort(STRONGEST_FIRST);
        }
        return Decision.of(effect, profile.name(), reasons);
    }

    /** A binding with its globs compiled. */
    private static final class CompiledBinding {
        final Binding binding;
        final PathPattern project;

        CompiledBinding(Binding binding) {
            this.binding = binding;
            this.project = binding.project().map(p -> {
                String abs = p.startsWith("~") ? p : "//" + (p.startsWith("/") ? p.substring(1) : p);
                return PathPattern.compile(abs);
            }).orElse(null);
        }

        boolean matches(ToolCall call, String projectRoot, String home) {
            Binding b = binding;
            if (b.main().isPresent() && b.main().get() != call.mainAgent()) {
                return false;
            }
            if (b.agentType().isPresent()
                    && (call.agentType() == null || !Glob.matches(b.agentType().get(), call.agentType()))) {
                return false;
            }
            if (b.label().isPresent() && (call.label() == null || !Glob.matches(b.label().get(), call.label()))) {
                return false;
            }
            return project == null || project.matches(projectRoot, projectRoot, home);
        }
    }
}
