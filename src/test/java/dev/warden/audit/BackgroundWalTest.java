package dev.warden.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server's log copies its write-ahead log back in the background, never inside a commit. */
class BackgroundWalTest {

    @TempDir Path home;

    @Test
    void aLongLivedWriterCheckpointsTheWalInTheBackgroundAndStaysVerifiable() throws Exception {
        Path db = home.resolve("audit.db");
        try (AuditLog log = AuditLog.builder(home).clock(InstantSource.system()).backgroundWalCheckpoints(true).open()) {
            for (int i = 0; i < 300; i++) {
                log.append(new AuditEntry("tool.decision", Instant.now(), "s", null, null, "Bash",
                        Map.of("decision", "allow", "input", Map.of("command", "echo " + "x".repeat(2000) + i))));
            }
            // 300 entries of ~2 KB are ~600 KB of pages, far below SQLite's automatic checkpoint,
            // which is off for this connection anyway: only the background thread can have moved
            // them from the WAL into the database file.
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (Files.size(db) < 500_000 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Path wal = home.resolve("audit.db-wal");
            assertThat(Files.size(db)).as("pages copied back into audit.db (wal: %d bytes)", Files.exists(wal) ? Files.size(wal) : -1)
                    .isGreaterThanOrEqualTo(500_000);
        }
        try (AuditTrail t = AuditTrail.open(home)) {
            assertThat(t.size()).isEqualTo(300);
            assertThat(t.verify(null).problems()).isEmpty();
        }
    }
}
