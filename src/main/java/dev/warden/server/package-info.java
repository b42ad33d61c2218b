/**
 * {@code warden serve}: the control plane over HTTP. {@link dev.warden.server.WardenServer}
 * (Javalin on virtual threads) serves Claude Code's HTTP hooks, the decision API, approvals,
 * sessions, freeze, audit queries, the approvers' web page, health and metrics;
 * {@link dev.warden.server.ControlPlane} is the decision path around the engine: quarantine,
 * rate limits, denial thresholds and approval gates.
 */
@NullMarked
package dev.warden.server;

import org.jspecify.annotations.NullMarked;
