package dev.warden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.audit.AuditTrail;
import dev.warden.audit.VerifyReport;
import dev.warden.testing.WardenProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged launcher's control-plane commands as separate processes: the kill switch works
 * for the embedded hook too; the CLI's exit codes for an unreachable server and a wrong token;
 * SIGTERM stops the server gracefully and leaves a checkpointed, verifying audit log.
 */
@Tag("process")
class ServeProcessTest {

    @TempDir Path tmp;

    private static final String PRE = "{\"session_id\":\"s1\",\"cwd\":\"%s\",\"hook_event_name\":\"PreToolUse\","
            + "\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"ls\"},\"tool_use_id\":\"t1\"}";

    private WardenProcess.Result warden(Path home, byte[] stdin, String... args) {
        return WardenProcess.run(Map.of("WARDEN_HOME", home.toString(), "HOME", tmp.toString(), "USER", "ops"), tmp, stdin, args);
    }

    @Test
    void freezeStopsTheEmbeddedHookUntilUnfreeze() throws Exception {
        Path home = tmp.resolve("home");
        Files.createDirectories(tmp.resolve("proj/.git"));
        byte[] event = PRE.formatted(tmp.resolve("proj")).getBytes(StandardCharsets.UTF_8);
        assertThat(warden(home, event, "hook", "claude").stdout()).contains("\"permissionDecision\":\"allow\"");

        WardenProcess.Result freeze = warden(home, new byte[0], "freeze", "--reason", "incident 7");
        assertThat(freeze.exit()).as(freeze.stderr()).isZero();
        WardenProcess.Result denied = warden(home, event, "hook", "claude");
        assertThat(denied.stdout()).contains("\"permissionDecision\":\"deny\"").contains("Warden is frozen").contains("incident 7")
                .contains("by ops");
        String start = "{\"session_id\":\"s2\",\"cwd\":\"" + tmp.resolve("proj") + "\",\"hook_event_name\":\"SessionStart\",\"source\":\"startup\"}";
        assertThat(warden(home, start.getBytes(StandardCharsets.UTF_8), "hook", "claude").stdout()).contains("\"continue\":false");

        assertThat(warden(home, new byte[0], "unfreeze").exit()).isZero();
        assertThat(warden(home, event, "hook", "claude").stdout()).contains("\"permissionDecision\":\"allow\"");
        assertThat(warden(home, new byte[0], "unfreeze").exit()).as("not frozen").isEqualTo(1);
        WardenProcess.Result log = warden(home, new byte[0], "audit", "query", "--kind", "freeze");
        assertThat(log.stdout() + log.stderr()).contains("freeze");
    }

    @Test
    void cliExitCodesSayWhatWentWrong() throws Exception {
        Path home = tmp.resolve("home");
        WardenProcess.Result unreachable = warden(home, new byte[0], "approvals", "list", "--server", "http://127.0.0.1:1", "--token", "x");
        assertThat(unreachable.exit()).as(unreachable.stderr()).isEqualTo(69);
        assertThat(unreachable.stderr()).contains("cannot reach the Warden server");

        try (WardenServerProcess server = WardenServerProcess.start(home, tmp.resolve("server.log"))) {
            String url = server.url().toString();
            WardenProcess.Result bad = warden(home, new byte[0], "approvals", "list", "--server", url, "--token", "wdn_not-a-token-not-a-token");
            assertThat(bad.exit()).isEqualTo(77);
            WardenProcess.Result agent = warden(home, new byte[0], "approvals", "list", "--server", url, "--token", server.agentToken());
            assertThat(agent.exit()).isEqualTo(77);
            assertThat(agent.stderr()).contains("agent");
            String admin = warden(home, new byte[0], "token", "create", "--role", "admin", "--name", "root").stdout().strip();
            WardenProcess.Result none = warden(home, new byte[0], "approvals", "approve", "apr_0123456789abcdef", "--server", url, "--token", admin);
            assertThat(none.exit()).isEqualTo(1);
            assertThat(warden(home, new byte[0], "approvals", "list", "--server", url, "--token", admin).stdout())
                    .contains("No pending approval requests.");
            assertThat(warden(home, new byte[0], "token", "create", "--role", "wizard", "--name", "x").exit()).isEqualTo(65);
            assertThat(warden(home, new byte[0], "approvals", "frobnicate").exit()).isEqualTo(64);
        }
    }

    @Test
    void sigtermStopsTheServerGracefullyAndTheAuditLogVerifies() throws Exception {
        Path home = tmp.resolve("home");
        Files.createDirectories(tmp.resolve("proj/.git"));
        WardenServerProcess server = WardenServerProcess.start(home, tmp.resolve("server.log"));
        try {
            byte[] event = PRE.formatted(tmp.resolve("proj")).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 3; i++) {
                WardenProcess.Result r = WardenProcess.run(Map.of("WARDEN_HOME", home.toString(), "HOME", tmp.toString()), tmp, event,
                        "hook", "claude", "--server", server.url().toString());
                assertThat(r.stdout()).as(r.stderr()).contains("\"permissionDecision\":\"allow\"");
            }
        } finally {
            int code = server.stop();
            assertThat(code).as(Files.readString(tmp.resolve("server.log"))).isIn(0, 143);
        }
        try (AuditTrail trail = AuditTrail.open(home)) {
            VerifyReport v = trail.verify(null);
            assertThat(v.ok()).as(v.problems().toString()).isTrue();
            assertThat(trail.size()).isGreaterThanOrEqualTo(3);
            assertThat(trail.latestCheckpoint()).as("closing the log writes a checkpoint").isPresent();
            assertThat(trail.latestCheckpoint().get().size()).isEqualTo(trail.size());
        }
    }
}
