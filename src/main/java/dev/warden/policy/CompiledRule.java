package dev.warden.policy;

import dev.cel.runtime.CelEvaluationException;
import dev.warden.call.Effect;
import dev.warden.call.Reason;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A rule with its matchers and condition compiled. */
final class CompiledRule {

    private final Rule view;
    private final List<CallMatcher> matchers;
    private final @Nullable CelCondition condition;

    CompiledRule(Rule view, List<CallMatcher> matchers, @Nullable CelCondition condition) {
        this.view = view;
        this.matchers = List.copyOf(matchers);
        this.condition = condition;
    }

    Rule view() {
        return view;
    }

    /**
     * Judges the call: returns the reason when the rule applies, empty otherwise. An allow rule
     * needs every part of the call to match; the others need any part. A condition that fails
     * to evaluate fails closed: a restricting rule applies, an allow rule does not.
     */
    Optional<Reason> judge(Subject s) {
        boolean allow = view.effect() == Effect.ALLOW;
        String part = "";
        if (!matchers.isEmpty()) {
            boolean hit = false;
            for (CallMatcher m : matchers) {
                if (allow) {
                    if (m.allParts(s)) {
                        hit = true;
                        break;
                    }
                } else {
                    Optional<String> p = m.anyPart(s);
                    if (p.isPresent()) {
                        hit = true;
                        part = p.get();
                        break;
                    }
                }
            }
            if (!hit) {
                return Optional.empty();
            }
        }
        String failure = null;
        if (condition != null) {
            try {
                if (!condition.test(s)) {
                    return Optional.empty();
                }
            } catch (CelEvaluationException | RuntimeException e) {
                if (allow) {
                    return Optional.empty();
                }
                failure = e.getMessage();
            }
        }
        String message = view.message().isEmpty() ? "matched rule '" + view.id() + "'" : view.message();
        if (failure != null) {
            message = message + " (its condition could not be evaluated, so it applies: " + failure + ")";
        }
        return Optional.of(new Reason(view.id(), view.effect(), message, part, view.hint()));
    }
}
