package dev.warden.call;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A tool call an agent wants to make, independent of the harness it came from.
 *
 * @param harness        where it came from ({@code claude}, ...)
 * @param sessionId      the harness session; subagents share their parent's
 * @param agentId        the subagent's id, or null for the main agent
 * @param agentType      the subagent's type (its name), or null for the main agent
 * @param cwd            the working directory the call runs in
 * @param tool           the tool name ({@code Bash}, {@code Read}, {@code mcp__github__create_issue}, ...)
 * @param input          the tool input as JSON-like values (String, Long, Double, Boolean, List, Map);
 *                       unmodifiable
 * @param toolUseId      the harness's id for this call, when it gives one
 * @param permissionMode the harness's permission mode, when it gives one
 * @param label          an explicit binding label (from the hook's environment), or null
 */
public record ToolCall(
        String harness,
        String sessionId,
        @Nullable String agentId,
        @Nullable String agentType,
        String cwd,
        String tool,
        Map<String, @Nullable Object> input,
        @Nullable String toolUseId,
        @Nullable String permissionMode,
        @Nullable String label) {

    public ToolCall {
        Objects.requireNonNull(harness, "harness");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(cwd, "cwd");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(input, "input");
    }

    /** True for the main agent, false inside a subagent. */
    public boolean mainAgent() {
        return agentId == null && agentType == null;
    }

    /** A string field of the input, if present and a string. */
    public Optional<String> text(String field) {
        return input.get(field) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /** The MCP server for {@code mcp__server__tool} names. */
    public Optional<String> mcpServer() {
        if (!tool.startsWith("mcp__")) {
            return Optional.empty();
        }
        int end = tool.indexOf("__", 5);
        return Optional.of(end < 0 ? tool.substring(5) : tool.substring(5, end));
    }

    /** The MCP tool name for {@code mcp__server__tool} names. */
    public Optional<String> mcpTool() {
        if (!tool.startsWith("mcp__")) {
            return Optional.empty();
        }
        int end = tool.indexOf("__", 5);
        return end < 0 ? Optional.empty() : Optional.of(tool.substring(end + 2));
    }
}
