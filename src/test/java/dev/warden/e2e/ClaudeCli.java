package dev.warden.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Claude Code CLI, as installed by {@code .ci/setup-claude.sh}.
 *
 * <pre>{@code
 * @Tag("e2e")
 * class MyE2eTest {
 *     @TempDir Path tmp;
 *
 *     @Test
 *     void bashOutputReachesTheModel() {
 *         try (FakeAnthropicApi api = FakeAnthropicApi.start()) {
 *             api.script(Turn.bash("toolu_1", "echo hi"), Turn.text("done"));
 *             ClaudeRun run = ClaudeCli.locate().project(tmp).run(api, "go").requireClean();
 *             assertThat(run.toolResult("toolu_1").text()).isEqualTo("hi");
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Where the CLI is looked for, first hit wins: the system property {@code warden.claude}
 * (path of the executable); {@code $WARDEN_CLAUDE_PREFIX/node_modules/.bin/claude}; then
 * {@code .ci/claude/node_modules/.bin/claude} in the first folder at or above the working
 * directory that has {@code .ci/setup-claude.sh}. If none is there, {@link #locate()} aborts
 * the test (JUnit assumption) with "Claude Code CLI not installed: run .ci/setup-claude.sh".
 * The npm package ships a native executable (no Node at run time); its version is checked
 * against {@link #VERSION} from the installed package.json.
 */
public final class ClaudeCli {

    /** The pinned CLI version whose behaviour the e2e tests assert. */
    public static final String VERSION = "2.1.332";

    private final Path executable;

    private ClaudeCli(Path executable) {
        this.executable = executable;
    }

    /**
     * The installed CLI; aborts the calling test (skipped, with the reason) when it is missing
     * or has another version than {@link #VERSION}.
     */
    public static ClaudeCli locate() {
        Optional<Path> found = find();
        Assumptions.assumeTrue(found.isPresent(),
                "Claude Code CLI not installed: run .ci/setup-claude.sh");
        Path exe = found.orElseThrow();
        if (System.getProperty("warden.claude") == null) {
            String v = installedVersion(exe).orElse("unknown");
            Assumptions.assumeTrue(VERSION.equals(v), "Claude Code CLI " + v + " found at " + exe
                    + ", but the e2e tests pin " + VERSION + ": run .ci/setup-claude.sh");
        }
        return new ClaudeCli(exe);
    }

    /** Where the CLI is installed, if it is. */
    public static Optional<Path> find() {
        String prop = System.getProperty("warden.claude");
        if (prop != null && !prop.isBlank()) {
            return executable(Path.of(prop));
        }
        String prefix = System.getenv("WARDEN_CLAUDE_PREFIX");
        if (prefix != null && !prefix.isBlank()) {
            return executable(Path.of(prefix, "node_modules", ".bin", "claude"));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(".ci/setup-claude.sh"))) {
                return executable(dir.resolve(".ci/claude/node_modules/.bin/claude"));
            }
        }
        return Optional.empty();
    }

    /** The path of the {@code claude} executable. */
    public Path executable() {
        return executable;
    }

    /**
     * A new throw-away project under {@code root} (usually a {@code @TempDir}): a HOME, a work
     * dir and a place for hook scripts. See {@link ClaudeProject}.
     */
    public ClaudeProject project(Path root) {
        return new ClaudeProject(this, root);
    }

    private static Optional<Path> executable(Path p) {
        return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }

    private static final Pattern VERSION_FIELD = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"");

    private static Optional<String> installedVersion(Path exe) {
        // .bin/claude -> ../@anthropic-ai/claude-code/bin/claude.exe
        Path pkg = exe.getParent().getParent().resolve("@anthropic-ai/claude-code/package.json");
        if (!Files.isRegularFile(pkg)) {
            return Optional.empty();
        }
        try {
            Matcher m = VERSION_FIELD.matcher(Files.readString(pkg));
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
