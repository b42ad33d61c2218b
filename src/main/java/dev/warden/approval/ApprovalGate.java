package dev.warden.approval;

import dev.warden.approval.ApprovalRequest.Status;
import dev.warden.audit.AuditEntry;
import dev.warden.audit.AuditEvents;
import dev.warden.call.ToolCall;
import dev.warden.call.WardenException;
import dev.warden.policy.Approval;
import dev.warden.store.StateDb;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The approval gate: an "approve" decision becomes a request bound to the call's digest, and the
 * caller waits — bounded — for the humans the policy names.
 *
 * <p>Design note: the wait. A request lives in the state database; waiting callers park on an
 * in-memory signal per request id that {@link #approve}, {@link #reject}, the expiry sweeper and
 * {@link #close} complete, and re-read the database when woken (the database, not the signal,
 * is the truth). A caller never waits past the smaller of the request's expiry and its own
 * budget, which the server derives from the harness's hook timeout minus a margin, so the
 * harness always gets Warden's answer rather than a timeout. A call that comes back identical
 * (same digest) while its request is pending joins the same request instead of opening another;
 * once approved, a once-scope approval is consumed by exactly one call (a conditional update).
 *
 * <p>Rules for deciding: only human tokens (approver, admin) whose role, team or name the gate
 * lists; the requester (the human behind the session) cannot approve their own agent's request
 * unless the gate allows it; N-of-M counts distinct names; one rejection rejects; a decided or
 * expired request cannot be decided again (409).
 */
public final class ApprovalGate implements AutoCloseable {

    /** The result of gating one call. */
    public record Outcome(Kind kind, String message, @Nullable ApprovalRequest request) {}

    /** How a gated call ends. */
    public enum Kind {
        /** Approved (now or by an earlier grant): the call runs. */
        ALLOW,
        /** Rejected, expired, or still pending when the wait ended: the call does not run now. */
        DENY,
        /** Still pending, and the caller asked not to wait (headless defer). */
        PENDING
    }

    private final StateDb db;
    private final Consumer<AuditEntry> audit;
    private final Notifier notifier;
    private final InstantSource clock;
    private final Supplier<String> ids;
    private final ConcurrentHashMap<String, CompletableFuture<Void>> signals = new ConcurrentHashMap<>();
    private final Thread sweeper;
    private volatile boolean closed;

    /**
     * @param audit    records approval events durably (throws when it cannot)
     * @param ids      new request ids
     */
    public ApprovalGate(StateDb db, Consumer<AuditEntry> audit, Notifier notifier, InstantSource clock, Supplier<String> ids) {
        this.db = db;
        this.audit = audit;
        this.notifier = notifier;
        this.clock = clock;
        this.ids = ids;
        this.sweeper = Thread.ofVirtual().name("warden-approval-expiry").start(this::sweep);
    }

    /**
     * Gates one call that policy sent to a human.
     *
     * @param call      the call
     * @param profile   its profile
     * @param rules     the rules/findings asking for approval
     * @param reasons   their explanations
     * @param findings  analysis findings, one line each
     * @param gate      the approval settings that apply
     * @param requester the agent's principal (whose human asks)
     * @param wait      how long the caller may wait for a decision (zero: do not wait)
     * @param defer     when still pending after the wait: PENDING (the harness defers) instead of DENY
     */
    public Outcome gate(ToolCall call, String profile, List<String> rules, List<String> reasons, List<String> findings,
            Approval gate, Principal requester, Duration wait, boolean defer) {
        String digest = CallDigest.of(call);
        Instant now = clock.instant();
        Optional<String> granted = db.grantFor(call.sessionId(), digest, rules, now);
        if (granted.isPresent()) {
            record(AuditEvents.approval("approval.used", call, digest, null, "covered by the grant of " + granted.get(), null, now));
            return new Outcome(Kind.ALLOW, "covered by the grant of approval request " + granted.get(), null);
        }
        ApprovalRequest r = db.openApprovalFor(digest).orElse(null);
        if (r == null || (r.status() == Status.PENDING && !now.isBefore(r.expires()))) {
            expireDue();
            r = new ApprovalRequest(ids.get(), digest, call, profile, rules, reasons, findings, requester.name(),
                    requester.team(), gate, Status.PENDING, now, now.plus(gate.expires()), null, null, null, List.of(), null);
            // Recorded before it is stored: a request that cannot be audited is never opened.
            record(AuditEvents.approval(AuditEvents.APPROVAL_REQUESTED, call, digest, null, String.join("; ", reasons),
                    r.expires(), now));
            db.insertApproval(r);
            notifier.publish(event(AuditEvents.APPROVAL_REQUESTED, r, requester.name() + "'s agent wants to run `"
                    + abbreviate(r.summary()) + "` (" + String.join(", ", rules) + "): approve or reject " + r.id(), null, null));
        }
        return await(r.id(), now.plus(wait), defer);
    }

    private Outcome await(String id, Instant deadline, boolean defer) {
        while (true) {
            ApprovalRequest r = db.approval(id).orElseThrow();
            Instant now = clock.instant();
            switch (r.status()) {
                case APPROVED -> {
                    if (r.gate().scope() == Approval.Scope.ONCE && !db.consume(id, now)) {
                        return new Outcome(Kind.DENY, "approval request " + id + " was approved for one call and an identical"
                                + " call has already used it; retry to ask for a new approval", r);
                    }
                    record(AuditEvents.approval("approval.used", r.call(), r.digest(), r.decidedBy(), "request " + id, null, now));
                    return new Outcome(Kind.ALLOW, "approved by " + r.decidedBy()
                            + (r.decisionReason() == null || r.decisionReason().isBlank() ? "" : " (" + r.decisionReason() + ")")
                            + " [approval request " + id + "]", r);
                }
                case REJECTED -> {
                    return new Outcome(Kind.DENY, "rejected by " + r.decidedBy() + ": " + r.decisionReason()
                            + " [approval request " + id + "]. Do not retry this call; tell the user what you wanted to do"
                            + " and why, or take a different approach", r);
                }
                case EXPIRED -> {
                    return new Outcome(Kind.DENY, "approval expired: request " + id + " got no decision before "
                            + r.expires() + ". If the call is still needed, tell the user a human must approve it, then"
                            + " retry the identical call to ask again", r);
                }
                case PENDING -> {
                    if (!now.isBefore(r.expires())) {
                        expireDue();
                        continue;
                    }
                    if (closed || !now.isBefore(deadline)) {
                        String who = String.join(", ", r.gate().approvers());
                        String msg = "approval request " + id + " is still waiting for " + r.gate().required() + " approval(s) from "
                                + who + (closed ? " (the Warden server is shutting down)" : "") + ". Do not work around it:"
                                + " retry the identical call after a human approved it (`warden approvals approve " + id
                                + "`); the approval is bound to this exact call";
                        return new Outcome(defer && !closed ? Kind.PENDING : Kind.DENY, msg, r);
                    }
                    Instant until = r.expires().isBefore(deadline) ? r.expires() : deadline;
                    CompletableFuture<Void> signal = signals.computeIfAbsent(id, k -> new CompletableFuture<>());
                    // Re-read after registering, so a decision between the read and the park is not missed.
                    if (db.approval(id).orElseThrow().status() != Status.PENDING) {
                        continue;
                    }
                    try {
                        signal.get(Math.max(1, Duration.between(clock.instant(), until).toMillis()), TimeUnit.MILLISECONDS);
                    } catch (TimeoutException e) {
                        // re-check below
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return new Outcome(Kind.DENY, "interrupted while waiting for approval request " + id, r);
                    } catch (java.util.concurrent.ExecutionException e) {
                        // not completed exceptionally
                    }
                }
            }
        }
    }

    /**
     * One approval of a request by a human. Returns the request as it now stands (approved once
     * enough distinct people approved).
     *
     * @throws WardenException FORBIDDEN (agent token, not a listed approver, own agent's request),
     *         INVALID_INPUT (a reason is required), NOT_FOUND, CONFLICT (decided, expired, voted)
     */
    public ApprovalRequest approve(String id, Principal who, @Nullable String reason) {
        ApprovalRequest r = visible(id, who);
        mayDecide(r, who);
        if (r.gate().reasonRequired() && (reason == null || reason.isBlank())) {
            throw new WardenException(WardenException.Kind.INVALID_INPUT, "approving " + id + " requires a reason (policy: reason_required)");
        }
        Instant now = clock.instant();
        StateDb.VoteOutcome o = db.vote(id, who, blankToNull(reason), now);
        ApprovalRequest after = db.approval(id).orElseThrow();
        if (o == StateDb.VoteOutcome.APPROVED) {
            recordQuietly(AuditEvents.approval(AuditEvents.APPROVAL_GRANTED, after.call(), after.digest(), after.decidedBy(),
                    blankToNull(reason), null, now));
            notifier.publish(event(AuditEvents.APPROVAL_GRANTED, after, after.id() + " approved by " + after.decidedBy(),
                    after.decidedBy(), reason));
        } else {
            recordQuietly(AuditEvents.approval("approval.vote", after.call(), after.digest(), who.name(), blankToNull(reason), null, now));
        }
        wake(id);
        return after;
    }

    /** Rejects a request (a reason is always required). Same errors as {@link #approve}. */
    public ApprovalRequest reject(String id, Principal who, @Nullable String reason) {
        ApprovalRequest r = visible(id, who);
        mayDecide(r, who);
        if (reason == null || reason.isBlank()) {
            throw new WardenException(WardenException.Kind.INVALID_INPUT, "rejecting " + id
                    + " requires a reason: the agent is told it, so say what it should do instead");
        }
        Instant now = clock.instant();
        db.reject(id, who, reason.strip(), now);
        ApprovalRequest after = db.approval(id).orElseThrow();
        recordQuietly(AuditEvents.approval(AuditEvents.APPROVAL_REJECTED, after.call(), after.digest(), who.name(), reason.strip(), null, now));
        notifier.publish(event(AuditEvents.APPROVAL_REJECTED, after, after.id() + " rejected by " + who.name() + ": " + reason.strip(),
                who.name(), reason));
        wake(id);
        return after;
    }

    /** A request the principal may see (approvers with a team see their team's requests). */
    public ApprovalRequest visible(String id, Principal who) {
        if (!who.role().human()) {
            throw new WardenException(WardenException.Kind.FORBIDDEN, "agent tokens cannot read or decide approval requests");
        }
        ApprovalRequest r = db.approval(id).orElseThrow(() -> new WardenException(WardenException.Kind.NOT_FOUND, "no approval request " + id));
        if (!sees(who, r.team())) {
            throw new WardenException(WardenException.Kind.NOT_FOUND, "no approval request " + id);
        }
        return r;
    }

    /** Requests the principal may see, newest first. */
    public List<ApprovalRequest> list(Principal who, @Nullable Status status, int limit) {
        if (!who.role().human()) {
            throw new WardenException(WardenException.Kind.FORBIDDEN, "agent tokens cannot read approval requests");
        }
        expireDue();
        String team = who.role() == dev.warden.approval.Role.ADMIN && who.team() == null ? null : who.team();
        return db.approvals(status, team, limit);
    }

    /**
     * True when a principal may see things of a team: humans without a team are org-wide and see
     * every team; humans with a team see their team's (admins also the team-less); agents nothing.
     */
    public static boolean sees(Principal who, @Nullable String team) {
        if (!who.role().human()) {
            return false;
        }
        if (who.team() == null) {
            return true;
        }
        return who.team().equals(team) || (who.role() == dev.warden.approval.Role.ADMIN && team == null);
    }

    private static void mayDecide(ApprovalRequest r, Principal who) {
        if (r.gate().approvers().stream().noneMatch(who::matches)) {
            throw new WardenException(WardenException.Kind.FORBIDDEN, who.name() + " (" + who.role().label()
                    + (who.team() == null ? "" : ", team " + who.team()) + ") may not decide " + r.id() + "; it needs one of "
                    + r.gate().approvers());
        }
        if (!r.gate().allowSelf() && who.name().equals(r.requester())) {
            throw new WardenException(WardenException.Kind.FORBIDDEN, who.name() + " cannot decide a request made by their own agent ("
                    + r.id() + "); another approver must");
        }
    }

    /** Expires every due request now (also run every second by the sweeper). */
    public void expireDue() {
        for (ApprovalRequest r : db.expireDue(clock.instant())) {
            recordQuietly(AuditEvents.approval(AuditEvents.APPROVAL_EXPIRED, r.call(), r.digest(), null, null, r.expires(), clock.instant()));
            notifier.publish(event(AuditEvents.APPROVAL_EXPIRED, r, r.id() + " expired without a decision", null, null));
            wake(r.id());
        }
    }

    private void sweep() {
        while (!closed) {
            try {
                Thread.sleep(1000);
                expireDue();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the database may be briefly busy; the next sweep retries
            }
        }
    }

    private void wake(String id) {
        CompletableFuture<Void> f = signals.remove(id);
        if (f != null) {
            f.complete(null);
        }
    }

    private void record(AuditEntry e) {
        audit.accept(e);
    }

    private void recordQuietly(AuditEntry e) {
        try {
            audit.accept(e);
        } catch (RuntimeException ex) {
            // The decision itself is durable in the state database; the audit gap is visible in verify.
        }
    }

    private static Notifier.Event event(String kind, ApprovalRequest r, String title, @Nullable String by, @Nullable String reason) {
        Map<String, @Nullable Object> d = new LinkedHashMap<>();
        d.put("id", r.id());
        d.put("status", r.status().label());
        d.put("session", r.call().sessionId());
        d.put("agent_type", r.call().agentType());
        d.put("tool", r.call().tool());
        d.put("command", r.summary());
        d.put("rules", r.rules());
        d.put("requester", r.requester());
        d.put("team", r.team());
        d.put("expires", r.expires().toString());
        d.put("digest", r.digest());
        d.put("by", by);
        d.put("reason", reason);
        return new Notifier.Event(kind, Instant.now(), title, d);
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Wakes every waiter (they answer deny: pending) and stops the sweeper. */
    @Override
    public void close() {
        closed = true;
        sweeper.interrupt();
        signals.values().forEach(f -> f.complete(null));
        signals.clear();
    }
}
