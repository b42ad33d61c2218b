/** Adapters between harnesses (Claude Code, ...) and Warden's vocabulary. */
@NullMarked
package dev.warden.harness;

import org.jspecify.annotations.NullMarked;
