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
 * The Merkle math without storage: the verify fold over leaf hashes (entries/s = size / time) and
 * proof construction against tree size (O(log n) path, O(log^2 n) subtree lookups).
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
    Merkle.Nodes nodes;

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
    }

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
