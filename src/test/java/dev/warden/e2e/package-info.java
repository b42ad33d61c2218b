/**
 * End-to-end test fixtures that drive the real Claude Code CLI (pinned 2.1.332, installed by
 * {@code .ci/setup-claude.sh} into {@code .ci/claude}) against an in-process fake Anthropic
 * Messages API, with no model and no network.
 *
 * <p>Entry points: {@link dev.warden.e2e.FakeAnthropicApi} (scripts the model's turns with
 * {@link dev.warden.e2e.Turn}s and records what the model saw), {@link dev.warden.e2e.ClaudeCli}
 * (finds the CLI and makes a throw-away {@link dev.warden.e2e.ClaudeProject}),
 * {@link dev.warden.e2e.ClaudeRun} (what one {@code claude -p} run produced),
 * {@link dev.warden.e2e.HookSettings} (the {@code hooks} block of a settings file) and
 * {@link dev.warden.e2e.RecordingHook} (a sh hook that keeps its stdin payloads).
 * Tests that run the CLI carry {@code @Tag("e2e")}; without the CLI they are skipped with
 * "Claude Code CLI not installed: run .ci/setup-claude.sh".
 *
 * <p>What the CLI 2.1.332 was seen to do (headless, Linux, as root), beyond the shared notes:
 * <ul>
 *   <li>The npm package ships a native executable (optional dependency
 *       {@code @anthropic-ai/claude-code-linux-x64}, ~384 MB); Node is not used at run time.
 *   <li>Subagents run in the background by default ({@code run_in_background} defaults to
 *       true): the Agent tool_result is "Async agent launched successfully ...", the parent's
 *       next turn is asked for while the subagent works, and a task notification re-prompts the
 *       parent when it ends. {@link dev.warden.e2e.Turn#agent} asks for a foreground agent,
 *       which gives the documented hook order PreToolUse(Agent), SubagentStart,
 *       PreToolUse(Bash, agent_id), PostToolUse(Bash), SubagentStop, PostToolUse(Agent).
 *   <li>The stream-json init event lists the subagent tool as {@code Task}; the API request and
 *       the hook payloads call it {@code Agent}.
 *   <li>A subagent's requests carry {@code cc_is_subagent=true} in the first system block, only
 *       the tools of its definition, and its prompt verbatim as the first user message.
 *       {@code messages} may contain {@code role: system} entries.
 *   <li>With {@code CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1} the CLI sends nothing but
 *       {@code POST /v1/messages?beta=true} (streamed), one per model turn.
 *   <li>What the model sees when a PreToolUse hook blocks: deny JSON:
 *       {@code PreToolUse:Bash hook error: <reason>}; exit 2:
 *       {@code PreToolUse:Bash hook error: [<hook command>]: <stderr>}; {@code ask} in -p: the
 *       bare reason; onFailure block: {@code PreToolUse:Bash hook error: [<command or url>]:
 *       failed; blocking because onFailure is "block"} and the error (e.g.
 *       {@code connect ECONNREFUSED 127.0.0.1:9}) — all with {@code is_error: true}.
 *   <li>An invalid settings file is dropped whole — its hooks AND its permission rules — with
 *       exit 0, nothing on stderr and nothing in stream-json; only {@code --debug} (written to
 *       {@code ~/.claude/debug/<session>.txt}, not stderr) says {@code [ERROR] Invalid setting
 *       skipped without dialog (automated session): <file>: <json path>: <message>}. Dropped:
 *       JSON syntax errors, an empty file, a wrong type anywhere the schema knows (timeout as a
 *       string or negative, matcher not a string, {@code model: 123}, permissions.deny as a
 *       string, hooks as an array, an event's value not an array, a matcher group without
 *       {@code hooks}), an unknown hook type, a command hook without command, an http hook
 *       without a valid url, an unknown onFailure value. Tolerated: unknown top-level fields,
 *       unknown fields in a hook entry, unknown event names, an unparseable permission rule.
 *   <li>A PreToolUse hook runs even for a call a {@code permissions.deny} rule then denies.
 *   <li>The CLI honours {@code TMPDIR} for its task files.
 * </ul>
 */
@NullMarked
package dev.warden.e2e;

import org.jspecify.annotations.NullMarked;
