package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.audit.AuditEntry;
import dev.warden.audit.AuditLog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit commands as a user runs them, bad input included: clear messages, right exit codes, no stack traces. */
class AuditCliTest {

    @TempDir
    Path home;

    record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        Run r = new Run(code, out.toString(), err.toString());
        assertThat(r.all()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
        return r;
    }

    static void fill(Path home, int n, String session) {
        try (AuditLog log = AuditLog.builder(home).clock(InstantSource.system()).checkpointEvery(20)
                .checkpointInterval(Duration.ofDays(1)).open()) {
            for (int i = 0; i < n; i++) {
                Map<String, Object> d = new LinkedHashMap<>();
                boolean deny = i % 4 == 3;
                d.put("decision", deny ? "deny" : "allow");
                d.put("rules", deny ? List.of("git.force-push") : List.of());
                d.put("reasons", deny ? List.of(Map.of("rule", "git.force-push", "effect", "deny", "message", "force push to main",
                        "part", "", "hint", "")) : List.of());
                d.put("tool_use_id", "toolu_" + i);
                d.put("input", Map.of("command", "git push --force origin main #" + i));
                log.append(new AuditEntry("tool.decision", Instant.parse("2026-01-05T10:00:00Z").plusSeconds(i), session,
                        i % 5 == 0 ? "agent-7" : null, i % 5 == 0 ? "reviewer" : null, "Bash", d));
            }
        }
    }

    private String h() {
        return home.toString();
    }

    @Test
    void verifyPassesOnAnIntactLog() {
        fill(home, 45, "S1");
        Run r = run("audit", "verify", "--home", h());
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("entries: 45").contains("OK: the log verifies");
    }

    @Test
    void verifyNamesTheAlteredEntryAndExitsOne() throws Exception {
        fill(home, 45, "S1");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("audit.db")); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE entries SET body = replace(body, 'deny', 'allow') WHERE idx = 7");
        }
        Run r = run("audit", "verify", "--home", h());
        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out()).contains("FAILED").contains("entry 7 was altered");
    }

    @Test
    void aMissingLogIsAClearError() {
        Run r = run("audit", "verify", "--home", h());
        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err()).contains("no audit log at");
    }

    @Test
    void aDatabaseOfRandomBytesIsNeverVerified() throws Exception {
        byte[] junk = new byte[64 * 1024];
        new Random(7).nextBytes(junk);
        Files.write(home.resolve("audit.db"), junk);
        Run r = run("audit", "verify", "--home", h());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("not a SQLite database");
    }

    @Test
    void aTruncatedDatabaseFileIsNeverVerified() throws Exception {
        fill(home, 300, "S1");
        Path db = home.resolve("audit.db");
        byte[] all = Files.readAllBytes(db);
        Files.write(db, java.util.Arrays.copyOf(all, all.length / 2));
        Run r = run("audit", "verify", "--home", h());
        assertThat(r.code()).isNotZero();
        assertThat(r.all()).containsAnyOf("corrupted", "FAILED", "not a SQLite database");
        assertThat(r.out()).doesNotContain("OK: the log verifies");
    }

    @Test
    void aDatabaseWithAnotherSchemaIsNamedAsSuch() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("audit.db")); Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TABLE customers (id INTEGER, name TEXT)");
        }
        Run r = run("audit", "verify", "--home", h());
        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err()).contains("not an audit log");
    }

    @Test
    void aMalformedCheckpointFileIsBadInput() throws Exception {
        fill(home, 5, "S1");
        Path cp = home.resolve("cp.txt");
        Files.writeString(cp, "hello\nworld\n");
        Run r = run("audit", "verify", "--home", h(), "--checkpoint", cp.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.DATA);
        assertThat(r.err()).contains("checkpoint file").contains("blank line");
        Files.write(cp, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertThat(run("audit", "verify", "--home", h(), "--checkpoint", cp.toString()).err()).contains("not UTF-8");
        assertThat(run("audit", "verify", "--home", h(), "--checkpoint", home.resolve("nope").toString()).err()).contains("cannot read");
    }

    @Test
    void anEarlierCheckpointProvesTheLogOnlyGrew() throws Exception {
        fill(home, 10, "S1");
        Path cp = home.resolve("published.txt");
        Run printed = run("audit", "checkpoint", "--home", h());
        assertThat(printed.code()).isZero();
        assertThat(printed.out()).startsWith("warden.local/audit/").contains("\n10\n").contains("\n\n\u2014 ");
        Files.writeString(cp, printed.out());
        fill(home, 15, "S2");
        Run ok = run("audit", "verify", "--home", h(), "--checkpoint", cp.toString());
        assertThat(ok.code()).isZero();
        assertThat(ok.out()).contains("consistent extension of the given checkpoint (10 entries)");
    }

    @Test
    void aCheckpointFromAnotherLogIsRejected(@TempDir Path other) throws Exception {
        fill(home, 5, "S1");
        fill(other, 5, "S1");
        Path cp = home.resolve("theirs.txt");
        Files.writeString(cp, run("audit", "checkpoint", "--home", other.toString()).out());
        Run r = run("audit", "verify", "--home", h(), "--checkpoint", cp.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out()).contains("from another log");
    }

    @Test
    void aTruncatedLogFailsAgainstAPublishedCheckpointEvenWithItsOwnCheckpointsGone() throws Exception {
        fill(home, 30, "S1");
        Path cp = home.resolve("published.txt");
        Files.writeString(cp, run("audit", "checkpoint", "--home", h()).out());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("audit.db")); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM entries WHERE idx >= 20");
            st.executeUpdate("DELETE FROM checkpoints WHERE size > 20");
        }
        Run r = run("audit", "verify", "--home", h(), "--checkpoint", cp.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out()).contains("truncated");
    }

    @Test
    void aRewrittenHistoryFailsAgainstAPublishedCheckpoint() throws Exception {
        fill(home, 12, "S1");
        Path cp = home.resolve("published.txt");
        Files.writeString(cp, run("audit", "checkpoint", "--home", h()).out());
        // The attacker holds the key: replace the whole log with a different history, re-signed.
        Files.delete(home.resolve("audit.db"));
        fill(home, 20, "FORGED");
        Run r = run("audit", "verify", "--home", h(), "--checkpoint", cp.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out()).contains("not an extension of the given checkpoint");
    }

    @Test
    void aWrongTrustedKeyIsReported(@TempDir Path other) throws Exception {
        fill(home, 5, "S1");
        fill(other, 1, "S1");
        Files.copy(other.resolve("keys/audit.vkey"), home.resolve("keys/audit.vkey"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Run r = run("audit", "verify", "--home", h());
        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out()).contains("wrong key");
        Run withKey = run("audit", "verify", "--home", h(), "--key", Files.readString(other.resolve("keys/audit.vkey")).strip());
        assertThat(withKey.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(withKey.out()).contains("not signed by the trusted key");
        assertThat(run("audit", "verify", "--home", h(), "--key", "garbage+1+2").code()).isEqualTo(ExitCodes.DATA);
    }

    @Test
    void proofsArePrintedAsVerifiedJson() {
        fill(home, 21, "S1");
        Run inc = run("audit", "proof", "--home", h(), "--index", "3");
        assertThat(inc.code()).isZero();
        assertThat(inc.out()).contains("\"type\":\"inclusion\"").contains("\"verified\":true").contains("\"size\":21");
        Run con = run("audit", "proof", "--home", h(), "--from", "4", "--to", "21");
        assertThat(con.code()).isZero();
        assertThat(con.out()).contains("\"type\":\"consistency\"").contains("\"verified\":true");
        assertThat(run("audit", "proof", "--home", h(), "--index", "3", "--from", "2").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("audit", "proof", "--home", h()).code()).isEqualTo(ExitCodes.USAGE);
        Run beyond = run("audit", "proof", "--home", h(), "--index", "99");
        assertThat(beyond.code()).isEqualTo(ExitCodes.DATA);
        assertThat(beyond.err()).contains("not in a tree");
    }

    @Test
    void queryTimelineLogAndExportReadTheLog() throws Exception {
        fill(home, 12, "S1-session-abcdef");
        Run q = run("audit", "query", "--home", h(), "--decision", "deny", "--format", "jsonl");
        assertThat(q.code()).isZero();
        assertThat(q.out().lines()).hasSize(3).allSatisfy(l -> assertThat(l).contains("\"decision\":\"deny\""));
        Run table = run("audit", "query", "--home", h(), "--agent", "reviewer", "--since", "2026-01-05T10:00:04Z");
        assertThat(table.out().lines()).hasSize(3).first().asString().startsWith("INDEX");
        assertThat(run("audit", "query", "--home", h(), "--since", "yesterday-ish").code()).isEqualTo(ExitCodes.DATA);
        assertThat(run("audit", "query", "--home", h(), "--format", "xml").code()).isEqualTo(ExitCodes.USAGE);
        Run tl = run("audit", "timeline", "--home", h(), "S1-session-abcdef");
        assertThat(tl.code()).isZero();
        assertThat(tl.out()).contains("reviewer(agent-)").contains("DENY [git.force-push]");
        assertThat(run("audit", "timeline", "--home", h(), "nope").code()).isEqualTo(ExitCodes.FAILED);
        Run log = run("log", "--home", h(), "--decision", "deny", "--limit", "2");
        assertThat(log.out().lines()).hasSize(3).first().asString().startsWith("TIME");
        assertThat(log.out().lines().skip(1)).allSatisfy(l -> assertThat(l).contains("git.force-push").contains("force push to main").contains("S1-sessi"));
        Path ocsf = home.resolve("out.ocsf.jsonl");
        Run ex = run("audit", "export", "--home", h(), "--format", "ocsf", "--output", ocsf.toString());
        assertThat(ex.code()).isZero();
        assertThat(Files.readAllLines(ocsf)).hasSize(12).allSatisfy(l -> assertThat(l).contains("\"class_uid\":6003"));
        Run otel = run("audit", "export", "--home", h(), "--format", "otel");
        assertThat(otel.out()).startsWith("{\"resourceSpans\":[");
        assertThat(run("audit", "export", "--home", h(), "--format", "csv").code()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void pruneKeepsTheLogVerifiable() {
        fill(home, 30, "S1");
        Run p = run("audit", "prune", "--home", h(), "--before", "2026-01-05T10:00:10Z", "--archive", home.resolve("a.jsonl").toString());
        assertThat(p.code()).isZero();
        assertThat(p.out()).contains("pruned entries 0..9 (10)");
        Run v = run("audit", "verify", "--home", h());
        assertThat(v.code()).isZero();
        assertThat(v.out()).contains("pruned entries: 10").contains("were pruned");
    }

    @Test
    void logOnAFreshHomeSaysNothingWasRecorded() {
        Run r = run("log", "--home", h());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("no decisions recorded yet");
    }
}
