package dev.warden.supply;

import dev.warden.call.ToolCall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What {@link SupplyGuard#check} costs per tool call, with a lock of 20 servers x 30 tools and a
 * probe cache (one server drifted).
 *
 * <p>Run: {@code mvn -q -B -Pjmh test-compile dependency:build-classpath -Dmdep.outputFile=target/jmh.cp
 * -Dmdep.includeScope=test} then {@code $JAVA_HOME/bin/java -cp target/classes:target/test-classes:$(cat target/jmh.cp)
 * org.openjdk.jmh.Main SupplyGuardBench -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SupplyGuardBench {

    private SupplyGuard guard;
    private ToolCall allowed;
    private ToolCall unknownServer;
    private ToolCall drifted;
    private ToolCall bash;

    @Setup
    public void setup() throws Exception {
        Path project = Files.createTempDirectory("bench-project");
        Path wardenHome = Files.createTempDirectory("bench-warden");
        Lock lock = Lock.empty();
        Map<String, ProbeCache.Entry> cache = new TreeMap<>();
        for (int s = 0; s < 20; s++) {
            Map<String, Object> tools = new TreeMap<>();
            for (int t = 0; t < 30; t++) {
                tools.put("tool_" + t, Map.of("description", "sha256:" + t, "inputSchema", "sha256:" + t));
            }
            Map<String, Object> identity = new TreeMap<>();
            identity.put("launch", Map.of("transport", "stdio", "command", "node", "args", List.of("s" + s + ".js")));
            identity.put("tools", tools);
            lock = lock.with("mcp:server" + s, new Lock.Entry("mcp", "project", ".mcp.json", identity, "bench",
                    Instant.EPOCH));
            Map<String, Object> seen = new TreeMap<>(identity);
            if (s == 7) {
                Map<String, Object> changed = new TreeMap<>(tools);
                changed.put("tool_3", Map.of("description", "sha256:changed", "inputSchema", "sha256:3"));
                seen.put("tools", changed);
            }
            cache.put("server" + s, new ProbeCache.Entry(Instant.EPOCH, "sha256:x", seen, null));
        }
        lock.write(project);
        ProbeCache.update(wardenHome, project, cache);
        guard = SupplyGuard.create(wardenHome);
        allowed = call(project, "mcp__server3__tool_12");
        unknownServer = call(project, "mcp__stranger__tool_1");
        drifted = call(project, "mcp__server7__tool_1");
        bash = call(project, "Bash");
        if (!guard.check(allowed).isEmpty() || guard.check(drifted).isEmpty()) {
            throw new IllegalStateException("bench setup is wrong");
        }
    }

    private static ToolCall call(Path project, String tool) {
        return new ToolCall("claude", "s", null, null, project.toString(), tool, Map.of(), null, null, null);
    }

    @Benchmark
    public Object allowedMcpCall() {
        return guard.check(allowed);
    }

    @Benchmark
    public Object unknownServer() {
        return guard.check(unknownServer);
    }

    @Benchmark
    public Object driftedServer() {
        return guard.check(drifted);
    }

    @Benchmark
    public Object nonMcpTool() {
        return guard.check(bash);
    }
}
