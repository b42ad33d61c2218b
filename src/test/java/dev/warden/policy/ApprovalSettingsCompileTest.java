package dev.warden.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** settings.approval, settings.limits and per-rule approval gates: compiled values and compile problems. */
class ApprovalSettingsCompileTest {

    private static List<PolicyProblem> problems(String yaml) {
        try {
            Calls.policy(yaml);
        } catch (PolicyException e) {
            return e.problems();
        }
        throw new AssertionError("expected the policy not to compile");
    }

    @Test
    void defaultsApplyWhenNothingIsSaid() {
        Policy p = Calls.builtin();
        assertThat(p.settings().approval()).isEqualTo(Approval.DEFAULT);
        assertThat(p.settings().limits()).isEqualTo(Limits.DEFAULT);
    }

    @Test
    void settingsAndRuleGatesCompile() {
        Policy p = Calls.policy("""
                version: 1
                settings:
                  approval:
                    approvers: [approver, "team:infra", "user:alice"]
                    required: 2
                    reason_required: true
                    expires: 15m
                    scope: rule
                    grant_for: 1h
                    allow_self: true
                  limits:
                    denials:
                      session: {count: 5, window: 2m, quarantine: true}
                      agent: {count: 3, window: 30s}
                    rate: {session: 120, agent: 60, profile: 1000}
                rules:
                  - id: deploy
                    effect: approve
                    match: ["Bash(./deploy.sh:*)"]
                    approval: {approvers: ["team:sre"], expires: 90}
                """);
        Approval a = p.settings().approval();
        assertThat(a.approvers()).containsExactly("approver", "team:infra", "user:alice");
        assertThat(a.required()).isEqualTo(2);
        assertThat(a.reasonRequired()).isTrue();
        assertThat(a.expires()).isEqualTo(Duration.ofMinutes(15));
        assertThat(a.scope()).isEqualTo(Approval.Scope.RULE);
        assertThat(a.grantFor()).isEqualTo(Duration.ofHours(1));
        assertThat(a.allowSelf()).isTrue();
        Limits l = p.settings().limits();
        assertThat(l.sessionDenials()).isEqualTo(new Limits.Threshold(5, Duration.ofMinutes(2), true));
        assertThat(l.agentDenials()).isEqualTo(new Limits.Threshold(3, Duration.ofSeconds(30), false));
        assertThat(List.of(l.sessionRate(), l.agentRate(), l.profileRate())).containsExactly(120, 60, 1000);
        Rule deploy = p.rules().stream().filter(r -> r.id().equals("deploy")).findFirst().orElseThrow();
        assertThat(deploy.approval()).isNotNull();
        assertThat(deploy.approval().approvers()).containsExactly("team:sre");
        assertThat(deploy.approval().expires()).isEqualTo(Duration.ofSeconds(90));
        assertThat(deploy.approval().required()).as("rule gates start from the built-in default").isEqualTo(1);
    }

    @Test
    void badValuesAreCompileProblemsWithTheirLocation() {
        List<PolicyProblem> ps = problems("""
                version: 1
                settings:
                  approval:
                    approvers: [approver, wizard]
                    required: 0
                    reason_required: sometimes
                    expires: soon
                    scope: forever
                    colour: red
                  limits:
                    denials:
                      session: {count: many, window: 0s}
                    rate: {session: -1}
                rules:
                  - id: r1
                    effect: deny
                    match: ["Bash(rm:*)"]
                    approval: {required: 2}
                """);
        assertThat(ps).extracting(PolicyProblem::toString)
                .anySatisfy(s -> assertThat(s).startsWith("project.yaml:4:27").contains("'wizard' is not a role"))
                .anySatisfy(s -> assertThat(s).startsWith("project.yaml:5:15").contains("required must be between 1 and 10"))
                .anySatisfy(s -> assertThat(s).startsWith("project.yaml:6:22").contains("must be true or false"))
                .anySatisfy(s -> assertThat(s).startsWith("project.yaml:7:14").contains("duration like 30s"))
                .anySatisfy(s -> assertThat(s).startsWith("project.yaml:8:12").contains("once, session or rule"))
                .anySatisfy(s -> assertThat(s).startsWith("project.yaml:9:5").contains("unknown key 'colour'"))
                .anySatisfy(s -> assertThat(s).contains("count must be a whole number"))
                .anySatisfy(s -> assertThat(s).contains("window must be between 1s and 30d"))
                .anySatisfy(s -> assertThat(s).contains("rate.session must be between 0 and"))
                .anySatisfy(s -> assertThat(s).startsWith("project.yaml:18:15").contains("applies only to rules with effect: approve"));
    }

    @Test
    void theStrictestOfTwoGatesWins() {
        Approval a = new Approval(List.of("approver"), 1, false, Duration.ofMinutes(10), Approval.Scope.RULE, Duration.ofHours(1), true);
        Approval b = new Approval(List.of("team:sre"), 2, true, Duration.ofMinutes(5), Approval.Scope.ONCE, Duration.ofHours(2), false);
        Approval s = a.strictest(b);
        assertThat(s.required()).isEqualTo(2);
        assertThat(s.reasonRequired()).isTrue();
        assertThat(s.expires()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.scope()).isEqualTo(Approval.Scope.ONCE);
        assertThat(s.allowSelf()).isFalse();
    }
}
