package dev.warden.cli;

import dev.warden.analysis.Analyzer;
import dev.warden.audit.AuditLog;
import dev.warden.audit.AuditTrail;
import dev.warden.audit.VerifyReport;
import dev.warden.client.Wire;
import dev.warden.engine.Engine;
import dev.warden.engine.EngineConfig;
import dev.warden.server.ServerConfig;
import dev.warden.server.ServerRuntime;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warden bench serve}: a load test of the control plane over HTTP. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = {
        "Load tests. (`./warden bench <JMH args>` runs the JMH micro-benchmarks instead.)"},
        subcommands = {BenchCommand.Serve.class, BenchCommand.Hook.class})
final class BenchCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, description = {
            "N concurrent simulated agents (virtual threads, one keep-alive connection each) send Claude Code",
            "PreToolUse events to /hooks/claude for a fixed time; reports sustained decisions/s, p50/p90/p99/max",
            "latency and errors. Without --server it starts a server in this JVM on a throw-away WARDEN_HOME",
            "(real audit log, durable appends) and verifies the audit log afterwards.",
            "Exit codes: 0 no errors and the log verifies; 1 errors or verification failed; 64 usage; 69 server unreachable."})
    static final class Serve implements Callable<Integer> {
        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--agents", paramLabel = "N", description = "Concurrent agents (default 64)")
        int agents = 64;

        @Option(names = "--seconds", paramLabel = "S", description = "Measured duration (default 10)")
        int seconds = 10;

        @Option(names = "--warmup", paramLabel = "S", description = "Warm-up before measuring, so the JIT has compiled the path (default 15)")
        int warmup = 15;

        @Option(names = "--server", paramLabel = "URL", description = "Load an already running server instead")
        @Nullable String server;

        @Option(names = "--token", paramLabel = "TOKEN", description = "Agent token for --server")
        @Nullable String token;

        @Option(names = "--no-durable", hidden = true, description = "Diagnosis only: records kept in memory, not in the audit log")
        boolean noDurable;

        static final String[] COMMANDS = {"git status", "ls -la src", "mvn -q test -Dtest=FooTest", "cat README.md | head -20",
            "grep -rn TODO src/main", "git diff --stat", "npm run lint", "echo done > /tmp/out.txt"};

        @Override
        public Integer call() throws Exception {
            if (agents < 1 || agents > 4096 || seconds < 1 || seconds > 3600 || warmup < 0) {
                throw new dev.warden.call.WardenException(dev.warden.call.WardenException.Kind.INVALID_INPUT,
                        "--agents 1..4096, --seconds 1..3600, --warmup >= 0");
            }
            PrintWriter out = spec.commandLine().getOut();
            Path tmp = null;
            ServerRuntime rt = null;
            URI url;
            String agentToken;
            Path project;
            if (server != null) {
                url = URI.create(server);
                agentToken = token != null ? token : Wiring.env().getOrDefault("WARDEN_AGENT_TOKEN", "");
                project = Path.of(System.getProperty("user.dir"));
            } else {
                tmp = Files.createTempDirectory("warden-bench");
                Path home = tmp.resolve("home");
                project = tmp.resolve("project");
                Files.createDirectories(project.resolve(".git"));
                EngineConfig cfg = new EngineConfig(home, tmp, null, null, null);
                AuditLog log = noDurable ? new AuditLog() {
                    final java.util.concurrent.atomic.AtomicLong n = new java.util.concurrent.atomic.AtomicLong();

                    @Override
                    public long append(dev.warden.audit.AuditEntry e) {
                        return n.getAndIncrement();
                    }

                    @Override
                    public void close() {}
                } : AuditLog.open(home, InstantSource.system());
                Engine engine = new Engine(cfg, Analyzer.standard(), log, List.of(), List.of(), InstantSource.system(), System::nanoTime, false);
                rt = ServerRuntime.start(engine, log, ServerConfig.defaults(), InstantSource.system(), "127.0.0.1", 0, "bench");
                url = rt.url();
                agentToken = Files.readString(home.resolve("agent.token")).strip();
            }
            out.printf("warden bench serve: %d agents, %d s warm-up + %d s measured, against %s (%s)%n", agents, warmup, seconds, url,
                    server == null ? "server in this JVM, load generator in this JVM" : "external server");
            out.printf("  cores available: %d%n", Runtime.getRuntime().availableProcessors());
            out.flush();
            Result warm = run(url, agentToken, project, warmup);
            Result r = run(url, agentToken, project, seconds);
            long[] lat = r.latencies();
            Arrays.sort(lat);
            out.printf("  decisions: %d in %.2f s = %.0f decisions/s (warm-up: %d)%n", lat.length, r.seconds(), lat.length / r.seconds(),
                    warm.latencies().length);
            if (lat.length > 0) {
                out.printf("  latency: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n", pct(lat, 50), pct(lat, 90), pct(lat, 99),
                        lat[lat.length - 1] / 1e6);
            }
            out.printf("  errors: %d%s%n", r.errors() + warm.errors(), r.firstError() == null ? "" : " (first: " + r.firstError() + ")");
            boolean ok = r.errors() + warm.errors() == 0;
            if (rt != null && noDurable) {
                rt.close();
                out.println("  (no durable records: diagnosis run)");
            } else if (rt != null) {
                rt.close();
                try (AuditTrail trail = AuditTrail.open(tmp.resolve("home"))) {
                    VerifyReport v = trail.verify(null);
                    out.printf("  audit log: %d entries, verify %s%n", trail.size(), v.ok() ? "OK" : "FAILED: " + v.problems());
                    ok &= v.ok() && trail.size() >= lat.length;
                }
                deleteTree(tmp);
            }
            out.flush();
            return ok ? ExitCodes.OK : ExitCodes.FAILED;
        }

        record Result(long[] latencies, double seconds, long errors, @Nullable String firstError) {}

        private Result run(URI url, String agentToken, Path project, int secs) throws InterruptedException {
            if (secs == 0) {
                return new Result(new long[0], 0, 0, null);
            }
            long end = System.nanoTime() + secs * 1_000_000_000L;
            List<long[]> perAgent = new ArrayList<>();
            int[] counts = new int[agents];
            AtomicLong errors = new AtomicLong();
            String[] first = new String[1];
            List<Thread> threads = new ArrayList<>();
            long start = System.nanoTime();
            for (int a = 0; a < agents; a++) {
                long[] lat = new long[200_000];
                perAgent.add(lat);
                int id = a;
                threads.add(Thread.ofVirtual().start(() -> {
                    Map<String, String> headers = Map.of("Content-Type", "application/json", "Authorization", "Bearer " + agentToken);
                    Wire.Connection c = null;
                    int n = 0;
                    try {
                        while (System.nanoTime() < end && n < lat.length) {
                            String cmd = COMMANDS[(id + n) % COMMANDS.length];
                            byte[] body = ("{\"session_id\":\"bench-" + id + "\",\"cwd\":" + quote(project.toString())
                                    + ",\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\",\"tool_input\":{\"command\":"
                                    + quote(cmd) + "},\"tool_use_id\":\"toolu_" + id + "_" + n + "\",\"permission_mode\":\"default\"}")
                                    .getBytes(StandardCharsets.UTF_8);
                            long t0 = System.nanoTime();
                            try {
                                if (c == null) {
                                    c = Wire.Connection.open(url, 5000, 30_000);
                                }
                                Wire.Response r = c.send("POST", "/hooks/claude", headers, body);
                                if (r.status() != 200 || !r.text().contains("permissionDecision")) {
                                    throw new IOException("HTTP " + r.status() + ": " + r.text());
                                }
                                lat[n++] = System.nanoTime() - t0;
                            } catch (IOException e) {
                                errors.incrementAndGet();
                                synchronized (first) {
                                    if (first[0] == null) {
                                        first[0] = e.getMessage();
                                    }
                                }
                                try {
                                    if (c != null) {
                                        c.close();
                                    }
                                } catch (IOException ignored) {
                                    // reconnect on the next round
                                }
                                c = null;
                            }
                        }
                    } finally {
                        counts[id] = n;
                        try {
                            if (c != null) {
                                c.close();
                            }
                        } catch (IOException ignored) {
                            // done
                        }
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            int total = Arrays.stream(counts).sum();
            long[] all = new long[total];
            int k = 0;
            for (int a = 0; a < agents; a++) {
                System.arraycopy(perAgent.get(a), 0, all, k, counts[a]);
                k += counts[a];
            }
            return new Result(all, elapsed, errors.get(), first[0]);
        }

        static double pct(long[] sorted, int p) {
            int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
            return sorted[Math.max(0, i)] / 1e6;
        }

        static String quote(String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }

        static void deleteTree(Path p) {
            try (var s = Files.walk(p)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Command(name = "hook", mixinStandardHelpOptions = true, description = {
            "Latency of one PreToolUse decision through each hook transport, as Claude Code pays it:",
            "embedded (a `warden hook claude` process per call), command client (a `warden hook claude --server`",
            "process per call) and http (one POST, as an http hook sends it). Starts a server in this JVM on a",
            "throw-away WARDEN_HOME unless --server is given. Prints median and p90 per transport.",
            "Exit codes: 0 measured; 1 a transport failed; 64 usage; 69 no launcher (run through ./warden)."})
    static final class Hook implements Callable<Integer> {
        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--calls", paramLabel = "N", description = "Calls per transport (default 20)")
        int calls = 20;

        @Override
        public Integer call() throws Exception {
            if (calls < 1 || calls > 10_000) {
                throw new dev.warden.call.WardenException(dev.warden.call.WardenException.Kind.INVALID_INPUT, "--calls 1..10000");
            }
            String launcher = Wiring.env().get("WARDEN_LAUNCHER");
            if (launcher == null || !Files.isExecutable(Path.of(launcher))) {
                throw new dev.warden.call.WardenException(dev.warden.call.WardenException.Kind.UNAVAILABLE,
                        "run this through the ./warden launcher (WARDEN_LAUNCHER is not set)");
            }
            PrintWriter out = spec.commandLine().getOut();
            Path tmp = Files.createTempDirectory("warden-bench-hook");
            Path home = tmp.resolve("home");
            Path project = tmp.resolve("project");
            Files.createDirectories(project.resolve(".git"));
            EngineConfig cfg = new EngineConfig(home, tmp, null, null, null);
            AuditLog log = Wiring.openServerLog(home);
            Engine engine = new Engine(cfg, Analyzer.standard(), log, List.of(), List.of(), InstantSource.system(), System::nanoTime, false);
            boolean ok = true;
            try (ServerRuntime rt = ServerRuntime.start(engine, log, ServerConfig.defaults(), InstantSource.system(), "127.0.0.1", 0, "bench")) {
                String token = Files.readString(home.resolve("agent.token")).strip();
                byte[] event = ("{\"session_id\":\"bench\",\"cwd\":" + Serve.quote(project.toString())
                        + ",\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"git status\"},"
                        + "\"tool_use_id\":\"toolu_bench\",\"permission_mode\":\"default\"}").getBytes(StandardCharsets.UTF_8);
                out.printf("warden bench hook: %d PreToolUse calls per transport, %d cores%n", calls, Runtime.getRuntime().availableProcessors());
                out.flush();
                ok &= report(out, "embedded command hook", time(() -> process(launcher, home, event, List.of())));
                ok &= report(out, "command client -> server", time(() -> process(launcher, home, event,
                        List.of("--server", rt.url().toString()))));
                ok &= report(out, "http -> server", time(() -> {
                    Wire.Response r = Wire.send(rt.url(), "POST", "/hooks/claude", Map.of("Content-Type", "application/json",
                            "Authorization", "Bearer " + token), event, 3000, 30_000);
                    return r.status() == 200 && r.text().contains("permissionDecision");
                }));
            } finally {
                Serve.deleteTree(tmp);
            }
            return ok ? ExitCodes.OK : ExitCodes.FAILED;
        }

        interface Call {
            boolean run() throws Exception;
        }

        private long[] time(Call c) throws Exception {
            c.run();  // one unmeasured call: first-use costs (files, caches)
            long[] t = new long[calls];
            for (int i = 0; i < calls; i++) {
                long t0 = System.nanoTime();
                if (!c.run()) {
                    return new long[0];
                }
                t[i] = System.nanoTime() - t0;
            }
            Arrays.sort(t);
            return t;
        }

        private static boolean report(PrintWriter out, String name, long[] sorted) {
            if (sorted.length == 0) {
                out.printf("  %-26s FAILED (a call did not answer with a decision)%n", name);
                out.flush();
                return false;
            }
            out.printf("  %-26s median %7.1f ms   p90 %7.1f ms%n", name, Serve.pct(sorted, 50), Serve.pct(sorted, 90));
            out.flush();
            return true;
        }

        private static boolean process(String launcher, Path home, byte[] event, List<String> extra) throws Exception {
            List<String> cmd = new ArrayList<>(List.of(launcher, "hook", "claude"));
            cmd.addAll(extra);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("WARDEN_HOME", home.toString());
            pb.environment().remove("WARDEN_AGENT_TOKEN");
            Process p = pb.start();
            p.getOutputStream().write(event);
            p.getOutputStream().close();
            String answer = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 && answer.contains("permissionDecision");
        }
    }

}
