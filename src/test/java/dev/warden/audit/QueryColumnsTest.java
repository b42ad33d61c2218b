package dev.warden.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The query columns of an entry row (used by {@code warden audit query}) must say what its
 * hashed body says: full verify reports any column changed behind the body's back, and never
 * flags an honest row, whatever its values hold.
 */
class QueryColumnsTest {

    @TempDir
    Path home;

    private void fill() {
        try (AuditLog log = AuditFixtures.log(home)) {
            for (int i = 0; i < 40; i++) {
                log.append(AuditFixtures.simple(i));
            }
            Map<String, @Nullable Object> odd = new LinkedHashMap<>();
            odd.put("decision", 7); // not a string: no decision column
            odd.put("tool_use_id", "t\\\"\u00e9\u2028\n\u0001\ud83d\ude00");
            odd.put("nested", Map.of("decision", "deny", "kind", "x"));
            log.append(new AuditEntry("odd.kind \u00fc", Instant.parse("2026-01-05T10:00:00.123456789Z"), "s\u00e9ss\u0000ion",
                    "agent \"x\"", "t\ty", "Bash\u2603", odd));
        }
    }

    private VerifyReport verify() {
        try (AuditTrail t = AuditTrail.open(home)) {
            return t.verify(null);
        }
    }

    @Test
    void honestRowsWithOddValuesRaiseNoAlarm() {
        fill();
        assertThat(verify().problems()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kind = 'tool.result'", "session = 'other'", "agent_id = 'agentX'", "agent_type = NULL",
            "tool = 'Write'", "decision = 'allow'", "tool_use_id = NULL", "time_ms = time_ms + 5", "time_ms = NULL",
            "session = CAST(session AS BLOB)"})
    void aColumnChangedBehindTheBodysBackIsReportedAsAltered(String change) {
        fill();
        LogFiles.sql(home, "UPDATE entries SET " + change + " WHERE idx = 20");
        VerifyReport r = verify();
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(VerifyReport.Kind.ALTERED);
            assertThat(p.from()).isEqualTo(20);
            assertThat(p.message()).contains("query columns");
        });
    }

    @Test
    void theOddRowsColumnsAreCheckedToo() {
        fill();
        LogFiles.sql(home, "UPDATE entries SET decision = '7' WHERE idx = 40");
        assertThat(verify().problems()).singleElement().satisfies(p -> assertThat(p.from()).isEqualTo(40));
    }
}
