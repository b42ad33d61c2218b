package dev.warden.policy;

import dev.warden.call.Analysis;
import dev.warden.call.Command;
import dev.warden.call.Finding;
import dev.warden.call.PathUse;
import dev.warden.call.Severity;
import dev.warden.call.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Test fixtures: calls and analyses written by hand, so policy tests do not depend on analysis. */
final class Calls {

    static final String PROJECT = "/home/dev/project";
    static final String HOME = "/home/dev";

    private Calls() {}

    static ToolCall main(String tool, Map<String, Object> input) {
        return new ToolCall("claude", "s1", null, null, PROJECT, tool, input, "t1", "default", null);
    }

    static ToolCall sub(String agentType, String tool, Map<String, Object> input) {
        return new ToolCall("claude", "s1", "a1", agentType, PROJECT, tool, input, "t1", "default", null);
    }

    static ToolCall labelled(String label, String tool, Map<String, Object> input) {
        return new ToolCall("claude", "s1", null, null, PROJECT, tool, input, "t1", "default", label);
    }

    static Analysis bash(String... argvLines) {
        List<Command> cs = new ArrayList<>();
        for (String line : argvLines) {
            cs.add(Command.of(line.split(" ")));
        }
        return new Analysis(cs, List.of(), Set.of(), List.of());
    }

    static Analysis paths(PathUse... uses) {
        return new Analysis(List.of(), List.of(uses), Set.of(), List.of());
    }

    static Analysis hosts(String... hosts) {
        return new Analysis(List.of(), List.of(), Set.of(hosts), List.of());
    }

    static Analysis findings(Finding... findings) {
        return new Analysis(List.of(), List.of(), Set.of(), List.of(findings));
    }

    static Finding finding(String id, Severity severity) {
        return new Finding(id, severity, id + " found", "evidence of " + id, "do something else");
    }

    static PathUse read(String path) {
        return new PathUse(path, PathUse.Access.READ, "test");
    }

    static PathUse write(String path) {
        return new PathUse(path, PathUse.Access.WRITE, "test");
    }

    static Policy policy(String projectYaml) {
        return PolicyLoader.compile(List.of(PolicyLoader.builtin(), new PolicySource(Layer.PROJECT, "project.yaml", projectYaml)));
    }

    static Policy policy(String projectYaml, String orgYaml) {
        return PolicyLoader.compile(List.of(PolicyLoader.builtin(),
                new PolicySource(Layer.PROJECT, "project.yaml", projectYaml),
                new PolicySource(Layer.ORG, "org.yaml", orgYaml)));
    }

    static Policy builtin() {
        return PolicyLoader.compile(List.of(PolicyLoader.builtin()));
    }
}
