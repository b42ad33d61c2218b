package dev.warden.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void keysAreSortedAndWhitespaceIsGone() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1);
        m.put("a", List.of(true, "x"));
        m.put("A", Map.of("z", 1, "y", 2));
        assertThat(CanonicalJson.write(m)).isEqualTo("{\"A\":{\"y\":2,\"z\":1},\"a\":[true,\"x\"],\"b\":1}");
    }

    @Test
    void nullMembersAreLeftOutButNullElementsStay() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gone", null);
        m.put("list", Arrays.asList(1, null));
        assertThat(CanonicalJson.write(m)).isEqualTo("{\"list\":[1,null]}");
    }

    @Test
    void numbersAreNormalised() {
        assertThat(CanonicalJson.write(List.of(2.0, -0.0, 1.5, 0.001, 1e21, new BigDecimal("1.2300"), 7L, 3.0f, 1e-7)))
                .isEqualTo("[2,0,1.5,0.001,1000000000000000000000,1.23,7,3,0.0000001]");
        assertThat(CanonicalJson.write(List.of(Double.NaN, Double.POSITIVE_INFINITY))).isEqualTo("[\"NaN\",\"Infinity\"]");
    }

    @Test
    void stringsEscapeOnlyWhatJsonRequires() {
        assertThat(CanonicalJson.write("a\"b\\c\n\u0001é€😀")).isEqualTo("\"a\\\"b\\\\c\\n\\u0001é€😀\"");
        assertThat(CanonicalJson.write("x\uD800y")).isEqualTo("\"x\uFFFDy\"");
    }

    @Test
    void equalValuesInDifferentShapesGiveEqualBytes() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("n", 1);
        a.put("t", Instant.parse("2025-01-02T03:04:05Z"));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("t", "2025-01-02T03:04:05Z");
        b.put("n", 1.0);
        assertThat(CanonicalJson.bytes(a)).isEqualTo(CanonicalJson.bytes(b));
        assertThat(CanonicalJson.write(JsonValues.parse("{\"n\": 1.0, \"t\":\"2025-01-02T03:04:05Z\"}"))).isEqualTo(CanonicalJson.write(a));
    }

    @Test
    void hostileNestingDoesNotOverflowTheStack() {
        Object v = "leaf";
        for (int i = 0; i < 10_000; i++) {
            v = List.of(v);
        }
        assertThat(CanonicalJson.write(v)).contains("[too deep]");
    }

    @Test
    void entryHalvesSpliceIntoTheCanonicalFormOfTheWholeEntry() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("x", Map.of("index", 5));
        AuditEntry e = new AuditEntry("tool.decision", Instant.parse("2025-01-02T03:04:05.123Z"), "s1", "a1", "general", "Bash", data);
        Map<String, Object> whole = new LinkedHashMap<>();
        whole.put("kind", e.kind());
        whole.put("time", e.time());
        whole.put("session", "s1");
        whole.put("agent_id", "a1");
        whole.put("agent_type", "general");
        whole.put("tool", "Bash");
        whole.put("data", data);
        whole.put("index", 42);
        whole.put("v", 1);
        String body = EntryCodec.halves(e).body(42);
        assertThat(body).isEqualTo(CanonicalJson.write(whole));
        assertThat(EntryCodec.claimedIndex(body)).isEqualTo(42);
        assertThat(EntryCodec.decode(42, body).agentType()).isEqualTo("general");
    }
}
