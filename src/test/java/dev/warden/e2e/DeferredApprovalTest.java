package dev.warden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.testing.WardenProcess;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Headless defer, explored against the real CLI: with {@code install --defer} a gated call in
 * {@code claude -p} (default permission mode) answers {@code defer}; the run ends; after a human
 * approves, {@code claude -p --resume SESSION} re-runs the hook, which now allows the call.
 */
@Tag("e2e")
class DeferredApprovalTest {

    @TempDir Path tmp;

    @Test
    void aDeferredCallEndsTheRunAndRunsOnResumeAfterApproval() throws Exception {
        ClaudeCli cli = ClaudeCli.locate();
        Path home = tmp.resolve("warden-home");
        try (FakeAnthropicApi api = FakeAnthropicApi.start();
                WardenServerProcess server = WardenServerProcess.start(home, tmp.resolve("server.log"))) {
            ClaudeProject p = cli.project(tmp.resolve("claude")).permissionMode(null);
            p.file(".warden/policy.yaml", """
                    version: 1
                    rules:
                      - id: team/deploy
                        effect: approve
                        match: ["Bash(echo deploy:*)"]
                    """);
            Map<String, String> env = Map.of("WARDEN_HOME", home.toString(), "HOME", p.home().toString());
            WardenProcess.Result install = WardenProcess.run(env, p.dir(), new byte[0], "install", "--project", p.dir().toString(),
                    "--server", server.url().toString(), "--defer");
            assertThat(install.exit()).as(install.stderr()).isZero();
            String approver = WardenProcess.run(env, p.dir(), new byte[0], "token", "create", "--role", "approver", "--name", "bob")
                    .stdout().strip();
            p.env("WARDEN_AGENT_TOKEN", server.agentToken()).env("WARDEN_HOME", home.toString());

            api.script(Turn.bash("toolu_deploy", "echo deploy > deployed.txt"), Turn.text("deployed"));
            ClaudeRun first = p.run(api, "deploy");
            System.out.println("defer e2e: first run exit=" + first.exitCode() + " result events=" + first.events("result"));
            assertThat(p.dir().resolve("deployed.txt")).as(first::diagnostics).doesNotExist();
            assertThat(first.stdout()).as(first::diagnostics).contains("tool_deferred");

            WardenProcess.Result list = WardenProcess.run(env, p.dir(), new byte[0], "approvals", "list", "--server",
                    server.url().toString(), "--token", approver);
            Matcher m = Pattern.compile("(apr_[0-9a-f]{16})").matcher(list.stdout());
            assertThat(m.find()).as(list.stdout()).isTrue();
            assertThat(WardenProcess.run(env, p.dir(), new byte[0], "approvals", "approve", m.group(1), "--server",
                    server.url().toString(), "--token", approver).exit()).isZero();

            ClaudeRun resumed = p.args("--resume", first.sessionId()).run(api, "continue");
            System.out.println("defer e2e: resumed exit=" + resumed.exitCode() + " result=" + resumed.resultText());
            assertThat(p.dir().resolve("deployed.txt")).as(resumed::diagnostics).exists();
        }
    }
}
