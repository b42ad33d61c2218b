package dev.warden.e2e;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One HTTP request the CLI sent to the {@link FakeAnthropicApi}, as recorded.
 *
 * @param seq 0-based arrival order within the fake's lifetime
 * @param method HTTP method
 * @param path path and query, e.g. {@code /v1/messages?beta=true}
 * @param receivedNanos {@link System#nanoTime()} at arrival (for latency measurements)
 * @param kind how the fake classified it
 * @param conversation {@code "main"}, the subagent's prompt, or {@code ""} for side requests
 * @param turnIndex the scripted turn served (index in the conversation's script), or -1
 * @param body the raw request body
 * @param json the parsed body, or null when it was not JSON
 */
public record ApiRequest(int seq, String method, String path, long receivedNanos, Kind kind,
        String conversation, int turnIndex, String body, @Nullable JsonNode json) {

    /** How the fake classified a request. */
    public enum Kind {
        /** A turn of the main conversation (the {@code -p} prompt's). */
        MAIN,
        /** A turn of a scripted subagent's conversation. */
        SUBAGENT,
        /** A subagent conversation with no script (answered with a placeholder text). */
        UNSCRIPTED_SUBAGENT,
        /** A Messages request without tools (title, summary, ...): answered, consumes no turn. */
        SIDE,
        /** {@code POST /v1/messages/count_tokens}. */
        COUNT_TOKENS,
        /** Anything else (probes, unknown paths). */
        OTHER
    }

    /** The model named in the request body, or "". */
    public String model() {
        return json == null ? "" : json.path("model").asString("");
    }

    /** The names of the tools offered to the model. */
    public List<String> toolNames() {
        List<String> names = new ArrayList<>();
        if (json != null) {
            for (JsonNode t : json.path("tools")) {
                names.add(t.path("name").asString(""));
            }
        }
        return names;
    }

    /** Every tool_result block in the request's messages, oldest first. */
    public List<ToolResult> toolResults() {
        List<ToolResult> results = new ArrayList<>();
        if (json != null) {
            for (JsonNode m : json.path("messages")) {
                for (JsonNode b : m.path("content")) {
                    if ("tool_result".equals(b.path("type").asString(""))) {
                        results.add(ToolResult.of(b));
                    }
                }
            }
        }
        return results;
    }

    /** The system prompt's text (its blocks joined with newlines). */
    public String systemText() {
        if (json == null) {
            return "";
        }
        JsonNode system = json.path("system");
        if (system.isString()) {
            return system.asString();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode b : system) {
            sb.append(b.path("text").asString("")).append('\n');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "#" + seq + " " + method + " " + path + " " + kind
                + (conversation.isEmpty() ? "" : " conv=" + abbreviate(conversation))
                + (turnIndex >= 0 ? " turn=" + turnIndex : "")
                + (json == null ? "" : " model=" + model() + " tools=" + toolNames().size());
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
