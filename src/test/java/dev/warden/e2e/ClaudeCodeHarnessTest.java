package dev.warden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

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

    private static final ObjectMapper JSON = JsonMapper.builder().build();

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

    @Test
    void httpHookDecidesWith2xxJsonButA403DenyBodyLetsTheCallThrough() throws IOException {
        List<String> bodies = new CopyOnWriteArrayList<>();
        int[] status = {200};
        HttpServer hookServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hookServer.createContext("/hook", ex -> {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = """
                    {"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"deny","permissionDecisionReason":"HTTP-NOPE-7"}}"""
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(status[0], answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        hookServer.start();
        try {
            String url = "http://127.0.0.1:" + hookServer.getAddress().getPort() + "/hook";
            project.settings(HookSettings.create().http("PreToolUse", "Bash", url).json());

            api.script(Turn.bash("toolu_h1", "echo RAN > denied.txt"), Turn.text("ok"));
            ClaudeRun denied = project.run(api, "try it").requireClean();
            status[0] = 403;
            api.script(Turn.bash("toolu_h2", "echo RAN > through.txt; cat through.txt"), Turn.text("ok"));
            ClaudeRun through = project.run(api, "try it").requireClean();

            assertThat(denied.toolResult("toolu_h1").text()).as(denied::diagnostics).contains("HTTP-NOPE-7");
            assertThat(project.dir().resolve("denied.txt")).doesNotExist();
            assertThat(through.toolResult("toolu_h2").text()).as(through::diagnostics).isEqualTo("RAN");
            assertThat(bodies).hasSize(2);
            assertThat(JSON.readTree(bodies.getFirst()).path("tool_name").asString()).isEqualTo("Bash");
        } finally {
            hookServer.stop(0);
        }
    }

    /**
     * What makes Claude Code drop a whole settings file, silently (exit 0, empty stderr, no
     * stream-json event): every hook AND every permission rule in it stops applying. Only the
     * {@code --debug} log says so. {@code warden doctor} must catch each of these.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSettings")
    void aSettingsFileWithAnInvalidEntryIsDroppedWholeAndSilently(String what, String settings) {
        RecordingHook hook = project.recordingHook("project", "");
        RecordingHook local = project.recordingHook("local", "");
        project.settings(settings.replace("HOOK", hook.command().toString()))
                .localSettings(HookSettings.create()
                        .command("PreToolUse", "Bash", local.command().toString()).json())
                .debug(true);
        api.script(Turn.bash("toolu_f1", "echo FINE"), Turn.text("ok"));

        ClaudeRun run = project.run(api, "go").requireClean();

        assertThat(run.toolResult("toolu_f1").text()).as(run::diagnostics).isEqualTo("FINE");
        assertThat(hook.payloads()).as("hooks of the invalid file").isEmpty();
        assertThat(local.payloads()).as("hooks of the valid local file").hasSize(1);
        assertThat(run.stderr()).isBlank();
        assertThat(run.stdout()).doesNotContain(".claude/settings.json");
        assertThat(run.debugLog()).contains(project.dir().resolve(".claude/settings.json").toString());
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                arguments("JSON syntax error (trailing comma)", hooks("{\"type\":\"command\",\"command\":\"HOOK\"}").replaceFirst("}$", ",}")),
                arguments("timeout given as a string", hooks("{\"type\":\"command\",\"command\":\"HOOK\",\"timeout\":\"10\"}")),
                arguments("onFailure with an unknown value", hooks("{\"type\":\"command\",\"command\":\"HOOK\",\"onFailure\":\"blok\"}")),
                arguments("a second hook of unknown type", hooks("{\"type\":\"command\",\"command\":\"HOOK\"},{\"type\":\"bogus\",\"command\":\"x\"}")),
                arguments("a second command hook without command", hooks("{\"type\":\"command\",\"command\":\"HOOK\"},{\"type\":\"command\"}")),
                arguments("an unrelated field of the wrong type (model: 123)",
                        "{\"model\":123," + hooks("{\"type\":\"command\",\"command\":\"HOOK\"}").substring(1)));
    }

    /** The boundary of the rule above: these oddities are tolerated and the hook still fires. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("toleratedSettings")
    void unknownNamesAreToleratedAndTheHookStillFires(String what, String settings) {
        RecordingHook hook = project.recordingHook("project", "");
        project.settings(settings.replace("HOOK", hook.command().toString()));
        api.script(Turn.bash("toolu_g1", "echo FINE"), Turn.text("ok"));

        ClaudeRun run = project.run(api, "go").requireClean();

        assertThat(hook.payloads()).as(run::diagnostics).hasSize(1);
    }

    static Stream<Arguments> toleratedSettings() {
        String ok = hooks("{\"type\":\"command\",\"command\":\"HOOK\"}");
        return Stream.of(
                arguments("an unknown top-level field", "{\"frobnicate\":true," + ok.substring(1)),
                arguments("an unknown field in the hook entry",
                        hooks("{\"type\":\"command\",\"command\":\"HOOK\",\"frob\":1}")),
                arguments("an unknown hook event name",
                        ok.replace("{\"hooks\":{", "{\"hooks\":{\"PreToolUs\":[{\"matcher\":\"Bash\",\"hooks\":[]}],")));
    }

    @Test
    void anInvalidHookAlsoDisablesThePermissionRulesBesideIt() {
        RecordingHook hook = project.recordingHook("project", "");
        HookSettings valid = HookSettings.create()
                .with("permissions", Map.of("deny", List.of("Bash(echo DENYME:*)")))
                .command("PreToolUse", "Bash", hook.command().toString());
        HookSettings invalid = HookSettings.create()
                .with("permissions", Map.of("deny", List.of("Bash(echo DENYME:*)")))
                .command("PreToolUse", "Bash", hook.command().toString(), Map.of("timeout", "10"));

        project.settings(valid.json());
        api.script(Turn.bash("toolu_p1", "echo DENYME now"), Turn.text("ok"));
        ClaudeRun withValid = project.run(api, "go").requireClean();
        project.settings(invalid.json());
        api.script(Turn.bash("toolu_p2", "echo DENYME now"), Turn.text("ok"));
        ClaudeRun withInvalid = project.run(api, "go").requireClean();

        assertThat(withValid.toolResult("toolu_p1").text()).as(withValid::diagnostics)
                .contains("has been denied");
        assertThat(hook.payloads()).as("the hook runs before the deny rule applies").hasSize(1);
        assertThat(withInvalid.toolResult("toolu_p2").text()).as(withInvalid::diagnostics)
                .isEqualTo("DENYME now");
    }

    private static String hooks(String entries) {
        return "{\"hooks\":{\"PreToolUse\":[{\"matcher\":\"Bash\",\"hooks\":[" + entries + "]}]}}";
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
