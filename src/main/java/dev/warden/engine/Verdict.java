package dev.warden.engine;

import dev.warden.call.Analysis;
import dev.warden.call.Decision;
import dev.warden.call.ToolCall;
import dev.warden.policy.Mode;

/**
 * What Warden decided about one call, with everything needed to answer and to explain it.
 *
 * @param call       the call
 * @param analysis   what analysis found
 * @param decision   the policy's decision
 * @param mode       enforce, or monitor (decided and recorded, not enforced)
 * @param policyHash which policy decided
 * @param nanos      time spent deciding (analysis + policy), excluding recording
 * @param project    the project root the call was judged in
 * @param auditIndex the index of the audit record; -1 when not recorded ({@link Engine#evaluate})
 *                   or when it could not be written (then the decision is a deny that says so)
 */
public record Verdict(ToolCall call, Analysis analysis, Decision decision, Mode mode, String policyHash,
        long nanos, String project, long auditIndex) {

    /** True when the harness must apply the decision; false in monitor mode. */
    public boolean enforced() {
        return mode == Mode.ENFORCE;
    }
}
