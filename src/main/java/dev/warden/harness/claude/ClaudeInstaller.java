package dev.warden.harness.claude;

import dev.warden.call.WardenException;
import dev.warden.harness.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Wires Warden's hooks into a Claude Code settings file and takes them out again.
 *
 * <p>Design note. The settings file belongs to the user: the installer merges (other hooks and
 * settings stay as they are), is idempotent (installing twice writes the same file), keeps a
 * backup of what it replaced, validates what it is about to write with {@link SettingsCheck}
 * (Claude Code silently drops a whole file with one invalid entry) and refuses to write an
 * invalid file. Warden's own entries are recognised by their command ({@code ... hook claude}),
 * not by an extra field, because an unknown field could itself invalidate the file. The deny
 * floor it adds to {@code permissions.deny} is listed in a manifest in {@code WARDEN_HOME}, so
 * uninstall removes exactly what install added.
 */
public final class ClaudeInstaller {

    /** Hook timeout in seconds for PreToolUse (Warden answers well within it). */
    public static final int PRE_TOOL_TIMEOUT_S = 30;
    /** Hook timeout in seconds for SessionStart (it may re-probe MCP servers, each bounded). */
    public static final int SESSION_START_TIMEOUT_S = 60;
    /** Hook timeout in seconds for the recording-only events. */
    public static final int RECORD_TIMEOUT_S = 15;

    private static final Pattern OURS = Pattern.compile("warden['\"]?\\s+hook\\s+claude(\\s|$)");

    /**
     * What to install.
     *
     * @param settingsFile the Claude Code settings file to change
     * @param hookCommand  the shell command Claude Code runs for each event
     * @param denyFloor    permission rules to add to {@code permissions.deny} as defence in depth
     * @param manifest     where to remember which deny rules were added
     */
    public record Target(Path settingsFile, String hookCommand, List<String> denyFloor, Path manifest,
            @Nullable Server server) {
        /** The embedded hook: every event runs {@code hookCommand}. */
        public Target(Path settingsFile, String hookCommand, List<String> denyFloor, Path manifest) {
            this(settingsFile, hookCommand, denyFloor, manifest, null);
        }
    }

    /** How hooks reach a Warden server. */
    public enum Transport {
        /** Claude Code {@code http} hooks POST to the server (SessionStart still runs the command client). */
        HTTP,
        /** Every event runs the thin command client {@code warden hook claude --server URL}. */
        COMMAND
    }

    /**
     * Server mode.
     *
     * @param url            the server's base URL
     * @param transport      http hooks or the command client
     * @param preToolTimeout the PreToolUse hook timeout in seconds (approval waits end 15 s before it)
     * @param defer          headless runs: answer {@code defer} (the -p session ends and is resumed
     *                       after approval) instead of waiting
     */
    public record Server(String url, Transport transport, int preToolTimeout, boolean defer) {}

    /** The PreToolUse timeout installed for server mode: long enough for a human to approve. */
    public static final int SERVER_PRE_TOOL_TIMEOUT_S = 330;
    /** The environment variable http hooks read the agent token from. */
    public static final String TOKEN_ENV = "WARDEN_AGENT_TOKEN";

    /** What install or uninstall did. */
    public record Result(Path settingsFile, boolean changed, @Nullable Path backup, List<String> addedDenyRules,
            List<String> notes) {}

    private final InstantSource clock;

    public ClaudeInstaller(InstantSource clock) {
        this.clock = clock;
    }

    /** The command line a hook entry runs: the launcher, quoted, with WARDEN_HOME pinned when given. */
    public static String hookCommand(Path launcher, @Nullable Path wardenHome, @Nullable String label) {
        StringBuilder sb = new StringBuilder();
        if (wardenHome != null) {
            sb.append("WARDEN_HOME=").append(shellQuote(wardenHome.toString())).append(' ');
        }
        if (label != null && !label.isBlank()) {
            sb.append("WARDEN_LABEL=").append(shellQuote(label)).append(' ');
        }
        sb.append(shellQuote(launcher.toString())).append(" hook claude");
        return sb.toString();
    }

    static String shellQuote(String s) {
        if (!s.isEmpty() && s.chars().allMatch(c -> Character.isLetterOrDigit(c) || "/._-+=:@".indexOf(c) >= 0)) {
            return s;
        }
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }

    /** True for a hook command that runs Warden's Claude hook. */
    public static boolean isWardenCommand(String command) {
        return OURS.matcher(command).find();
    }

    /** Adds (or refreshes) Warden's hooks and deny floor. */
    public Result install(Target t) {
        ObjectNode settings = read(t.settingsFile());
        String before = settings.toPrettyString();
        List<String> notes = new ArrayList<>();
        ObjectNode hooks = objectField(settings, "hooks", "hooks");
        removeOurs(hooks);
        for (String event : ClaudeHook.INSTALLED_EVENTS) {
            ArrayNode groups = hooks.has(event) && hooks.get(event).isArray() ? (ArrayNode) hooks.get(event) : hooks.putArray(event);
            ObjectNode group = Json.MAPPER.createObjectNode();
            if (isToolEvent(event)) {
                group.put("matcher", "*");
            }
            ObjectNode hook = group.putArray("hooks").addObject();
            boolean pre = event.equals("PreToolUse");
            int timeout = pre ? PRE_TOOL_TIMEOUT_S : event.equals("SessionStart") ? SESSION_START_TIMEOUT_S : RECORD_TIMEOUT_S;
            Server server = t.server();
            if (server != null && pre) {
                timeout = server.preToolTimeout();
            }
            if (server != null && server.transport() == Transport.HTTP && !event.equals("SessionStart")) {
                hook.put("type", "http");
                hook.put("url", server.url().replaceAll("/+$", "") + "/hooks/claude");
                ObjectNode headers = hook.putObject("headers");
                headers.put("Authorization", "Bearer $" + TOKEN_ENV);
                headers.put("X-Warden-Hook-Timeout", Integer.toString(timeout));
                if (server.defer()) {
                    headers.put("X-Warden-Defer", "1");
                }
                hook.putArray("allowedEnvVars").add(TOKEN_ENV);
            } else {
                hook.put("type", "command");
                hook.put("command", server == null ? t.hookCommand() : t.hookCommand() + " --server " + shellQuote(server.url())
                        + " --timeout " + timeout + (server.defer() && pre ? " --defer" : ""));
            }
            hook.put("timeout", timeout);
            if (pre) {
                // A crash, timeout, refusal or unreachable server must block the call, not let it through.
                hook.put("onFailure", "block");
            }
            groups.add(group);
        }

        Set<String> previouslyAdded = new LinkedHashSet<>(readManifest(t.manifest(), t.settingsFile()));
        ObjectNode perms = objectField(settings, "permissions", "permissions");
        ArrayNode deny = perms.has("deny") && perms.get("deny").isArray() ? (ArrayNode) perms.get("deny") : perms.putArray("deny");
        Set<String> existing = new LinkedHashSet<>();
        deny.forEach(n -> existing.add(n.asString()));
        List<String> added = new ArrayList<>();
        for (String rule : t.denyFloor()) {
            if (!existing.contains(rule)) {
                deny.add(rule);
                added.add(rule);
            }
        }
        Set<String> ownedNow = new LinkedHashSet<>();
        for (String rule : t.denyFloor()) {
            if (previouslyAdded.contains(rule) || added.contains(rule)) {
                ownedNow.add(rule);
            }
        }
        // Rules a previous install added that the floor no longer has are taken out again.
        for (String stale : previouslyAdded) {
            if (!t.denyFloor().contains(stale)) {
                removeString(deny, stale);
            }
        }
        List<String> problems = SettingsCheck.problems(settings);
        if (!problems.isEmpty()) {
            throw new WardenException(WardenException.Kind.INVALID_INPUT, t.settingsFile()
                    + " would be invalid after installing, and Claude Code would silently ignore all of it; nothing was written:\n  "
                    + String.join("\n  ", problems));
        }
        String after = settings.toPrettyString();
        Path backup = null;
        boolean changed = !after.equals(before) || !Files.exists(t.settingsFile());
        if (changed) {
            backup = write(t.settingsFile(), after);
        } else {
            notes.add("already installed; nothing changed");
        }
        writeManifest(t.manifest(), t.settingsFile(), ownedNow);
        return new Result(t.settingsFile(), changed, backup, added, notes);
    }

    /** Removes Warden's hooks and the deny rules Warden added; leaves everything else alone. */
    public Result uninstall(Path settingsFile, Path manifest) {
        if (!Files.exists(settingsFile)) {
            return new Result(settingsFile, false, null, List.of(), List.of("no settings file; nothing to remove"));
        }
        ObjectNode settings = read(settingsFile);
        String before = settings.toPrettyString();
        if (settings.get("hooks") instanceof ObjectNode hooks) {
            removeOurs(hooks);
            if (hooks.isEmpty()) {
                settings.remove("hooks");
            }
        }
        List<String> removed = new ArrayList<>();
        if (settings.get("permissions") instanceof ObjectNode perms && perms.get("deny") instanceof ArrayNode deny) {
            for (String rule : readManifest(manifest, settingsFile)) {
                if (removeString(deny, rule)) {
                    removed.add(rule);
                }
            }
            if (deny.isEmpty()) {
                perms.remove("deny");
            }
            if (perms.isEmpty()) {
                settings.remove("permissions");
            }
        }
        String after = settings.toPrettyString();
        Path backup = null;
        boolean changed = !after.equals(before);
        if (changed) {
            backup = write(settingsFile, after);
        }
        writeManifest(manifest, settingsFile, Set.of());
        return new Result(settingsFile, changed, backup, removed,
                changed ? List.of() : List.of("Warden was not installed here; nothing changed"));
    }

    /** The Warden hook commands installed in a settings file, by event. */
    public static Map<String, List<String>> installedCommands(JsonNode settings) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        JsonNode hooks = settings.get("hooks");
        if (hooks == null || !hooks.isObject()) {
            return out;
        }
        for (Map.Entry<String, JsonNode> e : hooks.properties()) {
            if (!e.getValue().isArray()) {
                continue;
            }
            for (JsonNode group : e.getValue()) {
                JsonNode hs = group.get("hooks");
                if (hs == null || !hs.isArray()) {
                    continue;
                }
                for (JsonNode h : hs) {
                    if (isOurs(h)) {
                        JsonNode c = h.has("command") ? h.get("command") : h.get("url");
                        out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(c.asString());
                    }
                }
            }
        }
        return out;
    }

    /** Warden's entries: a command running {@code warden hook claude}, or an http hook to {@code .../hooks/claude}. */
    static boolean isOurs(JsonNode hook) {
        JsonNode c = hook.get("command");
        if (c != null && c.isString() && isWardenCommand(c.stringValue())) {
            return true;
        }
        JsonNode u = hook.get("url");
        return "http".equals(hook.path("type").asString("")) && u != null && u.isString() && u.stringValue().endsWith("/hooks/claude");
    }

    private static boolean isToolEvent(String event) {
        return switch (event) {
            case "PreToolUse", "PostToolUse", "PostToolUseFailure", "PermissionRequest" -> true;
            default -> false;
        };
    }

    private static void removeOurs(ObjectNode hooks) {
        List<String> emptyEvents = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : hooks.properties()) {
            if (!(e.getValue() instanceof ArrayNode groups)) {
                continue;
            }
            for (int i = groups.size() - 1; i >= 0; i--) {
                JsonNode group = groups.get(i);
                if (!(group.get("hooks") instanceof ArrayNode hs)) {
                    continue;
                }
                for (int j = hs.size() - 1; j >= 0; j--) {
                    if (isOurs(hs.get(j))) {
                        hs.remove(j);
                    }
                }
                if (hs.isEmpty()) {
                    groups.remove(i);
                }
            }
            if (groups.isEmpty()) {
                emptyEvents.add(e.getKey());
            }
        }
        emptyEvents.forEach(hooks::remove);
    }

    private static boolean removeString(ArrayNode array, String value) {
        for (int i = array.size() - 1; i >= 0; i--) {
            if (array.get(i).isString() && array.get(i).stringValue().equals(value)) {
                array.remove(i);
                return true;
            }
        }
        return false;
    }

    private static ObjectNode objectField(ObjectNode parent, String field, String what) {
        JsonNode n = parent.get(field);
        if (n == null) {
            return parent.putObject(field);
        }
        if (n instanceof ObjectNode o) {
            return o;
        }
        throw new WardenException(WardenException.Kind.INVALID_INPUT,
                "'" + what + "' in the settings file is not an object; fix it by hand before installing Warden");
    }

    private static ObjectNode read(Path file) {
        if (!Files.exists(file)) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (text.isBlank()) {
                return Json.MAPPER.createObjectNode();
            }
            JsonNode n = Json.MAPPER.readTree(text);
            if (n instanceof ObjectNode o) {
                return o;
            }
            throw new WardenException(WardenException.Kind.INVALID_INPUT, file + " is not a JSON object; fix it by hand first");
        } catch (JacksonException e) {
            throw new WardenException(WardenException.Kind.INVALID_INPUT,
                    file + " is not valid JSON (" + e.getOriginalMessage() + "); fix it by hand first, nothing was changed");
        } catch (IOException e) {
            throw new WardenException(WardenException.Kind.UNAVAILABLE, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes atomically; returns the backup of the previous file, if there was one. */
    private @Nullable Path write(Path file, String text) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path backup = null;
            if (Files.exists(file)) {
                String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(clock.instant());
                backup = dir.resolve(file.getFileName() + ".warden-backup-" + stamp);
                Files.copy(file, backup, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
            Path tmp = dir.resolve("." + file.getFileName() + ".warden-tmp");
            Files.writeString(tmp, text + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return backup;
        } catch (IOException e) {
            throw new WardenException(WardenException.Kind.UNAVAILABLE, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> readManifest(Path manifest, Path settingsFile) {
        try {
            if (!Files.exists(manifest)) {
                return List.of();
            }
            JsonNode n = Json.MAPPER.readTree(Files.readString(manifest));
            JsonNode rules = n.path(settingsFile.toAbsolutePath().normalize().toString());
            List<String> out = new ArrayList<>();
            if (rules.isArray()) {
                rules.forEach(r -> out.add(r.asString()));
            }
            return out;
        } catch (IOException | JacksonException e) {
            return List.of();
        }
    }

    private static void writeManifest(Path manifest, Path settingsFile, Set<String> rules) {
        try {
            ObjectNode root = Files.exists(manifest) && Json.MAPPER.readTree(Files.readString(manifest)) instanceof ObjectNode o
                    ? o : Json.MAPPER.createObjectNode();
            String key = settingsFile.toAbsolutePath().normalize().toString();
            if (rules.isEmpty()) {
                root.remove(key);
            } else {
                ArrayNode a = root.putArray(key);
                rules.forEach(a::add);
            }
            Files.createDirectories(manifest.toAbsolutePath().getParent());
            Files.writeString(manifest, root.toPrettyString() + "\n", StandardCharsets.UTF_8);
        } catch (IOException | JacksonException e) {
            throw new WardenException(WardenException.Kind.UNAVAILABLE, "cannot write " + manifest + ": " + e.getMessage(), e);
        }
    }
}
