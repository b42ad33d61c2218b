package dev.warden.supply;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real stdio MCP server, built on the MCP Java SDK's server side, whose tools come from a file
 * read at start-up — so a test can approve it, edit the file, and watch the next start "rug pull".
 *
 * <p>File format: one tool per line, {@code name|description} or {@code name|description|param}
 * ({@code param} is the single string property of its input schema, default {@code query}).
 * A line without {@code |} is the description of a tool named {@code lookup}.
 */
public final class MutableToolServer {

    private MutableToolServer() {}

    public static void main(String[] args) throws Exception {
        List<McpServerFeatures.SyncToolSpecification> tools = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split("\\|", 3);
            String name = parts.length > 1 ? parts[0] : "lookup";
            String description = parts.length > 1 ? parts[1] : parts[0];
            String param = parts.length > 2 ? parts[2] : "query";
            Map<String, Object> schema = Map.of("type", "object",
                    "properties", Map.of(param, Map.of("type", "string")), "required", List.of(param));
            McpSchema.Tool tool = new McpSchema.Tool(name, null, description, schema, null, null, null);
            tools.add(new McpServerFeatures.SyncToolSpecification(tool,
                    (exchange, req) -> new McpSchema.CallToolResult(
                            List.of(new McpSchema.TextContent("ok")), false, null, null)));
        }
        McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(McpJsonDefaults.getMapper()))
                .serverInfo("mutable-tool-server", "1.0.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(tools)
                .build();
        // The stdio provider reads stdin on its own thread; stay alive until the client closes stdin.
        Thread.currentThread().join();
        server.close();
    }
}
