package dev.warden.audit;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The Merkle math without storage: the verify fold over leaf hashes (entries/s = size / time) —
 * the old one-hash-at-a-time fold and the tile fold verify uses ({@link TreeFold}, one thread and
 * parallel) — a perfect subtree read from tiles, and proof construction against tree size (O(log
 * n) path, O(log^2 n) subtree lookups).
 *
 * <p>Run: {@code mvn -q -B -Pjmh test-compile dependency:build-classpath -Dmdep.outputFile=target/jmh.cp -Dmdep.includeScope=test}
 * then {@code $JAVA_HOME/bin/java -cp target/classes:target/test-classes:$(cat target/jmh.cp) org.openjdk.jmh.Main MerkleBenchmark -f 1 -wi 3 -i 5}.
 * The storage-inclusive figures (durable appends with 64 writers, verify from SQLite, a fresh
 * hook process) come from {@code warden audit bench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MerkleBenchmark {

    @Param({"1000", "100000", "1000000"})
    int size;

    List<byte[]> leaves;
    byte[] flat;
    Merkle.Nodes nodes;
    java.util.Map<Long, byte[]> tiles;

    @Setup
    public void setup() {
        leaves = new ArrayList<>(size);
        MessageDigest md = Merkle.sha256();
        for (int i = 0; i < size; i++) {
            leaves.add(Merkle.leafHash(md, ByteBuffer.allocate(8).putLong(i).array()));
        }
        // Precomputed perfect subtrees, as the store keeps them.
        List<List<byte[]>> levels = new ArrayList<>();
        levels.add(leaves);
        while (levels.get(levels.size() - 1).size() > 1) {
            List<byte[]> below = levels.get(levels.size() - 1);
            List<byte[]> up = new ArrayList<>(below.size() / 2);
            for (int i = 0; i + 1 < below.size(); i += 2) {
                up.add(Merkle.nodeHash(md, below.get(i), below.get(i + 1)));
            }
            levels.add(up);
        }
        nodes = (level, index) -> levels.get(level).get((int) index);
        flat = new byte[size * Merkle.HASH_BYTES];
        for (int i = 0; i < size; i++) {
            System.arraycopy(leaves.get(i), 0, flat, i * Merkle.HASH_BYTES, Merkle.HASH_BYTES);
        }
        Tiles.Writer w = new Tiles.Writer();
        w.load((l, i) -> null, 0);
        leaves.forEach(w::append);
        tiles = new java.util.HashMap<>();
        for (Tiles.Written t : w.drain()) {
            tiles.put(((long) t.level() << 56) | t.index(), t.hashes());
        }
    }

    /** What tree verify does per leaf tile: 63 node hashes per 64 leaves, stitched in order. */
    @Benchmark
    public byte[] foldTilesOneThread() {
        TreeFold f = new TreeFold(new long[0], false);
        f.add(flat, size);
        f.finish();
        return f.root();
    }

    /** The same on every core. */
    @Benchmark
    public byte[] foldTilesParallel() {
        TreeFold f = new TreeFold(new long[0], true);
        f.add(flat, size);
        f.finish();
        return f.root();
    }

    /** A random perfect subtree from the tiles (one tile, at most 31 hashes). */
    @Benchmark
    public byte[] perfectFromTiles() {
        int level = ThreadLocalRandom.current().nextInt(64 - Long.numberOfLeadingZeros(size));
        long index = ThreadLocalRandom.current().nextLong((long) size >> level);
        return Tiles.perfect((l, i) -> tiles.get(((long) l << 56) | i), md, level, index);
    }

    private final MessageDigest md = Merkle.sha256();

    /** The verify loop: fold every leaf hash into the right edge (one node hash per leaf, amortised). */
    @Benchmark
    public byte[] foldAllLeaves() {
        MessageDigest md = Merkle.sha256();
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
        return stack[0];
    }

    @Benchmark
    public List<byte[]> inclusionProof() {
        return Merkle.inclusionProof(nodes, ThreadLocalRandom.current().nextInt(size), size);
    }

    @Benchmark
    public List<byte[]> consistencyProof() {
        return Merkle.consistencyProof(nodes, 1 + ThreadLocalRandom.current().nextInt(size), size);
    }
}
