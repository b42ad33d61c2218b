package dev.warden.audit;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Recomputes an RFC 6962 tree from its leaf hashes, in order, once: the roots at the sizes asked
 * for (signed checkpoints), the final root, and every hash of height 6, 12, ... (the contents of
 * the stored upper tiles), so verify can compare all of them in one pass.
 *
 * <p>Design note. Leaves are buffered in blocks of 64 (one level-0 tile). A batch of blocks is
 * hashed in parallel (63 node hashes per block, independent of each other: the bulk of the
 * work), then stitched in order on the calling thread: each block's root joins a small stack of
 * higher subtrees (one hash per 64 leaves), and a root asked for inside a block is the fold of
 * that stack with the block's own subtrees for the first {@code m} leaves. Nothing per leaf is
 * allocated; memory is bounded by the batch, whatever the log's size.
 */
final class TreeFold {

    private static final int H = Merkle.HASH_BYTES;
    private static final int BATCH_TILES = 512;
    // Node layout of one block: level 1 (32 hashes), 2 (16), 3 (8), 4 (4), 5 (2), 6 (1).
    private static final int[] LEVEL_AT = {0, 0, 32, 48, 56, 60, 62};
    private static final int NODES = 63;

    private final long[] sizes;
    private int nextSize;
    private final boolean parallel;
    private final Map<Long, byte[]> rootsAt = new HashMap<>();
    private final ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(Merkle::sha256);
    private final MessageDigest md = Merkle.sha256();

    private final byte[] leaves = new byte[BATCH_TILES * Tiles.BYTES];
    private final byte[] nodes = new byte[BATCH_TILES * NODES * H];
    private int count;
    private long base;

    // Subtrees of 64 leaves and more, largest first.
    private final int[] levels = new int[64];
    private final byte[] stack = new byte[64 * H];
    private int top;
    private final ByteArrayOutputStream[] upper = new ByteArrayOutputStream[Tiles.LEVELS];
    private byte @Nullable [] finalRoot;

    /**
     * @param sizes    tree sizes whose roots are wanted, ascending
     * @param parallel hash blocks on several threads (large trees)
     */
    TreeFold(long[] sizes, boolean parallel) {
        this.sizes = sizes.clone();
        Arrays.sort(this.sizes);
        this.parallel = parallel;
    }

    /** Adds one leaf hash (32 bytes). */
    void add(byte[] leaf) {
        System.arraycopy(leaf, 0, leaves, count * H, H);
        if (++count == BATCH_TILES * Tiles.WIDTH) {
            process();
        }
    }

    /** Adds {@code n} leaf hashes from {@code src}. */
    void add(byte[] src, int n) {
        int off = 0;
        while (n > 0) {
            int take = Math.min(n, BATCH_TILES * Tiles.WIDTH - count);
            System.arraycopy(src, off, leaves, count * H, take * H);
            count += take;
            off += take * H;
            n -= take;
            if (count == BATCH_TILES * Tiles.WIDTH) {
                process();
            }
        }
    }

    /** Leaves added so far. */
    long size() {
        return base + count;
    }

    /** Ends the input; then {@link #root}, {@link #rootAt} and {@link #upper} answer. */
    void finish() {
        process();
        if (finalRoot == null) {
            finalRoot = top == 0 ? Merkle.EMPTY_ROOT.clone() : foldStack(0, 0);
        }
    }

    /** The root of the whole input. */
    byte[] root() {
        return finalRoot == null ? Merkle.EMPTY_ROOT.clone() : finalRoot.clone();
    }

    /** The root at {@code size}, if it was asked for and reached. */
    byte @Nullable [] rootAt(long size) {
        return size == 0 ? Merkle.EMPTY_ROOT.clone() : rootsAt.get(size);
    }

    /** The hashes of height {@code 6 * tileLevel} in order ({@code tileLevel >= 1}): what the stored tiles of that level must hold. */
    byte[] upper(int tileLevel) {
        ByteArrayOutputStream b = upper[tileLevel];
        return b == null ? new byte[0] : b.toByteArray();
    }

    private void process() {
        if (count == 0) {
            return;
        }
        int blocks = (count + Tiles.WIDTH - 1) / Tiles.WIDTH;
        if (parallel && blocks > 1) {
            IntStream.range(0, blocks).parallel().forEach(b -> hashBlock(digests.get(), b));
        } else {
            for (int b = 0; b < blocks; b++) {
                hashBlock(md, b);
            }
        }
        for (int b = 0; b < blocks; b++) {
            long start = base + (long) b * Tiles.WIDTH;
            int n = Math.min(Tiles.WIDTH, count - b * Tiles.WIDTH);
            while (nextSize < sizes.length && sizes[nextSize] <= start) {
                nextSize++; // zero, or a size already passed
            }
            while (nextSize < sizes.length && sizes[nextSize] < start + n) {
                int m = (int) (sizes[nextSize] - start);
                rootsAt.put(sizes[nextSize], foldStack(b, m));
                nextSize++;
            }
            if (n == Tiles.WIDTH) {
                push(6, nodes, (b * NODES + LEVEL_AT[6]) * H);
                if (nextSize < sizes.length && sizes[nextSize] == start + n) {
                    rootsAt.put(sizes[nextSize], foldStack(0, 0));
                    nextSize++;
                }
            } else {
                // A partial block is always the last: the input ended inside it.
                finalRoot = foldStack(b, n);
                if (nextSize < sizes.length && sizes[nextSize] == start + n) {
                    rootsAt.put(sizes[nextSize], finalRoot.clone());
                    nextSize++;
                }
            }
        }
        base += count;
        count = 0;
    }

    /** All complete subtrees inside block {@code b}. */
    private void hashBlock(MessageDigest d, int b) {
        int n = Math.min(Tiles.WIDTH, count - b * Tiles.WIDTH);
        int leafBase = b * Tiles.BYTES;
        int nodeBase = b * NODES * H;
        for (int level = 1; level <= Tiles.HEIGHT; level++) {
            int have = n >> level;
            for (int i = 0; i < have; i++) {
                int out = nodeBase + (LEVEL_AT[level] + i) * H;
                if (level == 1) {
                    Tiles.node(d, leaves, leafBase + 2 * i * H, leaves, leafBase + (2 * i + 1) * H, nodes, out);
                } else {
                    int below = nodeBase + LEVEL_AT[level - 1] * H;
                    Tiles.node(d, nodes, below + 2 * i * H, nodes, below + (2 * i + 1) * H, nodes, out);
                }
            }
        }
    }

    /** Pushes a subtree of {@code level} (a multiple of 6) onto the stack, merging equal levels. */
    private void push(int level, byte[] src, int off) {
        System.arraycopy(src, off, stack, top * H, H);
        levels[top++] = level;
        record(level, stack, (top - 1) * H);
        while (top >= 2 && levels[top - 1] == levels[top - 2]) {
            int a = (top - 2) * H;
            Tiles.node(md, stack, a, stack, a + H, stack, a);
            top--;
            int l = ++levels[top - 1];
            if (l % Tiles.HEIGHT == 0) {
                record(l, stack, a);
            }
        }
    }

    private void record(int level, byte[] src, int off) {
        int tileLevel = level / Tiles.HEIGHT;
        if (upper[tileLevel] == null) {
            upper[tileLevel] = new ByteArrayOutputStream();
        }
        upper[tileLevel].write(src, off, H);
    }

    /** The root of the stack followed by the subtrees of the first {@code m} leaves of block {@code b}. */
    private byte[] foldStack(int b, int m) {
        // Pieces right to left: block pieces (smallest last), then the stack.
        byte[] r = null;
        int nodeBase = b * NODES * H;
        int leafBase = b * Tiles.BYTES;
        for (int h = 0; h < Tiles.HEIGHT; h++) {
            if ((m & (1 << h)) == 0) {
                continue;
            }
            int pos = (m >> (h + 1)) << (h + 1);
            byte[] src = h == 0 ? leaves : nodes;
            int off = h == 0 ? leafBase + pos * H : nodeBase + (LEVEL_AT[h] + (pos >> h)) * H;
            if (r == null) {
                r = Arrays.copyOfRange(src, off, off + H);
            } else {
                Tiles.node(md, src, off, r, 0, r, 0);
            }
        }
        for (int i = top - 1; i >= 0; i--) {
            if (r == null) {
                r = Arrays.copyOfRange(stack, i * H, (i + 1) * H);
            } else {
                Tiles.node(md, stack, i * H, r, 0, r, 0);
            }
        }
        return r == null ? Merkle.EMPTY_ROOT.clone() : r;
    }
}
