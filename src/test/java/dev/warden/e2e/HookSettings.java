package dev.warden.e2e;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds a Claude Code settings file with a {@code hooks} block.
 *
 * <pre>{@code
 * project.settings(HookSettings.create()
 *     .command("PreToolUse", "Bash", hook.command().toString())
 *     .http("PreToolUse", "*", "http://127.0.0.1:9/hook", Map.of("onFailure", "block"))
 *     .json());
 * }</pre>
 *
 * Each call adds one matcher group {@code {"matcher": m, "hooks": [hook]}} to the event's list.
 */
public final class HookSettings {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final ObjectNode root = JSON.createObjectNode();

    private HookSettings() {}

    /** An empty settings object. */
    public static HookSettings create() {
        return new HookSettings();
    }

    /** Adds a {@code command} hook. */
    public HookSettings command(String event, String matcher, String command) {
        return hook(event, matcher, Map.of("type", "command", "command", command));
    }

    /** Adds a {@code command} hook with extra fields ({@code timeout}, {@code onFailure}, ...). */
    public HookSettings command(String event, String matcher, String command, Map<String, ?> extra) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("type", "command");
        h.put("command", command);
        h.putAll(extra);
        return hook(event, matcher, h);
    }

    /** Adds an {@code http} hook. */
    public HookSettings http(String event, String matcher, String url) {
        return hook(event, matcher, Map.of("type", "http", "url", url));
    }

    /** Adds an {@code http} hook with extra fields ({@code onFailure}, {@code headers}, ...). */
    public HookSettings http(String event, String matcher, String url, Map<String, ?> extra) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("type", "http");
        h.put("url", url);
        h.putAll(extra);
        return hook(event, matcher, h);
    }

    /** Adds a hook given as a map (any type, any fields, valid or not). */
    public HookSettings hook(String event, String matcher, Map<String, ?> hook) {
        ObjectNode hooks = root.has("hooks") ? (ObjectNode) root.get("hooks") : root.putObject("hooks");
        ArrayNode groups = hooks.has(event) ? (ArrayNode) hooks.get(event) : hooks.putArray(event);
        ObjectNode group = groups.addObject();
        group.put("matcher", matcher);
        group.putArray("hooks").add(JSON.valueToTree(hook));
        return this;
    }

    /** Sets a top-level field next to {@code hooks} (e.g. {@code permissions}). */
    public HookSettings with(String field, Object value) {
        root.set(field, JSON.valueToTree(value));
        return this;
    }

    /** The settings file's text. */
    public String json() {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    @Override
    public String toString() {
        return json();
    }
}
