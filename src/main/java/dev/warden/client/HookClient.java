package dev.warden.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code warden hook claude --server URL}: the thin command hook. Reads one Claude Code event
 * from stdin, POSTs it to the server's {@code /hooks/claude}, prints the answer.
 *
 * <p>Design note: failing closed. Claude Code runs a tool unless the hook exits 2 or answers
 * deny, so every failure here — server unreachable, timeout, non-200, a body that is not one
 * JSON object — ends in exit 2 for the events that gate something (PreToolUse,
 * PermissionRequest, UserPromptSubmit, unknown events). SessionStart answers
 * {@code {"continue": false}} instead, which stops the session before any work. Events that gate
 * nothing (PostToolUse, Stop, SessionEnd, ...) exit 0 with a warning: exit 2 on Stop would keep
 * the agent running, and their tool has already run.
 *
 * <p>The request timeout is the hook's own timeout ({@code --timeout}, the value install wrote
 * into the settings) minus five seconds, so the client always answers before Claude Code kills
 * it; the server is told the timeout and keeps its approval waits shorter still.
 */
public final class HookClient {

    /** Largest event read from stdin. */
    static final int MAX_INPUT = 32 * 1024 * 1024;
    private static final Pattern EVENT = Pattern.compile("\"hook_event_name\"\\s*:\\s*\"([A-Za-z]{1,40})\"");

    private HookClient() {}

    /** True when a command line is the thin client's ({@code hook claude ... --server URL}). */
    public static boolean isClientCommand(String[] args) {
        if (args.length < 4 || !args[0].equals("hook") || !args[1].equals("claude")) {
            return false;
        }
        for (String a : args) {
            if (a.equals("--server") || a.startsWith("--server=")) {
                return true;
            }
        }
        return false;
    }

    /** Runs the client; returns the exit code (0 or 2). Never throws. */
    public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err, Map<String, String> env) {
        String server = null;
        int timeout = 30;
        boolean defer = false;
        for (int i = 2; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            if (a.startsWith("--server=")) {
                server = a.substring(9);
            } else if (a.equals("--server") && v != null) {
                server = v;
                i++;
            } else if (a.startsWith("--timeout=") || a.equals("--timeout") && v != null) {
                String t = a.startsWith("--timeout=") ? a.substring(10) : v;
                if (!a.contains("=")) {
                    i++;
                }
                try {
                    timeout = Math.max(6, Integer.parseInt(t));
                } catch (NumberFormatException e) {
                    return block(err, "bad --timeout '" + t + "'");
                }
            } else if (a.equals("--defer")) {
                defer = true;
            } else {
                return block(err, "unknown argument '" + a + "' for warden hook claude --server URL [--timeout S] [--defer]");
            }
        }
        byte[] input;
        try {
            input = readBounded(stdin);
        } catch (IOException e) {
            return block(err, "cannot read the hook event: " + e.getMessage());
        }
        String event = eventName(input);
        if (server == null || server.isBlank()) {
            return fail(event, out, err, "no --server URL given");
        }
        URI base;
        try {
            base = URI.create(server.strip());
        } catch (IllegalArgumentException e) {
            return fail(event, out, err, "--server is not a URL: " + server);
        }
        String token = token(env);
        if (token == null) {
            return fail(event, out, err, "no agent token: set WARDEN_AGENT_TOKEN or create WARDEN_HOME/agent.token (warden serve does)");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Authorization", "Bearer " + token);
        headers.put("X-Warden-Hook-Timeout", Integer.toString(timeout));
        if (defer) {
            headers.put("X-Warden-Defer", "1");
        }
        String label = env.get("WARDEN_LABEL");
        if (label != null && !label.isBlank() && label.indexOf('\n') < 0) {
            headers.put("X-Warden-Label", label);
        }
        Wire.Response r;
        try {
            r = Wire.send(base, "POST", "/hooks/claude", headers, input, 3000, (timeout - 5) * 1000);
        } catch (SocketTimeoutException e) {
            return fail(event, out, err, "the Warden server at " + base + " did not answer within " + (timeout - 5) + " s");
        } catch (IOException | RuntimeException e) {
            return fail(event, out, err, "the Warden server at " + base + " cannot be reached (" + e.getMessage() + ")");
        }
        if (r.status() != 200) {
            String msg = MiniJson.field(r.text(), "message");
            return fail(event, out, err, "the Warden server at " + base + " refused the event: HTTP " + r.status()
                    + (msg == null ? "" : " (" + msg + ")"));
        }
        String body = r.text().strip();
        if (!body.isEmpty() && !MiniJson.isObject(body)) {
            return fail(event, out, err, "the Warden server at " + base + " answered something that is not a JSON object");
        }
        if (!body.isEmpty() && !body.equals("{}")) {
            out.print(body);
            out.flush();
        }
        return 0;
    }

    private static @Nullable String token(Map<String, String> env) {
        String t = env.get("WARDEN_AGENT_TOKEN");
        if (t != null && !t.isBlank()) {
            return t.strip();
        }
        String home = env.get("WARDEN_HOME");
        Path dir = home != null && !home.isBlank() ? Path.of(home)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".warden");
        try {
            String s = Files.readString(dir.resolve("agent.token"), StandardCharsets.UTF_8).strip();
            return s.isEmpty() ? null : s;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static String eventName(byte[] input) {
        String head = new String(input, 0, Math.min(input.length, 64 * 1024), StandardCharsets.UTF_8);
        Matcher m = EVENT.matcher(head);
        return m.find() ? m.group(1) : "";
    }

    /** The failure answer for an event: block, stop the session, or warn. */
    static int fail(String event, PrintStream out, PrintStream err, String why) {
        switch (event) {
            case "SessionStart" -> {
                String reason = "Warden's control plane is unreachable, so this session cannot be governed: " + why
                        + ". Start it (warden serve) or ask an admin, then start the session again.";
                out.print("{\"continue\":false,\"stopReason\":" + MiniJson.quote(reason) + ",\"systemMessage\":" + MiniJson.quote(reason) + "}");
                out.flush();
                return 0;
            }
            case "PostToolUse", "PostToolUseFailure", "PostToolBatch", "Stop", "SubagentStop", "SessionEnd", "SubagentStart" -> {
                err.println("warden: could not record " + event + ": " + why);
                err.flush();
                return 0;
            }
            default -> {
                return block(err, why);
            }
        }
    }

    private static int block(PrintStream err, String why) {
        err.println("Warden blocked this call: " + why);
        err.flush();
        return 2;
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(8192);
        byte[] chunk = new byte[8192];
        int n;
        while ((n = in.read(chunk)) > 0) {
            if (buf.size() + n > MAX_INPUT) {
                throw new IOException("hook event larger than " + MAX_INPUT + " bytes");
            }
            buf.write(chunk, 0, n);
        }
        return buf.toByteArray();
    }
}
