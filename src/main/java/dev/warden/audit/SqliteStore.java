package dev.warden.audit;

import dev.warden.call.WardenException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The embedded store: one SQLite file ({@code WARDEN_HOME/audit.db}) in WAL mode with
 * {@code synchronous=FULL}, so a committed transaction has been fsynced before COMMIT returns.
 *
 * <p>Design note. Writers from several processes (one {@code warden hook} per tool call) and
 * threads meet in {@code BEGIN IMMEDIATE}: SQLite grants one write lock at a time, the others wait
 * in the busy handler ({@link #BUSY_TIMEOUT_MS}), and a writer reads the log size inside its
 * transaction, so indices stay gapless whoever wins. The tree is stored as tiles of 64 hashes
 * ({@link Tiles}); an entry row keeps its own copy of its leaf hash, which full verify checks
 * against the tile. Everything a writer runs per batch is a statement prepared once per
 * connection.
 *
 * <p>Opening is kept light for the hook, whose process opens, appends once and closes: two
 * pragmas ride on the connection properties, one {@code PRAGMA user_version} read tells whether
 * the schema exists, DDL runs only when it does not, and the native library is loaded from a
 * copy in {@code WARDEN_HOME/lib} found without the driver's platform probe (which starts a
 * {@code uname} process) or its scan of the temp directory (see {@link #prepareNativeLibrary}).
 */
final class SqliteStore implements LogStore {

    /** 2: tree in {@code tiles} (version 1 kept every internal node in {@code nodes}; migrated on open). */
    static final int SCHEMA_VERSION = 2;
    static final int BUSY_TIMEOUT_MS = 15_000;

    // A rowid table: a full tile (2 KiB) stays on one page; the key index holds one row per tile.
    private static final String TILES_DDL =
            "CREATE TABLE tiles (level INTEGER NOT NULL, idx INTEGER NOT NULL, hashes BLOB NOT NULL, PRIMARY KEY (level, idx))";

    private static final String[] DDL = {
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
        "CREATE TABLE entries (idx INTEGER PRIMARY KEY, leaf BLOB NOT NULL, body TEXT, time_ms INTEGER,"
                + " kind TEXT, session TEXT, agent_id TEXT, agent_type TEXT, tool TEXT, decision TEXT, tool_use_id TEXT)",
        "CREATE INDEX entries_session ON entries (session, idx)",
        TILES_DDL,
        "CREATE TABLE checkpoints (size INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL, note TEXT NOT NULL)",
        "CREATE TABLE pruned (start INTEGER PRIMARY KEY, end_idx INTEGER NOT NULL, entry INTEGER NOT NULL,"
                + " archive_sha256 TEXT NOT NULL, time_ms INTEGER NOT NULL)",
    };

    /** Full tiles never change: readers (proofs) keep the most recent few. */
    private static final int TILE_CACHE = 256;

    private static volatile boolean nativePrepared;

    private final Path file;
    private final Connection conn;
    private final MessageDigest md = Merkle.sha256();
    private final Map<Long, byte[]> fullTiles = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> e) {
            return size() > TILE_CACHE;
        }
    };
    private @Nullable PreparedStatement begin;
    private @Nullable PreparedStatement commit;
    private @Nullable PreparedStatement rollback;
    private @Nullable PreparedStatement selectSize;
    private @Nullable PreparedStatement selectLastCheckpoint;
    private @Nullable PreparedStatement insertEntry;
    private @Nullable PreparedStatement upsertTile;
    private @Nullable PreparedStatement selectTile;
    private boolean inTx;

    private SqliteStore(Path file, Connection conn) {
        this.file = file;
        this.conn = conn;
    }

    /** Opens (and, when {@code create}, creates) the log at {@code file}; a version 1 log is migrated. */
    static SqliteStore open(Path home, Path file, boolean create) {
        return open(home, file, create, false);
    }

    /**
     * Opens the log; with {@code backgroundWal}, WAL checkpoints (copying the WAL back into the
     * database file) run on a daemon thread with its own connection, never inside a commit.
     * Measured with 64 writers: the automatic checkpoint of 10,000 pages held a commit — and every
     * caller waiting on it — for about a second; in the background the longest wait was 60-140 ms.
     * Only long-lived writers ask for it: a hook process exits before a background thread would run.
     */
    static SqliteStore open(Path home, Path file, boolean create, boolean backgroundWal) {
        prepareNativeLibrary(home);
        if (!create && !Files.exists(file)) {
            throw new WardenException(WardenException.Kind.NOT_FOUND, "no audit log at " + file);
        }
        try {
            if (create) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Properties p = new Properties();
            p.setProperty("busy_timeout", Integer.toString(BUSY_TIMEOUT_MS));
            p.setProperty("synchronous", "FULL");
            // Otherwise the driver runs (and prepares) "SELECT last_insert_rowid()" after every
            // insert: 40% of the commit's time, for keys this store assigns itself.
            p.setProperty("jdbc.get_generated_keys", "false");
            if (create) {
                // Writers: a page cache that holds the hot right edge of the table and its session
                // index (32 MB at most; a hook process uses a few pages), and a WAL checkpoint every
                // 10,000 pages rather than 1,000, so a page rewritten by many batches is copied back
                // once. Measured with 64 writers under load 8-10: 13.1k -> 17.7k entries/s (medians
                // of 3). Durability is unchanged: synchronous=FULL syncs the WAL at every commit.
                p.setProperty("cache_size", "-32000");
                p.setProperty("wal_autocheckpoint", backgroundWal ? "0" : "10000");
            }
            Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file, p);
            if (c == null) {
                throw new WardenException(WardenException.Kind.INTERNAL, "sqlite driver refused " + file);
            }
            SqliteStore s = new SqliteStore(file, c);
            try {
                // Several first writers (hooks of parallel agents on a fresh install) may race to
                // create the schema; switching to WAL can report busy without waiting, so retry.
                for (int attempt = 0; ; attempt++) {
                    try {
                        s.checkSchema(create);
                        break;
                    } catch (SQLException e) {
                        if (!busy(e) || attempt >= 20) {
                            throw e;
                        }
                        Thread.sleep(10L + 10L * attempt);
                    }
                }
            } catch (RuntimeException | SQLException e) {
                s.close();
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                s.close();
                throw new WardenException(WardenException.Kind.UNAVAILABLE, "interrupted while opening " + file, e);
            }
            if (backgroundWal && create) {
                // Only now: a connection that first saw the file before it was switched to WAL
                // stays in rollback-journal mode and its checkpoints would do nothing.
                s.checkpointer = new WalCheckpointer(file);
            }
            return s;
        } catch (SQLException e) {
            throw failure(file, "open", e);
        } catch (IOException e) {
            throw new WardenException(WardenException.Kind.UNAVAILABLE, "cannot create " + file.getParent() + ": " + e.getMessage(), e);
        }
    }

    private void checkSchema(boolean create) throws SQLException {
        int version;
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            version = rs.next() ? rs.getInt(1) : 0;
        }
        if (version == SCHEMA_VERSION) {
            return;
        }
        if (version != 0 && version != 1) {
            throw new WardenException(WardenException.Kind.INTEGRITY,
                    file + " has schema version " + version + "; this Warden reads version " + SCHEMA_VERSION);
        }
        if (version == 0 && !create) {
            if (hasTables()) {
                throw new WardenException(WardenException.Kind.INTEGRITY, file + " is a SQLite database but not an audit log (unexpected schema)");
            }
            return; // empty: readers see an empty log
        }
        try (Statement st = conn.createStatement()) {
            if (version == 0) {
                st.execute("PRAGMA journal_mode=WAL");
            }
            st.execute("BEGIN IMMEDIATE");
            try {
                int again;
                try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                    again = rs.next() ? rs.getInt(1) : 0;
                }
                if (again == 0) { // another process may have created it while we waited
                    // Checked under the write lock: a concurrent first writer may have committed the
                    // schema between our unlocked version read and this point.
                    if (hasTables()) {
                        throw new WardenException(WardenException.Kind.INTEGRITY,
                                file + " is a SQLite database but not an audit log (unexpected schema)");
                    }
                    for (String ddl : DDL) {
                        st.execute(ddl);
                    }
                    st.execute("PRAGMA user_version=" + SCHEMA_VERSION);
                } else if (again == 1) {
                    migrateFromVersion1(st);
                }
                st.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                st.execute("ROLLBACK");
                throw e;
            }
        }
    }

    /**
     * Version 1 kept every internal node in a {@code nodes} table; version 2 keeps tiles. The tiles
     * are rebuilt from the entries' leaf hashes (which verify checks against the bodies and the
     * signed checkpoints as before), then the nodes go. One pass, inside the caller's transaction.
     */
    private void migrateFromVersion1(Statement st) throws SQLException {
        st.execute(TILES_DDL);
        Tiles.Writer w = new Tiles.Writer();
        w.load((level, index) -> null, 0);
        long expected = 0;
        try (PreparedStatement ps = conn.prepareStatement("SELECT idx, leaf FROM entries ORDER BY idx")) {
            ps.setFetchSize(4096);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long idx = rs.getLong(1);
                    byte[] leaf = rs.getBytes(2);
                    if (idx != expected || leaf == null || leaf.length != Merkle.HASH_BYTES) {
                        throw new WardenException(WardenException.Kind.INTEGRITY, "cannot upgrade the audit log " + file
                                + ": entry " + expected + (idx != expected ? " is missing" : " has a malformed hash"));
                    }
                    w.append(leaf);
                    expected++;
                    if ((expected & 0xFFFF) == 0) {
                        for (Tiles.Written t : w.drain()) {
                            putTile(t.level(), t.index(), t.hashes());
                        }
                    }
                }
            }
        }
        for (Tiles.Written t : w.drain()) {
            putTile(t.level(), t.index(), t.hashes());
        }
        st.execute("DROP TABLE IF EXISTS nodes");
        st.execute("PRAGMA user_version=" + SCHEMA_VERSION);
    }

    private boolean hasTables() throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master")) {
            return rs.next() && rs.getInt(1) > 0;
        }
    }

    @Override
    public boolean exists() {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() && rs.getInt(1) == SCHEMA_VERSION;
        } catch (SQLException e) {
            throw failure(file, "read", e);
        }
    }

    private PreparedStatement prepared(@Nullable PreparedStatement ps, String sql) throws SQLException {
        return ps != null ? ps : conn.prepareStatement(sql);
    }

    @Override
    public <T> T inWriteTransaction(Function<LogStore, T> work) {
        SQLException last = null;
        for (int attempt = 0; attempt < 4; attempt++) {
            try {
                begin = prepared(begin, "BEGIN IMMEDIATE");
                begin.executeUpdate();
            } catch (SQLException e) {
                if (busy(e)) {
                    last = e;
                    continue;
                }
                throw failure(file, "lock", e);
            }
            inTx = true;
            boolean committed = false;
            try {
                T result = work.apply(this);
                commit = prepared(commit, "COMMIT");
                commit.executeUpdate();
                committed = true;
                return result;
            } catch (SQLException e) {
                throw failure(file, "commit", e);
            } finally {
                inTx = false;
                if (!committed) {
                    try {
                        rollback = prepared(rollback, "ROLLBACK");
                        rollback.executeUpdate();
                    } catch (SQLException ignored) {
                        // the transaction is gone already (e.g. the commit itself failed)
                    }
                }
            }
        }
        throw new WardenException(WardenException.Kind.UNAVAILABLE,
                "audit log " + file + " stayed locked by another writer for " + (4 * BUSY_TIMEOUT_MS / 1000) + " s", last);
    }

    @Override
    public long size() {
        try {
            selectSize = prepared(selectSize, "SELECT max(idx) FROM entries");
            try (ResultSet rs = selectSize.executeQuery()) {
                if (!rs.next()) {
                    return 0;
                }
                long max = rs.getLong(1);
                return rs.wasNull() ? 0 : max + 1;
            }
        } catch (SQLException e) {
            throw failure(file, "read", e);
        }
    }

    @Override
    public byte[] perfect(int level, long index) {
        return Tiles.perfect(this::tile, md, level, index);
    }

    @Override
    public byte @Nullable [] tile(int level, long index) {
        long key = ((long) level << 56) | index;
        byte[] cached = fullTiles.get(key);
        if (cached != null) {
            return cached;
        }
        try {
            selectTile = prepared(selectTile, "SELECT hashes FROM tiles WHERE level = ? AND idx = ?");
            selectTile.setInt(1, level);
            selectTile.setLong(2, index);
            try (ResultSet rs = selectTile.executeQuery()) {
                byte[] t = rs.next() ? rs.getBytes(1) : null;
                if (t != null && t.length == Tiles.BYTES && !inTx) {
                    fullTiles.put(key, t);
                }
                return t;
            }
        } catch (SQLException e) {
            throw failure(file, "read", e);
        }
    }

    @Override
    public void putTile(int level, long index, byte[] hashes) {
        try {
            upsertTile = prepared(upsertTile, "INSERT INTO tiles (level, idx, hashes) VALUES (?,?,?)"
                    + " ON CONFLICT (level, idx) DO UPDATE SET hashes = excluded.hashes");
            upsertTile.setInt(1, level);
            upsertTile.setLong(2, index);
            upsertTile.setBytes(3, hashes);
            upsertTile.executeUpdate();
        } catch (SQLException e) {
            throw failure(file, "write", e);
        }
    }

    @Override
    public void scanTiles(int level, TileVisitor visitor) {
        try (PreparedStatement ps = conn.prepareStatement("SELECT idx, hashes FROM tiles WHERE level = ? ORDER BY idx")) {
            ps.setInt(1, level);
            ps.setFetchSize(1024);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byte[] h = rs.getBytes(2);
                    if (!visitor.visit(rs.getLong(1), h == null ? new byte[0] : h)) {
                        return;
                    }
                }
            }
        } catch (SQLException e) {
            throw failure(file, "read", e);
        }
    }

    @Override
    public long treeSize() {
        try (Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT idx, length(hashes) FROM tiles WHERE level = 0 ORDER BY idx DESC LIMIT 1")) {
            return rs.next() ? rs.getLong(1) * Tiles.WIDTH + rs.getLong(2) / Merkle.HASH_BYTES : 0;
        } catch (SQLException e) {
            throw failure(file, "read", e);
        }
    }

    @Override
    public void putEntry(long index, byte[] leaf, byte[] body, Columns c) {
        try {
            // The body goes in as bytes and is stored as TEXT (its UTF-8 is exactly what was hashed):
            // no String round trip on the commit path.
            insertEntry = prepared(insertEntry, "INSERT INTO entries (idx, leaf, body, time_ms, kind, session, agent_id,"
                    + " agent_type, tool, decision, tool_use_id) VALUES (?,?,CAST(? AS TEXT),?,?,?,?,?,?,?,?)");
            PreparedStatement ps = insertEntry;
            ps.setLong(1, index);
            ps.setBytes(2, leaf);
            ps.setBytes(3, body);
            ps.setLong(4, c.timeMs());
            ps.setString(5, c.kind());
            ps.setString(6, c.session());
            ps.setString(7, c.agentId());
            ps.setString(8, c.agentType());
            ps.setString(9, c.tool());
            ps.setString(10, c.decision());
            ps.setString(11, c.toolUseId());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(file, "write", e);
        }
    }

    @Override
    public Optional<StoredCheckpoint> lastCheckpoint() {
        try {
            selectLastCheckpoint = prepared(selectLastCheckpoint, "SELECT size, time_ms, note FROM checkpoints ORDER BY size DESC LIMIT 1");
            try (ResultSet rs = selectLastCheckpoint.executeQuery()) {
                return rs.next() ? Optional.of(new StoredCheckpoint(rs.getLong(1), rs.getLong(2), rs.getString(3))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure(file, "read", e);
        }
    }

    @Override
    public List<StoredCheckpoint> checkpoints() {
        ArrayList<StoredCheckpoint> out = new ArrayList<>();
        try (Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT size, time_ms, note FROM checkpoints ORDER BY size")) {
            while (rs.next()) {
                out.add(new StoredCheckpoint(rs.getLong(1), rs.getLong(2), rs.getString(3)));
            }
            return out;
        } catch (SQLException e) {
            throw failure(file, "read", e);
        }
    }

    @Override
    public void putCheckpoint(long size, long timeMs, String note) {
        try (PreparedStatement ps = conn.prepareStatement("INSERT OR IGNORE INTO checkpoints (size, time_ms, note) VALUES (?,?,?)")) {
            ps.setLong(1, size);
            ps.setLong(2, timeMs);
            ps.setString(3, note);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(file, "write", e);
        }
    }

    @Override
    public Optional<String> meta(String key) {
        try (PreparedStatement ps = conn.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure(file, "read", e);
        }
    }

    @Override
    public void putMeta(String key, String value) {
        try (PreparedStatement ps = conn.prepareStatement("INSERT OR REPLACE INTO meta (key, value) VALUES (?,?)")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(file, "write", e);
        }
    }

    @Override
    public void scan(long from, boolean bodies, RowVisitor visitor) {
        scanRows(from, Long.MAX_VALUE, bodies, visitor);
    }

    private void scanRows(long from, long to, boolean bodies, RowVisitor visitor) {
        String sql = bodies ? "SELECT idx, leaf, body FROM entries WHERE idx >= ? AND idx < ? ORDER BY idx"
                : "SELECT idx, leaf FROM entries WHERE idx >= ? AND idx < ? ORDER BY idx";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setFetchSize(4096);
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // getBytes on a TEXT column returns its stored UTF-8 bytes: exactly what was hashed
                    if (!visitor.visit(rs.getLong(1), rs.getBytes(2), bodies ? rs.getBytes(3) : null)) {
                        return;
                    }
                }
            }
        } catch (SQLException e) {
            throw failure(file, "read", e);
        }
    }

    @Override
    public void query(AuditQuery q, RowVisitor visitor) {
        StringBuilder sql = new StringBuilder("SELECT idx, leaf, body FROM entries WHERE body IS NOT NULL");
        ArrayList<Object> args = new ArrayList<>();
        if (q.session() != null) {
            if (q.session().length() >= 8) {
                sql.append(" AND session >= ? AND session < ?");
                args.add(q.session());
                args.add(q.session() + "\uffff");
            } else {
                sql.append(" AND session = ?");
                args.add(q.session());
            }
        }
        if (q.agent() != null) {
            if (q.agent().equals("main")) {
                sql.append(" AND agent_id IS NULL AND agent_type IS NULL");
            } else {
                sql.append(" AND (agent_id = ? OR agent_type = ?)");
                args.add(q.agent());
                args.add(q.agent());
            }
        }
        if (q.tool() != null) {
            sql.append(" AND tool = ?");
            args.add(q.tool());
        }
        if (q.decision() != null) {
            sql.append(" AND decision = ?");
            args.add(q.decision().toLowerCase(java.util.Locale.ROOT));
        }
        if (q.kind() != null) {
            if (q.kind().endsWith(".")) {
                sql.append(" AND kind >= ? AND kind < ?");
                args.add(q.kind());
                args.add(q.kind() + "\uffff");
            } else {
                sql.append(" AND kind = ?");
                args.add(q.kind());
            }
        }
        if (q.since() != null) {
            sql.append(" AND time_ms >= ?");
            args.add(q.since().toEpochMilli());
        }
        if (q.until() != null) {
            sql.append(" AND time_ms <= ?"); // ms granularity; the record filter is exact
            args.add(q.until().toEpochMilli());
        }
        if (q.text() != null) {
            sql.append(" AND instr(body, ?) > 0");
            args.add(q.text());
        }
        if (q.rule() != null) {
            sql.append(" AND instr(body, ?) > 0");
            args.add(q.rule());
        }
        sql.append(q.newestFirst() ? " ORDER BY idx DESC" : " ORDER BY idx");
        try (PreparedStatement ps = conn.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            ps.setFetchSize(1024);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!visitor.visit(rs.getLong(1), rs.getBytes(2), rs.getBytes(3))) {
                        return;
                    }
                }
            }
        } catch (SQLException e) {
            throw failure(file, "read", e);
        }
    }

    @Override
    public void scanForVerify(VerifyVisitor visitor) {
        // One pass: SQLite checks the query columns against the body (in C, faster than parsing
        // each body again in Java: measured 10-14 against 13-24 us of CPU per entry) while Java
        // reads the row.
        String sql = "SELECT idx, leaf, body, CASE WHEN body IS NOT NULL AND json_valid(body) AND ("
                + " kind IS NOT json_extract(body, '$.kind')"
                + " OR session IS NOT json_extract(body, '$.session')"
                + " OR agent_id IS NOT json_extract(body, '$.agent_id')"
                + " OR agent_type IS NOT json_extract(body, '$.agent_type')"
                + " OR tool IS NOT json_extract(body, '$.tool')"
                + " OR decision IS NOT (CASE WHEN json_type(body, '$.data.decision') = 'text' THEN json_extract(body, '$.data.decision') END)"
                + " OR tool_use_id IS NOT (CASE WHEN json_type(body, '$.data.tool_use_id') = 'text' THEN json_extract(body, '$.data.tool_use_id') END)"
                + " OR time_ms IS NULL OR abs(time_ms - unixepoch(json_extract(body, '$.time'), 'subsec') * 1000) > 1)"
                + " THEN 1 ELSE 0 END FROM entries ORDER BY idx";
        try (Statement st = conn.createStatement()) {
            st.setFetchSize(4096);
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    // getBytes on a TEXT column returns its stored UTF-8 bytes: exactly what was hashed
                    if (!visitor.visit(rs.getLong(1), rs.getBytes(2), rs.getBytes(3), rs.getInt(4) != 0)) {
                        return;
                    }
                }
            }
        } catch (SQLException e) {
            throw failure(file, "read", e);
        }
    }

    @Override
    public long[] entryStats() {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*), min(idx), max(idx) FROM entries")) {
            rs.next();
            long n = rs.getLong(1);
            return n == 0 ? new long[] {0, -1, -1} : new long[] {n, rs.getLong(2), rs.getLong(3)};
        } catch (SQLException e) {
            throw failure(file, "read", e);
        }
    }

    @Override
    public List<long[]> entryGaps() {
        // Only run when the count says something is missing: a scan with an index probe per row.
        String sql = "SELECT e.idx + 1, (SELECT min(n.idx) FROM entries n WHERE n.idx > e.idx) FROM entries e"
                + " WHERE NOT EXISTS (SELECT 1 FROM entries x WHERE x.idx = e.idx + 1) AND e.idx < (SELECT max(idx) FROM entries)"
                + " UNION ALL SELECT 0, min(idx) FROM entries HAVING min(idx) > 0 ORDER BY 1";
        ArrayList<long[]> out = new ArrayList<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new long[] {rs.getLong(1), rs.getLong(2)});
            }
            return out;
        } catch (SQLException e) {
            throw failure(file, "read", e);
        }
    }

    @Override
    public List<Pruned> pruned() {
        ArrayList<Pruned> out = new ArrayList<>();
        try (Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT start, end_idx, entry, archive_sha256 FROM pruned ORDER BY start")) {
            while (rs.next()) {
                out.add(new Pruned(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4)));
            }
            return out;
        } catch (SQLException e) {
            throw failure(file, "read", e);
        }
    }

    @Override
    public void prune(long start, long end, long entry, String archiveSha256, long timeMs) {
        try (PreparedStatement clear = conn.prepareStatement("UPDATE entries SET body = NULL, time_ms = NULL, kind = NULL,"
                        + " session = NULL, agent_id = NULL, agent_type = NULL, tool = NULL, decision = NULL, tool_use_id = NULL"
                        + " WHERE idx >= ? AND idx < ?");
                PreparedStatement rec = conn.prepareStatement(
                        "INSERT INTO pruned (start, end_idx, entry, archive_sha256, time_ms) VALUES (?,?,?,?,?)")) {
            clear.setLong(1, start);
            clear.setLong(2, end);
            clear.executeUpdate();
            rec.setLong(1, start);
            rec.setLong(2, end);
            rec.setLong(3, entry);
            rec.setString(4, archiveSha256);
            rec.setLong(5, timeMs);
            rec.executeUpdate();
        } catch (SQLException e) {
            throw failure(file, "prune", e);
        }
    }

    @Override
    public void close() {
        if (checkpointer != null) {
            checkpointer.stop();
        }
        try {
            conn.close(); // closes its statements too
        } catch (SQLException ignored) {
            // closing a connection that failed: nothing left to release
        }
    }

    private @Nullable WalCheckpointer checkpointer;

    /** Copies the WAL back into the database file twice a second, without blocking writers (PASSIVE). */
    private static final class WalCheckpointer {
        private final Thread thread;
        private volatile boolean running = true;

        WalCheckpointer(Path file) {
            thread = Thread.ofPlatform().daemon().name("warden-audit-wal").unstarted(() -> run(file));
            thread.start();
        }

        private void run(Path file) {
            Properties p = new Properties();
            p.setProperty("busy_timeout", "1000");
            try (Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file, p);
                    Statement st = c.createStatement()) {
                while (running) {
                    try (ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                        rs.next();
                    } catch (SQLException e) {
                        // busy or transient: the next round tries again; the WAL only grows meanwhile
                    }
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                st.execute("PRAGMA wal_checkpoint(PASSIVE)");
            } catch (SQLException | RuntimeException e) {
                // no background checkpoints: the WAL grows until the next writer that checkpoints
            }
        }

        void stop() {
            running = false;
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean busy(SQLException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("SQLITE_BUSY") || m.contains("database is locked");
    }

    /** Maps a SQLite failure to a WardenException that names the problem. */
    static WardenException failure(Path file, String what, SQLException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("SQLITE_NOTADB") || m.contains("not a database")) {
            return new WardenException(WardenException.Kind.INTEGRITY, file + " is not a SQLite database (corrupted or foreign file)", e);
        }
        if (m.contains("SQLITE_CORRUPT") || m.contains("malformed")) {
            return new WardenException(WardenException.Kind.INTEGRITY, "audit database " + file + " is corrupted (" + firstLine(m) + ")", e);
        }
        if (m.contains("no such table") || m.contains("no such column")) {
            return new WardenException(WardenException.Kind.INTEGRITY, file + " does not have the audit log schema (" + firstLine(m) + ")", e);
        }
        if (busy(e)) {
            return new WardenException(WardenException.Kind.UNAVAILABLE, "audit log " + file + " is locked by another process", e);
        }
        if (m.contains("SQLITE_CONSTRAINT")) {
            return new WardenException(WardenException.Kind.CONFLICT, "audit log " + file + ": " + firstLine(m), e);
        }
        return new WardenException(WardenException.Kind.UNAVAILABLE, "cannot " + what + " audit log " + file + ": " + firstLine(m), e);
    }

    private static String firstLine(String m) {
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static final java.util.concurrent.atomic.AtomicBoolean WARMING = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Starts, on a daemon thread, the part of a process's first open that touches no file: the
     * driver's classes (and SLF4J's binding), its version lookup (a class-path resource scan),
     * its configuration machinery (sqlite-jdbc builds date formats on every connection: the
     * JDK's calendar and locale data, tens of milliseconds cold), and the SHA-256 provider. A
     * hook process opens its log before it decides, so this runs on the second core while the
     * engine works; the first append finds it done, or waits for what is still running (class
     * initialisation is locked). Extracting and loading the native library stay with the opening
     * thread, right before it connects, so a library is never half-prepared in a home that goes
     * away. Any failure here is left for the real open to report.
     */
    static void warmUp() {
        if (!WARMING.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                bindSlf4jOnce();
                Class.forName("org.sqlite.JDBC");
                org.sqlite.SQLiteJDBCLoader.getVersion();
                new org.sqlite.SQLiteConfig(new Properties());
                Merkle.sha256();
            } catch (Exception | LinkageError e) {
                // the open that needs it will fail with a message of its own
            }
        }, "warden-audit-warm-up");
        t.setDaemon(true);
        t.start();
    }

    private static boolean slf4jBound;

    private static synchronized void bindSlf4jOnce() {
        if (!slf4jBound) {
            slf4jBound = true;
            bindSlf4j();
        }
    }

    /**
     * sqlite-jdbc logs through SLF4J whenever SLF4J is on the class path, and SLF4J's first use
     * looks for providers with a ServiceLoader, which opens every jar on the class path (Warden
     * has ~90: 40-60 ms of a hook process, measured with strace and phase timers). Warden ships
     * the no-op provider; when it is there and nobody chose a provider, bind it by name, quietly
     * (the properties are restored right after). Anything unexpected leaves SLF4J to bind on its
     * own, as before.
     */
    private static void bindSlf4j() {
        if (System.getProperty("slf4j.provider") != null) {
            return;
        }
        try {
            ClassLoader cl = SqliteStore.class.getClassLoader();
            Class.forName("org.slf4j.nop.NOPServiceProvider", false, cl);
            Class<?> factory = Class.forName("org.slf4j.LoggerFactory", false, cl);
            String verbosity = System.getProperty("slf4j.internal.verbosity");
            System.setProperty("slf4j.provider", "org.slf4j.nop.NOPServiceProvider");
            if (verbosity == null) {
                System.setProperty("slf4j.internal.verbosity", "WARN"); // no "Attempting to load provider" line on stderr
            }
            try {
                factory.getMethod("getILoggerFactory").invoke(null);
            } finally {
                System.clearProperty("slf4j.provider");
                if (verbosity == null) {
                    System.clearProperty("slf4j.internal.verbosity");
                }
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // no SLF4J, or not the no-op provider: it binds on first use as usual
        }
    }

    /**
     * Points sqlite-jdbc at a copy of its native library kept in {@code WARDEN_HOME/lib}, extracted
     * once, instead of letting every process extract (and compare) 1 MB into /tmp. The copy's
     * folder is named after the driver jar (file name, size, time) and the JVM's os.name/os.arch,
     * so finding it costs one stat and no call into the driver's platform probe ({@code OSInfo}
     * starts a {@code uname} process: tens of milliseconds per hook); the probe runs only the first
     * time, to pick the library to extract. {@code org.sqlite.tmpdir} is pointed at the same folder
     * so the driver's clean-up of stale copies lists a folder of one file rather than /tmp.
     * Leaves things alone when the caller already chose a library, and falls back to the driver's
     * own extraction whenever anything here fails.
     */
    static synchronized void prepareNativeLibrary(Path home) {
        if (nativePrepared) {
            return;
        }
        nativePrepared = true;
        bindSlf4jOnce();
        if (System.getProperty("org.sqlite.lib.path") != null || Boolean.getBoolean("warden.sqlite.extract")) {
            return;
        }
        try {
            Path jar = Path.of(org.sqlite.JDBC.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            BasicFileAttributes a = Files.readAttributes(jar, BasicFileAttributes.class);
            if (!a.isRegularFile()) {
                return; // classes from a directory: let the driver do its usual thing
            }
            String name = System.mapLibraryName("sqlitejdbc");
            String key = jar.getFileName() + "-" + Long.toHexString(a.size()) + "-" + Long.toHexString(a.lastModifiedTime().toMillis())
                    + "-" + System.getProperty("os.name") + "-" + System.getProperty("os.arch");
            StringBuilder folder = new StringBuilder(key.length());
            for (int i = 0; i < key.length(); i++) {
                char c = key.charAt(i);
                folder.append(c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_') ? c : '_');
            }
            Path dir = home.resolve("lib").resolve(folder.toString());
            Path lib = dir.resolve(name);
            if (!Files.isRegularFile(lib)) {
                String resourceDir = org.sqlite.util.LibraryLoaderUtil.getNativeLibResourcePath();
                try (InputStream in = org.sqlite.JDBC.class.getResourceAsStream(resourceDir + "/" + name)) {
                    if (in == null) {
                        return;
                    }
                    Files.createDirectories(dir);
                    Path tmp = Files.createTempFile(dir, ".lib-", ".tmp");
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            System.setProperty("org.sqlite.lib.path", dir.toString());
            System.setProperty("org.sqlite.lib.name", name);
            if (System.getProperty("org.sqlite.tmpdir") == null) {
                System.setProperty("org.sqlite.tmpdir", dir.toString());
            }
        } catch (IOException | RuntimeException | LinkageError | java.net.URISyntaxException e) {
            // the driver extracts on its own
        }
    }
}
