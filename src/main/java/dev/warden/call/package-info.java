/**
 * The shared vocabulary of Warden: what an agent wants to do ({@link dev.warden.call.ToolCall}),
 * what analysis found in it ({@link dev.warden.call.Analysis}, {@link dev.warden.call.Finding}),
 * and what Warden decided ({@link dev.warden.call.Decision}, {@link dev.warden.call.Reason}).
 *
 * <p>Every feature package speaks these types; none of them depends on another feature.
 */
@NullMarked
package dev.warden.call;

import org.jspecify.annotations.NullMarked;
