package dev.warden.harness.claude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.audit.AuditEntry;
import dev.warden.engine.Engine;
import dev.warden.engine.EngineConfig;
import dev.warden.harness.Json;
import dev.warden.testing.FakeAnalyzer;
import dev.warden.testing.MemoryAuditLog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Claude Code's hook contract, on every real sample payload and on bad input. */
class ClaudeHookTest {

    @TempDir Path tmp;
    MemoryAuditLog log;
    ClaudeHook hook;

    @BeforeEach
    void setUp() {
        log = new MemoryAuditLog();
        hook = hook(null);
    }

    private ClaudeHook hook(Path policy) {
        EngineConfig config = new EngineConfig(tmp.resolve("warden"), tmp.resolve("home"), null, policy, null);
        Engine engine = new Engine(config, new FakeAnalyzer(), log, List.of(),
                InstantSource.fixed(Instant.parse("2026-11-25T12:00:00Z")), System::nanoTime);
        return new ClaudeHook(engine, null);
    }

    static byte[] sample(String name) throws IOException {
        try (InputStream in = ClaudeHookTest.class.getResourceAsStream("/claude/samples/" + name)) {
            return in.readAllBytes();
        }
    }

    static Stream<String> nonToolSamples() {
        return Stream.of("PermissionRequest.json", "PostToolBatch.json", "PostToolUse.json", "PostToolUseFailure.json",
                "PostToolUseFailure__in_subagent.json", "PostToolUse__Agent_tool.json", "PostToolUse__Edit.json",
                "PostToolUse__Read.json", "PostToolUse__Write.json", "SessionEnd.json", "SessionStart.json", "Stop.json",
                "SubagentStart.json", "SubagentStop.json", "UserPromptSubmit.json");
    }

    private static JsonNode json(ClaudeHook.Answer a) {
        return Json.MAPPER.readTree(a.stdout());
    }

    private static String decision(ClaudeHook.Answer a) {
        return json(a).path("hookSpecificOutput").path("permissionDecision").asString();
    }

    private static String reason(ClaudeHook.Answer a) {
        return json(a).path("hookSpecificOutput").path("permissionDecisionReason").asString();
    }

    @ParameterizedTest
    @MethodSource("nonToolSamples")
    void everyOtherEventIsRecordedAndNeverBlocks(String sample) throws IOException {
        ClaudeHook.Answer a = hook.handle(sample(sample));
        assertThat(a.exitCode()).isZero();
        assertThat(a.stdout()).isEmpty();
        assertThat(log.entries()).hasSize(1);
        assertThat(log.entries().get(0).sessionId()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PreToolUse.json", "PreToolUse__Edit.json", "PreToolUse__Read.json", "PreToolUse__Write.json",
            "PreToolUse__Agent_tool.json"})
    void ordinaryToolCallsAreAllowedWithAnExplicitAnswer(String sample) throws IOException {
        ClaudeHook.Answer a = hook.handle(sample(sample));
        assertThat(a.exitCode()).isZero();
        assertThat(json(a).path("hookSpecificOutput").path("hookEventName").asString()).isEqualTo("PreToolUse");
        assertThat(decision(a)).isEqualTo("allow");
        AuditEntry e = log.entries().get(0);
        assertThat(e.kind()).isEqualTo("tool.decision");
        assertThat(e.data()).containsEntry("decision", "allow").containsEntry("profile", "developer");
    }

    @Test
    void aForcePushInsideASubagentIsHeldForAHumanAndRecordedWithItsAgent() throws IOException {
        ClaudeHook.Answer a = hook.handle(sample("PreToolUse__in_subagent.json"));
        assertThat(decision(a)).isEqualTo("ask");
        assertThat(reason(a)).contains("needs a human's approval").contains("git.force-push").contains("profile subagent");
        AuditEntry e = log.entries().get(0);
        assertThat(e.agentType()).isEqualTo("general-purpose");
        assertThat(e.agentId()).isEqualTo("a51d3ee768f4f3483");
        assertThat(e.data()).containsEntry("decision", "approve");
        assertThat(e.data().get("rules")).isEqualTo(List.of("git.force-push"));
    }

    @Test
    void aCatastrophicCommandIsDeniedWithWhatToDoInstead() {
        ClaudeHook.Answer a = hook.handle(preToolUse("rm -rf ~"));
        assertThat(a.exitCode()).isZero();
        assertThat(decision(a)).isEqualTo("deny");
        assertThat(reason(a)).startsWith("Warden denied this call: [fs.rm-root]").contains("(in: rm -rf ~)")
                .contains("Instead: delete only build output");
    }

    @Test
    void unknownFieldsAreTolerated() {
        ObjectNode ev = (ObjectNode) Json.MAPPER.readTree(preToolUse("ls"));
        ev.put("brand_new_field", 42).putObject("another").put("x", true);
        assertThat(decision(hook.handle(ev.toString().getBytes(StandardCharsets.UTF_8)))).isEqualTo("allow");
    }

    @Test
    void unreadableInputBlocksWithExitTwoAndAClearMessage() {
        for (String bad : List.of("", "   \n", "{not json", "[1,2,3]", "\"a string\"", "{}", "{\"tool_name\":\"Bash\"}",
                "{\"hook_event_name\":\"SomethingNew\"}", "{\"hook_event_name\":42}")) {
            ClaudeHook.Answer a = hook.handle(bad.getBytes(StandardCharsets.UTF_8));
            assertThat(a.exitCode()).as(bad).isIn(0, 2);
            if (a.exitCode() == 2) {
                assertThat(a.stderr()).as(bad).startsWith("Warden blocked this call: ");
                assertThat(a.stdout()).isEmpty();
            } else {
                assertThat(decision(a)).as(bad).isEqualTo("deny");
            }
            assertThat(a.stderr() + a.stdout()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void aPreToolUseMissingRequiredFieldsIsDeniedNamingThem() {
        ClaudeHook.Answer a = hook.handle("""
                {"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":"not an object"}""".getBytes(StandardCharsets.UTF_8));
        assertThat(decision(a)).isEqualTo("deny");
        assertThat(reason(a)).contains("tool_input").contains("session_id").contains("cwd");
    }

    @Test
    void hugeInputFailsClosed() {
        byte[] huge = new byte[ClaudeHook.MAX_INPUT_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) 'a');
        ClaudeHook.Answer a = hook.handle(huge);
        assertThat(a.exitCode()).isEqualTo(2);
        assertThat(a.stderr()).contains("larger than");
    }

    @Test
    void deeplyNestedJsonFailsClosedWithoutAStackTrace() {
        String deep = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);
        ClaudeHook.Answer a = hook.handle(deep.getBytes(StandardCharsets.UTF_8));
        assertThat(a.exitCode()).isEqualTo(2);
        assertThat(a.stderr()).startsWith("Warden blocked this call");
    }

    @Test
    void anAnalysisThatFailsDeniesTheCall() {
        ClaudeHook.Answer a = hook.handle(preToolUse("echo THROW"));
        assertThat(decision(a)).isEqualTo("deny");
        assertThat(reason(a)).contains("warden.analysis-failed");
    }

    @Test
    void aCallThatCannotBeRecordedDoesNotRun() {
        log.failing(true);
        ClaudeHook.Answer a = hook.handle(preToolUse("ls"));
        assertThat(decision(a)).isEqualTo("deny");
        assertThat(reason(a)).contains("warden.audit-failed").contains("could not record");
    }

    @Test
    void aBrokenPolicyDeniesEveryCallAndSaysWhere() throws IOException {
        Path policy = Files.writeString(tmp.resolve("policy.yaml"), "mode: sometimes\n");
        ClaudeHook.Answer a = hook(policy).handle(preToolUse("ls"));
        assertThat(decision(a)).isEqualTo("deny");
        assertThat(reason(a)).contains("warden.policy-invalid").contains("policy.yaml:1:7");
    }

    @Test
    void monitorModeDecidesAndRecordsButLetsClaudeCodeDecide() throws IOException {
        Path policy = Files.writeString(tmp.resolve("policy.yaml"), "mode: monitor\n");
        ClaudeHook.Answer a = hook(policy).handle(preToolUse("rm -rf ~"));
        assertThat(a.exitCode()).isZero();
        assertThat(a.stdout()).isEmpty();
        assertThat(log.entries().get(0).data()).containsEntry("decision", "deny").containsEntry("enforced", false)
                .containsEntry("mode", "monitor");
    }

    @Test
    void aFailedRecordOfANonToolEventDoesNotBlock() throws IOException {
        log.failing(true);
        ClaudeHook.Answer a = hook.handle(sample("Stop.json"));
        assertThat(a.exitCode()).isZero();
        assertThat(a.stderr()).contains("could not record Stop");
    }

    private static byte[] preToolUse(String command) {
        ObjectNode ev = Json.MAPPER.createObjectNode();
        ev.put("session_id", "s-test");
        ev.put("cwd", "/home/dev/project");
        ev.put("hook_event_name", "PreToolUse");
        ev.put("tool_name", "Bash");
        ev.putObject("tool_input").put("command", command);
        ev.put("tool_use_id", "toolu_1");
        return ev.toString().getBytes(StandardCharsets.UTF_8);
    }
}
