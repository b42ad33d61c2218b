package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.approval.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Approval gates over HTTP: a gated call waits for a human bound to its digest, and the rules
 * of deciding (roles, no self-approval, N of M, one winner, no replays, expiry) hold.
 */
class ApprovalFlowTest {

    static String policy(String approval) {
        return """
                version: 1
                rules:
                  - id: team/force-push
                    effect: approve
                    match: ["Bash(git push --force:*)"]
                    message: force-pushing rewrites shared history
                    approval: %s
                """.formatted(approval);
    }

    @TempDir Path tmp;
    ServerFixture f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    private CompletableFuture<ServerFixture.Response> hookAsync(String token, String session, String command, int hookTimeout) {
        String body = f.preToolUse(session, command);
        return CompletableFuture.supplyAsync(() -> f.send("POST", "/hooks/claude", token, body, "application/json",
                Map.of("X-Warden-Hook-Timeout", Integer.toString(hookTimeout))));
    }

    private String awaitPending() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            JsonNode list = f.get("/v1/approvals", f.approver).json().path("approvals");
            if (!list.isEmpty()) {
                return list.get(0).path("id").asString();
            }
            Thread.sleep(25);
        }
        throw new AssertionError("no pending approval appeared");
    }

    private static String decision(ServerFixture.Response r) {
        return r.json().path("hookSpecificOutput").path("permissionDecision").asString();
    }

    private static String reason(ServerFixture.Response r) {
        return r.json().path("hookSpecificOutput").path("permissionDecisionReason").asString();
    }

    @Test
    void aGatedCallWaitsAndRunsOnceAnApproverApprovesIt() throws Exception {
        f = new ServerFixture(tmp, policy("{expires: 30s}"));
        var pending = hookAsync(f.aliceAgent, "s1", "git push --force origin", 40);
        String id = awaitPending();
        JsonNode shown = f.get("/v1/approvals/" + id, f.approver).json();
        assertThat(shown.path("summary").asString()).isEqualTo("git push --force origin");
        assertThat(shown.path("requester").asString()).isEqualTo("alice");
        assertThat(shown.path("rules").valueStream().map(JsonNode::asString).toList()).contains("team/force-push", "git.force-push");
        assertThat(shown.path("digest").asString()).startsWith("sha256:");

        ServerFixture.Response ok = f.post("/v1/approvals/" + id + "/approve", f.approver, "{\"reason\":\"release day\"}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        ServerFixture.Response r = pending.get(20, TimeUnit.SECONDS);
        assertThat(decision(r)).as(r.body()).isEqualTo("allow");
        assertThat(reason(r)).contains("approved by bob").contains("release day").contains(id);
    }

    @Test
    void aRejectedCallIsDeniedWithWhoRejectedItAndWhy() throws Exception {
        f = new ServerFixture(tmp, policy("{expires: 30s}"));
        var pending = hookAsync(f.aliceAgent, "s1", "git push --force origin", 40);
        String id = awaitPending();
        assertThat(f.post("/v1/approvals/" + id + "/reject", f.approver, "{}").status()).isEqualTo(400);
        assertThat(f.post("/v1/approvals/" + id + "/reject", f.approver, "{\"reason\":\"open a PR instead\"}").status()).isEqualTo(200);
        ServerFixture.Response r = pending.get(20, TimeUnit.SECONDS);
        assertThat(decision(r)).isEqualTo("deny");
        assertThat(reason(r)).contains("rejected by bob: open a PR instead").contains("Do not retry");
    }

    @Test
    void anExpiredRequestDeniesTheCallAndCannotBeApprovedLater() throws Exception {
        f = new ServerFixture(tmp, policy("{expires: 2s}"));
        var pending = hookAsync(f.aliceAgent, "s1", "git push --force origin", 40);
        String id = awaitPending();
        ServerFixture.Response r = pending.get(20, TimeUnit.SECONDS);
        assertThat(decision(r)).isEqualTo("deny");
        assertThat(reason(r)).contains("approval expired").contains(id);
        ServerFixture.Response late = f.post("/v1/approvals/" + id + "/approve", f.approver, "{}");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().path("error").asString()).isEqualTo("conflict");
    }

    @Test
    void theWaitEndsBeforeTheHookTimeoutAndAnApprovedRetryOfTheIdenticalCallRuns() throws Exception {
        f = new ServerFixture(tmp, policy("{expires: 10m}"));
        long t0 = System.nanoTime();
        // Hook timeout 16 s -> Warden waits at most 1 s (15 s margin).
        ServerFixture.Response first = hookAsync(f.aliceAgent, "s1", "git push --force origin", 16).get(20, TimeUnit.SECONDS);
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(10);
        assertThat(decision(first)).isEqualTo("deny");
        assertThat(reason(first)).contains("still waiting").contains("retry the identical call");
        String id = awaitPending();
        assertThat(f.post("/v1/approvals/" + id + "/approve", f.approver, "{}").status()).isEqualTo(200);
        // A different call is not covered by the approval...
        ServerFixture.Response other = hookAsync(f.aliceAgent, "s1", "git push --force origin HEAD", 16).get(20, TimeUnit.SECONDS);
        assertThat(decision(other)).isEqualTo("deny");
        // ...the identical one is, exactly once.
        assertThat(decision(hookAsync(f.aliceAgent, "s1", "git push --force origin", 16).get(20, TimeUnit.SECONDS))).isEqualTo("allow");
        assertThat(decision(hookAsync(f.aliceAgent, "s1", "git push --force origin", 16).get(20, TimeUnit.SECONDS))).isEqualTo("deny");
    }

    @Test
    void theRequesterCannotApproveTheirOwnAgentsRequest() throws Exception {
        f = new ServerFixture(tmp, policy("{expires: 30s}"));
        String aliceApprover = f.runtime.tokens().create(Role.APPROVER, "alice", "payments").token();
        hookAsync(f.aliceAgent, "s1", "git push --force origin", 40);
        String id = awaitPending();
        ServerFixture.Response r = f.post("/v1/approvals/" + id + "/approve", aliceApprover, "{}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().path("message").asString()).contains("own agent");
    }

    @Test
    void twoOfManyNeedsTwoDistinctPeople() throws Exception {
        f = new ServerFixture(tmp, policy("{expires: 30s, required: 2, reason_required: true}"));
        var pending = hookAsync(f.aliceAgent, "s1", "git push --force origin", 40);
        String id = awaitPending();
        assertThat(f.post("/v1/approvals/" + id + "/approve", f.approver, "{}").status()).isEqualTo(400);
        assertThat(f.post("/v1/approvals/" + id + "/approve", f.approver, "{\"reason\":\"ok\"}").json().path("status").asString())
                .isEqualTo("pending");
        assertThat(f.post("/v1/approvals/" + id + "/approve", f.approver, "{\"reason\":\"again\"}").status()).isEqualTo(409);
        assertThat(pending).isNotDone();
        assertThat(f.post("/v1/approvals/" + id + "/approve", f.approver2, "{\"reason\":\"ok too\"}").json().path("status").asString())
                .isEqualTo("approved");
        assertThat(decision(pending.get(20, TimeUnit.SECONDS))).isEqualTo("allow");
    }

    @Test
    void onlyListedApproversMayDecide() throws Exception {
        f = new ServerFixture(tmp, policy("{expires: 30s, approvers: [\"team:infra\"]}"));
        hookAsync(f.aliceAgent, "s1", "git push --force origin", 40);
        String id = awaitPending();
        assertThat(f.post("/v1/approvals/" + id + "/approve", f.approver, "{}").status()).isEqualTo(403);
        String infra = f.runtime.tokens().create(Role.APPROVER, "dave", "infra").token();
        // dave's team cannot see payments' requests either: the request stays invisible to him.
        assertThat(f.post("/v1/approvals/" + id + "/approve", infra, "{}").status()).isEqualTo(404);
    }

    @Test
    void concurrentApprovalsOfOneRequestHaveExactlyOneWinner() throws Exception {
        f = new ServerFixture(tmp, policy("{expires: 30s}"));
        hookAsync(f.aliceAgent, "s1", "git push --force origin", 40);
        String id = awaitPending();
        int n = 8;
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tokens.add(f.runtime.tokens().create(Role.APPROVER, "approver" + i, "payments").token());
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (String t : tokens) {
            results.add(pool.submit(() -> {
                go.await();
                return f.post("/v1/approvals/" + id + "/approve", t, "{}").status();
            }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> r : results) {
            statuses.add(r.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(n - 1);
        JsonNode shown = f.get("/v1/approvals/" + id, f.admin).json();
        assertThat(shown.path("approvals")).hasSize(1);
    }

    @Test
    void unknownAndReplayedIdsAreClearErrors() throws Exception {
        f = new ServerFixture(tmp, policy("{expires: 30s}"));
        assertThat(f.post("/v1/approvals/apr_nope/approve", f.approver, "{}").status()).isEqualTo(404);
        var pending = hookAsync(f.aliceAgent, "s1", "git push --force origin", 40);
        String id = awaitPending();
        assertThat(f.post("/v1/approvals/" + id + "/approve", f.approver, "{}").status()).isEqualTo(200);
        pending.get(20, TimeUnit.SECONDS);
        ServerFixture.Response replay = f.post("/v1/approvals/" + id + "/approve", f.approver2, "{}");
        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.json().path("message").asString()).contains("already approved");
        assertThat(f.post("/v1/approvals/" + id + "/reject", f.approver2, "{\"reason\":\"too late\"}").status()).isEqualTo(409);
    }

    @Test
    void sessionScopeLetsIdenticalCallsRunAfterOneApproval() throws Exception {
        f = new ServerFixture(tmp, policy("{expires: 30s, scope: session, grant_for: 10m}"));
        var pending = hookAsync(f.aliceAgent, "s1", "git push --force origin", 40);
        String id = awaitPending();
        f.post("/v1/approvals/" + id + "/approve", f.approver, "{}");
        assertThat(decision(pending.get(20, TimeUnit.SECONDS))).isEqualTo("allow");
        for (int i = 0; i < 3; i++) {
            ServerFixture.Response again = hookAsync(f.aliceAgent, "s1", "git push --force origin", 16).get(20, TimeUnit.SECONDS);
            assertThat(decision(again)).isEqualTo("allow");
            assertThat(reason(again)).contains("grant of approval request " + id);
        }
        // Another session is not covered.
        assertThat(decision(hookAsync(f.aliceAgent, "s2", "git push --force origin", 16).get(20, TimeUnit.SECONDS))).isEqualTo("deny");
    }
}
