/**
 * Policy as code. {@link dev.warden.policy.PolicyLoader} reads the layered YAML policy (built-in,
 * user, project, org) and compiles it, all problems at once, into an immutable, thread-safe
 * {@link dev.warden.policy.Policy}; {@link dev.warden.policy.Policy#decide} turns a call and its
 * analysis into a {@link dev.warden.call.Decision}.
 */
@NullMarked
package dev.warden.policy;

import org.jspecify.annotations.NullMarked;
