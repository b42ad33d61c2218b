package dev.warden.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The measurements behind {@code warden audit bench}: durable append throughput under concurrent
 * writers, verification throughput, proof cost against tree size. Runs against a real log in the
 * given (scratch) home; each figure is printed as it is measured.
 */
public final class AuditBench {

    private AuditBench() {}

    /** A typical tool decision of ~700 bytes, numbered. */
    static AuditEntry sample(long i) {
        java.util.Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("decision", i % 10 == 0 ? "deny" : "allow");
        d.put("rules", i % 10 == 0 ? List.of("git.force-push") : List.of());
        d.put("reasons", List.of());
        d.put("profile", "default");
        d.put("policy", "3f9a1c2b7d4e5f60");
        d.put("mode", "default");
        d.put("latency_us", 42);
        d.put("input", java.util.Map.of("command", "git status && ls -la src/main/java/dev/warden/audit # call " + i,
                "description", "Show the working tree status and list the audit package"));
        d.put("findings", List.of());
        d.put("tool_use_id", "toolu_bench_" + i);
        d.put("cwd", "/home/dev/project");
        return new AuditEntry("tool.decision", java.time.Instant.ofEpochMilli(1_767_600_000_000L + i), "bench-session-" + (i % 8),
                i % 3 == 0 ? "agent" + (i % 5) : null, i % 3 == 0 ? "general-purpose" : null, "Bash", d);
    }

    /** Appends {@code total} entries from {@code threads} threads; returns entries per second. */
    public static double appendThroughput(Path home, int threads, long total, InstantSource clock) throws Exception {
        AtomicLong next = new AtomicLong();
        long t0;
        long t1;
        try (AuditLog log = AuditLog.builder(home).clock(clock).checkpointInterval(Duration.ofSeconds(5)).open();
                ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            log.append(sample(next.getAndIncrement())); // open the store and make the keys before timing
            t0 = System.nanoTime();
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                fs.add(pool.submit(() -> {
                    long i;
                    while ((i = next.getAndIncrement()) < total) {
                        log.append(sample(i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            t1 = System.nanoTime();
        }
        return (total - 1) / ((t1 - t0) / 1e9);
    }

    /** Runs every measurement, reporting lines to {@code out}. */
    public static void run(Path home, int threads, long total, Consumer<String> out) throws Exception {
        InstantSource clock = InstantSource.system();
        double rate = appendThroughput(home, threads, total, clock);
        out.accept(String.format("append (durable, %d writers, group commit): %,.0f entries/s over %,d entries", threads, rate, total));
        try (AuditTrail t = AuditTrail.open(home)) {
            long n = t.size();
            t.verifyTree(); // warm
            long a = System.nanoTime();
            VerifyReport tree = t.verifyTree();
            long b = System.nanoTime();
            out.accept(String.format("verify, tree from stored leaf hashes (SQLite read + RFC 6962 fold): %,.0f entries/s (%s)",
                    n / ((b - a) / 1e9), tree.ok() ? "ok" : "FAILED"));
            a = System.nanoTime();
            VerifyReport full = t.verify(null);
            b = System.nanoTime();
            out.accept(String.format("verify, full (entry bodies rehashed, positions, columns, checkpoints): %,.0f entries/s (%s)",
                    n / ((b - a) / 1e9), full.ok() ? "ok" : "FAILED"));
            // The fold alone, over hashes in memory: the bound the SQLite read sits on top of.
            List<byte[]> leaves = new ArrayList<>((int) n);
            t.store().scan(0, false, (i, leaf, body) -> leaves.add(leaf));
            java.security.MessageDigest md = Merkle.sha256();
            for (int rep = 0; rep < 2; rep++) {
                a = System.nanoTime();
                byte[][] stack = new byte[64][];
                int[] lv = new int[64];
                int top = 0;
                for (byte[] leaf : leaves) {
                    lv[top] = 0;
                    stack[top++] = leaf;
                    while (top >= 2 && lv[top - 1] == lv[top - 2]) {
                        byte[] h = Merkle.nodeHash(md, stack[top - 2], stack[top - 1]);
                        top -= 2;
                        lv[top]++;
                        stack[top++] = h;
                    }
                }
                b = System.nanoTime();
                if (rep == 1) {
                    out.accept(String.format("verify, tree fold over leaf hashes in memory: %,.0f entries/s", n / ((b - a) / 1e9)));
                }
            }
            Random rnd = new Random(1);
            for (long size : new long[] {1_000, 10_000, 100_000, n}) {
                if (size > n) {
                    continue;
                }
                int reps = 2000;
                for (int w = 0; w < 200; w++) {
                    t.inclusionProof(rnd.nextLong(size), size);
                }
                a = System.nanoTime();
                int pathLen = 0;
                for (int r = 0; r < reps; r++) {
                    pathLen = t.inclusionProof(rnd.nextLong(size), size).path().size();
                }
                b = System.nanoTime();
                long c0 = System.nanoTime();
                for (int r = 0; r < reps; r++) {
                    t.consistencyProof(1 + rnd.nextLong(size), size);
                }
                long c1 = System.nanoTime();
                out.accept(String.format("proofs at n=%,d: inclusion %.1f us (path %d), consistency %.1f us", size,
                        (b - a) / 1e3 / reps, pathLen, (c1 - c0) / 1e3 / reps));
            }
        }
    }
}
