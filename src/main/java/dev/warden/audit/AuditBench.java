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

    /** The median of some measurements. */
    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** Median time of {@code rounds} 16 KiB overwrite+fsync (fdatasync) cycles in {@code dir}: the floor under a durable commit. */
    public static double fsyncMillis(Path dir, int rounds) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir);
        Path f = dir.resolve("fsync-probe");
        List<Double> t = new ArrayList<>();
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16 * 1024);
            for (int i = 0; i < rounds; i++) {
                b.clear();
                ch.write(b, 0);
                long a = System.nanoTime();
                ch.force(false);
                t.add((System.nanoTime() - a) / 1e6);
            }
        } finally {
            java.nio.file.Files.deleteIfExists(f);
        }
        return median(t);
    }

    private static String load() {
        double l = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? "n/a" : String.format("%.2f", l);
    }

    /**
     * Runs every measurement, reporting lines to {@code out}: each figure is the median of several
     * rounds in this one run, with the machine's load average and its fsync cost beside it.
     */
    public static void run(Path home, int threads, long total, Consumer<String> out) throws Exception {
        InstantSource clock = InstantSource.system();
        boolean c1Only = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.startsWith("-XX:TieredStopAtLevel=") && !a.endsWith("=4"));
        out.accept(String.format("machine: %d cores, load average %s, JIT %s", Runtime.getRuntime().availableProcessors(), load(),
                c1Only ? "C1 only (-XX:TieredStopAtLevel); the server runs with C2" : "C1+C2"));
        double fsync = fsyncMillis(home.resolveSibling("fsync"), 50);
        out.accept(String.format("fsync (16 KiB overwrite + fdatasync, median of 50): %.2f ms, so at most %,.0f commits/s;"
                + " %d writers can have at most %d entries per commit", fsync, 1000 / fsync, threads, threads));
        List<Double> rates = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            Path h = round == 2 ? home : home.resolveSibling("load-round" + round);
            double rate = appendThroughput(h, threads, total, clock);
            rates.add(rate);
            out.accept(String.format("  append round %d: %,.0f entries/s (load %s)", round + 1, rate, load()));
        }
        out.accept(String.format("append (durable, %d writers, group commit): median %,.0f entries/s over 3 rounds of %,d entries",
                threads, median(rates), total));
        try (AuditTrail t = AuditTrail.open(home)) {
            long n = t.size();
            List<Double> tree = new ArrayList<>();
            boolean ok = true;
            for (int r = 0; r < 7; r++) {
                long a = System.nanoTime();
                ok &= t.verifyTree().ok();
                tree.add(n / ((System.nanoTime() - a) / 1e9));
            }
            out.accept(String.format("verify, tree (leaf tiles folded in parallel, upper tiles, every checkpoint root, latest signature):"
                    + " median %,.0f entries/s over 7 runs (%s)", median(tree), ok ? "ok" : "FAILED"));
            List<Double> full = new ArrayList<>();
            ok = true;
            for (int r = 0; r < 3; r++) {
                long a = System.nanoTime();
                ok &= t.verify(null).ok();
                full.add(n / ((System.nanoTime() - a) / 1e9));
            }
            out.accept(String.format("verify, full (bodies rehashed, positions, columns, tiles, every signature): median %,.0f entries/s"
                    + " over 3 runs (%s)", median(full), ok ? "ok" : "FAILED"));
            // The fold alone, over hashes in memory: the bound the SQLite read sits on top of.
            List<byte[]> leaves = new ArrayList<>((int) n);
            t.store().scanTiles(0, (i, hashes) -> {
                for (int k = 0; k < hashes.length; k += Merkle.HASH_BYTES) {
                    leaves.add(java.util.Arrays.copyOfRange(hashes, k, k + Merkle.HASH_BYTES));
                }
                return true;
            });
            for (boolean parallel : new boolean[] {false, true}) {
                List<Double> fold = new ArrayList<>();
                for (int rep = 0; rep < 5; rep++) {
                    long a = System.nanoTime();
                    TreeFold f = new TreeFold(new long[0], parallel);
                    leaves.forEach(f::add);
                    f.finish();
                    fold.add(n / ((System.nanoTime() - a) / 1e9));
                }
                out.accept(String.format("verify, tree fold over leaf hashes in memory (%s): median %,.0f entries/s",
                        parallel ? "parallel" : "one thread", median(fold)));
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
                long a = System.nanoTime();
                int pathLen = 0;
                for (int r = 0; r < reps; r++) {
                    pathLen = t.inclusionProof(rnd.nextLong(size), size).path().size();
                }
                long b = System.nanoTime();
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
