package dev.warden.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What one {@code claude -p} run produced: exit code, stdout (stream-json events), stderr, and
 * the requests the fake API received during the run.
 *
 * <p>Assertion messages: pass {@link #diagnostics()} (exit code, stderr, fake-API problems and
 * every request) so a failure explains itself, e.g.
 * {@code assertThat(x).as(run::diagnostics)...}, or call {@link #requireClean()}.
 *
 * @param exitCode the CLI's exit code, -1 if it timed out
 * @param timedOut whether the run was killed at the project's timeout
 * @param wallTime from start to exit
 * @param stdout the raw stream-json output
 * @param stderr the raw stderr
 * @param events stdout's JSON lines, parsed
 * @param requests the fake API's requests during this run, in arrival order
 * @param problems what went off-script in the fake API during this run
 * @param debugLog the CLI's debug log of this session ({@code ~/.claude/debug/<session>.txt}),
 *     "" unless the project ran with {@link ClaudeProject#debug}; invalid settings files are
 *     reported only there ({@code [ERROR] Invalid setting skipped ...})
 * @param project the work dir
 * @param output the folder holding this run's stdout.jsonl and stderr.txt
 */
public record ClaudeRun(int exitCode, boolean timedOut, Duration wallTime, String stdout,
        String stderr, List<JsonNode> events, List<ApiRequest> requests, List<String> problems,
        String debugLog, Path project, Path output) {

    public ClaudeRun {
        events = List.copyOf(events);
        requests = List.copyOf(requests);
        problems = List.copyOf(problems);
    }

    /**
     * What the model saw for a tool call; fails (AssertionError with diagnostics) when no request
     * carried a tool_result for it.
     */
    public ToolResult toolResult(String toolUseId) {
        return findToolResult(toolUseId).orElseThrow(() -> new AssertionError(
                "the model never saw a tool_result for " + toolUseId + "\n" + diagnostics()));
    }

    /** What the model saw for a tool call, if any request carried it. */
    public Optional<ToolResult> findToolResult(String toolUseId) {
        return FakeAnthropicApi.toolResult(requests, toolUseId);
    }

    /** The requests of one kind (e.g. only the main conversation's turns). */
    public List<ApiRequest> requests(ApiRequest.Kind kind) {
        return requests.stream().filter(r -> r.kind() == kind).toList();
    }

    /** The stream-json events of one {@code type} ({@code system}, {@code assistant}, ...). */
    public List<JsonNode> events(String type) {
        return events.stream().filter(e -> type.equals(e.path("type").asString(""))).toList();
    }

    /** The session id from the {@code system/init} event, or "" if there was none. */
    public String sessionId() {
        return events("system").stream()
                .filter(e -> "init".equals(e.path("subtype").asString("")))
                .map(e -> e.path("session_id").asString(""))
                .findFirst().orElse("");
    }

    /** The {@code result} text of the last {@code result} event, or "" if there was none. */
    public String resultText() {
        List<JsonNode> results = events("result");
        return results.isEmpty() ? "" : results.getLast().path("result").asString("");
    }

    /**
     * Throws AssertionError (with diagnostics) unless the CLI exited 0 in time and the fake API
     * saw nothing off-script; returns this, for chaining.
     */
    public ClaudeRun requireClean() {
        if (timedOut || exitCode != 0 || !problems.isEmpty()) {
            throw new AssertionError("claude run was not clean\n" + diagnostics());
        }
        return this;
    }

    /** A readable account of the run for assertion messages. */
    public String diagnostics() {
        List<String> lines = new ArrayList<>();
        lines.add("exit=" + exitCode + (timedOut ? " (TIMED OUT)" : "") + " wall=" + wallTime.toMillis()
                + "ms output=" + output);
        lines.add("fake API problems: " + problems);
        lines.add("requests:");
        requests.forEach(r -> lines.add("  " + r));
        lines.add("stderr: " + tail(stderr));
        lines.add("stdout (tail): " + tail(stdout));
        return String.join("\n", lines);
    }

    private static String tail(String s) {
        return s.length() <= 4000 ? s : "..." + s.substring(s.length() - 4000);
    }
}
