package dev.warden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.testing.WardenProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code CLI wired by {@code warden install --server URL} to a real
 * {@code warden serve} process (http hooks, onFailure: block): a force-push waits for a human;
 * approved by a second process through the CLI it runs, rejected or expired it does not; and
 * with the server killed mid-session the next call fails closed.
 */
@Tag("e2e")
class ServerGovernsClaudeCodeTest {

    private static final Pattern APPROVAL_ID = Pattern.compile("(apr_[0-9a-f]{16})\\s+pending");

    @TempDir Path tmp;
    private FakeAnthropicApi api;
    private ClaudeProject project;
    private Path home;
    private Path remote;
    private WardenServerProcess server;
    private String approverToken;

    @BeforeEach
    void start() throws Exception {
        ClaudeCli cli = ClaudeCli.locate();
        api = FakeAnthropicApi.start();
        project = cli.project(tmp.resolve("claude"));
        home = tmp.resolve("warden-home");
        remote = tmp.resolve("remote.git");
        git(tmp, "init", "-q", "--bare", remote.toString());
        git(project.dir(), "init", "-q", "-b", "main");
        git(project.dir(), "config", "user.email", "dev@example.com");
        git(project.dir(), "config", "user.name", "Dev");
        project.file("README.md", "hello\n");
        git(project.dir(), "add", "README.md");
        git(project.dir(), "commit", "-q", "-m", "first");
        git(project.dir(), "remote", "add", "origin", remote.toString());
        git(project.dir(), "config", "push.default", "current");
        // A feature branch: a force push of a protected branch is denied outright by the git pack;
        // here the project's own rule sends the force push to a human.
        git(project.dir(), "checkout", "-q", "-b", "feature");
        policy("20s");
        server = WardenServerProcess.start(home, tmp.resolve("server.log"));
        WardenProcess.Result install = warden("install", "--project", project.dir().toString(), "--server", server.url().toString());
        assertThat(install.exit()).as(install.stdout() + install.stderr()).isZero();
        WardenProcess.Result token = warden("token", "create", "--role", "approver", "--name", "bob");
        assertThat(token.exit()).as(token.stderr()).isZero();
        approverToken = token.stdout().strip();
        project.env("WARDEN_AGENT_TOKEN", server.agentToken()).env("WARDEN_HOME", home.toString());
    }

    @AfterEach
    void stop() {
        api.close();
        if (server != null) {
            server.close();
        }
    }

    private void policy(String expires) {
        project.file(".warden/policy.yaml", """
                version: 1
                rules:
                  - id: team/force-push
                    effect: approve
                    match: ["Bash(git push --force:*)"]
                    message: force-pushing rewrites shared history
                    approval: {expires: %s}
                """.formatted(expires));
    }

    private WardenProcess.Result warden(String... args) {
        return WardenProcess.run(Map.of("WARDEN_HOME", home.toString(), "HOME", project.home().toString()), project.dir(),
                new byte[0], args);
    }

    private WardenProcess.Result approvals(String... args) {
        List<String> a = new ArrayList<>(List.of("approvals"));
        a.addAll(List.of(args));
        a.addAll(List.of("--server", server.url().toString(), "--token", approverToken));
        return warden(a.toArray(String[]::new));
    }

    /** Polls `warden approvals list` (a second process) until the request shows up. */
    private String pendingId() throws InterruptedException {
        for (int i = 0; i < 120; i++) {
            WardenProcess.Result list = approvals("list");
            Matcher m = APPROVAL_ID.matcher(list.stdout());
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no pending approval request appeared");
    }

    private CompletableFuture<ClaudeRun> runAsync(String prompt) {
        return CompletableFuture.supplyAsync(() -> project.run(api, prompt));
    }

    private boolean remoteHasFeature() throws Exception {
        Process p = new ProcessBuilder("git", "--git-dir", remote.toString(), "rev-parse", "--verify", "-q", "refs/heads/feature")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    @Test
    void aForcePushWaitsForApprovalAndRunsOnceASecondProcessApprovesIt() throws Exception {
        api.script(Turn.bash("toolu_push", "git push --force origin"), Turn.text("pushed"));
        CompletableFuture<ClaudeRun> run = runAsync("push it");
        String id = pendingId();
        WardenProcess.Result show = approvals("show", id);
        assertThat(show.stdout()).contains("git push --force origin").contains("team/force-push").contains("git.force-push");
        WardenProcess.Result ok = approvals("approve", id, "--reason", "release day");
        assertThat(ok.exit()).as(ok.stdout() + ok.stderr()).isZero();

        ClaudeRun r = run.get(90, TimeUnit.SECONDS).requireClean();
        ToolResult push = r.toolResult("toolu_push");
        assertThat(push.isError()).as(r::diagnostics).isFalse();
        assertThat(remoteHasFeature()).isTrue();
        WardenProcess.Result again = approvals("approve", id);
        assertThat(again.exit()).as("a decided request cannot be approved again").isEqualTo(1);
    }

    @Test
    void aRejectedForcePushDoesNotRunAndTheAgentIsToldWhy() throws Exception {
        api.script(Turn.bash("toolu_push", "git push --force origin"), Turn.text("ok"));
        CompletableFuture<ClaudeRun> run = runAsync("push it");
        String id = pendingId();
        WardenProcess.Result no = approvals("reject", id, "--reason", "open a pull request instead");
        assertThat(no.exit()).as(no.stdout() + no.stderr()).isZero();

        ClaudeRun r = run.get(90, TimeUnit.SECONDS).requireClean();
        ToolResult push = r.toolResult("toolu_push");
        assertThat(push.isError()).as(r::diagnostics).isTrue();
        assertThat(push.text()).contains("rejected by bob: open a pull request instead");
        assertThat(remoteHasFeature()).isFalse();
    }

    @Test
    void anExpiredApprovalDoesNotRun() throws Exception {
        policy("3s");
        api.script(Turn.bash("toolu_push", "git push --force origin"), Turn.text("ok"));
        ClaudeRun r = project.run(api, "push it").requireClean();
        ToolResult push = r.toolResult("toolu_push");
        assertThat(push.isError()).as(r::diagnostics).isTrue();
        assertThat(push.text()).contains("approval expired");
        assertThat(remoteHasFeature()).isFalse();
    }

    @Test
    void theServerKilledMidSessionMakesTheNextCallFailClosed() throws Exception {
        // The first call parks until the test has killed the server; the second must then fail closed.
        api.script(Turn.bash("toolu_wait", "echo before > before.txt; for i in $(seq 1 300); do [ -f go.txt ] && break; sleep 0.1; done; echo waited"),
                Turn.bash("toolu_after", "echo RAN > after.txt"), Turn.text("done"));
        CompletableFuture<ClaudeRun> running = runAsync("work");
        for (int i = 0; i < 300 && !Files.exists(project.dir().resolve("before.txt")); i++) {
            Thread.sleep(100);
        }
        assertThat(project.dir().resolve("before.txt")).as("the first call ran while the server was up").exists();
        server.kill();
        Files.writeString(project.dir().resolve("go.txt"), "go");
        ClaudeRun r = running.get(90, TimeUnit.SECONDS);
        assertThat(r.toolResult("toolu_wait").isError()).as(r::diagnostics).isFalse();
        assertThat(project.dir().resolve("after.txt")).as(r::diagnostics).doesNotExist();
        r.findToolResult("toolu_after").ifPresent(t -> assertThat(t.isError()).isTrue());

        // A new session does not even start: the SessionStart check stops it.
        api.script(Turn.bash("toolu_new", "echo RAN > new.txt"), Turn.text("done"));
        ClaudeRun next = project.run(api, "work again");
        assertThat(project.dir().resolve("new.txt")).as(next::diagnostics).doesNotExist();
        assertThat(Files.exists(project.dir().resolve("after.txt"))).isFalse();
    }

    @Test
    void doctorProbesTheServerThroughTheInstalledHttpHook() {
        WardenProcess.Result up = WardenProcess.run(Map.of("WARDEN_HOME", home.toString(), "HOME", project.home().toString(),
                "WARDEN_AGENT_TOKEN", server.agentToken()), project.dir(), new byte[0], "doctor", "--project", project.dir().toString());
        assertThat(up.stdout()).as(up.stdout() + up.stderr()).contains("OK   hook fires (rm -rf ~ -> deny)");
        assertThat(up.exit()).isZero();
        server.kill();
        WardenProcess.Result down = warden("doctor", "--project", project.dir().toString());
        assertThat(down.exit()).isEqualTo(1);
        assertThat(down.stdout()).contains("cannot be reached");
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + ": " + out);
        }
    }
}
