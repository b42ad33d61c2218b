package dev.warden.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.call.WardenException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The append contract: durable, gapless, concurrent, checkpointed, verifiable. */
class AuditLogTest {

    @TempDir
    Path home;

    @Test
    void appendsReturnGaplessIndicesAndTheLogVerifies() {
        try (AuditLog log = AuditFixtures.log(home)) {
            for (int i = 0; i < 25; i++) {
                assertThat(log.append(AuditFixtures.simple(i))).isEqualTo(i);
            }
        }
        try (AuditTrail t = AuditTrail.open(home)) {
            assertThat(t.size()).isEqualTo(25);
            VerifyReport r = t.verify(null);
            assertThat(r.problems()).isEmpty();
            assertThat(r.checkpoints()).isGreaterThanOrEqualTo(3); // 1 (first), 10, 20 ... and 25 on close
            assertThat(t.latestCheckpoint().orElseThrow().size()).isEqualTo(25);
            assertThat(t.latestCheckpoint().orElseThrow().root()).isEqualTo(t.root(25));
        }
    }

    @Test
    void nothingTouchesTheDiskBeforeTheFirstAppend() {
        AuditLog log = AuditFixtures.log(home);
        log.close();
        assertThat(home.resolve("audit.db")).doesNotExist();
    }

    @Test
    void theSigningKeyIsPrivateAndTheVerifierKeyIsPublishable() throws Exception {
        try (AuditLog log = AuditFixtures.log(home)) {
            log.append(AuditFixtures.simple(0));
        }
        Path key = home.resolve("keys/audit.key");
        assertThat(Files.getPosixFilePermissions(key)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(home.resolve("keys/redact.key")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        LogKey vkey = LogKey.parseVkey(Files.readString(home.resolve("keys/audit.vkey")));
        try (AuditTrail t = AuditTrail.open(home)) {
            assertThat(t.latestCheckpoint().orElseThrow().signedBy(vkey)).isTrue();
            assertThat(t.origin()).contains(vkey.name());
        }
    }

    @Test
    void sixtyFourThreadsGetDistinctGaplessIndicesWithFewerCommitsThanEntries() throws Exception {
        int threads = 64;
        int each = 20;
        ConcurrentLinkedQueue<Long> seen = new ConcurrentLinkedQueue<>();
        try (AuditLog log = AuditLog.builder(home).clock(AuditFixtures.steppingClock()).open();
                ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int tt = t;
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        seen.add(log.append(AuditFixtures.simple(tt * each + i)));
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        }
        assertThat(seen).hasSize(threads * each);
        assertThat(Set.copyOf(seen)).hasSize(threads * each);
        assertThat(seen.stream().mapToLong(Long::longValue).max().orElseThrow()).isEqualTo(threads * each - 1);
        try (AuditTrail t = AuditTrail.open(home)) {
            assertThat(t.verify(null).problems()).isEmpty();
        }
    }

    @Test
    void twoLogsOnOneFileInterleaveWithoutGaps() {
        try (AuditLog a = AuditFixtures.log(home); AuditLog b = AuditFixtures.log(home)) {
            for (int i = 0; i < 30; i++) {
                long ia = a.append(AuditFixtures.simple(i));
                long ib = b.append(AuditFixtures.simple(i));
                assertThat(ib).isEqualTo(ia + 1);
            }
        }
        try (AuditTrail t = AuditTrail.open(home)) {
            assertThat(t.size()).isEqualTo(60);
            assertThat(t.verify(null).problems()).isEmpty();
        }
    }

    @Test
    void appendAfterCloseFailsInsteadOfDroppingTheEntry() {
        AuditLog log = AuditFixtures.log(home);
        log.close();
        assertThatThrownBy(() -> log.append(AuditFixtures.simple(0))).isInstanceOf(WardenException.class).hasMessageContaining("closed");
    }

    @Test
    void anAppendThatCannotBeRecordedThrowsSoTheCallerFailsClosed() throws Exception {
        Files.writeString(home.resolve("audit.db"), "this is not a database, just some text that is long enough ".repeat(100));
        try (AuditLog log = AuditFixtures.log(home)) {
            assertThatThrownBy(() -> log.append(AuditFixtures.simple(0))).isInstanceOf(WardenException.class)
                    .hasMessageContaining("not a SQLite database");
        }
    }

    @Test
    void proofsFromTheStoreVerifyAgainstTheSignedCheckpoint() {
        try (AuditLog log = AuditFixtures.log(home)) {
            for (int i = 0; i < 37; i++) {
                log.append(AuditFixtures.simple(i));
            }
        }
        try (AuditTrail t = AuditTrail.open(home)) {
            Checkpoint cp = t.latestCheckpoint().orElseThrow();
            for (long i = 0; i < 37; i++) {
                InclusionProof p = t.inclusionProof(i, cp.size());
                assertThat(p.verify()).isTrue();
                assertThat(p.root()).isEqualTo(cp.root());
            }
            for (long s1 = 0; s1 <= 37; s1++) {
                assertThat(t.consistencyProof(s1, 37).verify()).as("from %d", s1).isTrue();
            }
            assertThatThrownBy(() -> t.inclusionProof(37, 37)).isInstanceOf(WardenException.class);
            assertThatThrownBy(() -> t.consistencyProof(1, 38)).isInstanceOf(WardenException.class).hasMessageContaining("beyond");
        }
    }
}
