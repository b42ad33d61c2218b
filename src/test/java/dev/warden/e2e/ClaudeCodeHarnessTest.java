package dev.warden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Proves the e2e fixtures against the real Claude Code CLI with trivial inline hooks (not
 * Warden): tool output reaches the model, the hook answers Claude Code documents block the call
 * and the model sees the reason, subagent payloads carry the agent type, and the failure modes
 * of http hooks behave as observed.
 */
@Tag("e2e")
class ClaudeCodeHarnessTest {

    private static final String DENY_JSON = """
            echo '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"deny","permissionDecisionReason":"NOPE-123"}}'""";

    @TempDir Path tmp;
    private FakeAnthropicApi api;
    private ClaudeProject project;

    @BeforeEach
    void start() {
        ClaudeCli cli = ClaudeCli.locate();
        api = FakeAnthropicApi.start();
        project = cli.project(tmp);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void bashCallWithoutHooksRunsAndItsOutputReachesTheModel() {
        api.script(Turn.bash("toolu_a1", "echo HELLO-E2E > out.txt; cat out.txt"), Turn.text("all done"));

        ClaudeRun run = project.run(api, "write a file").requireClean();

        ToolResult result = run.toolResult("toolu_a1");
        assertThat(result.text()).as(run::diagnostics).isEqualTo("HELLO-E2E");
        assertThat(result.isError()).isFalse();
        assertThat(project.dir().resolve("out.txt")).hasContent("HELLO-E2E");
        assertThat(run.resultText()).isEqualTo("all done");
        assertThat(run.requests(ApiRequest.Kind.MAIN)).extracting(ApiRequest::turnIndex)
                .containsExactly(0, 1);
    }

    @Test
    void preToolUseDenyAnswerBlocksTheCallAndTheModelSeesTheReason() {
        RecordingHook hook = project.recordingHook("deny", DENY_JSON);
        project.settings(HookSettings.create()
                .command("PreToolUse", "Bash", hook.command().toString()).json());
        api.script(Turn.bash("toolu_b1", "echo RAN > ran.txt"), Turn.text("ok"));

        ClaudeRun run = project.run(api, "try it").requireClean();

        ToolResult result = run.toolResult("toolu_b1");
        assertThat(result.text()).as(run::diagnostics).contains("NOPE-123");
        assertThat(result.isError()).isTrue();
        assertThat(project.dir().resolve("ran.txt")).doesNotExist();
        List<JsonNode> payloads = hook.payloads();
        assertThat(payloads).hasSize(1);
        JsonNode p = payloads.getFirst();
        assertThat(p.path("hook_event_name").asString()).isEqualTo("PreToolUse");
        assertThat(p.path("tool_name").asString()).isEqualTo("Bash");
        assertThat(p.path("tool_input").path("command").asString()).isEqualTo("echo RAN > ran.txt");
        assertThat(p.path("tool_use_id").asString()).isEqualTo("toolu_b1");
        assertThat(p.path("cwd").asString()).isEqualTo(project.dir().toString());
        assertThat(p.path("session_id").asString()).isNotBlank();
        assertThat(p.has("agent_id")).isFalse();
    }

    @Test
    void preToolUseExitCode2BlocksTheCallAndTheModelSeesStderr() {
        RecordingHook hook = project.recordingHook("exit2", "echo 'BLOCKED-BY-EXIT-2' >&2; exit 2");
        project.settings(HookSettings.create()
                .command("PreToolUse", "Bash", hook.command().toString()).json());
        api.script(Turn.bash("toolu_c1", "echo RAN > ran.txt"), Turn.text("ok"));

        ClaudeRun run = project.run(api, "try it").requireClean();

        ToolResult result = run.toolResult("toolu_c1");
        assertThat(result.text()).as(run::diagnostics).contains("BLOCKED-BY-EXIT-2");
        assertThat(result.isError()).isTrue();
        assertThat(project.dir().resolve("ran.txt")).doesNotExist();
        assertThat(hook.payloads()).hasSize(1);
    }

    @Test
    void subagentToolCallsCarryTheAgentTypeAndId() {
        RecordingHook hook = project.recordingHook("rec", "");
        HookSettings settings = HookSettings.create();
        for (String event : List.of("PreToolUse", "PostToolUse", "SubagentStart", "SubagentStop")) {
            settings.command(event, "*", hook.command().toString());
        }
        project.settings(settings.json())
                .agent("narrow", "A narrow test helper", "Bash", "You are narrow. Do what you are told.");
        api.script(
                Turn.agent("toolu_d1", "narrow", "SUBTASK-D1: run the echo",
                        Turn.bash("toolu_d2", "echo SUB-OUT"),
                        Turn.text("sub done")),
                Turn.text("parent done"));

        ClaudeRun run = project.run(api, "delegate it").requireClean();

        assertThat(run.toolResult("toolu_d2").text()).as(run::diagnostics).isEqualTo("SUB-OUT");
        assertThat(run.toolResult("toolu_d1").text()).contains("sub done");
        assertThat(run.requests(ApiRequest.Kind.SUBAGENT)).hasSize(2)
                .allSatisfy(r -> assertThat(r.toolNames()).containsExactly("Bash"));
        assertThat(run.resultText()).isEqualTo("parent done");

        List<JsonNode> payloads = hook.payloads();
        assertThat(payloads).extracting(p -> p.path("hook_event_name").asString() + ":"
                        + p.path("tool_name").asString(p.path("agent_type").asString("")))
                .containsExactly("PreToolUse:Agent", "SubagentStart:narrow", "PreToolUse:Bash",
                        "PostToolUse:Bash", "SubagentStop:narrow", "PostToolUse:Agent");
        JsonNode bash = payloads.get(2);
        assertThat(bash.path("agent_type").asString()).isEqualTo("narrow");
        assertThat(bash.path("agent_id").asString()).isNotBlank();
        assertThat(bash.path("session_id").asString())
                .isEqualTo(payloads.getFirst().path("session_id").asString());
        assertThat(payloads.getFirst().path("tool_input").path("subagent_type").asString())
                .isEqualTo("narrow");
    }

    @Test
    void httpHookToAClosedPortBlocksOnlyWithOnFailureBlock() throws IOException {
        String url = "http://127.0.0.1:" + closedPort() + "/hook";

        project.settings(HookSettings.create()
                .http("PreToolUse", "Bash", url, Map.of("onFailure", "block")).json());
        api.script(Turn.bash("toolu_e1", "echo RAN > blocked.txt"), Turn.text("ok"));
        ClaudeRun blocked = project.run(api, "try it").requireClean();

        project.settings(HookSettings.create().http("PreToolUse", "Bash", url).json());
        api.script(Turn.bash("toolu_e2", "echo RAN > open.txt; cat open.txt"), Turn.text("ok"));
        ClaudeRun open = project.run(api, "try it").requireClean();

        assertThat(blocked.toolResult("toolu_e1").isError()).as(blocked::diagnostics).isTrue();
        assertThat(project.dir().resolve("blocked.txt")).doesNotExist();
        assertThat(open.toolResult("toolu_e2").text()).as(open::diagnostics).isEqualTo("RAN");
        assertThat(project.dir().resolve("open.txt")).exists();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
