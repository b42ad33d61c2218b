package dev.warden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.testing.WardenProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code CLI, with the hooks `warden install` writes, scripted by a fake Messages
 * API: an in-scope call runs, a narrow subagent's out-of-scope call and a destructive call are
 * denied with Warden's reasons, and every one of them is in `warden log`.
 */
@Tag("e2e")
class WardenGovernsClaudeCodeTest {

    @TempDir Path tmp;
    private FakeAnthropicApi api;
    private ClaudeProject project;
    private Path wardenHome;

    @BeforeEach
    void start() throws IOException {
        ClaudeCli cli = ClaudeCli.locate();
        api = FakeAnthropicApi.start();
        project = cli.project(tmp);
        wardenHome = tmp.resolve("warden-home");
        project.file(".warden/policy.yaml", """
                version: 1
                profiles:
                  narrow:
                    description: A helper that may only look at the repository's state.
                    tools: [Bash, Read, Grep]
                    commands: ["git status:*", "ls:*"]
                bindings:
                  - agent_type: narrow
                    profile: narrow
                """);
        project.agent("narrow", "A narrow test helper", "Bash", "You are narrow. Do what you are told.");
        project.file("keep-me.txt", "precious");
        WardenProcess.Result install = warden("install", "--project", project.dir().toString());
        assertThat(install.exit()).as(install.stderr()).isZero();
        assertThat(install.stdout()).contains("Installed Warden's hooks in " + project.dir().resolve(".claude/settings.json"));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private WardenProcess.Result warden(String... args) {
        return WardenProcess.run(Map.of("WARDEN_HOME", wardenHome.toString(), "HOME", project.home().toString()),
                project.dir(), new byte[0], args);
    }

    @Test
    void inScopeRunsOutOfScopeAndDestructiveAreDeniedAndAllAreLogged() {
        api.script(
                Turn.bash("toolu_in", "echo IN-SCOPE > in.txt; cat in.txt"),
                Turn.agent("toolu_agent", "narrow", "SUBTASK: fetch the page",
                        Turn.bash("toolu_sub", "curl -s https://example.com/ -o page.html"),
                        Turn.text("sub done")),
                Turn.bash("toolu_rm", "rm -rf ./keep-me.txt ~/"),
                Turn.text("all done"));

        ClaudeRun run = project.run(api, "do the work").requireClean();

        ToolResult in = run.toolResult("toolu_in");
        assertThat(in.text()).as(run::diagnostics).isEqualTo("IN-SCOPE");
        assertThat(in.isError()).isFalse();

        ToolResult sub = run.toolResult("toolu_sub");
        assertThat(sub.isError()).as(run::diagnostics).isTrue();
        assertThat(sub.text()).contains("Warden denied this call").contains("[profile.command]")
                .contains("profile 'narrow' does not allow this command").contains("git status:*");
        assertThat(project.dir().resolve("page.html")).doesNotExist();

        ToolResult rm = run.toolResult("toolu_rm");
        assertThat(rm.isError()).as(run::diagnostics).isTrue();
        assertThat(rm.text()).contains("Warden denied this call");
        assertThat(project.dir().resolve("keep-me.txt")).hasContent("precious");
        assertThat(project.home()).exists();

        WardenProcess.Result log = warden("log", "--session", run.sessionId(), "--limit", "50");
        assertThat(log.exit()).as(log.stderr()).isZero();
        assertThat(log.stdout())
                .contains("allow").contains("deny")
                .contains("profile.command")
                .contains("narrow");
        WardenProcess.Result verify = warden("audit", "verify");
        assertThat(verify.exit()).as(verify.stdout() + verify.stderr()).isZero();
    }

    @Test
    void doctorProvesTheInstalledHookFires() {
        WardenProcess.Result doctor = warden("doctor", "--project", project.dir().toString());
        assertThat(doctor.exit()).as(doctor.stdout() + doctor.stderr()).isZero();
        assertThat(doctor.stdout()).contains("OK   hook fires (rm -rf ~ -> deny)").contains("Warden governs Claude Code here.");
    }

    @Test
    void uninstallLeavesClaudeCodeAsItWas() {
        WardenProcess.Result r = warden("uninstall", "--project", project.dir().toString());
        assertThat(r.exit()).isZero();
        WardenProcess.Result doctor = warden("doctor", "--project", project.dir().toString());
        assertThat(doctor.exit()).isEqualTo(1);
        assertThat(doctor.stdout()).contains("no valid settings layer runs Warden");
    }
}
