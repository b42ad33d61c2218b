package dev.warden.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.call.WardenException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The stored form of the tree (tiles of 64 hashes) and the verify fold compute exactly the RFC
 * 6962 tree: the same roots at every size, the same perfect subtrees, the same tree after a
 * reload from the tiles alone.
 */
class TilesPropertiesTest {

    private static List<byte[]> leaves(int n, long seed) {
        MessageDigest md = Merkle.sha256();
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Merkle.leafHash(md, ByteBuffer.allocate(16).putLong(seed).putLong(i).array()));
        }
        return out;
    }

    private static Map<String, byte[]> write(Tiles.Writer w, Map<String, byte[]> tiles) {
        for (Tiles.Written t : w.drain()) {
            tiles.put(t.level() + "/" + t.index(), t.hashes());
        }
        return tiles;
    }

    private static Tiles.Source source(Map<String, byte[]> tiles) {
        return (level, index) -> tiles.get(level + "/" + index);
    }

    @Property(tries = 40)
    void theFoldGivesTheRfcRootAtEveryAskedSize(@ForAll @IntRange(min = 0, max = 9000) int n, @ForAll long seed,
            @ForAll boolean parallel) {
        List<byte[]> ls = leaves(n, seed);
        Random rnd = new Random(seed);
        long[] sizes = new long[12];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = n == 0 ? 0 : 1 + rnd.nextInt(n);
        }
        sizes[0] = n;
        sizes[1] = Math.min(n, 64);
        sizes[2] = Math.min(n, 128);
        TreeFold f = new TreeFold(java.util.Arrays.stream(sizes).distinct().sorted().toArray(), parallel);
        for (int i = 0; i < n; i++) {
            if (rnd.nextBoolean()) {
                f.add(ls.get(i));
            } else {
                f.add(ls.get(i).clone(), 1);
            }
        }
        f.finish();
        assertThat(f.size()).isEqualTo(n);
        assertThat(f.root()).isEqualTo(Merkle.root(ls));
        for (long s : sizes) {
            assertThat(f.rootAt(s)).as("root at %d of %d", s, n).isEqualTo(Merkle.root(ls.subList(0, (int) s)));
        }
    }

    @Property(tries = 30)
    void theWriterKeepsTheRfcRootAndItsTilesHoldEveryPerfectSubtree(@ForAll @IntRange(min = 1, max = 5000) int n,
            @ForAll long seed) {
        List<byte[]> ls = leaves(n, seed);
        Tiles.Writer w = new Tiles.Writer();
        w.load(source(Map.of()), 0);
        Map<String, byte[]> tiles = new HashMap<>();
        Random rnd = new Random(seed);
        for (int i = 0; i < n; i++) {
            w.append(ls.get(i));
            if (rnd.nextInt(20) == 0) {
                write(w, tiles); // batches of any length
            }
        }
        write(w, tiles);
        assertThat(w.size()).isEqualTo(n);
        assertThat(w.root()).isEqualTo(Merkle.root(ls));
        Merkle.Nodes expected = Merkle.inMemory(ls);
        MessageDigest md = Merkle.sha256();
        for (int k = 0; k < 50; k++) {
            int level = rnd.nextInt(64 - Long.numberOfLeadingZeros(n));
            long count = (long) n >> level;
            if (count == 0) {
                continue;
            }
            long index = rnd.nextLong(count);
            assertThat(Tiles.perfect(source(tiles), md, level, index)).as("subtree %d/%d", level, index)
                    .isEqualTo(expected.perfect(level, index));
        }
        assertThat(Merkle.root((level, index) -> Tiles.perfect(source(tiles), md, level, index), n)).isEqualTo(Merkle.root(ls));
    }

    @Property(tries = 30)
    void aWriterReloadedFromTheTilesContinuesTheSameTree(@ForAll @IntRange(min = 0, max = 3000) int first,
            @ForAll @IntRange(min = 1, max = 3000) int more, @ForAll long seed) {
        List<byte[]> ls = leaves(first + more, seed);
        Tiles.Writer a = new Tiles.Writer();
        a.load(source(Map.of()), 0);
        Map<String, byte[]> tiles = new HashMap<>();
        for (int i = 0; i < first; i++) {
            a.append(ls.get(i));
        }
        write(a, tiles);
        Tiles.Writer b = new Tiles.Writer();
        b.load(source(tiles), first); // what another process does
        assertThat(b.root()).isEqualTo(Merkle.root(ls.subList(0, first)));
        for (int i = first; i < ls.size(); i++) {
            b.append(ls.get(i));
        }
        write(b, tiles);
        assertThat(b.root()).isEqualTo(Merkle.root(ls));
        // and the fold sees the upper tiles the writer stored
        TreeFold f = new TreeFold(new long[0], false);
        for (byte[] l : ls) {
            f.add(l);
        }
        f.finish();
        for (int level = 1; level < 3; level++) {
            java.io.ByteArrayOutputStream stored = new java.io.ByteArrayOutputStream();
            for (long t = 0; tiles.containsKey(level + "/" + t); t++) {
                stored.writeBytes(tiles.get(level + "/" + t));
            }
            assertThat(f.upper(level)).as("level %d", level).isEqualTo(stored.toByteArray());
        }
    }

    @Test
    void loadingATreeWhoseTilesDoNotCoverItsSizeFailsClosed() {
        List<byte[]> ls = leaves(100, 1);
        Tiles.Writer w = new Tiles.Writer();
        w.load(source(Map.of()), 0);
        ls.forEach(w::append);
        Map<String, byte[]> tiles = write(w, new HashMap<>());
        assertThatThrownBy(() -> new Tiles.Writer().load(source(tiles), 101))
                .isInstanceOf(WardenException.class).hasMessageContaining("does not match");
        tiles.remove("0/1");
        assertThatThrownBy(() -> new Tiles.Writer().load(source(tiles), 100))
                .isInstanceOf(WardenException.class).hasMessageContaining("tile 0/1");
        assertThatThrownBy(() -> Tiles.perfect(source(tiles), Merkle.sha256(), 0, 70))
                .isInstanceOf(WardenException.class).hasMessageContaining("no hash for entry 70");
    }
}
