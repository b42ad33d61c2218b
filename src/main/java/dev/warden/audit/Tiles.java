package dev.warden.audit;

import dev.warden.call.WardenException;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The tree as it is stored: tiles of 64 hashes.
 *
 * <p>Design note. Tile {@code (L, i)} holds the hashes of the perfect subtrees of height
 * {@code 6L} with indices {@code [64i, 64i + 64)}; at {@code L = 0} those are the leaf hashes.
 * Only the last tile of a level is partial (the right edge of the tree). Every perfect subtree of
 * height {@code 6L + h} ({@code h < 6}) is the root of {@code 2^h} consecutive hashes inside one
 * tile of level {@code L}, so any node the RFC 6962 recursion needs costs one tile read and at
 * most 31 hashes. The layout is that of C2SP tlog-tiles with a smaller height, chosen so a full
 * tile (2 KiB) stays inside one 4 KiB SQLite page:
 * <ul>
 *   <li>an append batch rewrites one or two level-0 rows (and, every 64 entries, one row above),
 *       instead of one row per new internal node;</li>
 *   <li>verify streams the leaf hashes as 2 KiB blobs (16 k rows per million entries), never
 *       touching the entry bodies, and hashes tiles independently on every core;</li>
 *   <li>the right edge (frontier) of a tree of any size is rebuilt from at most 11 partial
 *       tiles, so a fresh process that appends one entry reads a handful of rows.</li>
 * </ul>
 * The stored upper tiles ({@code L >= 1}) are derived data: verify recomputes them from the
 * leaves and reports any difference as a bad node.
 */
final class Tiles {

    /** Levels of the tree per tile level. */
    static final int HEIGHT = 6;
    /** Hashes per full tile. */
    static final int WIDTH = 1 << HEIGHT;
    /** Bytes of a full tile. */
    static final int BYTES = WIDTH * Merkle.HASH_BYTES;
    /** Tile levels enough for any 63-bit tree size. */
    static final int LEVELS = 11;

    private Tiles() {}

    /** Where tiles come from (a store, or a test's map). */
    @FunctionalInterface
    interface Source {
        /** The stored tile, or null when there is none. */
        byte @Nullable [] tile(int level, long index);
    }

    /** {@code SHA-256(0x01 || l[lo..lo+32) || r[ro..ro+32))} written to {@code out[oo..oo+32)}; {@code out} may alias an input. */
    static void node(MessageDigest md, byte[] l, int lo, byte[] r, int ro, byte[] out, int oo) {
        md.update((byte) 1);
        md.update(l, lo, Merkle.HASH_BYTES);
        md.update(r, ro, Merkle.HASH_BYTES);
        try {
            md.digest(out, oo, Merkle.HASH_BYTES);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The root of {@code count} (a power of two) consecutive hashes of {@code buf} from hash position {@code pos}. */
    static byte[] subtreeRoot(MessageDigest md, byte[] buf, int pos, int count) {
        if (count == 1) {
            return Arrays.copyOfRange(buf, pos * Merkle.HASH_BYTES, (pos + 1) * Merkle.HASH_BYTES);
        }
        byte[] w = Arrays.copyOfRange(buf, pos * Merkle.HASH_BYTES, (pos + count) * Merkle.HASH_BYTES);
        for (int n = count; n > 1; n >>= 1) {
            for (int i = 0; i < n / 2; i++) {
                node(md, w, 2 * i * Merkle.HASH_BYTES, w, (2 * i + 1) * Merkle.HASH_BYTES, w, i * Merkle.HASH_BYTES);
            }
        }
        return Arrays.copyOf(w, Merkle.HASH_BYTES);
    }

    /** The hash of the perfect subtree of {@code 2^level} leaves starting at leaf {@code index << level}. */
    static byte[] perfect(Source s, MessageDigest md, int level, long index) {
        int tileLevel = level / HEIGHT;
        int h = level % HEIGHT;
        long first = index << h; // position among the hashes of tile level tileLevel
        long tileIndex = first >>> HEIGHT;
        int pos = (int) (first & (WIDTH - 1));
        byte[] t = s.tile(tileLevel, tileIndex);
        if (t == null || t.length < (pos + (1 << h)) * Merkle.HASH_BYTES) {
            long from = index << level;
            throw new WardenException(WardenException.Kind.INTEGRITY, level == 0
                    ? "the stored tree has no hash for entry " + index
                    : "the stored tree has no hash for entries " + from + ".." + (from + (1L << level) - 1)
                            + " (tile " + tileLevel + "/" + tileIndex + ")");
        }
        return subtreeRoot(md, t, pos, 1 << h);
    }

    /** A new tile (partial or full) as written to the store. */
    record Written(int level, long index, byte[] hashes) {}

    /**
     * The append side: the right edge of the tree in memory, and the last tile of every level.
     * Not thread-safe (the group-commit leader owns it).
     */
    static final class Writer {
        private final MessageDigest md = Merkle.sha256();
        private final byte[][] tiles = new byte[LEVELS][BYTES];
        private final int[] fill = new int[LEVELS];
        private final long[] tileIndex = new long[LEVELS];
        private final boolean[] dirty = new boolean[LEVELS];
        private final List<Written> completed = new ArrayList<>();
        // The frontier: one perfect subtree per set bit of the size, largest first.
        private final int[] levels = new int[64];
        private final byte[] stack = new byte[64 * Merkle.HASH_BYTES];
        private int top;
        private long size = -1;

        /** The size this state describes, or -1 when it must be loaded. */
        long size() {
            return size;
        }

        /** Forgets everything (after a rolled-back transaction). */
        void invalidate() {
            size = -1;
            completed.clear();
            Arrays.fill(dirty, false);
        }

        /** Loads the right edge of a tree of {@code n} leaves from its partial tiles. */
        void load(Source s, long n) {
            invalidate();
            top = 0;
            for (int level = 0; level < LEVELS; level++) {
                long count = level * HEIGHT >= 63 ? 0 : n >>> (level * HEIGHT);
                int m = (int) (count & (WIDTH - 1));
                tileIndex[level] = count >>> HEIGHT;
                fill[level] = m;
                if (m > 0) {
                    byte[] t = s.tile(level, tileIndex[level]);
                    if (t == null || t.length != m * Merkle.HASH_BYTES) {
                        throw new WardenException(WardenException.Kind.INTEGRITY, "the stored tree does not match the "
                                + n + " entries of the log (tile " + level + "/" + tileIndex[level] + " holds "
                                + (t == null ? "nothing" : t.length / Merkle.HASH_BYTES + " hashes") + ", expected " + m + ")");
                    }
                    System.arraycopy(t, 0, tiles[level], 0, t.length);
                }
            }
            // Frontier, largest subtree first: tile level L holds the pieces of heights 6L..6L+5.
            for (int level = LEVELS - 1; level >= 0; level--) {
                int m = fill[level];
                for (int h = HEIGHT - 1; h >= 0; h--) {
                    if ((m & (1 << h)) != 0) {
                        int pos = (m >> (h + 1)) << (h + 1);
                        byte[] r = subtreeRoot(md, tiles[level], pos, 1 << h);
                        levels[top] = level * HEIGHT + h;
                        System.arraycopy(r, 0, stack, top * Merkle.HASH_BYTES, Merkle.HASH_BYTES);
                        top++;
                    }
                }
            }
            size = n;
        }

        /** Appends one leaf hash. */
        void append(byte[] leaf) {
            add(0, leaf, 0);
            System.arraycopy(leaf, 0, stack, top * Merkle.HASH_BYTES, Merkle.HASH_BYTES);
            levels[top++] = 0;
            while (top >= 2 && levels[top - 1] == levels[top - 2]) {
                int a = (top - 2) * Merkle.HASH_BYTES;
                node(md, stack, a, stack, a + Merkle.HASH_BYTES, stack, a);
                top--;
                int level = ++levels[top - 1];
                if (level % HEIGHT == 0) {
                    add(level / HEIGHT, stack, a);
                }
            }
            size++;
        }

        private void add(int level, byte[] h, int off) {
            System.arraycopy(h, off, tiles[level], fill[level] * Merkle.HASH_BYTES, Merkle.HASH_BYTES);
            dirty[level] = true;
            if (++fill[level] == WIDTH) {
                completed.add(new Written(level, tileIndex[level], tiles[level].clone()));
                tileIndex[level]++;
                fill[level] = 0;
                dirty[level] = false;
            }
        }

        /** The tiles changed since the last call: completed ones, then the partial ones. */
        List<Written> drain() {
            List<Written> out = new ArrayList<>(completed);
            completed.clear();
            for (int level = 0; level < LEVELS; level++) {
                if (dirty[level]) {
                    out.add(new Written(level, tileIndex[level], Arrays.copyOf(tiles[level], fill[level] * Merkle.HASH_BYTES)));
                    dirty[level] = false;
                }
            }
            return out;
        }

        /** The root of the tree as it stands. */
        byte[] root() {
            if (top == 0) {
                return Merkle.EMPTY_ROOT.clone();
            }
            byte[] r = Arrays.copyOfRange(stack, (top - 1) * Merkle.HASH_BYTES, top * Merkle.HASH_BYTES);
            for (int i = top - 2; i >= 0; i--) {
                node(md, stack, i * Merkle.HASH_BYTES, r, 0, r, 0);
            }
            return r;
        }
    }
}
