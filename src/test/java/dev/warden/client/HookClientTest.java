package dev.warden.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thin command hook fails closed: an unreachable, refusing, slow or garbling server blocks
 * tool calls (exit 2) and stops new sessions, while a good answer is passed through verbatim.
 */
class HookClientTest {

    static final String PRE = "{\"session_id\":\"s\",\"cwd\":\"/tmp\",\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\","
            + "\"tool_input\":{\"command\":\"ls\"}}";
    static final String START = "{\"session_id\":\"s\",\"cwd\":\"/tmp\",\"hook_event_name\":\"SessionStart\",\"source\":\"startup\"}";
    static final String STOP = "{\"session_id\":\"s\",\"cwd\":\"/tmp\",\"hook_event_name\":\"Stop\"}";

    @TempDir Path tmp;
    HttpServer server;
    final AtomicReference<String> seenAuth = new AtomicReference<>();
    final AtomicReference<String> seenTimeout = new AtomicReference<>();

    record Run(int exit, String out, String err) {}

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private String serve(int status, String body, long delayMs) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hooks/claude", ex -> {
            seenAuth.set(ex.getRequestHeaders().getFirst("Authorization"));
            seenTimeout.set(ex.getRequestHeaders().getFirst("X-Warden-Hook-Timeout"));
            ex.getRequestBody().readAllBytes();
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
            if (b.length > 0) {
                ex.getResponseBody().write(b);
            }
            ex.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private Run run(String event, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = HookClient.run(args, new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Map<String, String> env() {
        return Map.of("WARDEN_AGENT_TOKEN", "wdn_test-token-test-token-test-token");
    }

    private static int deadPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aGoodAnswerIsPrintedAsItCameWithTheTokenAndTimeoutSent() throws Exception {
        String answer = "{\"hookSpecificOutput\":{\"hookEventName\":\"PreToolUse\",\"permissionDecision\":\"deny\",\"permissionDecisionReason\":\"no\"}}";
        String url = serve(200, answer, 0);
        Run r = run(PRE, env(), "hook", "claude", "--server", url, "--timeout", "330");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(answer);
        assertThat(seenAuth.get()).isEqualTo("Bearer wdn_test-token-test-token-test-token");
        assertThat(seenTimeout.get()).isEqualTo("330");
    }

    @Test
    void anUnreachableServerBlocksToolCalls() throws Exception {
        Run r = run(PRE, env(), "hook", "claude", "--server", "http://127.0.0.1:" + deadPort());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Warden blocked this call").contains("cannot be reached");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anUnreachableServerStopsANewSession() throws Exception {
        Run r = run(START, env(), "hook", "claude", "--server", "http://127.0.0.1:" + deadPort());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("\"continue\":false").contains("stopReason").contains("unreachable");
    }

    @Test
    void anUnreachableServerDoesNotTrapTheAgentInStop() throws Exception {
        Run r = run(STOP, env(), "hook", "claude", "--server", "http://127.0.0.1:" + deadPort());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("could not record Stop");
    }

    @Test
    void refusalsAndGarbageAndSlownessBlock() throws Exception {
        String url = serve(401, "{\"error\":\"unauthorized\",\"message\":\"invalid or revoked token\"}", 0);
        Run refused = run(PRE, env(), "hook", "claude", "--server", url);
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("HTTP 401").contains("invalid or revoked token");
        server.stop(0);

        url = serve(200, "{\"hookSpecificOutput\": {\"permissionDecision\": \"allow\"", 0);
        Run garbled = run(PRE, env(), "hook", "claude", "--server", url);
        assertThat(garbled.exit()).isEqualTo(2);
        assertThat(garbled.err()).contains("not a JSON object");
        server.stop(0);

        url = serve(200, "{}", 3000);
        long t0 = System.nanoTime();
        Run slow = run(PRE, env(), "hook", "claude", "--server", url, "--timeout", "6");
        assertThat(slow.exit()).isEqualTo(2);
        assertThat(slow.err()).contains("did not answer within 1 s");
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(2.9);
    }

    @Test
    void withoutATokenNothingIsSentAndTheCallIsBlocked() throws Exception {
        String url = serve(200, "{}", 0);
        Run r = run(PRE, Map.of("HOME", tmp.toString()), "hook", "claude", "--server", url);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no agent token");
        assertThat(seenAuth.get()).isNull();
    }

    @Test
    void theTokenFileInWardenHomeIsUsedWhenTheVariableIsUnset() throws Exception {
        Files.writeString(tmp.resolve("agent.token"), "wdn_from-the-file-from-the-file-xx\n");
        String url = serve(200, "", 0);
        Run r = run(PRE, Map.of("WARDEN_HOME", tmp.toString()), "hook", "claude", "--server", url);
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(seenAuth.get()).isEqualTo("Bearer wdn_from-the-file-from-the-file-xx");
    }

    @Test
    void badArgumentsBlockRatherThanExitWithAnotherCode() {
        assertThat(run(PRE, env(), "hook", "claude", "--server", "http://x", "--frobnicate").exit()).isEqualTo(2);
        assertThat(run(PRE, env(), "hook", "claude", "--server", "http://127.0.0.1:1", "--timeout", "soon").exit()).isEqualTo(2);
        assertThat(run(PRE, env(), "hook", "claude", "--server", "ftp://x").exit()).isEqualTo(2);
    }

    @Test
    void theJsonCheckIsStrict() {
        assertThat(MiniJson.isObject("{}")).isTrue();
        assertThat(MiniJson.isObject(" {\"a\":[1,-2.5e3,true,null,{\"b\":\"\\u00e9\\n\"}]} ")).isTrue();
        assertThat(MiniJson.isObject("{\"a\":1,}")).isFalse();
        assertThat(MiniJson.isObject("{\"a\":1} {}")).isFalse();
        assertThat(MiniJson.isObject("[1]")).isFalse();
        assertThat(MiniJson.isObject("{\"a\":\"\\x\"}")).isFalse();
        assertThat(MiniJson.isObject("{\"a\":tru}")).isFalse();
        assertThat(MiniJson.isObject("{".repeat(500) + "}".repeat(500))).isFalse();
        assertThat(MiniJson.isObject("")).isFalse();
    }
}
