/**
 * End-to-end test fixtures that drive the real Claude Code CLI (pinned 2.1.332, installed by
 * {@code .ci/setup-claude.sh}) against an in-process fake Anthropic Messages API, with no model
 * and no network.
 *
 * <p>Entry points: {@link dev.warden.e2e.FakeAnthropicApi} (scripts the model's turns with
 * {@link dev.warden.e2e.Turn}s and records what the model saw), {@link dev.warden.e2e.ClaudeCli}
 * (finds the CLI and makes a throw-away {@link dev.warden.e2e.ClaudeProject}), and
 * {@link dev.warden.e2e.ClaudeRun} (what one {@code claude -p} run produced).
 * {@link dev.warden.e2e.HookSettings} writes the {@code hooks} block of a settings file.
 *
 * <p>Tests built on these fixtures carry {@code @Tag("e2e")}.
 */
@NullMarked
package dev.warden.e2e;

import org.jspecify.annotations.NullMarked;
