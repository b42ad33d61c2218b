package dev.warden.server;

import dev.warden.approval.ApprovalGate;
import dev.warden.approval.Notifier;
import dev.warden.approval.Principal;
import dev.warden.audit.AuditLog;
import dev.warden.engine.Engine;
import dev.warden.store.StateDb;
import java.net.URI;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.HexFormat;

/**
 * A running control plane, assembled: state database, tokens, webhooks, approval gate, control
 * plane and HTTP server over one engine and its audit log. {@link #close} shuts down in the order
 * that loses nothing: HTTP first (in-flight requests finish), then the control plane (session
 * counters flushed), webhooks (queued deliveries get a few seconds), the state database, and last
 * the audit log, whose close writes a checkpoint.
 */
public final class ServerRuntime implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final StateDb db;
    private final Tokens tokens;
    private final Notifier notifier;
    private final ControlPlane plane;
    private final WardenServer server;
    private final AuditLog log;
    private final String bind;
    private final Principal localAgent;

    private ServerRuntime(Engine engine, AuditLog log, ServerConfig config, InstantSource clock, String bind, int port,
            String localUser) {
        this.log = log;
        this.bind = bind;
        this.db = StateDb.open(engine.config().wardenHome());
        this.tokens = new Tokens(db, clock);
        this.localAgent = tokens.ensureLocalAgentToken(engine.config().wardenHome(), localUser);
        this.notifier = new Notifier(config.webhooks(), 1000, config.webhookAttempts(), config.webhookBackoff());
        ApprovalGate gate = new ApprovalGate(db, engine::record, notifier, clock, ServerRuntime::approvalId);
        ControlPlane[] planeHolder = new ControlPlane[1];
        Metrics metrics = new Metrics(() -> db.approvalCounts().getOrDefault("pending", 0L),
                () -> planeHolder[0] == null ? 0 : planeHolder[0].activeSessions());
        this.plane = new ControlPlane(engine, db, gate, notifier, metrics, clock, config.maxWait());
        planeHolder[0] = plane;
        this.server = WardenServer.start(plane, tokens, metrics, config, clock, bind, port);
    }

    /**
     * Starts the control plane.
     *
     * @param engine    the decision path (its audit log is {@code log})
     * @param log       the audit log; closed by {@link #close}
     * @param bind      address to listen on
     * @param port      port, 0 for any free one
     * @param localUser the name of the local agent token created in WARDEN_HOME when missing
     */
    public static ServerRuntime start(Engine engine, AuditLog log, ServerConfig config, InstantSource clock, String bind, int port,
            String localUser) {
        return new ServerRuntime(engine, log, config, clock, bind, port, localUser);
    }

    static String approvalId() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return "apr_" + HexFormat.of().formatHex(b);
    }

    public URI url() {
        return server.url(bind);
    }

    public int port() {
        return server.port();
    }

    public Tokens tokens() {
        return tokens;
    }

    public ControlPlane plane() {
        return plane;
    }

    public StateDb db() {
        return db;
    }

    public Notifier notifier() {
        return notifier;
    }

    /** The local agent token's principal (its secret is in WARDEN_HOME/agent.token). */
    public Principal localAgent() {
        return localAgent;
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            try {
                plane.close();
                notifier.close();
                db.close();
            } finally {
                log.close();
            }
        }
    }
}
