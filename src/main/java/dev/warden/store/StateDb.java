package dev.warden.store;

import dev.warden.approval.ApprovalRequest;
import dev.warden.approval.ApprovalRequest.Status;
import dev.warden.approval.ApprovalRequest.Vote;
import dev.warden.approval.Principal;
import dev.warden.approval.Role;
import dev.warden.call.ToolCall;
import dev.warden.call.WardenException;
import dev.warden.harness.Json;
import dev.warden.policy.Approval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The control plane's durable state in {@code WARDEN_HOME/state.db}.
 *
 * <p>Design note. One connection behind one lock: every method is one transaction, so a request
 * either happens whole or not at all, and two approvers racing for the same request are
 * serialised here — the conditional updates ({@code WHERE status = 'pending'}) decide who wins.
 * Writes are rare next to decisions (a request, a vote, a quarantine), so a single writer is
 * not the bottleneck; the hot decision path never touches this database. WAL with
 * {@code synchronous=FULL}: a recorded approval survives a power cut. Several processes may
 * open the same file (the server and a local {@code warden token create}); SQLite's busy timeout
 * serialises them.
 */
public final class StateDb implements AutoCloseable {

    /** The database file inside WARDEN_HOME. */
    public static final String FILE = "state.db";

    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS tokens(
              id TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, role TEXT NOT NULL, name TEXT NOT NULL,
              team TEXT, created_ms INTEGER NOT NULL, revoked_ms INTEGER);
            CREATE TABLE IF NOT EXISTS approvals(
              id TEXT PRIMARY KEY, digest TEXT NOT NULL, session TEXT NOT NULL, agent_id TEXT, agent_type TEXT,
              tool TEXT NOT NULL, input TEXT NOT NULL, cwd TEXT NOT NULL, tool_use_id TEXT, profile TEXT NOT NULL,
              rules TEXT NOT NULL, reasons TEXT NOT NULL, findings TEXT NOT NULL, requester TEXT NOT NULL, team TEXT,
              gate TEXT NOT NULL, status TEXT NOT NULL, created_ms INTEGER NOT NULL, expires_ms INTEGER NOT NULL,
              decided_ms INTEGER, decided_by TEXT, decision_reason TEXT, used_ms INTEGER);
            CREATE INDEX IF NOT EXISTS approvals_digest ON approvals(digest, status);
            CREATE INDEX IF NOT EXISTS approvals_status ON approvals(status, created_ms);
            CREATE TABLE IF NOT EXISTS votes(
              approval_id TEXT NOT NULL, approver TEXT NOT NULL, role TEXT NOT NULL, reason TEXT,
              created_ms INTEGER NOT NULL, PRIMARY KEY(approval_id, approver));
            CREATE TABLE IF NOT EXISTS grants(
              id INTEGER PRIMARY KEY AUTOINCREMENT, approval_id TEXT NOT NULL, session TEXT NOT NULL,
              kind TEXT NOT NULL, subject TEXT NOT NULL, expires_ms INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS grants_session ON grants(session, kind, subject);
            CREATE TABLE IF NOT EXISTS sessions(
              id TEXT PRIMARY KEY, user TEXT NOT NULL, team TEXT, cwd TEXT, first_ms INTEGER NOT NULL,
              last_ms INTEGER NOT NULL, calls INTEGER NOT NULL DEFAULT 0, denials INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE IF NOT EXISTS quarantine(
              scope TEXT PRIMARY KEY, session TEXT NOT NULL, reason TEXT NOT NULL, since_ms INTEGER NOT NULL,
              by TEXT, active INTEGER NOT NULL, released_by TEXT, released_ms INTEGER);
            """;

    private final Path file;
    private final ReentrantLock lock = new ReentrantLock();
    private @Nullable Connection conn;

    private StateDb(Path file) {
        this.file = file;
    }

    /** Opens (creating if needed) {@code WARDEN_HOME/state.db}. */
    public static StateDb open(Path wardenHome) {
        StateDb db = new StateDb(wardenHome.resolve(FILE));
        try {
            Files.createDirectories(wardenHome);
        } catch (java.io.IOException e) {
            throw new WardenException(WardenException.Kind.UNAVAILABLE, "cannot create " + wardenHome + ": " + e.getMessage(), e);
        }
        db.run(c -> {
            try (Statement st = c.createStatement()) {
                for (String sql : SCHEMA.split(";")) {
                    if (!sql.isBlank()) {
                        st.executeUpdate(sql);
                    }
                }
            }
            return null;
        });
        return db;
    }

    public Path file() {
        return file;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs one transaction under the lock; rolls back on any failure. */
    private <T> T run(Work<T> work) {
        lock.lock();
        try {
            Connection c;
            try {
                c = connection();
            } catch (SQLException e) {
                throw new WardenException(WardenException.Kind.UNAVAILABLE, "cannot open the state database " + file + ": " + e.getMessage(), e);
            }
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the original failure is what matters
                }
                if (e instanceof WardenException w) {
                    throw w;
                }
                throw new WardenException(WardenException.Kind.UNAVAILABLE, "state database " + file + ": " + e.getMessage(), e);
            }
        } finally {
            lock.unlock();
        }
    }

    private Connection connection() throws SQLException {
        if (conn == null) {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA busy_timeout=10000");
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("PRAGMA synchronous=FULL");
                st.execute("PRAGMA foreign_keys=ON");
            }
            c.setAutoCommit(false);
            conn = c;
        }
        return conn;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (conn != null) {
                conn.close();
                conn = null;
            }
        } catch (SQLException e) {
            // closing: nothing left to protect
        } finally {
            lock.unlock();
        }
    }

    // ---- tokens ----

    /** A stored token (never the secret itself). */
    public record TokenRecord(String id, Role role, String name, @Nullable String team, Instant created,
            @Nullable Instant revoked) {
        public Principal principal() {
            return new Principal(id, name, role, team);
        }
    }

    public void insertToken(String id, String hash, Role role, String name, @Nullable String team, Instant now) {
        run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO tokens(id, hash, role, name, team, created_ms) VALUES(?,?,?,?,?,?)")) {
                ps.setString(1, id);
                ps.setString(2, hash);
                ps.setString(3, role.label());
                ps.setString(4, name);
                ps.setString(5, team);
                ps.setLong(6, now.toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The token with this hash, with the stored hash for a constant-time comparison, if not revoked. */
    public Optional<Map.Entry<TokenRecord, String>> tokenByHash(String hash) {
        return run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, role, name, team, created_ms, revoked_ms, hash FROM tokens WHERE hash = ? AND revoked_ms IS NULL")) {
                ps.setString(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(Map.entry(token(rs), rs.getString(7)));
                }
            }
        });
    }

    public List<TokenRecord> tokens() {
        return run(c -> {
            List<TokenRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, role, name, team, created_ms, revoked_ms FROM tokens ORDER BY created_ms");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(token(rs));
                }
            }
            return out;
        });
    }

    /** Revokes a token; false when it does not exist or was already revoked. */
    public boolean revokeToken(String id, Instant now) {
        return run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE tokens SET revoked_ms = ? WHERE id = ? AND revoked_ms IS NULL")) {
                ps.setLong(1, now.toEpochMilli());
                ps.setString(2, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private static TokenRecord token(ResultSet rs) throws SQLException {
        long revoked = rs.getLong(6);
        boolean wasNull = rs.wasNull();
        return new TokenRecord(rs.getString(1), Role.parse(rs.getString(2)).orElse(Role.AGENT), rs.getString(3),
                rs.getString(4), Instant.ofEpochMilli(rs.getLong(5)), wasNull ? null : Instant.ofEpochMilli(revoked));
    }

    // ---- approvals ----

    public void insertApproval(ApprovalRequest r) {
        run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO approvals(id, digest, session, agent_id, agent_type, tool, input, cwd, tool_use_id, profile,
                      rules, reasons, findings, requester, team, gate, status, created_ms, expires_ms)
                    VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""")) {
                ToolCall call = r.call();
                ps.setString(1, r.id());
                ps.setString(2, r.digest());
                ps.setString(3, call.sessionId());
                ps.setString(4, call.agentId());
                ps.setString(5, call.agentType());
                ps.setString(6, call.tool());
                ps.setString(7, Json.MAPPER.writeValueAsString(call.input()));
                ps.setString(8, call.cwd());
                ps.setString(9, call.toolUseId());
                ps.setString(10, r.profile());
                ps.setString(11, Json.MAPPER.writeValueAsString(r.rules()));
                ps.setString(12, Json.MAPPER.writeValueAsString(r.reasons()));
                ps.setString(13, Json.MAPPER.writeValueAsString(r.findings()));
                ps.setString(14, r.requester());
                ps.setString(15, r.team());
                ps.setString(16, gateJson(r.gate()));
                ps.setString(17, r.status().label());
                ps.setLong(18, r.created().toEpochMilli());
                ps.setLong(19, r.expires().toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static final String APPROVAL_COLUMNS = """
            id, digest, session, agent_id, agent_type, tool, input, cwd, tool_use_id, profile, rules, reasons, findings,
            requester, team, gate, status, created_ms, expires_ms, decided_ms, decided_by, decision_reason, used_ms""";

    public Optional<ApprovalRequest> approval(String id) {
        return run(c -> approval(c, id));
    }

    private Optional<ApprovalRequest> approval(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + APPROVAL_COLUMNS + " FROM approvals WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(approval(c, rs)) : Optional.empty();
            }
        }
    }

    /**
     * Requests, newest first.
     *
     * @param status only these, or null for all
     * @param team   only this team's, or null for every team
     */
    public List<ApprovalRequest> approvals(@Nullable Status status, @Nullable String team, int limit) {
        return run(c -> {
            StringBuilder sql = new StringBuilder("SELECT " + APPROVAL_COLUMNS + " FROM approvals WHERE 1=1");
            if (status != null) {
                sql.append(" AND status = ?");
            }
            if (team != null) {
                sql.append(" AND team = ?");
            }
            sql.append(" ORDER BY created_ms DESC, id LIMIT ?");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                if (status != null) {
                    ps.setString(i++, status.label());
                }
                if (team != null) {
                    ps.setString(i++, team);
                }
                ps.setInt(i, limit <= 0 ? 1000 : limit);
                List<ApprovalRequest> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(approval(c, rs));
                    }
                }
                return out;
            }
        });
    }

    /** The newest request for a digest that is pending, or approved and not yet used. */
    public Optional<ApprovalRequest> openApprovalFor(String digest) {
        return run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + APPROVAL_COLUMNS
                    + " FROM approvals WHERE digest = ? AND (status = 'pending' OR (status = 'approved' AND used_ms IS NULL))"
                    + " ORDER BY created_ms DESC LIMIT 1")) {
                ps.setString(1, digest);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(approval(c, rs)) : Optional.empty();
                }
            }
        });
    }

    /** What a vote did. */
    public enum VoteOutcome { RECORDED, APPROVED }

    /**
     * Records one approval of a pending request, and approves the request when it has enough
     * distinct approvers — all in one transaction. Throws NOT_FOUND, CONFLICT (decided, expired,
     * already voted by this person).
     */
    public VoteOutcome vote(String id, Principal who, @Nullable String reason, Instant now) {
        return run(c -> {
            ApprovalRequest r = approval(c, id).orElseThrow(() -> notFound(id));
            requirePending(c, r, now);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO votes(approval_id, approver, role, reason, created_ms) VALUES(?,?,?,?,?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, id);
                ps.setString(2, who.name());
                ps.setString(3, who.role().label());
                ps.setString(4, reason);
                ps.setLong(5, now.toEpochMilli());
                if (ps.executeUpdate() == 0) {
                    throw new WardenException(WardenException.Kind.CONFLICT, who.name() + " has already approved " + id
                            + "; it needs " + r.gate().required() + " distinct approvers");
                }
            }
            int votes = r.votes().size() + 1;
            if (votes < r.gate().required()) {
                return VoteOutcome.RECORDED;
            }
            List<String> names = new ArrayList<>();
            r.votes().forEach(v -> names.add(v.approver()));
            names.add(who.name());
            try (PreparedStatement ps = c.prepareStatement("UPDATE approvals SET status = 'approved', decided_ms = ?, decided_by = ?,"
                    + " decision_reason = ? WHERE id = ? AND status = 'pending'")) {
                ps.setLong(1, now.toEpochMilli());
                ps.setString(2, String.join(", ", names));
                ps.setString(3, reason);
                ps.setString(4, id);
                if (ps.executeUpdate() != 1) {
                    throw new WardenException(WardenException.Kind.CONFLICT, id + " was decided meanwhile");
                }
            }
            Approval g = r.gate();
            if (g.scope() != Approval.Scope.ONCE) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO grants(approval_id, session, kind, subject, expires_ms) VALUES(?,?,?,?,?)")) {
                    long until = now.plus(g.grantFor()).toEpochMilli();
                    if (g.scope() == Approval.Scope.SESSION) {
                        ps.setString(1, id);
                        ps.setString(2, r.call().sessionId());
                        ps.setString(3, "digest");
                        ps.setString(4, r.digest());
                        ps.setLong(5, until);
                        ps.executeUpdate();
                    } else {
                        for (String rule : r.rules()) {
                            ps.setString(1, id);
                            ps.setString(2, r.call().sessionId());
                            ps.setString(3, "rule");
                            ps.setString(4, rule);
                            ps.setLong(5, until);
                            ps.executeUpdate();
                        }
                    }
                }
            }
            return VoteOutcome.APPROVED;
        });
    }

    /** Rejects a pending request. Throws NOT_FOUND or CONFLICT. */
    public void reject(String id, Principal who, String reason, Instant now) {
        run(c -> {
            ApprovalRequest r = approval(c, id).orElseThrow(() -> notFound(id));
            requirePending(c, r, now);
            try (PreparedStatement ps = c.prepareStatement("UPDATE approvals SET status = 'rejected', decided_ms = ?, decided_by = ?,"
                    + " decision_reason = ? WHERE id = ? AND status = 'pending'")) {
                ps.setLong(1, now.toEpochMilli());
                ps.setString(2, who.name());
                ps.setString(3, reason);
                ps.setString(4, id);
                if (ps.executeUpdate() != 1) {
                    throw new WardenException(WardenException.Kind.CONFLICT, id + " was decided meanwhile");
                }
            }
            return null;
        });
    }

    private void requirePending(Connection c, ApprovalRequest r, Instant now) throws SQLException {
        if (r.status() == Status.PENDING && !now.isBefore(r.expires())) {
            expire(c, r.id(), now);
            c.commit();
            throw new WardenException(WardenException.Kind.CONFLICT, r.id() + " expired at " + r.expires() + "; nothing was changed");
        }
        if (r.status() != Status.PENDING) {
            throw new WardenException(WardenException.Kind.CONFLICT, r.id() + " is already " + r.status().label()
                    + (r.decidedBy() == null ? "" : " (by " + r.decidedBy() + ")") + "; nothing was changed");
        }
    }

    /** Marks every pending request past its expiry as expired; returns them. */
    public List<ApprovalRequest> expireDue(Instant now) {
        return run(c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM approvals WHERE status = 'pending' AND expires_ms <= ?")) {
                ps.setLong(1, now.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            List<ApprovalRequest> out = new ArrayList<>();
            for (String id : ids) {
                if (expire(c, id, now)) {
                    approval(c, id).ifPresent(out::add);
                }
            }
            return out;
        });
    }

    private static boolean expire(Connection c, String id, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE approvals SET status = 'expired', decided_ms = ? WHERE id = ? AND status = 'pending'")) {
            ps.setLong(1, now.toEpochMilli());
            ps.setString(2, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** Consumes a once-scope approval for the call it approved; false when it was already used. */
    public boolean consume(String id, Instant now) {
        return run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE approvals SET used_ms = ? WHERE id = ? AND status = 'approved' AND used_ms IS NULL")) {
                ps.setLong(1, now.toEpochMilli());
                ps.setString(2, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * The approval id of a live grant covering a call: one for its digest in its session, or
     * rule grants covering every one of {@code rules}.
     */
    public Optional<String> grantFor(String session, String digest, List<String> rules, Instant now) {
        return run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT approval_id FROM grants WHERE session = ? AND kind = ? AND subject = ? AND expires_ms > ? LIMIT 1")) {
                ps.setString(1, session);
                ps.setString(2, "digest");
                ps.setString(3, digest);
                ps.setLong(4, now.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return Optional.of(rs.getString(1));
                    }
                }
                if (rules.isEmpty()) {
                    return Optional.empty();
                }
                String first = null;
                for (String rule : rules) {
                    ps.setString(2, "rule");
                    ps.setString(3, rule);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return Optional.empty();
                        }
                        if (first == null) {
                            first = rs.getString(1);
                        }
                    }
                }
                return Optional.ofNullable(first);
            }
        });
    }

    private ApprovalRequest approval(Connection c, ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        Map<String, @Nullable Object> input = Json.object(Json.MAPPER.readTree(rs.getString(7)));
        ToolCall call = new ToolCall("claude", rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(8),
                rs.getString(6), input, rs.getString(9), null, null);
        List<Vote> votes = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT approver, role, reason, created_ms FROM votes WHERE approval_id = ? ORDER BY created_ms, approver")) {
            ps.setString(1, id);
            try (ResultSet v = ps.executeQuery()) {
                while (v.next()) {
                    votes.add(new Vote(v.getString(1), v.getString(2), v.getString(3), Instant.ofEpochMilli(v.getLong(4))));
                }
            }
        }
        return new ApprovalRequest(id, rs.getString(2), call, rs.getString(10), strings(rs.getString(11)),
                strings(rs.getString(12)), strings(rs.getString(13)), rs.getString(14), rs.getString(15),
                gate(rs.getString(16)), Status.parse(rs.getString(17)), Instant.ofEpochMilli(rs.getLong(18)),
                Instant.ofEpochMilli(rs.getLong(19)), instant(rs, 20), rs.getString(21), rs.getString(22), votes,
                instant(rs, 23));
    }

    private static @Nullable Instant instant(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static List<String> strings(String json) {
        List<String> out = new ArrayList<>();
        JsonNode n = Json.MAPPER.readTree(json);
        n.forEach(x -> out.add(x.asString()));
        return out;
    }

    static String gateJson(Approval g) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        ArrayNode a = o.putArray("approvers");
        g.approvers().forEach(a::add);
        o.put("required", g.required());
        o.put("reason_required", g.reasonRequired());
        o.put("expires_s", g.expires().toSeconds());
        o.put("scope", g.scope().label());
        o.put("grant_for_s", g.grantFor().toSeconds());
        o.put("allow_self", g.allowSelf());
        return o.toString();
    }

    static Approval gate(String json) {
        JsonNode o = Json.MAPPER.readTree(json);
        List<String> approvers = new ArrayList<>();
        o.path("approvers").forEach(x -> approvers.add(x.asString()));
        return new Approval(approvers, o.path("required").asInt(1), o.path("reason_required").asBoolean(false),
                Duration.ofSeconds(o.path("expires_s").asLong(600)),
                Approval.Scope.parse(o.path("scope").asString("once")).orElse(Approval.Scope.ONCE),
                Duration.ofSeconds(o.path("grant_for_s").asLong(1800)), o.path("allow_self").asBoolean(false));
    }

    private static WardenException notFound(String id) {
        return new WardenException(WardenException.Kind.NOT_FOUND, "no approval request " + id);
    }

    // ---- sessions ----

    /** A session as the control plane knows it. */
    public record SessionRecord(String id, String user, @Nullable String team, @Nullable String cwd, Instant firstSeen,
            Instant lastSeen, long calls, long denials) {}

    /** Inserts a session if new; returns the stored one (the first principal to use a session owns it). */
    public SessionRecord touchSession(String id, String user, @Nullable String team, String cwd, Instant now) {
        return run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO sessions(id, user, team, cwd, first_ms, last_ms) VALUES(?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING")) {
                ps.setString(1, id);
                ps.setString(2, user);
                ps.setString(3, team);
                ps.setString(4, cwd);
                ps.setLong(5, now.toEpochMilli());
                ps.setLong(6, now.toEpochMilli());
                ps.executeUpdate();
            }
            return session(c, id).orElseThrow();
        });
    }

    /** Adds counts and moves last-seen forward, for many sessions in one transaction. */
    public void addCounts(Map<String, long[]> callsDenialsLastMs) {
        if (callsDenialsLastMs.isEmpty()) {
            return;
        }
        run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE sessions SET calls = calls + ?, denials = denials + ?, last_ms = MAX(last_ms, ?) WHERE id = ?")) {
                for (Map.Entry<String, long[]> e : callsDenialsLastMs.entrySet()) {
                    ps.setLong(1, e.getValue()[0]);
                    ps.setLong(2, e.getValue()[1]);
                    ps.setLong(3, e.getValue()[2]);
                    ps.setString(4, e.getKey());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    public Optional<SessionRecord> session(String id) {
        return run(c -> session(c, id));
    }

    private static Optional<SessionRecord> session(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, user, team, cwd, first_ms, last_ms, calls, denials FROM sessions WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(sessionRow(rs)) : Optional.empty();
            }
        }
    }

    /** Sessions seen since a time, newest first, optionally one team's. */
    public List<SessionRecord> sessions(Instant since, @Nullable String team, int limit) {
        return run(c -> {
            String sql = "SELECT id, user, team, cwd, first_ms, last_ms, calls, denials FROM sessions WHERE last_ms >= ?"
                    + (team == null ? "" : " AND team = ?") + " ORDER BY last_ms DESC LIMIT ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setLong(i++, since.toEpochMilli());
                if (team != null) {
                    ps.setString(i++, team);
                }
                ps.setInt(i, limit <= 0 ? 1000 : limit);
                List<SessionRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(sessionRow(rs));
                    }
                }
                return out;
            }
        });
    }

    private static SessionRecord sessionRow(ResultSet rs) throws SQLException {
        return new SessionRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Instant.ofEpochMilli(rs.getLong(5)), Instant.ofEpochMilli(rs.getLong(6)), rs.getLong(7), rs.getLong(8));
    }

    // ---- quarantine ----

    /**
     * A quarantine.
     *
     * @param scope   {@code session:ID} or {@code agent:SESSION/AGENT}
     * @param session the session it is in
     */
    public record QuarantineRecord(String scope, String session, String reason, Instant since, @Nullable String by) {}

    /** Quarantines a scope; false when it already was. */
    public boolean quarantine(String scope, String session, String reason, @Nullable String by, Instant now) {
        return run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO quarantine(scope, session, reason, since_ms, by, active) VALUES(?,?,?,?,?,1)
                    ON CONFLICT(scope) DO UPDATE SET reason = excluded.reason, since_ms = excluded.since_ms, by = excluded.by,
                      active = 1, released_by = NULL, released_ms = NULL WHERE active = 0""")) {
                ps.setString(1, scope);
                ps.setString(2, session);
                ps.setString(3, reason);
                ps.setLong(4, now.toEpochMilli());
                ps.setString(5, by);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Every active quarantine. */
    public List<QuarantineRecord> quarantines() {
        return run(c -> {
            List<QuarantineRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT scope, session, reason, since_ms, by FROM quarantine WHERE active = 1 ORDER BY since_ms");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new QuarantineRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                            Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5)));
                }
            }
            return out;
        });
    }

    /** Releases every active quarantine in a session; returns the scopes released. */
    public List<String> release(String session, String by, Instant now) {
        return run(c -> {
            List<String> scopes = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT scope FROM quarantine WHERE session = ? AND active = 1")) {
                ps.setString(1, session);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        scopes.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE quarantine SET active = 0, released_by = ?, released_ms = ? WHERE session = ? AND active = 1")) {
                ps.setString(1, by);
                ps.setLong(2, now.toEpochMilli());
                ps.setString(3, session);
                ps.executeUpdate();
            }
            return scopes;
        });
    }

    /** Counts of requests by status (for metrics and health). */
    public Map<String, Long> approvalCounts() {
        return run(c -> {
            Map<String, Long> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*) FROM approvals GROUP BY status");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
            return out;
        });
    }
}
