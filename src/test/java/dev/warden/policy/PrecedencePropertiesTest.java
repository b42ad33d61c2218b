package dev.warden.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.call.Analysis;
import dev.warden.call.Decision;
import dev.warden.call.Effect;
import dev.warden.call.Finding;
import dev.warden.call.Severity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Precedence holds for any mix of findings: the strongest mapped effect decides, log never does. */
class PrecedencePropertiesTest {

    private static final Policy POLICY = Calls.builtin();

    @Provide
    Arbitrary<List<Severity>> severities() {
        return Arbitraries.of(Severity.class).list().ofMaxSize(8);
    }

    @Property(tries = 500)
    void theStrongestFindingDecides(@ForAll("severities") List<Severity> severities) {
        List<Finding> findings = severities.stream().map(s -> Calls.finding("p.r" + s.ordinal(), s)).toList();
        Decision d = POLICY.decide(Calls.main("Bash", Map.of()), new Analysis(List.of(), List.of(), Set.of(), findings),
                Calls.PROJECT, Calls.HOME);
        Effect expected = Effect.ALLOW;
        for (Severity s : severities) {
            Effect e = POLICY.settings().effectOf("p.r" + s.ordinal(), s);
            if (e != Effect.LOG && e != Effect.ALLOW) {
                expected = expected.max(e);
            }
        }
        assertThat(d.effect()).isEqualTo(expected);
        assertThat(d.reasons()).hasSize(findings.size());
        for (int i = 1; i < d.reasons().size(); i++) {
            assertThat(d.reasons().get(i - 1).effect()).isGreaterThanOrEqualTo(d.reasons().get(i).effect());
        }
        if (expected != Effect.ALLOW) {
            assertThat(d.rules()).isNotEmpty();
            assertThat(d.explain()).contains(d.rules().get(0));
        }
    }

    @Property(tries = 200)
    void anOutOfScopeCallIsDeniedWhateverElseMatches(@ForAll("severities") List<Severity> severities) {
        Policy p = Calls.policy("""
                profiles:
                  tiny: { tools: [Read] }
                bindings:
                  - agent_type: tiny
                    profile: tiny
                """);
        List<Finding> findings = severities.stream().map(s -> Calls.finding("p.r" + s.ordinal(), s)).toList();
        Decision d = p.decide(Calls.sub("tiny", "Bash", Map.of()), new Analysis(List.of(), List.of(), Set.of(), findings),
                Calls.PROJECT, Calls.HOME);
        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.rules()).contains("profile.tool");
    }
}
