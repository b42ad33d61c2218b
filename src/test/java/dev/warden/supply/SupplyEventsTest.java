package dev.warden.supply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.audit.AuditEntry;
import dev.warden.audit.AuditLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reviews and drift reach the audit log through {@link SupplyEvents#audit}. */
class SupplyEventsTest {

    @TempDir Path project;
    @TempDir Path home;
    @TempDir Path wardenHome;

    /** A hand-written AuditLog that keeps entries in memory. */
    static final class MemoryLog implements AuditLog {
        final List<AuditEntry> entries = new ArrayList<>();

        @Override
        public long append(AuditEntry entry) {
            entries.add(entry);
            return entries.size() - 1;
        }

        @Override
        public void close() { }
    }

    @Test
    void lockApproveAndDriftAreAudited() throws Exception {
        Files.createDirectories(project.resolve(".claude/agents"));
        Path agent = project.resolve(".claude/agents/a.md");
        Files.writeString(agent, "---\nname: a\ntools: Read\n---\nx\n");
        MemoryLog log = new MemoryLog();
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        Supply supply = new Supply(TestServers.machine(project, home), wardenHome, () -> t, SupplyEvents.audit(log),
                Duration.ofSeconds(5), s -> { });
        supply.lock("alice", false);
        Files.writeString(agent, "---\nname: a\ntools: Read, Bash\n---\nx\n");
        supply.verify();
        supply.approve("agent:project/a", "bob");
        assertThat(log.entries).extracting(AuditEntry::kind).containsExactly("supply.locked", "drift", "supply.approved");
        assertThat(log.entries.get(1).data().get("changes").toString()).contains("agent:project/a").contains("digest changed");
        assertThat(log.entries.get(2).data()).containsEntry("reviewer", "bob").containsEntry("item", "agent:project/a");
        assertThat(log.entries).allSatisfy(e -> assertThat(e.time()).isEqualTo(t));
    }
}
