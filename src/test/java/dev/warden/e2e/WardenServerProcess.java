package dev.warden.e2e;

import dev.warden.testing.WardenProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./warden serve --port 0} as a separate process (the packaged launcher), for e2e tests:
 * started on a free port, its URL read from the line it prints, stopped with SIGTERM or killed.
 */
final class WardenServerProcess implements AutoCloseable {

    private final Process process;
    private final URI url;
    private final Path home;

    private WardenServerProcess(Process process, URI url, Path home) {
        this.process = process;
        this.url = url;
        this.home = home;
    }

    /** Starts a server on WARDEN_HOME {@code home}; waits (at most 60 s) until it listens. */
    static WardenServerProcess start(Path home, Path log) {
        try {
            Files.createDirectories(home);
            ProcessBuilder pb = new ProcessBuilder(WardenProcess.launcher().toString(), "serve", "--port", "0")
                    .redirectError(log.toFile());
            pb.environment().clear();
            pb.environment().putAll(Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "WARDEN_HOME", home.toString(),
                    "HOME", home.getParent().toString(), "USER", "tester"));
            Process p = pb.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + 60_000_000_000L;
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("Warden listening on ")) {
                    URI url = URI.create(line.substring("Warden listening on ".length()).strip());
                    Thread.ofVirtual().start(() -> drain(out));
                    return new WardenServerProcess(p, url, home);
                }
                if (System.nanoTime() > deadline) {
                    break;
                }
            }
            p.destroyForcibly();
            throw new IllegalStateException("warden serve did not start; stderr: " + Files.readString(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void drain(BufferedReader r) {
        try {
            while (r.readLine() != null) {
                // keep the pipe empty
            }
        } catch (IOException e) {
            // process gone
        }
    }

    URI url() {
        return url;
    }

    long pid() {
        return process.pid();
    }

    /** The local agent token the server wrote. */
    String agentToken() {
        try {
            return Files.readString(home.resolve("agent.token")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL, and wait for it to be gone. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM (graceful), waits; returns the exit code. */
    int stop() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }
}
