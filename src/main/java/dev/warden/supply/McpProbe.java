package dev.warden.supply;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Asks an MCP server for its tool list: initialise, list tools (following pagination), close —
 * with the MCP Java SDK's sync client, in bounded time, and with a minimal environment.
 *
 * <p>Design note: the child process gets {@code PATH} and {@code HOME} from the caller and only
 * the variables its configuration lists (after {@code ${VAR}} / {@code ${VAR:-default}}
 * expansion, as Claude Code does), so probing an unreviewed server never hands it the caller's
 * tokens. Every failure — cannot start, exits, hangs, speaks garbage, sends too much — becomes a
 * {@link Result} with a message, never an exception, so a scan of many servers goes on.
 */
final class McpProbe {

    /** Tool lists longer than this are refused: no real server needs more, and digests must stay cheap. */
    static final int MAX_TOOLS = 2000;
    /** Pages followed before giving up on a server that paginates forever. */
    static final int MAX_PAGES = 100;
    /** Largest single message accepted from a server. */
    static final int MAX_MESSAGE_BYTES = 8 << 20;

    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private McpProbe() {}

    /** A tool as the server describes it. */
    record Tool(String name, String description, Map<String, Object> inputSchema) {}

    /**
     * What a probe found.
     *
     * @param error         why the probe failed, or null on success
     * @param tools         the tools, sorted by name (empty on failure)
     * @param serverName    the server's self-reported name, or empty
     * @param serverVersion the server's self-reported version, or empty
     * @param millis        how long it took
     */
    record Result(@Nullable String error, List<Tool> tools, String serverName, String serverVersion, long millis) {
        boolean ok() {
            return error == null;
        }
    }

    /** Probes one server within {@code timeout}. */
    static Result probe(Item.McpServer server, Machine machine, Duration timeout) {
        long start = System.nanoTime();
        Map<String, String> vars = new LinkedHashMap<>(machine.env());
        if (server.scope().startsWith("plugin:")) {
            vars.put("CLAUDE_PLUGIN_ROOT", Path.of(server.location()).getParent().toString());
        }
        McpJsonMapper mapper = McpJsonDefaults.getMapper();
        McpClientTransport transport;
        StdioTransport stdio = null;
        try {
            transport = switch (server.transport()) {
                case "stdio" -> {
                    List<String> cmd = new ArrayList<>();
                    cmd.add(expand(Objects.requireNonNull(server.command()), vars));
                    server.args().forEach(a -> cmd.add(expand(a, vars)));
                    stdio = new StdioTransport(cmd, childEnv(server, machine, vars), machine.projectDir(), mapper,
                            MAX_MESSAGE_BYTES);
                    yield stdio;
                }
                case "http" -> http(server, vars, mapper, timeout);
                case "sse" -> sse(server, vars, mapper, timeout);
                default -> throw new IllegalArgumentException("unknown transport '" + server.transport() + "'");
            };
        } catch (RuntimeException e) {
            return failed("cannot set up the connection: " + message(e), start);
        }
        McpSyncClient client = McpClient.sync(transport)
                .requestTimeout(timeout)
                .initializationTimeout(timeout)
                .clientInfo(McpSchema.Implementation.builder("warden-supply-probe", "1").build())
                .build();
        CompletableFuture<Result> work = CompletableFuture.supplyAsync(() -> listTools(client, start),
                r -> Thread.ofVirtual().name("mcp-probe-" + server.name()).start(r));
        CompletableFuture<String> broken = stdio == null ? new CompletableFuture<>() : stdio.failure();
        try {
            Object first = CompletableFuture.anyOf(work, broken).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (first instanceof Result r) {
                return r;
            }
            return failed(String.valueOf(first), start);
        } catch (TimeoutException e) {
            String extra = "";
            if (stdio != null) {
                if (stdio.noise() != null) {
                    extra += "; it wrote non-protocol output on stdout: \"" + stdio.noise() + "\"";
                }
                if (!stdio.stderr().isEmpty()) {
                    extra += "; stderr: " + TextChecks.snippet(stdio.stderr());
                }
            }
            return failed("no answer within " + timeout.toSeconds() + " s (the server hangs or is too slow)" + extra, start);
        } catch (ExecutionException e) {
            String why = message(e.getCause() == null ? e : e.getCause());
            if (stdio != null && stdio.failure().isDone()) {
                why = stdio.failure().getNow(why);
            }
            return failed(why, start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted", start);
        } finally {
            work.cancel(true);
            if (stdio != null) {
                stdio.stop();
            }
            closeQuietly(client);
        }
    }

    private static Result listTools(McpSyncClient client, long start) {
        McpSchema.InitializeResult init = client.initialize();
        List<Tool> tools = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        // listTools() without a cursor would follow every page itself, unbounded; page by hand
        String cursor = McpSchema.FIRST_PAGE;
        boolean hasTools = init.capabilities() != null && init.capabilities().tools() != null;
        for (int page = 0; hasTools; page++) {
            if (page >= MAX_PAGES) {
                return failed("the tool list did not end after " + MAX_PAGES + " pages", start);
            }
            McpSchema.ListToolsResult r = client.listTools(cursor);
            if (r.tools() != null) {
                for (McpSchema.Tool t : r.tools()) {
                    if (t == null || t.name() == null) {
                        return failed("the server listed a tool without a name", start);
                    }
                    tools.add(new Tool(t.name(), t.description() == null ? "" : t.description(),
                            t.inputSchema() == null ? Map.of() : t.inputSchema()));
                }
            }
            if (tools.size() > MAX_TOOLS) {
                return failed("the server lists more than " + MAX_TOOLS + " tools; refusing to pin a list that large", start);
            }
            cursor = r.nextCursor();
            if (cursor == null || cursor.isEmpty()) {
                break;
            }
            if (!cursors.add(cursor)) {
                return failed("the server's tool list pagination loops (cursor repeated)", start);
            }
        }
        Set<String> names = new HashSet<>();
        for (Tool t : tools) {
            if (!names.add(t.name())) {
                return failed("the server lists tool '" + t.name() + "' twice", start);
            }
        }
        tools.sort(java.util.Comparator.comparing(Tool::name));
        McpSchema.Implementation info = init.serverInfo();
        return new Result(null, List.copyOf(tools), info == null || info.name() == null ? "" : info.name(),
                info == null || info.version() == null ? "" : info.version(), elapsed(start));
    }

    /** PATH and HOME from the caller, plus exactly the variables the server's configuration lists. */
    static Map<String, String> childEnv(Item.McpServer server, Machine machine, Map<String, String> vars) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String keep : List.of("PATH", "HOME")) {
            String v = machine.env().get(keep);
            if (v != null) {
                env.put(keep, v);
            }
        }
        if (!env.containsKey("HOME")) {
            env.put("HOME", machine.home().toString());
        }
        server.env().forEach((k, v) -> env.put(k, expand(v, vars)));
        return env;
    }

    private static McpClientTransport http(Item.McpServer s, Map<String, String> vars, McpJsonMapper mapper, Duration timeout) {
        URI uri = URI.create(expand(Objects.requireNonNull(s.url()), vars));
        String base = uri.getScheme() + "://" + uri.getRawAuthority();
        String endpoint = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return HttpClientStreamableHttpTransport.builder(base)
                .endpoint(endpoint)
                .jsonMapper(mapper)
                .connectTimeout(timeout)
                .requestBuilder(headers(s, vars))
                .openConnectionOnStartup(false)
                .maxResponseSize(MAX_MESSAGE_BYTES)
                .build();
    }

    /** SSE is deprecated by the MCP spec (and the SDK) but still configured in the wild, so it is still probed. */
    @SuppressWarnings("deprecation")
    private static McpClientTransport sse(Item.McpServer s, Map<String, String> vars, McpJsonMapper mapper, Duration timeout) {
        URI uri = URI.create(expand(Objects.requireNonNull(s.url()), vars));
        String base = uri.getScheme() + "://" + uri.getRawAuthority();
        return HttpClientSseClientTransport.builder(base)
                .sseEndpoint(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/sse" : uri.getRawPath())
                .jsonMapper(mapper)
                .connectTimeout(timeout)
                .requestBuilder(headers(s, vars))
                .maxResponseSize(MAX_MESSAGE_BYTES)
                .build();
    }

    private static HttpRequest.Builder headers(Item.McpServer s, Map<String, String> vars) {
        HttpRequest.Builder b = HttpRequest.newBuilder();
        s.headers().forEach((k, v) -> b.header(k, expand(v, vars)));
        return b;
    }

    /** Expands {@code ${VAR}} and {@code ${VAR:-default}} the way Claude Code does in MCP configuration. */
    static String expand(String s, Map<String, String> vars) {
        if (!s.contains("${")) {
            return s;
        }
        Matcher m = VAR.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = vars.get(m.group(1));
            if (v == null) {
                v = m.group(2) == null ? "" : m.group(2);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static Result failed(String why, long start) {
        return new Result(why, List.of(), "", "", elapsed(start));
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** The first meaningful message and the root cause: "Client failed to initialize: ConnectException ...". */
    private static String message(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof ExecutionException
                || t.getMessage() == null) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        StringBuilder m = new StringBuilder(firstLine(t));
        Throwable c = t.getCause();
        for (int i = 0; i < 4 && c != null && c != c.getCause(); i++, c = c.getCause()) {
            String part = c.getClass().getSimpleName() + (c.getMessage() == null ? "" : " " + firstLine(c));
            if (m.indexOf(part) < 0) {
                m.append(": ").append(part);
            }
        }
        return TextChecks.snippet(m.toString());
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    private static void closeQuietly(McpSyncClient client) {
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                client.close();
            } catch (RuntimeException e) {
                // the transport is already stopped; nothing left to release
            }
        });
        try {
            t.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
