package dev.warden.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.call.WardenException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Queries, timelines, exports and pruning over one small recorded session. */
class TrailFeaturesTest {

    @TempDir
    Path home;

    @BeforeEach
    void record() {
        try (AuditLog log = AuditFixtures.log(home)) {
            log.append(AuditEvents.lifecycle(AuditEvents.SESSION_START, "S1", null, null, Map.of("source", "startup"), AuditFixtures.T0));
            log.append(AuditFixtures.decision(1, "S1", null, "Bash", "allow", ""));
            log.append(AuditFixtures.result(1, "S1", null, "Bash", false));
            log.append(AuditFixtures.decision(2, "S1", null, "Agent", "allow", ""));
            log.append(AuditEvents.lifecycle(AuditEvents.SUBAGENT_START, "S1", "a51d3e", "general-purpose", Map.of(), AuditFixtures.T0.plusSeconds(3)));
            log.append(AuditFixtures.decision(4, "S1", "a51d3e", "Bash", "deny", "git.force-push"));
            log.append(AuditFixtures.decision(5, "S1", "a51d3e", "Bash", "allow", ""));
            log.append(AuditFixtures.result(5, "S1", "a51d3e", "Bash", true));
            log.append(AuditEvents.lifecycle(AuditEvents.SUBAGENT_STOP, "S1", "a51d3e", "general-purpose", Map.of(), AuditFixtures.T0.plusSeconds(6)));
            log.append(AuditFixtures.result(2, "S1", null, "Agent", false));
            log.append(AuditFixtures.decision(7, "S2", null, "Read", "allow", ""));
        }
    }

    @Test
    void queriesCombineFilters() {
        try (AuditTrail t = AuditTrail.open(home)) {
            assertThat(t.records(new AuditQuery("S1", null, null, "deny", null, null, null, null, null, 0, false)))
                    .singleElement().satisfies(r -> assertThat(r.texts("rules")).containsExactly("git.force-push"));
            assertThat(t.records(new AuditQuery(null, "general-purpose", "Bash", null, null, "tool.", null, null, null, 0, false))).hasSize(3);
            assertThat(t.records(new AuditQuery(null, "main", null, null, null, "tool.decision", null, null, null, 0, false))).hasSize(3);
            assertThat(t.records(new AuditQuery(null, null, null, null, "git.force-push", null, null, null, null, 0, false))).hasSize(1);
            assertThat(t.records(new AuditQuery(null, null, null, null, null, null, AuditFixtures.T0.plusSeconds(5), AuditFixtures.T0.plusSeconds(6), null, 0, false)))
                    .extracting(AuditRecord::index).containsExactly(6L, 7L);
            assertThat(t.records(AuditQuery.all().withLimit(2, true))).extracting(AuditRecord::index).containsExactly(10L, 9L);
            assertThat(t.records(new AuditQuery(null, null, null, null, null, null, null, null, "echo 7", 0, false))).hasSize(1);
        }
    }

    @Test
    void theTimelineJoinsDecisionsWithOutcomesAndIndentsSubagents() {
        try (AuditTrail t = AuditTrail.open(home)) {
            Timeline tl = t.timeline("S1");
            assertThat(tl.lines()).hasSize(7); // 10 entries; 3 outcomes are shown on their decisions' lines
            List<String> text = tl.render();
            assertThat(text.get(0)).contains("session S1");
            assertThat(text).anySatisfy(l -> assertThat(l).contains("main").contains("Bash").contains("ALLOW").contains("-> ok 12 ms"));
            assertThat(text).anySatisfy(l -> assertThat(l).contains("  general-purpose(a51d3e)").contains("DENY [git.force-push]").contains("-> not run"));
            assertThat(text).anySatisfy(l -> assertThat(l).contains("general-purpose(a51d3e)").contains("-> failed"));
            Timeline.Line agentCall = tl.lines().stream().filter(l -> "Agent".equals(l.record().tool())).findFirst().orElseThrow();
            assertThat(agentCall.outcome()).isNotNull();
            assertThat(tl.lines().stream().filter(l -> l.depth() == 1)).hasSize(4);
        }
    }

    @Test
    void ocsfExportCarriesTheSecurityControlFields() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n;
        try (AuditTrail t = AuditTrail.open(home)) {
            n = t.export(AuditTrail.ExportFormat.OCSF, AuditQuery.all(), out);
        }
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(n).isEqualTo(5).isEqualTo(lines.size());
        JsonNode deny = lines.stream().map(JsonValues::parse).filter(e -> e.get("action_id").asInt() == 2).findFirst().orElseThrow();
        assertThat(deny.get("class_uid").asInt()).isEqualTo(6003);
        assertThat(deny.get("category_uid").asInt()).isEqualTo(6);
        assertThat(deny.get("type_uid").asInt()).isEqualTo(600399);
        assertThat(deny.get("disposition_id").asInt()).isEqualTo(2);
        assertThat(deny.get("disposition").asString()).isEqualTo("Blocked");
        assertThat(deny.get("action").asString()).isEqualTo("Denied");
        assertThat(deny.get("actor").get("user").get("name").asString()).isEqualTo("general-purpose");
        assertThat(deny.get("actor").get("session").get("uid").asString()).isEqualTo("S1");
        assertThat(deny.get("api").get("operation").asString()).isEqualTo("Bash");
        assertThat(deny.get("metadata").get("product").get("name").asString()).isEqualTo("Warden");
        assertThat(deny.get("time").asLong()).isEqualTo(AuditFixtures.T0.plusSeconds(4).toEpochMilli());
    }

    @Test
    void otelExportIsOneOtlpJsonDocumentOfExecuteToolSpans() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n;
        try (AuditTrail t = AuditTrail.open(home)) {
            n = t.export(AuditTrail.ExportFormat.OTEL, AuditQuery.all(), out);
        }
        JsonNode doc = JsonValues.parse(out.toString(StandardCharsets.UTF_8));
        JsonNode spans = doc.get("resourceSpans").get(0).get("scopeSpans").get(0).get("spans");
        assertThat(n).isEqualTo(5).isEqualTo(spans.size());
        for (JsonNode s : spans) {
            assertThat(s.get("traceId").asString()).hasSize(32).matches("[0-9a-f]+");
            assertThat(s.get("spanId").asString()).hasSize(16);
            assertThat(s.get("name").asString()).startsWith("execute_tool ");
            assertThat(attr(s, "gen_ai.operation.name")).isEqualTo("execute_tool");
        }
        JsonNode bash1 = find(spans, "toolu_S1_1");
        assertThat(attr(bash1, "gen_ai.tool.name")).isEqualTo("Bash");
        assertThat(Long.parseLong(bash1.get("endTimeUnixNano").asString()) - Long.parseLong(bash1.get("startTimeUnixNano").asString()))
                .isEqualTo(500_000_000L);
        assertThat(find(spans, "toolu_S1_4").get("status").get("code").asInt()).isEqualTo(2);
        assertThat(find(spans, "toolu_S1_5").get("status").get("code").asInt()).isEqualTo(2);
        assertThat(attr(find(spans, "toolu_S1_5"), "gen_ai.agent.name")).isEqualTo("general-purpose");
    }

    private static JsonNode find(JsonNode spans, String callId) {
        for (JsonNode s : spans) {
            if (callId.equals(attr(s, "gen_ai.tool.call.id"))) {
                return s;
            }
        }
        throw new AssertionError("no span for " + callId);
    }

    private static String attr(JsonNode span, String key) {
        for (JsonNode a : span.get("attributes")) {
            if (a.get("key").asString().equals(key)) {
                return a.get("value").get("stringValue").asString();
            }
        }
        return null;
    }

    @Test
    void pruningArchivesOldEntriesAndTheLogStillVerifiesAndSaysWhatWasPruned() throws Exception {
        Path archive = home.resolve("archive-1.jsonl");
        try (AuditTrail t = AuditTrail.open(home)) {
            AuditTrail.PruneResult r = t.prune(AuditFixtures.T0.plusSeconds(4), archive);
            assertThat(r.from()).isZero();
            assertThat(r.to()).isEqualTo(5);
            List<String> lines = Files.readAllLines(archive);
            assertThat(lines).hasSize(5);
            for (int i = 0; i < 5; i++) {
                assertThat(Merkle.leafHash(lines.get(i).getBytes(StandardCharsets.UTF_8))).isEqualTo(t.inclusionProof(i, t.size()).leafHash());
            }
            VerifyReport v = t.verify(null);
            assertThat(v.problems()).isEmpty();
            assertThat(v.prunedEntries()).isEqualTo(5);
            assertThat(v.notes()).anyMatch(n -> n.contains("entries 0..4 were pruned"));
            assertThat(t.record(2)).isEmpty();
            assertThat(t.inclusionProof(2, t.size()).verify()).isTrue();
            assertThat(t.records(AuditQuery.all().withKind(AuditTrail.PRUNED_KIND))).singleElement()
                    .satisfies(p -> assertThat(p.data()).containsEntry("from", 0L).containsEntry("to", 5L));
            assertThatThrownBy(() -> t.prune(AuditFixtures.T0.plusSeconds(100), archive)).isInstanceOf(WardenException.class)
                    .hasMessageContaining("already exists");
            // a second prune restates the first range in its own signed record
            AuditTrail.PruneResult r2 = t.prune(AuditFixtures.T0.plusSeconds(6), home.resolve("archive-2.jsonl"));
            assertThat(r2.from()).isEqualTo(5);
            assertThat(t.verify(null).problems()).isEmpty();
        }
    }

    @Test
    void entriesRemovedAndDisguisedAsPrunedAreReportedAsRemoved() {
        LogFiles.sql(home, "UPDATE entries SET body = NULL WHERE idx IN (3, 4)");
        LogFiles.sql(home, "INSERT INTO pruned (start, end_idx, entry, archive_sha256, time_ms) VALUES (3, 5, 10, 'abc', 0)");
        try (AuditTrail t = AuditTrail.open(home)) {
            VerifyReport v = t.verify(null);
            assertThat(v.problems()).anySatisfy(p -> {
                assertThat(p.kind()).isEqualTo(VerifyReport.Kind.REMOVED);
                assertThat(p.from()).isEqualTo(3);
                assertThat(p.to()).isEqualTo(4);
            });
        }
    }
}
