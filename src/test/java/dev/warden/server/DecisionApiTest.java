package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The hook endpoint and the generic decision API answer like the command hook, and only to agents. */
class DecisionApiTest {

    static final String POLICY = """
            version: 1
            rules:
              - id: team/no-curl
                effect: deny
                match: ["Bash(curl:*)"]
                message: no network from here
            """;

    @TempDir Path tmp;
    ServerFixture f;

    @BeforeEach
    void start() {
        f = new ServerFixture(tmp, POLICY);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void hookEndpointAllowsOrdinaryWorkWithTheCommandHookJson() {
        ServerFixture.Response r = f.post("/hooks/claude", f.agentToken, f.preToolUse("s1", "ls -la"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode out = r.json().path("hookSpecificOutput");
        assertThat(out.path("hookEventName").asString()).isEqualTo("PreToolUse");
        assertThat(out.path("permissionDecision").asString()).isEqualTo("allow");
    }

    @Test
    void hookEndpointDeniesWithTheReasonTheModelSees() {
        ServerFixture.Response r = f.post("/hooks/claude", f.agentToken, f.preToolUse("s1", "curl https://example.com"));
        assertThat(r.status()).isEqualTo(200);
        JsonNode out = r.json().path("hookSpecificOutput");
        assertThat(out.path("permissionDecision").asString()).isEqualTo("deny");
        assertThat(out.path("permissionDecisionReason").asString()).contains("team/no-curl").contains("no network from here");
    }

    @Test
    void decideApiReturnsDecisionReasonsRulesAndProfile() {
        ServerFixture.Response r = f.post("/v1/decide", f.agentToken, f.decideBody("s2", "curl x"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(j.path("decision").asString()).isEqualTo("deny");
        assertThat(j.path("rules").get(0).asString()).isEqualTo("team/no-curl");
        assertThat(j.path("profile").asString()).isEqualTo("developer");
        assertThat(j.path("audit_index").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(j.path("reasons").get(0).path("message").asString()).isEqualTo("no network from here");
    }

    @Test
    void requestsWithoutAValidTokenAreRefusedWith401() {
        assertThat(f.post("/hooks/claude", null, f.preToolUse("s", "ls")).status()).isEqualTo(401);
        ServerFixture.Response r = f.post("/v1/decide", "wdn_not-a-real-token-at-all-xxxxxxxx", f.decideBody("s", "ls"));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().path("error").asString()).isEqualTo("unauthorized");
    }

    @Test
    void humanTokensCannotAskForDecisionsAndAgentTokensCannotApprove() {
        assertThat(f.post("/v1/decide", f.approver, f.decideBody("s", "ls")).status()).isEqualTo(403);
        assertThat(f.get("/v1/approvals", f.agentToken).status()).isEqualTo(403);
        assertThat(f.post("/v1/approvals/apr_x/approve", f.agentToken, "{}").status()).isEqualTo(403);
        assertThat(f.post("/v1/freeze", f.approver, "{}").status()).isEqualTo(403);
        assertThat(f.get("/v1/audit/decisions", f.agentToken).status()).isEqualTo(403);
    }

    @Test
    void healthAndMetricsAreServed() {
        f.post("/hooks/claude", f.agentToken, f.preToolUse("s1", "curl x"));
        assertThat(f.get("/healthz", null).json().path("status").asString()).isEqualTo("ok");
        String metrics = f.get("/metrics", null).body();
        assertThat(metrics).contains("warden_decisions_total").contains("effect=\"deny\"").contains("rule=\"team/no-curl\"")
                .contains("warden_decision_latency_seconds_bucket").contains("warden_pending_approvals")
                .contains("warden_active_sessions");
    }
}
