package dev.warden.policy;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a human gate is passed: who may approve, how many distinct people, whether a reason is
 * required, how long the request stays open, and what an approval grants.
 *
 * @param approvers      who may approve: roles ({@code approver}, {@code admin}), {@code team:NAME}
 *                       or {@code user:NAME}; any one entry matching is enough
 * @param required       how many distinct people must approve (N of M)
 * @param reasonRequired whether approving (rejecting always needs one) must give a reason
 * @param expires        how long the request waits for its approvals
 * @param scope          what an approval grants
 * @param grantFor       for {@link Scope#SESSION} and {@link Scope#RULE}: how long the grant lasts
 * @param allowSelf      whether the human behind the session may approve their own agent's request
 */
public record Approval(List<String> approvers, int required, boolean reasonRequired, Duration expires, Scope scope,
        Duration grantFor, boolean allowSelf) {

    /** What an approval grants. */
    public enum Scope {
        /** This exact call, once. */
        ONCE,
        /** Calls identical to this one (same digest) in this session, for {@code grantFor}. */
        SESSION,
        /** Any call this rule gates, in this session, for {@code grantFor}. */
        RULE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Scope> parse(String s) {
            for (Scope v : values()) {
                if (v.label().equals(s.strip().toLowerCase(Locale.ROOT))) {
                    return Optional.of(v);
                }
            }
            return Optional.empty();
        }
    }

    /** The built-in default: one approver or admin, no reason needed, 10 minutes, this call once. */
    public static final Approval DEFAULT = new Approval(List.of("approver", "admin"), 1, false, Duration.ofMinutes(10),
            Scope.ONCE, Duration.ofMinutes(30), false);

    public Approval {
        approvers = List.copyOf(approvers);
    }

    /**
     * The stricter combination of two gates on one call: more approvers required, a reason if
     * either wants one, the shorter expiry, the narrower grant, self-approval only if both allow
     * it; the approver list of this one unless it is empty.
     */
    public Approval strictest(Approval o) {
        Scope narrow = scope.ordinal() <= o.scope.ordinal() ? scope : o.scope;
        return new Approval(approvers.isEmpty() ? o.approvers : approvers, Math.max(required, o.required),
                reasonRequired || o.reasonRequired, expires.compareTo(o.expires) <= 0 ? expires : o.expires, narrow,
                grantFor.compareTo(o.grantFor) <= 0 ? grantFor : o.grantFor, allowSelf && o.allowSelf);
    }
}
