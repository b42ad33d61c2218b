package dev.warden.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 6962 / RFC 9162 Merkle tree hashing, proof construction and proof verification.
 *
 * <p>Design note. The tree over leaves {@code D[0..n)} is the RFC's: a leaf hashes as
 * {@code SHA-256(0x00 || entry)}, an inner node as {@code SHA-256(0x01 || left || right)}, and a
 * range of {@code n > 1} leaves splits at the largest power of two {@code k < n}. Every hash the
 * RFC's recursion needs is a hash of a <em>perfect</em> subtree (2^level leaves starting at a
 * multiple of 2^level) or is assembled from O(log n) of them, so a store that keeps every perfect
 * subtree hash (one extra hash per leaf, amortised) serves proofs in O(log n) lookups per path
 * element without touching the entries. That is the {@link Nodes} seam.
 *
 * <p>Verification follows RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency) and needs
 * nothing but hashes, so anyone holding a checkpoint can check a proof.
 */
public final class Merkle {

    /** Hash length in bytes. */
    public static final int HASH_BYTES = 32;

    /** The root of the empty tree: SHA-256 of the empty string. */
    public static final byte[] EMPTY_ROOT = sha256().digest();

    private Merkle() {}

    /** A source of perfect-subtree hashes: {@code 2^level} leaves starting at {@code index << level}. */
    @FunctionalInterface
    public interface Nodes {
        byte[] perfect(int level, long index);
    }

    /** A fresh SHA-256 digest. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JDK", e);
        }
    }

    /** {@code SHA-256(0x00 || entry)}. */
    public static byte[] leafHash(byte[] entry) {
        return leafHash(sha256(), entry);
    }

    /** {@code SHA-256(0x00 || entry)} with a caller's digest (reused in tight loops). */
    public static byte[] leafHash(MessageDigest md, byte[] entry) {
        md.reset();
        md.update((byte) 0);
        md.update(entry);
        return md.digest();
    }

    /** {@code SHA-256(0x01 || left || right)}. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        return nodeHash(sha256(), left, right);
    }

    /** {@code SHA-256(0x01 || left || right)} with a caller's digest. */
    public static byte[] nodeHash(MessageDigest md, byte[] left, byte[] right) {
        md.reset();
        md.update((byte) 1);
        md.update(left);
        md.update(right);
        return md.digest();
    }

    /** The root of a tree given its leaf hashes (in memory; for tests and small trees). */
    public static byte[] root(List<byte[]> leafHashes) {
        return leafHashes.isEmpty() ? EMPTY_ROOT.clone() : mth(inMemory(leafHashes), 0, leafHashes.size());
    }

    /** A {@link Nodes} view over leaf hashes held in memory. */
    public static Nodes inMemory(List<byte[]> leafHashes) {
        MessageDigest md = sha256();
        return (level, index) -> {
            long start = index << level;
            long len = 1L << level;
            if (start + len > leafHashes.size()) {
                throw new IllegalArgumentException("no perfect subtree " + level + "/" + index);
            }
            return perfectFrom(md, leafHashes, (int) start, level);
        };
    }

    private static byte[] perfectFrom(MessageDigest md, List<byte[]> leaves, int start, int level) {
        if (level == 0) {
            return leaves.get(start);
        }
        byte[] l = perfectFrom(md, leaves, start, level - 1);
        byte[] r = perfectFrom(md, leaves, start + (1 << (level - 1)), level - 1);
        return nodeHash(md, l, r);
    }

    /** The hash of leaves {@code [start, start + n)} as the RFC's recursion defines it ({@code n >= 1}). */
    public static byte[] mth(Nodes nodes, long start, long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("empty range");
        }
        if (Long.bitCount(n) == 1 && start % n == 0) {
            return nodes.perfect(Long.numberOfTrailingZeros(n), start / n);
        }
        long k = splitPoint(n);
        return nodeHash(mth(nodes, start, k), mth(nodes, start + k, n - k));
    }

    /** The root of the first {@code size} leaves. */
    public static byte[] root(Nodes nodes, long size) {
        return size == 0 ? EMPTY_ROOT.clone() : mth(nodes, 0, size);
    }

    /** The largest power of two strictly smaller than {@code n} ({@code n >= 2}). */
    static long splitPoint(long n) {
        return Long.highestOneBit(n - 1);
    }

    /** The inclusion proof (audit path) of leaf {@code index} in the tree of {@code size} leaves. */
    public static List<byte[]> inclusionProof(Nodes nodes, long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("index " + index + " is not in a tree of size " + size);
        }
        ArrayList<byte[]> out = new ArrayList<>();
        path(nodes, index, 0, size, out);
        return out;
    }

    private static void path(Nodes nodes, long m, long start, long n, List<byte[]> out) {
        if (n == 1) {
            return;
        }
        long k = splitPoint(n);
        if (m < k) {
            path(nodes, m, start, k, out);
            out.add(mth(nodes, start + k, n - k));
        } else {
            path(nodes, m - k, start + k, n - k, out);
            out.add(mth(nodes, start, k));
        }
    }

    /** The consistency proof from the tree of {@code size1} leaves to the tree of {@code size2}. */
    public static List<byte[]> consistencyProof(Nodes nodes, long size1, long size2) {
        if (size1 < 0 || size2 < size1) {
            throw new IllegalArgumentException("no consistency proof from " + size1 + " to " + size2);
        }
        ArrayList<byte[]> out = new ArrayList<>();
        if (size1 == 0 || size1 == size2) {
            return out;
        }
        subproof(nodes, size1, 0, size2, true, out);
        return out;
    }

    private static void subproof(Nodes nodes, long m, long start, long n, boolean whole, List<byte[]> out) {
        if (m == n) {
            if (!whole) {
                out.add(mth(nodes, start, n));
            }
            return;
        }
        long k = splitPoint(n);
        if (m <= k) {
            subproof(nodes, m, start, k, whole, out);
            out.add(mth(nodes, start + k, n - k));
        } else {
            subproof(nodes, m - k, start + k, n - k, false, out);
            out.add(mth(nodes, start, k));
        }
    }

    /** The root that an inclusion proof implies, or null when the proof has the wrong shape. */
    public static byte @org.jspecify.annotations.Nullable [] rootFromInclusion(long index, long size, byte[] leafHash, List<byte[]> proof) {
        if (index < 0 || index >= size || leafHash.length != HASH_BYTES) {
            return null;
        }
        MessageDigest md = sha256();
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0 || p.length != HASH_BYTES) {
                return null;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(md, p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(md, r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? r : null;
    }

    /** True when {@code proof} shows leaf {@code index} with {@code leafHash} is in the tree with {@code root}. */
    public static boolean verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
        byte[] r = rootFromInclusion(index, size, leafHash, proof);
        return r != null && MessageDigest.isEqual(r, root);
    }

    /** True when {@code proof} shows the tree ({@code size2}, {@code root2}) extends ({@code size1}, {@code root1}). */
    public static boolean verifyConsistency(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof) {
        if (size1 < 0 || size2 < size1) {
            return false;
        }
        if (size1 == size2) {
            return proof.isEmpty() && MessageDigest.isEqual(root1, root2);
        }
        if (size1 == 0) {
            return proof.isEmpty();
        }
        if (proof.isEmpty()) {
            return false;
        }
        for (byte[] p : proof) {
            if (p.length != HASH_BYTES) {
                return false;
            }
        }
        List<byte[]> path = proof;
        if (Long.bitCount(size1) == 1) {
            ArrayList<byte[]> withFirst = new ArrayList<>(proof.size() + 1);
            withFirst.add(root1);
            withFirst.addAll(proof);
            path = withFirst;
        }
        MessageDigest md = sha256();
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (int i = 1; i < path.size(); i++) {
            byte[] c = path.get(i);
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(md, c, fr);
                sr = nodeHash(md, c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(md, sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, root1) && MessageDigest.isEqual(sr, root2);
    }

    /**
     * The right edge of a tree of {@code size} leaves: the perfect subtrees its size decomposes into,
     * largest first, as (level, index) pairs packed in a long[2][].
     */
    static long[][] frontierShape(long size) {
        int count = Long.bitCount(size);
        long[][] out = new long[count][];
        long start = 0;
        int i = 0;
        for (int level = 63; level >= 0; level--) {
            if ((size & (1L << level)) != 0) {
                out[i++] = new long[] {level, start >> level};
                start += 1L << level;
            }
        }
        return out;
    }

    /** Hex of a hash, for messages. */
    static String hex(byte[] h) {
        return java.util.HexFormat.of().formatHex(h);
    }

    static boolean same(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }
}
