package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.harness.Json;
import dev.warden.testing.WardenProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged launcher, run as users and Claude Code run it: minimal environment, no JAVA_HOME. */
@Tag("process")
class LauncherTest {

    @TempDir Path tmp;

    private Map<String, String> env(String... extra) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("WARDEN_HOME", tmp.resolve("wh").toString(), "HOME", tmp.toString()));
        for (int i = 0; i + 1 < extra.length; i += 2) {
            env.put(extra[i], extra[i + 1]);
        }
        return env;
    }

    private static final byte[] EVENT = ("{\"session_id\":\"s\",\"cwd\":\"/tmp\",\"hook_event_name\":\"PreToolUse\","
            + "\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"git status\"}}").getBytes(StandardCharsets.UTF_8);

    @Test
    void findsAJdkOnItsOwnAndPrintsWholeOutputs() {
        WardenProcess.Result v = WardenProcess.run(env(), tmp, new byte[0], "--version");
        assertThat(v.exit()).as(v.stderr()).isZero();
        assertThat(v.stdout()).startsWith("warden ");
        WardenProcess.Result b = WardenProcess.run(env(), tmp, new byte[0], "policy", "show", "--builtin");
        assertThat(b.stdout()).startsWith("# Warden's built-in default policy").contains("bindings:");
    }

    @Test
    void theHookAnswersWithJsonOnlyOnStdout() {
        WardenProcess.Result r = WardenProcess.run(env(), tmp, EVENT, "hook", "claude");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(Json.MAPPER.readTree(r.stdout()).path("hookSpecificOutput").path("permissionDecision").asString())
                .isEqualTo("allow");
    }

    @Test
    void anEmptyEventBlocksWithExitTwo() {
        WardenProcess.Result r = WardenProcess.run(env(), tmp, new byte[0], "hook", "claude");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).contains("empty hook input");
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void aJvmThatCannotStartBlocksInsteadOfFailingOpen() {
        WardenProcess.Result r = WardenProcess.run(env("WARDEN_JAVA_OPTS", "-XX:+NoSuchJvmOption"), tmp, EVENT, "hook", "claude");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).contains("Warden blocked this call: the Warden process failed");
    }

    @Test
    void noJdkAtAllAlsoBlocks() {
        // PATH without java and a JDK search that finds nothing: the launcher itself must exit 2.
        WardenProcess.Result r = WardenProcess.run(env("WARDEN_JAVA_HOME", "/nonexistent", "WARDEN_JDK_SEARCH", "/nonexistent"),
                tmp, EVENT, "hook", "claude");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).contains("no JDK >= 21 found");
    }
}
