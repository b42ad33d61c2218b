package dev.warden.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A throw-away Claude Code project: a work dir with {@code .claude/}, its own HOME, TMPDIR and a
 * folder for hook scripts, all under one root (a {@code @TempDir}). Configure it, then
 * {@link #run} the CLI as often as needed; each run gets its own output folder.
 *
 * <pre>{@code
 * ClaudeProject project = ClaudeCli.locate().project(tmp);
 * RecordingHook hook = project.recordingHook("deny", """
 *     echo '{"hookSpecificOutput":{"hookEventName":"PreToolUse",\
 *     "permissionDecision":"deny","permissionDecisionReason":"NOPE"}}'""");
 * project.settings(HookSettings.create().command("PreToolUse", "Bash", hook.command().toString()).json())
 *        .agent("narrow", "A narrow helper", "Bash", "Do only what you are told.");
 * api.script(Turn.bash("toolu_1", "echo hi"), Turn.text("done"));
 * ClaudeRun run = project.run(api, "go").requireClean();
 * }</pre>
 *
 * <p>How the CLI is started: {@code claude -p <prompt> --output-format stream-json --verbose
 * --permission-mode bypassPermissions}, stdin from /dev/null, in the work dir, with ONLY this
 * environment (no JAVA_HOME, nothing inherited): {@code PATH=/usr/local/bin:/usr/bin:/bin},
 * {@code HOME}, {@code TMPDIR}, {@code ANTHROPIC_BASE_URL} (the fake), a dummy
 * {@code ANTHROPIC_API_KEY}, {@code CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1},
 * {@code DISABLE_TELEMETRY=1}, {@code DISABLE_AUTOUPDATER=1}, plus {@code IS_SANDBOX=1} when
 * the tests run as root, and whatever {@link #env} added.
 *
 * <p>Why bypassPermissions: in the default mode {@code -p} cannot ask, so a Bash command that
 * writes a file is refused by the CLI itself ("Output redirection to ... needs approval",
 * is_error true) before any PreToolUse decision matters. {@code acceptEdits} lets such a
 * command run too, but bypassPermissions is the mode that never prompts. As root the CLI
 * refuses it ("--dangerously-skip-permissions cannot be used with root/sudo privileges",
 * exit 1) unless {@code IS_SANDBOX=1}. Hook payloads then carry
 * {@code "permission_mode":"bypassPermissions"}; {@link #permissionMode} changes it.
 */
public final class ClaudeProject {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** The PATH hooks see: what Claude Code gets from a login-less service manager. */
    public static final String MINIMAL_PATH = "/usr/local/bin:/usr/bin:/bin";

    private final ClaudeCli cli;
    private final Path root;
    private final Path dir;
    private final Path home;
    private final Path tmp;
    private final Path hooks;
    private final Map<String, String> extraEnv = new LinkedHashMap<>();
    private final List<String> extraArgs = new ArrayList<>();
    private @Nullable String permissionMode = "bypassPermissions";
    private Duration timeout = Duration.ofSeconds(60);
    private boolean debug;
    private int runs;

    ClaudeProject(ClaudeCli cli, Path root) {
        this.cli = cli;
        this.root = root.toAbsolutePath();
        this.dir = this.root.resolve("project");
        this.home = this.root.resolve("home");
        this.tmp = this.root.resolve("tmp");
        this.hooks = this.root.resolve("hooks");
        try {
            Files.createDirectories(dir.resolve(".claude"));
            Files.createDirectories(home);
            Files.createDirectories(tmp);
            Files.createDirectories(hooks);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The work dir (the CLI's cwd and project root). */
    public Path dir() {
        return dir;
    }

    /** The throw-away HOME ({@code ~/.claude} lives here). */
    public Path home() {
        return home;
    }

    /** Writes {@code .claude/settings.json} of the project, verbatim (invalid text allowed). */
    public ClaudeProject settings(String json) {
        return file(".claude/settings.json", json);
    }

    /** Writes {@code .claude/settings.local.json} of the project, verbatim. */
    public ClaudeProject localSettings(String json) {
        return file(".claude/settings.local.json", json);
    }

    /** Writes the user's {@code ~/.claude/settings.json}, verbatim. */
    public ClaudeProject userSettings(String json) {
        write(home.resolve(".claude/settings.json"), json);
        return this;
    }

    /**
     * Defines a custom subagent type, {@code .claude/agents/<name>.md}.
     *
     * @param tools the frontmatter {@code tools} line (e.g. {@code "Bash, Read"}), or null to
     *     leave it out (the agent then gets every tool)
     * @param systemPrompt the body of the file
     */
    public ClaudeProject agent(String name, String description, @Nullable String tools,
            String systemPrompt) {
        StringBuilder md = new StringBuilder("---\n")
                .append("name: ").append(name).append('\n')
                .append("description: ").append(description).append('\n');
        if (tools != null) {
            md.append("tools: ").append(tools).append('\n');
        }
        md.append("---\n").append(systemPrompt).append('\n');
        return file(".claude/agents/" + name + ".md", md.toString());
    }

    /** Writes a file relative to the work dir, creating folders. */
    public ClaudeProject file(String relative, String content) {
        write(dir.resolve(relative), content);
        return this;
    }

    /**
     * Writes an executable {@code sh} script outside the project ({@code <root>/hooks/name}) and
     * returns its absolute path, for a command hook. {@code #!/bin/sh} is prepended.
     */
    public Path script(String name, String body) {
        Path p = hooks.resolve(name);
        write(p, "#!/bin/sh\n" + body + "\n");
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /**
     * A command hook that saves every stdin payload, then runs {@code then} (shell text, e.g.
     * {@code echo '{...}'} or {@code echo why >&2; exit 2}; empty to just allow).
     */
    public RecordingHook recordingHook(String name, String then) {
        Path log = hooks.resolve(name + ".log");
        try {
            Files.createDirectories(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // One file per call: hooks of one event run in parallel, so appending to one file could
        // interleave. Nanosecond names keep the call order.
        Path p = script(name, "cat > \"" + log + "/$(date +%s%N)-$$.json\"\n" + then);
        return new RecordingHook(p, log);
    }

    /** Adds an environment variable for the CLI (and so for its hooks). */
    public ClaudeProject env(String name, String value) {
        extraEnv.put(name, value);
        return this;
    }

    /** The {@code --permission-mode}; null leaves the flag out (the CLI's default mode). */
    public ClaudeProject permissionMode(@Nullable String mode) {
        this.permissionMode = mode;
        return this;
    }

    /** Extra CLI arguments, appended after the standard ones. */
    public ClaudeProject args(String... args) {
        extraArgs.addAll(List.of(args));
        return this;
    }

    /**
     * Runs the CLI with {@code --debug}, which writes {@code ~/.claude/debug/<session>.txt}
     * (not stderr); {@link ClaudeRun#debugLog()} then holds it.
     */
    public ClaudeProject debug(boolean on) {
        this.debug = on;
        return this;
    }

    /** How long a run may take before the CLI and its children are killed; default 60 s. */
    public ClaudeProject timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** The environment a run gets, exactly. */
    public Map<String, String> environment(FakeAnthropicApi api) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", MINIMAL_PATH);
        env.put("HOME", home.toString());
        env.put("TMPDIR", tmp.toString());
        env.put("ANTHROPIC_BASE_URL", api.baseUrl().toString());
        env.put("ANTHROPIC_API_KEY", "sk-ant-fake-e2e-key");
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        env.put("DISABLE_TELEMETRY", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        if (isRoot()) {
            env.put("IS_SANDBOX", "1");
        }
        env.putAll(extraEnv);
        return env;
    }

    /**
     * Runs {@code claude -p prompt} against the fake and waits for it (at most the timeout).
     * The fake's script must be set before.
     */
    public ClaudeRun run(FakeAnthropicApi api, String prompt) {
        Path out = root.resolve("run-" + (++runs));
        List<String> cmd = new ArrayList<>(List.of(cli.executable().toString(),
                "-p", prompt, "--output-format", "stream-json", "--verbose"));
        if (permissionMode != null) {
            cmd.add("--permission-mode");
            cmd.add(permissionMode);
        }
        if (debug) {
            cmd.add("--debug");
        }
        cmd.addAll(extraArgs);
        try {
            Files.createDirectories(out);
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.resolve("stdout.jsonl").toFile())
                    .redirectError(out.resolve("stderr.txt").toFile());
            pb.environment().clear();
            pb.environment().putAll(environment(api));
            FakeAnthropicApi.Mark mark = api.mark();
            long start = System.nanoTime();
            Process p = pb.start();
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            String stdout = Files.readString(out.resolve("stdout.jsonl"));
            String stderr = Files.readString(out.resolve("stderr.txt"));
            List<JsonNode> events = events(stdout);
            return new ClaudeRun(done ? p.exitValue() : -1, !done, wall, stdout, stderr, events,
                    api.requestsSince(mark), api.problemsSince(mark),
                    debug ? debugLog(events) : "", dir, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running claude", e);
        }
    }

    private String debugLog(List<JsonNode> events) throws IOException {
        Path logs = home.resolve(".claude/debug");
        for (JsonNode e : events) {
            Path log = logs.resolve(e.path("session_id").asString("-") + ".txt");
            if (Files.isRegularFile(log)) {
                return Files.readString(log);
            }
        }
        Path latest = logs.resolve("latest");
        return Files.isRegularFile(latest) ? Files.readString(latest) : "";
    }

    private static List<JsonNode> events(String stdout) {
        List<JsonNode> events = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (line.startsWith("{")) {
                try {
                    events.add(JSON.readTree(line));
                } catch (RuntimeException e) {
                    // not an event line; the raw stdout is kept for diagnostics
                }
            }
        }
        return events;
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static void write(Path p, String content) {
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
