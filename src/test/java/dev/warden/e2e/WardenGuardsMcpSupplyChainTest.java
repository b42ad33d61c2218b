package dev.warden.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warden.testing.WardenProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supply chain at call time, in the real Claude Code CLI with a real MCP server: after
 * `warden supply lock`, a tool of the reviewed server runs, and a server added afterwards (not
 * reviewed) is denied with Warden's reason.
 */
@Tag("e2e")
class WardenGuardsMcpSupplyChainTest {

    private static final Path SERVER = Path.of(System.getProperty("user.dir"),
            ".ci/mcp/node_modules/@modelcontextprotocol/server-everything/dist/index.js");

    @TempDir Path tmp;
    private FakeAnthropicApi api;
    private ClaudeProject project;
    private Path wardenHome;

    @BeforeEach
    void start() {
        ClaudeCli cli = ClaudeCli.locate();
        assumeTrue(Files.isRegularFile(SERVER), "server-everything is not installed at " + SERVER + ": run .ci/setup-mcp.sh");
        api = FakeAnthropicApi.start();
        project = cli.project(tmp);
        wardenHome = tmp.resolve("warden-home");
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    private WardenProcess.Result warden(String... args) {
        return WardenProcess.run(Map.of("WARDEN_HOME", wardenHome.toString(), "HOME", project.home().toString()),
                project.dir(), new byte[0], args);
    }

    private static String server(String name) {
        return "\"" + name + "\": {\"command\": \"node\", \"args\": [\"" + SERVER + "\", \"stdio\"]}";
    }

    @Test
    void aReviewedServerRunsAndAnUnreviewedOneIsDenied() {
        project.file(".mcp.json", "{\"mcpServers\": {" + server("everything") + "}}");
        WardenProcess.Result lock = warden("supply", "lock", project.dir().toString(), "--reviewer", "alice");
        assertThat(lock.exit()).as(lock.stdout() + lock.stderr()).isZero();
        assertThat(project.dir().resolve("warden.lock")).exists();

        // A server added after the review: Claude Code would load it, Warden has never seen it.
        project.file(".mcp.json", "{\"mcpServers\": {" + server("everything") + ", " + server("unreviewed") + "}}");
        project.settings("{\"enableAllProjectMcpServers\": true}");
        WardenProcess.Result install = warden("install", "--project", project.dir().toString());
        assertThat(install.exit()).as(install.stderr()).isZero();

        api.script(
                Turn.tool("toolu_ok", "mcp__everything__echo", Map.of("message", "HELLO-MCP")),
                Turn.tool("toolu_new", "mcp__unreviewed__echo", Map.of("message", "SHOULD-NOT-RUN")),
                Turn.text("done"));
        ClaudeRun run = project.run(api, "use the tools").requireClean();

        ToolResult ok = run.toolResult("toolu_ok");
        assertThat(ok.isError()).as(run::diagnostics).isFalse();
        assertThat(ok.text()).contains("HELLO-MCP");

        ToolResult denied = run.toolResult("toolu_new");
        assertThat(denied.isError()).as(run::diagnostics).isTrue();
        assertThat(denied.text()).contains("Warden denied this call").contains("supply.mcp-not-allowlisted")
                .contains("unreviewed").contains("warden supply");

        WardenProcess.Result log = warden("log", "--session", run.sessionId(), "--decision", "deny");
        assertThat(log.stdout()).contains("mcp__unreviewed__echo").contains("supply.mcp-not-allowlisted");
    }
}
