package dev.warden.policy;

import dev.warden.call.Effect;
import dev.warden.call.Severity;
import dev.warden.policy.Yaml.Pos;
import dev.warden.policy.Yaml.YList;
import dev.warden.policy.Yaml.YMap;
import dev.warden.policy.Yaml.YNode;
import dev.warden.policy.Yaml.YScalar;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Compiles policy layers into one {@link Policy}. Every problem in every layer is collected
 * before failing, each with {@code file:line:col}.
 *
 * <p>Merge rules, from built-in up to org:
 * <ul>
 *   <li>rules add up (a deny in any layer denies); a layer cannot remove another layer's rule;
 *   <li>profiles are replaced by name by a later layer — except org profiles, which are final;
 *   <li>bindings are tried org first, then project, user, built-in; the first match wins;
 *   <li>severity and per-finding effects: a later layer overrides an earlier one, but org values
 *       are floors that nothing below can weaken;
 *   <li>{@code mode}: the highest layer that sets it wins, but an org {@code enforce} cannot be
 *       turned into {@code monitor} below it;
 *   <li>protected branches and production markers are unions.
 * </ul>
 */
final class PolicyCompiler {

    private static final Set<String> TOP_KEYS = Set.of("version", "description", "mode", "settings", "profiles", "bindings", "rules");
    private static final Set<String> SETTINGS_KEYS = Set.of("protected_branches", "production", "severity", "findings",
            "approval", "limits");
    private static final Set<String> APPROVAL_KEYS = Set.of("approvers", "required", "reason_required", "expires", "scope",
            "grant_for", "allow_self");
    private static final Set<String> LIMITS_KEYS = Set.of("denials", "rate");
    private static final Set<String> DENIALS_KEYS = Set.of("session", "agent");
    private static final Set<String> THRESHOLD_KEYS = Set.of("count", "window", "quarantine");
    private static final Set<String> RATE_KEYS = Set.of("session", "agent", "profile");
    private static final Set<String> PROFILE_KEYS = Set.of("description", "extends", "tools", "commands", "paths", "network", "mcp");
    private static final Set<String> PATHS_KEYS = Set.of("read", "write");
    private static final Set<String> BINDING_KEYS = Set.of("agent_type", "main", "subagent", "project", "label", "profile");
    private static final Set<String> RULE_KEYS = Set.of("id", "effect", "match", "when", "message", "hint", "description",
            "approval");

    private final List<PolicyProblem> problems = new ArrayList<>();

    /** A profile as one layer wrote it; null lists mean "not given here" (inherit). */
    private record ProfileSpec(String name, Pos pos, Layer layer, String description, @Nullable String parent,
            @Nullable List<String> tools, @Nullable List<String> commands, @Nullable List<String> read,
            @Nullable List<String> write, @Nullable List<String> network, @Nullable List<String> mcp) {}

    static Policy compile(List<PolicySource> sources) {
        return new PolicyCompiler().run(sources);
    }

    private Policy run(List<PolicySource> sources) {
        List<PolicySource> ordered = new ArrayList<>(sources);
        ordered.sort((a, b) -> Integer.compare(a.layer().ordinal(), b.layer().ordinal()));

        Mode mode = Mode.ENFORCE;
        boolean orgLocksEnforce = false;
        Set<String> branches = new LinkedHashSet<>();
        Map<String, Set<String>> production = new TreeMap<>();
        Map<Severity, Effect> severity = new EnumMap<>(Severity.class);
        Map<Severity, Effect> severityFloor = new EnumMap<>(Severity.class);
        List<Settings.FindingEffect> findingEffects = new ArrayList<>();
        Approval approval = Approval.DEFAULT;
        Limits limits = Limits.DEFAULT;
        Map<String, ProfileSpec> profiles = new LinkedHashMap<>();
        Map<Layer, List<Binding>> bindingsByLayer = new EnumMap<>(Layer.class);
        List<CompiledRule> rules = new ArrayList<>();
        List<Rule> ruleViews = new ArrayList<>();
        Set<String> ruleIds = new HashSet<>();
        List<Pos> bindingPositions = new ArrayList<>();
        List<Binding> bindingForPos = new ArrayList<>();

        for (PolicySource src : ordered) {
            Optional<YNode> doc = Yaml.parse(src.name(), src.text(), problems);
            if (doc.isEmpty()) {
                continue;
            }
            if (!(doc.get() instanceof YMap top)) {
                problem(doc.get().pos(), "a policy must be a mapping with keys " + sorted(TOP_KEYS));
                continue;
            }
            checkKeys(top, TOP_KEYS, "policy");
            Layer layer = src.layer();

            YNode version = top.get("version");
            if (version != null && !(version instanceof YScalar v && v.value().equals("1"))) {
                problem(version.pos(), "unsupported policy version; this Warden reads version: 1");
            }
            YNode modeNode = top.get("mode");
            if (modeNode != null) {
                String m = scalar(modeNode, "mode");
                if (m != null) {
                    switch (m) {
                        case "enforce" -> {
                            mode = Mode.ENFORCE;
                            if (layer == Layer.ORG) {
                                orgLocksEnforce = true;
                            }
                        }
                        case "monitor" -> mode = orgLocksEnforce ? Mode.ENFORCE : Mode.MONITOR;
                        default -> problem(modeNode.pos(), "mode must be 'enforce' or 'monitor', not '" + m + "'");
                    }
                }
            }

            if (top.get("settings") instanceof YMap settings) {
                checkKeys(settings, SETTINGS_KEYS, "settings");
                branches.addAll(strings(settings.get("protected_branches"), "protected_branches"));
                if (settings.get("production") instanceof YMap prod) {
                    checkKeys(prod, Set.copyOf(Settings.PRODUCTION_KINDS), "settings.production");
                    for (String kind : Settings.PRODUCTION_KINDS) {
                        List<String> values = strings(prod.get(kind), "production." + kind);
                        if (!values.isEmpty()) {
                            production.computeIfAbsent(kind, k -> new LinkedHashSet<>()).addAll(values);
                        }
                    }
                } else if (settings.get("production") != null) {
                    problem(settings.get("production").pos(), "settings.production must be a mapping of " + Settings.PRODUCTION_KINDS);
                }
                if (settings.get("severity") instanceof YMap sev) {
                    for (Map.Entry<String, YNode> e : sev.entries().entrySet()) {
                        Optional<Severity> s = Severity.parse(e.getKey());
                        Effect eff = effect(e.getValue());
                        if (s.isEmpty()) {
                            problem(sev.keyPos().get(e.getKey()), "unknown severity '" + e.getKey() + "'; use critical, high, medium, low or info");
                        } else if (eff != null) {
                            (layer == Layer.ORG ? severityFloor : severity).put(s.get(), eff);
                        }
                    }
                } else if (settings.get("severity") != null) {
                    problem(settings.get("severity").pos(), "settings.severity must map severities to effects, e.g. high: approve");
                }
                if (settings.get("findings") instanceof YMap fnd) {
                    for (Map.Entry<String, YNode> e : fnd.entries().entrySet()) {
                        Effect eff = effect(e.getValue());
                        if (eff != null) {
                            findingEffects.add(new Settings.FindingEffect(e.getKey(), eff,
                                    layer == Layer.ORG || (layer == Layer.BUILTIN && e.getKey().startsWith("self."))));
                        }
                    }
                } else if (settings.get("findings") != null) {
                    problem(settings.get("findings").pos(), "settings.findings must map finding ids to effects, e.g. git.force-push: deny");
                }
                if (settings.get("approval") != null) {
                    approval = approval(settings.get("approval"), approval, "settings.approval");
                }
                if (settings.get("limits") != null) {
                    limits = limits(settings.get("limits"), limits);
                }
            } else if (top.get("settings") != null) {
                problem(top.get("settings").pos(), "settings must be a mapping");
            }

            if (top.get("profiles") instanceof YMap ps) {
                for (Map.Entry<String, YNode> e : ps.entries().entrySet()) {
                    Pos at = ps.keyPos().get(e.getKey());
                    ProfileSpec spec = profileSpec(e.getKey(), at, layer, e.getValue());
                    if (spec == null) {
                        continue;
                    }
                    ProfileSpec existing = profiles.get(spec.name());
                    if (existing != null && existing.layer() == Layer.ORG && layer == Layer.ORG && existing.pos() != spec.pos()) {
                        problem(at, "profile '" + spec.name() + "' is defined twice in the org policy");
                    }
                    profiles.put(spec.name(), spec);
                }
            } else if (top.get("profiles") != null) {
                problem(top.get("profiles").pos(), "profiles must be a mapping of profile names to profiles");
            }

            if (top.get("bindings") instanceof YList bs) {
                for (YNode b : bs.items()) {
                    Binding binding = binding(b, layer);
                    if (binding != null) {
                        bindingsByLayer.computeIfAbsent(layer, l -> new ArrayList<>()).add(binding);
                        bindingPositions.add(b.pos());
                        bindingForPos.add(binding);
                    }
                }
            } else if (top.get("bindings") != null) {
                problem(top.get("bindings").pos(), "bindings must be a list");
            }

            if (top.get("rules") instanceof YList rs) {
                for (YNode r : rs.items()) {
                    CompiledRule rule = rule(r, layer, ruleIds);
                    if (rule != null) {
                        rules.add(rule);
                        ruleViews.add(rule.view());
                    }
                }
            } else if (top.get("rules") != null) {
                problem(top.get("rules").pos(), "rules must be a list");
            }
        }

        // Org comes last, so an org profile replaces any lower definition of the same name.
        Map<String, CompiledProfile> compiled = new LinkedHashMap<>();
        for (ProfileSpec spec : profiles.values()) {
            CompiledProfile cp = resolve(spec, profiles, new LinkedHashSet<>());
            if (cp != null) {
                compiled.put(spec.name(), cp);
            }
        }

        List<Binding> bindings = new ArrayList<>();
        for (Layer l : List.of(Layer.ORG, Layer.PROJECT, Layer.USER, Layer.BUILTIN)) {
            bindings.addAll(bindingsByLayer.getOrDefault(l, List.of()));
        }
        for (int i = 0; i < bindingForPos.size(); i++) {
            if (!compiled.containsKey(bindingForPos.get(i).profile()) && !profiles.containsKey(bindingForPos.get(i).profile())) {
                problem(bindingPositions.get(i), "binding names unknown profile '" + bindingForPos.get(i).profile()
                        + "'; known profiles: " + sorted(profiles.keySet()));
            }
        }
        if (!compiled.containsKey(Policy.MAIN_FALLBACK) && !hasCatchAll(bindings, true)) {
            problems.add(new PolicyProblem("<policy>", 1, 1, "no profile governs the main agent: define a binding with main: true"));
        }
        if (!compiled.containsKey(Policy.SUBAGENT_FALLBACK) && !hasCatchAll(bindings, false)) {
            problems.add(new PolicyProblem("<policy>", 1, 1, "no profile governs unbound subagents: define a binding with subagent: true"));
        }

        if (!problems.isEmpty()) {
            throw new PolicyException(problems);
        }

        Map<Severity, Effect> sev = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            Effect e = severity.getOrDefault(s, defaultEffect(s));
            Effect floor = severityFloor.get(s);
            sev.put(s, floor == null ? e : e.max(floor));
        }
        Settings settings = new Settings(branches, freeze(production), sev, findingEffects, approval, limits);
        return new Policy(mode, settings, compiled, bindings, rules, ruleViews, hash(ordered), sourcesOf(ordered));
    }

    private static List<String> sourcesOf(List<PolicySource> ordered) {
        List<String> out = new ArrayList<>();
        for (PolicySource s : ordered) {
            out.add(s.layer().label() + ": " + s.name());
        }
        return out;
    }

    private static Map<String, Set<String>> freeze(Map<String, Set<String>> m) {
        Map<String, Set<String>> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, Set.copyOf(v)));
        return out;
    }

    static Effect defaultEffect(Severity s) {
        return switch (s) {
            case CRITICAL -> Effect.DENY;
            case HIGH -> Effect.APPROVE;
            case MEDIUM -> Effect.ASK;
            case LOW, INFO -> Effect.LOG;
        };
    }

    private static boolean hasCatchAll(List<Binding> bindings, boolean main) {
        for (Binding b : bindings) {
            if (b.agentType().isEmpty() && b.project().isEmpty() && b.label().isEmpty()
                    && (b.main().isEmpty() || b.main().get() == main)) {
                return true;
            }
        }
        return false;
    }

    private @Nullable ProfileSpec profileSpec(String name, Pos at, Layer layer, YNode node) {
        if (!(node instanceof YMap m)) {
            problem(node.pos(), "profile '" + name + "' must be a mapping with keys " + sorted(PROFILE_KEYS));
            return null;
        }
        checkKeys(m, PROFILE_KEYS, "profile '" + name + "'");
        List<String> read = null;
        List<String> write = null;
        if (m.get("paths") instanceof YMap paths) {
            checkKeys(paths, PATHS_KEYS, "profile '" + name + "' paths");
            read = optStrings(paths.get("read"), "paths.read");
            write = optStrings(paths.get("write"), "paths.write");
        } else if (m.get("paths") != null) {
            problem(m.get("paths").pos(), "paths must be a mapping with 'read' and/or 'write' lists");
        }
        String parent = m.get("extends") == null ? null : scalar(m.get("extends"), "extends");
        String description = m.get("description") == null ? "" : String.valueOf(scalar(m.get("description"), "description"));
        return new ProfileSpec(name, at, layer, description, parent,
                optStrings(m.get("tools"), "tools"), optStrings(m.get("commands"), "commands"),
                read, write, optStrings(m.get("network"), "network"), optStrings(m.get("mcp"), "mcp"));
    }

    private @Nullable CompiledProfile resolve(ProfileSpec spec, Map<String, ProfileSpec> all, Set<String> seen) {
        if (!seen.add(spec.name())) {
            problem(spec.pos(), "profile '" + spec.name() + "' extends itself through " + String.join(" -> ", seen));
            return null;
        }
        CompiledProfile parent = null;
        if (spec.parent() != null) {
            ProfileSpec p = all.get(spec.parent());
            if (p == null) {
                problem(spec.pos(), "profile '" + spec.name() + "' extends unknown profile '" + spec.parent()
                        + "'; known profiles: " + sorted(all.keySet()));
                return null;
            }
            parent = resolve(p, all, seen);
            if (parent == null) {
                return null;
            }
        }
        List<String> tools = pick(spec.tools(), parent == null ? null : parent.view().tools());
        List<String> mcp = spec.mcp() == null ? List.of() : spec.mcp();
        if (!mcp.isEmpty()) {
            List<String> withMcp = new ArrayList<>(tools);
            for (String s : mcp) {
                int slash = s.indexOf('/');
                withMcp.add(slash < 0 ? "mcp__" + s + "__*" : "mcp__" + s.substring(0, slash) + "__" + s.substring(slash + 1));
            }
            tools = withMcp;
        }
        Profile view = new Profile(spec.name(),
                spec.description().isEmpty() && parent != null ? parent.view().description() : spec.description(),
                spec.layer(), tools,
                pick(spec.commands(), parent == null ? null : parent.view().commands()),
                pick(spec.read(), parent == null ? null : parent.view().read()),
                pick(spec.write(), parent == null ? null : parent.view().write()),
                pick(spec.network(), parent == null ? null : parent.view().network()));
        try {
            return CompiledProfile.compile(view);
        } catch (IllegalArgumentException e) {
            problem(spec.pos(), "profile '" + spec.name() + "': " + e.getMessage());
            return null;
        }
    }

    /** A profile key not given anywhere in its chain allows everything of that kind. */
    private static List<String> pick(@Nullable List<String> own, @Nullable List<String> inherited) {
        if (own != null) {
            return own;
        }
        return inherited != null ? inherited : List.of("*");
    }

    private @Nullable Binding binding(YNode node, Layer layer) {
        if (!(node instanceof YMap m)) {
            problem(node.pos(), "a binding must be a mapping with keys " + sorted(BINDING_KEYS));
            return null;
        }
        checkKeys(m, BINDING_KEYS, "binding");
        String profile = m.get("profile") == null ? null : scalar(m.get("profile"), "profile");
        if (profile == null) {
            problem(m.pos(), "a binding needs 'profile'");
            return null;
        }
        Optional<Boolean> main = Optional.empty();
        if (m.get("main") != null) {
            main = bool(m.get("main"), "main");
        }
        if (m.get("subagent") != null) {
            Optional<Boolean> sub = bool(m.get("subagent"), "subagent");
            if (sub.isPresent()) {
                if (main.isPresent() && main.get() == sub.get()) {
                    problem(m.get("subagent").pos(), "'main' and 'subagent' contradict each other");
                }
                main = Optional.of(!sub.get());
            }
        }
        Optional<String> agentType = Optional.ofNullable(m.get("agent_type") == null ? null : scalar(m.get("agent_type"), "agent_type"));
        if (agentType.isPresent() && main.isPresent() && main.get()) {
            problem(m.pos(), "a binding on agent_type cannot also require main: true (the main agent has no agent_type)");
        }
        Optional<String> project = Optional.ofNullable(m.get("project") == null ? null : scalar(m.get("project"), "project"));
        Optional<String> label = Optional.ofNullable(m.get("label") == null ? null : scalar(m.get("label"), "label"));
        return new Binding(agentType, main, project, label, profile, layer);
    }

    private @Nullable CompiledRule rule(YNode node, Layer layer, Set<String> ids) {
        if (!(node instanceof YMap m)) {
            problem(node.pos(), "a rule must be a mapping with keys " + sorted(RULE_KEYS));
            return null;
        }
        checkKeys(m, RULE_KEYS, "rule");
        String id = m.get("id") == null ? null : scalar(m.get("id"), "id");
        if (id == null || id.isBlank()) {
            problem(m.pos(), "a rule needs an 'id'");
            return null;
        }
        if (!ids.add(layer.label() + "/" + id)) {
            problem(m.get("id").pos(), "duplicate rule id '" + id + "' in the " + layer.label() + " layer");
        }
        Effect effect = m.get("effect") == null ? null : effect(m.get("effect"));
        if (m.get("effect") == null) {
            problem(m.pos(), "rule '" + id + "' needs an 'effect' (allow, deny, approve, ask or log)");
        }
        List<String> match = strings(m.get("match"), "match");
        List<CallMatcher> matchers = new ArrayList<>();
        for (String s : match) {
            try {
                matchers.add(CallMatcher.compile(s));
            } catch (IllegalArgumentException e) {
                problem(m.get("match").pos(), "rule '" + id + "': " + e.getMessage());
            }
        }
        String when = m.get("when") == null ? "" : String.valueOf(scalar(m.get("when"), "when"));
        CelCondition condition = null;
        if (!when.isBlank()) {
            YNode w = m.get("when");
            Pos at = w instanceof YScalar ws && !ws.plain() ? new Pos(w.pos().file(), w.pos().line(), w.pos().col() + 1) : w.pos();
            condition = CelCondition.compile(when, at, problems);
        }
        if (match.isEmpty() && when.isBlank()) {
            problem(m.pos(), "rule '" + id + "' needs 'match' and/or 'when', otherwise it would match every call");
        }
        String message = m.get("message") == null ? "" : String.valueOf(scalar(m.get("message"), "message"));
        String hint = m.get("hint") == null ? "" : String.valueOf(scalar(m.get("hint"), "hint"));
        if (effect == null) {
            return null;
        }
        Approval gate = null;
        if (m.get("approval") != null) {
            if (effect != Effect.APPROVE) {
                problem(m.get("approval").pos(), "rule '" + id + "': 'approval' applies only to rules with effect: approve");
            } else {
                gate = approval(m.get("approval"), Approval.DEFAULT, "rule '" + id + "' approval");
            }
        }
        Rule view = new Rule(id, effect, match, when, message, hint, layer, m.pos().toString(), gate);
        return new CompiledRule(view, matchers, condition);
    }

    private @Nullable Effect effect(YNode node) {
        String s = scalar(node, "effect");
        if (s == null) {
            return null;
        }
        Optional<Effect> e = Effect.parse(s);
        if (e.isEmpty()) {
            problem(node.pos(), "unknown effect '" + s + "'; use allow, deny, approve, ask or log");
            return null;
        }
        return e.get();
    }

    private @Nullable String scalar(YNode node, String what) {
        if (node instanceof YScalar s) {
            return s.value();
        }
        problem(node.pos(), what + " must be a single value");
        return null;
    }

    private Optional<Boolean> bool(YNode node, String what) {
        if (node instanceof YScalar s && (s.value().equals("true") || s.value().equals("false"))) {
            return Optional.of(Boolean.parseBoolean(s.value()));
        }
        problem(node.pos(), what + " must be true or false");
        return Optional.empty();
    }

    private List<String> strings(@Nullable YNode node, String what) {
        List<String> out = optStrings(node, what);
        return out == null ? List.of() : out;
    }

    private @Nullable List<String> optStrings(@Nullable YNode node, String what) {
        if (node == null) {
            return null;
        }
        if (node instanceof YScalar s) {
            return s.value().isEmpty() && s.plain() ? List.of() : List.of(s.value());
        }
        if (node instanceof YList l) {
            List<String> out = new ArrayList<>();
            for (YNode item : l.items()) {
                if (item instanceof YScalar s) {
                    out.add(s.value());
                } else {
                    problem(item.pos(), what + " entries must be strings");
                }
            }
            return out;
        }
        problem(node.pos(), what + " must be a string or a list of strings");
        return null;
    }

    /** An approval block over a base: keys it sets replace the base's values. */
    private Approval approval(YNode node, Approval base, String where) {
        if (!(node instanceof YMap m)) {
            problem(node.pos(), where + " must be a mapping with keys " + sorted(APPROVAL_KEYS));
            return base;
        }
        checkKeys(m, APPROVAL_KEYS, where);
        List<String> approvers = base.approvers();
        if (m.get("approvers") != null) {
            approvers = strings(m.get("approvers"), where + ".approvers");
            for (int i = 0; i < approvers.size(); i++) {
                String a = approvers.get(i);
                if (!(a.equals("approver") || a.equals("admin") || (a.startsWith("team:") && a.length() > 5)
                        || (a.startsWith("user:") && a.length() > 5))) {
                    Pos at = m.get("approvers") instanceof YList l && i < l.items().size() ? l.items().get(i).pos() : m.get("approvers").pos();
                    problem(at, where + ".approvers: '" + a + "' is not a role (approver, admin), team:NAME or user:NAME");
                }
            }
            if (approvers.isEmpty()) {
                problem(m.get("approvers").pos(), where + ".approvers must name at least one role, team or user");
            }
        }
        int required = base.required();
        if (m.get("required") != null) {
            required = integer(m.get("required"), where + ".required", 1, 10);
        }
        boolean reason = base.reasonRequired();
        if (m.get("reason_required") != null) {
            reason = bool(m.get("reason_required"), where + ".reason_required").orElse(reason);
        }
        java.time.Duration expires = base.expires();
        if (m.get("expires") != null) {
            expires = duration(m.get("expires"), where + ".expires", expires);
        }
        Approval.Scope scope = base.scope();
        if (m.get("scope") != null) {
            String sc = scalar(m.get("scope"), where + ".scope");
            if (sc != null) {
                Optional<Approval.Scope> p = Approval.Scope.parse(sc);
                if (p.isEmpty()) {
                    problem(m.get("scope").pos(), where + ".scope must be once, session or rule, not '" + sc + "'");
                } else {
                    scope = p.get();
                }
            }
        }
        java.time.Duration grantFor = base.grantFor();
        if (m.get("grant_for") != null) {
            grantFor = duration(m.get("grant_for"), where + ".grant_for", grantFor);
        }
        boolean self = base.allowSelf();
        if (m.get("allow_self") != null) {
            self = bool(m.get("allow_self"), where + ".allow_self").orElse(self);
        }
        return new Approval(approvers, required, reason, expires, scope, grantFor, self);
    }

    private Limits limits(YNode node, Limits base) {
        if (!(node instanceof YMap m)) {
            problem(node.pos(), "settings.limits must be a mapping with keys " + sorted(LIMITS_KEYS));
            return base;
        }
        checkKeys(m, LIMITS_KEYS, "settings.limits");
        Limits.Threshold session = base.sessionDenials();
        Limits.Threshold agent = base.agentDenials();
        if (m.get("denials") instanceof YMap d) {
            checkKeys(d, DENIALS_KEYS, "settings.limits.denials");
            if (d.get("session") != null) {
                session = threshold(d.get("session"), session, "settings.limits.denials.session");
            }
            if (d.get("agent") != null) {
                agent = threshold(d.get("agent"), agent, "settings.limits.denials.agent");
            }
        } else if (m.get("denials") != null) {
            problem(m.get("denials").pos(), "settings.limits.denials must be a mapping with keys " + sorted(DENIALS_KEYS));
        }
        int sr = base.sessionRate();
        int ar = base.agentRate();
        int pr = base.profileRate();
        if (m.get("rate") instanceof YMap r) {
            checkKeys(r, RATE_KEYS, "settings.limits.rate");
            if (r.get("session") != null) {
                sr = integer(r.get("session"), "settings.limits.rate.session", 0, 1_000_000);
            }
            if (r.get("agent") != null) {
                ar = integer(r.get("agent"), "settings.limits.rate.agent", 0, 1_000_000);
            }
            if (r.get("profile") != null) {
                pr = integer(r.get("profile"), "settings.limits.rate.profile", 0, 10_000_000);
            }
        } else if (m.get("rate") != null) {
            problem(m.get("rate").pos(), "settings.limits.rate must map session, agent and/or profile to calls per minute");
        }
        return new Limits(session, agent, sr, ar, pr);
    }

    private Limits.Threshold threshold(YNode node, Limits.Threshold base, String where) {
        if (!(node instanceof YMap m)) {
            problem(node.pos(), where + " must be a mapping with keys " + sorted(THRESHOLD_KEYS) + ", e.g. {count: 5, window: 2m}");
            return base;
        }
        checkKeys(m, THRESHOLD_KEYS, where);
        int count = m.get("count") == null ? base.count() : integer(m.get("count"), where + ".count", 0, 100_000);
        java.time.Duration window = m.get("window") == null ? base.window() : duration(m.get("window"), where + ".window", base.window());
        boolean q = m.get("quarantine") == null ? base.quarantine() : bool(m.get("quarantine"), where + ".quarantine").orElse(false);
        return new Limits.Threshold(count, window, q);
    }

    private int integer(YNode node, String what, int min, int max) {
        String s = scalar(node, what);
        if (s == null) {
            return min;
        }
        try {
            int v = Integer.parseInt(s.strip());
            if (v < min || v > max) {
                problem(node.pos(), what + " must be between " + min + " and " + max + ", not " + v);
                return min;
            }
            return v;
        } catch (NumberFormatException e) {
            problem(node.pos(), what + " must be a whole number, not '" + s + "'");
            return min;
        }
    }

    private static final java.util.regex.Pattern DURATION = java.util.regex.Pattern.compile("(\\d{1,7})\\s*(s|m|h|d)?");

    /** {@code 90}, {@code 90s}, {@code 10m}, {@code 2h}, {@code 1d}; between 1 second and 30 days. */
    private java.time.Duration duration(YNode node, String what, java.time.Duration fallback) {
        String s = scalar(node, what);
        if (s == null) {
            return fallback;
        }
        java.util.regex.Matcher mt = DURATION.matcher(s.strip());
        if (!mt.matches()) {
            problem(node.pos(), what + " must be a duration like 30s, 10m, 2h or 1d, not '" + s + "'");
            return fallback;
        }
        long n = Long.parseLong(mt.group(1));
        String unit = mt.group(2) == null ? "s" : mt.group(2);
        java.time.Duration d = switch (unit) {
            case "m" -> java.time.Duration.ofMinutes(n);
            case "h" -> java.time.Duration.ofHours(n);
            case "d" -> java.time.Duration.ofDays(n);
            default -> java.time.Duration.ofSeconds(n);
        };
        if (d.isZero() || d.compareTo(java.time.Duration.ofDays(30)) > 0) {
            problem(node.pos(), what + " must be between 1s and 30d, not '" + s + "'");
            return fallback;
        }
        return d;
    }

    private void checkKeys(YMap m, Set<String> allowed, String where) {
        for (Map.Entry<String, Pos> k : m.keyPos().entrySet()) {
            if (!allowed.contains(k.getKey())) {
                problem(k.getValue(), "unknown key '" + k.getKey() + "' in " + where + "; expected one of " + sorted(allowed));
            }
        }
    }

    private void problem(Pos pos, String message) {
        problems.add(new PolicyProblem(pos.file(), pos.line(), pos.col(), message));
    }

    private static String sorted(Set<String> s) {
        return new java.util.TreeSet<>(s).toString();
    }

    private static String hash(List<PolicySource> sources) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (PolicySource s : sources) {
                md.update(s.layer().label().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(s.text().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return "sha256:" + HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
