/**
 * Claude Code's hook contract: {@link dev.warden.harness.claude.ClaudeHook} turns one hook event
 * (JSON) into Warden's answer (stdout JSON and exit code).
 */
@NullMarked
package dev.warden.harness.claude;

import org.jspecify.annotations.NullMarked;
