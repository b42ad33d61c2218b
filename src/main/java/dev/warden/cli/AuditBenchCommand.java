package dev.warden.cli;

import dev.warden.audit.AuditBench;
import dev.warden.audit.AuditEntry;
import dev.warden.audit.AuditLog;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code warden audit bench}: the audit log's figures on this machine, in a scratch home.
 * Run: {@code ./warden audit bench --entries 100000 --threads 64}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure durable append throughput, verify throughput, proof cost and the hook's open+append+close cost.")
public final class AuditBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--entries", paramLabel = "N", description = "Entries to append (default 50000).")
    long entries = 50_000;

    @Option(names = "--threads", paramLabel = "T", description = "Concurrent writers (default 64).")
    int threads = 64;

    @Option(names = "--processes", paramLabel = "P", description = "Fresh processes for the open+append+close figure (default 10).")
    int processes = 10;

    @Option(names = "--dir", paramLabel = "DIR", description = "Scratch directory (default: a new temp dir, deleted after).")
    @Nullable Path dir;

    @Option(names = "--append-once", hidden = true, paramLabel = "HOME", description = "Child mode: one open+append+close.")
    @Nullable Path appendOnce;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (appendOnce != null) {
            long t0 = System.nanoTime();
            try (AuditLog log = AuditLog.open(appendOnce, InstantSource.system())) {
                log.append(new AuditEntry("tool.decision", Instant.now(), "bench", null, null, "Bash",
                        Map.of("decision", "allow", "input", Map.of("command", "ls"))));
            }
            out.println((System.nanoTime() - t0) / 1000);
            out.flush();
            return ExitCodes.OK;
        }
        Path scratch = dir != null ? dir : Files.createTempDirectory("warden-audit-bench");
        try {
            AuditBench.run(scratch.resolve("load"), threads, entries, line -> {
                out.println(line);
                out.flush();
            });
            hookProcesses(scratch.resolve("hook"), false, out);
            hookProcesses(scratch.resolve("hook-extract"), true, out);
        } finally {
            if (dir == null) {
                try (var s = Files.walk(scratch)) {
                    s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        return ExitCodes.OK;
    }

    /** Runs {@link #processes} fresh JVMs that each open, append once and close. */
    private void hookProcesses(Path home, boolean driverExtracts, PrintWriter out) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Long> inProcess = new ArrayList<>();
        List<Long> wall = new ArrayList<>();
        for (int i = 0; i < processes + 1; i++) {
            List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
            if (driverExtracts) {
                cmd.add("-Dwarden.sqlite.extract=true");
            }
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "audit", "bench",
                    "--append-once", home.toString()));
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes()).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                out.println("hook process failed: " + text);
                return;
            }
            long w = (System.nanoTime() - t0) / 1_000_000;
            if (i > 0) { // the first run creates the keys, the schema and the cached native library
                inProcess.add(Long.parseLong(text.lines().reduce((a, b) -> b).orElse("0")));
                wall.add(w);
            }
        }
        inProcess.sort(null);
        wall.sort(null);
        out.printf("fresh process open+append+close%s: median %.1f ms in-process, median %d ms whole process (JVM start included), %d runs%n",
                driverExtracts ? " (driver extracts its native library to /tmp)" : " (native library cached in WARDEN_HOME/lib)",
                inProcess.get(inProcess.size() / 2) / 1000.0, wall.get(wall.size() / 2), processes);
        out.flush();
    }
}
