package dev.warden.policy;

import static dev.warden.policy.Calls.HOME;
import static dev.warden.policy.Calls.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.call.Analysis;
import dev.warden.call.Decision;
import dev.warden.call.Effect;
import dev.warden.call.Severity;
import dev.warden.call.ToolCall;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the compiled policy decides: profiles, bindings, findings, rules and their precedence. */
class PolicyDecisionTest {

    private static Decision decide(Policy p, ToolCall c, Analysis a) {
        return p.decide(c, a, PROJECT, HOME);
    }

    @Test
    void ordinaryWorkByTheMainAgentIsAllowedByTheBuiltinPolicy() {
        Decision d = decide(Calls.builtin(), Calls.main("Bash", Map.of("command", "mvn test")), Calls.bash("mvn test"));
        assertThat(d).isInstanceOf(Decision.Allow.class);
        assertThat(d.profile()).isEqualTo("developer");
    }

    @Test
    void severitiesMapToEffectsByDefault() {
        Policy p = Calls.builtin();
        ToolCall c = Calls.main("Bash", Map.of("command", "x"));
        assertThat(decide(p, c, Calls.findings(Calls.finding("fs.rm-root", Severity.CRITICAL))).effect()).isEqualTo(Effect.DENY);
        assertThat(decide(p, c, Calls.findings(Calls.finding("git.force-push", Severity.HIGH))).effect()).isEqualTo(Effect.APPROVE);
        assertThat(decide(p, c, Calls.findings(Calls.finding("net.raw-ip", Severity.MEDIUM))).effect()).isEqualTo(Effect.ASK);
        assertThat(decide(p, c, Calls.findings(Calls.finding("x.note", Severity.LOW))).effect()).isEqualTo(Effect.ALLOW);
    }

    @Test
    void strongestEffectWinsAndItsReasonComesFirst() {
        Decision d = decide(Calls.builtin(), Calls.main("Bash", Map.of("command", "x")), Calls.findings(
                Calls.finding("a.ask", Severity.MEDIUM), Calls.finding("b.deny", Severity.CRITICAL),
                Calls.finding("c.approve", Severity.HIGH)));
        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.reasons().get(0).rule()).isEqualTo("b.deny");
        assertThat(d.rules()).containsExactly("b.deny");
        assertThat(d.explain()).contains("b.deny").contains("evidence of b.deny").contains("Instead: do something else");
    }

    @Test
    void anAllowRuleCannotOverrideADeny() {
        Policy p = Calls.policy("""
                rules:
                  - id: allow-git
                    effect: allow
                    match: "Bash(git:*)"
                """);
        Decision d = decide(p, Calls.main("Bash", Map.of("command", "git push -f")),
                new Analysis(Calls.bash("git push -f").commands(), java.util.List.of(), java.util.Set.of(),
                        java.util.List.of(Calls.finding("git.force-push", Severity.CRITICAL))));
        assertThat(d.effect()).isEqualTo(Effect.DENY);
    }

    @Test
    void subagentsWithoutABindingGetTheSafeDefaultNotTheMainAgentsRights() {
        Policy p = Calls.builtin();
        ToolCall mcp = Calls.sub("general-purpose", "mcp__github__create_issue", Map.of("title", "x"));
        Decision d = decide(p, mcp, Analysis.EMPTY);
        assertThat(d.profile()).isEqualTo("subagent");
        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.reasons().get(0).rule()).isEqualTo("profile.tool");
        assertThat(d.explain()).contains("does not allow the tool mcp__github__create_issue").contains("Read");

        Decision main = decide(p, Calls.main("mcp__github__create_issue", Map.of("title", "x")), Analysis.EMPTY);
        assertThat(main.effect()).isEqualTo(Effect.ALLOW);
    }

    @Test
    void aBoundSubagentIsHeldToItsNarrowProfile() {
        Policy p = Calls.policy("""
                profiles:
                  reviewer:
                    tools: [Read, Grep, Bash]
                    commands: ["git diff:*", "git status"]
                    paths: { read: ["/**"], write: [] }
                bindings:
                  - agent_type: code-reviewer
                    profile: reviewer
                """);
        ToolCall diff = Calls.sub("code-reviewer", "Bash", Map.of("command", "git diff HEAD~1"));
        assertThat(decide(p, diff, Calls.bash("git diff HEAD~1")).effect()).isEqualTo(Effect.ALLOW);

        ToolCall push = Calls.sub("code-reviewer", "Bash", Map.of("command", "git push"));
        Decision d = decide(p, push, Calls.bash("git push"));
        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.rules()).containsExactly("profile.command");
        assertThat(d.explain()).contains("profile 'reviewer' does not allow this command").contains("git diff:*");

        ToolCall write = Calls.sub("code-reviewer", "Write", Map.of("file_path", PROJECT + "/a.txt"));
        assertThat(decide(p, write, Calls.paths(Calls.write(PROJECT + "/a.txt"))).rules()).containsExactly("profile.tool");

        ToolCall readOutside = Calls.sub("code-reviewer", "Read", Map.of("file_path", "/etc/hosts"));
        Decision r = decide(p, readOutside, Calls.paths(Calls.read("/etc/hosts")));
        assertThat(r.rules()).containsExactly("profile.path");
        assertThat(r.explain()).contains("read only under: /**");
    }

    @Test
    void compoundCommandsAreJudgedPartByPart() {
        Policy p = Calls.policy("""
                profiles:
                  narrow:
                    commands: ["git status"]
                bindings:
                  - agent_type: narrow
                    profile: narrow
                """);
        ToolCall c = Calls.sub("narrow", "Bash", Map.of("command", "git status; curl x"));
        Decision d = decide(p, c, Calls.bash("git status", "curl evil.example"));
        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.reasons()).hasSize(1);
        assertThat(d.reasons().get(0).part()).isEqualTo("curl evil.example");
    }

    @Test
    void networkScopeCoversWebFetchAndCommands() {
        Policy p = Calls.policy("""
                profiles:
                  docs:
                    network: [docs.python.org, "*.github.com"]
                bindings:
                  - agent_type: docs
                    profile: docs
                """);
        assertThat(decide(p, Calls.sub("docs", "WebFetch", Map.of("url", "https://docs.python.org/3/")),
                Calls.hosts("docs.python.org")).effect()).isEqualTo(Effect.ALLOW);
        assertThat(decide(p, Calls.sub("docs", "WebFetch", Map.of()), Calls.hosts("api.github.com")).effect()).isEqualTo(Effect.ALLOW);
        Decision d = decide(p, Calls.sub("docs", "Bash", Map.of()), Calls.hosts("github.com"));
        assertThat(d.rules()).containsExactly("profile.network");
        assertThat(d.explain()).contains("contact only: docs.python.org, *.github.com");
    }

    @Test
    void anAllowRulePermitsWhatTheProfileDoesNotButOnlyWhenEveryPartMatches() {
        Policy p = Calls.policy("""
                profiles:
                  narrow:
                    commands: ["git status"]
                bindings:
                  - agent_type: narrow
                    profile: narrow
                rules:
                  - id: narrow-may-test
                    effect: allow
                    match: "Bash(mvn test:*)"
                """);
        assertThat(decide(p, Calls.sub("narrow", "Bash", Map.of()), Calls.bash("mvn test -q")).effect()).isEqualTo(Effect.ALLOW);
        assertThat(decide(p, Calls.sub("narrow", "Bash", Map.of()), Calls.bash("mvn test -q", "rm -rf x")).effect())
                .isEqualTo(Effect.DENY);
    }

    @Test
    void denyRulesMatchAnyPartAcrossTools() {
        Policy p = Calls.policy("""
                rules:
                  - id: no-ssh-dir
                    effect: deny
                    match: "Read(~/.ssh)"
                    message: SSH keys are off limits
                    hint: use the deploy key the CI provides
                """);
        Decision d = decide(p, Calls.main("Bash", Map.of()), Calls.paths(Calls.read(PROJECT + "/README.md"), Calls.read(HOME + "/.ssh/id_ed25519")));
        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.reasons().get(0).part()).isEqualTo(HOME + "/.ssh/id_ed25519");
        assertThat(d.explain()).contains("SSH keys are off limits").contains("use the deploy key");
    }

    @Test
    void celConditionsSeeTheCallAndItsFindings() {
        Policy p = Calls.policy("""
                rules:
                  - id: approve-prod-psql
                    effect: approve
                    when: 'commands.exists(c, c.program == "psql" && c.argv.exists(a, a.contains("prod")))'
                  - id: deny-irreversible-in-subagents
                    effect: deny
                    when: '!agent.main && findings.exists(f, f.severity == "high")'
                """);
        assertThat(decide(p, Calls.main("Bash", Map.of()), Calls.bash("psql -h prod-db -c select")).effect()).isEqualTo(Effect.APPROVE);
        assertThat(decide(p, Calls.main("Bash", Map.of()), Calls.bash("psql -h staging-db")).effect()).isEqualTo(Effect.ALLOW);
        assertThat(decide(p, Calls.sub("x", "Bash", Map.of()), Calls.findings(Calls.finding("git.force-push", Severity.HIGH))).effect())
                .isEqualTo(Effect.DENY);
    }

    @Test
    void aConditionThatFailsAtRunTimeFailsClosed() {
        Policy p = Calls.policy("""
                rules:
                  - id: needs-field
                    effect: deny
                    when: 'input.missing_field == "x"'
                  - id: lenient
                    effect: allow
                    match: "Bash"
                    when: 'input.other_missing == "y"'
                """);
        Decision d = decide(p, Calls.main("Bash", Map.of("command", "ls")), Calls.bash("ls"));
        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.rules()).containsExactly("needs-field");
        assertThat(d.explain()).contains("could not be evaluated");
    }

    @Test
    void logRulesAreRecordedButNeverDecide() {
        Policy p = Calls.policy("""
                rules:
                  - id: watch-curl
                    effect: log
                    match: "Bash(curl:*)"
                """);
        Decision d = decide(p, Calls.main("Bash", Map.of()), Calls.bash("curl https://example.com"));
        assertThat(d.effect()).isEqualTo(Effect.ALLOW);
        assertThat(d.reasons()).extracting(r -> r.rule()).containsExactly("watch-curl");
    }

    @Test
    void findingOverridesTuneOnePackWithoutTouchingOthers() {
        Policy p = Calls.policy("""
                settings:
                  findings:
                    git.push-protected: deny
                    "fs.*": log
                """);
        ToolCall c = Calls.main("Bash", Map.of());
        assertThat(decide(p, c, Calls.findings(Calls.finding("git.push-protected", Severity.HIGH))).effect()).isEqualTo(Effect.DENY);
        assertThat(decide(p, c, Calls.findings(Calls.finding("fs.rm-recursive", Severity.HIGH))).effect()).isEqualTo(Effect.ALLOW);
        assertThat(decide(p, c, Calls.findings(Calls.finding("git.reset-hard", Severity.HIGH))).effect()).isEqualTo(Effect.APPROVE);
    }

    @Test
    void selfProtectionCannotBeTurnedOffByAProjectPolicy() {
        Policy p = Calls.policy("""
                settings:
                  severity: { critical: log }
                  findings:
                    "self.*": log
                """);
        Decision d = decide(p, Calls.main("Write", Map.of()), Calls.findings(Calls.finding("self.settings-write", Severity.CRITICAL)));
        assertThat(d.effect()).isEqualTo(Effect.DENY);
    }

    @Test
    void orgSettingsAreFloorsThatLowerLayersCannotWeaken() {
        Policy p = Calls.policy("""
                mode: monitor
                settings:
                  severity: { high: log }
                  findings: { git.force-push: log }
                """, """
                mode: enforce
                settings:
                  severity: { high: approve }
                  findings: { git.force-push: deny }
                """);
        assertThat(p.mode()).isEqualTo(Mode.ENFORCE);
        ToolCall c = Calls.main("Bash", Map.of());
        assertThat(decide(p, c, Calls.findings(Calls.finding("git.force-push", Severity.HIGH))).effect()).isEqualTo(Effect.DENY);
        assertThat(decide(p, c, Calls.findings(Calls.finding("cloud.destroy", Severity.HIGH))).effect()).isEqualTo(Effect.APPROVE);
    }

    @Test
    void aProjectMayBeStricterThanTheOrg() {
        Policy p = Calls.policy("""
                settings:
                  findings: { git.force-push: deny }
                """, """
                settings:
                  findings: { git.force-push: approve }
                """);
        assertThat(decide(p, Calls.main("Bash", Map.of()), Calls.findings(Calls.finding("git.force-push", Severity.HIGH))).effect())
                .isEqualTo(Effect.DENY);
    }

    @Test
    void orgBindingsWinOverProjectBindings() {
        Policy p = Calls.policy("""
                profiles:
                  wide: { tools: ["*"] }
                bindings:
                  - agent_type: deployer
                    profile: wide
                """, """
                profiles:
                  locked: { tools: [Read] }
                bindings:
                  - agent_type: deployer
                    profile: locked
                """);
        assertThat(p.profileFor(Calls.sub("deployer", "Bash", Map.of()), PROJECT, HOME)).isEqualTo("locked");
    }

    @Test
    void monitorModeIsReportedForRollout() {
        assertThat(Calls.policy("mode: monitor").mode()).isEqualTo(Mode.MONITOR);
        assertThat(Calls.builtin().mode()).isEqualTo(Mode.ENFORCE);
    }

    @Test
    void bindingsMatchByLabelAndProject() {
        Policy p = Calls.policy("""
                profiles:
                  release: { tools: [Bash] }
                  payments: { tools: [Read] }
                bindings:
                  - label: release
                    profile: release
                  - project: "/home/dev/**"
                    main: true
                    profile: payments
                """);
        assertThat(p.profileFor(Calls.labelled("release", "Bash", Map.of()), PROJECT, HOME)).isEqualTo("release");
        assertThat(p.profileFor(Calls.main("Bash", Map.of()), PROJECT, HOME)).isEqualTo("payments");
        assertThat(p.profileFor(Calls.main("Bash", Map.of()), "/srv/other", HOME)).isEqualTo("developer");
    }

    @Test
    void profilesInheritWhatTheyDoNotSay() {
        Policy p = Calls.policy("""
                profiles:
                  base:
                    tools: [Read, Bash]
                    commands: ["make:*"]
                    network: [example.com]
                  child:
                    extends: base
                    commands: ["make test"]
                """);
        Profile child = p.profile("child").orElseThrow();
        assertThat(child.tools()).containsExactly("Read", "Bash");
        assertThat(child.commands()).containsExactly("make test");
        assertThat(child.network()).containsExactly("example.com");
        assertThat(child.read()).containsExactly("*");
    }

    @Test
    void mcpEntriesGrantServerTools() {
        Policy p = Calls.policy("""
                profiles:
                  gh:
                    tools: [Read]
                    mcp: [github, "postgres/query"]
                bindings:
                  - agent_type: gh
                    profile: gh
                """);
        assertThat(decide(p, Calls.sub("gh", "mcp__github__create_issue", Map.of()), Analysis.EMPTY).effect()).isEqualTo(Effect.ALLOW);
        assertThat(decide(p, Calls.sub("gh", "mcp__postgres__query", Map.of()), Analysis.EMPTY).effect()).isEqualTo(Effect.ALLOW);
        assertThat(decide(p, Calls.sub("gh", "mcp__postgres__drop", Map.of()), Analysis.EMPTY).effect()).isEqualTo(Effect.DENY);
    }

    @Test
    void outputStreamsAreNotFilesAndAnyProfileMayWriteThem() {
        Policy p = Calls.policy("""
                profiles:
                  readonly-ish: { paths: { read: ["/**"], write: [] } }
                bindings:
                  - agent_type: ro
                    profile: readonly-ish
                """);
        assertThat(decide(p, Calls.sub("ro", "Bash", Map.of()), Calls.paths(Calls.write("/dev/null"), Calls.write("/dev/fd/2")))
                .effect()).isEqualTo(Effect.ALLOW);
        assertThat(decide(p, Calls.sub("ro", "Bash", Map.of()), Calls.paths(Calls.write("/dev/sda"))).rules())
                .containsExactly("profile.path");
    }

    @Test
    void theMainAgentMayWriteAnywhereTheRulePacksDoNotObjectTo() {
        Decision d = decide(Calls.builtin(), Calls.main("Bash", Map.of()), Calls.paths(Calls.write(HOME + "/notes/todo.md")));
        assertThat(d.effect()).isEqualTo(Effect.ALLOW);
        Decision sub = decide(Calls.builtin(), Calls.sub("general-purpose", "Bash", Map.of()), Calls.paths(Calls.write(HOME + "/notes/todo.md")));
        assertThat(sub.rules()).containsExactly("profile.path");
    }
}
