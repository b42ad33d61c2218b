package dev.warden.call;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The answer to a tool call. Deny is a value, never an exception.
 *
 * <p>Every case carries the profile that governed the call and the reasons, strongest first.
 * An {@link Allow} may carry reasons too (log-only matches), which are recorded but not shown.
 */
public sealed interface Decision permits Decision.Allow, Decision.Ask, Decision.Approve, Decision.Deny {

    /** The profile that governed the call. */
    String profile();

    /** Why, strongest reason first. */
    List<Reason> reasons();

    /** The effect this decision stands for. */
    Effect effect();

    /** The rule ids behind the decision (those whose effect equals the decision's effect). */
    default List<String> rules() {
        return reasons().stream().filter(r -> r.effect() == effect()).map(Reason::rule).distinct().toList();
    }

    /** The reasons that decided, joined into one message for the agent. */
    default String explain() {
        List<Reason> deciding = reasons().stream().filter(r -> r.effect() == effect()).toList();
        if (deciding.isEmpty()) {
            return effect() == Effect.ALLOW ? "allowed by profile '" + profile() + "'" : effect().label();
        }
        return deciding.stream().map(Reason::explain).collect(Collectors.joining("; "));
    }

    /** Builds the decision for an effect ({@link Effect#LOG} is not a decision and becomes allow). */
    static Decision of(Effect effect, String profile, List<Reason> reasons) {
        return switch (effect) {
            case LOG, ALLOW -> new Allow(profile, reasons);
            case ASK -> new Ask(profile, reasons);
            case APPROVE -> new Approve(profile, reasons);
            case DENY -> new Deny(profile, reasons);
        };
    }

    /** The call runs. */
    record Allow(String profile, List<Reason> reasons) implements Decision {
        public Allow { reasons = List.copyOf(reasons); }
        @Override public Effect effect() { return Effect.ALLOW; }
    }

    /** The harness asks its user. */
    record Ask(String profile, List<Reason> reasons) implements Decision {
        public Ask { reasons = List.copyOf(reasons); }
        @Override public Effect effect() { return Effect.ASK; }
    }

    /** A human must approve this exact call before it runs. */
    record Approve(String profile, List<Reason> reasons) implements Decision {
        public Approve { reasons = List.copyOf(reasons); }
        @Override public Effect effect() { return Effect.APPROVE; }
    }

    /** The call does not run. */
    record Deny(String profile, List<Reason> reasons) implements Decision {
        public Deny { reasons = List.copyOf(reasons); }
        @Override public Effect effect() { return Effect.DENY; }
    }
}
