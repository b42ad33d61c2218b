package dev.warden.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Any single-byte change, deletion, insertion, reordering or truncation of stored entries is
 * detected by verify, which names the entry or a range containing it. Every try works on a fresh
 * copy of a real SQLite log file and changes its rows as an attacker with file access would.
 */
class TamperDetectionPropertiesTest {

    static final int SIZE = 57;
    private static Path template;

    private static synchronized Path template() throws Exception {
        if (template == null) {
            template = Files.createTempDirectory("audit-template");
            try (AuditLog log = AuditFixtures.log(template)) {
                for (int i = 0; i < SIZE; i++) {
                    log.append(AuditFixtures.simple(i));
                }
            }
        }
        return template;
    }

    @AfterContainer
    static void cleanup() {
        if (template != null) {
            LogFiles.delete(template);
        }
    }

    private static Path copy() throws Exception {
        Path home = Files.createTempDirectory("audit-tamper");
        LogFiles.copyTree(template(), home);
        return home;
    }

    private static VerifyReport verify(Path home) {
        try (AuditTrail t = AuditTrail.open(home)) {
            return t.verify(null);
        } finally {
            LogFiles.delete(home);
        }
    }

    private static void assertDetectedAt(VerifyReport r, long index) {
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).as("a problem covering entry %d in %s", index, r.problems())
                .anySatisfy(p -> assertThat(index).isBetween(p.from(), p.to()));
    }

    @Property(tries = 60)
    void anySingleByteChangeInAnEntryIsDetectedAtThatEntry(@ForAll @IntRange(min = 0, max = SIZE - 1) int index,
            @ForAll @IntRange(min = 0, max = 100_000) int position, @ForAll @IntRange(min = 1, max = 255) int xor,
            @ForAll boolean inHash) throws Exception {
        Path home = copy();
        try (Connection c = LogFiles.raw(home)) {
            String col = inHash ? "leaf" : "body";
            byte[] v;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + col + " FROM entries WHERE idx = ?")) {
                ps.setLong(1, index);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    v = rs.getBytes(1);
                }
            }
            v[position % v.length] ^= (byte) xor;
            try (PreparedStatement ps = c.prepareStatement(inHash ? "UPDATE entries SET leaf = ? WHERE idx = ?"
                    : "UPDATE entries SET body = CAST(? AS TEXT) WHERE idx = ?")) {
                ps.setBytes(1, v);
                ps.setLong(2, index);
                ps.executeUpdate();
            }
        }
        assertDetectedAt(verify(home), index);
    }

    @Property(tries = 30)
    void aDeletedEntryIsReportedAsRemoved(@ForAll @IntRange(min = 0, max = SIZE - 1) int index) throws Exception {
        Path home = copy();
        LogFiles.sql(home, "DELETE FROM entries WHERE idx = ?", index);
        VerifyReport r = verify(home);
        assertDetectedAt(r, index);
        assertThat(r.problems()).anyMatch(p -> p.kind() == VerifyReport.Kind.REMOVED || p.kind() == VerifyReport.Kind.TRUNCATED);
    }

    @Property(tries = 30)
    void anEntryRemovedAndTheRestRenumberedIsDetected(@ForAll @IntRange(min = 0, max = SIZE - 2) int index) throws Exception {
        Path home = copy();
        LogFiles.sql(home, "DELETE FROM entries WHERE idx = ?", index);
        LogFiles.sql(home, "UPDATE entries SET idx = -idx WHERE idx > ?", index);
        LogFiles.sql(home, "UPDATE entries SET idx = -idx - 1 WHERE idx < 0");
        assertDetectedAt(verify(home), index);
    }

    @Property(tries = 30)
    void aForgedEntryInsertedWithAValidHashIsDetected(@ForAll @IntRange(min = 0, max = SIZE - 1) int index) throws Exception {
        Path home = copy();
        // shift the tail up by one, then put a well-formed entry with a correct leaf hash at index
        LogFiles.sql(home, "UPDATE entries SET idx = -idx - 1 WHERE idx >= ?", index);
        LogFiles.sql(home, "UPDATE entries SET idx = -idx WHERE idx < 0");
        String body = EntryCodec.halves(AuditFixtures.simple(999)).body(index);
        LogFiles.sql(home, "INSERT INTO entries (idx, leaf, body, time_ms, kind, session) VALUES (?,?,?,?,?,?)", index,
                Merkle.leafHash(body.getBytes(StandardCharsets.UTF_8)), body, AuditFixtures.T0.plusSeconds(999).toEpochMilli(),
                "tool.decision", "sess-0");
        assertDetectedAt(verify(home), index);
    }

    @Property(tries = 30)
    void swappedEntriesAreReportedAsReordered(@ForAll @IntRange(min = 0, max = SIZE - 1) int a,
            @ForAll @IntRange(min = 0, max = SIZE - 1) int b) throws Exception {
        if (a == b) {
            return;
        }
        Path home = copy();
        LogFiles.sql(home, "UPDATE entries SET idx = -1 WHERE idx = ?", a);
        LogFiles.sql(home, "UPDATE entries SET idx = ? WHERE idx = ?", a, b);
        LogFiles.sql(home, "UPDATE entries SET idx = ? WHERE idx = -1", b);
        VerifyReport r = verify(home);
        assertDetectedAt(r, a);
        assertDetectedAt(r, b);
        assertThat(r.problems()).anyMatch(p -> p.kind() == VerifyReport.Kind.REORDERED);
    }

    @Property(tries = 30)
    void aTruncatedLogIsReportedWithTheMissingRange(@ForAll @IntRange(min = 0, max = SIZE - 1) int keep) throws Exception {
        Path home = copy();
        LogFiles.sql(home, "DELETE FROM entries WHERE idx >= ?", keep);
        VerifyReport r = verify(home);
        assertThat(r.problems()).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo(VerifyReport.Kind.TRUNCATED);
            assertThat(p.from()).isEqualTo(keep);
            assertThat(p.to()).isEqualTo(SIZE - 1);
        });
    }

    @Property(tries = 20)
    void aRewrittenHistoryWithRecomputedHashesAndNodesFailsAgainstTheSignedCheckpoints(
            @ForAll @IntRange(min = 0, max = SIZE - 1) int index) throws Exception {
        Path home = copy();
        String body = EntryCodec.halves(AuditFixtures.simple(500)).body(index);
        LogFiles.sql(home, "UPDATE entries SET body = ?, leaf = ? WHERE idx = ?", body,
                Merkle.leafHash(body.getBytes(StandardCharsets.UTF_8)), index);
        VerifyReport r = verify(home);
        assertDetectedAt(r, index);
        assertThat(r.problems()).anyMatch(p -> p.kind() == VerifyReport.Kind.ROOT_MISMATCH);
    }

    @Property(tries = 10)
    void theUntouchedCopyVerifies(@ForAll @IntRange(min = 0, max = 3) int unused) throws Exception {
        VerifyReport r = verify(copy());
        assertThat(r.problems()).isEmpty();
        assertThat(r.size()).isEqualTo(SIZE);
        assertThat(List.of(r.uncovered())).containsExactly(0L);
    }
}
