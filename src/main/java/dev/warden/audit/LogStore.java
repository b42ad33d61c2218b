package dev.warden.audit;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Where the log lives. SQLite is the embedded default; a shared PostgreSQL store implements the
 * same contract later. One instance is one connection and is used by one thread at a time.
 *
 * <p>The contract a store keeps: {@link #inWriteTransaction} is exclusive across every process
 * and thread that writes the same log (so index assignment is gapless), and returns only after
 * the transaction is durable.
 */
interface LogStore extends AutoCloseable {

    /** A stored entry row: its hash and (unless pruned) its canonical body. */
    record Row(long index, byte[] leaf, @Nullable String body) {}

    /** A stored checkpoint. */
    record StoredCheckpoint(long size, long timeMs, String note) {}

    /** A range whose bodies were pruned, and the entry that recorded the pruning. */
    record Pruned(long start, long end, long entry, String archiveSha256) {}

    /** Columns derived from the body, stored for queries (they are re-checked against the body). */
    record Columns(long timeMs, String kind, String session, @Nullable String agentId, @Nullable String agentType,
            @Nullable String tool, @Nullable String decision, @Nullable String toolUseId) {}

    /** Visits rows in index order. */
    @FunctionalInterface
    interface RowVisitor {
        /** Returns false to stop. */
        boolean visit(long index, byte[] leaf, byte @Nullable [] body);
    }

    /** Runs {@code work} inside an exclusive, durable write transaction, retrying while the log is busy. */
    <T> T inWriteTransaction(Function<LogStore, T> work);

    /** True when the log's tables exist. */
    boolean exists();

    /** The number of entries (the next index). */
    long size();

    /** The hash of a perfect subtree; level 0 is a leaf hash. Throws INTEGRITY when missing. */
    byte[] perfect(int level, long index);

    void putEntry(long index, byte[] leaf, String body, Columns columns);

    void putNode(int level, long index, byte[] hash);

    Optional<StoredCheckpoint> lastCheckpoint();

    /** Checkpoints in size order. */
    List<StoredCheckpoint> checkpoints();

    void putCheckpoint(long size, long timeMs, String note);

    Optional<String> meta(String key);

    void putMeta(String key, String value);

    /** Streams hashes and bodies from {@code from} on, in index order (bodies only when asked). */
    void scan(long from, boolean bodies, RowVisitor visitor);

    /** Streams rows matching the store-side part of a query (a superset of the matches). */
    void query(AuditQuery q, RowVisitor visitor);

    /** The stored perfect-subtree hashes of one level, in index order. */
    void scanNodes(int level, RowVisitor visitor);

    /** Indices whose query columns disagree with their body. */
    List<Long> columnMismatches();

    List<Pruned> pruned();

    /** Drops the bodies of {@code [start, end)} and records the range. */
    void prune(long start, long end, long entry, String archiveSha256, long timeMs);

    @Override
    void close();
}
