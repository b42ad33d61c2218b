package dev.warden.audit;

import dev.warden.call.WardenException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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
 * transaction, so indices stay gapless whoever wins. Opening is kept light for the hook: two
 * pragmas ride on the connection properties, one {@code PRAGMA user_version} read tells whether
 * the schema exists, and DDL runs only when it does not. The native library is extracted once to
 * {@code WARDEN_HOME/lib} instead of to /tmp on every start (see {@link #prepareNativeLibrary}).
 */
final class SqliteStore implements LogStore {

    static final int SCHEMA_VERSION = 1;
    static final int BUSY_TIMEOUT_MS = 15_000;

    private static final String[] DDL = {
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
        "CREATE TABLE entries (idx INTEGER PRIMARY KEY, leaf BLOB NOT NULL, body TEXT, time_ms INTEGER,"
                + " kind TEXT, session TEXT, agent_id TEXT, agent_type TEXT, tool TEXT, decision TEXT, tool_use_id TEXT)",
        "CREATE INDEX entries_session ON entries (session, idx)",
        "CREATE TABLE nodes (level INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL,"
                + " PRIMARY KEY (level, idx)) WITHOUT ROWID",
        "CREATE TABLE checkpoints (size INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL, note TEXT NOT NULL)",
        "CREATE TABLE pruned (start INTEGER PRIMARY KEY, end_idx INTEGER NOT NULL, entry INTEGER NOT NULL,"
                + " archive_sha256 TEXT NOT NULL, time_ms INTEGER NOT NULL)",
    };

    private static volatile boolean nativePrepared;

    private final Path file;
    private final Connection conn;
    private @Nullable PreparedStatement insertEntry;
    private @Nullable PreparedStatement insertNode;
    private @Nullable PreparedStatement selectLeaf;
    private @Nullable PreparedStatement selectNode;
    private boolean inTx;

    private SqliteStore(Path file, Connection conn) {
        this.file = file;
        this.conn = conn;
    }

    /** Opens (and, when {@code create}, creates) the log at {@code file}. */
    static SqliteStore open(Path home, Path file, boolean create) {
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
        if (version != 0) {
            throw new WardenException(WardenException.Kind.INTEGRITY,
                    file + " has schema version " + version + "; this Warden reads version " + SCHEMA_VERSION);
        }
        if (!create) {
            if (hasTables()) {
                throw new WardenException(WardenException.Kind.INTEGRITY, file + " is a SQLite database but not an audit log (unexpected schema)");
            }
            return; // empty: readers see an empty log
        }
        try (Statement st = conn.createStatement()) {
            st.execute("PRAGMA journal_mode=WAL");
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
                }
                st.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                st.execute("ROLLBACK");
                throw e;
            }
        }
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

    @Override
    public <T> T inWriteTransaction(Function<LogStore, T> work) {
        SQLException last = null;
        for (int attempt = 0; attempt < 4; attempt++) {
            try (Statement st = conn.createStatement()) {
                st.execute("BEGIN IMMEDIATE");
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
                try (Statement st = conn.createStatement()) {
                    st.execute("COMMIT");
                }
                committed = true;
                return result;
            } catch (SQLException e) {
                throw failure(file, "commit", e);
            } finally {
                inTx = false;
                if (!committed) {
                    try (Statement st = conn.createStatement()) {
                        st.execute("ROLLBACK");
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
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT max(idx) FROM entries")) {
            if (!rs.next()) {
                return 0;
            }
            long max = rs.getLong(1);
            return rs.wasNull() ? 0 : max + 1;
        } catch (SQLException e) {
            throw failure(file, "read", e);
        }
    }

    @Override
    public byte[] perfect(int level, long index) {
        try {
            PreparedStatement ps;
            if (level == 0) {
                if (selectLeaf == null) {
                    selectLeaf = conn.prepareStatement("SELECT leaf FROM entries WHERE idx = ?");
                }
                ps = selectLeaf;
                ps.setLong(1, index);
            } else {
                if (selectNode == null) {
                    selectNode = conn.prepareStatement("SELECT hash FROM nodes WHERE level = ? AND idx = ?");
                }
                ps = selectNode;
                ps.setInt(1, level);
                ps.setLong(2, index);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    byte[] h = rs.getBytes(1);
                    if (h != null && h.length == Merkle.HASH_BYTES) {
                        return h;
                    }
                }
            }
            throw new WardenException(WardenException.Kind.INTEGRITY, level == 0
                    ? "entry " + index + " is missing from the audit log"
                    : "tree node " + level + "/" + index + " (entries " + (index << level) + ".." + (((index + 1) << level) - 1) + ") is missing");
        } catch (SQLException e) {
            throw failure(file, "read", e);
        }
    }

    @Override
    public void putEntry(long index, byte[] leaf, String body, Columns c) {
        try {
            if (insertEntry == null) {
                insertEntry = conn.prepareStatement("INSERT INTO entries (idx, leaf, body, time_ms, kind, session, agent_id,"
                        + " agent_type, tool, decision, tool_use_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
            }
            PreparedStatement ps = insertEntry;
            ps.setLong(1, index);
            ps.setBytes(2, leaf);
            ps.setString(3, body);
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
    public void putNode(int level, long index, byte[] hash) {
        try {
            if (insertNode == null) {
                insertNode = conn.prepareStatement("INSERT OR REPLACE INTO nodes (level, idx, hash) VALUES (?,?,?)");
            }
            insertNode.setInt(1, level);
            insertNode.setLong(2, index);
            insertNode.setBytes(3, hash);
            insertNode.executeUpdate();
        } catch (SQLException e) {
            throw failure(file, "write", e);
        }
    }

    @Override
    public Optional<StoredCheckpoint> lastCheckpoint() {
        try (Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT size, time_ms, note FROM checkpoints ORDER BY size DESC LIMIT 1")) {
            return rs.next() ? Optional.of(new StoredCheckpoint(rs.getLong(1), rs.getLong(2), rs.getString(3))) : Optional.empty();
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
        if (!bodies) {
            scanHashes(from, visitor);
            return;
        }
        scanRows(from, Long.MAX_VALUE, bodies, visitor);
    }

    private static final int CHUNK = 8192;

    /**
     * Leaf hashes only, a chunk of 8192 per row: SQLite concatenates them in C, so the per-row cost
     * of JDBC is paid once per chunk rather than once per entry. A chunk with a gap in its indices
     * falls back to row-by-row reading so the visitor sees exactly what is stored.
     */
    private void scanHashes(long from, RowVisitor visitor) {
        long end = size();
        String sql = "SELECT count(*), min(idx), max(idx), group_concat(hex(leaf), '') FROM entries WHERE idx >= ? AND idx < ?";
        // No ORDER BY inside the aggregate: a rowid range scan yields index order, and a sort
        // would triple the cost. Were the order ever different, the recomputed roots would not
        // match the signed ones: a false alarm, never a false pass.
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (long start = from; start < end; start += CHUNK) {
                long stop = Math.min(end, start + CHUNK);
                ps.setLong(1, start);
                ps.setLong(2, stop);
                long count;
                long min;
                String hex;
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    count = rs.getLong(1);
                    min = rs.getLong(2);
                    hex = rs.getString(4);
                }
                if (count == stop - start && min == start && hex != null && hex.length() == count * 64) {
                    for (long i = 0; i < count; i++) {
                        byte[] leaf = java.util.HexFormat.of().parseHex(hex, (int) (i * 64), (int) (i * 64 + 64));
                        if (!visitor.visit(start + i, leaf, null)) {
                            return;
                        }
                    }
                } else if (count > 0) {
                    boolean[] go = {true};
                    scanRows(start, stop, false, (i, leaf, body) -> go[0] = visitor.visit(i, leaf, body));
                    if (!go[0]) {
                        return;
                    }
                }
            }
        } catch (SQLException e) {
            throw failure(file, "read", e);
        }
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
    public void scanNodes(int level, RowVisitor visitor) {
        try (PreparedStatement ps = conn.prepareStatement("SELECT idx, hash FROM nodes WHERE level = ? ORDER BY idx")) {
            ps.setInt(1, level);
            ps.setFetchSize(4096);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!visitor.visit(rs.getLong(1), rs.getBytes(2), null)) {
                        return;
                    }
                }
            }
        } catch (SQLException e) {
            throw failure(file, "read", e);
        }
    }

    @Override
    public List<Long> columnMismatches() {
        // One pass in SQLite's C code: the query columns must say what the hashed body says.
        String sql = "SELECT idx FROM entries WHERE body IS NOT NULL AND json_valid(body) AND ("
                + " kind IS NOT json_extract(body, '$.kind')"
                + " OR session IS NOT json_extract(body, '$.session')"
                + " OR agent_id IS NOT json_extract(body, '$.agent_id')"
                + " OR agent_type IS NOT json_extract(body, '$.agent_type')"
                + " OR tool IS NOT json_extract(body, '$.tool')"
                + " OR decision IS NOT (CASE WHEN json_type(body, '$.data.decision') = 'text' THEN json_extract(body, '$.data.decision') END)"
                + " OR tool_use_id IS NOT (CASE WHEN json_type(body, '$.data.tool_use_id') = 'text' THEN json_extract(body, '$.data.tool_use_id') END)"
                + " OR time_ms IS NULL OR abs(time_ms - unixepoch(json_extract(body, '$.time'), 'subsec') * 1000) > 1) ORDER BY idx";
        ArrayList<Long> out = new ArrayList<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getLong(1));
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
        try {
            conn.close();
        } catch (SQLException ignored) {
            // closing a connection that failed: nothing left to release
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

    /**
     * Points sqlite-jdbc at a copy of its native library kept in {@code WARDEN_HOME/lib}, extracted
     * once, instead of letting every process extract (and checksum) 1 MB into /tmp. Leaves things
     * alone when the caller already chose a library, and falls back to the driver's own extraction
     * whenever anything here fails.
     */
    static void prepareNativeLibrary(Path home) {
        if (nativePrepared || System.getProperty("org.sqlite.lib.path") != null
                || Boolean.getBoolean("warden.sqlite.extract")) {
            return;
        }
        nativePrepared = true;
        try {
            String resourceDir = org.sqlite.util.LibraryLoaderUtil.getNativeLibResourcePath();
            String name = org.sqlite.util.LibraryLoaderUtil.getNativeLibName();
            String version = org.sqlite.SQLiteJDBCLoader.getVersion();
            Path dir = home.resolve("lib").resolve("sqlite-" + version + resourceDir.replace('/', '-'));
            Path lib = dir.resolve(name);
            if (!Files.isRegularFile(lib)) {
                try (InputStream in = SqliteStore.class.getResourceAsStream(resourceDir + "/" + name)) {
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
        } catch (IOException | RuntimeException | LinkageError e) {
            // the driver extracts on its own
        }
    }
}
