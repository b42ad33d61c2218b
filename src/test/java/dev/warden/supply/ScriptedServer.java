package dev.warden.supply;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A hostile MCP server speaking raw JSON-RPC over stdio, for the probe's bad-input tests. Modes:
 * {@code huge-list} (5,000 tools on one page), {@code endless-pages} (a new cursor every page),
 * {@code huge-message} (one 9 MiB description), {@code duplicate-tools}, {@code paged} (three
 * well-behaved pages of two tools).
 */
public final class ScriptedServer {

    private ScriptedServer() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        JsonMapper json = JsonMapper.builder().build();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            JsonNode req = json.readTree(line);
            if (!req.has("id")) {
                continue;
            }
            Map<String, Object> result = new LinkedHashMap<>();
            switch (req.path("method").asString("")) {
                case "initialize" -> {
                    result.put("protocolVersion", req.path("params").path("protocolVersion").asString("2025-06-18"));
                    result.put("capabilities", Map.of("tools", Map.of()));
                    result.put("serverInfo", Map.of("name", "scripted-" + mode, "version", "0.0.1"));
                }
                case "tools/list" -> {
                    String cursor = req.path("params").path("cursor").asString("");
                    int page = cursor.isEmpty() ? 0 : Integer.parseInt(cursor.substring(1));
                    List<Map<String, Object>> tools = new ArrayList<>();
                    switch (mode) {
                        case "huge-list" -> {
                            for (int i = 0; i < 5000; i++) {
                                tools.add(tool("tool_" + i, "Tool number " + i));
                            }
                        }
                        case "endless-pages" -> {
                            tools.add(tool("t" + page, "page " + page));
                            result.put("nextCursor", "p" + (page + 1));
                        }
                        case "huge-message" -> tools.add(tool("big", "x".repeat(9 << 20)));
                        case "duplicate-tools" -> {
                            tools.add(tool("same", "one"));
                            tools.add(tool("same", "two"));
                        }
                        case "paged" -> {
                            tools.add(tool("page" + page + "_a", "first tool of page " + page));
                            tools.add(tool("page" + page + "_b", "second tool of page " + page));
                            if (page < 2) {
                                result.put("nextCursor", "p" + (page + 1));
                            }
                        }
                        default -> throw new IllegalArgumentException(mode);
                    }
                    result.put("tools", tools);
                }
                default -> { }
            }
            Map<String, Object> resp = new LinkedHashMap<>();
            resp.put("jsonrpc", "2.0");
            resp.put("id", json.treeToValue(req.get("id"), Object.class));
            resp.put("result", result);
            out.println(json.writeValueAsString(resp));
        }
    }

    private static Map<String, Object> tool(String name, String description) {
        return Map.of("name", name, "description", description,
                "inputSchema", Map.of("type", "object", "properties", Map.of()));
    }
}
