package dev.warden.server;

import dev.warden.analysis.Analyzer;
import dev.warden.approval.Role;
import dev.warden.audit.AuditLog;
import dev.warden.engine.Engine;
import dev.warden.engine.EngineConfig;
import dev.warden.harness.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A real control plane on a free loopback port over a temp WARDEN_HOME and a temp project (a git
 * root with its own policy), plus an HTTP client: the fixture for server contract tests.
 */
final class ServerFixture implements AutoCloseable {

    final Path home;
    final Path project;
    final ServerRuntime runtime;
    final URI url;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String agentToken;
    final String aliceAgent;
    final String approver;
    final String approver2;
    final String admin;

    /** An HTTP answer. */
    record Response(int status, String body, Map<String, List<String>> headers) {
        JsonNode json() {
            return Json.MAPPER.readTree(body);
        }
    }

    ServerFixture(Path tmp, String projectPolicy) {
        this(tmp, projectPolicy, ServerConfig.defaults());
    }

    ServerFixture(Path tmp, String projectPolicy, ServerConfig config) {
        try {
            home = tmp.resolve("warden-home");
            project = tmp.resolve("project");
            Files.createDirectories(project.resolve(".git"));
            Files.createDirectories(project.resolve(".warden"));
            Files.writeString(project.resolve(".warden/policy.yaml"), projectPolicy);
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EngineConfig cfg = new EngineConfig(home, tmp.resolve("user-home"), null, null, null);
        AuditLog log = AuditLog.open(home, InstantSource.system());
        Engine engine = new Engine(cfg, Analyzer.standard(), log, List.of(), List.of(), InstantSource.system(), System::nanoTime, false);
        runtime = ServerRuntime.start(engine, log, config, InstantSource.system(), "127.0.0.1", 0, "tester");
        url = runtime.url();
        try {
            agentToken = Files.readString(home.resolve(Tokens.AGENT_TOKEN_FILE)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        aliceAgent = runtime.tokens().create(Role.AGENT, "alice", "payments").token();
        approver = runtime.tokens().create(Role.APPROVER, "bob", "payments").token();
        approver2 = runtime.tokens().create(Role.APPROVER, "carol", "payments").token();
        admin = runtime.tokens().create(Role.ADMIN, "root", null).token();
    }

    /** A PreToolUse hook event for a Bash command in the fixture's project. */
    String preToolUse(String session, String command) {
        return Json.MAPPER.writeValueAsString(Map.of("session_id", session, "cwd", project.toString(),
                "hook_event_name", "PreToolUse", "tool_name", "Bash", "tool_input", Map.of("command", command),
                "tool_use_id", "toolu_" + System.nanoTime(), "permission_mode", "default"));
    }

    String decideBody(String session, String command) {
        return Json.MAPPER.writeValueAsString(Map.of("session", session, "cwd", project.toString(), "tool", "Bash",
                "input", Map.of("command", command)));
    }

    Response post(String path, @Nullable String token, String body) {
        return send("POST", path, token, body, "application/json", Map.of());
    }

    Response get(String path, @Nullable String token) {
        return send("GET", path, token, null, null, Map.of());
    }

    Response send(String method, String path, @Nullable String token, @Nullable String body, @Nullable String contentType,
            Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        runtime.close();
    }
}
