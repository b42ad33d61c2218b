package dev.warden.harness.claude;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.call.WardenException;
import dev.warden.harness.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Installing into Claude Code settings: merge, idempotence, backup, validation, clean removal. */
class ClaudeInstallerTest {

    @TempDir Path tmp;

    private final ClaudeInstaller installer = new ClaudeInstaller(InstantSource.fixed(Instant.parse("2026-11-25T10:00:00Z")));

    private ClaudeInstaller.Target target(Path settings, List<String> floor) {
        return new ClaudeInstaller.Target(settings, ClaudeInstaller.hookCommand(Path.of("/opt/warden/warden"), null, null),
                floor, tmp.resolve("warden/installed.json"));
    }

    private static JsonNode read(Path p) throws IOException {
        return Json.MAPPER.readTree(Files.readString(p));
    }

    @Test
    void installMergesIntoExistingSettingsWithoutClobberingThem() throws IOException {
        Path settings = tmp.resolve(".claude/settings.json");
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, """
                {"model": "opus", "env": {"FOO": "1"},
                 "permissions": {"allow": ["Bash(npm test)"], "deny": ["Read(./secrets/**)"]},
                 "hooks": {"PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "./lint.sh"}]}]}}
                """);
        ClaudeInstaller.Result r = installer.install(target(settings, List.of("Read(~/.ssh/id_*)", "Read(./secrets/**)")));
        assertThat(r.changed()).isTrue();
        assertThat(r.backup()).exists();
        JsonNode s = read(settings);
        assertThat(s.path("model").asString()).isEqualTo("opus");
        assertThat(s.path("env").path("FOO").asString()).isEqualTo("1");
        assertThat(s.path("permissions").path("allow").get(0).asString()).isEqualTo("Bash(npm test)");
        assertThat(s.path("permissions").path("deny")).hasSize(2);
        assertThat(r.addedDenyRules()).containsExactly("Read(~/.ssh/id_*)");
        JsonNode pre = s.path("hooks").path("PreToolUse");
        assertThat(pre).hasSize(2);
        assertThat(pre.get(0).path("hooks").get(0).path("command").asString()).isEqualTo("./lint.sh");
        JsonNode ours = pre.get(1);
        assertThat(ours.path("matcher").asString()).isEqualTo("*");
        assertThat(ours.path("hooks").get(0).path("onFailure").asString()).isEqualTo("block");
        assertThat(ours.path("hooks").get(0).path("command").asString()).isEqualTo("/opt/warden/warden hook claude");
        for (String event : ClaudeHook.INSTALLED_EVENTS) {
            assertThat(ClaudeInstaller.installedCommands(s)).containsKey(event);
        }
        assertThat(SettingsCheck.problems(s)).isEmpty();
    }

    @Test
    void installingTwiceChangesNothingTheSecondTime() throws IOException {
        Path settings = tmp.resolve("settings.json");
        installer.install(target(settings, List.of("Read(~/.ssh/id_*)")));
        String first = Files.readString(settings);
        ClaudeInstaller.Result again = installer.install(target(settings, List.of("Read(~/.ssh/id_*)")));
        assertThat(again.changed()).isFalse();
        assertThat(again.backup()).isNull();
        assertThat(Files.readString(settings)).isEqualTo(first);
        assertThat(ClaudeInstaller.installedCommands(read(settings)).get("PreToolUse")).hasSize(1);
    }

    @Test
    void uninstallRemovesExactlyWhatInstallAdded() throws IOException {
        Path settings = tmp.resolve("settings.json");
        Files.writeString(settings, """
                {"permissions": {"deny": ["Read(./secrets/**)"]},
                 "hooks": {"Stop": [{"hooks": [{"type": "command", "command": "notify-send done"}]}]}}
                """);
        JsonNode before = read(settings);
        installer.install(target(settings, List.of("Read(~/.ssh/id_*)", "Read(./secrets/**)")));
        ClaudeInstaller.Result r = installer.uninstall(settings, tmp.resolve("warden/installed.json"));
        assertThat(r.changed()).isTrue();
        assertThat(r.addedDenyRules()).containsExactly("Read(~/.ssh/id_*)");
        assertThat(read(settings)).isEqualTo(before);
        assertThat(installer.uninstall(settings, tmp.resolve("warden/installed.json")).changed()).isFalse();
    }

    @Test
    void anInvalidSettingsFileIsLeftAloneWithAClearError() throws IOException {
        Path settings = tmp.resolve("settings.json");
        Files.writeString(settings, "{\"hooks\": ");
        assertThatThrownBy(() -> installer.install(target(settings, List.of())))
                .isInstanceOf(WardenException.class).hasMessageContaining("not valid JSON").hasMessageContaining("nothing was changed");
        assertThat(Files.readString(settings)).isEqualTo("{\"hooks\": ");
    }

    @Test
    void installRefusesToWriteAFileClaudeCodeWouldDrop() throws IOException {
        Path settings = tmp.resolve("settings.json");
        Files.writeString(settings, "{\"hooks\": {\"Stop\": [{\"hooks\": [{\"type\": \"command\", \"command\": \"x\", \"timeout\": \"soon\"}]}]}}");
        String before = Files.readString(settings);
        assertThatThrownBy(() -> installer.install(target(settings, List.of())))
                .hasMessageContaining("Claude Code would silently ignore").hasMessageContaining("timeout");
        assertThat(Files.readString(settings)).isEqualTo(before);
    }

    @Test
    void hookCommandsAreShellQuotedAndPinTheirHome() {
        assertThat(ClaudeInstaller.hookCommand(Path.of("/opt/my warden/warden"), Path.of("/var/lib/warden"), "release"))
                .isEqualTo("WARDEN_HOME=/var/lib/warden WARDEN_LABEL=release '/opt/my warden/warden' hook claude");
        assertThat(ClaudeInstaller.isWardenCommand("'/opt/my warden/warden' hook claude")).isTrue();
        assertThat(ClaudeInstaller.isWardenCommand("./lint.sh hook claude-ish")).isFalse();
    }

    @Test
    void settingsCheckCatchesWhatClaudeCodeDrops() {
        for (String bad : List.of("{\"hooks\": []}", "{\"hooks\": {\"PreToolUse\": {}}}",
                "{\"hooks\": {\"PreToolUse\": [{\"matcher\": 1, \"hooks\": []}]}}",
                "{\"hooks\": {\"PreToolUse\": [{\"matcher\": \"*\"}]}}",
                "{\"hooks\": {\"PreToolUse\": [{\"hooks\": [{\"type\": \"shell\", \"command\": \"x\"}]}]}}",
                "{\"hooks\": {\"PreToolUse\": [{\"hooks\": [{\"type\": \"command\"}]}]}}",
                "{\"hooks\": {\"PreToolUse\": [{\"hooks\": [{\"type\": \"http\", \"url\": \"ftp://x\"}]}]}}",
                "{\"hooks\": {\"PreToolUse\": [{\"hooks\": [{\"type\": \"command\", \"command\": \"x\", \"timeout\": -1}]}]}}",
                "{\"hooks\": {\"PreToolUse\": [{\"hooks\": [{\"type\": \"command\", \"command\": \"x\", \"onFailure\": \"maybe\"}]}]}}",
                "{\"model\": 123}", "{\"permissions\": {\"deny\": \"Bash\"}}")) {
            assertThat(SettingsCheck.problems(Json.MAPPER.readTree(bad))).as(bad).isNotEmpty();
        }
        for (String ok : List.of("{}", "{\"somethingNew\": 1}", "{\"hooks\": {\"FutureEvent\": []}}",
                "{\"hooks\": {\"Stop\": [{\"hooks\": [{\"type\": \"command\", \"command\": \"x\", \"extra\": 1}]}]}}",
                "{\"permissions\": {\"deny\": [\"Bash((\"]}}")) {
            assertThat(SettingsCheck.problems(Json.MAPPER.readTree(ok))).as(ok).isEmpty();
        }
    }
}
