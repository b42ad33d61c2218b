package dev.warden.policy;

import java.util.Optional;

/**
 * Which profile governs a call. All given conditions must hold; the first binding that matches
 * wins, org bindings first, then project, user and built-in.
 *
 * @param agentType subagent type glob ({@code agent_type} in the hook payload), if any
 * @param main      {@code true}: only the main agent; {@code false}: only subagents; empty: either
 * @param project   project-root path glob, if any
 * @param label     explicit label ({@code WARDEN_LABEL} in the hook's environment), if any
 * @param profile   the profile to apply
 * @param layer     where it was defined
 */
public record Binding(Optional<String> agentType, Optional<Boolean> main, Optional<String> project,
        Optional<String> label, String profile, Layer layer) {}
