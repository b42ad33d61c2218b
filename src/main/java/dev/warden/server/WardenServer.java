package dev.warden.server;

import dev.warden.approval.ApprovalGate;
import dev.warden.approval.ApprovalRequest;
import dev.warden.approval.Principal;
import dev.warden.approval.Role;
import dev.warden.audit.AuditEntry;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.AuditTrail;
import dev.warden.call.Reason;
import dev.warden.call.ToolCall;
import dev.warden.call.WardenException;
import dev.warden.engine.Engine;
import dev.warden.engine.Verdict;
import dev.warden.harness.Json;
import dev.warden.harness.claude.ClaudeHook;
import dev.warden.store.StateDb;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The HTTP face of the control plane (Javalin 7, virtual threads). Every endpoint answers JSON;
 * every failure is a 4xx/5xx with {@code {"error": code, "message": text}}, mapped from
 * {@link WardenException.Kind} in {@link #status} — the one place that mapping lives.
 *
 * <p>Design note: shutdown. {@link #close} first stops taking new work (new requests get 503,
 * which a fail-closed hook turns into a block), wakes approval waiters (they answer deny), waits
 * — bounded — for the requests in flight, and only then stops Jetty; the caller closes the audit
 * log afterwards, which writes its checkpoint.
 */
public final class WardenServer implements AutoCloseable {

    /** Seconds kept back from the harness's hook timeout, so Warden's answer always arrives first. */
    public static final int WAIT_MARGIN_S = 15;
    /** The approval wait when the hook does not say its timeout (PreToolUse default timeout 30 s). */
    static final Duration DEFAULT_HOOK_WAIT = Duration.ofSeconds(15);

    private final Javalin app;
    private final ControlPlane plane;
    private final Tokens tokens;
    private final Metrics metrics;
    private final ServerConfig config;
    private final InstantSource clock;
    private final java.nio.file.Path home;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean draining;

    private WardenServer(ControlPlane plane, Tokens tokens, Metrics metrics, ServerConfig config, InstantSource clock,
            String bind, int port) {
        this.plane = plane;
        this.tokens = tokens;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
        this.home = plane.engine().config().wardenHome();
        WebUi ui = new WebUi(plane, tokens, clock);
        this.app = Javalin.create(c -> {
            c.concurrency.useVirtualThreads = true;
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.http.maxRequestSize = config.maxBodyBytes();
            c.http.generateEtags = false;
            c.jetty.host = bind;
            c.jetty.port = port;
            c.routes.before(this::admit);
            c.routes.after(ctx -> inFlight.decrementAndGet());
            c.routes.get("/healthz", this::health);
            c.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
            c.routes.post("/hooks/claude", this::claudeHook);
            c.routes.post("/v1/decide", this::decide);
            c.routes.get("/v1/approvals", this::listApprovals);
            c.routes.get("/v1/approvals/{id}", this::showApproval);
            c.routes.post("/v1/approvals/{id}/approve", ctx -> decideApproval(ctx, true));
            c.routes.post("/v1/approvals/{id}/reject", ctx -> decideApproval(ctx, false));
            c.routes.get("/v1/sessions", this::listSessions);
            c.routes.get("/v1/sessions/{id}", this::showSession);
            c.routes.post("/v1/sessions/{id}/release", this::release);
            c.routes.post("/v1/sessions/{id}/quarantine", this::quarantine);
            c.routes.get("/v1/freeze", this::freezeState);
            c.routes.post("/v1/freeze", ctx -> freeze(ctx, true));
            c.routes.post("/v1/unfreeze", ctx -> freeze(ctx, false));
            c.routes.get("/v1/audit/decisions", this::recentDecisions);
            c.routes.post("/v1/tokens", this::createToken);
            ui.routes(c.routes);
            c.routes.exception(WardenException.class, (e, ctx) -> error(ctx, status(e.kind()), code(e.kind()), e.getMessage()));
            c.routes.exception(Unauthorized.class, (e, ctx) -> error(ctx, 401, "unauthorized", e.getMessage()));
            c.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), switch (e.getStatus()) {
                case 404 -> "not_found";
                case 405 -> "method_not_allowed";
                case 413 -> "too_large";
                case 415 -> "unsupported_media_type";
                default -> "http_" + e.getStatus();
            }, e.getStatus() == 404 ? "no endpoint " + ctx.method() + " " + ctx.path() : e.getMessage()));
            c.routes.exception(Exception.class, (e, ctx) -> error(ctx, 500, "internal", String.valueOf(e)));
            c.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    error(ctx, 404, "not_found", "no endpoint " + ctx.method() + " " + ctx.path());
                }
            });
            c.routes.error(405, ctx -> error(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path()));
        });
        app.start();
    }

    /**
     * Starts a server.
     *
     * @param bind the address to listen on ({@code 127.0.0.1} unless told otherwise)
     * @param port the port; 0 picks a free one
     */
    public static WardenServer start(ControlPlane plane, Tokens tokens, Metrics metrics, ServerConfig config, InstantSource clock,
            String bind, int port) {
        return new WardenServer(plane, tokens, metrics, config, clock, bind, port);
    }

    public int port() {
        return app.port();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8787}. */
    public URI url(String bind) {
        String host = bind.contains(":") ? "[" + bind + "]" : bind;
        return URI.create("http://" + host + ":" + port());
    }

    // ---- plumbing ----

    /** Thrown when a request carries no valid token (401). */
    static final class Unauthorized extends RuntimeException {
        Unauthorized(String m) {
            super(m);
        }
    }

    private void admit(Context ctx) {
        inFlight.incrementAndGet();
        if (draining && !ctx.path().equals("/healthz")) {
            throw new WardenException(WardenException.Kind.UNAVAILABLE, "the Warden server is shutting down");
        }
        String len = ctx.header("Content-Length");
        if (len != null) {
            try {
                if (Long.parseLong(len.strip()) > config.maxBodyBytes()) {
                    throw new HttpResponseException(413, "request body larger than " + config.maxBodyBytes() + " bytes");
                }
            } catch (NumberFormatException e) {
                throw new WardenException(WardenException.Kind.INVALID_INPUT, "bad Content-Length");
            }
        }
    }

    /** The one mapping of failure kinds to HTTP statuses. */
    static int status(WardenException.Kind k) {
        return switch (k) {
            case INVALID_INPUT -> 400;
            case INVALID_POLICY -> 422;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case UNAVAILABLE -> 503;
            case INTEGRITY, INTERNAL -> 500;
        };
    }

    private static String code(WardenException.Kind k) {
        return k.name().toLowerCase(Locale.ROOT);
    }

    static void error(Context ctx, int status, String code, @Nullable String message) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("error", code);
        o.put("message", message == null ? code : message);
        ctx.status(status).contentType("application/json").result(o.toString());
    }

    private static void json(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType("application/json").result(body.toString());
    }

    /** The principal behind the request's bearer token, which must have one of the roles. */
    Principal auth(Context ctx, Role... roles) {
        String h = ctx.header("Authorization");
        String token = h != null && h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).strip() : null;
        Principal p = token == null ? null : tokens.authenticate(token).orElse(null);
        if (p == null) {
            refused(ctx, token == null ? "no bearer token" : "invalid or revoked token", null);
            throw new Unauthorized(token == null ? "this endpoint needs 'Authorization: Bearer <token>'" : "invalid or revoked token");
        }
        for (Role r : roles) {
            if (p.role() == r) {
                return p;
            }
        }
        refused(ctx, "role " + p.role().label() + " may not use this endpoint", p);
        throw new WardenException(WardenException.Kind.FORBIDDEN, "a " + p.role().label() + " token may not "
                + ctx.method() + " " + ctx.path() + "; it needs a " + join(roles) + " token");
    }

    private void refused(Context ctx, String why, @Nullable Principal p) {
        metrics.event("refused_requests", p == null ? "401" : "403");
        Map<String, @Nullable Object> d = new LinkedHashMap<>();
        d.put("method", ctx.method().name());
        d.put("path", ctx.path());
        d.put("remote", ctx.ip());
        d.put("reason", why);
        d.put("token", p == null ? null : p.tokenId());
        d.put("by", p == null ? null : p.name());
        try {
            plane.record(new AuditEntry("auth.refused", clock.instant(), "", null, null, null, d));
        } catch (RuntimeException e) {
            // refusing does not depend on recording the refusal
        }
    }

    private static String join(Role[] roles) {
        List<String> s = new ArrayList<>();
        for (Role r : roles) {
            s.add(r.label());
        }
        return String.join(" or ", s);
    }

    private byte[] body(Context ctx, boolean requireJson) {
        String type = ctx.contentType();
        if (requireJson && (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json"))) {
            throw new HttpResponseException(415, "send the body as application/json (got " + (type == null ? "no content type" : type) + ")");
        }
        byte[] b;
        try {
            b = ctx.bodyAsBytes();
        } catch (HttpResponseException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new HttpResponseException(413, "request body larger than " + config.maxBodyBytes() + " bytes");
        }
        if (b.length > config.maxBodyBytes()) {
            throw new HttpResponseException(413, "request body larger than " + config.maxBodyBytes() + " bytes");
        }
        return b;
    }

    private ObjectNode jsonObject(Context ctx, boolean emptyAllowed) {
        byte[] b = body(ctx, !emptyAllowed || ctx.contentType() != null);
        if (b.length == 0 || new String(b, StandardCharsets.UTF_8).isBlank()) {
            if (emptyAllowed) {
                return Json.MAPPER.createObjectNode();
            }
            throw new WardenException(WardenException.Kind.INVALID_INPUT, "empty body; expected a JSON object");
        }
        try {
            JsonNode n = Json.MAPPER.readTree(b);
            if (n instanceof ObjectNode o) {
                return o;
            }
            throw new WardenException(WardenException.Kind.INVALID_INPUT, "the body must be a JSON object");
        } catch (JacksonException e) {
            throw new WardenException(WardenException.Kind.INVALID_INPUT, "the body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static @Nullable String optText(ObjectNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isString()) {
            throw new WardenException(WardenException.Kind.INVALID_INPUT, "'" + field + "' must be a string");
        }
        return n.stringValue();
    }

    // ---- endpoints ----

    private void health(Context ctx) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("status", draining ? "draining" : "ok");
        o.put("frozen", plane.frozen().isPresent());
        o.put("active_sessions", plane.activeSessions());
        json(ctx, draining ? 503 : 200, o);
    }

    /** Claude Code's http hook: the same JSON as the command hook, always HTTP 200 when answered. */
    private void claudeHook(Context ctx) {
        long start = System.nanoTime();
        Principal p = auth(ctx, Role.AGENT);
        byte[] input = body(ctx, true);
        Duration hookWait = hookWait(ctx.header("X-Warden-Hook-Timeout"));
        boolean deferWanted = "1".equals(ctx.header("X-Warden-Defer"));
        Engine engine = plane.engine();
        ClaudeHook hook = new ClaudeHook(engine, ctx.header("X-Warden-Label"), call -> {
            // Claude Code ignores defer for batched calls and in interactive sessions, and the call
            // then goes through its normal permission flow: safe only where that flow cannot run a
            // command on its own (not in bypassPermissions or acceptEdits).
            boolean defer = deferWanted && deferSafe(call.permissionMode());
            Duration wait = defer ? Duration.ZERO : hookWait;
            ControlPlane.Result r = plane.decide(call, p, wait, defer, "hook");
            if (r.answer().equals("defer")) {
                return new ClaudeHook.Answer(0, ClaudeHook.preToolUseJson("defer", r.reason()), "");
            }
            return ClaudeHook.answer(r.verdict());
        });
        ClaudeHook.Answer a = hook.handle(input);
        if (a.exitCode() == 2) {
            // No exit code over HTTP: a block is a JSON answer with 200.
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("decision", "block");
            o.put("reason", a.stderr());
            json(ctx, 200, o);
        } else {
            ctx.status(200).contentType("application/json").result(a.stdout().isEmpty() ? "{}" : a.stdout());
        }
        ctx.header("X-Warden-Latency-Us", Long.toString((System.nanoTime() - start) / 1000));
    }

    static boolean deferSafe(@Nullable String permissionMode) {
        return permissionMode == null || permissionMode.equals("default") || permissionMode.equals("plan")
                || permissionMode.equals("dontAsk");
    }

    /** How long a hook may wait: its timeout (header, seconds) minus the margin, capped by max_wait. */
    Duration hookWait(@Nullable String timeoutHeader) {
        Duration d = DEFAULT_HOOK_WAIT;
        if (timeoutHeader != null) {
            try {
                long t = Long.parseLong(timeoutHeader.strip());
                d = Duration.ofSeconds(Math.max(0, t - WAIT_MARGIN_S));
            } catch (NumberFormatException e) {
                throw new WardenException(WardenException.Kind.INVALID_INPUT, "X-Warden-Hook-Timeout must be whole seconds");
            }
        }
        return d.compareTo(config.maxWait()) > 0 ? config.maxWait() : d;
    }

    /** The generic decision API (SDK canUseTool callbacks, other harnesses). */
    private void decide(Context ctx) {
        Principal p = auth(ctx, Role.AGENT);
        ObjectNode o = jsonObject(ctx, false);
        String session = optText(o, "session");
        String cwd = optText(o, "cwd");
        String tool = optText(o, "tool");
        JsonNode input = o.get("input");
        List<String> missing = new ArrayList<>();
        if (session == null || session.isBlank()) {
            missing.add("session");
        }
        if (cwd == null || !cwd.startsWith("/")) {
            missing.add("cwd (an absolute path)");
        }
        if (tool == null || tool.isBlank()) {
            missing.add("tool");
        }
        if (input == null || !input.isObject()) {
            missing.add("input (an object)");
        }
        if (!missing.isEmpty()) {
            throw new WardenException(WardenException.Kind.INVALID_INPUT, "missing or invalid: " + String.join(", ", missing));
        }
        Duration wait = Duration.ZERO;
        if (o.get("wait") != null) {
            if (!o.get("wait").isNumber() || o.get("wait").asDouble() < 0) {
                throw new WardenException(WardenException.Kind.INVALID_INPUT, "'wait' must be a number of seconds >= 0");
            }
            wait = Duration.ofMillis((long) (o.get("wait").asDouble() * 1000));
        }
        boolean defer = o.path("defer").asBoolean(false);
        ToolCall call = new ToolCall(optOr(optText(o, "harness"), "api"), session, optText(o, "agent_id"), optText(o, "agent_type"),
                cwd, tool, Json.object(input), optText(o, "tool_use_id"), optText(o, "permission_mode"), optText(o, "label"));
        ControlPlane.Result r = plane.decide(call, p, wait, defer, "api");
        json(ctx, 200, decisionJson(r));
    }

    private static String optOr(@Nullable String s, String d) {
        return s == null || s.isBlank() ? d : s;
    }

    static ObjectNode decisionJson(ControlPlane.Result r) {
        Verdict v = r.verdict();
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("decision", r.answer().equals("none") ? "allow" : r.answer().equals("defer") ? "pending" : r.answer());
        o.put("enforced", v.enforced());
        o.put("reason", r.reason());
        ArrayNode rs = o.putArray("reasons");
        for (Reason x : v.decision().reasons()) {
            ObjectNode ro = rs.addObject();
            ro.put("rule", x.rule());
            ro.put("effect", x.effect().label());
            ro.put("message", x.message());
            ro.put("part", x.part());
            ro.put("hint", x.hint());
        }
        ArrayNode rules = o.putArray("rules");
        v.decision().rules().forEach(rules::add);
        o.put("profile", v.decision().profile());
        o.put("policy", v.policyHash());
        o.put("audit_index", v.auditIndex());
        o.put("latency_us", v.nanos() / 1000);
        if (r.approval() != null) {
            o.set("approval", approvalJson(r.approval(), false));
        } else {
            o.putNull("approval");
        }
        return o;
    }

    static ObjectNode approvalJson(ApprovalRequest a, boolean full) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", a.id());
        o.put("status", a.status().label());
        o.put("digest", a.digest());
        o.put("session", a.call().sessionId());
        o.put("agent_id", a.call().agentId());
        o.put("agent_type", a.call().agentType());
        o.put("tool", a.call().tool());
        o.put("summary", a.summary());
        o.put("profile", a.profile());
        ArrayNode rules = o.putArray("rules");
        a.rules().forEach(rules::add);
        o.put("requester", a.requester());
        o.put("team", a.team());
        o.put("created", a.created().toString());
        o.put("expires", a.expires().toString());
        o.put("decided_at", a.decidedAt() == null ? null : a.decidedAt().toString());
        o.put("decided_by", a.decidedBy());
        o.put("decision_reason", a.decisionReason());
        ObjectNode g = o.putObject("gate");
        ArrayNode ap = g.putArray("approvers");
        a.gate().approvers().forEach(ap::add);
        g.put("required", a.gate().required());
        g.put("reason_required", a.gate().reasonRequired());
        g.put("scope", a.gate().scope().label());
        g.put("allow_self", a.gate().allowSelf());
        ArrayNode votes = o.putArray("approvals");
        for (ApprovalRequest.Vote v : a.votes()) {
            ObjectNode vo = votes.addObject();
            vo.put("by", v.approver());
            vo.put("role", v.role());
            vo.put("reason", v.reason());
            vo.put("at", v.at().toString());
        }
        if (full) {
            o.set("input", Json.MAPPER.valueToTree(a.call().input()));
            o.put("cwd", a.call().cwd());
            ArrayNode reasons = o.putArray("reasons");
            a.reasons().forEach(reasons::add);
            ArrayNode findings = o.putArray("findings");
            a.findings().forEach(findings::add);
        }
        return o;
    }

    private void listApprovals(Context ctx) {
        Principal p = auth(ctx, Role.APPROVER, Role.ADMIN);
        String s = ctx.queryParam("status");
        ApprovalRequest.Status status = null;
        if (s != null && !s.equals("all")) {
            try {
                status = ApprovalRequest.Status.parse(s);
            } catch (IllegalArgumentException e) {
                throw new WardenException(WardenException.Kind.INVALID_INPUT, "status must be pending, approved, rejected, expired or all");
            }
        } else if (s == null) {
            status = ApprovalRequest.Status.PENDING;
        }
        int limit = intParam(ctx, "limit", 100, 1, 1000);
        ObjectNode o = Json.MAPPER.createObjectNode();
        ArrayNode a = o.putArray("approvals");
        for (ApprovalRequest r : plane.approvals().list(p, status, limit)) {
            a.add(approvalJson(r, false));
        }
        json(ctx, 200, o);
    }

    private void showApproval(Context ctx) {
        Principal p = auth(ctx, Role.APPROVER, Role.ADMIN);
        json(ctx, 200, approvalJson(plane.approvals().visible(ctx.pathParam("id"), p), true));
    }

    private void decideApproval(Context ctx, boolean approve) {
        Principal p = auth(ctx, Role.APPROVER, Role.ADMIN);
        ObjectNode o = jsonObject(ctx, true);
        String reason = optText(o, "reason");
        ApprovalGate g = plane.approvals();
        ApprovalRequest r = approve ? g.approve(ctx.pathParam("id"), p, reason) : g.reject(ctx.pathParam("id"), p, reason);
        json(ctx, 200, approvalJson(r, false));
    }

    private void listSessions(Context ctx) {
        Principal p = auth(ctx, Role.APPROVER, Role.ADMIN);
        int minutes = intParam(ctx, "minutes", 24 * 60, 1, 365 * 24 * 60);
        ObjectNode o = Json.MAPPER.createObjectNode();
        ArrayNode a = o.putArray("sessions");
        for (StateDb.SessionRecord s : plane.sessions(clock.instant().minus(Duration.ofMinutes(minutes)), teamFilter(p),
                intParam(ctx, "limit", 100, 1, 1000))) {
            a.add(sessionJson(s));
        }
        ArrayNode q = o.putArray("quarantined");
        for (StateDb.QuarantineRecord r : plane.quarantines()) {
            if (ApprovalGate.sees(p, plane.session(r.session()).map(StateDb.SessionRecord::team).orElse(null))) {
                ObjectNode qo = q.addObject();
                qo.put("scope", r.scope());
                qo.put("session", r.session());
                qo.put("reason", r.reason());
                qo.put("since", r.since().toString());
                qo.put("by", r.by());
            }
        }
        json(ctx, 200, o);
    }

    private @Nullable String teamFilter(Principal p) {
        return p.team();
    }

    private ObjectNode sessionJson(StateDb.SessionRecord s) {
        ObjectNode so = Json.MAPPER.createObjectNode();
        so.put("id", s.id());
        so.put("user", s.user());
        so.put("team", s.team());
        so.put("cwd", s.cwd());
        so.put("first_seen", s.firstSeen().toString());
        so.put("last_seen", s.lastSeen().toString());
        so.put("calls", s.calls());
        so.put("denials", s.denials());
        ArrayNode q = so.putArray("quarantine");
        for (StateDb.QuarantineRecord r : plane.quarantines()) {
            if (r.session().equals(s.id())) {
                q.add(r.scope() + ": " + r.reason());
            }
        }
        so.put("quarantined", !q.isEmpty());
        return so;
    }

    private StateDb.SessionRecord visibleSession(Context ctx, Principal p) {
        String id = ctx.pathParam("id");
        StateDb.SessionRecord s = plane.session(id).orElseThrow(() -> new WardenException(WardenException.Kind.NOT_FOUND, "no session " + id));
        if (!ApprovalGate.sees(p, s.team())) {
            throw new WardenException(WardenException.Kind.NOT_FOUND, "no session " + id);
        }
        return s;
    }

    private void showSession(Context ctx) {
        Principal p = auth(ctx, Role.APPROVER, Role.ADMIN);
        json(ctx, 200, sessionJson(visibleSession(ctx, p)));
    }

    private void release(Context ctx) {
        Principal p = auth(ctx, Role.APPROVER, Role.ADMIN);
        StateDb.SessionRecord s = visibleSession(ctx, p);
        ObjectNode body = jsonObject(ctx, true);
        String reason = optOr(optText(body, "reason"), "released by " + p.name());
        List<String> released = plane.release(s.id(), p, reason);
        if (released.isEmpty()) {
            throw new WardenException(WardenException.Kind.CONFLICT, "session " + s.id() + " is not quarantined");
        }
        ObjectNode o = sessionJson(plane.session(s.id()).orElseThrow());
        ArrayNode a = o.putArray("released");
        released.forEach(a::add);
        json(ctx, 200, o);
    }

    private void quarantine(Context ctx) {
        Principal p = auth(ctx, Role.APPROVER, Role.ADMIN);
        StateDb.SessionRecord s = visibleSession(ctx, p);
        ObjectNode body = jsonObject(ctx, true);
        String reason = optOr(optText(body, "reason"), "quarantined by " + p.name());
        if (!plane.quarantine("session:" + s.id(), s.id(), reason, p.name())) {
            throw new WardenException(WardenException.Kind.CONFLICT, "session " + s.id() + " is already quarantined");
        }
        json(ctx, 200, sessionJson(s));
    }

    private void freezeState(Context ctx) {
        auth(ctx, Role.APPROVER, Role.ADMIN);
        json(ctx, 200, freezeJson());
    }

    private ObjectNode freezeJson() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        var f = plane.frozen();
        o.put("frozen", f.isPresent());
        f.ifPresent(s -> {
            o.put("by", s.by());
            o.put("since", s.since().toString());
            o.put("reason", s.reason());
        });
        return o;
    }

    private void freeze(Context ctx, boolean on) {
        Principal p = auth(ctx, Role.ADMIN);
        ObjectNode body = jsonObject(ctx, true);
        String reason = optOr(optText(body, "reason"), on ? "frozen by " + p.name() : "unfrozen by " + p.name());
        if (on) {
            plane.freeze(reason, p.name());
        } else if (!plane.unfreeze(reason, p.name())) {
            throw new WardenException(WardenException.Kind.CONFLICT, "Warden is not frozen");
        }
        json(ctx, 200, freezeJson());
    }

    /** Recent decisions from the audit log (humans only; approvers with a team see their team's sessions). */
    private void recentDecisions(Context ctx) {
        Principal p = auth(ctx, Role.APPROVER, Role.ADMIN);
        int limit = intParam(ctx, "limit", 50, 1, 1000);
        String session = ctx.queryParam("session");
        String decision = ctx.queryParam("decision");
        AuditQuery q = new AuditQuery(session, null, null, decision, null, "tool.decision", null, null, null,
                p.team() == null ? limit : limit * 10, true);
        ObjectNode o = Json.MAPPER.createObjectNode();
        ArrayNode a = o.putArray("decisions");
        if (!java.nio.file.Files.exists(AuditTrail.databaseFile(home))) {
            json(ctx, 200, o);
            return;
        }
        Map<String, @Nullable String> teams = new LinkedHashMap<>();
        try (AuditTrail trail = AuditTrail.open(home)) {
            for (AuditRecord r : trail.records(q)) {
                if (p.team() != null) {
                    String team = teams.computeIfAbsent(r.sessionId(), id -> plane.session(id).map(StateDb.SessionRecord::team).orElse(null));
                    if (!p.team().equals(team)) {
                        continue;
                    }
                }
                if (a.size() >= limit) {
                    break;
                }
                ObjectNode e = a.addObject();
                e.put("index", r.index());
                e.put("time", r.time().toString());
                e.put("session", r.sessionId());
                e.put("agent_type", r.agentType());
                e.put("tool", r.tool());
                e.put("decision", r.decision());
                ArrayNode rules = e.putArray("rules");
                r.texts("rules").forEach(rules::add);
                e.put("profile", r.text("profile"));
                e.put("reason", r.text("reason"));
            }
        }
        json(ctx, 200, o);
    }

    private void createToken(Context ctx) {
        Principal p = auth(ctx, Role.ADMIN);
        ObjectNode o = jsonObject(ctx, false);
        Role role = Role.parse(optOr(optText(o, "role"), "")).orElseThrow(() ->
                new WardenException(WardenException.Kind.INVALID_INPUT, "role must be agent, approver or admin"));
        String name = optText(o, "name");
        if (name == null) {
            throw new WardenException(WardenException.Kind.INVALID_INPUT, "name is required");
        }
        Tokens.Created c = tokens.create(role, name, optText(o, "team"));
        Map<String, @Nullable Object> d = new LinkedHashMap<>();
        d.put("token_id", c.id());
        d.put("role", role.label());
        d.put("name", name);
        d.put("team", c.team());
        d.put("by", p.name());
        plane.record(new AuditEntry("token.created", clock.instant(), "", null, null, null, d));
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", c.id());
        out.put("token", c.token());
        out.put("role", role.label());
        out.put("name", c.name());
        out.put("team", c.team());
        json(ctx, 201, out);
    }

    private static int intParam(Context ctx, String name, int dflt, int min, int max) {
        String s = ctx.queryParam(name);
        if (s == null) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(s);
            if (v < min || v > max) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new WardenException(WardenException.Kind.INVALID_INPUT, name + " must be a whole number from " + min + " to " + max);
        }
    }

    /** Stops taking work, lets requests in flight finish (bounded), then stops Jetty. */
    @Override
    public void close() {
        draining = true;
        plane.approvals().close();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        app.stop();
    }
}
