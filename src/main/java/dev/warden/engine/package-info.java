/**
 * The decision path, assembled: {@link dev.warden.engine.Engine} takes a
 * {@link dev.warden.call.ToolCall}, binds it to a profile, analyses it, applies the policy,
 * records the result durably and only then returns the {@link dev.warden.engine.Verdict}.
 * Harness adapters (command hook, HTTP server) call it; it calls the feature packages.
 */
@NullMarked
package dev.warden.engine;

import org.jspecify.annotations.NullMarked;
