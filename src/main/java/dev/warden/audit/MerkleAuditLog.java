package dev.warden.audit;

import dev.warden.call.WardenException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The append side of the Merkle log.
 *
 * <p>Design note: group commit without a writer thread. Callers redact their entry, encode it
 * canonically as UTF-8 and run the leaf hash over everything before the index, all on their own
 * thread (in parallel), then queue it. If no commit is running, the caller becomes the leader: it
 * drains the whole queue, writes the batch in one store transaction (one fsync), wakes exactly the
 * callers in it, hands the lead to the first caller that queued meanwhile (or steps down), and
 * returns. There is no herd: each waiter is woken once, when its own entry is durable or when it
 * is to lead. Under load (the server's many request threads) batches grow to the queue length and
 * the fsync cost is shared; a leader whose last batch had several entries waits up to
 * {@link #GATHER_NANOS} for as many to queue, since callers released by the previous batch are
 * about to come back. For a lone caller (the hook, one process per tool call) it is a plain
 * synchronous commit with no thread to start. Exactly one leader touches the store and the
 * in-memory tree at a time; the lock hand-over orders their memory.
 *
 * <p>The commit does per entry only what needs the index: splice it into the body, finish the
 * hash (about 100 bytes), insert the row, and fold the leaf into the in-memory right edge of the
 * tree ({@link Tiles.Writer}); per batch it writes the one or two tiles that changed. The tree
 * state is reloaded from the store's partial tiles whenever the store's size differs from the
 * cached one (another process appended). The current root is a fold over at most 64 hashes.
 */
final class MerkleAuditLog implements AuditLog {

    private final Path home;
    private final Path dbFile;
    private final InstantSource clock;
    private final long checkpointEvery;
    private final long checkpointIntervalMs;
    private final boolean checkpointOnClose;
    private final Supplier<Redactor> redactorSupplier;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private final Condition arrived = lock.newCondition();
    private int lastBatch = 1;
    private boolean leaderGathering;
    private final ArrayDeque<Request> queue = new ArrayDeque<>();
    private boolean leaderActive;
    private boolean closed;

    // Owned by the current leader.
    private @Nullable LogStore store;
    private @Nullable LogKey key;
    private volatile @Nullable Redactor redactor;
    private final Tiles.Writer tree = new Tiles.Writer();
    private long appended;

    private final boolean backgroundWal;

    MerkleAuditLog(Path home, Path dbFile, InstantSource clock, long checkpointEvery, Duration checkpointInterval,
            boolean checkpointOnClose, @Nullable Redactor redactor) {
        this(home, dbFile, clock, checkpointEvery, checkpointInterval, checkpointOnClose, redactor, false);
    }

    MerkleAuditLog(Path home, Path dbFile, InstantSource clock, long checkpointEvery, Duration checkpointInterval,
            boolean checkpointOnClose, @Nullable Redactor redactor, boolean backgroundWal) {
        this.backgroundWal = backgroundWal;
        this.home = home;
        this.dbFile = dbFile;
        this.clock = clock;
        this.checkpointEvery = checkpointEvery;
        this.checkpointIntervalMs = checkpointInterval.toMillis();
        this.checkpointOnClose = checkpointOnClose;
        this.redactorSupplier = redactor != null ? () -> redactor : () -> Redactor.open(home);
        SqliteStore.warmUp();
    }

    private static final class Request {
        final EntryCodec.Encoded encoded;
        final LogStore.Columns columns;
        final Thread thread = Thread.currentThread();
        long index = -1;
        @Nullable RuntimeException error;
        volatile boolean done;
        volatile boolean lead;

        Request(EntryCodec.Encoded encoded, LogStore.Columns columns) {
            this.encoded = encoded;
            this.columns = columns;
        }
    }

    @Override
    public long append(AuditEntry entry) {
        Request r = prepare(entry);
        boolean leader = false;
        lock.lock();
        try {
            if (closed) {
                throw new WardenException(WardenException.Kind.UNAVAILABLE, "audit log is closed");
            }
            queue.add(r);
            if (!leaderActive) {
                leaderActive = true;
                leader = true;
            } else if (leaderGathering && queue.size() >= lastBatch) {
                arrived.signal();
            }
        } finally {
            lock.unlock();
        }
        if (!leader) {
            boolean interrupted = false;
            while (!r.done && !r.lead) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    interrupted = true; // the entry is in flight: wait for its outcome regardless
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            leader = !r.done;
        }
        if (leader) {
            lead();
        }
        if (r.error != null) {
            throw r.error;
        }
        return r.index;
    }

    private Request prepare(AuditEntry e) {
        Redactor red = redactor();
        AuditEntry clean = new AuditEntry(e.kind(), e.time(), red.redact(e.sessionId()),
                e.agentId() == null ? null : red.redact(e.agentId()),
                e.agentType() == null ? null : red.redact(e.agentType()),
                e.tool() == null ? null : red.redact(e.tool()),
                red.redactMap(e.data()));
        EntryCodec.Encoded enc = EntryCodec.halves(clean).encode();
        LogStore.Columns c = new LogStore.Columns(clean.time().toEpochMilli(), clean.kind(), clean.sessionId(),
                clean.agentId(), clean.agentType(), clean.tool(),
                clean.data().get("decision") instanceof String s ? s : null,
                clean.data().get("tool_use_id") instanceof String s ? s : null);
        return new Request(enc, c);
    }

    private Redactor redactor() {
        Redactor r = redactor;
        if (r == null) {
            synchronized (this) {
                r = redactor;
                if (r == null) {
                    r = redactorSupplier.get();
                    redactor = r;
                }
            }
        }
        return r;
    }

    /** Commits one batch (everything queued) as the leader, wakes its callers, and passes the lead on. */
    private void lead() {
        List<Request> batch;
        lock.lock();
        try {
            // Under concurrency (the last batch had several entries), let the writers that are
            // about to enqueue join this batch: a short wait costs less than the fsync it saves.
            // A lone writer (the hook) never waits.
            if (lastBatch > 1 && queue.size() < lastBatch) {
                leaderGathering = true;
                long left = GATHER_NANOS;
                while (queue.size() < lastBatch && left > 0) {
                    try {
                        left = arrived.awaitNanos(left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                leaderGathering = false;
            }
            batch = new ArrayList<>(queue);
            queue.clear();
            lastBatch = batch.size();

        } finally {
            lock.unlock();
        }
        try {
            commit(batch);
        } finally {
            Thread self = Thread.currentThread();
            for (Request r : batch) {
                if (r.index < 0 && r.error == null) {
                    r.error = new WardenException(WardenException.Kind.INTERNAL, "audit append did not complete");
                }
                r.done = true; // volatile write: publishes index and error
                if (r.thread != self) {
                    LockSupport.unpark(r.thread);
                }
            }
            stepDown();
        }
    }

    /** Longest a leader waits for more writers to join its batch. */
    static final long GATHER_NANOS = 1_000_000;

    private void commit(List<Request> batch) {
        try {
            LogStore s = store();
            s.inWriteTransaction(tx -> {
                long size = tx.size();
                if (size != tree.size()) {
                    loadTree(tx, size);
                }
                for (Request r : batch) {
                    r.encoded.finish(size);
                    byte[] leaf = r.encoded.leaf();
                    tx.putEntry(size, leaf, r.encoded.body(), r.columns);
                    tree.append(leaf);
                    r.index = size;
                    size++;
                }
                for (Tiles.Written t : tree.drain()) {
                    tx.putTile(t.level(), t.index(), t.hashes());
                }
                maybeCheckpoint(tx, size, false);
                return null;
            });
            appended += batch.size();
        } catch (RuntimeException e) {
            tree.invalidate(); // the transaction rolled back; the cached tree may be ahead of the store
            RuntimeException err = e instanceof WardenException ? e
                    : new WardenException(WardenException.Kind.INTERNAL, "audit append failed: " + e, e);
            for (Request r : batch) {
                r.index = -1;
                r.error = err;
            }
        }
    }

    private void loadTree(LogStore tx, long size) {
        long stored = tx.treeSize();
        if (stored != size) {
            throw new WardenException(WardenException.Kind.INTEGRITY, "audit log " + dbFile + " has " + size
                    + " entries but its stored tree covers " + stored + " (run 'warden audit verify')");
        }
        tree.load(tx::tile, size);
    }

    private LogStore store() {
        LogStore s = store;
        if (s == null) {
            s = SqliteStore.open(home, dbFile, true, backgroundWal);
            store = s;
        }
        return s;
    }

    private void maybeCheckpoint(LogStore tx, long size, boolean force) {
        if (size == 0) {
            return;
        }
        long now = clock.millis();
        Optional<LogStore.StoredCheckpoint> last = tx.lastCheckpoint();
        boolean due = last.isEmpty()
                || size - last.get().size() >= checkpointEvery
                || size > last.get().size() && (force || now - last.get().timeMs() >= checkpointIntervalMs);
        if (!due) {
            return;
        }
        LogKey k = key;
        if (k == null) {
            k = AuditKeys.signingKey(home);
            key = k;
        }
        Optional<String> origin = tx.meta("origin");
        if (origin.isEmpty()) {
            tx.putMeta("origin", k.name());
            tx.putMeta("vkey", k.vkey());
        } else if (!origin.get().equals(k.name())) {
            throw new WardenException(WardenException.Kind.INTEGRITY, "audit log " + dbFile + " belongs to " + origin.get()
                    + " but the signing key in " + AuditKeys.keysDir(home) + " is " + k.name());
        }
        Checkpoint cp = Checkpoint.sign(k, size, tree.root());
        tx.putCheckpoint(size, now, cp.text());
    }

    /** Signs a checkpoint at the current size if the last one is older (used by close and by readers). */
    void checkpointNow() {
        becomeLeader();
        try {
            LogStore s = store();
            s.inWriteTransaction(tx -> {
                long size = tx.size();
                if (size != tree.size()) {
                    loadTree(tx, size);
                }
                maybeCheckpoint(tx, size, true);
                return null;
            });
        } catch (RuntimeException e) {
            tree.invalidate();
            throw e;
        } finally {
            stepDown();
        }
    }

    private void becomeLeader() {
        lock.lock();
        try {
            while (leaderActive) {
                idle.awaitUninterruptibly();
            }
            leaderActive = true;
        } finally {
            lock.unlock();
        }
    }

    /** Passes the lead to the first queued caller, or leaves the log idle. */
    private void stepDown() {
        lock.lock();
        try {
            Request next = queue.peek();
            if (next != null) {
                next.lead = true;
                LockSupport.unpark(next.thread);
            } else {
                leaderActive = false;
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lock.unlock();
        }
        try {
            if (checkpointOnClose && appended > 0) {
                checkpointNow();
            }
        } finally {
            becomeLeader();
            LogStore s = store;
            store = null;
            if (s != null) {
                s.close();
            }
            stepDown();
        }
    }
}
