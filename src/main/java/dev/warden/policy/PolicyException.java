package dev.warden.policy;

import dev.warden.call.WardenException;
import java.util.List;
import java.util.stream.Collectors;

/** A policy that does not compile; carries every problem found, each with file:line:col. */
public final class PolicyException extends WardenException {

    private final List<PolicyProblem> problems;

    public PolicyException(List<PolicyProblem> problems) {
        super(Kind.INVALID_POLICY, "policy does not compile (" + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + "):\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<PolicyProblem> problems() {
        return problems;
    }
}
