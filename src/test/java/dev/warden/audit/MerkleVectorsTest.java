package dev.warden.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The published RFC 6962 vectors (curated in src/test/resources/audit/rfc6962-vectors.json). */
class MerkleVectorsTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final JsonNode V = load();

    private static JsonNode load() {
        try (InputStream in = MerkleVectorsTest.class.getResourceAsStream("/audit/rfc6962-vectors.json")) {
            return JsonValues.MAPPER.readTree(in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<byte[]> leafHashes(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Merkle.leafHash(HEX.parseHex(V.get("leaves").get(i).asString())));
        }
        return out;
    }

    private static List<byte[]> hashes(JsonNode arr) {
        List<byte[]> out = new ArrayList<>();
        for (JsonNode h : arr) {
            out.add(HEX.parseHex(h.asString()));
        }
        return out;
    }

    private static byte[] root(int size) {
        return HEX.parseHex(V.get("roots").get(size - 1).asString());
    }

    @Test
    void emptyTreeRootIsSha256OfNothing() {
        assertThat(HEX.formatHex(Merkle.root(List.of()))).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void rootsOfSizesOneToEightMatchTheVectors() {
        for (int size = 1; size <= 8; size++) {
            assertThat(HEX.formatHex(Merkle.root(leafHashes(size)))).as("size %d", size).isEqualTo(HEX.formatHex(root(size)));
        }
    }

    @Test
    void inclusionProofsAreBuiltExactlyAsPublishedAndVerify() {
        for (JsonNode c : V.get("inclusion")) {
            long index = c.get("leaf").asLong() - 1;
            int size = c.get("size").asInt();
            List<byte[]> expected = hashes(c.get("proof"));
            List<byte[]> leaves = leafHashes(8);
            List<byte[]> built = Merkle.inclusionProof(Merkle.inMemory(leaves), index, size);
            assertThat(built).as("proof %d/%d", index, size).usingElementComparator(java.util.Arrays::compare).containsExactlyElementsOf(expected);
            assertThat(Merkle.verifyInclusion(index, size, leaves.get((int) index), expected, root(size))).isTrue();
        }
    }

    @Test
    void corruptedInclusionProofsFail() {
        List<byte[]> leaves = leafHashes(8);
        for (JsonNode c : V.get("inclusion")) {
            long index = c.get("leaf").asLong() - 1;
            long size = c.get("size").asLong();
            List<byte[]> proof = hashes(c.get("proof"));
            byte[] leaf = leaves.get((int) index);
            byte[] root = root((int) size);
            assertThat(Merkle.verifyInclusion(index + 1, size, leaf, proof, root)).isFalse();
            assertThat(Merkle.verifyInclusion(index, size * 2, leaf, proof, root)).isFalse();
            assertThat(Merkle.verifyInclusion(index, size, Merkle.leafHash(new byte[] {9}), proof, root)).isFalse();
            assertThat(Merkle.verifyInclusion(index, size, leaf, proof, Merkle.EMPTY_ROOT)).isFalse();
            List<byte[]> longer = new ArrayList<>(proof);
            longer.add(root);
            assertThat(Merkle.verifyInclusion(index, size, leaf, longer, root)).isFalse();
            for (int i = 0; i < proof.size(); i++) {
                List<byte[]> flipped = new ArrayList<>(proof);
                byte[] b = flipped.get(i).clone();
                b[0] ^= 8;
                flipped.set(i, b);
                assertThat(Merkle.verifyInclusion(index, size, leaf, flipped, root)).isFalse();
            }
            if (!proof.isEmpty()) {
                assertThat(Merkle.verifyInclusion(index, size, leaf, proof.subList(0, proof.size() - 1), root)).isFalse();
            }
        }
    }

    @Test
    void consistencyProofsAreBuiltExactlyAsPublishedAndVerify() {
        List<byte[]> leaves = leafHashes(8);
        for (JsonNode c : V.get("consistency")) {
            long s1 = c.get("size1").asLong();
            long s2 = c.get("size2").asLong();
            List<byte[]> expected = hashes(c.get("proof"));
            assertThat(Merkle.consistencyProof(Merkle.inMemory(leaves), s1, s2)).as("%d->%d", s1, s2)
                    .usingElementComparator(java.util.Arrays::compare).containsExactlyElementsOf(expected);
            assertThat(Merkle.verifyConsistency(s1, s2, root((int) s1), root((int) s2), expected)).isTrue();
        }
    }

    @Test
    void corruptedConsistencyProofsFail() {
        for (JsonNode c : V.get("consistency")) {
            long s1 = c.get("size1").asLong();
            long s2 = c.get("size2").asLong();
            List<byte[]> proof = hashes(c.get("proof"));
            if (proof.isEmpty()) {
                continue;
            }
            byte[] r1 = root((int) s1);
            byte[] r2 = root((int) s2);
            assertThat(Merkle.verifyConsistency(s1, s2, r2, r1, proof)).as("swapped roots").isFalse();
            assertThat(Merkle.verifyConsistency(s1 + 1, s2, r1, r2, proof)).isFalse();
            assertThat(Merkle.verifyConsistency(s1, s2 * 2, r1, r2, proof)).isFalse();
            assertThat(Merkle.verifyConsistency(s1, s2, r1, r2, List.of())).isFalse();
            assertThat(Merkle.verifyConsistency(s1, s2, r1, r2, proof.subList(0, proof.size() - 1))).isFalse();
            for (int i = 0; i < proof.size(); i++) {
                List<byte[]> flipped = new ArrayList<>(proof);
                byte[] b = flipped.get(i).clone();
                b[0] ^= 16;
                flipped.set(i, b);
                assertThat(Merkle.verifyConsistency(s1, s2, r1, r2, flipped)).isFalse();
            }
        }
    }

    @Test
    void trivialConsistencyCasesFollowTheReferenceVerifier() {
        byte[] a = Merkle.leafHash(new byte[] {1});
        byte[] b = Merkle.leafHash(new byte[] {2});
        assertThat(Merkle.verifyConsistency(0, 0, a, a, List.of())).isTrue();
        assertThat(Merkle.verifyConsistency(0, 1, a, b, List.of())).isTrue();
        assertThat(Merkle.verifyConsistency(1, 1, a, b, List.of())).isFalse();
        assertThat(Merkle.verifyConsistency(2, 1, a, b, List.of())).isFalse();
        assertThat(Merkle.verifyConsistency(1, 1, a, a, List.of(Merkle.EMPTY_ROOT))).isFalse();
    }
}
