package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.harness.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The core CLI commands, in-process: install, uninstall, policy, replay — including bad input. */
class CoreCommandsTest {

    @TempDir Path tmp;

    private String home() {
        return tmp.resolve("warden-home").toString();
    }

    @Test
    void badCommandLinesExitWith64NeverTwo() {
        assertThat(Cli.run("no-such-command").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run("install", "--no-such-flag").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run("replay").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run("install", "--user", "--project", "x").exit()).isEqualTo(ExitCodes.USAGE);
        Cli.Run r = Cli.run("replay", "x.jsonl", "--format", "xml");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--format must be text or jsonl");
    }

    @Test
    void installIsIdempotentAndUninstallRestores() throws IOException {
        Path project = Files.createDirectories(tmp.resolve("repo"));
        Cli.Run first = Cli.run("install", "--project", project.toString(), "--home", home());
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("Installed Warden's hooks in").contains("hook command:").contains(" hook claude");
        Path settings = project.resolve(".claude/settings.json");
        JsonNode s = Json.MAPPER.readTree(Files.readString(settings));
        assertThat(s.path("hooks").path("PreToolUse").get(0).path("hooks").get(0).path("command").asString())
                .startsWith("WARDEN_HOME=").endsWith(" hook claude");
        assertThat(s.path("permissions").path("deny").toString()).contains("Edit(.claude/settings.json)");

        Cli.Run second = Cli.run("install", "--project", project.toString(), "--home", home());
        assertThat(second.out()).contains("already installed");

        Cli.Run un = Cli.run("uninstall", "--project", project.toString(), "--home", home());
        assertThat(un.exit()).isZero();
        assertThat(Json.MAPPER.readTree(Files.readString(settings)).isEmpty()).isTrue();
    }

    @Test
    void installRefusesAnUnreadableSettingsFile() throws IOException {
        Path project = Files.createDirectories(tmp.resolve("repo"));
        Files.createDirectories(project.resolve(".claude"));
        Files.writeString(project.resolve(".claude/settings.json"), "{ nope");
        Cli.Run r = Cli.run("install", "--project", project.toString(), "--home", home());
        assertThat(r.exit()).isEqualTo(ExitCodes.DATA);
        assertThat(r.err()).contains("not valid JSON").doesNotContain("\tat ");
        assertThat(Files.readString(project.resolve(".claude/settings.json"))).isEqualTo("{ nope");
    }

    @Test
    void policyLintReportsEveryProblemWithItsLocation() throws IOException {
        Path policy = Files.writeString(tmp.resolve("p.yaml"), "mode: maybe\nprofiles:\n  x: { tools: 3 }\nbindings: [{profile: ghost}]\n");
        Cli.Run r = Cli.run("policy", "lint", "--policy", policy.toString(), "--home", home());
        assertThat(r.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out()).contains(policy + ":1:7").contains("unknown profile 'ghost'").contains("problems");
        Cli.Run ok = Cli.run("policy", "lint", "--home", home(), "--project", tmp.toString());
        assertThat(ok.exit()).isZero();
        assertThat(ok.out()).contains("compiles");
    }

    @Test
    void policyShowPrintsTheMergedPolicy() {
        Cli.Run r = Cli.run("policy", "show", "--home", home(), "--project", tmp.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("mode: enforce").contains("developer").contains("subagent").contains("bindings");
        assertThat(Cli.run("policy", "show", "--builtin").out()).startsWith("# Warden's built-in default policy");
    }

    @Test
    void policyTestsPassFailAndRejectBrokenFiles() throws IOException {
        Path tests = Files.createDirectories(tmp.resolve(".warden/tests"));
        Files.writeString(tests.resolve("cases.yaml"), """
                cases:
                  - name: git status is fine
                    tool: Bash
                    input: { command: "git status" }
                    expect: allow
                  - name: reading another user's key
                    tool: Read
                    input: { file_path: /root/.ssh/id_rsa }
                    expect: allow
                """);
        Cli.Run r = Cli.run("policy", "test", "--project", tmp.toString(), "--home", home());
        assertThat(r.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out()).contains("FAIL").contains("reading another user's key").contains("1 passed, 1 failed");

        Files.writeString(tests.resolve("cases.yaml"), "cases:\n  - tool: Bash\n    expect: sometimes\n");
        Cli.Run bad = Cli.run("policy", "test", "--project", tmp.toString(), "--home", home());
        assertThat(bad.exit()).isEqualTo(ExitCodes.DATA);
        assertThat(bad.err()).contains("cases.yaml:2:5").contains("expect");

        assertThat(Cli.run("policy", "test", tmp.resolve("missing.yaml").toString()).exit()).isEqualTo(ExitCodes.FAILED);
    }

    @Test
    void replayStreamsOneLinePerEventAndSurvivesGarbage() throws IOException {
        Path events = Files.writeString(tmp.resolve("events.jsonl"), String.join("\n",
                "{\"session_id\":\"s\",\"cwd\":\"/tmp\",\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"git status\"}}",
                "{\"session_id\":\"s\",\"cwd\":\"/tmp\",\"hook_event_name\":\"SessionStart\"}",
                "not json at all",
                "",
                "{\"session_id\":\"s\",\"cwd\":\"/tmp\",\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"rm -rf ~/\"}}",
                "{\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\"}") + "\n");
        Cli.Run r = Cli.run("replay", events.toString(), "--format", "jsonl", "--home", home());
        assertThat(r.exit()).isZero();
        String[] lines = r.out().strip().split("\n");
        assertThat(lines).hasSize(5);
        JsonNode first = Json.MAPPER.readTree(lines[0]);
        assertThat(first.path("decision").asString()).isEqualTo("allow");
        assertThat(first.has("rules")).isTrue();
        assertThat(first.has("reason")).isTrue();
        assertThat(Json.MAPPER.readTree(lines[1]).path("decision").isNull()).isTrue();
        assertThat(Json.MAPPER.readTree(lines[2]).path("skipped").asString()).startsWith("invalid");
        assertThat(Json.MAPPER.readTree(lines[3]).path("decision").asString()).isEqualTo("deny");
        assertThat(Json.MAPPER.readTree(lines[4]).path("skipped").asString()).contains("lacks required fields");
        assertThat(r.err()).contains("replayed 2 tool calls");
    }

    @Test
    void replayAgainstAnotherPolicyShowsWhatWouldChange() throws IOException {
        Path events = Files.writeString(tmp.resolve("events.jsonl"),
                "{\"session_id\":\"s\",\"cwd\":\"/tmp\",\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"git status\"}}\n");
        Path strict = Files.writeString(tmp.resolve("strict.yaml"), """
                rules:
                  - id: no-git
                    effect: deny
                    match: "Bash(git:*)"
                """);
        Cli.Run r = Cli.run("replay", events.toString(), "--policy", strict.toString(), "--against",
                Files.writeString(tmp.resolve("empty.yaml"), "version: 1\n").toString(), "--home", home());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("allow -> deny").contains("1 decisions differ");
    }

    @Test
    void replayOfAMissingFileSaysSo() {
        Cli.Run r = Cli.run("replay", tmp.resolve("nope.jsonl").toString(), "--home", home());
        assertThat(r.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err()).contains("no such file");
    }
}
