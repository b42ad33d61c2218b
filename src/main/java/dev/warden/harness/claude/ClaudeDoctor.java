package dev.warden.harness.claude;

import dev.warden.harness.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks that Warden really governs Claude Code here: every settings layer is valid (an invalid
 * file is dropped whole by Claude Code, silently), Warden's hooks are in a layer Claude Code
 * reads, and the installed hook command, run the way Claude Code runs it (a shell, a minimal
 * environment), really answers: a destructive probe call is denied and an ordinary one allowed.
 */
public final class ClaudeDoctor {

    /** How a check came out. */
    public enum Status { OK, WARN, FAIL }

    /** One check's result. */
    public record Check(Status status, String name, String detail) {}

    /** The settings layers Claude Code reads, most authoritative first. */
    public static Map<String, Path> layers(@Nullable Path project, Path home, Path managed) {
        Map<String, Path> m = new LinkedHashMap<>();
        m.put("managed", managed);
        if (project != null) {
            m.put("local", project.resolve(".claude/settings.local.json"));
            m.put("project", project.resolve(".claude/settings.json"));
        }
        m.put("user", home.resolve(".claude/settings.json"));
        return m;
    }

    private final Map<String, Path> layers;
    private final Path home;
    private final Path cwd;

    /**
     * @param layers the settings files to check (see {@link #layers})
     * @param home   the user's home, given to the probe as HOME
     * @param cwd    the directory the probe pretends to run in
     */
    public ClaudeDoctor(Map<String, Path> layers, Path home, Path cwd) {
        this.layers = layers;
        this.home = home;
        this.cwd = cwd;
    }

    public List<Check> run() {
        List<Check> out = new ArrayList<>();
        String command = null;
        String commandLayer = null;
        boolean managedOnly = false;
        boolean managedHasWarden = false;
        for (Map.Entry<String, Path> layer : layers.entrySet()) {
            Path file = layer.getValue();
            if (!Files.exists(file)) {
                continue;
            }
            JsonNode settings;
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                if (text.isBlank()) {
                    out.add(new Check(Status.FAIL, layer.getKey() + " settings", file
                            + " is empty: Claude Code ignores it (write {} or delete it)"));
                    continue;
                }
                settings = Json.MAPPER.readTree(text);
            } catch (JacksonException | IOException e) {
                out.add(new Check(Status.FAIL, layer.getKey() + " settings", file
                        + " is not valid JSON: Claude Code ignores the whole file, hooks included ("
                        + firstLine(e.getMessage()) + ")"));
                continue;
            }
            List<String> problems = SettingsCheck.problems(settings);
            Map<String, List<String>> ours = ClaudeInstaller.installedCommands(settings);
            if (!problems.isEmpty()) {
                out.add(new Check(Status.FAIL, layer.getKey() + " settings", file
                        + " would be silently dropped by Claude Code" + (ours.isEmpty() ? "" : ", and Warden's hooks with it")
                        + ": " + String.join("; ", problems)));
                continue;
            }
            out.add(new Check(Status.OK, layer.getKey() + " settings", file + " is valid"));
            if (layer.getKey().equals("managed") && settings.path("allowManagedHooksOnly").asBoolean(false)) {
                managedOnly = true;
            }
            if (!ours.isEmpty()) {
                if (layer.getKey().equals("managed")) {
                    managedHasWarden = true;
                }
                List<String> missing = new ArrayList<>();
                for (String e : ClaudeHook.INSTALLED_EVENTS) {
                    if (!ours.containsKey(e)) {
                        missing.add(e);
                    }
                }
                if (ours.containsKey("PreToolUse") && command == null) {
                    command = ours.get("PreToolUse").get(0);
                    commandLayer = layer.getKey();
                }
                out.add(new Check(missing.isEmpty() ? Status.OK : (missing.contains("PreToolUse") ? Status.FAIL : Status.WARN),
                        layer.getKey() + " hooks", missing.isEmpty() ? "Warden hooks installed for every event"
                                : "Warden hooks missing for: " + String.join(", ", missing)));
            }
        }
        if (managedOnly && !managedHasWarden) {
            out.add(new Check(Status.FAIL, "managed hooks only", "managed settings set allowManagedHooksOnly, so Claude Code "
                    + "ignores hooks outside them; install Warden in the managed settings"));
        }
        if (command == null) {
            out.add(new Check(Status.FAIL, "hook installed", "no valid settings layer runs Warden for PreToolUse; run `warden install`"));
            return out;
        }
        out.add(probe(command, commandLayer, "rm -rf ~", "deny"));
        out.add(probe(command, commandLayer, "git status", "allow"));
        return out;
    }

    /** Runs the hook command as Claude Code would, with one probe event, and checks the answer. */
    Check probe(String command, String layer, String bashCommand, String expected) {
        String name = "hook fires (" + bashCommand + " -> " + expected + ")";
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("session_id", "warden-doctor-" + UUID.randomUUID());
        event.put("cwd", cwd.toString());
        event.put("hook_event_name", "PreToolUse");
        event.put("tool_name", "Bash");
        event.putObject("tool_input").put("command", bashCommand).put("description", "warden doctor probe");
        event.put("tool_use_id", "toolu_warden_doctor");
        event.put("permission_mode", "default");
        if (command.startsWith("http://") || command.startsWith("https://")) {
            return probeHttp(command, layer, name, event.toString(), expected);
        }
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command).directory(cwd.toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", home.toString());
        long start = System.nanoTime();
        try {
            Process p = pb.start();
            p.getOutputStream().write(event.toString().getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            if (!p.waitFor(ClaudeInstaller.PRE_TOOL_TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Check(Status.FAIL, name, "the hook did not answer within " + ClaudeInstaller.PRE_TOOL_TIMEOUT_S + " s");
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int exit = p.exitValue();
            if (exit == 2) {
                return new Check(expected.equals("deny") ? Status.WARN : Status.FAIL, name,
                        "the hook (" + layer + " settings) blocked with exit 2 in " + ms + " ms: " + firstLine(stderr));
            }
            if (exit != 0) {
                return new Check(Status.FAIL, name, "the hook exited " + exit + " — Claude Code would let calls through: "
                        + firstLine(stderr));
            }
            if (stdout.isEmpty()) {
                return new Check(Status.WARN, name, "the hook answered nothing in " + ms + " ms (monitor mode?)");
            }
            JsonNode answer = Json.MAPPER.readTree(stdout);
            String decision = answer.path("hookSpecificOutput").path("permissionDecision").asString("");
            String reason = answer.path("hookSpecificOutput").path("permissionDecisionReason").asString("");
            Status s = decision.equals(expected) ? Status.OK
                    : expected.equals("allow") && (decision.equals("ask") || decision.equals("deny")) ? Status.WARN : Status.FAIL;
            return new Check(s, name, "answered '" + decision + "' in " + ms + " ms: " + firstLine(reason));
        } catch (IOException | JacksonException e) {
            return new Check(Status.FAIL, name, "could not run the hook command: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Check(Status.FAIL, name, "interrupted");
        }
    }

    private static String firstLine(@Nullable String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String l = nl < 0 ? s : s.substring(0, nl);
        return l.length() > 300 ? l.substring(0, 300) + "..." : l;
    }

    /**
     * Probes an http hook the way Claude Code calls it: POST with the agent token from
     * {@code WARDEN_AGENT_TOKEN} (what the installed header interpolates), else the local token file.
     */
    private Check probeHttp(String url, String layer, String name, String event, String expected) {
        Map<String, String> sys = System.getenv();
        String token = sys.get(ClaudeInstaller.TOKEN_ENV);
        boolean fromEnv = token != null && !token.isBlank();
        if (!fromEnv) {
            String wh = sys.get("WARDEN_HOME");
            java.nio.file.Path f = (wh == null || wh.isBlank() ? home.resolve(".warden") : java.nio.file.Path.of(wh)).resolve("agent.token");
            try {
                token = java.nio.file.Files.readString(f).strip();
            } catch (IOException e) {
                return new Check(Status.FAIL, name, "http hook " + url + ": no " + ClaudeInstaller.TOKEN_ENV + " and no " + f
                        + " — every call would be refused (401) and blocked");
            }
        }
        long start = System.nanoTime();
        try {
            String timeout = Integer.toString(ClaudeInstaller.SERVER_PRE_TOOL_TIMEOUT_S);
            dev.warden.client.Wire.Response r = dev.warden.client.Wire.send(java.net.URI.create(url.substring(0, url.length()
                    - "/hooks/claude".length())), "POST", "/hooks/claude", Map.of("Content-Type", "application/json",
                    "Authorization", "Bearer " + token, "X-Warden-Hook-Timeout", timeout), event.getBytes(StandardCharsets.UTF_8),
                    3000, 30_000);
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (r.status() != 200) {
                return new Check(Status.FAIL, name, "the server (" + layer + " settings) answered HTTP " + r.status()
                        + " — Claude Code blocks every call (onFailure: block): " + firstLine(r.text()));
            }
            JsonNode answer = Json.MAPPER.readTree(r.body());
            String decision = answer.path("hookSpecificOutput").path("permissionDecision").asString("");
            Status st = decision.equals(expected) ? (fromEnv ? Status.OK : Status.WARN) : expected.equals("allow") ? Status.WARN : Status.FAIL;
            return new Check(st, name, "the server answered '" + decision + "' in " + ms + " ms"
                    + (fromEnv ? "" : " (token read from the file: Claude Code itself needs " + ClaudeInstaller.TOKEN_ENV + " set)"));
        } catch (IOException | RuntimeException e) {
            return new Check(Status.FAIL, name, "the Warden server at " + url + " cannot be reached (" + e.getMessage()
                    + "): Claude Code blocks every call until it runs (`warden serve`)");
        }
    }

}
