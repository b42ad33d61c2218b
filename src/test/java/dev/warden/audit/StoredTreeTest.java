package dev.warden.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.call.WardenException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stored tree (the {@code tiles} table) on a real SQLite log: it is checked against the
 * entries and the signed checkpoints, tampering with it is found by both verifies, a log whose
 * tree does not cover its entries refuses appends, and a version 1 log (one row per node) is
 * upgraded in place.
 */
class StoredTreeTest {

    static final int SIZE = 300; // level-0 tiles 0..4 (the last partial), four level-6 hashes
    // signed at 1 (first append), then every 10 entries (11, 21, ..., 291), and at 300 on close
    static final int CHECKPOINTS = 31;

    @TempDir
    Path home;

    @BeforeEach
    void fill() {
        try (AuditLog log = AuditFixtures.log(home)) {
            for (int i = 0; i < SIZE; i++) {
                log.append(AuditFixtures.simple(i));
            }
        }
    }

    private VerifyReport verify(boolean full) {
        try (AuditTrail t = AuditTrail.open(home)) {
            return full ? t.verify(null) : t.verifyTree();
        }
    }

    private static void assertCovers(VerifyReport r, VerifyReport.Kind kind, long index) {
        assertThat(r.problems()).as("a %s problem covering entry %d", kind, index)
                .anySatisfy(p -> {
                    assertThat(p.kind()).isEqualTo(kind);
                    assertThat(index).isBetween(p.from(), p.to());
                });
    }

    private byte[] tile(int level, long index) throws Exception {
        try (Connection c = LogFiles.raw(home); PreparedStatement ps = c.prepareStatement("SELECT hashes FROM tiles WHERE level = ? AND idx = ?")) {
            ps.setInt(1, level);
            ps.setLong(2, index);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
    }

    private void flip(int level, long index, int position) throws Exception {
        byte[] t = tile(level, index);
        t[position] ^= 1;
        LogFiles.sql(home, "UPDATE tiles SET hashes = ? WHERE level = ? AND idx = ?", t, level, index);
    }

    @Test
    void anUntouchedLogVerifiesBothWaysAndTheTreeCheckSaysWhichSignaturesItChecked() {
        VerifyReport tree = verify(false);
        VerifyReport full = verify(true);
        assertThat(tree.problems()).isEmpty();
        assertThat(full.problems()).isEmpty();
        assertThat(tree.size()).isEqualTo(SIZE);
        assertThat(tree.checkpoints()).isEqualTo(full.checkpoints()).isEqualTo(CHECKPOINTS);
        assertThat(tree.notes()).anyMatch(n -> n.contains("checked the signatures of 1 of " + CHECKPOINTS));
    }

    @Test
    void aChangedLeafHashInATileIsCaughtByBothVerifiesAtThatEntry() throws Exception {
        flip(0, 2, 5 * Merkle.HASH_BYTES + 7); // entry 133
        VerifyReport tree = verify(false);
        assertCovers(tree, VerifyReport.Kind.ROOT_MISMATCH, 133);
        VerifyReport full = verify(true);
        assertCovers(full, VerifyReport.Kind.BAD_NODE, 133);
        assertThat(full.problems()).noneMatch(p -> p.kind() == VerifyReport.Kind.BAD_NODE && p.from() != 133);
    }

    @Test
    void aChangedUpperTileIsABadNodeForBothVerifies() throws Exception {
        flip(1, 0, 2 * Merkle.HASH_BYTES); // the hash of entries 128..191
        for (boolean full : new boolean[] {false, true}) {
            VerifyReport r = verify(full);
            assertThat(r.problems()).as(full ? "full" : "tree").singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(VerifyReport.Kind.BAD_NODE);
                assertThat(p.message()).contains("level-1").contains("from entry 128");
            });
        }
    }

    @Test
    void aDeletedTileIsReportedAsTheEntriesItHeld() throws Exception {
        LogFiles.sql(home, "DELETE FROM tiles WHERE level = 0 AND idx = 1");
        VerifyReport tree = verify(false);
        assertThat(tree.problems()).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo(VerifyReport.Kind.REMOVED);
            assertThat(p.from()).isEqualTo(64);
            assertThat(p.to()).isEqualTo(127);
        });
        assertCovers(verify(true), VerifyReport.Kind.BAD_NODE, 100);
    }

    @Test
    void theTreeCheckFindsEntryRowsMissingFromTheMiddleAndTheEnd() {
        LogFiles.sql(home, "DELETE FROM entries WHERE idx IN (10, 11, 12, 200)");
        LogFiles.sql(home, "DELETE FROM entries WHERE idx >= 290");
        VerifyReport r = verify(false);
        assertThat(r.problems()).anySatisfy(p -> assertThat(List.of(p.kind(), p.from(), p.to())).containsExactly(VerifyReport.Kind.REMOVED, 10L, 12L));
        assertThat(r.problems()).anySatisfy(p -> assertThat(List.of(p.kind(), p.from(), p.to())).containsExactly(VerifyReport.Kind.REMOVED, 200L, 200L));
        assertThat(r.problems()).anySatisfy(p -> assertThat(List.of(p.kind(), p.from(), p.to())).containsExactly(VerifyReport.Kind.TRUNCATED, 290L, 299L));
    }

    @Test
    void aLogWhoseTreeDoesNotCoverItsEntriesRefusesToAppend() throws Exception {
        LogFiles.sql(home, "DELETE FROM tiles WHERE level = 0 AND idx = 4");
        try (AuditLog log = AuditFixtures.log(home)) {
            assertThatThrownBy(() -> log.append(AuditFixtures.simple(1000)))
                    .isInstanceOf(WardenException.class)
                    .satisfies(e -> assertThat(((WardenException) e).kind()).isEqualTo(WardenException.Kind.INTEGRITY))
                    .hasMessageContaining("stored tree covers 256");
        }
        try (AuditTrail t = AuditTrail.open(home)) {
            assertThat(t.size()).isEqualTo(SIZE); // nothing was written
        }
    }

    @Test
    void theTreeCheckVerifiesTheLatestSignatureAndFullVerifyEveryOne() throws Exception {
        // A corrupt signature on an early checkpoint whose root still matches: only full verify sees it.
        corruptSignature(101);
        assertThat(verify(false).problems()).isEmpty();
        assertThat(verify(true).problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(VerifyReport.Kind.BAD_SIGNATURE);
            assertThat(p.message()).contains("size 101");
        });
        // On the latest one, the tree check falls back to the next and reports it.
        corruptSignature(SIZE);
        VerifyReport tree = verify(false);
        assertThat(tree.problems()).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo(VerifyReport.Kind.BAD_SIGNATURE);
            assertThat(p.message()).contains("size " + SIZE);
        });
        assertThat(tree.checkpoints()).isEqualTo(CHECKPOINTS - 1);
    }

    private void corruptSignature(long size) throws Exception {
        try (Connection c = LogFiles.raw(home); PreparedStatement ps = c.prepareStatement("SELECT note FROM checkpoints WHERE size = ?")) {
            ps.setLong(1, size);
            String note;
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                note = rs.getString(1);
            }
            int sig = note.lastIndexOf(' ') + 10;
            char ch = note.charAt(sig);
            String bad = note.substring(0, sig) + (ch == 'A' ? 'B' : 'A') + note.substring(sig + 1);
            try (PreparedStatement up = c.prepareStatement("UPDATE checkpoints SET note = ? WHERE size = ?")) {
                up.setString(1, bad);
                up.setLong(2, size);
                up.executeUpdate();
            }
        }
    }

    @Test
    void aVersion1LogIsUpgradedInPlaceKeepsVerifyingAndTakesAppends() throws Exception {
        ByteArrayOutputStream before = new ByteArrayOutputStream();
        for (long t = 0; t < 5; t++) {
            before.writeBytes(tile(0, t));
        }
        byte[] upper = tile(1, 0);
        // Version 1: no tiles, a nodes table, user_version 1.
        try (Connection c = LogFiles.raw(home); Statement st = c.createStatement()) {
            st.execute("DROP TABLE tiles");
            st.execute("CREATE TABLE nodes (level INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL, PRIMARY KEY (level, idx)) WITHOUT ROWID");
            st.execute("PRAGMA user_version=1");
        }
        VerifyReport r = verify(false); // readers upgrade too
        assertThat(r.problems()).isEmpty();
        assertThat(r.checkpoints()).isEqualTo(CHECKPOINTS);
        ByteArrayOutputStream after = new ByteArrayOutputStream();
        for (long t = 0; t < 5; t++) {
            after.writeBytes(tile(0, t));
        }
        assertThat(after.toByteArray()).isEqualTo(before.toByteArray());
        assertThat(tile(1, 0)).isEqualTo(upper);
        try (Connection c = LogFiles.raw(home); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM sqlite_master WHERE name = 'nodes'), (SELECT user_version FROM pragma_user_version)")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
            assertThat(rs.getInt(2)).isEqualTo(SqliteStore.SCHEMA_VERSION);
        }
        try (AuditLog log = AuditFixtures.log(home)) {
            assertThat(log.append(AuditFixtures.simple(SIZE))).isEqualTo(SIZE);
        }
        assertThat(verify(true).problems()).isEmpty();
    }

    @Test
    void aVersion1LogWithAHoleIsNotUpgradedAndSaysWhichEntryIsMissing() {
        try (Connection c = LogFiles.raw(home); Statement st = c.createStatement()) {
            st.execute("DROP TABLE tiles");
            st.execute("DELETE FROM entries WHERE idx = 42");
            st.execute("PRAGMA user_version=1");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThatThrownBy(() -> AuditTrail.open(home)).isInstanceOf(WardenException.class).hasMessageContaining("entry 42 is missing");
    }
}
