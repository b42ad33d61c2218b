package dev.warden.audit;

import java.util.List;

/**
 * Proof that entry {@code index} is in the tree of {@code size} entries whose root is {@code root}
 * (RFC 9162 §2.1.3). Anyone can check it with {@link #verify()} or {@link Merkle#verifyInclusion}.
 *
 * @param index    the entry's index
 * @param size     the tree size the proof is for
 * @param leafHash the entry's leaf hash
 * @param path     the audit path, bottom up
 * @param root     the root at {@code size}
 */
public record InclusionProof(long index, long size, byte[] leafHash, List<byte[]> path, byte[] root) {

    public InclusionProof {
        path = List.copyOf(path);
    }

    /** True when the path leads from the leaf to the root. */
    public boolean verify() {
        return Merkle.verifyInclusion(index, size, leafHash, path, root);
    }
}
