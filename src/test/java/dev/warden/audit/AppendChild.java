package dev.warden.audit;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A separate JVM that appends to a log: {@code AppendChild HOME THREADS PER_THREAD TAG}
 * (PER_THREAD 0 = until killed). Prints {@code index tag-thread-n} only after append returned.
 */
public final class AppendChild {

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        long perThread = Long.parseLong(args[2]);
        String tag = args[3];
        PrintStream out = System.out;
        AuditLog log = AuditLog.builder(home).clock(InstantSource.system()).checkpointEvery(25)
                .checkpointInterval(Duration.ofMillis(200)).open();
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int tt = t;
            Thread th = new Thread(() -> {
                // A failed append must fail the child, so the parent test sees why.
                Thread.currentThread().setUncaughtExceptionHandler((x, e) -> {
                    e.printStackTrace();
                    System.exit(3);
                });
                for (long i = 0; perThread == 0 || i < perThread; i++) {
                    String id = tag + "-" + tt + "-" + i;
                    long index = log.append(new AuditEntry("tool.decision", Instant.now(), "crash-" + tag, null, null, "Bash",
                            Map.of("decision", "allow", "tool_use_id", id, "input", Map.of("command", "echo " + id))));
                    synchronized (out) {
                        out.println(index + " " + id);
                        out.flush();
                    }
                }
            });
            th.start();
            ts.add(th);
        }
        for (Thread th : ts) {
            th.join();
        }
        log.close();
    }
}
