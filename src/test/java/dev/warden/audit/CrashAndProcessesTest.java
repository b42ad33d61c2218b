package dev.warden.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability across real processes: a writer killed with SIGKILL at random moments loses nothing
 * it acknowledged, and several processes appending to one file keep indices gapless.
 */
class CrashAndProcessesTest {

    @TempDir
    Path home;

    private Process child(int threads, long perThread, String tag) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                AppendChild.class.getName(), home.toString(), Integer.toString(threads), Long.toString(perThread), tag)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    @Test
    void everyAcknowledgedAppendSurvivesSigkillAndTheLogStillVerifies() throws Exception {
        Random rnd = new Random(42);
        Map<Long, String> acknowledged = new HashMap<>();
        for (int round = 0; round < 5; round++) {
            Process p = child(4, 0, "r" + round);
            Map<Long, String> seen = new ConcurrentHashMap<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        int sp = line.indexOf(' ');
                        if (sp > 0) {
                            seen.put(Long.parseLong(line.substring(0, sp)), line.substring(sp + 1));
                        }
                    }
                } catch (Exception ignored) {
                    // the pipe breaks when the child dies
                }
            });
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (seen.size() < 5 && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(5);
            }
            Thread.sleep(50 + rnd.nextInt(400));
            p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
            assertThat(seen).as("round %d acknowledged appends", round).isNotEmpty();
            for (Map.Entry<Long, String> e : seen.entrySet()) {
                assertThat(acknowledged.put(e.getKey(), e.getValue())).as("index %d handed out twice", e.getKey()).isNull();
            }
            try (AuditTrail t = AuditTrail.open(home)) {
                for (Map.Entry<Long, String> e : acknowledged.entrySet()) {
                    AuditRecord r = t.record(e.getKey()).orElseThrow(() -> new AssertionError("lost entry " + e.getKey()));
                    assertThat(r.text("tool_use_id")).isEqualTo(e.getValue());
                }
                VerifyReport v = t.verify(null);
                assertThat(v.problems()).as("round %d", round).isEmpty();
            }
        }
    }

    @Test
    void severalProcessesAppendingToOneFileKeepIndicesGapless() throws Exception {
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ps.add(child(2, 40, "p" + i));
        }
        List<String> lines = new ArrayList<>();
        for (Process p : ps) {
            lines.addAll(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList());
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        }
        assertThat(lines).hasSize(3 * 2 * 40);
        assertThat(lines.stream().map(l -> Long.parseLong(l.substring(0, l.indexOf(' ')))).distinct().count()).isEqualTo(240);
        try (AuditTrail t = AuditTrail.open(home)) {
            assertThat(t.size()).isEqualTo(240);
            VerifyReport v = t.verify(null);
            assertThat(v.problems()).isEmpty();
            assertThat(v.uncovered()).isZero();
        }
    }
}
