package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and malformed requests get a clear 4xx with a JSON error body, and change nothing. */
class BadInputTest {

    @TempDir Path tmp;
    ServerFixture f;

    @BeforeEach
    void start() {
        f = new ServerFixture(tmp, "version: 1\n", ServerConfig.defaults().withMaxBodyBytes(64 * 1024));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static void jsonError(ServerFixture.Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().path("error").asString()).isEqualTo(code);
        assertThat(r.json().path("message").asString()).isNotBlank();
    }

    @Test
    void malformedJsonIsA400() {
        jsonError(f.post("/v1/decide", f.agentToken, "{\"session\": "), 400, "invalid_input");
        jsonError(f.post("/v1/decide", f.agentToken, "[1,2,3]"), 400, "invalid_input");
        jsonError(f.post("/v1/decide", f.agentToken, ""), 400, "invalid_input");
        jsonError(f.post("/v1/approvals/apr_1/approve", f.approver, "{not json"), 400, "invalid_input");
    }

    @Test
    void missingOrMistypedFieldsAreNamed() {
        ServerFixture.Response r = f.post("/v1/decide", f.agentToken, "{\"session\": 5, \"tool\": \"Bash\"}");
        jsonError(r, 400, "invalid_input");
        r = f.post("/v1/decide", f.agentToken, "{\"session\": \"s\", \"cwd\": \"relative\", \"tool\": \"Bash\", \"input\": []}");
        jsonError(r, 400, "invalid_input");
        assertThat(r.json().path("message").asString()).contains("cwd").contains("input");
        jsonError(f.post("/v1/decide", f.agentToken, "{\"session\": \"s\", \"cwd\": \"/tmp\", \"tool\": \"Bash\", \"input\": {}, \"wait\": -1}"),
                400, "invalid_input");
    }

    @Test
    void malformedHookEventsAreAnsweredWith200AndABlock() {
        // Claude Code reads only 2xx JSON; a block must be JSON, not a status code.
        ServerFixture.Response r = f.post("/hooks/claude", f.agentToken, "this is not json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("decision").asString()).isEqualTo("block");
        assertThat(r.json().path("reason").asString()).contains("not valid JSON");
        r = f.post("/hooks/claude", f.agentToken, "{\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\"}");
        assertThat(r.json().path("hookSpecificOutput").path("permissionDecision").asString()).isEqualTo("deny");
    }

    @Test
    void oversizedBodiesAreA413() {
        String huge = "{\"x\":\"" + "a".repeat(200 * 1024) + "\"}";
        ServerFixture.Response r = f.post("/hooks/claude", f.agentToken, huge);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().path("error").asString()).isEqualTo("too_large");
    }

    @Test
    void wrongContentTypesAreA415() {
        ServerFixture.Response r = f.send("POST", "/v1/decide", f.agentToken, f.decideBody("s", "ls"), "text/plain", Map.of());
        assertThat(r.status()).isEqualTo(415);
        r = f.send("POST", "/hooks/claude", f.agentToken, f.preToolUse("s", "ls"), null, Map.of());
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.json().path("error").asString()).isEqualTo("unsupported_media_type");
    }

    @Test
    void unknownSessionsAndRequestsAre404AndUnknownEndpointsToo() {
        jsonError(f.get("/v1/sessions/no-such-session", f.approver), 404, "not_found");
        jsonError(f.post("/v1/sessions/no-such-session/release", f.admin, "{}"), 404, "not_found");
        jsonError(f.get("/v1/approvals/apr_0000", f.approver), 404, "not_found");
        jsonError(f.get("/v1/nothing-here", f.approver), 404, "not_found");
    }

    @Test
    void badHeadersAndParametersAre400() {
        ServerFixture.Response r = f.send("POST", "/hooks/claude", f.agentToken, f.preToolUse("s", "ls"), "application/json",
                Map.of("X-Warden-Hook-Timeout", "soon"));
        jsonError(r, 400, "invalid_input");
        jsonError(f.get("/v1/approvals?status=maybe", f.approver), 400, "invalid_input");
        jsonError(f.get("/v1/approvals?limit=-4", f.approver), 400, "invalid_input");
    }

    @Test
    void releasingASessionThatIsNotQuarantinedIsAConflictAndChangesNothing() {
        f.post("/v1/decide", f.agentToken, f.decideBody("s-known", "ls"));
        jsonError(f.post("/v1/sessions/s-known/release", f.admin, "{}"), 409, "conflict");
        assertThat(f.get("/v1/sessions/s-known", f.admin).json().path("quarantined").asBoolean()).isFalse();
    }

    @Test
    void tokensAreCreatedOnlyByAdminsAndBadRolesAreRefused() {
        jsonError(f.post("/v1/tokens", f.approver, "{\"role\":\"admin\",\"name\":\"eve\"}"), 403, "forbidden");
        jsonError(f.post("/v1/tokens", f.admin, "{\"role\":\"superuser\",\"name\":\"eve\"}"), 400, "invalid_input");
        jsonError(f.post("/v1/tokens", f.admin, "{\"role\":\"agent\",\"name\":\"has space\"}"), 400, "invalid_input");
        ServerFixture.Response ok = f.post("/v1/tokens", f.admin, "{\"role\":\"agent\",\"name\":\"erin\",\"team\":\"payments\"}");
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.json().path("token").asString()).startsWith("wdn_");
        assertThat(f.post("/v1/decide", ok.json().path("token").asString(), f.decideBody("s9", "ls")).status()).isEqualTo(200);
    }
}
