package dev.warden.audit;

import java.util.List;

/**
 * Proof that the tree of {@code size2} entries extends the tree of {@code size1} entries: nothing
 * in the first {@code size1} entries was changed, removed or reordered (RFC 9162 §2.1.4).
 *
 * @param size1 the earlier size
 * @param size2 the later size
 * @param root1 the root at {@code size1}
 * @param root2 the root at {@code size2}
 * @param path  the consistency path
 */
public record ConsistencyProof(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> path) {

    public ConsistencyProof {
        path = List.copyOf(path);
    }

    /** True when the path proves the extension. */
    public boolean verify() {
        return Merkle.verifyConsistency(size1, size2, root1, root2, path);
    }
}
