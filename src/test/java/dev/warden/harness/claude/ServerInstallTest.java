package dev.warden.harness.claude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.harness.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Installing for a Warden server: fail-closed http hooks or the command client, and a clean uninstall. */
class ServerInstallTest {

    @TempDir Path tmp;

    private final ClaudeInstaller installer = new ClaudeInstaller(InstantSource.fixed(Instant.parse("2026-11-25T10:00:00Z")));

    private JsonNode install(ClaudeInstaller.Transport t, boolean defer) throws Exception {
        Path settings = tmp.resolve(".claude/settings.json");
        installer.install(new ClaudeInstaller.Target(settings, ClaudeInstaller.hookCommand(Path.of("/opt/warden/warden"), null, null),
                List.of("Bash(rm -rf /:*)"), tmp.resolve("installed.json"),
                new ClaudeInstaller.Server("http://127.0.0.1:8787/", t, ClaudeInstaller.SERVER_PRE_TOOL_TIMEOUT_S, defer)));
        return Json.MAPPER.readTree(Files.readString(settings));
    }

    @Test
    void httpTransportBlocksOnFailureSendsTheTokenFromTheEnvironmentAndTheTimeout() throws Exception {
        JsonNode s = install(ClaudeInstaller.Transport.HTTP, false);
        JsonNode pre = s.path("hooks").path("PreToolUse").get(0).path("hooks").get(0);
        assertThat(pre.path("type").asString()).isEqualTo("http");
        assertThat(pre.path("url").asString()).isEqualTo("http://127.0.0.1:8787/hooks/claude");
        assertThat(pre.path("onFailure").asString()).isEqualTo("block");
        assertThat(pre.path("timeout").asInt()).isEqualTo(330);
        assertThat(pre.path("headers").path("Authorization").asString()).isEqualTo("Bearer $WARDEN_AGENT_TOKEN");
        assertThat(pre.path("headers").path("X-Warden-Hook-Timeout").asString()).isEqualTo("330");
        assertThat(pre.path("allowedEnvVars").get(0).asString()).isEqualTo("WARDEN_AGENT_TOKEN");
        // SessionStart runs the command client, which stops the session when the server is unreachable.
        JsonNode start = s.path("hooks").path("SessionStart").get(0).path("hooks").get(0);
        assertThat(start.path("type").asString()).isEqualTo("command");
        assertThat(start.path("command").asString()).contains("hook claude --server http://127.0.0.1:8787/");
        JsonNode post = s.path("hooks").path("PostToolUse").get(0).path("hooks").get(0);
        assertThat(post.path("type").asString()).isEqualTo("http");
        assertThat(post.has("onFailure")).isFalse();
        assertThat(SettingsCheck.problems((tools.jackson.databind.node.ObjectNode) s)).isEmpty();
        assertThat(s.path("permissions").path("deny").toString()).contains("Bash(rm -rf /:*)");
    }

    @Test
    void commandTransportRunsTheThinClientForEveryEvent() throws Exception {
        JsonNode s = install(ClaudeInstaller.Transport.COMMAND, true);
        JsonNode pre = s.path("hooks").path("PreToolUse").get(0).path("hooks").get(0);
        assertThat(pre.path("type").asString()).isEqualTo("command");
        assertThat(pre.path("command").asString()).endsWith("hook claude --server http://127.0.0.1:8787/ --timeout 330 --defer");
        assertThat(pre.path("onFailure").asString()).isEqualTo("block");
        JsonNode stop = s.path("hooks").path("Stop").get(0).path("hooks").get(0);
        assertThat(stop.path("command").asString()).endsWith("--timeout 15");
    }

    @Test
    void switchingTransportsAndUninstallingLeaveNoWardenHookBehind() throws Exception {
        install(ClaudeInstaller.Transport.HTTP, false);
        JsonNode s = install(ClaudeInstaller.Transport.COMMAND, false);
        assertThat(s.path("hooks").path("PreToolUse")).hasSize(1);
        install(ClaudeInstaller.Transport.HTTP, true);
        Path settings = tmp.resolve(".claude/settings.json");
        installer.uninstall(settings, tmp.resolve("installed.json"));
        JsonNode after = Json.MAPPER.readTree(Files.readString(settings));
        assertThat(after.has("hooks")).isFalse();
        assertThat(after.has("permissions")).isFalse();
    }
}
