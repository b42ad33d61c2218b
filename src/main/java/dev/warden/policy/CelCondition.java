package dev.warden.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.Program;
import dev.warden.call.Command;
import dev.warden.call.Finding;
import dev.warden.call.PathUse;
import dev.warden.call.ToolCall;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A rule's {@code when}: a CEL expression over the call and its analysis, type-checked at compile
 * time and evaluated per call.
 *
 * <p>Variables: {@code tool}, {@code command} (the raw Bash line, or ""), {@code input} (the tool
 * input), {@code agent} ({@code id}, {@code type}, {@code main}), {@code session}, {@code cwd},
 * {@code project}, {@code profile}, {@code label}, {@code commands} (each {@code program},
 * {@code argv}, {@code line}, {@code via}, {@code remote}), {@code findings} (each {@code id},
 * {@code category}, {@code severity}, {@code message}, {@code evidence}), {@code paths} (each
 * {@code path}, {@code access}: read|write|delete|execute|list) and {@code hosts}.
 *
 * <p>The CEL compiler and runtime are loaded only when a policy has a {@code when}, so the
 * default policy does not pay for them on every hook process start.
 */
final class CelCondition {

    private final String source;
    private final Program program;

    private CelCondition(String source, Program program) {
        this.source = source;
        this.program = program;
    }

    String source() {
        return source;
    }

    /** Compiles; returns the problems (with line/col inside the expression) on failure. */
    static CelCondition compile(String expression, Yaml.Pos at, List<PolicyProblem> problems) {
        CelValidationResult result = Env.COMPILER.compile(expression, "when");
        if (result.hasError()) {
            for (CelIssue issue : result.getErrors()) {
                int line = at.line() + Math.max(0, issue.getSourceLocation().getLine() - 1);
                int col = issue.getSourceLocation().getLine() <= 1
                        ? at.col() + Math.max(0, issue.getSourceLocation().getColumn())
                        : issue.getSourceLocation().getColumn() + 1;
                problems.add(new PolicyProblem(at.file(), line, col, "in 'when': " + issue.getMessage()));
            }
            return null;
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            if (!ast.getResultType().equals(SimpleType.BOOL) && !ast.getResultType().equals(SimpleType.DYN)) {
                problems.add(new PolicyProblem(at.file(), at.line(), at.col(),
                        "'when' must be a boolean expression, this one is " + ast.getResultType().name()));
                return null;
            }
            return new CelCondition(expression, Env.RUNTIME.createProgram(ast));
        } catch (CelValidationException | CelEvaluationException e) {
            problems.add(new PolicyProblem(at.file(), at.line(), at.col(), "in 'when': " + e.getMessage()));
            return null;
        }
    }

    /**
     * Evaluates against a call.
     *
     * @throws CelEvaluationException when the expression fails at run time (e.g. a missing key);
     *                                the caller decides what failing closed means for its rule
     */
    boolean test(Subject s) throws CelEvaluationException {
        Object r = program.eval(s.activation());
        return r instanceof Boolean b && b;
    }

    /** Builds the variables for one call; done at most once per call, only if a rule needs it. */
    static Map<String, Object> activation(Subject s) {
        ToolCall c = s.call;
        Map<String, Object> vars = new HashMap<>(24);
        vars.put("tool", c.tool());
        vars.put("command", c.tool().equals("Bash") ? c.text("command").orElse("") : "");
        vars.put("input", c.input());
        Map<String, Object> agent = new LinkedHashMap<>();
        agent.put("id", nz(c.agentId()));
        agent.put("type", nz(c.agentType()));
        agent.put("main", c.mainAgent());
        vars.put("agent", agent);
        vars.put("session", c.sessionId());
        vars.put("cwd", c.cwd());
        vars.put("project", s.project);
        vars.put("profile", s.profile);
        vars.put("label", nz(c.label()));
        List<Object> commands = new ArrayList<>();
        List<Command> cs = s.analysis.commands();
        for (int i = 0; i < cs.size(); i++) {
            Command cmd = cs.get(i);
            Map<String, Object> m = new HashMap<>(8);
            m.put("program", cmd.program());
            m.put("argv", cmd.argv());
            m.put("line", s.lines.get(i));
            m.put("via", cmd.via());
            m.put("remote", cmd.remote());
            commands.add(m);
        }
        vars.put("commands", commands);
        List<Object> findings = new ArrayList<>();
        for (Finding f : s.analysis.findings()) {
            Map<String, Object> m = new HashMap<>(8);
            m.put("id", f.id());
            m.put("category", f.category());
            m.put("severity", f.severity().label());
            m.put("message", f.message());
            m.put("evidence", f.evidence());
            findings.add(m);
        }
        vars.put("findings", findings);
        List<Object> paths = new ArrayList<>();
        for (PathUse p : s.analysis.paths()) {
            paths.add(Map.of("path", p.path(), "access", p.access().name().toLowerCase(java.util.Locale.ROOT)));
        }
        vars.put("paths", paths);
        vars.put("hosts", List.copyOf(s.analysis.hosts()));
        return vars;
    }

    private static String nz(@Nullable String s) {
        return s == null ? "" : s;
    }

    /** Holder: CEL is initialised on first use only. */
    private static final class Env {
        static final CelCompiler COMPILER;
        static final CelRuntime RUNTIME;

        static {
            MapType obj = MapType.create(SimpleType.STRING, SimpleType.DYN);
            COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
                    .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                    .addLibraries(CelExtensions.strings())
                    .addVar("tool", SimpleType.STRING)
                    .addVar("command", SimpleType.STRING)
                    .addVar("input", obj)
                    .addVar("agent", obj)
                    .addVar("session", SimpleType.STRING)
                    .addVar("cwd", SimpleType.STRING)
                    .addVar("project", SimpleType.STRING)
                    .addVar("profile", SimpleType.STRING)
                    .addVar("label", SimpleType.STRING)
                    .addVar("commands", ListType.create(obj))
                    .addVar("findings", ListType.create(obj))
                    .addVar("paths", ListType.create(obj))
                    .addVar("hosts", ListType.create(SimpleType.STRING))
                    .setResultType(SimpleType.BOOL)
                    .build();
            RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
                    .addLibraries(CelExtensions.strings())
                    .build();
        }
    }
}
