package dev.warden.audit;

import dev.warden.call.WardenException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The append side of the Merkle log.
 *
 * <p>Design note: group commit without a writer thread. Callers redact and encode their entry on
 * their own thread, then queue it. If no commit is running, the caller becomes the leader: it
 * drains the whole queue, writes the batch in one store transaction (one fsync), completes every
 * request in it, and steps down; callers that arrived meanwhile wait and the first of them leads
 * the next batch. Under load (the server's many request threads) batches grow to the queue
 * length and the fsync cost is shared; for a lone caller (the hook, one process per tool call) it
 * is a plain synchronous commit with no thread to start. Exactly one leader touches the store
 * and the in-memory frontier at a time; the lock hand-over orders their memory.
 *
 * <p>The frontier (right edge of the tree: one perfect-subtree hash per set bit of the size) is
 * cached between batches and reloaded from the store in O(log n) reads whenever the store's size
 * differs from the cached one (another process appended). Each append therefore costs O(1)
 * amortised hashing plus the new perfect-subtree rows, and the current root is a fold over at most
 * 64 hashes.
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
    private final Condition changed = lock.newCondition();
    private final Condition arrived = lock.newCondition();
    private int lastBatch = 1;
    private boolean leaderGathering;
    private final ArrayDeque<Request> queue = new ArrayDeque<>();
    private boolean leaderActive;
    private boolean closed;

    // Owned by the current leader.
    private @Nullable LogStore store;
    private @Nullable LogKey key;
    private @Nullable Redactor redactor;
    private final MessageDigest md = Merkle.sha256();
    private long frontierSize = -1;
    private int[] levels = new int[64];
    private byte[][] hashes = new byte[64][];
    private int top;
    private long appended;

    MerkleAuditLog(Path home, Path dbFile, InstantSource clock, long checkpointEvery, Duration checkpointInterval,
            boolean checkpointOnClose, @Nullable Redactor redactor) {
        this.home = home;
        this.dbFile = dbFile;
        this.clock = clock;
        this.checkpointEvery = checkpointEvery;
        this.checkpointIntervalMs = checkpointInterval.toMillis();
        this.checkpointOnClose = checkpointOnClose;
        this.redactorSupplier = redactor != null ? () -> redactor : () -> Redactor.open(home);
    }

    private static final class Request {
        final EntryCodec.Halves halves;
        final LogStore.Columns columns;
        long index = -1;
        @Nullable RuntimeException error;
        boolean done;

        Request(EntryCodec.Halves halves, LogStore.Columns columns) {
            this.halves = halves;
            this.columns = columns;
        }
    }

    @Override
    public long append(AuditEntry entry) {
        Request r = prepare(entry);
        lock.lock();
        try {
            if (closed) {
                throw new WardenException(WardenException.Kind.UNAVAILABLE, "audit log is closed");
            }
            queue.add(r);
            if (leaderGathering && queue.size() >= lastBatch) {
                arrived.signal();
            }
            while (!r.done && leaderActive) {
                changed.awaitUninterruptibly();
            }
            if (!r.done) {
                leaderActive = true;
            }
        } finally {
            lock.unlock();
        }
        if (!r.done) {
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
        EntryCodec.Halves h = EntryCodec.halves(clean);
        LogStore.Columns c = new LogStore.Columns(clean.time().toEpochMilli(), clean.kind(), clean.sessionId(),
                clean.agentId(), clean.agentType(), clean.tool(),
                clean.data().get("decision") instanceof String s ? s : null,
                clean.data().get("tool_use_id") instanceof String s ? s : null);
        return new Request(h, c);
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

    /** Commits batches while this thread is the leader; steps down when the queue is empty. */
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
            lock.lock();
            try {
                for (Request r : batch) {
                    if (r.index < 0 && r.error == null) {
                        r.error = new WardenException(WardenException.Kind.INTERNAL, "audit append did not complete");
                    }
                    r.done = true;
                }
                leaderActive = false;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Longest a leader waits for more writers to join its batch. */
    static final long GATHER_NANOS = 1_000_000;

    private void commit(List<Request> batch) {
        try {
            LogStore s = store();
            s.inWriteTransaction(tx -> {
                long size = tx.size();
                if (size != frontierSize) {
                    loadFrontier(tx, size);
                }
                for (Request r : batch) {
                    String body = r.halves.body(size);
                    byte[] leaf = Merkle.leafHash(md, body.getBytes(StandardCharsets.UTF_8));
                    tx.putEntry(size, leaf, body, r.columns);
                    push(tx, leaf, size);
                    r.index = size;
                    size++;
                }
                frontierSize = size;
                maybeCheckpoint(tx, size, false);
                return null;
            });
            appended += batch.size();
        } catch (RuntimeException e) {
            frontierSize = -1; // the transaction rolled back; the cached frontier may be ahead of the store
            RuntimeException err = e instanceof WardenException ? e
                    : new WardenException(WardenException.Kind.INTERNAL, "audit append failed: " + e, e);
            for (Request r : batch) {
                r.index = -1;
                r.error = err;
            }
        }
    }

    private LogStore store() {
        LogStore s = store;
        if (s == null) {
            s = SqliteStore.open(home, dbFile, true);
            store = s;
        }
        return s;
    }

    private void loadFrontier(LogStore tx, long size) {
        top = 0;
        for (long[] shape : Merkle.frontierShape(size)) {
            levels[top] = (int) shape[0];
            hashes[top] = tx.perfect((int) shape[0], shape[1]);
            top++;
        }
        frontierSize = size;
    }

    /** Adds leaf {@code index} to the frontier, storing every perfect subtree it completes. */
    private void push(LogStore tx, byte[] leaf, long index) {
        levels[top] = 0;
        hashes[top] = leaf;
        top++;
        while (top >= 2 && levels[top - 1] == levels[top - 2]) {
            int level = levels[top - 1] + 1;
            byte[] h = Merkle.nodeHash(md, hashes[top - 2], hashes[top - 1]);
            top -= 2;
            levels[top] = level;
            hashes[top] = h;
            top++;
            tx.putNode(level, index >> level, h);
        }
    }

    private byte[] frontierRoot() {
        if (top == 0) {
            return Merkle.EMPTY_ROOT.clone();
        }
        byte[] r = hashes[top - 1];
        for (int i = top - 2; i >= 0; i--) {
            r = Merkle.nodeHash(md, hashes[i], r);
        }
        return r;
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
        Checkpoint cp = Checkpoint.sign(k, size, frontierRoot());
        tx.putCheckpoint(size, now, cp.text());
    }

    /** Signs a checkpoint at the current size if the last one is older (used by close and by readers). */
    void checkpointNow() {
        becomeLeader();
        try {
            LogStore s = store();
            s.inWriteTransaction(tx -> {
                long size = tx.size();
                if (size != frontierSize) {
                    loadFrontier(tx, size);
                }
                maybeCheckpoint(tx, size, true);
                return null;
            });
        } catch (RuntimeException e) {
            frontierSize = -1;
            throw e;
        } finally {
            stepDown();
        }
    }

    private void becomeLeader() {
        lock.lock();
        try {
            while (leaderActive) {
                changed.awaitUninterruptibly();
            }
            leaderActive = true;
        } finally {
            lock.unlock();
        }
    }

    private void stepDown() {
        lock.lock();
        try {
            leaderActive = false;
            changed.signalAll();
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
