package dev.warden.cli;

import dev.warden.call.Decision;
import dev.warden.call.ToolCall;
import dev.warden.call.WardenException;
import dev.warden.engine.Engine;
import dev.warden.engine.EngineConfig;
import dev.warden.policy.Binding;
import dev.warden.policy.Layer;
import dev.warden.policy.Policy;
import dev.warden.policy.PolicyException;
import dev.warden.policy.PolicyLoader;
import dev.warden.policy.PolicyProblem;
import dev.warden.policy.PolicyTestCase;
import dev.warden.policy.Profile;
import dev.warden.policy.Rule;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warden policy show|lint|test}. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Show, lint and test the policy.",
        subcommands = {PolicyCommand.Show.class, PolicyCommand.Lint.class, PolicyCommand.Test.class, PolicyCommand.Packs.class})
final class PolicyCommand {

    /** Options every policy subcommand shares. */
    static final class Target {
        @Option(names = "--project", paramLabel = "DIR", description = "The project whose policy applies (default: current directory)")
        Path project = Path.of("");

        @Option(names = "--policy", paramLabel = "FILE", description = "Use this policy file instead of the user and project layers")
        @Nullable Path policy;

        @Mixin HomeOption home;

        EngineConfig config() {
            return Wiring.config(home.home, policy);
        }

        Path projectDir() {
            return project.toAbsolutePath().normalize();
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = {
            "Show the merged policy: layers, mode, settings, profiles, bindings and rules.",
            "Exit codes: 0 shown; 65 the policy does not compile."})
    static final class Show implements Callable<Integer> {
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Mixin Target target;

        @Option(names = "--builtin", description = "Print the built-in default policy's YAML")
        boolean builtin;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (builtin) {
                out.print(PolicyLoader.builtin().text());
                return ExitCodes.OK;
            }
            Policy p = Wiring.simulator(target.config()).policyFor(target.projectDir());
            out.println("policy " + p.hash() + "  mode: " + p.mode().name().toLowerCase(Locale.ROOT));
            out.println("layers (lowest first):");
            p.sources().forEach(s -> out.println("  " + s));
            out.println("settings:");
            out.println("  protected branches: " + String.join(", ", new java.util.TreeSet<>(p.settings().protectedBranches())));
            p.settings().production().forEach((k, v) -> out.println("  production " + k + ": " + String.join(", ", new java.util.TreeSet<>(v))));
            StringBuilder sev = new StringBuilder();
            p.settings().severityEffects().entrySet().stream()
                    .sorted((a, b) -> b.getKey().compareTo(a.getKey()))
                    .forEach(e -> sev.append(e.getKey().label()).append("=").append(e.getValue().label()).append(' '));
            out.println("  severity: " + sev.toString().strip());
            p.settings().findingEffects().forEach(f -> out.println("  finding " + f.pattern() + " -> " + f.effect().label()
                    + (f.floor() ? " (floor)" : "")));
            out.println("profiles:");
            for (Profile pr : p.profiles()) {
                out.println("  " + pr.name() + " [" + pr.layer().label() + "]" + (pr.description().isEmpty() ? "" : " — " + pr.description()));
                out.println("    tools:    " + String.join(", ", pr.tools()));
                out.println("    commands: " + String.join(", ", pr.commands()));
                out.println("    read:     " + String.join(", ", pr.read()));
                out.println("    write:    " + String.join(", ", pr.write()));
                out.println("    network:  " + String.join(", ", pr.network()));
            }
            out.println("bindings (first match wins):");
            for (Binding b : p.bindings()) {
                List<String> when = new ArrayList<>();
                b.main().ifPresent(m -> when.add(m ? "main agent" : "any subagent"));
                b.agentType().ifPresent(t -> when.add("agent_type=" + t));
                b.project().ifPresent(t -> when.add("project=" + t));
                b.label().ifPresent(t -> when.add("label=" + t));
                out.println("  " + String.join(" & ", when) + " -> " + b.profile() + " [" + b.layer().label() + "]");
            }
            out.println("rules:");
            if (p.rules().isEmpty()) {
                out.println("  (none beyond the rule packs' findings)");
            }
            for (Rule r : p.rules()) {
                out.println("  " + r.id() + " [" + r.layer().label() + "] " + r.effect().label()
                        + (r.match().isEmpty() ? "" : " match " + r.match()) + (r.when().isBlank() ? "" : " when " + r.when()));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "packs", mixinStandardHelpOptions = true, description = {
            "List every rule-pack finding Warden can report: id, default severity, what it means, an example,",
            "and what the agent is told to do instead. Policies refer to these ids (settings.findings).",
            "Exit codes: 0."})
    static final class Packs implements Callable<Integer> {
        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or markdown")
        String format = "table";

        @Override
        public Integer call() {
            if (!format.equals("table") && !format.equals("markdown")) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format must be table or markdown");
            }
            spec.commandLine().getOut().print(format.equals("markdown") ? RuleCatalog.markdown() : RuleCatalog.table());
            return ExitCodes.OK;
        }
    }

    @Command(name = "lint", mixinStandardHelpOptions = true, description = {
            "Compile the policy and report every problem (file:line:col) and likely mistakes.",
            "Exit codes: 0 clean (warnings allowed); 1 problems found."})
    static final class Lint implements Callable<Integer> {
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Mixin Target target;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Policy p;
            try {
                p = Wiring.simulator(target.config()).policyFor(target.projectDir());
            } catch (PolicyException e) {
                for (PolicyProblem pr : e.problems()) {
                    out.println("error: " + pr);
                }
                out.println(e.problems().size() + " problem" + (e.problems().size() == 1 ? "" : "s"));
                return ExitCodes.FAILED;
            }
            List<String> warnings = new ArrayList<>();
            Set<String> bound = new HashSet<>();
            p.bindings().forEach(b -> bound.add(b.profile()));
            Set<String> parents = new HashSet<>();
            for (Profile pr : p.profiles()) {
                if (pr.layer() != Layer.BUILTIN && !bound.contains(pr.name())) {
                    warnings.add("profile '" + pr.name() + "' is not bound to any agent (add a binding, or extend it)");
                }
            }
            for (Rule r : p.rules()) {
                if (r.effect() == dev.warden.call.Effect.ALLOW && r.when().isBlank()
                        && r.match().stream().anyMatch(m -> m.equals("*") || m.equals("Bash") || m.equals("Bash(*)"))) {
                    warnings.add(r.at() + ": rule '" + r.id() + "' allows every " + r.match() + " call; "
                            + "it lifts every profile's command scope");
                }
            }
            parents.clear();
            warnings.forEach(w -> out.println("warning: " + w));
            out.println("policy " + p.hash() + " compiles: " + p.profiles().size() + " profiles, " + p.bindings().size()
                    + " bindings, " + p.rules().size() + " rules" + (warnings.isEmpty() ? "" : ", " + warnings.size() + " warnings"));
            return ExitCodes.OK;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true, description = {
            "Run policy test cases (a call -> the expected decision), like `opa test`.",
            "FILES default to every *.yaml under the project's .warden/tests/.",
            "Exit codes: 0 every case passed; 1 a case failed; 65 a test file or the policy is invalid."})
    static final class Test implements Callable<Integer> {
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Mixin Target target;

        @Parameters(paramLabel = "FILES", arity = "0..*", description = "Test files or folders")
        List<Path> files = new ArrayList<>();

        @Option(names = {"-v", "--verbose"}, description = "Print passing cases too")
        boolean verbose;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            List<Path> inputs = files.isEmpty() ? List.of(target.projectDir().resolve(".warden/tests")) : files;
            List<Path> testFiles = new ArrayList<>();
            for (Path in : inputs) {
                if (Files.isDirectory(in)) {
                    try (Stream<Path> s = Files.walk(in)) {
                        s.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().forEach(testFiles::add);
                    }
                } else if (Files.isRegularFile(in)) {
                    testFiles.add(in);
                } else {
                    throw new WardenException(WardenException.Kind.NOT_FOUND, "no test file or folder at " + in);
                }
            }
            Engine engine = Wiring.simulator(target.config());
            int passed = 0;
            int failed = 0;
            for (Path f : testFiles) {
                List<PolicyTestCase> cases = PolicyTestCase.parse(f.toString(), Files.readString(f, StandardCharsets.UTF_8));
                for (PolicyTestCase tc : cases) {
                    String cwd = tc.cwd() == null ? target.projectDir().toString()
                            : target.projectDir().resolve(tc.cwd()).normalize().toString();
                    ToolCall call = new ToolCall("test", "policy-test", tc.agentType() == null ? null : "test-agent",
                            tc.agentType(), cwd, tc.tool(), tc.input(), null, null, tc.label());
                    Decision d = engine.evaluate(call).decision();
                    List<String> wrong = new ArrayList<>();
                    if (d.effect() != tc.expect()) {
                        wrong.add("expected " + tc.expect().label() + ", got " + d.effect().label());
                    }
                    if (!d.rules().containsAll(tc.rules())) {
                        wrong.add("expected rules " + tc.rules() + ", got " + d.rules());
                    }
                    if (tc.profile() != null && !tc.profile().equals(d.profile())) {
                        wrong.add("expected profile " + tc.profile() + ", got " + d.profile());
                    }
                    if (wrong.isEmpty()) {
                        passed++;
                        if (verbose) {
                            out.println("PASS " + tc.at() + " " + tc.name());
                        }
                    } else {
                        failed++;
                        out.println("FAIL " + tc.at() + " " + tc.name() + ": " + String.join("; ", wrong));
                        out.println("     decision: " + d.explain());
                    }
                }
            }
            out.println((failed == 0 ? "PASS" : "FAIL") + ": " + passed + " passed, " + failed + " failed ("
                    + testFiles.size() + " file" + (testFiles.size() == 1 ? "" : "s") + ")");
            return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }
}
