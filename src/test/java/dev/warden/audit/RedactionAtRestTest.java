package dev.warden.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.call.Analysis;
import dev.warden.call.Decision;
import dev.warden.call.ToolCall;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets planted in inputs and outputs never reach the disk: not the database file, not the WAL. */
class RedactionAtRestTest {

    @TempDir
    Path home;

    static final List<String> SECRETS = List.of(
            RedactorTest.GH, RedactorTest.AWS_ID, RedactorTest.AWS_SECRET, RedactorTest.SLACK, RedactorTest.STRIPE,
            RedactorTest.GOOGLE, RedactorTest.OPENAI, RedactorTest.ANTHROPIC, RedactorTest.JWT,
            "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun", "hunter2hunter2", "s3cretPassw0rd");

    @Test
    void plantedSecretsAreAbsentFromTheRawDatabaseAndWalBytes() throws Exception {
        ToolCall call = new ToolCall("claude", "sess-secret", "agent-1", "general-purpose", "/work/p", "Bash",
                Map.of("command", "GITHUB_TOKEN=" + RedactorTest.GH + " psql postgres://app:s3cretPassw0rd@db/prod -c 'select 1'",
                        "env", Map.of("AWS_ACCESS_KEY_ID", RedactorTest.AWS_ID, "AWS_SECRET_ACCESS_KEY", RedactorTest.AWS_SECRET),
                        "password", "hunter2hunter2",
                        "notes", List.of(RedactorTest.SLACK, RedactorTest.STRIPE, RedactorTest.GOOGLE)),
                "toolu_1", "default", null);
        String output = "Authorization: Bearer " + RedactorTest.OPENAI + "\n" + RedactorTest.ANTHROPIC + "\ntoken " + RedactorTest.JWT
                + "\n" + RedactorTest.PEM + "\n";
        // Keep the WAL: a second open connection stops SQLite from checkpointing it away on close.
        try (AuditLog log = AuditLog.open(home, InstantSource.system())) {
            log.append(AuditEvents.toolDecision(call, new Decision.Allow("default", List.of()), Analysis.EMPTY, "p1", 10,
                    AuditFixtures.T0));
            log.append(AuditEvents.toolResult(call, output, 12, AuditFixtures.T0.plusSeconds(1)));
            log.append(AuditEvents.toolFailure(call, "fatal: auth failed for " + RedactorTest.GH, false, 3, AuditFixtures.T0.plusSeconds(2)));
            log.append(AuditEvents.prompt("sess-secret", "please use my key " + RedactorTest.STRIPE, AuditFixtures.T0.plusSeconds(3)));
            List<Path> files;
            try (Stream<Path> s = Files.list(home)) {
                files = s.filter(p -> p.getFileName().toString().startsWith("audit.db")).toList();
            }
            assertThat(files).anyMatch(p -> p.getFileName().toString().equals("audit.db-wal"));
            assertNoSecrets(files);
        }
        List<Path> after = new ArrayList<>();
        try (Stream<Path> s = Files.list(home)) {
            s.filter(p -> p.getFileName().toString().startsWith("audit.db")).forEach(after::add);
        }
        assertNoSecrets(after);
        try (AuditTrail t = AuditTrail.open(home)) {
            String all = CanonicalJson.write(t.records(AuditQuery.all()).stream().map(AuditRecord::data).toList());
            assertThat(all).contains("[REDACTED:github-token:hmac=").contains("[REDACTED:private-key:hmac=");
            assertThat(t.verify(null).problems()).isEmpty();
        }
    }

    private static void assertNoSecrets(List<Path> files) throws Exception {
        for (Path f : files) {
            byte[] raw = Files.readAllBytes(f);
            String latin = new String(raw, StandardCharsets.ISO_8859_1);
            for (String secret : SECRETS) {
                assertThat(latin).as("%s in %s", secret, f.getFileName()).doesNotContain(secret);
            }
        }
    }
}
