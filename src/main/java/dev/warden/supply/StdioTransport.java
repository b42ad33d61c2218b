package dev.warden.supply;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The stdio side of an MCP probe: starts the server process and speaks newline-delimited
 * JSON-RPC with it, for the SDK's {@link io.modelcontextprotocol.client.McpSyncClient}.
 *
 * <p>Design note — why not the SDK's {@code StdioClientTransport}: a probe runs code we have not
 * reviewed yet, so it must (1) start it with a minimal environment — the SDK's transport starts
 * from the caller's whole environment, secrets included; (2) say clearly why a server failed —
 * the SDK's transport drops a non-JSON line silently (it only logs) and leaves the pending
 * request to time out, and does not notice the process exiting; (3) stop the whole process tree
 * — {@code npx} and shell wrappers leave grandchildren behind when only the direct child gets a
 * signal. Everything above the byte stream (initialisation, pagination, schema types) is the
 * SDK's. {@link #failure()} completes with a human-readable reason as soon as the server exits,
 * writes an over-long message, or keeps writing non-protocol output.
 */
final class StdioTransport implements McpClientTransport {

    /** Non-JSON lines tolerated on stdout (some servers print a banner) before giving up. */
    private static final int MAX_NOISE_LINES = 20;
    private static final int STDERR_TAIL = 2048;

    private final List<String> command;
    private final Map<String, String> env;
    private final Path cwd;
    private final McpJsonMapper mapper;
    private final int maxMessageBytes;
    private final CompletableFuture<String> failure = new CompletableFuture<>();
    private final StringBuilder stderrTail = new StringBuilder();
    private volatile @Nullable Process process;
    private volatile boolean closing;
    private volatile @Nullable String firstNoise;

    StdioTransport(List<String> command, Map<String, String> env, Path cwd, McpJsonMapper mapper, int maxMessageBytes) {
        this.command = List.copyOf(command);
        this.env = Map.copyOf(env);
        this.cwd = cwd;
        this.mapper = mapper;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Completes with a reason when the server can no longer answer. */
    CompletableFuture<String> failure() {
        return failure;
    }

    /** The first non-protocol line the server wrote on stdout, for error messages. */
    @Nullable String noise() {
        return firstNoise;
    }

    /** The last lines the server wrote on stderr. */
    String stderr() {
        synchronized (stderrTail) {
            return stderrTail.toString().strip();
        }
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return Mono.fromRunnable(() -> {
            ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                String msg = "cannot start '" + command.get(0) + "': " + e.getMessage();
                failure.complete(msg);
                throw new IllegalStateException(msg, e);
            }
            process = p;
            Thread.ofVirtual().name("mcp-probe-stdout").start(() -> readStdout(p, handler));
            Thread.ofVirtual().name("mcp-probe-stderr").start(() -> readStderr(p));
        });
    }

    private void readStdout(Process p, Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        int noiseLines = 0;
        try (InputStream in = p.getInputStream()) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                int from = 0;
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        line.write(buf, from, i - from);
                        from = i + 1;
                        String text = line.toString(StandardCharsets.UTF_8).strip();
                        line.reset();
                        if (text.isEmpty()) {
                            continue;
                        }
                        McpSchema.@Nullable JSONRPCMessage msg = parse(text);
                        if (msg == null) {
                            if (firstNoise == null) {
                                firstNoise = TextChecks.snippet(text);
                            }
                            if (++noiseLines > MAX_NOISE_LINES) {
                                failure.complete("the server writes output that is not MCP JSON-RPC on stdout, e.g. \""
                                        + firstNoise + "\"");
                                return;
                            }
                            continue;
                        }
                        handler.apply(Mono.just(msg)).subscribe(x -> { }, e -> { });
                    }
                }
                line.write(buf, from, n - from);
                if (line.size() > maxMessageBytes) {
                    failure.complete("the server sent a message larger than " + (maxMessageBytes >> 20) + " MiB");
                    return;
                }
            }
        } catch (IOException e) {
            // stream closed: the process exited or we are closing; handled below
        }
        if (!closing) {
            String why;
            try {
                boolean exited = p.waitFor(2, TimeUnit.SECONDS);
                why = exited ? "the server exited with code " + p.exitValue() : "the server closed its stdout";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                why = "the server closed its stdout";
            }
            pause(); // let the stderr reader catch the last lines
            String err = stderr();
            failure.complete(why + (firstNoise != null ? " after writing non-protocol output \"" + firstNoise + "\"" : "")
                    + (err.isEmpty() ? "" : "; stderr: " + TextChecks.snippet(lastLines(err))));
        }
    }

    private McpSchema.@Nullable JSONRPCMessage parse(String text) {
        if (text.charAt(0) != '{') {
            return null;
        }
        try {
            return McpSchema.deserializeJsonRpcMessage(mapper, text);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void readStderr(Process p) {
        try (InputStream in = p.getErrorStream()) {
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (stderrTail) {
                    stderrTail.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    if (stderrTail.length() > STDERR_TAIL) {
                        stderrTail.delete(0, stderrTail.length() - STDERR_TAIL);
                    }
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return Mono.fromRunnable(() -> {
            Process p = process;
            if (p == null || closing) {
                return;
            }
            try {
                String json = mapper.writeValueAsString(message);
                OutputStream os = p.getOutputStream();
                synchronized (this) {
                    os.write(json.getBytes(StandardCharsets.UTF_8));
                    os.write('\n');
                    os.flush();
                }
            } catch (IOException e) {
                if (!closing) {
                    // usually the process died: give the stdout reader time to report how
                    Thread.ofVirtual().start(() -> {
                        try {
                            p.waitFor(2, TimeUnit.SECONDS);
                            Thread.sleep(500);
                        } catch (InterruptedException ie) {
                            Thread.currentThread().interrupt();
                        }
                        failure.complete("cannot write to the server: " + e.getMessage());
                    });
                }
            }
        });
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(this::stop);
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Stops the server the way the MCP specification asks — close its stdin, then SIGTERM, then
     * SIGKILL — applied to the whole process tree, in bounded time (well under two seconds).
     */
    void stop() {
        closing = true;
        Process p = process;
        if (p == null) {
            return;
        }
        try {
            p.getOutputStream().close();
        } catch (IOException e) {
            // already closed
        }
        try {
            if (p.waitFor(300, TimeUnit.MILLISECONDS) && p.descendants().findAny().isEmpty()) {
                return;
            }
            List<ProcessHandle> tree = p.descendants().toList();
            tree.forEach(ProcessHandle::destroy);
            p.destroy();
            p.waitFor(300, TimeUnit.MILLISECONDS);
            tree.forEach(ProcessHandle::destroyForcibly);
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return mapper.convertValue(data, typeRef);
    }

    private static String lastLines(String s) {
        List<String> lines = s.lines().filter(l -> !l.isBlank()).toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
