package dev.warden.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake Anthropic Messages API on 127.0.0.1 (ephemeral port, in-process) that plays scripted
 * model turns to the real Claude Code CLI and records every request, so a test can assert what
 * the model saw.
 *
 * <pre>{@code
 * try (FakeAnthropicApi api = FakeAnthropicApi.start()) {
 *     api.script(Turn.bash("toolu_1", "echo hi"), Turn.text("done"));
 *     ClaudeRun run = ClaudeCli.locate().project(tempDir).run(api, "say hi");
 *     assertThat(run.toolResult("toolu_1").text()).isEqualTo("hi");
 * }
 * }</pre>
 *
 * <p>Design note: what the CLI 2.1.332 sends (observed, {@code -p} mode with
 * {@code CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1}): only {@code POST /v1/messages?beta=true}
 * with {@code stream: true}, one per model turn, for the main conversation and for each
 * subagent; no count_tokens, title or probe requests were seen. The fake still answers those
 * (count_tokens with a token count, tool-less Messages requests with a short text, GET/HEAD with
 * {@code {}}) without consuming a scripted turn, and records them.
 *
 * <p>How a request is routed to a script:
 * <ol>
 *   <li>its first user message's text (system reminders left out) contains the prompt of a
 *       scripted subagent ({@link Turn#agent}; the longest match wins): that subagent's script;
 *   <li>its system prompt carries the CLI's subagent marker ({@code cc_is_subagent=true} in the
 *       billing header block) but no script matches: a placeholder text, recorded as a problem;
 *   <li>it offers tools: the main conversation;
 *   <li>otherwise it is a side request.
 * </ol>
 * The turn served is the number of assistant messages already in the request's history, so
 * the choice is stateless: a retried request gets the same turn again, and the parent's and a
 * background subagent's requests may interleave freely. If a turn's tool calls have no
 * tool_result yet when the next turn is asked for, or a script runs out, the fake answers
 * anyway (a text turn ends the run) and records a {@linkplain #problems() problem}.
 *
 * <p>Every answer is a stream (SSE): message_start, content_block_start/delta/stop per block
 * ({@code text_delta} for text, {@code input_json_delta} for tool input), message_delta with
 * {@code stop_reason} ({@code tool_use} or {@code end_turn}) and usage, message_stop.
 */
public final class FakeAnthropicApi implements AutoCloseable {

    /** The conversation name of the {@code -p} prompt's conversation. */
    public static final String MAIN = "main";

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String SUBAGENT_MARKER = "cc_is_subagent=true";

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicInteger messageIds = new AtomicInteger();
    private final Object lock = new Object();
    private final List<ApiRequest> requests = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private List<Turn> mainScript = List.of();
    private Map<String, List<Turn>> subagentScripts = Map.of();
    private String sideAnswer = "ok";

    private FakeAnthropicApi(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts a fake on 127.0.0.1 with an ephemeral port and an empty script. */
    public static FakeAnthropicApi start() {
        try {
            HttpServer server = HttpServer.create(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "fake-anthropic-api");
                t.setDaemon(true);
                return t;
            });
            FakeAnthropicApi api = new FakeAnthropicApi(server, executor);
            server.createContext("/", api::handle);
            server.setExecutor(executor);
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake Anthropic API", e);
        }
    }

    /** The value for {@code ANTHROPIC_BASE_URL}, e.g. {@code http://127.0.0.1:41234}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Replaces the script: the main conversation's turns, in order; subagent scripts are taken
     * from the {@link Turn#agent} turns inside (at any depth). Recorded requests are kept.
     */
    public FakeAnthropicApi script(Turn... mainTurns) {
        Map<String, List<Turn>> subs = new HashMap<>();
        collectSubagents(List.of(mainTurns), subs);
        synchronized (lock) {
            mainScript = List.of(mainTurns);
            subagentScripts = Map.copyOf(subs);
        }
        return this;
    }

    /** The text answered to side requests (Messages requests without tools); default "ok". */
    public FakeAnthropicApi sideAnswer(String text) {
        synchronized (lock) {
            sideAnswer = text;
        }
        return this;
    }

    /** Every request recorded so far, in arrival order. */
    public List<ApiRequest> requests() {
        synchronized (lock) {
            return List.copyOf(requests);
        }
    }

    /**
     * What went off-script so far: exhausted scripts, unscripted subagents, turns served before
     * the previous turn's tool_results came back, unparseable bodies, unknown POSTs.
     */
    public List<String> problems() {
        synchronized (lock) {
            return List.copyOf(problems);
        }
    }

    /** The first tool_result the model saw for this tool_use id, in any recorded request. */
    public Optional<ToolResult> toolResult(String toolUseId) {
        return toolResult(requests(), toolUseId);
    }

    static Optional<ToolResult> toolResult(List<ApiRequest> requests, String toolUseId) {
        for (ApiRequest r : requests) {
            for (ToolResult tr : r.toolResults()) {
                if (tr.toolUseId().equals(toolUseId)) {
                    return Optional.of(tr);
                }
            }
        }
        return Optional.empty();
    }

    /** A position in the request and problem logs, for {@link ClaudeProject#run}. */
    record Mark(int requests, int problems) {}

    Mark mark() {
        synchronized (lock) {
            return new Mark(requests.size(), problems.size());
        }
    }

    List<ApiRequest> requestsSince(Mark mark) {
        synchronized (lock) {
            return List.copyOf(requests.subList(mark.requests(), requests.size()));
        }
    }

    List<String> problemsSince(Mark mark) {
        synchronized (lock) {
            return List.copyOf(problems.subList(mark.problems(), problems.size()));
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void collectSubagents(List<Turn> turns, Map<String, List<Turn>> into) {
        for (Turn t : turns) {
            for (Turn.ToolUse u : t.toolUses()) {
                if (!u.subagent().isEmpty() && u.input().get("prompt") instanceof String prompt) {
                    if (into.put(prompt, u.subagent()) != null) {
                        throw new IllegalArgumentException(
                                "two scripted subagents share the prompt: " + prompt);
                    }
                    collectSubagents(u.subagent(), into);
                }
            }
        }
    }

    // ---- HTTP ----------------------------------------------------------------------------

    private void handle(HttpExchange ex) throws IOException {
        long now = System.nanoTime();
        try (ex) {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().toString();
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String bare = ex.getRequestURI().getPath();
            if ("POST".equals(method) && bare.equals("/v1/messages")) {
                messages(ex, method, path, body, now);
            } else if ("POST".equals(method) && bare.equals("/v1/messages/count_tokens")) {
                record(method, path, now, ApiRequest.Kind.COUNT_TOKENS, "", -1, body, parse(body));
                sendJson(ex, 200, "{\"input_tokens\":42}");
            } else {
                record(method, path, now, ApiRequest.Kind.OTHER, "", -1, body, parse(body));
                if ("GET".equals(method) || "HEAD".equals(method)) {
                    sendJson(ex, 200, "{}");
                } else {
                    problem("unknown request " + method + " " + path);
                    sendJson(ex, 404, error("not_found_error", "fake API: no " + method + " " + path));
                }
            }
        } catch (RuntimeException | IOException e) {
            problem("fake API failed on a request: " + e);
            throw e;
        }
    }

    private void messages(HttpExchange ex, String method, String path, String body, long now)
            throws IOException {
        JsonNode json = parse(body);
        if (json == null || !json.isObject()) {
            record(method, path, now, ApiRequest.Kind.OTHER, "", -1, body, json);
            problem("POST /v1/messages with a body that is not a JSON object");
            sendJson(ex, 400, error("invalid_request_error", "fake API: body is not JSON"));
            return;
        }
        Route route = route(json);
        Turn turn = switch (route.kind()) {
            case MAIN, SUBAGENT -> turnFor(route, json);
            case UNSCRIPTED_SUBAGENT -> {
                problem("a subagent ran with no script; its first message: "
                        + abbreviate(route.conversation()));
                yield Turn.text("(fake API: no script for this subagent)");
            }
            default -> Turn.text(currentSideAnswer());
        };
        record(method, path, now, route.kind(), route.conversation(), route.turnIndex(), body, json);
        stream(ex, json.path("model").asString("claude-fake"), turn);
    }

    private record Route(ApiRequest.Kind kind, String conversation, int turnIndex) {}

    private Route route(JsonNode json) {
        String first = firstUserText(json);
        String matched = null;
        synchronized (lock) {
            for (String prompt : subagentScripts.keySet()) {
                if (first.contains(prompt) && (matched == null || prompt.length() > matched.length())) {
                    matched = prompt;
                }
            }
        }
        int assistants = 0;
        for (JsonNode m : json.path("messages")) {
            if ("assistant".equals(m.path("role").asString(""))) {
                assistants++;
            }
        }
        if (matched != null) {
            return new Route(ApiRequest.Kind.SUBAGENT, matched, assistants);
        }
        boolean hasTools = json.path("tools").isArray() && !json.path("tools").isEmpty();
        if (systemText(json).contains(SUBAGENT_MARKER)) {
            return new Route(ApiRequest.Kind.UNSCRIPTED_SUBAGENT, first, -1);
        }
        if (hasTools) {
            return new Route(ApiRequest.Kind.MAIN, MAIN, assistants);
        }
        return new Route(ApiRequest.Kind.SIDE, "", -1);
    }

    private Turn turnFor(Route route, JsonNode json) {
        List<Turn> script;
        synchronized (lock) {
            script = route.kind() == ApiRequest.Kind.MAIN
                    ? mainScript : subagentScripts.get(route.conversation());
        }
        int i = route.turnIndex();
        String name = route.kind() == ApiRequest.Kind.MAIN ? MAIN : "subagent '" + abbreviate(route.conversation()) + "'";
        if (i > 0 && i <= script.size()) {
            List<String> answered = new ArrayList<>();
            for (JsonNode m : json.path("messages")) {
                for (JsonNode b : m.path("content")) {
                    answered.add(b.path("tool_use_id").asString(""));
                }
            }
            for (Turn.ToolUse u : script.get(i - 1).toolUses()) {
                if (!answered.contains(u.id())) {
                    problem(name + ": turn " + i + " asked for before the tool_result of " + u.id());
                }
            }
        }
        if (i >= script.size()) {
            problem(name + ": script exhausted (asked for turn " + i + " of " + script.size() + ")");
            return Turn.text("(fake API: script exhausted)");
        }
        return script.get(i);
    }

    private void stream(HttpExchange ex, String model, Turn turn) throws IOException {
        int id = messageIds.incrementAndGet();
        StringBuilder sse = new StringBuilder();
        ObjectNode message = JSON.createObjectNode();
        message.put("id", "msg_fake_" + id);
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.set("usage", usage(10, 1));
        ObjectNode start = event("message_start");
        start.set("message", message);
        append(sse, start);
        int index = 0;
        for (Turn.Block block : turn.blocks()) {
            ObjectNode blockStart = event("content_block_start");
            blockStart.put("index", index);
            ObjectNode cb = blockStart.putObject("content_block");
            ObjectNode delta = event("content_block_delta");
            delta.put("index", index);
            ObjectNode d = delta.putObject("delta");
            switch (block) {
                case Turn.Text t -> {
                    cb.put("type", "text");
                    cb.put("text", "");
                    d.put("type", "text_delta");
                    d.put("text", t.text());
                }
                case Turn.ToolUse u -> {
                    cb.put("type", "tool_use");
                    cb.put("id", u.id());
                    cb.put("name", u.name());
                    cb.putObject("input");
                    d.put("type", "input_json_delta");
                    d.put("partial_json", JSON.writeValueAsString(u.input()));
                }
            }
            append(sse, blockStart);
            append(sse, delta);
            ObjectNode stop = event("content_block_stop");
            stop.put("index", index);
            append(sse, stop);
            index++;
        }
        ObjectNode md = event("message_delta");
        ObjectNode mdDelta = md.putObject("delta");
        mdDelta.put("stop_reason", turn.toolUses().isEmpty() ? "end_turn" : "tool_use");
        mdDelta.putNull("stop_sequence");
        md.set("usage", usage(10, 5));
        append(sse, md);
        append(sse, event("message_stop"));

        byte[] bytes = sse.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.getResponseHeaders().set("request-id", "req_fake_" + id);
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static ObjectNode event(String type) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", type);
        return n;
    }

    private static ObjectNode usage(int in, int out) {
        ObjectNode u = JSON.createObjectNode();
        u.put("input_tokens", in);
        u.put("output_tokens", out);
        u.put("cache_creation_input_tokens", 0);
        u.put("cache_read_input_tokens", 0);
        return u;
    }

    private static void append(StringBuilder sse, ObjectNode event) {
        sse.append("event: ").append(event.path("type").asString()).append('\n')
                .append("data: ").append(JSON.writeValueAsString(event)).append("\n\n");
    }

    private static void sendJson(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        if ("HEAD".equals(ex.getRequestMethod())) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String error(String type, String message) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "error");
        ObjectNode e = n.putObject("error");
        e.put("type", type);
        e.put("message", message);
        return JSON.writeValueAsString(n);
    }

    private String currentSideAnswer() {
        synchronized (lock) {
            return sideAnswer;
        }
    }

    private void record(String method, String path, long nanos, ApiRequest.Kind kind,
            String conversation, int turnIndex, String body, @Nullable JsonNode json) {
        synchronized (lock) {
            requests.add(new ApiRequest(requests.size(), method, path, nanos, kind, conversation,
                    turnIndex, body, json));
        }
    }

    private void problem(String p) {
        synchronized (lock) {
            problems.add(p);
        }
    }

    private static @Nullable JsonNode parse(String body) {
        if (body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** The first user message's text, system reminders left out. */
    static String firstUserText(JsonNode request) {
        for (JsonNode m : request.path("messages")) {
            if (!"user".equals(m.path("role").asString(""))) {
                continue;
            }
            JsonNode content = m.path("content");
            if (content.isString()) {
                return content.asString();
            }
            StringBuilder sb = new StringBuilder();
            for (JsonNode b : content) {
                String text = b.path("text").asString("");
                if (!text.isEmpty() && !text.startsWith("<system-reminder>")) {
                    sb.append(text).append('\n');
                }
            }
            return sb.toString();
        }
        return "";
    }

    private static String systemText(JsonNode request) {
        JsonNode system = request.path("system");
        if (system.isString()) {
            return system.asString();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode b : system) {
            sb.append(b.path("text").asString("")).append('\n');
        }
        return sb.toString();
    }

    private static String abbreviate(String s) {
        String one = s.strip().replace('\n', ' ');
        return one.length() <= 60 ? one : one.substring(0, 57) + "...";
    }
}
