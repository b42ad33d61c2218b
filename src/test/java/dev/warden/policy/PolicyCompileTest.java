package dev.warden.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Compiling policies: every problem at once, each with file:line:col. */
class PolicyCompileTest {

    private static List<PolicyProblem> problems(String yaml) {
        try {
            Calls.policy(yaml);
        } catch (PolicyException e) {
            return e.problems();
        }
        throw new AssertionError("expected the policy not to compile");
    }

    @Test
    void theBuiltinPolicyCompiles() {
        Policy p = Calls.builtin();
        assertThat(p.profiles()).extracting(Profile::name).contains("developer", "subagent", "readonly");
        assertThat(p.hash()).startsWith("sha256:");
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsLocation() {
        List<PolicyProblem> ps = problems("""
                version: 1
                mode: loud
                profiles:
                  a:
                    tools: [Read]
                    colour: blue
                rules:
                  - id: r1
                    effect: maybe
                    match: "Bash(git push:*)"
                  - id: r2
                    effect: deny
                    match: "Frobnicate(x)"
                  - effect: deny
                    match: Bash
                bindings:
                  - agent_type: x
                    profile: nope
                """);
        assertThat(ps).extracting(PolicyProblem::toString).anySatisfy(s -> assertThat(s).startsWith("project.yaml:2:7").contains("mode must be"))
                .anySatisfy(s -> assertThat(s).startsWith("project.yaml:6:5").contains("unknown key 'colour'"))
                .anySatisfy(s -> assertThat(s).startsWith("project.yaml:9:13").contains("unknown effect 'maybe'"))
                .anySatisfy(s -> assertThat(s).contains("unknown matcher tool 'Frobnicate'"))
                .anySatisfy(s -> assertThat(s).startsWith("project.yaml:14:5").contains("needs an 'id'"))
                .anySatisfy(s -> assertThat(s).startsWith("project.yaml:17:5").contains("unknown profile 'nope'"));
        assertThat(ps).hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void celTypeErrorsPointIntoTheExpression() {
        List<PolicyProblem> ps = problems("""
                rules:
                  - id: bad-cel
                    effect: deny
                    when: 'tool == 42 && nosuchvar'
                """);
        assertThat(ps).isNotEmpty();
        assertThat(ps).allSatisfy(p -> {
            assertThat(p.file()).isEqualTo("project.yaml");
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).startsWith("in 'when':");
        });
    }

    @Test
    void invalidYamlIsAProblemNotACrash() {
        assertThat(problems("rules: [\n  - id: x\n")).singleElement().satisfies(p -> assertThat(p.message()).startsWith("invalid YAML"));
        assertThat(problems("- just\n- a list\n")).singleElement().satisfies(p -> assertThat(p.message()).contains("must be a mapping"));
        assertThat(problems("a: &x [1]\nb: *x\n")).isNotEmpty();
    }

    @Test
    void duplicateKeysAreRefused() {
        assertThat(problems("mode: enforce\nmode: monitor\n")).singleElement()
                .satisfies(p -> assertThat(p).hasToString("project.yaml:2:1: duplicate key 'mode'"));
    }

    @Test
    void extendsCyclesAndUnknownParentsAreReported() {
        assertThat(problems("""
                profiles:
                  a: { extends: b }
                  b: { extends: a }
                """)).anySatisfy(p -> assertThat(p.message()).contains("extends itself"));
        assertThat(problems("""
                profiles:
                  a: { extends: ghost }
                """)).anySatisfy(p -> assertThat(p.message()).contains("unknown profile 'ghost'"));
    }

    @Test
    void aRuleThatWouldMatchEverythingIsRefused() {
        assertThat(problems("""
                rules:
                  - id: everything
                    effect: deny
                """)).singleElement().satisfies(p -> assertThat(p.message()).contains("needs 'match' and/or 'when'"));
    }

    @Test
    void contradictoryBindingsAreReported() {
        assertThat(problems("""
                bindings:
                  - agent_type: x
                    main: true
                    profile: developer
                """)).anySatisfy(p -> assertThat(p.message()).contains("main agent has no agent_type"));
    }

    @Test
    void anEmptyProjectPolicyIsTheBuiltinPolicy() {
        Policy p = Calls.policy("");
        assertThat(p.profiles()).extracting(Profile::name).contains("developer");
    }

    @Test
    void policyExceptionMessageListsAllProblems() {
        assertThatThrownBy(() -> Calls.policy("mode: x\nrules: 3\n"))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("2 problems")
                .hasMessageContaining("project.yaml:1:7")
                .hasMessageContaining("project.yaml:2:8");
    }
}
