package dev.warden.supply;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Locates the real MCP servers the tests talk to: the npm packages installed by
 * {@code .ci/setup-mcp.sh} into {@code .ci/mcp/node_modules}, and this project's own
 * {@link MutableToolServer} run on the test class path.
 */
final class TestServers {

    static final Path NODE_MODULES = Path.of(System.getProperty("user.dir"), ".ci", "mcp", "node_modules");

    private TestServers() {}

    /** {@code node}, or the test is skipped with the reason. */
    static String node() {
        Optional<Path> node = which("node");
        assumeTrue(node.isPresent(), "node is not on PATH; MCP server tests need Node.js (run .ci/setup-mcp.sh)");
        return node.get().toString();
    }

    /** The entry script of an npm MCP server package, or the test is skipped with the reason. */
    static Path script(String pkg) {
        node();
        Path p = NODE_MODULES.resolve("@modelcontextprotocol").resolve(pkg).resolve("dist/index.js");
        assumeTrue(Files.isRegularFile(p), pkg + " is not installed at " + p + "; run .ci/setup-mcp.sh");
        return p;
    }

    static Item.McpServer everything() {
        return stdio("everything", node(), List.of(script("server-everything").toString(), "stdio"), Map.of());
    }

    static Item.McpServer filesystem(Path root) {
        return stdio("filesystem", node(), List.of(script("server-filesystem").toString(), root.toString()), Map.of());
    }

    static Item.McpServer stdio(String name, String command, List<String> args, Map<String, String> env) {
        return new Item.McpServer(name, "claude-code", "project", "test", "stdio", command, args, env, null, Map.of(), true);
    }

    /** A stdio launch of {@link MutableToolServer} reading its description from {@code descriptionFile}. */
    static Item.McpServer mutable(String name, Path descriptionFile) {
        return stdio(name, javaBin(), mutableArgs(descriptionFile), Map.of());
    }

    static List<String> mutableArgs(Path descriptionFile) {
        List<String> args = new ArrayList<>();
        args.add("-Xshare:auto");
        args.add("-XX:TieredStopAtLevel=1");
        args.add("-cp");
        args.add(System.getProperty("java.class.path"));
        args.add(MutableToolServer.class.getName());
        args.add(descriptionFile.toString());
        return args;
    }

    static String javaBin() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** A shell script server from src/test/resources/supply/servers. */
    static Item.McpServer shell(String name, String script, Path dir) throws IOException {
        Path p = dir.resolve(script);
        try (var in = TestServers.class.getResourceAsStream("/supply/servers/" + script)) {
            Files.copy(in, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return stdio(name, "/bin/sh", List.of(p.toString()), Map.of());
    }

    static Optional<Path> which(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    static Machine machine(Path project, Path home) {
        return new Machine(project, home, Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                "HOME", home.toString()), List.of());
    }
}
