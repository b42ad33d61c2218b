package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.warden.approval.Notifier;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.AuditTrail;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Quarantine on denial spikes, rate limits, the kill switch — with alerts, webhooks and audit records. */
class ControlTest {

    static final String POLICY = """
            version: 1
            settings:
              limits:
                denials:
                  session: {count: 3, window: 2m, quarantine: true}
                rate:
                  session: 5
            rules:
              - id: team/no-curl
                effect: deny
                match: ["Bash(curl:*)"]
            """;

    @TempDir Path tmp;
    ServerFixture f;
    HttpServer receiver;
    final List<String> webhooks = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private ServerFixture withWebhook(String policy) throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/w", ex -> {
            webhooks.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();
        URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/w");
        return new ServerFixture(tmp, policy, ServerConfig.defaults().withWebhooks(
                List.of(new Notifier.Webhook(url, Notifier.Format.JSON, "k", Set.of("*"))), 3, Duration.ofMillis(20)));
    }

    private String decide(String session, String command) {
        return f.post("/v1/decide", f.agentToken, f.decideBody(session, command)).json().path("decision").asString();
    }

    private JsonNode decideJson(String session, String command) {
        return f.post("/v1/decide", f.agentToken, f.decideBody(session, command)).json();
    }

    private void awaitWebhook(String fragment) throws InterruptedException {
        for (int i = 0; i < 200 && webhooks.stream().noneMatch(w -> w.contains(fragment)); i++) {
            Thread.sleep(25);
        }
    }

    @Test
    void aDenialSpikeQuarantinesTheSessionUntilAHumanReleasesIt() throws Exception {
        f = withWebhook(POLICY.replace("session: 5", "session: 1000"));
        for (int i = 0; i < 3; i++) {
            assertThat(decide("s1", "curl https://x.example/" + i)).isEqualTo("deny");
        }
        JsonNode after = decideJson("s1", "ls");
        assertThat(after.path("decision").asString()).isEqualTo("deny");
        assertThat(after.path("rules").get(0).asString()).isEqualTo("warden.quarantine");
        assertThat(after.path("reason").asString()).contains("quarantined").contains("warden sessions release s1");
        assertThat(decide("s2", "ls")).as("other sessions are not affected").isEqualTo("allow");
        awaitWebhook("\"quarantine\"");
        assertThat(webhooks).anyMatch(w -> w.contains("\"event\":\"alert\"")).anyMatch(w -> w.contains("\"event\":\"quarantine\""));

        assertThat(f.post("/v1/sessions/s1/release", f.agentToken, "{}").status()).isEqualTo(403);
        // bob approves for team payments: a session of the team-less local agent is not his to see.
        assertThat(f.post("/v1/sessions/s1/release", f.approver, "{}").status()).isEqualTo(404);
        ServerFixture.Response rel = f.post("/v1/sessions/s1/release", f.admin, "{\"reason\":\"looked at it\"}");
        assertThat(rel.status()).as(rel.body()).isEqualTo(200);
        assertThat(decide("s1", "ls")).isEqualTo("allow");
    }

    @Test
    void aSessionOverItsRateLimitIsDeniedWithAClearReason() throws Exception {
        f = withWebhook(POLICY);
        for (int i = 0; i < 5; i++) {
            assertThat(decide("s1", "ls")).isEqualTo("allow");
        }
        JsonNode over = decideJson("s1", "ls");
        assertThat(over.path("decision").asString()).isEqualTo("deny");
        assertThat(over.path("rules").get(0).asString()).isEqualTo("warden.rate-limit");
        assertThat(over.path("reason").asString()).contains("more than 5 calls in a minute").contains("settings.limits.rate.session");
        assertThat(decide("s2", "ls")).isEqualTo("allow");
    }

    @Test
    void freezeStopsEveryAgentUntilUnfreezeAndBothAreAudited() throws Exception {
        f = withWebhook(POLICY.replace("session: 5", "session: 1000"));
        assertThat(f.post("/v1/freeze", f.admin, "{\"reason\":\"incident 42\"}").status()).isEqualTo(200);
        JsonNode frozen = decideJson("s1", "ls");
        assertThat(frozen.path("decision").asString()).isEqualTo("deny");
        assertThat(frozen.path("reason").asString()).contains("Warden is frozen").contains("incident 42").contains("root");
        ServerFixture.Response hook = f.post("/hooks/claude", f.agentToken, f.preToolUse("s3", "ls"));
        assertThat(hook.json().path("hookSpecificOutput").path("permissionDecision").asString()).isEqualTo("deny");
        assertThat(f.get("/v1/freeze", f.approver).json().path("frozen").asBoolean()).isTrue();
        assertThat(f.post("/v1/unfreeze", f.admin, "{}").status()).isEqualTo(200);
        assertThat(decide("s1", "ls")).isEqualTo("allow");
        assertThat(f.post("/v1/unfreeze", f.admin, "{}").status()).isEqualTo(409);
        awaitWebhook("\"unfreeze\"");
        assertThat(webhooks).anyMatch(w -> w.contains("\"event\":\"freeze\"") && w.contains("incident 42"));

        f.close();
        List<AuditRecord> freezes;
        try (AuditTrail t = AuditTrail.open(f.home)) {
            freezes = t.records(AuditQuery.all().withKind("freeze"));
        }
        f = null;
        assertThat(freezes).hasSize(2);
        assertThat(freezes.get(0).data().get("active")).isEqualTo(true);
        assertThat(freezes.get(1).data().get("active")).isEqualTo(false);
    }

    @Test
    void approvalRequestsAreAnnouncedByWebhook() throws Exception {
        f = withWebhook("version: 1\n");
        ServerFixture.Response r = f.send("POST", "/hooks/claude", f.agentToken, f.preToolUse("s1", "git push --force origin"),
                "application/json", java.util.Map.of("X-Warden-Hook-Timeout", "16"));
        assertThat(r.json().path("hookSpecificOutput").path("permissionDecision").asString()).isEqualTo("deny");
        awaitWebhook("approval.requested");
        assertThat(webhooks).anyMatch(w -> w.contains("approval.requested") && w.contains("git push --force origin"));
    }

    @Test
    void refusedRequestsAreRecordedInTheAuditLog() throws Exception {
        f = withWebhook("version: 1\n");
        assertThat(f.post("/v1/decide", "wdn_forged-token-forged-token-forged", f.decideBody("s", "ls")).status()).isEqualTo(401);
        assertThat(f.get("/v1/approvals", f.agentToken).status()).isEqualTo(403);
        f.close();
        List<AuditRecord> refused;
        try (AuditTrail t = AuditTrail.open(f.home)) {
            refused = t.records(AuditQuery.all().withKind("auth.refused"));
        }
        f = null;
        assertThat(refused).hasSize(2);
        assertThat(refused.get(0).data().get("reason")).isEqualTo("invalid or revoked token");
        assertThat(refused.get(1).data().get("path")).isEqualTo("/v1/approvals");
    }

    @Test
    void recentDecisionsAreReadableByHumansOfTheTeamOnly() throws Exception {
        f = withWebhook("version: 1\n");
        f.post("/v1/decide", f.aliceAgent, f.decideBody("alice-session", "ls"));
        f.post("/v1/decide", f.agentToken, f.decideBody("local-session", "ls"));
        JsonNode bob = f.get("/v1/audit/decisions?limit=10", f.approver).json().path("decisions");
        assertThat(bob.valueStream().map(d -> d.path("session").asString()).toList()).containsExactly("alice-session");
        JsonNode root = f.get("/v1/audit/decisions?limit=10", f.admin).json().path("decisions");
        assertThat(root.valueStream().map(d -> d.path("session").asString()).toList())
                .contains("alice-session", "local-session");
    }
}
