package dev.warden.cli;

import dev.warden.audit.AuditLog;
import dev.warden.engine.EngineConfig;
import dev.warden.harness.claude.ClaudeHook;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code warden hook claude}: one Claude Code hook event on stdin, the answer on stdout and the
 * exit code. {@link Main} runs it without picocli (it is on every tool call's path).
 */
@Command(name = "hook", description = {
        "Answer one hook event from a harness (stdin JSON -> stdout JSON + exit code).",
        "Exit codes: 0 answered (a PreToolUse decision is in the stdout JSON; other events get no",
        "output, and a failure to record them is reported on stderr without blocking);",
        "2 blocked (reason on stderr). The launcher turns any other exit into 2."})
final class HookCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "HARNESS", description = "The harness: claude")
    String harness = "";

    @Override
    public Integer call() {
        if (!harness.equals("claude")) {
            System.err.println("warden: unknown harness '" + harness + "'; supported: claude");
            return ExitCodes.HOOK_BLOCK;
        }
        return runClaude(System.in, System.out, System.err);
    }

    /** The hook path: never throws, and any failure blocks (exit 2). */
    static int runClaude(InputStream in, PrintStream out, PrintStream err) {
        Trace trace = new Trace(Wiring.env().containsKey("WARDEN_TRACE") ? err : null);
        ClaudeHook.Answer answer;
        byte[] input;
        try {
            input = readBounded(in, ClaudeHook.MAX_INPUT_BYTES + 1);
        } catch (IOException e) {
            answer = ClaudeHook.block("cannot read hook input: " + e.getMessage());
            return emit(answer, out, err);
        }
        trace.lap("read stdin");
        EngineConfig config = Wiring.config(null, null);
        // A hook process appends one entry: it does not sign a checkpoint on every exit (the log
        // signs every N entries or T seconds on append, and the server on shutdown).
        try (AuditLog log = AuditLog.builder(config.wardenHome()).checkpointOnClose(false).open()) {
            trace.lap("open audit log");
            ClaudeHook hook = new ClaudeHook(Wiring.engine(config, log), Wiring.env().get("WARDEN_LABEL"));
            trace.lap("assemble engine");
            answer = hook.handle(input);
            trace.lap("decide and record");
        } catch (RuntimeException | LinkageError e) {
            answer = ClaudeHook.block("Warden could not start its decision path: " + e.getMessage());
        }
        trace.lap("close");
        return emit(answer, out, err);
    }

    /** {@code WARDEN_TRACE=1}: where a hook process spends its time, on stderr. */
    private static final class Trace {
        private final PrintStream err;
        private long last = System.nanoTime();

        Trace(PrintStream err) {
            this.err = err;
            if (err != null) {
                ProcessHandle.current().info().startInstant().ifPresent(started -> err.printf(
                        "warden trace: %-20s %7.1f ms%n", "process start->main",
                        java.time.Duration.between(started, java.time.Instant.now()).toNanos() / 1e6));
            }
        }

        void lap(String what) {
            if (err != null) {
                long now = System.nanoTime();
                err.printf("warden trace: %-20s %7.1f ms%n", what, (now - last) / 1e6);
                last = now;
            }
        }
    }

    private static int emit(ClaudeHook.Answer a, PrintStream out, PrintStream err) {
        if (!a.stdout().isEmpty()) {
            out.print(a.stdout());
            out.flush();
        }
        if (!a.stderr().isEmpty()) {
            err.println(a.stderr());
            err.flush();
        }
        return a.exitCode();
    }

    static byte[] readBounded(InputStream in, int max) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(8192);
        byte[] chunk = new byte[8192];
        int total = 0;
        int n;
        while ((n = in.read(chunk)) > 0) {
            int take = Math.min(n, max - total);
            buf.write(chunk, 0, take);
            total += take;
            if (total >= max) {
                break;
            }
        }
        return buf.toByteArray();
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
