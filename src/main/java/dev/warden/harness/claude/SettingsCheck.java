package dev.warden.harness.claude;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Validates a Claude Code settings file the way Claude Code does, because Claude Code drops a
 * whole settings file, silently, when one entry is invalid — and with it every hook and every
 * permission rule in that file, Warden's included.
 *
 * <p>What drops a file (observed with the real CLI 2.1.332 in the e2e suite): invalid JSON or an
 * empty file; a wrong type the schema knows (a string or non-positive timeout, a non-string
 * matcher, {@code model: 123}, {@code permissions.deny} as a string, {@code hooks} as an array,
 * an event whose value is not an array, a matcher group without {@code hooks}); an unknown hook
 * type; a command hook without {@code command}; an http hook without a valid url; an unknown
 * {@code onFailure}. Tolerated: unknown top-level fields, unknown fields inside a hook entry,
 * unknown event names, unparseable permission rules.
 */
public final class SettingsCheck {

    /** Hook events Claude Code accepts in settings (an unknown event name invalidates the file). */
    public static final Set<String> KNOWN_EVENTS = Set.of("PreToolUse", "PostToolUse", "PostToolUseFailure",
            "PostToolBatch", "PermissionRequest", "Notification", "UserPromptSubmit", "Stop", "SubagentStart",
            "SubagentStop", "PreCompact", "SessionStart", "SessionEnd");

    private static final Set<String> HOOK_TYPES = Set.of("command", "http", "prompt", "agent");

    private SettingsCheck() {}

    /** Problems that would make Claude Code ignore the file; empty when it is valid. */
    public static List<String> problems(JsonNode settings) {
        List<String> out = new ArrayList<>();
        if (!settings.isObject()) {
            out.add("the settings file is not a JSON object");
            return out;
        }
        for (String field : java.util.List.of("model", "apiKeyHelper", "outputStyle")) {
            JsonNode v = settings.get(field);
            if (v != null && !v.isString()) {
                out.add("'" + field + "' must be a string");
            }
        }
        JsonNode env = settings.get("env");
        if (env != null && !env.isObject()) {
            out.add("'env' must be an object");
        }
        JsonNode hooks = settings.get("hooks");
        if (hooks != null) {
            if (!hooks.isObject()) {
                out.add("'hooks' must be an object of event names");
            } else {
                for (Map.Entry<String, JsonNode> e : hooks.properties()) {
                    String event = e.getKey();
                    if (!e.getValue().isArray()) {
                        out.add("hooks." + event + ": must be an array of matcher groups");
                        continue;
                    }
                    int i = 0;
                    for (JsonNode group : e.getValue()) {
                        checkGroup("hooks." + event + "[" + i++ + "]", group, out);
                    }
                }
            }
        }
        JsonNode perms = settings.get("permissions");
        if (perms != null) {
            if (!perms.isObject()) {
                out.add("'permissions' must be an object");
            } else {
                JsonNode mode = perms.get("defaultMode");
                if (mode != null && !mode.isString()) {
                    out.add("permissions.defaultMode must be a string");
                }
                for (String list : List.of("allow", "deny", "ask", "additionalDirectories")) {
                    JsonNode l = perms.get(list);
                    if (l == null) {
                        continue;
                    }
                    if (!l.isArray()) {
                        out.add("permissions." + list + ": must be an array of rule strings");
                        continue;
                    }
                    for (JsonNode r : l) {
                        if (!r.isString()) {
                            out.add("permissions." + list + ": every rule must be a string");
                        }
                    }
                }
            }
        }
        return out;
    }

    private static void checkGroup(String where, JsonNode group, List<String> out) {
        if (!group.isObject()) {
            out.add(where + ": must be an object with 'hooks'");
            return;
        }
        JsonNode matcher = group.get("matcher");
        if (matcher != null && !matcher.isString()) {
            out.add(where + ".matcher: must be a string");
        }
        JsonNode hs = group.get("hooks");
        if (hs == null || !hs.isArray()) {
            out.add(where + ".hooks: must be an array of hooks");
            return;
        }
        int j = 0;
        for (JsonNode h : hs) {
            String at = where + ".hooks[" + j++ + "]";
            if (!h.isObject()) {
                out.add(at + ": must be an object");
                continue;
            }
            JsonNode type = h.get("type");
            if (type == null || !type.isString() || !HOOK_TYPES.contains(type.stringValue())) {
                out.add(at + ".type: must be one of " + HOOK_TYPES);
                continue;
            }
            switch (type.stringValue()) {
                case "command" -> {
                    if (!(h.get("command") instanceof JsonNode c && c.isString() && !c.stringValue().isBlank())) {
                        out.add(at + ".command: a command hook needs a non-empty 'command' string");
                    }
                }
                case "http" -> {
                    if (!(h.get("url") instanceof JsonNode u && u.isString()
                            && (u.stringValue().startsWith("http://") || u.stringValue().startsWith("https://")))) {
                        out.add(at + ".url: an http hook needs a 'url' string");
                    }
                }
                default -> {
                    if (!(h.get("prompt") instanceof JsonNode p && p.isString())) {
                        out.add(at + ".prompt: a " + type.stringValue() + " hook needs a 'prompt' string");
                    }
                }
            }
            JsonNode timeout = h.get("timeout");
            if (timeout != null && !(timeout.isNumber() && timeout.doubleValue() > 0)) {
                out.add(at + ".timeout: must be a positive number of seconds");
            }
            JsonNode onFailure = h.get("onFailure");
            if (onFailure != null && !(onFailure.isString() && onFailure.stringValue().equals("block"))) {
                out.add(at + ".onFailure: must be \"block\"");
            }
        }
    }
}
