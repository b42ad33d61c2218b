package dev.warden.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Proofs verify for any tree size and index, and stop verifying when anything in them changes. */
class MerkleProofPropertiesTest {

    private static List<byte[]> leaves(int n) {
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Merkle.leafHash(ByteBuffer.allocate(4).putInt(i * 7919).array()));
        }
        return out;
    }

    @Property(tries = 300)
    void inclusionProofsVerifyAndTamperedOnesDoNot(@ForAll @IntRange(min = 1, max = 600) int size,
            @ForAll @IntRange(min = 0, max = 599) int rawIndex, @ForAll @IntRange(min = 0, max = 255) int flip) {
        int index = rawIndex % size;
        List<byte[]> leaves = leaves(size);
        byte[] root = Merkle.root(leaves);
        List<byte[]> proof = Merkle.inclusionProof(Merkle.inMemory(leaves), index, size);
        assertThat(proof.size()).isLessThanOrEqualTo(64 - Long.numberOfLeadingZeros(size - 1L) + 1);
        assertThat(Merkle.verifyInclusion(index, size, leaves.get(index), proof, root)).isTrue();
        assertThat(Merkle.verifyInclusion(index, size, leaves.get((index + 1) % size), proof, root)).isEqualTo(size == 1);
        if (!proof.isEmpty()) {
            List<byte[]> bad = new ArrayList<>(proof);
            int at = flip % bad.size();
            byte[] h = bad.get(at).clone();
            h[flip % 32] ^= (byte) (1 << (flip % 8));
            bad.set(at, h);
            assertThat(Merkle.verifyInclusion(index, size, leaves.get(index), bad, root)).isFalse();
            if ((index ^ 1) < size) {
                assertThat(Merkle.verifyInclusion(index ^ 1, size, leaves.get(index), proof, root)).as("wrong index").isFalse();
            }
        }
    }

    @Property(tries = 300)
    void consistencyProofsVerifyAndTamperedOnesDoNot(@ForAll @IntRange(min = 1, max = 600) int size2,
            @ForAll @IntRange(min = 1, max = 600) int rawSize1, @ForAll @IntRange(min = 0, max = 255) int flip) {
        int size1 = 1 + (rawSize1 - 1) % size2;
        List<byte[]> leaves = leaves(size2);
        byte[] r1 = Merkle.root(leaves.subList(0, size1));
        byte[] r2 = Merkle.root(leaves);
        List<byte[]> proof = Merkle.consistencyProof(Merkle.inMemory(leaves), size1, size2);
        assertThat(Merkle.verifyConsistency(size1, size2, r1, r2, proof)).isTrue();
        if (!proof.isEmpty()) {
            List<byte[]> bad = new ArrayList<>(proof);
            int at = flip % bad.size();
            byte[] h = bad.get(at).clone();
            h[flip % 32] ^= (byte) (1 << (flip % 8));
            bad.set(at, h);
            assertThat(Merkle.verifyConsistency(size1, size2, r1, r2, bad)).isFalse();
            // a history rewritten inside the first size1 entries is inconsistent
            List<byte[]> rewritten = new ArrayList<>(leaves);
            rewritten.set(flip % size1, Merkle.leafHash(new byte[] {(byte) flip, 1, 2}));
            assertThat(Merkle.verifyConsistency(size1, size2, r1, Merkle.root(rewritten),
                    Merkle.consistencyProof(Merkle.inMemory(rewritten), size1, size2))).isFalse();
        }
    }
}
