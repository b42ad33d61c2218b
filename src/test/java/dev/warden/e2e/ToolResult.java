package dev.warden.e2e;

import tools.jackson.databind.JsonNode;

/**
 * What the model saw for one tool call: the {@code tool_result} block the CLI sent back in its
 * next request. For a call a hook blocked, {@link #text} holds the hook's reason; for a call that
 * ran, the tool's real output.
 *
 * @param toolUseId the id of the tool_use it answers
 * @param text the result's text (text parts joined with a newline when the content is a list)
 * @param isError the block's {@code is_error} flag (false when absent)
 * @param raw the whole tool_result block as sent
 */
public record ToolResult(String toolUseId, String text, boolean isError, JsonNode raw) {

    static ToolResult of(JsonNode block) {
        JsonNode content = block.path("content");
        String text;
        if (content.isString()) {
            text = content.asString();
        } else if (content.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : content) {
                if (part.path("text").isString()) {
                    if (!sb.isEmpty()) {
                        sb.append('\n');
                    }
                    sb.append(part.path("text").asString());
                }
            }
            text = sb.toString();
        } else {
            text = "";
        }
        return new ToolResult(block.path("tool_use_id").asString(""), text,
                block.path("is_error").asBoolean(false), block);
    }
}
