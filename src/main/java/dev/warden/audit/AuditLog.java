package dev.warden.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The append-only audit log. Implementations redact secrets before anything is stored, and
 * {@link #append} returns only once the entry is durable.
 *
 * <p>Thread-safe: concurrent appends are group-committed (one fsync per batch). Several processes
 * may append to the same log at once; indices stay gapless. Opening is lazy: the log's file is
 * not touched before the first append. Opening does start, on a daemon thread, the process's
 * one-time initialisation of the SQLite driver (its classes and configuration machinery; no
 * file), so that a hook process, which opens its log before it decides, has it ready when it
 * appends.
 *
 * <pre>{@code
 * try (AuditLog log = AuditLog.open(home, InstantSource.system())) {
 *     long index = log.append(AuditEvents.toolDecision(call, decision, ...));
 * }
 * }</pre>
 */
public interface AuditLog extends AutoCloseable {

    /**
     * Redacts and appends one entry; returns once it is durable.
     *
     * @return the entry's index in the log (0-based)
     * @throws dev.warden.call.WardenException when the entry could not be recorded (the caller
     *         must then fail closed)
     */
    long append(AuditEntry entry);

    /** Finishes pending appends, writes a checkpoint when configured, and releases the store. */
    @Override
    void close();

    /** The log at {@code WARDEN_HOME/audit.db} with default settings. */
    static AuditLog open(Path wardenHome, InstantSource clock) {
        return builder(wardenHome).clock(clock).open();
    }

    /** A builder for a log in {@code wardenHome}. */
    static Builder builder(Path wardenHome) {
        return new Builder(wardenHome);
    }

    /** Settings of a log; every one has a default. */
    final class Builder {
        private final Path home;
        private @Nullable Path database;
        private InstantSource clock = InstantSource.system();
        private long checkpointEvery = 1000;
        private Duration checkpointInterval = Duration.ofSeconds(60);
        private boolean checkpointOnClose = true;
        private @Nullable Redactor redactor;
        private boolean backgroundWal;

        Builder(Path home) {
            this.home = Objects.requireNonNull(home, "home");
        }

        /** The clock for checkpoint times (entry times come from the entries). */
        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** The database file (default {@code WARDEN_HOME/audit.db}). */
        public Builder database(Path file) {
            this.database = file;
            return this;
        }

        /** Sign a checkpoint at least every {@code n} entries (default 1000). */
        public Builder checkpointEvery(long n) {
            if (n < 1) {
                throw new IllegalArgumentException("checkpointEvery must be >= 1");
            }
            this.checkpointEvery = n;
            return this;
        }

        /** Sign a checkpoint when the last is older than this and entries were added (default 60 s). */
        public Builder checkpointInterval(Duration d) {
            this.checkpointInterval = Objects.requireNonNull(d);
            return this;
        }

        /** Sign a checkpoint on close when this log appended anything not yet covered (default true). */
        public Builder checkpointOnClose(boolean on) {
            this.checkpointOnClose = on;
            return this;
        }

        /** The redactor (default: {@link Redactor#open} on the same home). */
        public Builder redactor(Redactor r) {
            this.redactor = r;
            return this;
        }

        /** Opens the log (lazily: the store is opened on the first append). */
        /**
         * For long-lived writers (the server): copy the write-ahead log back into the database on a
         * background connection instead of inside a commit, so no append waits for it. Short-lived
         * writers (hook processes) keep SQLite's automatic checkpoints. Default off.
         */
        public Builder backgroundWalCheckpoints(boolean on) {
            this.backgroundWal = on;
            return this;
        }

        public AuditLog open() {
            Path db = database != null ? database : AuditTrail.databaseFile(home);
            return new MerkleAuditLog(home, db, clock, checkpointEvery, checkpointInterval, checkpointOnClose, redactor,
                    backgroundWal);
        }
    }
}
