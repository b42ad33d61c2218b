package dev.warden.policy;

import dev.warden.call.PathUse;
import dev.warden.call.ToolCall;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A rule's {@code match}: Claude Code's permission-rule syntax, applied to what the call really
 * does.
 *
 * <p>Two readings, because permission and prohibition differ on compound calls:
 * {@link #anyPart} (deny, approve, ask, log rules) matches when ANY part matches, across tools —
 * {@code Read(~/.ssh/**)} also catches {@code cat ~/.ssh/id_rsa} in Bash. {@link #allParts}
 * (allow rules) matches only the tool the pattern names, and only when EVERY part matches —
 * {@code Bash(git status)} does not allow {@code git status; rm -rf ~}.
 */
sealed interface CallMatcher {

    /** The first part of the call that matches, for explanations; empty when none does. */
    Optional<String> anyPart(Subject s);

    /** True when the call is of this matcher's tool and all of its relevant parts match. */
    boolean allParts(Subject s);

    String source();

    Set<String> READ_TOOLS = Set.of("Read", "Grep", "Glob", "LS", "NotebookRead");
    Set<String> WRITE_TOOLS = Set.of("Write", "Edit", "MultiEdit", "NotebookEdit");

    /** Compiles {@code Tool}, {@code Tool(spec)}, a tool-name glob or {@code mcp__server__tool}. */
    static CallMatcher compile(String text) {
        String t = text.strip();
        int open = t.indexOf('(');
        if (open < 0) {
            if (t.isEmpty()) {
                throw new IllegalArgumentException("empty matcher");
            }
            return new ToolName(t);
        }
        if (!t.endsWith(")")) {
            throw new IllegalArgumentException("matcher '" + t + "' opens '(' but does not end with ')'");
        }
        String tool = t.substring(0, open).strip();
        String spec = t.substring(open + 1, t.length() - 1).strip();
        if (spec.isEmpty() || spec.equals("*")) {
            return new ToolName(tool);
        }
        return switch (tool) {
            case "Bash" -> new Bash(t, CommandPattern.compile(spec));
            case "Read", "Grep", "Glob", "LS", "NotebookRead" -> new Paths(t, false, PathPattern.compile(spec));
            case "Edit", "Write", "MultiEdit", "NotebookEdit" -> new Paths(t, true, PathPattern.compile(spec));
            case "WebFetch", "WebSearch" -> {
                if (!spec.startsWith("domain:")) {
                    throw new IllegalArgumentException(tool + " matchers take 'domain:HOST', e.g. WebFetch(domain:example.com)");
                }
                yield new Domain(t, DomainPattern.compile(spec));
            }
            case "Agent", "Task" -> new Agent(t, spec);
            default -> throw new IllegalArgumentException("unknown matcher tool '" + tool
                    + "': use Bash(...), Read(...), Edit(...), Write(...), WebFetch(domain:...), Agent(type) or a tool name");
        };
    }

    /** Any call of a tool whose name matches the glob ({@code Bash}, {@code mcp__github__*}, {@code *}). */
    record ToolName(String source) implements CallMatcher {
        @Override
        public Optional<String> anyPart(Subject s) {
            return Glob.matches(source, s.call.tool()) ? Optional.of(s.call.tool()) : Optional.empty();
        }

        @Override
        public boolean allParts(Subject s) {
            return anyPart(s).isPresent();
        }
    }

    /** A command pattern over the simple commands a Bash call runs. */
    record Bash(String source, CommandPattern pattern) implements CallMatcher {
        @Override
        public Optional<String> anyPart(Subject s) {
            for (int i = 0; i < s.lines.size(); i++) {
                if (pattern.matches(s.lines.get(i))) {
                    return Optional.of(s.analysis.commands().get(i).text());
                }
            }
            return Optional.empty();
        }

        @Override
        public boolean allParts(Subject s) {
            if (!s.call.tool().equals("Bash") || s.lines.isEmpty()) {
                return false;
            }
            for (String line : s.lines) {
                if (!pattern.matches(line)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A path glob over what the call reads ({@code Read(...)}) or writes ({@code Edit(...)}). */
    record Paths(String source, boolean write, PathPattern pattern) implements CallMatcher {
        private boolean relevant(PathUse p) {
            return write ? p.access() == PathUse.Access.WRITE || p.access() == PathUse.Access.DELETE
                    : p.access() == PathUse.Access.READ || p.access() == PathUse.Access.LIST;
        }

        @Override
        public Optional<String> anyPart(Subject s) {
            for (PathUse p : s.analysis.paths()) {
                if (relevant(p) && pattern.matches(p.path(), s.project, s.home)) {
                    return Optional.of(p.path());
                }
            }
            return Optional.empty();
        }

        @Override
        public boolean allParts(Subject s) {
            Set<String> tools = write ? WRITE_TOOLS : READ_TOOLS;
            if (!tools.contains(s.call.tool())) {
                return false;
            }
            boolean any = false;
            for (PathUse p : s.analysis.paths()) {
                if (!pattern.matches(p.path(), s.project, s.home)) {
                    return false;
                }
                any = true;
            }
            return any;
        }
    }

    /** A domain over the hosts the call contacts ({@code WebFetch(domain:example.com)}). */
    record Domain(String source, DomainPattern pattern) implements CallMatcher {
        @Override
        public Optional<String> anyPart(Subject s) {
            for (String h : s.analysis.hosts()) {
                if (pattern.matches(h)) {
                    return Optional.of(h);
                }
            }
            return Optional.empty();
        }

        @Override
        public boolean allParts(Subject s) {
            String tool = s.call.tool();
            if (!tool.equals("WebFetch") && !tool.equals("WebSearch")) {
                return false;
            }
            if (s.analysis.hosts().isEmpty()) {
                return false;
            }
            for (String h : s.analysis.hosts()) {
                if (!pattern.matches(h)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The subagent type an {@code Agent} (formerly {@code Task}) call starts. */
    record Agent(String source, String typeGlob) implements CallMatcher {
        @Override
        public Optional<String> anyPart(Subject s) {
            ToolCall c = s.call;
            if (!c.tool().equals("Agent") && !c.tool().equals("Task")) {
                return Optional.empty();
            }
            String type = c.text("subagent_type").orElse("general-purpose");
            return Glob.matches(typeGlob.toLowerCase(Locale.ROOT), type.toLowerCase(Locale.ROOT))
                    ? Optional.of("subagent " + type) : Optional.empty();
        }

        @Override
        public boolean allParts(Subject s) {
            return anyPart(s).isPresent();
        }
    }
}
