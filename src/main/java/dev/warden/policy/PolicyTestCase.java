package dev.warden.policy;

import dev.warden.call.Effect;
import dev.warden.policy.Yaml.YList;
import dev.warden.policy.Yaml.YMap;
import dev.warden.policy.Yaml.YNode;
import dev.warden.policy.Yaml.YScalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One policy test case: a call and the decision the policy must make for it. Files hold a list
 * under {@code cases:}:
 *
 * <pre>
 * cases:
 *   - name: force push to main needs a human
 *     tool: Bash
 *     input: { command: "git push --force origin main" }
 *     expect: approve            # allow | deny | approve | ask
 *     rules: [git.force-push]    # optional: these rule ids must be among the deciding ones
 *   - name: reviewers cannot write
 *     agent_type: code-reviewer  # optional; also agent_id, label, cwd (default: the project)
 *     tool: Write
 *     input: { file_path: src/Main.java, content: "" }
 *     expect: deny
 *     profile: reviewer          # optional: the profile that must govern the call
 * </pre>
 *
 * @param name      what the case shows
 * @param at        file:line of the case
 * @param tool      tool name
 * @param input     tool input (JSON-like values)
 * @param agentType subagent type, or null for the main agent
 * @param label     binding label, or null
 * @param cwd       working directory, or null for the project
 * @param expect    the expected decision
 * @param rules     rule ids that must be among the deciding rules
 * @param profile   the profile that must govern the call, or null
 */
public record PolicyTestCase(String name, String at, String tool, Map<String, @Nullable Object> input,
        @Nullable String agentType, @Nullable String label, @Nullable String cwd, Effect expect, List<String> rules,
        @Nullable String profile) {

    private static final Set<String> KEYS = Set.of("name", "tool", "input", "agent_type", "agent_id", "label", "cwd",
            "expect", "rules", "profile");

    /** Parses a test file; every problem is reported at once. */
    public static List<PolicyTestCase> parse(String file, String text) {
        List<PolicyProblem> problems = new ArrayList<>();
        List<PolicyTestCase> out = new ArrayList<>();
        Optional<YNode> doc = Yaml.parse(file, text, problems);
        if (doc.isPresent()) {
            if (doc.get() instanceof YMap top && top.get("cases") instanceof YList cases) {
                int i = 0;
                for (YNode c : cases.items()) {
                    i++;
                    PolicyTestCase tc = one(c, i, problems);
                    if (tc != null) {
                        out.add(tc);
                    }
                }
            } else {
                problems.add(new PolicyProblem(file, 1, 1, "a policy test file needs a list under 'cases:'"));
            }
        }
        if (!problems.isEmpty()) {
            throw new PolicyException(problems);
        }
        return out;
    }

    private static @Nullable PolicyTestCase one(YNode node, int index, List<PolicyProblem> problems) {
        Yaml.Pos p = node.pos();
        if (!(node instanceof YMap m)) {
            problems.add(new PolicyProblem(p.file(), p.line(), p.col(), "a test case must be a mapping"));
            return null;
        }
        for (Map.Entry<String, Yaml.Pos> k : m.keyPos().entrySet()) {
            if (!KEYS.contains(k.getKey())) {
                problems.add(new PolicyProblem(p.file(), k.getValue().line(), k.getValue().col(),
                        "unknown key '" + k.getKey() + "' in test case; expected one of " + new java.util.TreeSet<>(KEYS)));
            }
        }
        String name = str(m, "name");
        String tool = str(m, "tool");
        String expect = str(m, "expect");
        if (tool == null) {
            problems.add(new PolicyProblem(p.file(), p.line(), p.col(), "test case " + index + " needs 'tool'"));
        }
        Effect e = expect == null ? null : Effect.parse(expect).filter(x -> x != Effect.LOG).orElse(null);
        if (e == null) {
            problems.add(new PolicyProblem(p.file(), p.line(), p.col(), "test case " + index
                    + " needs 'expect': allow, deny, approve or ask"));
        }
        Object input = m.get("input") == null ? Map.of() : java(m.get("input"));
        if (!(input instanceof Map<?, ?>)) {
            problems.add(new PolicyProblem(p.file(), p.line(), p.col(), "'input' must be a mapping"));
            input = Map.of();
        }
        List<String> rules = new ArrayList<>();
        if (m.get("rules") instanceof YList l) {
            l.items().forEach(n -> rules.add(n instanceof YScalar s ? s.value() : ""));
        } else if (m.get("rules") instanceof YScalar s) {
            rules.add(s.value());
        }
        if (tool == null || e == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, @Nullable Object> in = (Map<String, @Nullable Object>) input;
        return new PolicyTestCase(name == null ? "case " + index : name, p.toString(), tool, in, str(m, "agent_type"),
                str(m, "label"), str(m, "cwd"), e, rules, str(m, "profile"));
    }

    private static @Nullable String str(YMap m, String key) {
        return m.get(key) instanceof YScalar s ? s.value() : null;
    }

    /** YAML values as JSON-like Java values; plain scalars keep YAML's numbers and booleans. */
    private static @Nullable Object java(YNode n) {
        return switch (n) {
            case YMap m -> {
                Map<String, @Nullable Object> out = new LinkedHashMap<>();
                m.entries().forEach((k, v) -> out.put(k, java(v)));
                yield out;
            }
            case YList l -> {
                List<@Nullable Object> out = new ArrayList<>();
                l.items().forEach(i -> out.add(java(i)));
                yield out;
            }
            case YScalar s when !s.plain() -> s.value();
            case YScalar s -> {
                String v = s.value();
                if (v.equals("true") || v.equals("false")) {
                    yield Boolean.parseBoolean(v);
                }
                if (v.equals("null") || v.equals("~")) {
                    yield null;
                }
                try {
                    yield Long.parseLong(v);
                } catch (NumberFormatException e) {
                    yield v;
                }
            }
        };
    }
}
