package dev.warden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fake Messages API on its own (no CLI needed): what it streams, how it routes requests to
 * scripts, and what it reports as off-script.
 */
class FakeAnthropicApiTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final FakeAnthropicApi api = FakeAnthropicApi.start();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void aToolUseTurnIsStreamedAsSseWithInputJsonDeltaAndStopReasonToolUse() throws Exception {
        api.script(Turn.bash("toolu_1", "echo hi"), Turn.text("done"));

        HttpResponse<String> r = post("/v1/messages?beta=true", conversation("go"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/event-stream"));
        List<JsonNode> events = sse(r.body());
        assertThat(events).extracting(e -> e.path("type").asString()).containsExactly(
                "message_start", "content_block_start", "content_block_delta",
                "content_block_stop", "message_delta", "message_stop");
        assertThat(events.get(1).path("content_block").path("type").asString()).isEqualTo("tool_use");
        assertThat(events.get(1).path("content_block").path("id").asString()).isEqualTo("toolu_1");
        JsonNode delta = events.get(2).path("delta");
        assertThat(delta.path("type").asString()).isEqualTo("input_json_delta");
        assertThat(JSON.readTree(delta.path("partial_json").asString()).path("command").asString())
                .isEqualTo("echo hi");
        assertThat(events.get(4).path("delta").path("stop_reason").asString()).isEqualTo("tool_use");
        assertThat(events.get(4).path("usage").path("output_tokens").isNumber()).isTrue();
    }

    @Test
    void theTurnServedIsTheNumberOfAssistantMessagesSoARetryGetsTheSameTurn() throws Exception {
        api.script(Turn.bash("toolu_1", "echo hi"), Turn.text("done"));

        String first = post("/v1/messages", conversation("go")).body();
        String retry = post("/v1/messages", conversation("go")).body();
        String second = post("/v1/messages", conversation("go", "toolu_1")).body();

        assertThat(sse(first).get(1).path("content_block").path("type").asString()).isEqualTo("tool_use");
        assertThat(sse(retry).get(1).path("content_block").path("type").asString()).isEqualTo("tool_use");
        assertThat(sse(second).get(2).path("delta").path("text").asString()).isEqualTo("done");
        assertThat(sse(second).get(4).path("delta").path("stop_reason").asString()).isEqualTo("end_turn");
        assertThat(api.problems()).isEmpty();
        assertThat(api.requests()).extracting(ApiRequest::turnIndex).containsExactly(0, 0, 1);
        assertThat(api.toolResult("toolu_1")).hasValueSatisfying(
                tr -> assertThat(tr.text()).isEqualTo("result 0"));
    }

    @Test
    void aSubagentsRequestsGetTheSubagentScriptAndTheParentsTurnsAreNotConsumed() throws Exception {
        api.script(
                Turn.agent("toolu_a", "narrow", "SUB-PROMPT-1", Turn.bash("toolu_s", "ls"), Turn.text("sub done")),
                Turn.text("parent done"));

        post("/v1/messages", conversation("go"));
        String sub0 = post("/v1/messages", conversation("SUB-PROMPT-1")).body();
        String sub1 = post("/v1/messages", conversation("SUB-PROMPT-1", "toolu_s")).body();
        String parent1 = post("/v1/messages", conversation("go", "toolu_a")).body();

        assertThat(sse(sub0).get(1).path("content_block").path("id").asString()).isEqualTo("toolu_s");
        assertThat(sse(sub1).get(2).path("delta").path("text").asString()).isEqualTo("sub done");
        assertThat(sse(parent1).get(2).path("delta").path("text").asString()).isEqualTo("parent done");
        assertThat(api.requests()).extracting(ApiRequest::kind).containsExactly(ApiRequest.Kind.MAIN,
                ApiRequest.Kind.SUBAGENT, ApiRequest.Kind.SUBAGENT, ApiRequest.Kind.MAIN);
        assertThat(api.problems()).isEmpty();
    }

    @Test
    void anAgentTurnAsksForAForegroundAgentUnlessToldOtherwise() {
        Turn fg = Turn.agent("toolu_a", "narrow", "P", Turn.text("x"));
        Turn bg = Turn.agentInBackground("toolu_b", "narrow", "Q", Turn.text("x"));

        Map<String, Object> fgInput = new HashMap<>(fg.toolUses().getFirst().input());
        assertThat(fgInput).containsEntry("run_in_background", false)
                .containsEntry("subagent_type", "narrow").containsEntry("prompt", "P");
        assertThat(bg.toolUses().getFirst().input()).doesNotContainKey("run_in_background");
    }

    @Test
    void sideRequestsCountTokensAndProbesAreAnsweredWithoutConsumingTurns() throws Exception {
        api.script(Turn.text("the only turn")).sideAnswer("a title");
        ObjectNode side = conversation("summarise");
        side.remove("tools");

        HttpResponse<String> sideAnswer = post("/v1/messages", side);
        HttpResponse<String> count = post("/v1/messages/count_tokens", conversation("go"));
        HttpResponse<String> probe = http.send(HttpRequest.newBuilder(api.baseUrl().resolve("/"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        String main = post("/v1/messages", conversation("go")).body();

        assertThat(sse(sideAnswer.body()).get(2).path("delta").path("text").asString()).isEqualTo("a title");
        assertThat(JSON.readTree(count.body()).path("input_tokens").asInt()).isPositive();
        assertThat(probe.statusCode()).isEqualTo(200);
        assertThat(sse(main).get(2).path("delta").path("text").asString()).isEqualTo("the only turn");
        assertThat(api.requests()).extracting(ApiRequest::kind).containsExactly(ApiRequest.Kind.SIDE,
                ApiRequest.Kind.COUNT_TOKENS, ApiRequest.Kind.OTHER, ApiRequest.Kind.MAIN);
        assertThat(api.problems()).isEmpty();
    }

    @Test
    void offScriptRequestsAreAnsweredSoTheRunEndsAndAreReportedAsProblems() throws Exception {
        api.script(Turn.bash("toolu_1", "true"));
        ObjectNode unscripted = conversation("NOBODY SCRIPTED THIS");
        ((ObjectNode) unscripted.withArray("system").get(0)).put("text", "cc_is_subagent=true;");

        String exhausted = post("/v1/messages", conversationWithoutResults("go", "toolu_1")).body();
        String sub = post("/v1/messages", unscripted).body();
        HttpResponse<String> garbage = post("/v1/messages", "{not json");
        HttpResponse<String> unknown = post("/v1/nothing", "{}");

        assertThat(sse(exhausted).get(4).path("delta").path("stop_reason").asString()).isEqualTo("end_turn");
        assertThat(sse(sub).get(4).path("delta").path("stop_reason").asString()).isEqualTo("end_turn");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(api.problems()).hasSize(5).anySatisfy(p -> assertThat(p).contains("script exhausted"))
                .anySatisfy(p -> assertThat(p).contains("before the tool_result of toolu_1"))
                .anySatisfy(p -> assertThat(p).contains("no script"))
                .anySatisfy(p -> assertThat(p).contains("not a JSON object"))
                .anySatisfy(p -> assertThat(p).contains("/v1/nothing"));
    }

    @Test
    void twoSubagentsWithTheSamePromptAreRejectedAtScriptTime() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> api.script(
                        Turn.agent("a", "x", "SAME", Turn.text("1")),
                        Turn.agent("b", "x", "SAME", Turn.text("2"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SAME");
    }

    // ---- helpers -------------------------------------------------------------------------

    /** A Messages request body with one prior assistant turn per id, each answered by a tool_result. */
    private static ObjectNode conversation(String prompt, String... answered) {
        return body(prompt, List.of(answered), true);
    }

    private static ObjectNode conversationWithoutResults(String prompt, String... asked) {
        return body(prompt, List.of(asked), false);
    }

    private static ObjectNode body(String prompt, List<String> ids, boolean results) {
        ObjectNode b = JSON.createObjectNode();
        b.put("model", "claude-test");
        b.put("stream", true);
        b.putArray("system").addObject().put("type", "text").put("text", "You are a test.");
        b.putArray("tools").addObject().put("name", "Bash");
        ArrayNode messages = b.putArray("messages");
        ObjectNode first = messages.addObject().put("role", "user");
        first.putArray("content").addObject().put("type", "text").put("text", "<system-reminder>x</system-reminder>");
        first.withArray("content").addObject().put("type", "text").put("text", prompt);
        for (int i = 0; i < ids.size(); i++) {
            messages.addObject().put("role", "assistant").putArray("content").addObject()
                    .put("type", "tool_use").put("id", ids.get(i)).put("name", "Bash");
            ObjectNode user = messages.addObject().put("role", "user");
            ArrayNode content = user.putArray("content");
            if (results) {
                content.addObject().put("type", "tool_result").put("tool_use_id", ids.get(i))
                        .put("content", "result " + i).put("is_error", false);
            } else {
                content.addObject().put("type", "text").put("text", "interrupted");
            }
        }
        return b;
    }

    private HttpResponse<String> post(String path, Object body) throws IOException, InterruptedException {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return http.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(text)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<JsonNode> sse(String body) {
        List<JsonNode> events = new ArrayList<>();
        String event = null;
        for (String line : body.split("\n")) {
            if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("data: ")) {
                JsonNode data = JSON.readTree(line.substring(6));
                assertThat(data.path("type").asString()).isEqualTo(event);
                events.add(data);
            }
        }
        return events;
    }
}
