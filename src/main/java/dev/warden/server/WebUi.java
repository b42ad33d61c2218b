package dev.warden.server;

import dev.warden.approval.ApprovalRequest;
import dev.warden.approval.Principal;
import dev.warden.call.WardenException;
import dev.warden.harness.Json;
import dev.warden.store.StateDb;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The approvers' web page: plain server-rendered HTML forms, no JavaScript.
 *
 * <p>Design note. Login trades an approver or admin token (typed into a form, never put in a URL)
 * for a random session id in a cookie that is {@code HttpOnly} (scripts cannot read it),
 * {@code Secure} and {@code SameSite=Strict} (no other site can send it). Every state-changing
 * form carries a per-session CSRF token that is compared in constant time; a POST without it is
 * refused even with a valid cookie. Web sessions live in memory for eight hours; a restart
 * logs everyone out, which is the safe direction. Everything shown is HTML-escaped: the command
 * an agent wants to run is hostile input.
 */
final class WebUi {

    static final String COOKIE = "warden_ui";
    private static final Duration LIFETIME = Duration.ofHours(8);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record WebSession(Principal principal, String csrf, long expiresMs) {}

    private final ControlPlane plane;
    private final Tokens tokens;
    private final InstantSource clock;
    private final ConcurrentHashMap<String, WebSession> sessions = new ConcurrentHashMap<>();

    WebUi(ControlPlane plane, Tokens tokens, InstantSource clock) {
        this.plane = plane;
        this.tokens = tokens;
        this.clock = clock;
    }

    void routes(RoutesConfig r) {
        r.get("/ui", ctx -> ctx.redirect(session(ctx) == null ? "/ui/login" : "/ui/approvals"));
        r.get("/ui/login", ctx -> login(ctx, null));
        r.post("/ui/login", this::doLogin);
        r.post("/ui/logout", this::logout);
        r.get("/ui/approvals", this::list);
        r.get("/ui/approvals/{id}", this::show);
        r.post("/ui/approvals/{id}/approve", ctx -> decide(ctx, true));
        r.post("/ui/approvals/{id}/reject", ctx -> decide(ctx, false));
    }

    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private @Nullable WebSession session(Context ctx) {
        String id = ctx.cookie(COOKIE);
        if (id == null) {
            return null;
        }
        WebSession s = sessions.get(id);
        if (s == null || s.expiresMs() < clock.millis()) {
            if (s != null) {
                sessions.remove(id);
            }
            return null;
        }
        return s;
    }

    private void login(Context ctx, @Nullable String error) {
        page(ctx, error == null ? 200 : 401, "Sign in", """
                <h1>Warden approvals</h1>
                %s
                <form method="post" action="/ui/login">
                  <label for="token">Approver token</label>
                  <input type="password" id="token" name="token" autocomplete="off" required>
                  <button type="submit" id="login">Sign in</button>
                </form>""".formatted(error == null ? "" : "<p class=\"error\" id=\"error\">" + esc(error) + "</p>"));
    }

    private void doLogin(Context ctx) {
        String token = ctx.formParam("token");
        Principal p = tokens.authenticate(token == null ? null : token.strip()).orElse(null);
        if (p == null || !p.role().human()) {
            login(ctx, p == null ? "That token is not valid." : "Agent tokens cannot sign in; use an approver or admin token.");
            return;
        }
        if (sessions.size() > 10_000) {
            sessions.entrySet().removeIf(e -> e.getValue().expiresMs() < clock.millis());
        }
        String id = random();
        sessions.put(id, new WebSession(p, random(), clock.millis() + LIFETIME.toMillis()));
        ctx.header("Set-Cookie", COOKIE + "=" + id + "; Path=/ui; Max-Age=" + LIFETIME.toSeconds()
                + "; HttpOnly; Secure; SameSite=Strict");
        ctx.redirect("/ui/approvals");
    }

    private void logout(Context ctx) {
        WebSession s = session(ctx);
        if (s != null && csrfOk(ctx, s)) {
            sessions.remove(ctx.cookie(COOKIE));
        }
        ctx.header("Set-Cookie", COOKIE + "=; Path=/ui; Max-Age=0; HttpOnly; Secure; SameSite=Strict");
        ctx.redirect("/ui/login");
    }

    private @Nullable WebSession required(Context ctx) {
        WebSession s = session(ctx);
        if (s == null) {
            ctx.redirect("/ui/login");
        }
        return s;
    }

    private void list(Context ctx) {
        WebSession s = required(ctx);
        if (s == null) {
            return;
        }
        StringBuilder rows = new StringBuilder();
        List<ApprovalRequest> pending = plane.approvals().list(s.principal(), ApprovalRequest.Status.PENDING, 200);
        for (ApprovalRequest a : pending) {
            rows.append("<tr class=\"pending\" data-id=\"").append(esc(a.id())).append("\"><td><a href=\"/ui/approvals/")
                    .append(esc(a.id())).append("\">").append(esc(a.id())).append("</a></td><td><code>")
                    .append(esc(abbrev(a.summary()))).append("</code></td><td>").append(esc(agent(a))).append("</td><td>")
                    .append(esc(a.requester())).append("</td><td>").append(esc(String.join(", ", a.rules())))
                    .append("</td><td>").append(esc(a.expires().toString())).append("</td></tr>\n");
        }
        StringBuilder recent = new StringBuilder();
        for (ApprovalRequest a : plane.approvals().list(s.principal(), null, 30)) {
            if (a.status() != ApprovalRequest.Status.PENDING) {
                recent.append("<li><a href=\"/ui/approvals/").append(esc(a.id())).append("\">").append(esc(a.id())).append("</a> ")
                        .append(esc(a.status().label())).append(a.decidedBy() == null ? "" : " by " + esc(a.decidedBy()))
                        .append(": <code>").append(esc(abbrev(a.summary()))).append("</code></li>\n");
            }
        }
        page(ctx, 200, "Pending approvals", header(s) + """
                <h1>Pending approvals</h1>
                %s
                <h2>Recently decided</h2>
                <ul id="recent">%s</ul>""".formatted(pending.isEmpty() ? "<p id=\"none\">Nothing is waiting for you.</p>" : """
                <table id="pending"><thead><tr><th>Request</th><th>Call</th><th>Agent</th><th>Requester</th><th>Rules</th>
                <th>Expires</th></tr></thead><tbody>
                %s</tbody></table>""".formatted(rows), recent));
    }

    private String header(WebSession s) {
        return "<header><span id=\"who\">" + esc(s.principal().name()) + " (" + esc(s.principal().role().label()) + ")</span>"
                + "<form method=\"post\" action=\"/ui/logout\" class=\"inline\"><input type=\"hidden\" name=\"csrf\" value=\""
                + esc(s.csrf()) + "\"><button type=\"submit\" id=\"logout\">Sign out</button></form>"
                + " <a href=\"/ui/approvals\">All pending</a></header>";
    }

    private void show(Context ctx) {
        WebSession s = required(ctx);
        if (s == null) {
            return;
        }
        ApprovalRequest a;
        try {
            a = plane.approvals().visible(ctx.pathParam("id"), s.principal());
        } catch (WardenException e) {
            page(ctx, WardenServer.status(e.kind()), "Not found", header(s) + "<p class=\"error\" id=\"error\">" + esc(e.getMessage()) + "</p>");
            return;
        }
        detail(ctx, s, a, ctx.queryParam("done"), null, 200);
    }

    private void detail(Context ctx, WebSession s, ApprovalRequest a, @Nullable String done, @Nullable String error, int status) {
        StateDb.SessionRecord sess = plane.session(a.call().sessionId()).orElse(null);
        StringBuilder votes = new StringBuilder();
        for (ApprovalRequest.Vote v : a.votes()) {
            votes.append("<li>").append(esc(v.approver())).append(" (").append(esc(v.role())).append(") at ")
                    .append(esc(v.at().toString())).append(v.reason() == null ? "" : ": " + esc(v.reason())).append("</li>");
        }
        String forms = a.status() != ApprovalRequest.Status.PENDING ? "" : """
                <form method="post" action="/ui/approvals/%1$s/approve" id="approve-form">
                  <input type="hidden" name="csrf" value="%2$s">
                  <label for="approve-reason">Reason%3$s</label>
                  <input type="text" id="approve-reason" name="reason" maxlength="1000">
                  <button type="submit" id="approve">Approve this exact call</button>
                </form>
                <form method="post" action="/ui/approvals/%1$s/reject" id="reject-form">
                  <input type="hidden" name="csrf" value="%2$s">
                  <label for="reject-reason">Reason (required; the agent is told)</label>
                  <input type="text" id="reject-reason" name="reason" maxlength="1000" required>
                  <button type="submit" id="reject">Reject</button>
                </form>""".formatted(esc(a.id()), esc(s.csrf()), a.gate().reasonRequired() ? " (required)" : " (optional)");
        String body = header(s) + """
                <h1>Approval request <span id="request-id">%s</span></h1>
                %s%s
                <p>Status: <strong id="status">%s</strong>%s</p>
                <h2>The exact call</h2>
                <p>Tool <code id="tool">%s</code> in <code>%s</code></p>
                <pre id="command">%s</pre>
                <details><summary>Full input (JSON)</summary><pre id="input">%s</pre></details>
                <p>Digest <code id="digest">%s</code> — approving approves this call and nothing else.</p>
                <h2>Why it needs approval</h2>
                <ul id="reasons">%s</ul>
                <h2>Findings</h2>
                <ul id="findings">%s</ul>
                <h2>Who is asking</h2>
                <p>Agent: <span id="agent">%s</span>; requester: <span id="requester">%s</span>%s; profile %s</p>
                <p>Session <code id="session">%s</code>%s</p>
                <h2>Gate</h2>
                <p>Needs %d approval(s) from %s; scope %s; expires %s.</p>
                <ul id="votes">%s</ul>
                %s""".formatted(esc(a.id()),
                done == null ? "" : "<p class=\"ok\" id=\"done\">Done: " + esc(done) + "</p>",
                error == null ? "" : "<p class=\"error\" id=\"error\">" + esc(error) + "</p>",
                esc(a.status().label()), a.decidedBy() == null ? "" : " by <span id=\"decided-by\">" + esc(a.decidedBy()) + "</span>"
                        + (a.decisionReason() == null ? "" : ": " + esc(a.decisionReason())),
                esc(a.call().tool()), esc(a.call().cwd()), esc(a.summary()),
                esc(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(a.call().input())), esc(a.digest()),
                items(a.reasons()), items(a.findings()), esc(agent(a)), esc(a.requester()),
                a.team() == null ? "" : " (team " + esc(a.team()) + ")", esc(a.profile()), esc(a.call().sessionId()),
                sess == null ? "" : " — started " + esc(sess.firstSeen().toString()) + ", " + sess.calls() + " calls, "
                        + sess.denials() + " denials",
                a.gate().required(), esc(String.join(", ", a.gate().approvers())), esc(a.gate().scope().label()),
                esc(a.expires().toString()), votes, forms);
        page(ctx, status, "Approval " + a.id(), body);
    }

    private void decide(Context ctx, boolean approve) {
        WebSession s = session(ctx);
        if (s == null) {
            page(ctx, 401, "Sign in", "<p class=\"error\" id=\"error\">Your session has ended; <a href=\"/ui/login\">sign in</a> again.</p>");
            return;
        }
        if (!csrfOk(ctx, s)) {
            page(ctx, 403, "Refused", "<p class=\"error\" id=\"error\">This form did not come from this page (CSRF check failed); nothing was changed.</p>");
            return;
        }
        String id = ctx.pathParam("id");
        String reason = ctx.formParam("reason");
        try {
            ApprovalRequest a = approve ? plane.approvals().approve(id, s.principal(), reason)
                    : plane.approvals().reject(id, s.principal(), reason);
            ctx.redirect("/ui/approvals/" + a.id() + "?done=" + (approve ? (a.status() == ApprovalRequest.Status.APPROVED
                    ? "approved" : "your+approval+is+recorded") : "rejected"));
        } catch (WardenException e) {
            ApprovalRequest a;
            try {
                a = plane.approvals().visible(id, s.principal());
            } catch (WardenException e2) {
                page(ctx, WardenServer.status(e2.kind()), "Not found", header(s) + "<p class=\"error\" id=\"error\">" + esc(e2.getMessage()) + "</p>");
                return;
            }
            detail(ctx, s, a, null, e.getMessage(), WardenServer.status(e.kind()));
        }
    }

    private static boolean csrfOk(Context ctx, WebSession s) {
        String sent = ctx.formParam("csrf");
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), s.csrf().getBytes(StandardCharsets.UTF_8));
    }

    private static String agent(ApprovalRequest a) {
        return a.call().agentType() == null ? "main agent" : a.call().agentType() + " (" + a.call().agentId() + ")";
    }

    private static String items(List<String> l) {
        StringBuilder sb = new StringBuilder();
        for (String s : l) {
            sb.append("<li>").append(esc(s)).append("</li>");
        }
        return sb.isEmpty() ? "<li>none</li>" : sb.toString();
    }

    private static String abbrev(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }

    private static void page(Context ctx, int status, String title, String body) {
        ctx.status(status).contentType("text/html; charset=utf-8")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
                .header("X-Frame-Options", "DENY").header("Referrer-Policy", "no-referrer").header("Cache-Control", "no-store")
                .result("""
                        <!doctype html>
                        <html lang="en"><head><meta charset="utf-8"><title>%s — Warden</title>
                        <style>body{font-family:sans-serif;max-width:70em;margin:1em auto;padding:0 1em}
                        pre{background:#f4f4f4;padding:.5em;white-space:pre-wrap;word-break:break-all}
                        table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.3em .6em;text-align:left}
                        .error{color:#a00}.ok{color:#060}form{margin:.6em 0}.inline{display:inline}header{margin-bottom:1em}</style>
                        </head><body>
                        %s
                        </body></html>""".formatted(esc(title), body));
    }

    /** HTML-escapes text for element content and quoted attributes. */
    static String esc(@Nullable String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
